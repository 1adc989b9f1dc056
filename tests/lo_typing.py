"""Type into cells of a workbook through LibreOffice's input line, as a user would, and save.

Run with a Python that has LibreOffice's ``uno`` module (Debian: ``python3-uno``)::

    python3 tests/lo_typing.py SRC.xlsx DST.xlsx LOCALE PROFILE_DIR ACTIONS_JSON

``LOCALE`` (``de-DE``, ``en-US``, ``en-GB``) is set as LibreOffice's locale setting
(Tools > Options > Language Settings > Languages > Locale setting) in a fresh user
profile, so that numbers and dates typed are recognised as in that locale.
``ACTIONS_JSON`` is a list of ``["type", "Sheet!C2", "0,5"]`` (the text is entered
through the input handler, ``.uno:EnterString``, exactly as if typed and confirmed
with Enter), ``["format", "Sheet!C2", "@"]`` (the cell's number format, as
Format > Cells would set it) and ``["clear", "Sheet!C2", ""]`` (the Delete key). The
document is saved as .xlsx to DST, and what each typed cell holds afterwards is printed as
JSON.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale"
 oor:op="fuse"><value>{locale}</value></prop></item>
</oor:items>
"""


def _prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(port: int) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    for _ in range(240):
        try:
            return resolver.resolve(url)
        except Exception:  # not listening yet
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not answer on its UNO socket")


def main(src: str, dst: str, locale: str, profile: str, actions_json: str) -> None:
    actions = json.loads(actions_json)
    user = pathlib.Path(profile) / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE.format(locale=locale))
    port = 20_000 + os.getpid() % 20_000
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={pathlib.Path(profile).resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        ctx = _connect(port)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = pathlib.Path(src).resolve().as_uri()
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        controller = doc.getCurrentController()
        frame = controller.getFrame()
        formats = doc.getNumberFormats()
        report = {}
        for action, ref, text in actions:
            sheet, cell = ref.split("!")
            target = doc.Sheets.getByName(sheet).getCellRangeByName(cell)
            if action == "clear":  # as the Delete key: the content goes, the format stays
                target.setFormula("")
                continue
            if action == "format":
                key = formats.queryKey(text, doc.CharLocale, False)
                if key == -1:
                    key = formats.addNew(text, doc.CharLocale)
                target.NumberFormat = key
                continue
            controller.setActiveSheet(doc.Sheets.getByName(sheet))
            dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, (_prop("ToPoint", cell),))
            dispatcher.executeDispatch(
                frame, ".uno:EnterString", "", 0, (_prop("StringName", text),)
            )
            report[ref] = {"typed": text, "shown": target.getString(), "value": target.getValue()}
        out = pathlib.Path(dst).resolve().as_uri()
        doc.storeToURL(out, (_prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        print(json.dumps(report))
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # the bridge closes as the office quits
                pass
        office.wait(timeout=120)


if __name__ == "__main__":
    main(*sys.argv[1:6])

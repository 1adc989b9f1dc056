"""Hatch build hook: compile the message catalogues (``.po`` -> ``.mo``) into the wheel.

The ``.po`` files under ``mcda_iso/locale/`` are the source (edited by translators,
kept in git); the compiled ``.mo`` files are build products, so they are made here, by
Babel, at build time, and only the wheel carries them: an installed mcda_iso reads
them with Python's own :mod:`gettext` and needs no Babel at run time. A source
checkout has no ``.mo`` files; there :func:`mcda_iso.i18n.translations` compiles the
``.po`` in memory with Babel (a development dependency).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the .po files (compiled on first use)
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        self._out = tempfile.TemporaryDirectory(prefix="mcda_iso-mo-")
        for po in sorted((root / "mcda_iso" / "locale").glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(root).with_suffix(".mo")
            target = Path(self._out.name) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as fp:
                catalog = read_po(fp)
            with target.open("wb") as fp:
                write_mo(fp, catalog)
            build_data["force_include"][str(target)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            out.cleanup()

"""The built wheel carries the scenario data: install it non-editable in a fresh venv and run it.

This is slow (builds a wheel, installs dependencies), so it is marked ``wheel``;
CI runs it like every other test.
"""

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.mark.wheel
@pytest.mark.slow
def test_wheel_installs_and_runs_from_elsewhere(tmp_path):
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)])
    wheel = next(dist.glob("mcda_iso-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "mcda_iso/criteria/iso9001.toml" in names
    assert "mcda_iso/py.typed" in names
    for language in ("en", "de", "fr", "es", "it", "zh_Hans"):  # compiled by hatch_build.py
        assert f"mcda_iso/locale/{language}/LC_MESSAGES/mcda_iso.mo" in names
    assert "mcda_iso/report/whatif.js" in names  # the report's what-if script, inlined from here

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    run([str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = run([str(bindir / "mcda-iso"), "example"], cwd=elsewhere, env=env)
    assert "Recommended: ISO 9001 certification" in proc.stdout
    proc = run(
        [str(bindir / "python"), "-c", "import mcda_iso.scenarios as s; print(s.scenario_dir())"],
        cwd=elsewhere,
        env=env,
    )
    assert str(env_dir) in proc.stdout
    # The installed package reads its compiled catalogues with gettext alone: no Babel there.
    script = (
        "import importlib.util, tempfile, pathlib, openpyxl, mcda_iso\n"
        "assert importlib.util.find_spec('babel') is None\n"
        "path = mcda_iso.write_template(pathlib.Path(tempfile.mkdtemp()) / 't.xlsx', "
        "language='zh_Hans')\n"
        "print(openpyxl.load_workbook(path).sheetnames[1])"
    )
    proc = run([str(bindir / "python"), "-c", script], cwd=elsewhere, env=env)
    assert proc.stdout.strip() == "准则"

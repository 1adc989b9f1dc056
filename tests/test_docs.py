"""The documentation cannot go stale: it builds strictly, and every Python snippet runs.

Every fenced block tagged ``python`` in ``docs/*.md`` and ``README.md`` is executed, the
blocks of one page in order and in one namespace, in a temporary folder (so files a
snippet writes never land in the repository). A block holding ``>>>`` prompts runs as a
doctest and its printed output must match. Blocks in another language (``bash``,
``text``, ``toml``) are not Python and are not run; there is no way to skip a Python block.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import mcda_iso
from mcda_iso.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]
FENCE = re.compile(
    r"^(?P<indent>[ ]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```", re.M | re.S
)


def python_blocks(page: Path) -> list[tuple[int, str]]:
    """(line number, code) of every ```python block of a Markdown page."""
    text = page.read_text(encoding="utf-8")
    blocks = []
    for match in FENCE.finditer(text):
        if match.group("lang") not in ("python", "py", "pycon"):
            continue
        indent = len(match.group("indent"))
        body = "".join(line[indent:] for line in match.group("body").splitlines(keepends=True))
        line = text.count("\n", 0, match.start("body")) + 1
        blocks.append((line, body))
    return blocks


def _run_block(page: Path, line: int, code: str, namespace: dict) -> None:
    name = f"{page.name}:{line}"
    if re.search(r"^\s*>>> ", code, re.M):
        parser = doctest.DocTestParser()
        test = parser.get_doctest(code, namespace, name, str(page), line - 1)
        runner = doctest.DocTestRunner(
            optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
        )
        output: list[str] = []
        runner.run(test, out=output.append, clear_globs=False)
        namespace.update(test.globs)  # DocTest works on a copy; later blocks build on it
        assert runner.failures == 0, f"doctest failed in {name}:\n" + "".join(output)
    else:
        exec(compile(code, name, "exec"), namespace)


@pytest.mark.parametrize(
    "page", [p for p in PAGES if python_blocks(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_python_snippets_run(page, tmp_path, monkeypatch):
    blocks = python_blocks(page)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace: dict = {"__name__": "__docs__"}
    with warnings.catch_warnings():
        # A page may show an inconsistent judgment on purpose; the warning is what a user sees.
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        for line, code in blocks:
            _run_block(page, line, code, namespace)


def test_the_snippet_runner_finds_blocks_and_catches_failures(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "text\n\n```python\nx = 1\n```\n\n```bash\nexit 1\n```\n\n"
        "- item\n\n    ```python\n    >>> x + 1\n    3\n    ```\n",
        encoding="utf-8",
    )
    blocks = python_blocks(page)
    assert [line for line, _ in blocks] == [4, 14]
    namespace: dict = {}
    _run_block(page, *blocks[0], namespace)
    assert namespace["x"] == 1
    with pytest.raises(AssertionError, match=r"doctest failed in page.md:14"):
        _run_block(page, *blocks[1], namespace)  # x + 1 is 2, not 3


def test_every_page_is_in_the_navigation():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        assert page.name in nav, f"docs/{page.name} is not listed in mkdocs.yml's nav"


def test_cli_reference_covers_every_command_and_option():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    for name, command in sub.choices.items():
        assert f"mcda-iso {name}" in text, f"command {name!r} missing from docs/cli.md"
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in text, f"option {flag} of {name!r} missing from docs/cli.md"


def test_documentation_figures_script_runs(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(DOCS / "make_figures.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MPLBACKEND": "Agg"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    made = sorted(p.name for p in tmp_path.glob("*.png"))
    committed = sorted(p.name for p in (DOCS / "img").glob("*.png"))
    assert made and made == committed
    tutorial = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    for name in made:
        assert f"img/{name}" in tutorial or any(
            f"img/{name}" in p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")
        ), f"docs/img/{name} is not used by any page"


def _mkdocs() -> list[str]:
    exe = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or shutil.which("mkdocs")
    if exe is None:
        pytest.fail("mkdocs is not installed: pip install -e '.[test]' (or '.[docs]')")
    return [exe]


def test_mkdocs_build_strict(tmp_path):
    site = tmp_path / "site"
    proc = subprocess.run(
        [*_mkdocs(), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    # The API reference is generated from the docstrings.
    assert "write_report" in api and "Write the decision report: self-contained HTML, or PDF" in api
    assert (site / "tutorial" / "index.html").is_file()
    assert list((site / "img").glob("*.png"))

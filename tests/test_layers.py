"""The imports point down: model <- methods <- ranking <- analysis <- outputs <- cli.

Every ``import`` and ``from ... import`` of the package (at module level or inside a
function: a lazy import is still a dependency) is read with ``ast``; a module that
imports a module of a higher layer fails the test, naming both.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mcda_iso

PACKAGE = Path(mcda_iso.__file__).parent

#: Layer of every module, by its dotted name below ``mcda_iso`` (first match of the
#: longest prefix). ``mcda_iso/__init__.py`` re-exports everything and has no layer.
LAYERS: dict[str, int] = {
    # model: what is decided, validated once
    "errors": 0,
    "scale": 0,
    "problem": 0,
    "names": 0,
    "judgments": 0,
    "problem_parts": 0,
    "hierarchy": 0,
    "screening": 0,
    "scenarios": 0,
    "safe_write": 0,
    "i18n": 0,  # message catalogues: every layer may speak the user's language
    "notebook": 0,  # HTML layout of Problem, Result and SensitivityReport for Jupyter
    # methods: pure kernels with one validated entry point each
    "ahp": 1,
    "hierarchy_weights": 1,
    "topsis": 1,
    "synthesis": 1,
    # ranking: options, rank, Result
    "ranking": 2,
    # analysis of a Result
    "sensitivity": 3,
    # outputs and applications that read a Result and write files
    "workbook": 4,
    "excel": 4,
    "report": 4,
    "plots": 4,
    "assessment": 4,
    # the command line
    "cli": 5,
    "__main__": 5,
}
NAMES = ["model", "methods", "ranking", "analysis", "outputs", "cli"]

#: Known exceptions, each with its reason.
ALLOWED: dict[tuple[str, str], str] = {
    ("hierarchy", "hierarchy_weights"): "hierarchy.problem_weights and the other weight "
    "functions stay importable where users imported them from (a lazy re-export)",
}
#: Names of the top-level package a module may import: constants, not the public surface.
TOP_LEVEL_CONSTANTS = {"__version__"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _layer(module: str) -> int | None:
    if module == "":
        return None  # mcda_iso/__init__.py: the public surface
    top = module.split(".")[0]
    if top not in LAYERS:
        raise AssertionError(f"mcda_iso.{module} has no layer: add it to LAYERS in {__file__}")
    return LAYERS[top]


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import
                base = package[: len(package) - node.level + 1]
                prefix = ".".join(["mcda_iso", *base, node.module or ""]).rstrip(".")
            else:
                prefix = node.module or ""
            if prefix == "mcda_iso":  # from mcda_iso import ahp, rank, ...
                names = [f"mcda_iso.{alias.name}" for alias in node.names]
            else:
                names = [prefix]
        else:
            continue
        for name in names:
            if name.startswith("mcda_iso."):
                found.add(name.removeprefix("mcda_iso."))
    return found


def _all_modules() -> list[tuple[Path, str]]:
    return [(p, _module(p)) for p in sorted(PACKAGE.rglob("*.py"))]


def test_every_module_has_a_layer():
    for _, module in _all_modules():
        _layer(module)


@pytest.mark.parametrize(("path", "module"), _all_modules(), ids=lambda x: str(x))
def test_imports_point_down(path, module):
    own = _layer(module)
    if own is None:
        return
    wrong = []
    for imported in sorted(_imports(path, module)):
        if imported in TOP_LEVEL_CONSTANTS:
            continue
        if imported.split(".")[0] not in LAYERS:
            # a re-exported name (from mcda_iso import rank): the top-level package
            wrong.append(f"mcda_iso.{imported} (through mcda_iso/__init__.py)")
            continue
        theirs = _layer(imported)
        if theirs is not None and theirs > own and (module, imported) not in ALLOWED:
            wrong.append(f"mcda_iso.{imported} ({NAMES[theirs]})")
    assert not wrong, f"mcda_iso.{module} ({NAMES[own]}) imports a higher layer: {wrong}"


def test_the_layer_test_sees_a_violation(tmp_path):
    """The reader of imports finds function-level and `from mcda_iso import` imports."""
    source = tmp_path / "fake.py"
    source.write_text(
        "def f():\n    from mcda_iso.report import write_report\n"
        "from mcda_iso import sensitivity, errors\n"
    )
    assert _imports(source, "problem") == {"report", "sensitivity", "errors"}

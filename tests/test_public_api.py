"""The public surface: everything in __all__ exists, and the documented names are there."""

import importlib
import pkgutil
import subprocess
import sys
import types

import pytest

import mcda_iso


def test_all_names_exist():
    for name in mcda_iso.__all__:
        assert hasattr(mcda_iso, name), name


def test_contract_names():
    for name in ("Criterion", "Alternative", "Problem", "MCDAError", "rank", "load_scenario"):
        assert name in mcda_iso.__all__
    from mcda_iso import ahp, topsis

    assert callable(ahp.priorities) and callable(ahp.most_inconsistent)
    assert callable(topsis.closeness)


def test_error_tree_is_rooted_at_mcdaerror():
    errors = [getattr(mcda_iso, n) for n in mcda_iso.__all__ if n.endswith("Error")]
    assert len(errors) >= 5
    for err in errors:
        assert issubclass(err, mcda_iso.MCDAError) and issubclass(err, ValueError)


# --------------------------------------------------------------------------- issue 14:
# __all__ is exactly the public surface (as httpx's tests/test_exported_members.py), and
# the re-exports are resolved lazily (PEP 562), so `import mcda_iso` stays light.

HEAVY = ("matplotlib", "scipy", "pymcdm")

SUBMODULES = {
    info.name for info in pkgutil.iter_modules(mcda_iso.__path__) if not info.name.startswith("_")
}


def _load_everything() -> None:
    """Resolve every lazy name and import every public submodule (as a user might)."""
    for name in mcda_iso.__all__:
        getattr(mcda_iso, name)
    for name in SUBMODULES:
        importlib.import_module(f"mcda_iso.{name}")


def test_all_is_sorted_without_duplicates():
    assert mcda_iso.__all__ == sorted(set(mcda_iso.__all__))


@pytest.mark.parametrize("name", mcda_iso.__all__)
def test_every_name_in_all_imports(name):
    namespace: dict[str, object] = {}
    exec(f"from mcda_iso import {name}", namespace)  # the statement users write
    assert namespace[name] is getattr(mcda_iso, name)


@pytest.mark.parametrize("name", sorted(SUBMODULES))
def test_every_public_submodule_imports_from_the_package(name):
    namespace: dict[str, object] = {}
    exec(f"from mcda_iso import {name}", namespace)
    assert namespace[name] is importlib.import_module(f"mcda_iso.{name}")


def test_all_imports_are_exported():
    """httpx's check: every public member of the package namespace is in __all__.

    Submodules become attributes of the package when imported; a submodule is public
    through its own name, so only modules not named in __all__ are set aside here.
    """
    _load_everything()
    public = {
        name
        for name, value in vars(mcda_iso).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    exported = {
        name
        for name in mcda_iso.__all__
        if not isinstance(getattr(mcda_iso, name), types.ModuleType)
    }
    assert public == exported - {"__version__"}
    modules = {
        n
        for n, v in vars(mcda_iso).items()
        if isinstance(v, types.ModuleType) and not n.startswith("_")
    }
    assert modules <= SUBMODULES  # no stray public module in the namespace


def test_every_export_is_its_modules_public_name():
    """Each re-export is the object its module defines and lists in that module's __all__."""
    table = mcda_iso._LAZY
    assert set(table) == set(mcda_iso.__all__) - {"__version__"}
    for name, module_name in table.items():
        module = importlib.import_module(module_name)
        if module_name == f"mcda_iso.{name}":
            assert getattr(mcda_iso, name) is module
        else:
            assert name in module.__all__, (name, module_name)
            assert getattr(mcda_iso, name) is getattr(module, name)


def test_dir_lists_every_export_and_unknown_names_raise():
    assert set(mcda_iso.__all__) <= set(dir(mcda_iso))
    with pytest.raises(AttributeError, match="has no attribute 'not_a_name'"):
        mcda_iso.not_a_name  # noqa: B018


def _modules_after(code: str) -> set[str]:
    """Top-level package names in sys.modules after running ``code`` in a fresh Python."""
    listing = "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    script = f"{code}\nimport sys\n{listing}"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_import_mcda_iso_loads_no_heavy_library():
    loaded = _modules_after("import mcda_iso")
    assert not loaded & {*HEAVY, "numpy", "pandas", "openpyxl"}


@pytest.mark.parametrize(
    "code",
    [
        "import mcda_iso\nprint(mcda_iso.rank(mcda_iso.load_scenario('iso9001')))",
        "import mcda_iso\nprint(mcda_iso.rank(mcda_iso.load_scenario('iso9001'), method='ahp'))",
        "from mcda_iso.cli import main\nmain(['example'])",
    ],
    ids=["topsis", "ahp", "mcda-iso example"],
)
def test_the_example_loads_no_heavy_library(code):
    """Loading and ranking the built-in scenario (either method) needs only numpy and pandas."""
    loaded = _modules_after(code)
    assert {"numpy", "pandas"} <= loaded
    assert not loaded & set(HEAVY)

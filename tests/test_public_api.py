"""The public surface: everything in __all__ exists, and the documented names are there."""

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

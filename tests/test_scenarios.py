"""Tests for mcda_iso/scenarios.py and the built-in data in criteria/."""

import numpy as np
import pytest

from mcda_iso import ScenarioError, list_profiles, load_scenario, rank
from mcda_iso.ahp import priorities
from mcda_iso.scenarios import list_scenarios, read_scenario, scenario_dir

PROFILES = list(list_profiles("iso9001"))


def test_builtin_scenario_shape():
    p = load_scenario("iso9001")
    assert p.criterion_names == ("credibility", "efficiency", "market access", "cost", "effort")
    assert [c.kind for c in p.criteria] == ["benefit", "benefit", "benefit", "cost", "cost"]
    assert all(c.description and c.unit for c in p.criteria)
    names = p.alternative_names
    assert len(names) >= 7
    for expected in ("ISO 9001 certification", "Lean", "Six Sigma", "Status quo"):
        assert expected in names
    assert "iso9001" in list_scenarios()
    assert (scenario_dir() / "iso9001.toml").is_file()


def test_required_profiles_exist():
    for key in ("balanced", "small-business", "major-customer-supplier"):
        assert key in PROFILES
        assert list_profiles()[key]


@pytest.mark.parametrize("profile", PROFILES)
def test_every_profile_is_consistent(profile):
    p = load_scenario("iso9001", profile=profile)
    result = priorities(p.comparisons.to_numpy())
    assert result.consistent, f"{profile}: CR {result.cr:.3f} > {result.threshold}"
    assert result.cr <= 0.10


def test_profiles_do_not_all_pick_the_same_winner():
    winners = {rank(load_scenario("iso9001", profile=key)).best for key in PROFILES}
    assert len(winners) >= 3


def test_profile_weights_reflect_descriptions():
    w = rank(load_scenario("iso9001", profile="major-customer-supplier")).weights
    assert w.idxmax() == "market access"
    w = rank(load_scenario("iso9001", profile="small-business")).weights
    assert set(w.nlargest(2).index) == {"cost", "effort"}


def test_default_profile_is_balanced():
    assert load_scenario("iso9001") == load_scenario("iso9001", profile="balanced")


def test_unknown_scenario_and_profile():
    with pytest.raises(ScenarioError, match="unknown scenario 'nope'.*iso9001"):
        load_scenario("nope")
    with pytest.raises(ScenarioError, match="no profile 'huge'.*balanced"):
        load_scenario("iso9001", profile="huge")


def test_user_scenario_by_path(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        """
[scenario]
name = "mine"
[[criteria]]
name = "q"
kind = "benefit"
[[criteria]]
name = "c"
kind = "cost"
[[alternatives]]
name = "A"
performance = { q = 3, c = 2 }
[[alternatives]]
name = "B"
performance = { q = 5, c = 4 }
[profiles.p1]
description = "one"
judgments = [["q", "c", "1/2"]]
[profiles.p2]
weights = { q = 1, c = 3 }
""",
        encoding="utf-8",
    )
    p = load_scenario(path, profile="p1")
    assert np.isclose(p.comparisons.loc["q", "c"], 0.5)
    assert load_scenario(str(path), profile="p2").weights.tolist() == [1, 3]
    assert list_profiles(path) == {"p1": "one", "p2": ""}
    assert read_scenario(path).default_profile == "p1"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not toml = = =", "cannot read scenario file"),
        ("[scenario]\nname='x'\n", "missing 'criteria'"),
        (
            "[[criteria]]\nname='q'\nkind='good'\n[[alternatives]]\nname='A'\nperformance={q=1}\n"
            "[profiles.p]\nweights={q=1}\n",
            "unknown kind 'good'",
        ),
        (
            "[[criteria]]\nname='q'\nkind='benefit'\n[[alternatives]]\nname='A'\nperformance={z=1}\n"
            "[profiles.p]\nweights={q=1}\n",
            "rates unknown criterion 'z'",
        ),
        (
            "[[criteria]]\nname='q'\nkind='benefit'\n[[criteria]]\nname='c'\nkind='cost'\n"
            "[[alternatives]]\nname='A'\nperformance={q=1,c=1}\n"
            "[profiles.p]\njudgments=[['q','x',3]]\n",
            "unknown criterion 'x'",
        ),
        (
            "[[criteria]]\nname='q'\nkind='benefit'\n[[criteria]]\nname='c'\nkind='cost'\n"
            "[[alternatives]]\nname='A'\nperformance={q=1,c=1}\n"
            "[profiles.p]\njudgments=[['q','c','three']]\n",
            "must be a number such as 3 or 1/3",
        ),
    ],
)
def test_malformed_scenarios(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ScenarioError, match=message):
        load_scenario(path, profile="p") if "profiles" in body else read_scenario(path)


# ------------------------------------------------------------------------ sub-criteria (issue 4)

from mcda_iso import hierarchy  # noqa: E402

DETAILED = list(list_profiles("iso9001_detailed"))


def test_detailed_scenario_shape():
    p = load_scenario("iso9001_detailed")
    tree = p.hierarchy
    assert tree.children("cost") == (
        "certification-body fees",
        "consultancy",
        "internal staff time",
    )
    assert tree.children("effort") == (
        "documentation",
        "internal audits",
        "surveillance and recertification",
    )
    assert tree.children(None) == ("credibility", "efficiency", "market access", "cost", "effort")
    assert p.alternative_names == load_scenario("iso9001").alternative_names
    assert all(c.description and c.unit for c in p.criteria)  # every leaf is explained
    assert DETAILED == PROFILES  # the same profiles as the flat scenario
    text = (scenario_dir() / "iso9001_detailed.toml").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE ASSUMPTIONS" in text and "illustrative = true" in text


@pytest.mark.parametrize("profile", DETAILED)
def test_detailed_profiles_pass_every_cr_threshold(profile):
    p = load_scenario("iso9001_detailed", profile=profile)
    weights = hierarchy.problem_weights(p)
    assert list(weights.priorities) == [None, "cost", "effort"]
    for parent, result in weights.priorities.items():
        assert result.consistent, f"{profile}/{parent}: CR {result.cr:.3f} > {result.threshold}"
    # The top level is judged exactly as in the flat scenario.
    flat = load_scenario("iso9001", profile=profile)
    assert p.comparisons[None].equals(flat.comparisons)
    assert weights.leaves.sum() == pytest.approx(1.0)


def test_hierarchy_scenario_file_errors(tmp_path):
    head = (
        "[[criteria]]\nname='q'\nkind='benefit'\n[[criteria]]\nname='c'\nkind='cost'\n"
        "[[criteria]]\nname='x'\nkind='cost'\nparent='c'\n"
        "[[criteria]]\nname='y'\nkind='cost'\nparent='c'\n"
    )
    cases = [
        (
            head + "[[alternatives]]\nname='A'\nperformance={q=1,c=1,x=1,y=1}\n"
            "[profiles.p]\nweights={q=1,c=1,x=1,y=1}\n",
            "'A' rates 'c', which has sub-criteria",
        ),
        (
            head + "[[alternatives]]\nname='A'\nperformance={q=1,x=1,y=1}\n"
            "[profiles.p]\njudgments=[['q','c',2],['x','q',3]]\n",
            r"judgment \['x', 'q', 3\]: 'x' and 'q' cannot be compared",
        ),
        (
            head.replace("parent='c'\n", "parent='z'\n", 1)
            + "[[alternatives]]\nname='A'\nperformance={q=1,x=1,y=1}\n"
            "[profiles.p]\nweights={q=1,c=1,x=1,y=1}\n",
            "criterion 'x' has unknown parent 'z'",
        ),
    ]
    for body, message in cases:
        path = tmp_path / "bad.toml"
        path.write_text(body, encoding="utf-8")
        with pytest.raises(ScenarioError, match=message):
            load_scenario(path, profile="p")


def test_hierarchy_scenario_judgments_sort_into_matrices(tmp_path):
    path = tmp_path / "tree.toml"
    path.write_text(
        "[[criteria]]\nname='q'\nkind='benefit'\n[[criteria]]\nname='c'\nkind='cost'\n"
        "[[criteria]]\nname='x'\nkind='cost'\nparent='c'\n"
        "[[criteria]]\nname='y'\nkind='cost'\nparent='c'\n"
        "[[alternatives]]\nname='A'\nperformance={q=1,x=2,y=3}\n"
        "[[alternatives]]\nname='B'\nperformance={q=2,x=1,y=3}\n"
        "[profiles.p]\njudgments=[['q','c',2],['y','x','1/3']]\n",
        encoding="utf-8",
    )
    p = load_scenario(path, profile="p")
    assert p.comparisons[None].loc["q", "c"] == 2
    assert p.comparisons["c"].loc["x", "y"] == pytest.approx(3)
    assert p.criterion_names == ("q", "x", "y")


# ------------------------------------------------------------ careless and hostile input (issue 16)


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        (None, r"a scenario is a built-in name \('iso9001'.*\(got None\)"),
        (5, r"\(got 5\)"),
        ("", r"\(got ''\)"),
        (b"iso9001", r"\(got b'iso9001'\)"),
        (["iso9001"], r"\(got \['iso9001'\]\)"),
        (".", r"'\.' is a folder; give the path of a \.toml scenario file"),
        ("x" * 5000, r"cannot read scenario 'x+…' \(5,000 characters\): File name too long"),
        ("a\0b.toml", "cannot read scenario file 'a\\\\x00b.toml': embedded null byte"),
    ],
)
def test_wrong_scenario_arguments_are_scenario_errors(arg, message):
    with pytest.raises(ScenarioError, match=message) as exc:
        load_scenario(arg)
    assert len(str(exc.value)) < 300


@pytest.mark.parametrize("profile", [5, ["balanced"], {"balanced": 1}])
def test_a_profile_that_is_not_text_is_a_scenario_error(profile):
    with pytest.raises(ScenarioError, match=r"a profile is named by text, e.g. 'balanced'"):
        load_scenario("iso9001", profile=profile)


HEAD = (
    "[[criteria]]\nname='q'\nkind='benefit'\n[[criteria]]\nname='c'\nkind='cost'\n"
    "[[alternatives]]\nname='A'\nperformance={q=1,c=1}\n"
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("criteria = 5\n", r"'criteria' must be a list of \[\[criteria\]\] tables \(got 5\)"),
        ("criteria = ['q']\n", r"each \[\[criteria\]\] entry must be a table .*\(got 'q'\)"),
        (
            "[[criteria]]\nname='q'\nkind='benefit'\n[[alternatives]]\nname='A'\nperformance=3\n",
            r"performance of 'A' must be a table .*\(got 3\)",
        ),
        ("profiles = 3\n" + HEAD, r"\[profiles\] must be a table .*\(got 3\)"),
        (HEAD + "[profiles]\np = 3\n", r"profile 'p' must be a table .*\(got 3\)"),
        (
            "[scenario]\ndefault_profile='nope'\n" + HEAD + "[profiles.p]\nweights={q=1,c=1}\n",
            r"default_profile 'nope' is not one of the profiles \('p'\)",
        ),
        (
            "[scenario]\ntitle=3\n" + HEAD + "[profiles.p]\nweights={q=1,c=1}\n",
            "title must be text",
        ),
        (
            HEAD + "[profiles.p]\njudgments=[['q','c',3],['c','q',2]]\n",
            r"'q' vs 'c' is judged twice|'c' vs 'q' is judged twice",
        ),
        (
            HEAD + "[profiles.p]\njudgments=[[1,'c',3]]\n",
            r"names unknown criterion 1; known: 'q', 'c'",
        ),
        (
            HEAD + "[profiles.p]\nweights={q=1,c=1e400}\n",
            r"profile 'p': weight of 'c' must be finite \(got inf\)",
        ),
    ],
)
def test_malformed_scenario_files_are_scenario_errors_not_tracebacks(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ScenarioError, match=message) as exc:
        load_scenario(path)
    assert "bad.toml" in str(exc.value)
    assert str(exc.value).count("bad.toml") == 1  # the file is named once, not once per layer


def test_scenario_names_are_matched_in_nfc(tmp_path):
    nfc, nfd = "qualit\u00e9", "qualite\u0301"
    path = tmp_path / "accents.toml"
    path.write_text(
        f"[[criteria]]\nname='{nfd}'\nkind='benefit'\n[[criteria]]\nname='c'\nkind='cost'\n"
        f"[[alternatives]]\nname='A'\nperformance={{'{nfc}'=1,c=2}}\n"
        f"[[alternatives]]\nname='B'\nperformance={{'{nfd}'=3,c=1}}\n"
        f"[profiles.p]\njudgments=[['{nfc}','c',3]]\n"
        f"[profiles.w]\nweights={{'{nfd}'=2,c=1}}\n",
        encoding="utf-8",
    )
    p = load_scenario(path, profile="p")
    assert p.criterion_names == (nfc, "c")
    assert p.performance[nfc].tolist() == [1, 3]
    assert p.comparisons.loc[nfc, "c"] == 3
    assert load_scenario(path, profile="w").weights.tolist() == [2, 1]
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "performance={'" + nfc + "'=1,c=2}", "performance={'" + nfc + "'=1,'" + nfd + "'=1,c=2}"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError, match=r"'A' rates 'qualité' twice"):
        load_scenario(path, profile="p")

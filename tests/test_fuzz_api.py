"""A seeded mutation fuzzer of the Python API (issue 16): wrong types, out-of-range values.

Each case starts from a valid call (a flat problem with weights, with comparisons, with
experts, with requirements, with sub-criteria, with alternatives compared pairwise; a
Criterion; a scenario file; a ranking) and mutates one to three of its arguments: a whole
argument, one cell of a table, one key of a mapping, one name, or the shape. The oracle:

- the call returns a valid object (a Problem that ranks, or fails to rank with an
  MCDAError; a Criterion; a Result), or
- it raises an :class:`~mcda_iso.MCDAError` whose message is short (names are shortened),
  names no array index (``weights[0]``) and is not a Python internal message.

Anything else (TypeError, AttributeError, OverflowError, KeyError, a numpy warning, which
pytest turns into an error) fails, with the seed and case number to replay it.

``MCDA_FUZZ_CASES`` sets the cases per target (default 300, run in CI);
``MCDA_FUZZ_SEED`` the seed (default 16).
"""

from __future__ import annotations

import copy
import math
import os
import re
import warnings
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest

from mcda_iso import (
    Alternative,
    ConsistencyWarning,
    Criterion,
    MCDAError,
    Problem,
    Result,
    compare,
    criteria_weights,
    load_scenario,
    rank,
)
from mcda_iso.scenarios import scenario_dir

CASES = int(os.environ.get("MCDA_FUZZ_CASES", "300"))
SEED = int(os.environ.get("MCDA_FUZZ_SEED", "16"))

#: The longest message a clean error may have: names and values are shortened (errors.shorten).
MAX_MESSAGE = 1500
#: An array index in a message (``weights[0]``, ``matrix[1, 2]``): messages name things instead.
ARRAY_INDEX = re.compile(r"[A-Za-z_]\[\d+(?:, ?\d+)?\]")
#: Python's own wording, a sign that an internal error leaked through as a message.
INTERNAL = re.compile(r"object is not (?:iterable|subscriptable)|unhashable type|has no attribute")

LONG = "L" * 10_000
NFD = "qualite\u0301"  # "qualité" with a combining accent


def _hostile() -> list[Any]:
    """Values nobody should pass, and a few that are fine in the wrong place."""
    return [
        None,
        True,
        0,
        -1,
        1,
        3,
        0.0,
        -0.0,
        1e-320,
        1e308,
        -1e308,
        10**400,
        -(10**400),
        math.nan,
        math.inf,
        -math.inf,
        np.float32("nan"),
        np.int64(7),
        np.bool_(True),
        np.complex128(1 + 1j),
        np.timedelta64(3, "D"),
        np.datetime64("2020-01-01"),
        "",
        " ",
        "3",
        "1/3",
        "benefit",
        LONG,
        NFD,
        b"bytes",
        [],
        [1],
        [[1]],
        [None, None],
        {},
        {"a": 1},
        {None: 1},
        set(),
        (1, 2),
        np.array([]),
        np.ones((2, 2)),
        np.array([["a"]]),
        pd.DataFrame(),
        pd.Series(dtype=float),
        object(),
        Decimal("1.5"),
        Fraction(1, 3),
        range(3),
    ]


HOSTILE = _hostile()


def _crit(names=("quality", "speed", "cost"), kinds=("benefit", "benefit", "cost")):
    return [Criterion(n, k) for n, k in zip(names, kinds, strict=True)]


def _baselines() -> list[dict[str, Any]]:
    """Valid keyword arguments of Problem, one per shape of problem."""
    crits = _crit()
    alts = [Alternative("A"), Alternative("B"), "C"]
    perf = [[8, 5, 3], [6, 7, 2], [9, 4, 9]]
    comparisons = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    tree = [
        Criterion("benefit", "benefit"),
        Criterion("cost", "cost"),
        Criterion("fees", "cost", parent="cost"),
        Criterion("time", "cost", parent="cost"),
    ]
    return [
        {"criteria": crits, "alternatives": alts, "performance": perf, "weights": [0.5, 0.3, 0.2]},
        {
            "criteria": crits,
            "alternatives": alts,
            "performance": pd.DataFrame(
                perf, index=["A", "B", "C"], columns=["quality", "speed", "cost"]
            ),
            "weights": {"quality": 2, "speed": 1, "cost": 1},
            "requirements": {"quality": {"minimum": 5}, "cost": (None, 8)},
        },
        {"criteria": crits, "alternatives": alts, "performance": perf, "comparisons": comparisons},
        {
            "criteria": crits,
            "alternatives": alts,
            "performance": perf,
            "experts": {"QM": comparisons, "CEO": [[1, 1, 1], [1, 1, 1], [1, 1, 1]]},
            "expert_weights": {"QM": 2, "CEO": 1},
        },
        {
            "criteria": tree,
            "alternatives": alts,
            "performance": [[5, 3, 2], [6, 1, 4], [7, 2, 2]],
            "comparisons": {None: [[1, 2], [0.5, 1]], "cost": [[1, 3], [1 / 3, 1]]},
        },
        {
            "criteria": crits,
            "alternatives": alts,
            "performance": [[8, 5], [6, 7], [9, 4]],
            "weights": [1, 1, 1],
            "alternative_comparisons": {"cost": [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]},
        },
        {
            "criteria": tree,
            "alternatives": alts,
            "performance": pd.DataFrame(
                [[5, 3, 2], [6, 1, 4], [7, 2, 2]],
                index=["A", "B", "C"],
                columns=["benefit", "fees", "time"],
            ),
            "experts": {
                "QM": {None: [[1, 2], [0.5, 1]], "cost": [[1, 3], [1 / 3, 1]]},
                "CEO": {None: [[1, 1], [1, 1]], "cost": [[1, 1 / 2], [2, 1]]},
            },
            "expert_weights": [2, 1],
            "requirements": pd.DataFrame({"maximum": [6.0]}, index=["fees"]),
        },
    ]


# ------------------------------------------------------------------------------ mutations


def _pick(rng: np.random.Generator, items: list[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def _mutate_cell(rng: np.random.Generator, table: Any) -> Any:
    """One cell of a nested list, array or DataFrame replaced by a hostile value."""
    value = _pick(rng, HOSTILE)
    if isinstance(table, pd.DataFrame) and table.size:
        out = table.astype(object).copy()
        out.iat[int(rng.integers(out.shape[0])), int(rng.integers(out.shape[1]))] = value
        return out
    if isinstance(table, list) and table:
        out = copy.deepcopy(table)
        i = int(rng.integers(len(out)))
        if isinstance(out[i], list) and out[i]:
            out[i][int(rng.integers(len(out[i])))] = value
        else:
            out[i] = value
        return out
    if isinstance(table, dict) and table:
        out = dict(table)
        key = _pick(rng, list(out))
        out[key] = _mutate_cell(rng, out[key]) if rng.random() < 0.7 else value
        return out
    return value


def _fill(table: Any, value: Any) -> Any:
    """Every number of a table (nested lists, mappings, DataFrames) replaced by ``value``."""
    if isinstance(table, pd.DataFrame):
        out = table.astype(object).copy()
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                out.iat[i, j] = value
        return out
    if isinstance(table, dict):
        return {k: _fill(v, value) for k, v in table.items()}
    if isinstance(table, list | tuple):
        return [_fill(v, value) for v in table]
    if isinstance(table, int | float) and table is not None:
        return value
    return table


def _mutate_key(rng: np.random.Generator, mapping: dict[Any, Any]) -> dict[Any, Any]:
    """One key of a mapping renamed to a hostile key (or an NFD spelling), or dropped."""
    out = dict(mapping)
    if not out:
        return {_hashable(rng): 1}
    key = _pick(rng, list(out))
    value = out.pop(key)
    choice = rng.random()
    if choice < 0.3:
        return out  # dropped
    if choice < 0.5 and isinstance(key, str):
        out[key.upper() if rng.random() < 0.5 else " " + key + " "] = value
    else:
        out[_hashable(rng)] = value
    return out


def _hashable(rng: np.random.Generator) -> Any:
    value = _pick(rng, HOSTILE)
    try:
        hash(value)
    except TypeError:
        return repr(value)[:20]
    return value


def _mutate_shape(rng: np.random.Generator, table: Any) -> Any:
    if isinstance(table, pd.DataFrame):
        return table.iloc[:, :-1] if rng.random() < 0.5 else table.iloc[:-1]
    if isinstance(table, list) and table:
        if rng.random() < 0.5:
            return table[:-1]
        return [[*row, 1] if isinstance(row, list) else row for row in table]
    return table


def _mutate_problem(
    rng: np.random.Generator, kwargs: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    kwargs = dict(kwargs)
    done = []
    for _ in range(int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))):
        key = _pick(rng, [*kwargs, "comparisons", "weights", "requirements", "experts"])
        how = int(rng.integers(7))
        current = kwargs.get(key)
        if how == 0 or current is None:
            kwargs[key] = _pick(rng, HOSTILE)
        elif how == 1:
            kwargs[key] = _mutate_cell(rng, current)
        elif how == 2 and isinstance(current, dict):
            kwargs[key] = _mutate_key(rng, current)
        elif how == 3:
            kwargs[key] = _mutate_shape(rng, current)
        elif (
            how == 4
            and key in ("criteria", "alternatives")
            and isinstance(current, list)
            and current
        ):
            items = list(current)
            items[int(rng.integers(len(items)))] = _pick(rng, HOSTILE)
            kwargs[key] = items
        elif how == 5 and key not in ("criteria", "alternatives", "performance"):
            kwargs.pop(key, None)  # leaving out a required argument is Python's TypeError
        elif how == 6 and key not in ("criteria", "alternatives"):
            kwargs[key] = _fill(current, _pick(rng, HOSTILE))  # every number the same extreme
        else:
            kwargs[key] = _pick(rng, HOSTILE)
        done.append(f"{key}:{how}")
    return kwargs, done


# ------------------------------------------------------------------------------ the oracle


def _check(call: Callable[[], Any], what: str) -> Any:
    """The call's value, or None after a clean MCDAError; fails on anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConsistencyWarning)
            return call()
    except MCDAError as exc:
        message = str(exc)
        assert len(message) <= MAX_MESSAGE, f"{what}: message of {len(message)} characters"
        assert not ARRAY_INDEX.search(message), f"{what}: array index in {message!r}"
        assert not INTERNAL.search(message), f"{what}: internal wording in {message!r}"
        assert message.strip(), f"{what}: empty message"
        return None


def _fails(what: str, exc: BaseException) -> str:
    return f"{what}: {type(exc).__name__}: {str(exc)[:500]}"


def _run(target: str, case: Callable[[np.random.Generator], tuple[str, Callable[[], Any]]]) -> dict:
    rng = np.random.default_rng([SEED, sum(map(ord, target))])
    failures: list[str] = []
    counts = {"accepted": 0, "refused": 0}
    for number in range(CASES):
        what, call = case(rng)
        what = f"{target} case {number} (seed {SEED}): {what}"
        try:
            value = _check(call, what)
        except AssertionError as exc:
            failures.append(str(exc))
            continue
        except Exception as exc:  # the point of the fuzzer: anything but an MCDAError
            failures.append(_fails(what, exc))
            continue
        counts["accepted" if value is not None else "refused"] += 1
    assert not failures, f"{len(failures)} of {CASES} cases failed:\n" + "\n".join(failures[:20])
    return counts


# ------------------------------------------------------------------------------ targets


def _problem_case(rng: np.random.Generator) -> tuple[str, Callable[[], Any]]:
    baselines = _baselines()
    number = int(rng.integers(len(baselines)))
    kwargs, done = _mutate_problem(rng, baselines[number])

    def call() -> Any:
        problem = Problem(**kwargs)
        assert isinstance(problem, Problem)
        given = [c not in (problem.alternative_comparisons or {}) for c in problem.criterion_names]
        # a criterion rated in pairs has no performance (NaN); every value given is finite
        assert np.isfinite(problem.matrix[:, given]).all(), "a Problem with a non-finite value"
        if problem.weights is not None:
            assert (problem.weights >= 0).all() and problem.weights.sum() > 0
        if problem.requirements is not None:
            assert not problem.requirements.isna().all(axis=1).any()
        # A valid problem ranks, or says cleanly why it cannot (e.g. nothing discriminates).
        result = _check(lambda: rank(problem), "rank of the accepted problem")
        assert result is None or isinstance(result, Result)
        return problem

    return f"baseline {number}, mutated {done}", call


def _criterion_case(rng: np.random.Generator) -> tuple[str, Callable[[], Any]]:
    valid = ["quality", "benefit", "how good it is", "1-10", None]
    args = list(valid)
    for position in rng.choice(5, size=int(rng.integers(1, 3)), replace=False):
        args[int(position)] = _pick(rng, HOSTILE)

    def call() -> Any:
        criterion = Criterion(*args)
        assert isinstance(criterion.name, str) and criterion.name
        assert criterion.kind in ("benefit", "cost")
        assert criterion.parent is None or isinstance(criterion.parent, str)
        alternative = Alternative(args[0], args[2])
        assert isinstance(alternative.name, str)
        return criterion

    return f"Criterion{tuple(repr(a)[:30] for a in args)}", call


SCENARIO_TEXT = (scenario_dir() / "iso9001.toml").read_text(encoding="utf-8")
TOML_VALUES = [
    '""', '" "', "0", "-1", "1e400", "nan", "inf", "-inf", "true", "[]", "{}", "[1, 2]",
    '"x"', f'"{NFD}"', f'"{"y" * 5000}"', "[[1, 2, 3]]", '["a", "b", 3]', "{ a = 1 }",
]  # fmt: skip


def _mutated_scenario(rng: np.random.Generator) -> str:
    lines = SCENARIO_TEXT.splitlines()
    for _ in range(int(rng.integers(1, 4))):
        i = int(rng.integers(len(lines)))
        how = rng.random()
        if how < 0.6 and "=" in lines[i] and not lines[i].lstrip().startswith("#"):
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {_pick(rng, TOML_VALUES)}"
        elif how < 0.8:
            del lines[i]
        else:
            lines.insert(i, lines[i])
    return "\n".join(lines)


def _scenario_case(rng: np.random.Generator, folder) -> tuple[str, Callable[[], Any]]:
    if rng.random() < 0.4:
        arg, profile = _pick(rng, [*HOSTILE, "iso9001", "nope"]), _pick(rng, [*HOSTILE, None])
        return f"load_scenario({repr(arg)[:30]}, {repr(profile)[:30]})", lambda: load_scenario(
            arg, profile
        )
    text = _mutated_scenario(rng)
    path = folder / "fuzzed.toml"

    def call() -> Any:
        path.write_text(text, encoding="utf-8")
        for profile in (None, "balanced", "small-business"):
            problem = load_scenario(path, profile)
            assert isinstance(problem, Problem)
        return problem

    return "a mutated iso9001.toml", call


def _rank_case(rng: np.random.Generator) -> tuple[str, Callable[[], Any]]:
    problem = (
        load_scenario("iso9001", profile="balanced") if rng.random() < 0.8 else _pick(rng, HOSTILE)
    )
    options = {
        "method": "topsis",
        "normalization": "vector",
        "ahp_method": "eigenvector",
        "ri_table": "saaty",
        "aggregation": "aij",
        "mode": "distributive",
        "scale": "saaty",
    }
    for key in rng.choice(list(options), size=int(rng.integers(1, 3)), replace=False):
        options[str(key)] = _pick(rng, [*HOSTILE, "ahp", "minmax", "ideal", "aip", "llsm"])

    def call() -> Any:
        result = rank(problem, **options)
        assert isinstance(result, Result)
        assert np.isfinite(result.scores.to_numpy(dtype=float)).all()
        return result

    shown = ", ".join(f"{k}={v!r:.30}" for k, v in options.items())
    return f"rank({type(problem).__name__}, {shown})", call


def _frames_case(rng: np.random.Generator) -> tuple[str, Callable[[], Any]]:
    """Problem.from_frames with one table, label or cell mutated."""
    perf = pd.DataFrame([[8, 5], [6, 2]], index=["A", "B"], columns=["quality", "cost"])
    crit = pd.DataFrame(
        {
            "name": ["quality", "cost"],
            "kind": ["benefit", "cost"],
            "unit": ["", ""],
            "parent": ["", ""],
            "description": ["", ""],
        }
    )
    args: dict[str, Any] = {
        "performance": perf,
        "criteria": crit,
        "weights": {"quality": 2, "cost": 1},
        "alternatives": pd.DataFrame({"name": ["A", "B"], "description": ["", ""]}),
        "requirements": pd.DataFrame({"minimum": [1.0]}, index=["quality"]),
    }
    key = _pick(rng, ["performance", "criteria", "weights", "requirements", "alternatives"])
    how = rng.random()
    if how < 0.4 or key not in args:
        args[key] = _pick(rng, HOSTILE)
    elif how < 0.7:
        args[key] = _mutate_cell(rng, args[key])
    elif isinstance(args[key], pd.DataFrame):
        frame = args[key].copy()
        labels = list(frame.columns)
        labels[int(rng.integers(len(labels)))] = _hashable(rng)
        frame.columns = labels
        args[key] = frame
    else:
        args[key] = _mutate_key(rng, args[key])

    def call() -> Any:
        problem = Problem.from_frames(**args)
        assert np.isfinite(problem.matrix).all()
        return problem

    return f"from_frames with {key} mutated", call


def _method_case(rng: np.random.Generator) -> tuple[str, Callable[[], Any]]:
    """A valid problem's methods, and compare/criteria_weights, given hostile arguments."""
    problem = Problem(**_baselines()[int(rng.integers(3))])
    names = [*problem.criterion_names, *problem.alternative_names]
    value = _pick(rng, HOSTILE)
    name = _pick(rng, [*names, value])
    which = _pick(rng, ["replace", "with_judgment", "subset", "compare", "criteria_weights"])
    if which == "replace":
        key = _pick(
            rng, ["weights", "comparisons", "requirements", "performance", "experts", "bogus"]
        )
        return f"replace({key}=...)", lambda: problem.replace(**{key: value})
    if which == "with_judgment":
        other = _pick(rng, list(problem.criterion_names))
        number = _pick(rng, [value, 3, 0.5])
        return (
            f"with_judgment({name!r:.30}, {other!r}, {number!r:.30})",
            lambda: problem.with_judgment(name, other, number),
        )
    if which == "subset":
        chosen = _pick(rng, [value, [name], [*problem.alternative_names[:2], value]])
        return f"subset({chosen!r:.40})", lambda: problem.subset(chosen)
    # The ranking's options are checked by ranking/options.py and comparison.py.
    option = _pick(rng, HOSTILE)
    if which == "compare":
        key = _pick(rng, ["methods", "normalization", "ahp_method", "aggregation"])
        if key == "methods" and rng.random() < 0.5:
            option = (option, "ahp")  # a pair with one bad method, as well as a bad pair
        return f"compare({key}={option!r:.30})", lambda: compare(problem, **{key: option})
    key = _pick(rng, ["ahp_method", "ri_table", "scale", "aggregation"])
    return (
        f"criteria_weights({key}={option!r:.30})",
        lambda: criteria_weights(problem, **{key: option}),
    )


# ------------------------------------------------------------------------------ the tests


def test_every_baseline_is_a_valid_problem_that_ranks():
    # Mutations start from valid calls: otherwise every case would be refused for one reason.
    for kwargs in _baselines():
        assert isinstance(rank(Problem(**kwargs)), Result)


def test_fuzz_problem():
    counts = _run("Problem", _problem_case)
    # The fuzzer must explore both sides; a mutation rate that refuses everything tests little.
    assert counts["accepted"] >= CASES // 20 and counts["refused"] >= CASES // 2, counts


def test_fuzz_problem_from_frames():
    counts = _run("from_frames", _frames_case)
    assert counts["accepted"] >= 1 and counts["refused"] >= CASES // 4, counts


def test_fuzz_problem_methods_compare_and_criteria_weights():
    counts = _run("methods", _method_case)
    assert counts["accepted"] >= 1 and counts["refused"] >= CASES // 4, counts


def test_fuzz_criterion_and_alternative():
    counts = _run("Criterion", _criterion_case)
    assert counts["refused"] >= CASES // 2, counts


def test_fuzz_load_scenario(tmp_path):
    counts = _run("load_scenario", lambda rng: _scenario_case(rng, tmp_path))
    assert counts["accepted"] >= 1 and counts["refused"] >= CASES // 4, counts


def test_fuzz_rank():
    counts = _run("rank", _rank_case)
    assert counts["accepted"] >= 1 and counts["refused"] >= CASES // 2, counts


@pytest.mark.parametrize("option", ["method", "normalization", "ri_table", "aggregation", "scale"])
@pytest.mark.parametrize("function", [rank, compare, criteria_weights])
def test_rank_options_echo_a_long_unknown_value_shortened(function, option):
    if function is compare and option == "method":
        option = "mode"
    if function is criteria_weights and option in ("method", "normalization"):
        option = "ahp_method"
    problem = load_scenario("iso9001")
    _check(lambda: function(problem, **{option: LONG}), f"{option}=<10,000 characters>")


@pytest.mark.parametrize("methods", [1.5, None, np.bool_(True)])
def test_compare_methods_that_are_not_a_pair_are_an_mcda_error(methods):
    problem = load_scenario("iso9001")
    _check(lambda: compare(problem, methods=methods), f"compare(methods={methods!r})")


def test_the_oracle_fails_on_a_raw_exception_and_on_a_leaky_message():
    with pytest.raises(TypeError):
        _check(lambda: Criterion("q", "benefit").__class__(1, 2, 3, 4, 5, 6), "too many")
    from mcda_iso import ProblemError

    def leaky() -> None:
        raise ProblemError("weights[0] must be positive")

    with pytest.raises(AssertionError, match="array index"):
        _check(leaky, "leaky")
    with pytest.raises(AssertionError, match="characters"):
        _check(lambda: (_ for _ in ()).throw(ProblemError("x" * 5000)), "long")

"""ahp.priorities and ahp.check_matrix against a frozen reference (issue 14).

The fast paths (one LAPACK call per matrix, validation as whole-matrix numpy
expressions) must give what the straightforward implementation gave: the priorities
of Saaty (1980) from ``numpy.linalg.eig`` directly, the row geometric means of
Crawford & Williams (1985), CI = (lambda_max - n)/(n - 1), CR = CI/RI, the GCI of
Aguarón & Moreno-Jiménez (2003), all to 1e-12; and, for an invalid matrix, the same
message as a pair-by-pair walk in row order (the validation loop as it was, copied
here).

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Crawford, G., & Williams, C. (1985). A note on the analysis of subjective judgment
matrices. *Journal of Mathematical Psychology*, 29(4), 387-405.
Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency index:
approximated thresholds. *European Journal of Operational Research*, 147(1), 137-145.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda_iso import ahp
from mcda_iso.errors import ComparisonError
from mcda_iso.judgments import _fmt_ratio, _fmt_value

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.strategies import SAATY_VALUES, missing_masks, reciprocal_matrices
except ImportError:  # pragma: no cover
    from strategies import SAATY_VALUES, missing_masks, reciprocal_matrices  # type: ignore

TOL = 1e-12


def reference_perron(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Principal eigenvalue and eigenvector (sum 1) straight from ``numpy.linalg.eig``."""
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    v = vecs[:, k]
    v = (v / v.sum()).real
    return float(vals[k].real), v / v.sum()


def reference(a: np.ndarray, method: str) -> dict[str, float | np.ndarray]:
    """Weights, lambda_max, CI, CR (and GCI) of a complete matrix, computed directly."""
    n = a.shape[0]
    lam, w = reference_perron(a) if n > 1 else (1.0, np.ones(1))
    if method == "geometric_mean":
        logs = np.log(a).mean(axis=1)
        w = np.exp(logs - logs.max())
        w = w / w.sum()
    ci = max((lam - n) / (n - 1), 0.0) if n > 2 else 0.0
    out: dict[str, float | np.ndarray] = {
        "weights": w,
        "lambda_max": 1.0 if n == 1 else lam,
        "ci": ci,
        "cr": ci / ahp.random_index(n) if n > 2 else 0.0,
    }
    if method == "geometric_mean" and n > 2:
        iu = np.triu_indices(n, 1)
        e = np.log(a[iu] * w[iu[1]] / w[iu[0]])
        out["gci"] = 2.0 * np.sum(e * e) / ((n - 1) * (n - 2))
    return out


@settings(max_examples=300, deadline=None)
@given(
    reciprocal_matrices(1, 15, saaty_scale=False),
    st.sampled_from(["eigenvector", "geometric_mean"]),
)
def test_priorities_equal_the_numpy_reference(a, method):
    got = ahp.priorities(a, method=method)
    want = reference(a, method)
    np.testing.assert_allclose(got.weights, want["weights"], rtol=0, atol=TOL)
    for key in ("lambda_max", "ci", "cr", "gci"):
        if key in want:
            assert abs(getattr(got, key) - want[key]) <= TOL * max(1.0, abs(want[key])), key


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_lambda_max_of_an_incomplete_matrix_is_that_of_the_completed_one(data):
    a = data.draw(reciprocal_matrices(3, 12))
    mask = data.draw(missing_masks(a.shape[0]))
    a[mask] = np.nan
    for method in ("eigenvector", "llsm"):
        got = ahp.priorities(a, method=method)
        lam, _ = reference_perron(np.array(got.matrix))
        assert abs(got.lambda_max - lam) <= TOL * lam


# --------------------------------------------------------------------------- validation


def reference_first_error(arr, labels, strict_scale, allow_missing, tol=1e-6):
    """The message the pair-by-pair validation gave (a frozen copy of that loop), or None."""
    n = arr.shape[0]
    fmt = _fmt_value
    for i in range(n):
        d = arr[i, i]
        if not (math.isfinite(d) and abs(d - 1.0) <= tol):
            return (
                f"the diagonal entry for '{labels[i]}' must be 1 (a criterion is as "
                f"important as itself); got {fmt(d)}"
            )
    for i in range(n):
        for j in range(i + 1, n):
            a, b = arr[i, j], arr[j, i]
            pair, back = f"'{labels[i]}' vs '{labels[j]}'", f"'{labels[j]}' vs '{labels[i]}'"
            for x, where in ((a, pair), (b, back)):
                if math.isinf(x):
                    return f"comparison of {where} is {fmt(x)}; judgments must be finite"
            a_nan, b_nan = math.isnan(a), math.isnan(b)
            if a_nan and b_nan:
                if not allow_missing:
                    return (
                        f"comparison of {pair} is missing; give a judgment or allow "
                        "missing judgments (allow_missing=True)"
                    )
                continue
            if a_nan or b_nan:
                given_, gap, value = (back, pair, b) if a_nan else (pair, back, a)
                expect = f"; expected {_fmt_ratio(1.0 / value)}" if value > 0 else ""
                return (
                    f"comparison of {given_} is {fmt(value)} but {gap} is missing; "
                    f"a missing judgment must be missing in both places{expect}"
                )
            for x, where in ((a, pair), (b, back)):
                if x <= 0:
                    return (
                        f"comparison of {where} is {fmt(x)}; judgments must be "
                        "positive (1/9 ... 9 on Saaty's scale)"
                    )
            if abs(a * b - 1.0) > tol:
                return (
                    f"comparison of {pair} is {fmt(a)} but {back} is "
                    f"{fmt(b)}; expected {_fmt_ratio(1.0 / a)} (a_ji = 1/a_ij)"
                )
            if strict_scale:
                for x, where in ((a, pair), (b, back)):
                    if np.min(np.abs(np.array(SAATY_VALUES) - x)) > tol * max(1.0, x):
                        return (
                            f"comparison of {where} is {fmt(x)}, which is not on "
                            "Saaty's scale (1, 2, ..., 9 or 1/2, ..., 1/9)"
                        )
    return None


BROKEN = st.sampled_from(
    [math.nan, math.inf, -math.inf, 0.0, -2.0, 2.0, 0.5, 2.5, 1.0 + 1e-3, 1e308, 5e-324]
)


@settings(max_examples=400, deadline=None)
@given(
    reciprocal_matrices(1, 9),
    st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8), BROKEN, st.booleans()), max_size=4),
    st.booleans(),
    st.booleans(),
)
def test_validation_reports_what_the_pair_by_pair_walk_reported(
    a, changes, strict_scale, allow_missing
):
    n = a.shape[0]
    for i, j, value, mirrored in changes:
        a[i % n, j % n] = value
        if mirrored:  # both judgments of the pair: NaN twice (missing), or value and 1/value
            with np.errstate(divide="ignore", over="ignore"):
                a[j % n, i % n] = value if math.isnan(value) else 1.0 / np.float64(value)
    names = [f"c{k}" for k in range(n)]
    with np.errstate(over="ignore"):  # the loop on numpy scalars warned on 1e308 * 9
        expected = reference_first_error(a, names, strict_scale, allow_missing)
    if expected is None:
        got = ahp.check_matrix(a, names, strict_scale=strict_scale, allow_missing=allow_missing)
        np.testing.assert_array_equal(got, a)
    else:
        with pytest.raises(ComparisonError) as info:
            ahp.check_matrix(a, names, strict_scale=strict_scale, allow_missing=allow_missing)
        assert str(info.value) == expected

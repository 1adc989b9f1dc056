"""The AHP kernels without LAPACK (issue 14) against ``numpy.linalg.eig``.

For a complete matrix :func:`mcda_iso.ahp.priorities` no longer calls LAPACK: the
Perron root and vector come in closed form for n <= 3 and, for n >= 4, from repeated
squaring bracketed by the Collatz-Wielandt bounds, with ``eig``/``eigvals`` only where
the bracket does not close; the geometric mean, its GCI and the validation of a
complete matrix work on ``log a``. Every path must give what LAPACK gives, to 1e-12,
on consistent, near-consistent and very inconsistent matrices, on matrices reciprocal
only to the tolerance of 1e-6, and at the limits of the float range; and the
validation must accept and refuse exactly what :func:`check_matrix` does.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency index:
approximated thresholds. *European Journal of Operational Research* 147(1), 137-145
(lambda_max of a 3 x 3 reciprocal matrix, 1 + r^(1/3) + r^(-1/3), r = a13 / (a12 a23)).
Horn, R. A., & Johnson, C. R. (2013). *Matrix Analysis*, 2nd ed., Cambridge University
Press, Thm. 8.1.26 (the Collatz-Wielandt bounds).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda_iso import ahp
from mcda_iso.ahp.kernels import (
    _gci,
    _gci_logs,
    _geometric_mean,
    _geometric_mean_weights,
    _lambda_max,
    _perron,
    _perron_complete,
    _perron_root,
    _root_3,
    _squaring,
)
from mcda_iso.errors import ComparisonError

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.strategies import SAATY_VALUES, from_upper, reciprocal_matrices
    from tests.test_ahp_reference import reference_perron as lapack
except ImportError:  # pragma: no cover
    from strategies import SAATY_VALUES, from_upper, reciprocal_matrices  # type: ignore
    from test_ahp_reference import reference_perron as lapack  # type: ignore

TOL = 1e-12


def assert_as_lapack(a: np.ndarray) -> None:
    lam, w = lapack(a)
    got_lam, got_w = _perron_complete(a)
    assert abs(got_lam - lam) <= TOL * lam
    assert abs(_lambda_max(a) - lam) <= TOL * lam
    np.testing.assert_allclose(got_w, w, rtol=0, atol=TOL)
    assert got_w.min() > 0
    assert abs(got_w.sum() - 1.0) <= 1e-15 * a.shape[0]


@st.composite
def wide_reciprocal(draw: st.DrawFn, min_n: int = 2, max_n: int = 15) -> np.ndarray:
    """Reciprocal matrices with judgments anywhere in [1e-3, 1e3] (far off Saaty's scale)."""
    n = draw(st.integers(min_n, max_n))
    k = n * (n - 1) // 2
    logs = draw(st.lists(st.floats(-3.0, 3.0), min_size=k, max_size=k))
    return from_upper(n, [10.0**x for x in logs])


@st.composite
def near_reciprocal(draw: st.DrawFn, min_n: int = 2, max_n: int = 15) -> np.ndarray:
    """Saaty-scale matrices whose lower triangle misses reciprocity by up to 9e-7."""
    a = draw(reciprocal_matrices(min_n, max_n))
    n = a.shape[0]
    iu = np.triu_indices(n, 1)
    slips = draw(st.lists(st.floats(-9e-7, 9e-7), min_size=len(iu[0]), max_size=len(iu[0])))
    a[iu[1], iu[0]] = (1.0 + np.array(slips)) / a[iu]
    return a


# --------------------------------------------------------------------------- Perron pair


@settings(max_examples=300, deadline=None)
@given(reciprocal_matrices(2, 15))
def test_perron_pair_equals_lapack_on_saaty_matrices(a):
    assert_as_lapack(a)


@settings(max_examples=300, deadline=None)
@given(wide_reciprocal())
def test_perron_pair_equals_lapack_off_the_scale(a):
    assert_as_lapack(a)


@settings(max_examples=200, deadline=None)
@given(near_reciprocal())
def test_perron_pair_equals_lapack_on_nearly_reciprocal_matrices(a):
    assert_as_lapack(a)


@pytest.mark.parametrize("n", range(2, 16))
def test_very_inconsistent_matrices(n):
    """Every judgment at the end of the scale: a cycle 9, 1/9, 9, ... and all 9s above
    the diagonal (i over j for every i < j: ranks that contradict each other most)."""
    iu = np.triu_indices(n, 1)
    assert_as_lapack(from_upper(n, np.where((iu[0] + iu[1]) % 2 == 0, 9.0, 1.0 / 9.0)))
    assert_as_lapack(from_upper(n, np.full(len(iu[0]), 9.0)))


@pytest.mark.parametrize("n", range(2, 16))
def test_consistent_matrices_give_n(n):
    w = np.linspace(1.0, 9.0, n)
    lam, got = _perron_complete(w[:, None] / w[None, :])
    assert abs(lam - n) <= 1e-13 * n
    np.testing.assert_allclose(got, w / w.sum(), rtol=1e-13, atol=0)


def test_closed_form_for_three():
    """lambda_max = 1 + r^(1/3) + r^(-1/3) with r = a13 / (a12 a23) for a 3 x 3
    reciprocal matrix (Saaty 1980; Aguarón & Moreno-Jiménez 2003)."""
    for a12, a13, a23 in [(6.0, 8.0, 4.0), (2.0, 1 / 9, 9.0), (1 / 3, 5.0, 1 / 7), (9.0, 9.0, 9.0)]:
        a = from_upper(3, [a12, a13, a23])
        r = a13 / (a12 * a23)
        assert abs(_root_3(a) - (1.0 + r ** (1 / 3) + r ** (-1 / 3))) <= 1e-13 * _root_3(a)
    # Saaty's (1990) houses compared by size: lambda_max 3.136 as published
    assert round(_root_3(from_upper(3, [6.0, 8.0, 4.0])), 3) == 3.136


@pytest.mark.parametrize("n", [3, 4, 6])
@pytest.mark.parametrize("method", ["eigenvector", "geometric_mean"])
def test_judgments_near_the_float_limits(n, method):
    """Squaring overflows, the closed form's polynomial or cosh would: no warning (they
    are errors in this suite), no exception, positive weights, lambda_max >= n (a
    reciprocal matrix's); for n >= 4 the numbers of the LAPACK kernels, the fallback."""
    iu = np.triu_indices(n, 1)
    for tiny in (1e-300, 1e-200):
        a = from_upper(n, np.where(iu[0] == 0, tiny, 1.0 / tiny))
        a[0, n - 1], a[n - 1, 0] = 1e300, 1e-300
        got = ahp.priorities(a, method=method)
        assert got.weights.min() >= 0 and abs(got.weights.sum() - 1.0) <= 1e-12
        if n > 3:
            assert _squaring(a) is None
            want = _perron(a)[0] if method == "eigenvector" else _perron_root(a)
            assert got.lambda_max == pytest.approx(want, rel=1e-12)
        else:
            assert got.lambda_max >= 3.0 or method == "eigenvector"


def test_squaring_brackets_the_root():
    """The returned root lies within the Collatz-Wielandt bracket of A x / x."""
    rng = np.random.default_rng(14)
    for n in (4, 7, 15):
        iu = np.triu_indices(n, 1)
        a = from_upper(n, rng.choice(SAATY_VALUES, size=len(iu[0])))
        root, y = _squaring(a)
        lam, _ = lapack(a)
        q = (a @ y) / y
        assert q.min() * (1 - 1e-14) <= lam <= q.max() * (1 + 1e-14)
        assert abs(root - lam) <= 1e-13 * lam


# --------------------------------------------------------------------------- log-based methods


@settings(max_examples=200, deadline=None)
@given(st.one_of(reciprocal_matrices(1, 15), wide_reciprocal(1, 15), near_reciprocal(1, 15)))
def test_geometric_mean_and_gci_from_logs_equal_the_direct_forms(a):
    logs = np.log(a)
    w, means = _geometric_mean(logs)
    want = _geometric_mean_weights(a)
    np.testing.assert_allclose(w, want, rtol=0, atol=TOL)
    np.testing.assert_allclose(means, np.log(a).mean(axis=1), rtol=0, atol=1e-13)
    assert abs(_gci_logs(logs, means) - _gci(a, want)) <= TOL * max(1.0, _gci(a, want))


def test_geometric_mean_of_a_large_matrix_at_the_float_limits():
    """Beyond n = 100 the means are shifted before exp: finite, positive weights."""
    n = 120
    iu = np.triu_indices(n, 1)
    a = from_upper(n, np.where(iu[0] < 2, 1e300, 2.0))
    w, _ = _geometric_mean(np.log(a))
    np.testing.assert_allclose(w, _geometric_mean_weights(a), rtol=1e-12, atol=0)
    assert np.isfinite(w).all() and w.min() > 0


# --------------------------------------------------------------------------- validation


BROKEN = st.sampled_from(
    [math.nan, math.inf, -math.inf, 0.0, -2.0, 2.0, 0.5, 1e308, 5e-324, 1.0 + 9e-7, 1.0 + 1.1e-6]
)


@settings(max_examples=400, deadline=None)
@given(
    reciprocal_matrices(1, 9),
    st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8), BROKEN, st.booleans()), max_size=4),
    st.sampled_from(["eigenvector", "geometric_mean", "llsm"]),
)
def test_priorities_accept_and_refuse_what_check_matrix_does(a, changes, method):
    """Whatever the log-based fast test decides, the verdict and the message are those
    of :func:`check_matrix` (missing judgments allowed); no warning leaks."""
    n = a.shape[0]
    for i, j, value, mirrored in changes:
        a[i % n, j % n] = value
        if mirrored:
            with np.errstate(divide="ignore", over="ignore"):
                a[j % n, i % n] = value if math.isnan(value) else 1.0 / np.float64(value)
    try:
        ahp.check_matrix(a, allow_missing=True)
    except ComparisonError as exc:
        with pytest.raises(ComparisonError) as info:
            ahp.priorities(a, method=method)
        assert str(info.value) == str(exc)
        return
    if method == "geometric_mean" and np.isnan(a).any():
        return  # refused for another reason (tests/test_ahp.py)
    got = ahp.priorities(a, method=method)
    assert got.weights.min() > 0 and abs(got.weights.sum() - 1.0) <= 1e-12


@pytest.mark.parametrize(("slip", "accepted"), [(9.999e-7, True), (1.0001e-6, False)])
def test_the_tolerance_is_that_of_check_matrix(slip, accepted):
    a = from_upper(4, [3.0, 5.0, 1 / 2, 2.0, 7.0, 1 / 3])
    a[1, 0] = (1.0 + slip) / 3.0
    for method in ("eigenvector", "geometric_mean"):
        if accepted:
            ahp.check_matrix(a)
            p = ahp.priorities(a, method=method)
            assert abs(p.lambda_max - lapack(a)[0]) <= TOL * p.lambda_max
        else:
            with pytest.raises(ComparisonError, match="expected 1/3"):
                ahp.priorities(a, method=method)


def test_the_result_owns_its_arrays():
    """The hot path freezes the arrays it made, never the caller's."""
    a = from_upper(5, [3.0, 5.0, 1 / 2, 2.0, 7.0, 1 / 3, 4.0, 1 / 5, 6.0, 2.0])
    kept = a.copy()
    for method in ("eigenvector", "geometric_mean"):
        p = ahp.priorities(a, method=method)
        assert a.flags.writeable and not p.matrix.flags.writeable
        assert not p.weights.flags.writeable and p.weights.flags.c_contiguous
        assert not np.shares_memory(p.matrix, a)
        a[0, 1] = 9.0  # the caller may change its matrix: the result does not move
        np.testing.assert_array_equal(p.matrix, kept)
        a[0, 1] = kept[0, 1]

"""Tests for mcda_iso.ahp: published examples, pymcdm cross-checks, properties, errors.

Sources of the published numbers
--------------------------------
Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
    European Journal of Operational Research 48(1), 9-26. (The house example: the
    8 criteria and the comparisons of houses A, B, C.)
Saaty, T. L. (2008). Decision making with the analytic hierarchy process.
    International Journal of Services Sciences 1(1), 83-98. (Table "Which drink is
    consumed more in the U.S.?".)
Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of incomplete
    pairwise comparison matrices. Mathematical and Computer Modelling 52(1-2), 318-333.
    (Example 3, a 4x4 matrix with one missing judgment.)
Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy process:
    a new approach. IJUFKS 14(4), 445-459.
"""

from __future__ import annotations

import math
import warnings
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcda_iso import ahp
from mcda_iso.ahp import (
    RI_TABLES,
    GroupPriorities,
    Judgment,
    Priorities,
    aggregate,
    check_matrix,
    complete,
    default_threshold,
    gci_threshold,
    most_inconsistent,
    priorities,
    random_index,
)
from mcda_iso.ahp.kernels import _harker_weights, _llsm_weights, _perron
from mcda_iso.errors import ComparisonError, MCDAError, MethodError, ProblemError

try:  # run from the repository root (python -m pytest) or with tests/ on sys.path
    from tests.strategies import (
        consistent_matrices,
        consistent_matrix,
        from_upper,
        missing_masks,
        reciprocal_matrices,
        weight_vectors,
    )
except ImportError:  # pragma: no cover
    from strategies import (  # type: ignore[no-redef]
        consistent_matrices,
        consistent_matrix,
        from_upper,
        missing_masks,
        reciprocal_matrices,
        weight_vectors,
    )

NAN = math.nan
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def published(x: float, value: float, decimals: int = 3) -> bool:
    """True if ``x`` rounds to the published ``value`` (half a unit in the last place)."""
    return abs(x - value) <= 0.5 * 10.0**-decimals + 1e-12


# --------------------------------------------------------------------------- published

# Saaty (1990), EJOR 48(1) 9-26: criteria for buying a house.
HOUSE_CRITERIA = [
    "size",
    "transportation",
    "neighborhood",
    "age",
    "yard",
    "modern facilities",
    "general condition",
    "financing",
]
HOUSE = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]


class TestSaaty1990House:
    """Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
    European Journal of Operational Research 48(1), 9-26 - the house example."""

    def test_criteria_priorities_and_consistency(self) -> None:
        p = priorities(HOUSE, names=HOUSE_CRITERIA)
        expected = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
        assert all(published(x, e) for x, e in zip(p.weights, expected, strict=True))
        assert published(p.lambda_max, 9.669)
        assert published(p.ci, 0.238)
        assert published(p.cr, 0.169)
        assert p.ri == 1.41
        assert not p.consistent

    @pytest.mark.parametrize(
        ("criterion", "matrix", "weights", "lambda_max", "cr"),
        [
            (
                "size",
                [[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]],
                (0.754, 0.181, 0.065),
                3.136,
                0.117,
            ),
            (
                "yard",
                [[1, 5, 4], [1 / 5, 1, 1 / 3], [1 / 4, 3, 1]],
                (0.674, 0.101, 0.226),
                3.086,
                0.074,
            ),
            (
                "modern facilities",
                [[1, 8, 6], [1 / 8, 1, 1 / 5], [1 / 6, 5, 1]],
                (0.747, 0.060, 0.193),
                3.197,
                0.170,
            ),
            (
                "general condition",
                [[1, 1 / 2, 1 / 2], [2, 1, 1], [2, 1, 1]],
                (0.200, 0.400, 0.400),
                3.000,
                0.000,
            ),
        ],
    )
    def test_alternatives(
        self,
        criterion: str,
        matrix: list[list[float]],
        weights: tuple[float, ...],
        lambda_max: float,
        cr: float,
    ) -> None:
        p = priorities(matrix, names=["A", "B", "C"])
        assert all(published(x, e) for x, e in zip(p.weights, weights, strict=True)), criterion
        assert published(p.lambda_max, lambda_max)
        assert published(p.cr, cr)

    def test_most_inconsistent_is_the_known_bad_judgment(self) -> None:
        # Saaty's house matrix is inconsistent mainly through neighborhood vs general
        # condition (6, where the other judgments imply about 1).
        worst = most_inconsistent(HOUSE, k=3, names=HOUSE_CRITERIA)
        assert (worst[0].row_name, worst[0].col_name) == ("neighborhood", "general condition")
        assert worst[0].value == 6.0
        assert worst[0].suggested == 1.0
        assert worst[0].cr_after < 0.1 < priorities(HOUSE).cr
        assert "'neighborhood' vs 'general condition': judged 6" in str(worst[0])


class TestSaaty2008Drinks:
    """Saaty, T. L. (2008). Decision making with the analytic hierarchy process.
    International Journal of Services Sciences 1(1), 83-98 - drink consumption in the U.S."""

    DRINKS: ClassVar[list[str]] = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
    MATRIX: ClassVar[list[list[float]]] = [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]

    def test_eigenvector(self) -> None:
        p = priorities(self.MATRIX, names=self.DRINKS)
        expected = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
        assert all(published(x, e) for x, e in zip(p.weights, expected, strict=True))
        assert p.consistent
        assert p.to_series().idxmax() == "water"


class TestBozoki2010Example3:
    """Bozóki, Fülöp & Rónyai (2010), Math. Comput. Modelling 52, 318-333, Example 3.

    One judgment x (between the 3rd and 4th items) is missing. The paper gives van
    Uden's triad estimate sqrt(2/5 * 4/3) = 0.73029674334 and the lambda_max-optimal
    completion 0.7302965066047. For a single missing judgment the LLSM completion is
    the geometric mean of the triad estimates, i.e. van Uden's value.
    """

    U: ClassVar[list[list[float]]] = [
        [1, 1, 5, 2],
        [1, 1, 3, 4],
        [1 / 5, 1 / 3, 1, NAN],
        [1 / 2, 1 / 4, NAN, 1],
    ]

    def test_llsm_completion_matches_published_triad_estimate(self) -> None:
        p = priorities(self.U, method="llsm")
        assert p.matrix[2, 3] == pytest.approx(0.73029674334, abs=1e-10)
        assert p.matrix[3, 2] == pytest.approx(1 / 0.73029674334, rel=1e-9)
        assert p.missing is not None and p.missing[2, 3] and p.missing[3, 2]
        assert p.missing.sum() == 2

    def test_harker_completion_is_close_to_the_lambda_optimal_one(self) -> None:
        # Harker's completion is not lambda_max-optimal in general, but its lambda_max
        # cannot be below the optimum: lambda(U(x*)) is the minimum over all x.
        x_star = 0.7302965066047
        optimal = np.array(self.U, dtype=float)
        optimal[2, 3], optimal[3, 2] = x_star, 1 / x_star
        p = priorities(self.U)
        assert p.lambda_max >= _perron(optimal)[0] - 1e-12
        assert p.matrix[2, 3] == pytest.approx(x_star, rel=0.02)


# --------------------------------------------------------------------------- RI tables


class TestRandomIndex:
    def test_tables_are_documented_sources(self) -> None:
        assert set(RI_TABLES) == {"saaty", "alonso_lamata", "tummala_ling", "ahp_os"}
        assert RI_TABLES["saaty"][:10] == (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
        assert RI_TABLES["alonso_lamata"][2] == 0.5245
        assert RI_TABLES["alonso_lamata"][14] == 1.5838

    @pytest.mark.parametrize(("n", "ri"), [(3, 0.4792), (4, 0.9094), (10, 1.4831), (20, 1.6340)])
    def test_ahp_os_uses_the_alonso_lamata_fit_for_every_n(self, n: int, ri: float) -> None:
        # Goepel (2018), IJAHP 10(3), eq. 5: RI(n) = (1.7699 n - 4.3513) / (n - 1) for n >= 3,
        # as AHP-OS computes its CR (the issue quotes 0.4792 for n = 3 and 1.6340 for n = 20).
        assert random_index(n, "ahp_os") == pytest.approx(ri, abs=5e-5)
        matrix = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
        ours = priorities(matrix, ri_table="ahp_os")
        assert ours.cr == pytest.approx(ours.ci / ((1.7699 * 3 - 4.3513) / 2), rel=1e-12)

    def test_tummala_ling_is_pymcdms_table(self) -> None:
        from pymcdm.weights.subjective import AHP

        assert list(RI_TABLES["tummala_ling"]) == list(AHP.RI_M)

    @pytest.mark.parametrize("table", sorted(RI_TABLES))
    @pytest.mark.parametrize("n", [1, 2])
    def test_n_1_and_2_are_zero(self, table: str, n: int) -> None:
        assert random_index(n, table) == 0.0

    def test_beyond_table_uses_alonso_lamata_fit(self) -> None:
        # lambda_max(random) ~ 2.7699 n - 4.3513  =>  RI = (1.7699 n - 4.3513) / (n - 1)
        assert random_index(11, "saaty") == pytest.approx((1.7699 * 11 - 4.3513) / 10)
        assert random_index(11, "saaty") == pytest.approx(1.5118, abs=1e-4)
        assert random_index(20, "alonso_lamata") == pytest.approx(1.6340, abs=1e-4)
        assert random_index(16, "tummala_ling") == pytest.approx((1.7699 * 16 - 4.3513) / 15)
        # the fit agrees with Alonso & Lamata's own table near its end (n = 15: 1.5838)
        assert (1.7699 * 15 - 4.3513) / 14 == pytest.approx(1.5838, abs=0.002)

    def test_unknown_table_lists_valid_names(self) -> None:
        with pytest.raises(MCDAError, match=r"unknown random-index table 'foo'.*'saaty'"):
            random_index(3, "foo")
        with pytest.raises(MCDAError, match="alonso_lamata"):
            priorities([[1]], ri_table="nope")

    @pytest.mark.parametrize("n", [0, -1, 2.5, True, "3"])
    def test_bad_size(self, n: object) -> None:
        with pytest.raises(MCDAError, match="positive integer"):
            random_index(n)  # type: ignore[arg-type]

    def test_thresholds(self) -> None:
        assert [default_threshold(n) for n in (1, 2, 3, 4, 5, 12)] == [
            0.10,
            0.10,
            0.05,
            0.08,
            0.10,
            0.10,
        ]
        assert [gci_threshold(n) for n in (3, 4, 5, 9)] == [0.31, 0.35, 0.37, 0.37]

    def test_threshold_applied(self) -> None:
        a = [[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]]  # CR 0.117
        assert not priorities(a).consistent
        p = priorities(a, threshold=0.2)
        assert p.consistent and p.threshold == 0.2


# --------------------------------------------------------------------------- basics


class TestPriorities:
    def test_one_criterion(self) -> None:
        p = priorities([[1]], names=["only"])
        assert p.weights.tolist() == [1.0]
        assert (p.cr, p.ci, p.ri, p.lambda_max, p.n) == (0.0, 0.0, 0.0, 1.0, 1)
        assert p.consistent

    @pytest.mark.parametrize("method", ["eigenvector", "geometric_mean", "llsm"])
    def test_two_criteria_always_consistent(self, method: str) -> None:
        p = priorities([[1, 9], [1 / 9, 1]], method=method)  # type: ignore[arg-type]
        assert p.weights == pytest.approx([0.9, 0.1])
        assert p.cr == 0.0 and p.consistent

    def test_result_is_frozen(self) -> None:
        p = priorities(HOUSE)
        assert isinstance(p, Priorities)
        with pytest.raises(ValueError, match="read-only"):
            p.weights[0] = 1.0
        with pytest.raises(ValueError, match="read-only"):
            p.matrix[0, 0] = 2.0
        with pytest.raises(AttributeError):
            p.cr = 0.0  # type: ignore[misc]

    def test_input_not_modified_and_matrix_is_copy(self) -> None:
        a = np.array(HOUSE, dtype=float)
        before = a.copy()
        p = priorities(a)
        a[0, 1] = 99.0
        assert p.matrix[0, 1] == 5.0
        np.testing.assert_array_equal(priorities(before).weights, p.weights)

    def test_dataframe_names(self) -> None:
        df = pd.DataFrame(HOUSE, index=HOUSE_CRITERIA, columns=HOUSE_CRITERIA)
        p = priorities(df)
        assert p.names == tuple(HOUSE_CRITERIA)
        s = p.to_series()
        assert list(s.index) == HOUSE_CRITERIA and s.sum() == pytest.approx(1.0)
        assert s["financing"] == pytest.approx(0.333, abs=5e-4)

    def test_unnamed_series_labels(self) -> None:
        s = priorities([[1, 2], [0.5, 1]]).to_series()
        assert list(s.index) == ["criterion 1", "criterion 2"]

    def test_geometric_mean_reports_eigen_consistency_and_gci(self) -> None:
        gm = priorities(HOUSE, method="geometric_mean")
        ev = priorities(HOUSE)
        assert gm.lambda_max == pytest.approx(ev.lambda_max)
        assert gm.cr == pytest.approx(ev.cr)
        assert ev.gci is None and ev.gci_threshold is None
        a = np.array(HOUSE)
        w = np.exp(np.log(a).mean(axis=1))
        w /= w.sum()
        iu = np.triu_indices(8, 1)
        gci = 2 / (7 * 6) * np.sum(np.log(a[iu] * w[iu[1]] / w[iu[0]]) ** 2)
        assert gm.weights == pytest.approx(w, abs=1e-12)
        assert gm.gci == pytest.approx(gci)
        assert gm.gci_threshold == 0.37

    def test_llsm_equals_geometric_mean_on_complete_matrix(self) -> None:
        np.testing.assert_allclose(
            priorities(HOUSE, method="llsm").weights,
            priorities(HOUSE, method="geometric_mean").weights,
            atol=1e-12,
        )

    def test_no_warnings(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            priorities(HOUSE)
            priorities(TestBozoki2010Example3.U)


# --------------------------------------------------------------------------- pymcdm


def test_eigenvector_and_cr_match_pymcdm_on_random_matrices() -> None:
    """Cross-check against pymcdm.weights.subjective.AHP on 300 random matrices."""
    from pymcdm.weights.subjective import AHP

    rng = np.random.default_rng(20240611)
    scale = np.array(ahp.SAATY_SCALE)
    for _ in range(300):
        n = int(rng.integers(3, 13))
        a = from_upper(n, rng.choice(scale, size=n * (n - 1) // 2))
        model = AHP(matrix=a)
        ours = priorities(a, ri_table="tummala_ling")
        np.testing.assert_allclose(ours.weights, model(), rtol=1e-9, atol=1e-12)
        assert ours.cr == pytest.approx(model.get_cr(), rel=1e-9, abs=1e-12)


# --------------------------------------------------------------------------- properties


@FAST
@given(consistent_matrices(1, 12), st.sampled_from(["eigenvector", "geometric_mean", "llsm"]))
def test_consistent_matrix_gives_back_its_weights(pair, method) -> None:
    a, w = pair
    p = priorities(a, method=method)
    np.testing.assert_allclose(p.weights, w, rtol=1e-9, atol=1e-12)
    assert abs(p.cr) < 1e-9
    assert p.consistent
    if p.gci is not None:
        assert abs(p.gci) < 1e-9


@FAST
@given(
    reciprocal_matrices(1, 12, saaty_scale=False),
    st.sampled_from(["eigenvector", "geometric_mean", "llsm"]),
)
def test_weights_positive_and_sum_to_one(a, method) -> None:
    p = priorities(a, method=method)
    assert np.all(p.weights > 0)
    assert p.weights.sum() == pytest.approx(1.0, abs=1e-12)
    assert p.cr >= 0.0
    assert p.lambda_max >= p.n - 1e-9


@FAST
@given(reciprocal_matrices(1, 10), st.integers(1, 4))
def test_aij_of_identical_matrices_is_that_matrix(a, copies) -> None:
    g = aggregate([a] * copies)
    np.testing.assert_allclose(g.matrix, a, rtol=1e-12)
    np.testing.assert_allclose(g.weights, priorities(a).weights, rtol=1e-9, atol=1e-12)
    if copies > 1:
        assert g.consensus == pytest.approx(1.0, abs=1e-9)


@FAST
@given(
    st.integers(2, 9).flatmap(lambda n: st.lists(reciprocal_matrices(n, n), min_size=1, max_size=5))
)
def test_aij_is_reciprocal(matrices) -> None:
    rng_weights = [1.0 + k for k in range(len(matrices))]
    g = aggregate(matrices, weights=rng_weights)
    np.testing.assert_allclose(g.matrix * g.matrix.T, 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.diag(g.matrix), 1.0)
    assert g.weights.sum() == pytest.approx(1.0)


@FAST
@given(
    st.integers(2, 8).flatmap(lambda n: st.lists(reciprocal_matrices(n, n), min_size=2, max_size=4))
)
def test_aij_equals_aip_for_geometric_mean(matrices) -> None:
    """With the row geometric mean, aggregating judgments or priorities is the same."""
    weights = [0.5 + k for k in range(len(matrices))]
    aij = aggregate(matrices, weights, "aij", priority_method="geometric_mean")
    aip = aggregate(matrices, weights, "aip", priority_method="geometric_mean")
    np.testing.assert_allclose(aij.weights, aip.weights, rtol=1e-9)
    assert 0.0 <= aij.consensus <= 1.0 + 1e-12


@FAST
@given(reciprocal_matrices(1, 12, saaty_scale=False))
def test_incomplete_kernels_on_complete_matrix(a) -> None:
    """Complete matrices give the same weights through the incomplete code path."""
    none = np.zeros(a.shape, dtype=bool)
    np.testing.assert_allclose(_harker_weights(a, none), priorities(a).weights, rtol=1e-9)
    np.testing.assert_allclose(
        _llsm_weights(a, none),
        priorities(a, method="geometric_mean").weights,
        rtol=1e-9,
    )


@FAST
@given(
    st.integers(3, 9).flatmap(lambda n: st.tuples(weight_vectors(n, n), missing_masks(n))),
    st.sampled_from(["eigenvector", "llsm"]),
)
def test_consistent_incomplete_matrix_recovers_weights(data, method) -> None:
    w, mask = data
    a = consistent_matrix(w)
    a[mask] = np.nan
    p = priorities(a, method=method)
    np.testing.assert_allclose(p.weights, w, rtol=1e-8)
    np.testing.assert_allclose(p.matrix, consistent_matrix(w), rtol=1e-8)
    assert abs(p.cr) < 1e-8
    if mask.any():
        np.testing.assert_array_equal(p.missing, mask)
        np.testing.assert_allclose(complete(a), consistent_matrix(w), rtol=1e-8)


@FAST
@given(st.integers(3, 9).flatmap(lambda n: st.tuples(reciprocal_matrices(n, n), missing_masks(n))))
def test_harker_weights_are_the_perron_vector_of_the_completed_matrix(data) -> None:
    a, mask = data
    a = a.copy()
    a[mask] = np.nan
    p = priorities(a)
    filled = complete(a)
    np.testing.assert_allclose(filled, p.matrix, rtol=1e-12)
    lam, v = _perron(filled)
    np.testing.assert_allclose(v, p.weights, rtol=1e-8)
    assert lam == pytest.approx(p.lambda_max)
    known = ~mask
    np.testing.assert_array_equal(filled[known], a[known])


@FAST
@given(reciprocal_matrices(3, 9), st.integers(1, 5))
def test_most_inconsistent_sorted_and_cr_after_recomputed(a, k) -> None:
    found = most_inconsistent(a, k=k)
    assert len(found) <= k
    scores = [abs(math.log(j.error)) for j in found]
    assert scores == sorted(scores, reverse=True)
    w = priorities(a).weights
    for j in found:
        assert j.row < j.col
        assert j.value == a[j.row, j.col]
        assert j.implied == pytest.approx(w[j.row] / w[j.col])
        assert j.suggested in ahp.SAATY_SCALE
        trial = a.copy()
        trial[j.row, j.col], trial[j.col, j.row] = j.suggested, 1 / j.suggested
        assert j.cr_after == pytest.approx(priorities(trial).cr)


# --------------------------------------------------------------------------- diagnosis


class TestMostInconsistent:
    def test_consistent_matrix_has_nothing_to_fix(self) -> None:
        assert most_inconsistent(consistent_matrix(np.array([0.5, 0.3, 0.2]))) == []

    def test_judgment_is_frozen_and_readable(self) -> None:
        j = most_inconsistent(HOUSE, k=1)[0]
        assert isinstance(j, Judgment)
        with pytest.raises(AttributeError):
            j.value = 1.0  # type: ignore[misc]
        assert str(j).startswith("'criterion 3' vs 'criterion 7': judged 6")

    def test_incomplete_matrix_skips_missing(self) -> None:
        found = most_inconsistent(TestBozoki2010Example3.U, k=10)
        assert all((j.row, j.col) != (2, 3) for j in found)

    @pytest.mark.parametrize("k", [0, -2, 1.5, True])
    def test_bad_k(self, k: object) -> None:
        with pytest.raises(MCDAError, match="'k' must be a positive integer"):
            most_inconsistent(HOUSE, k=k)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- groups


class TestAggregate:
    A: ClassVar[list[list[float]]] = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    B: ClassVar[list[list[float]]] = [[1, 1 / 2, 3], [2, 1, 4], [1 / 3, 1 / 4, 1]]

    def test_saatys_apple_and_orange_group_judgment(self) -> None:
        """Saaty's worked example of combining group members' judgments (Decision Lens
        blog, June 2007, "Combining group members' judgments", after Aczél & Saaty 1983):
        three people judge an apple 2, 3 and 4 times larger than an orange. The
        arithmetic mean, 3, fails the reciprocal test, since the mean of the reciprocals
        is 13/36 and not 1/3; the geometric mean, 24^(1/3), passes it."""
        people = {f"person {k}": [[1, x], [1 / x, 1]] for k, x in enumerate((2, 3, 4), 1)}
        g = aggregate(people)
        assert g.matrix[0, 1] == pytest.approx(24 ** (1 / 3), rel=1e-12)  # 2.884
        assert g.matrix[1, 0] == pytest.approx((1 / 24) ** (1 / 3), rel=1e-12)
        assert g.matrix[0, 1] * g.matrix[1, 0] == pytest.approx(1.0, rel=1e-12)
        flipped = aggregate({k: np.transpose(m) for k, m in people.items()})
        np.testing.assert_allclose(flipped.matrix, g.matrix.T, rtol=1e-12)

    def test_aij_geometric_mean(self) -> None:
        g = aggregate({"ann": self.A, "bob": self.B}, weights={"ann": 3, "bob": 1})
        assert isinstance(g, GroupPriorities)
        assert g.matrix[0, 1] == pytest.approx(3**0.75 * 0.5**0.25)
        assert dict(g.expert_weights) == {"ann": 0.75, "bob": 0.25}
        np.testing.assert_allclose(g.weights, g.group.weights)
        assert set(g.experts) == {"ann", "bob"}
        assert g.method == "aij"

    def test_aip_geometric_mean_of_priorities(self) -> None:
        g = aggregate([self.A, self.B], method="aip")
        wa, wb = priorities(self.A).weights, priorities(self.B).weights
        expected = np.sqrt(wa * wb)
        np.testing.assert_allclose(g.weights, expected / expected.sum())
        # the AIJ group matrix is still given, for reference
        assert g.matrix[0, 1] == pytest.approx(math.sqrt(3 * 0.5))
        assert list(g.experts) == ["expert 1", "expert 2"]

    def test_most_deviating_and_deviations(self) -> None:
        outlier = [[1, 1 / 9, 1 / 9], [9, 1, 1], [9, 1, 1]]
        g = aggregate({"ann": self.A, "ann2": self.A, "zed": outlier})
        assert g.most_deviating == "zed"
        d = {k: float(np.linalg.norm(v.weights - g.weights)) for k, v in g.experts.items()}
        assert dict(g.deviations) == pytest.approx(d)

    def test_single_expert(self) -> None:
        g = aggregate([self.A])
        assert g.consensus is None and g.most_deviating is None
        np.testing.assert_allclose(g.weights, priorities(self.A).weights)

    def test_consensus_formula(self) -> None:
        """Goepel's S* (AHP-OS): S* = (1/D_beta - D_amin/n) / (1 - D_amin/n)."""
        g = aggregate([self.A, self.B])
        w = np.stack([priorities(self.A).weights, priorities(self.B).weights])

        def h(p: np.ndarray) -> float:
            return float(-(p * np.log(p)).sum())

        d_beta = math.exp(h(w.mean(axis=0)) - (h(w[0]) + h(w[1])) / 2)
        top, rest = 9 / 11, 1 / 11  # n = 3, M = 9: (M, 1, 1) / (n + M - 1)
        d_alpha_min = math.exp(-top * math.log(top) - 2 * rest * math.log(rest))
        expected = (1 / d_beta - d_alpha_min / 3) / (1 - d_alpha_min / 3)
        assert g.consensus == pytest.approx(expected)
        assert 0 < g.consensus < 1

    def test_opposed_extremes_have_low_consensus(self) -> None:
        up = [[1, 9, 9], [1 / 9, 1, 1], [1 / 9, 1, 1]]
        down = [[1, 1 / 9, 1 / 9], [9, 1, 1], [9, 1, 1]]
        mild = [[1, 3, 3], [1 / 3, 1, 1], [1 / 3, 1, 1]]
        opposed = aggregate([up, down]).consensus
        agreeing = aggregate([up, mild]).consensus
        assert opposed < 0.5 < agreeing < 1  # "very low" on Goepel's word scale

    def test_missing_judgments_use_the_experts_who_gave_them(self) -> None:
        a = [[1, 3, NAN], [1 / 3, 1, 2], [NAN, 1 / 2, 1]]
        b = [[1, 2, 4], [1 / 2, 1, 1], [1 / 4, 1, 1]]
        g = aggregate([a, b])
        assert g.matrix[0, 2] == pytest.approx(4.0)
        assert g.matrix[0, 1] == pytest.approx(math.sqrt(6))
        assert g.experts["expert 1"].missing is not None

    def test_judgment_nobody_gave_is_completed(self) -> None:
        a = [[1, 3, NAN], [1 / 3, 1, 2], [NAN, 1 / 2, 1]]
        g = aggregate([a, a])
        assert math.isnan(g.matrix[0, 2])
        assert g.group.matrix[0, 2] == pytest.approx(6.0)

    def test_dataframes_aligned_by_label(self) -> None:
        names = ["x", "y", "z"]
        df1 = pd.DataFrame(self.A, index=names, columns=names)
        perm = [2, 0, 1]
        b = np.array(self.B)[np.ix_(perm, perm)]
        df2 = pd.DataFrame(b, index=[names[i] for i in perm], columns=[names[i] for i in perm])
        g = aggregate([df1, df2])
        h = aggregate([self.A, self.B], names=names)
        np.testing.assert_allclose(g.weights, h.weights)
        assert g.names == ("x", "y", "z")
        assert list(g.to_series().index) == names

    def test_read_only(self) -> None:
        g = aggregate([self.A, self.B])
        with pytest.raises(TypeError):
            g.experts["new"] = g.group  # type: ignore[index]
        with pytest.raises(ValueError, match="read-only"):
            g.weights[0] = 0.0

    def test_errors(self) -> None:
        with pytest.raises(ComparisonError, match="no expert comparison matrices"):
            aggregate([])
        with pytest.raises(ProblemError, match="weight of expert 'expert 2' must be a positive"):
            aggregate([self.A, self.B], weights=[1, -1])
        with pytest.raises(ProblemError, match="weight of expert 'expert 1' must be a positive"):
            aggregate([self.A, self.B], weights=[0, 1])
        with pytest.raises(ProblemError, match="3 expert weights given for 2 experts"):
            aggregate([self.A, self.B], weights=[1, 1, 1])
        with pytest.raises(ProblemError, match=r"without a weight: \['bob'\]"):
            aggregate({"ann": self.A, "bob": self.B}, weights={"ann": 1})
        with pytest.raises(
            ComparisonError, match="expert 'bob' compares 2 criteria but expert 'ann' compares 3"
        ):
            aggregate({"ann": self.A, "bob": [[1, 2], [0.5, 1]]})
        with pytest.raises(
            ComparisonError,
            match=r"expert 'bob': comparison of 'criterion 1' vs 'criterion 2' is 2 but",
        ):
            aggregate({"ann": self.A, "bob": [[1, 2, 1], [2, 1, 1], [1, 1, 1]]})
        with pytest.raises(MCDAError, match=r"unknown aggregation method 'mean'.*'aij', 'aip'"):
            aggregate([self.A], method="mean")  # type: ignore[arg-type]
        with pytest.raises(MCDAError, match="unknown priority method 'power'"):
            aggregate([self.A], priority_method="power")  # type: ignore[arg-type]
        with pytest.raises(ComparisonError, match="list of comparison matrices or a dict"):
            aggregate(np.array(self.A))  # type: ignore[arg-type]
        with pytest.raises(MethodError, match="expert 'expert 1': the geometric-mean method needs"):
            aggregate([[[1, 2, NAN], [0.5, 1, 2], [NAN, 0.5, 1]]], priority_method="geometric_mean")


# --------------------------------------------------------------------------- errors


class TestCheckMatrix:
    def test_returns_float_copy(self) -> None:
        a = [[1, 2], [0.5, 1]]
        out = check_matrix(a)
        assert out.dtype == float and out.tolist() == [[1.0, 2.0], [0.5, 1.0]]

    def test_reciprocity_message_names_pair_and_values(self) -> None:
        msg = (
            r"^comparison of 'cost' vs 'effort' is 3 but 'effort' vs 'cost' is 0\.5; "
            r"expected 1/3 \(a_ji = 1/a_ij\)$"
        )
        with pytest.raises(ComparisonError, match=msg):
            check_matrix([[1, 3], [0.5, 1]], names=["cost", "effort"])

    def test_default_names(self) -> None:
        with pytest.raises(ComparisonError, match="'criterion 2' vs 'criterion 3' is 4 but"):
            check_matrix([[1, 1, 1], [1, 1, 4], [1, 4, 1]])

    def test_rounded_reciprocal_rejected_within_tol(self) -> None:
        with pytest.raises(ComparisonError, match="expected 1/3"):
            check_matrix([[1, 3], [0.33, 1]])
        assert check_matrix([[1, 3], [0.33, 1]], tol=0.02)[1, 0] == 0.33

    @pytest.mark.parametrize(
        ("matrix", "pattern"),
        [
            ([1, 2, 3], r"square 2-D table \(got shape \(3,\)\)"),
            ([[1, 2, 3], [0.5, 1, 1]], r"square 2-D table \(got shape \(2, 3\)\)"),
            ([[1, 2], [0.5]], "rows have different lengths"),
            (np.ones((2, 2, 2)), r"got shape \(2, 2, 2\)"),
            ([], "empty"),
            ([[1, "x"], [1, 1]], r"comparison of 'cost' vs 'effort' must be a number \(got 'x'\)"),
            ([[1, "3"], [1 / 3, 1]], r"must be a number \(got '3'\)"),
            ([[1, math.inf], [0, 1]], "'cost' vs 'effort' is inf; judgments must be finite"),
            ([[1, -3], [-1 / 3, 1]], "'cost' vs 'effort' is -3; judgments must be positive"),
            ([[1, 0], [0, 1]], "'cost' vs 'effort' is 0; judgments must be positive"),
            ([[2, 1], [1, 1]], "diagonal entry for 'cost' must be 1.*got 2"),
            ([[1, NAN], [NAN, 1]], "comparison of 'cost' vs 'effort' is missing"),
            ([[1, 3], [NAN, 1]], "is 3 but 'effort' vs 'cost' is missing.*expected 1/3"),
            ([[NAN, 1], [1, 1]], "diagonal entry for 'cost' must be 1"),
        ],
    )
    def test_bad_matrices(self, matrix: object, pattern: str) -> None:
        names = None
        if isinstance(matrix, list) and matrix and isinstance(matrix[0], list):
            if len(matrix) == 2 and all(len(r) == 2 for r in matrix):
                names = ["cost", "effort"]
        with pytest.raises(ComparisonError, match=pattern):
            check_matrix(matrix, names=names)

    def test_missing_allowed(self) -> None:
        out = check_matrix([[1, NAN], [None, 1]], allow_missing=True)
        assert np.isnan(out[0, 1]) and np.isnan(out[1, 0])

    def test_strict_scale(self) -> None:
        a = [[1, 2.5], [0.4, 1]]
        check_matrix(a)
        with pytest.raises(
            ComparisonError, match="'cost' vs 'effort' is 2.5, which is not on Saaty's scale"
        ):
            check_matrix(a, names=["cost", "effort"], strict_scale=True)
        check_matrix([[1, 1 / 7], [7, 1]], strict_scale=True)
        with pytest.raises(ComparisonError, match="not on Saaty's scale"):
            priorities([[1, 12], [1 / 12, 1]], strict_scale=True)

    def test_names(self) -> None:
        with pytest.raises(ComparisonError, match="2 criterion names given for a 3x3"):
            check_matrix(np.ones((3, 3)), names=["a", "b"])
        with pytest.raises(ComparisonError, match="'a' appears more than once"):
            check_matrix(np.ones((2, 2)), names=["a", "a"])
        with pytest.raises(ComparisonError, match="not the string"):
            check_matrix(np.ones((2, 2)), names="ab")  # type: ignore[arg-type]

    def test_dataframe(self) -> None:
        df = pd.DataFrame([[1, 3], [1 / 3, 1]], index=["a", "b"], columns=["a", "b"])
        assert check_matrix(df)[0, 1] == 3
        bad = pd.DataFrame([[1, 3], [0.5, 1]], index=["cost", "effort"], columns=["cost", "effort"])
        with pytest.raises(
            ComparisonError, match="'cost' vs 'effort' is 3 but 'effort' vs 'cost' is 0.5"
        ):
            check_matrix(bad)
        swapped = pd.DataFrame(np.ones((2, 2)), index=["a", "b"], columns=["b", "a"])
        with pytest.raises(
            ComparisonError, match="columns of a comparison table must list the same"
        ):
            check_matrix(swapped)
        with pytest.raises(ComparisonError, match="do not match the comparison table's row labels"):
            check_matrix(df, names=["x", "y"])
        with_na = pd.DataFrame([[1, pd.NA], [pd.NA, 1]], index=["a", "b"], columns=["a", "b"])
        assert np.isnan(check_matrix(with_na, allow_missing=True)[0, 1])


class TestPriorityErrors:
    def test_unknown_method(self) -> None:
        with pytest.raises(
            MCDAError,
            match=r"unknown priority method 'power'.*'eigenvector', 'geometric_mean', 'llsm'",
        ):
            priorities(HOUSE, method="power")  # type: ignore[arg-type]

    @pytest.mark.parametrize("threshold", [0, -0.1, math.nan, math.inf, "0.1", True])
    def test_bad_threshold(self, threshold: object) -> None:
        with pytest.raises(MCDAError, match="'threshold' must be a positive number"):
            priorities(HOUSE, threshold=threshold)  # type: ignore[arg-type]

    def test_geometric_mean_with_missing(self) -> None:
        with pytest.raises(MethodError, match="method='llsm'"):
            priorities(TestBozoki2010Example3.U, method="geometric_mean")

    def test_disconnected_names_cut_off_criteria(self) -> None:
        a = [
            [1, 2, NAN, NAN],
            [1 / 2, 1, NAN, NAN],
            [NAN, NAN, 1, 4],
            [NAN, NAN, 1 / 4, 1],
        ]
        names = ["cost", "effort", "image", "risk"]
        pattern = (
            r"'image', 'risk' cannot be compared, directly or through other criteria, "
            r"with 'cost', 'effort'"
        )
        with pytest.raises(ComparisonError, match=pattern):
            priorities(a, names=names)
        with pytest.raises(ComparisonError, match=pattern):
            priorities(a, method="llsm", names=names)
        with pytest.raises(ComparisonError, match=pattern):
            complete(a, names=names)

    def test_isolated_criterion(self) -> None:
        a = np.ones((3, 3))
        a[0, 2] = a[2, 0] = a[1, 2] = a[2, 1] = NAN
        with pytest.raises(ComparisonError, match=r"'criterion 3' cannot be compared"):
            priorities(a)

    def test_complete_of_complete_matrix_is_copy(self) -> None:
        a = np.array(HOUSE)
        out = complete(a)
        np.testing.assert_array_equal(out, a)
        assert out is not a

    def test_no_numpy_errors_escape(self) -> None:
        for bad in ([[1, 2], [0.5, 1, 3]], [[[1]]], "abc", None, 3.0, [[None]]):
            with pytest.raises(MCDAError):
                priorities(bad)  # type: ignore[arg-type]


# =====================================================================================
# Goepel's consensus at its published calibration points (issue 4; group helper's block).
#
# Goepel, K. D. (2013). Implementing the analytic hierarchy process as a standard method
# for multi-criteria decision making in corporate enterprises - a new AHP Excel template
# with multiple inputs. Proc. ISAHP 2013, Kuala Lumpur; and the BPMSG note "AHP consensus
# indicator" (eqs. 1.6-1.10): S* is scaled so that it is 1 for identical priorities and 0
# for the most diverse group the 1-9 scale allows, n experts each judging a *different*
# criterion M = 9 times as important as every other one (D_alpha,min = exp(H of
# (M, 1, ..., 1)/(n + M - 1)), D_gamma,max = n). The formula also matches the reference
# implementation (AHP-OS, classes/AhpGroup.php: getShannonBeta, getConsensus,
# ahpShannonCor), which averages the experts' priorities arithmetically for H_gamma.
# =====================================================================================


def _dominant(n: int, k: int, m: float = 9.0) -> np.ndarray:
    """Criterion k judged m times as important as every other criterion, the rest equal."""
    a = np.ones((n, n))
    a[k, :], a[:, k] = m, 1.0 / m
    a[k, k] = 1.0
    return a


@pytest.mark.parametrize("n", [3, 4, 7])
def test_consensus_is_zero_for_goepels_most_diverse_group(n: int) -> None:
    g = aggregate([_dominant(n, k) for k in range(n)])
    np.testing.assert_allclose(g.experts["expert 1"].weights[0], 9 / (n + 8))
    assert g.consensus == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("n", [3, 5])
def test_consensus_is_one_for_identical_priorities(n: int) -> None:
    assert aggregate([_dominant(n, 0)] * 3).consensus == pytest.approx(1.0, abs=1e-12)


def test_consensus_of_two_opposed_experts_by_hand() -> None:
    # n = 3; experts (9,1,1)/11 and (1,9,1)/11: H_alpha = H((9,1,1)/11) = H_alpha,min, the
    # mean (10,10,2)/22 gives H_gamma, and S* = (exp(H_alpha - H_gamma) - f)/(1 - f) with
    # f = exp(H_alpha,min)/3.
    g = aggregate([_dominant(3, 0), _dominant(3, 1)])
    h = lambda p: float(-(p * np.log(p)).sum())  # noqa: E731
    h_alpha = h(np.array([9, 1, 1]) / 11)
    f = math.exp(h_alpha) / 3
    expected = (math.exp(h_alpha - h(np.array([10, 10, 2]) / 22)) - f) / (1 - f)
    assert g.consensus == pytest.approx(expected, abs=1e-12)
    assert 0 < g.consensus < 0.5  # "very low" on Goepel's word scale


# No published worked example (inputs and the S* printed for them) could be found to
# reproduce; see the report on issue 4. The tests below pin the public function
# ahp.consensus: it is aggregate's indicator, its documented range and scale, its errors.


def _entropy(p: np.ndarray) -> float:
    return float(-(p * np.log(p)).sum())


def test_consensus_of_the_experts_priorities_is_the_groups() -> None:
    g = aggregate([_dominant(4, 0), _dominant(4, 1, 3.0), np.ones((4, 4))], [2.0, 1.0, 1.0])
    w = np.stack([p.weights for p in g.experts.values()])
    assert g.consensus is not None and 0 < g.consensus < 1
    assert ahp.consensus(w, [2.0, 1.0, 1.0]) == pytest.approx(g.consensus, abs=1e-12)
    # rows and expert weights are normalised here: scaling either changes nothing
    rescaled = ahp.consensus(w * np.array([[3.0], [0.5], [7.0]]), [4.0, 2.0, 2.0])
    assert rescaled == pytest.approx(g.consensus, abs=1e-12)
    assert ahp.consensus(w, [1, 1, 1]) == ahp.consensus(w)


def test_consensus_of_a_group_with_one_dominant_expert_tends_to_one() -> None:
    w = [[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]
    assert ahp.consensus(w) < 0.5
    assert ahp.consensus(w, [1.0, 1e-9]) == pytest.approx(1.0, abs=1e-6)


def test_consensus_is_not_negative_when_priorities_beat_goepels_extreme() -> None:
    # n = 4, every judgment on the 1-9 scale but inconsistent: criterion k 9 times each
    # other one, the next criterion 9 times the last two. The eigenvector,
    # (0.711, 0.212, 0.039, 0.039), is more concentrated than Goepel's extreme
    # (9, 1, 1, 1)/12, so his formula gives S* < 0 for the four rotations of this expert;
    # the documented range is [0, 1] and below the floor means no consensus: 0.
    base = np.array(
        [[1, 9, 9, 9], [1 / 9, 1, 9, 9], [1 / 9, 1 / 9, 1, 1], [1 / 9, 1 / 9, 1, 1]], dtype=float
    )
    mats = [base[np.ix_(p, p)] for p in (np.roll(np.arange(4), -k) for k in range(4))]
    g = aggregate(mats)
    w = np.stack([p.weights for p in g.experts.values()])
    np.testing.assert_allclose(w[0], [0.7111, 0.2117, 0.0386, 0.0386], atol=1e-4)
    floor = math.exp(_entropy(np.array([9, 1, 1, 1]) / 12)) / 4
    h_alpha = float(np.mean([_entropy(row) for row in w]))
    raw = (math.exp(h_alpha - _entropy(w.mean(axis=0))) - floor) / (1 - floor)
    assert raw == pytest.approx(-0.0198, abs=1e-4)
    assert g.consensus == 0.0
    assert ahp.consensus(np.full((3, 3), 0.01) + 0.97 * np.eye(3)) == 0.0


@pytest.mark.parametrize("scale", ["saaty", "balanced", "geometric"])
def test_consensus_of_the_most_diverse_group_is_zero_on_every_scale(scale: str) -> None:
    g = aggregate([_dominant(3, k) for k in range(3)], scale=scale)
    assert g.consensus == pytest.approx(0.0, abs=1e-12)


def test_consensus_on_the_geometric_scale_uses_its_largest_judgment() -> None:
    # On the geometric scale level 9 means M = 16 and level 8 means c = 2**3.5 = 11.3:
    # three experts each judging a different criterion at level 8 are a little less
    # diverse than Goepel's extreme for that scale, so S* is a little above 0 (with
    # M = 9 the same group would score -0.11).
    g = aggregate([_dominant(3, k, 8.0) for k in range(3)], scale="geometric")
    c = 2**3.5
    floor = math.exp(_entropy(np.array([16, 1, 1]) / 18)) / 3
    d_beta = math.exp(math.log(3) - _entropy(np.array([c, 1, 1]) / (c + 2)))
    expected = (1 / d_beta - floor) / (1 - floor)
    assert expected == pytest.approx(0.1112, abs=1e-4)
    assert g.consensus == pytest.approx(expected, abs=1e-12)


TWO = [[0.5, 0.5], [0.4, 0.6]]


@pytest.mark.parametrize(
    ("priorities_", "kwargs", "error", "message"),
    [
        ([0.5, 0.5], {}, ComparisonError, "2-D table, one row per expert (got shape (2,))"),
        ([[[0.5, 0.5]]], {}, ComparisonError, "2-D table, one row per expert"),
        ([[]], {}, ComparisonError, "(got shape (1, 0))"),
        (None, {}, ComparisonError, "2-D table, one row per expert"),
        ([["high", "low"]], {}, ComparisonError, "priorities must be numbers"),
        ([[0.5, 0.5], [1.0]], {}, ComparisonError, "priorities must be numbers"),
        ([[0.5, 0.0]], {}, ComparisonError, "priorities must be positive, finite numbers"),
        ([[0.5, -0.1]], {}, ComparisonError, "priorities must be positive, finite numbers"),
        ([[0.5, NAN]], {}, ComparisonError, "priorities must be positive, finite numbers"),
        ([[0.5, math.inf]], {}, ComparisonError, "priorities must be positive, finite numbers"),
        (TWO, {"scale_max": 1.0}, ComparisonError, "scale_max must be a number above 1 (got 1.0)"),
        (TWO, {"scale_max": NAN}, ComparisonError, "scale_max must be a number above 1 (got nan)"),
        (TWO, {"scale_max": "9"}, ComparisonError, "scale_max must be a number above 1 (got '9')"),
        (TWO, {"scale_max": None}, ComparisonError, "scale_max must be a number above 1"),
        (TWO, {"expert_weights": [1.0]}, ProblemError, "1 expert weights given for 2 experts"),
        (
            TWO,
            {"expert_weights": [1.0, 0.0]},
            ProblemError,
            "the weight of expert 'expert 2' must be a positive number (got 0.0)",
        ),
        (TWO, {"expert_weights": [1.0, -2.0]}, ProblemError, "'expert 2' must be a positive"),
        (TWO, {"expert_weights": [NAN, 1.0]}, ProblemError, "'expert 1' must be a positive"),
        (TWO, {"expert_weights": [1.0, "x"]}, ProblemError, "must be a positive number (got 'x')"),
        (TWO, {"expert_weights": [1.0, True]}, ProblemError, "positive number (got True)"),
        (TWO, {"expert_weights": 3.0}, ProblemError, "one per expert (got 3.0)"),
    ],
)
def test_consensus_rejects_bad_input(priorities_, kwargs, error, message) -> None:
    with pytest.raises(error) as info:
        ahp.consensus(priorities_, **kwargs)
    assert message in str(info.value)


# ======================================================================== judgment scales (issue 4)
# Salo, A. A., & Hämäläinen, R. P. (1997). On the measurement of preferences in the analytic
#     hierarchy process. Journal of Multi-Criteria Decision Analysis 6(6), 309-319: the
#     balanced scale w = 0.5, 0.55, ..., 0.9, c = w/(1-w) = 1, 1.22, 1.5, 1.86, 2.33, 3, 4,
#     5.67, 9 for levels 1..9.
# Lootsma, F. A. (1989). Conflict resolution via pairwise comparison of concessions.
#     European Journal of Operational Research 40(1), 109-116: the geometric scale
#     c = exp(gamma * delta), delta = x - 1, gamma = ln sqrt(2): 1, 1.41, 2, ..., 16
#     (the geometric scale of Goepel's AHP-OS).

BALANCED_PUBLISHED = (1.0, 1.22, 1.5, 1.86, 2.33, 3.0, 4.0, 5.67, 9.0)
GEOMETRIC_PUBLISHED = (1.0, 1.41, 2.0, 2.83, 4.0, 5.66, 8.0, 11.31, 16.0)


@pytest.mark.parametrize(
    ("scale", "values"), [("balanced", BALANCED_PUBLISHED), ("geometric", GEOMETRIC_PUBLISHED)]
)
def test_scale_levels_match_the_published_scales(scale: str, values: tuple[float, ...]) -> None:
    for level, value in enumerate(values, start=1):
        converted = ahp.convert_scale([[1, level], [1 / level, 1]], to=scale)
        assert published(converted[0, 1], value, 2), (scale, level, converted[0, 1])
        assert converted[1, 0] == pytest.approx(1 / converted[0, 1], rel=1e-15)


def test_balanced_scale_spreads_the_two_criteria_weights_evenly() -> None:
    # Salo & Hamalainen's point: level x gives the weights (w, 1 - w), w = 0.45 + 0.05 x.
    for level in range(1, 10):
        p = priorities([[1, level], [1 / level, 1]], scale="balanced")
        assert p.weights[0] == pytest.approx(0.45 + 0.05 * level)
        assert p.scale == "balanced"


def test_saaty_scale_is_the_identity_and_the_default() -> None:
    m = [[1, 3, 1 / 5], [1 / 3, 1, 1 / 7], [5, 7, 1]]
    np.testing.assert_array_equal(ahp.convert_scale(m, to="saaty"), np.array(m, dtype=float))
    assert priorities(m).scale == "saaty"
    np.testing.assert_array_equal(priorities(m, scale="saaty").weights, priorities(m).weights)


def test_priorities_on_a_scale_are_those_of_the_converted_matrix() -> None:
    m = [[1, 3, 1 / 5], [1 / 3, 1, 1 / 7], [5, 7, 1]]
    for scale in ("balanced", "geometric"):
        direct = priorities(m, scale=scale)
        converted = priorities(ahp.convert_scale(m, to=scale))
        np.testing.assert_allclose(direct.weights, converted.weights, rtol=1e-12)
        assert direct.cr == pytest.approx(converted.cr)
        np.testing.assert_allclose(direct.matrix, ahp.convert_scale(m, to=scale))


def test_in_between_judgments_are_interpolated_along_the_scale() -> None:
    low, mid, high = (
        ahp.convert_scale([[1, x], [1 / x, 1]], to="balanced")[0, 1] for x in (2, 2.5, 3)
    )
    assert low < mid < high
    assert mid == pytest.approx((9 + 2.5) / (11 - 2.5))
    # 1/2.5 is the reciprocal of 2.5 on every scale.
    back = ahp.convert_scale([[1, 1 / 2.5], [2.5, 1]], to="geometric")
    assert back[0, 1] == pytest.approx(2**-0.75)


def test_missing_judgments_stay_missing_on_another_scale() -> None:
    m = [[1, 2, NAN], [1 / 2, 1, 3], [NAN, 1 / 3, 1]]
    out = ahp.convert_scale(m, to="geometric")
    assert np.isnan(out[0, 2]) and np.isnan(out[2, 0])
    assert out[1, 2] == pytest.approx(2.0)
    assert priorities(m, scale="geometric").missing is not None


def test_judgments_beyond_the_scale_cannot_be_converted() -> None:
    with pytest.raises(ComparisonError, match=r"'b' vs 'c' is 1/12, beyond Saaty's scale"):
        ahp.convert_scale([[1, 2, 3], [1 / 2, 1, 1 / 12], [1 / 3, 12, 1]], names=list("abc"))
    with pytest.raises(MCDAError, match="unknown judgment scale 'power'; expected one of"):
        ahp.convert_scale([[1, 2], [1 / 2, 1]], to="power")
    with pytest.raises(MCDAError, match="unknown judgment scale 'linear'"):
        priorities([[1, 2], [1 / 2, 1]], scale="linear")
    with pytest.raises(ComparisonError, match="expected 1/2"):
        ahp.convert_scale([[1, 2], [2, 1]])


@FAST
@given(reciprocal_matrices(min_n=2, max_n=8, saaty_scale=False), st.sampled_from(ahp.SCALES))
def test_conversion_is_reciprocal_and_keeps_the_order_of_judgments(
    m: np.ndarray, scale: str
) -> None:
    out = ahp.convert_scale(m, to=scale)
    np.testing.assert_allclose(out * out.T, np.ones_like(out), rtol=1e-12)
    iu = np.triu_indices(len(m), 1)
    before, after = m[iu], out[iu]
    order = np.argsort(before, kind="stable")
    assert np.all(np.diff(after[order]) >= -1e-12)  # increasing: preferences keep their order
    np.testing.assert_array_equal(after > 1, before > 1)  # who is preferred does not change

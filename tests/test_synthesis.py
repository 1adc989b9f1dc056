"""Tests for mcda_iso.synthesis (AHP ratings synthesis, distributive and ideal modes).

Worked example: Belton, V., & Gear, T. (1983). On a short-coming of Saaty's method
of analytic hierarchies. *Omega*, 11(3), 228-230. Three alternatives, three equally
weighted criteria, local priorities (1/11, 9/11, 1/11), (9/11, 1/11, 1/11) and
(8/18, 9/18, 1/18), i.e. the ratings below; adding a copy of B reverses the order of
A and B under distributive synthesis. Ideal mode (Saaty 1994; Millet & Saaty 2000,
*EJOR* 121:205-212) keeps the order. The expected values are exact fractions
computed by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mcda_iso import synthesis
from mcda_iso.errors import MethodError, ProblemError
from mcda_iso.synthesis import MODES, normalize, scores

BELTON_GEAR = np.array([[1.0, 9, 8], [9, 1, 9], [1, 1, 1]])  # A, B, C
BELTON_GEAR_WITH_COPY = np.vstack([BELTON_GEAR, BELTON_GEAR[1]])  # D = copy of B
EQUAL = np.ones(3)
BENEFIT = np.ones(3)


# --------------------------------------------------------------------------- worked examples


def test_distributive_local_priorities_belton_gear():
    expected = np.array(
        [[1 / 11, 9 / 11, 8 / 18], [9 / 11, 1 / 11, 9 / 18], [1 / 11, 1 / 11, 1 / 18]]
    )

    np.testing.assert_allclose(normalize(BELTON_GEAR, BENEFIT), expected, rtol=1e-15)


def test_distributive_scores_belton_gear():
    """A = (1/11 + 9/11 + 8/18)/3 = 0.4512, B = 0.4697, C = 0.0791: B first."""
    result = scores(BELTON_GEAR, EQUAL, BENEFIT)

    expected = np.array([10 / 11 + 8 / 18, 10 / 11 + 9 / 18, 2 / 11 + 1 / 18]) / 3
    np.testing.assert_allclose(result, expected, rtol=1e-15)
    assert result.round(2).tolist() == [0.45, 0.47, 0.08]


def test_distributive_rank_reversal_when_copy_added():
    """With D = B added: A = 0.3654, B = D = 0.2889, C = 0.0568: now A first."""
    result = scores(BELTON_GEAR_WITH_COPY, EQUAL, BENEFIT)

    a = (1 / 20 + 9 / 12 + 8 / 27) / 3
    b = (9 / 20 + 1 / 12 + 9 / 27) / 3
    c = (1 / 20 + 1 / 12 + 1 / 27) / 3
    np.testing.assert_allclose(result, [a, b, c, b], rtol=1e-15)
    assert result.round(2).tolist() == [0.37, 0.29, 0.06, 0.29]
    assert result[0] > result[1]


def test_ideal_mode_belton_gear_no_rank_reversal():
    """Ideal mode: A = (1/9 + 1 + 8/9)/3 = 2/3, B = 19/27, C = 1/9, with or without D."""
    local = normalize(BELTON_GEAR, BENEFIT, mode="ideal")
    before = scores(BELTON_GEAR, EQUAL, BENEFIT, mode="ideal")
    after = scores(BELTON_GEAR_WITH_COPY, EQUAL, BENEFIT, mode="ideal")

    np.testing.assert_allclose(
        local, [[1 / 9, 1, 8 / 9], [1, 1 / 9, 1], [1 / 9, 1 / 9, 1 / 9]], rtol=1e-15
    )
    np.testing.assert_allclose(before, [2 / 3, 19 / 27, 1 / 9], rtol=1e-15)
    np.testing.assert_allclose(after, [2 / 3, 19 / 27, 1 / 9, 19 / 27], rtol=1e-15)


def test_hand_computed_with_cost_criterion():
    """Price 2 and 3 (cost), quality 4 and 1 (benefit), weights 3:1.

    Distributive: price (1/2, 1/3) / (5/6) = (3/5, 2/5); quality (4/5, 1/5);
    scores (3/4 * 3/5 + 1/4 * 4/5, 3/4 * 2/5 + 1/4 * 1/5) = (13/20, 7/20).
    Ideal: price (1, 2/3), quality (1, 1/4); scores (1, 9/16).
    """
    matrix = [[2.0, 4.0], [3.0, 1.0]]
    types = [-1, 1]

    np.testing.assert_allclose(normalize(matrix, types), [[3 / 5, 4 / 5], [2 / 5, 1 / 5]])
    np.testing.assert_allclose(scores(matrix, [3, 1], types), [13 / 20, 7 / 20])
    np.testing.assert_allclose(normalize(matrix, types, "ideal"), [[1, 1], [2 / 3, 1 / 4]])
    np.testing.assert_allclose(scores(matrix, [3, 1], types, "ideal"), [1, 9 / 16])


# --------------------------------------------------------------------------- properties


@st.composite
def problems(draw):
    m = draw(st.integers(1, 7))
    n = draw(st.integers(1, 5))
    matrix = draw(arrays(np.float64, (m, n), elements=st.floats(1e-3, 1e4)))
    types = draw(arrays(np.int64, n, elements=st.sampled_from([1, -1])))
    return matrix, types


def weight_batches(n):
    rows = arrays(np.float64, n, elements=st.sampled_from([0.0, 0.1, 0.5, 1.0, 3.0]))
    return st.lists(rows.filter(lambda w: w.sum() > 0), min_size=1, max_size=6).map(np.array)


@settings(deadline=None)
@given(data=st.data())
def test_distributive_scores_sum_to_one(data):
    matrix, types = data.draw(problems())
    weights = data.draw(weight_batches(matrix.shape[1]))

    np.testing.assert_allclose(normalize(matrix, types).sum(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(scores(matrix, weights, types).sum(axis=1), 1.0, rtol=1e-12)


@settings(deadline=None)
@given(data=st.data(), mode=st.sampled_from(MODES))
def test_batched_equals_single(data, mode):
    matrix, types = data.draw(problems())
    weights = data.draw(weight_batches(matrix.shape[1]))

    batch = scores(matrix, weights, types, mode)

    assert batch.shape == (len(weights), matrix.shape[0])
    for row, w in zip(batch, weights, strict=True):
        np.testing.assert_allclose(row, scores(matrix, w, types, mode), rtol=0, atol=1e-15)


@settings(deadline=None)
@given(data=st.data(), mode=st.sampled_from(MODES))
def test_local_priorities_positive_and_ideal_best_is_one(data, mode):
    matrix, types = data.draw(problems())

    local = normalize(matrix, types, mode)

    assert (local > 0).all()
    if mode == "ideal":
        assert (local.max(axis=0) == 1.0).all()
        best = np.where(types == 1, matrix.argmax(axis=0), matrix.argmin(axis=0))
        assert (local[best, np.arange(matrix.shape[1])] == 1.0).all()


@settings(deadline=None)
@given(data=st.data(), mode=st.sampled_from(MODES))
def test_weights_are_normalized(data, mode):
    matrix, types = data.draw(problems())
    weights = data.draw(weight_batches(matrix.shape[1]))

    np.testing.assert_allclose(
        scores(matrix, weights * 1e3, types, mode), scores(matrix, weights, types, mode)
    )


def test_matches_pymcdm_sum_normalization():
    """Distributive mode is pymcdm's sum normalisation (reciprocals for cost)."""
    from pymcdm.helpers import normalize_matrix
    from pymcdm.normalizations import sum_normalization

    rng = np.random.default_rng(5)
    for _ in range(100):
        matrix = rng.uniform(0.1, 100, size=(6, 4))
        types = rng.choice([1, -1], size=4)
        expected = normalize_matrix(matrix, sum_normalization, types)
        np.testing.assert_allclose(normalize(matrix, types), expected, rtol=1e-14)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("magnitude", [1e-300, 1e-150, 1e150, 1e300])
def test_extreme_magnitudes_no_overflow(mode, magnitude):
    matrix = np.array([[2.0, 4.0], [3.0, 1.0]])

    result = scores(matrix * magnitude, [3, 1], [-1, 1], mode)

    np.testing.assert_allclose(result, scores(matrix, [3, 1], [-1, 1], mode), rtol=1e-14)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("mode", MODES)
def test_non_positive_value_names_the_criterion(mode):
    matrix = [[1.0, 5, 2], [2, 5, 3], [3, 5, 4], [4, 5, 0]]
    message = (
        "AHP synthesis needs strictly positive performance values (it divides by them): "
        "'Status quo' has 0 on 'cost'. Rank with TOPSIS (method='topsis'), which accepts zero "
        "and negative values, or enter a small positive value in the same unit if that means "
        "the same to you"
    )
    with pytest.raises(MethodError) as info:
        scores(
            matrix, [1, 1, 1], [1, 1, -1], mode, names=["quality", "speed", "cost"],
            alternatives=["ISO 9001", "Lean", "Six Sigma", "Status quo"],
        )  # fmt: skip
    assert str(info.value) == message
    assert "matrix[" not in message


def test_non_positive_value_without_names_uses_column_index():
    with pytest.raises(MethodError) as info:
        normalize([[1.0, -2.5], [2, 1]], [1, 1])
    assert str(info.value) == (
        "AHP synthesis needs strictly positive performance values (it divides by them): "
        "the alternative in row 1 has -2.5 on the criterion in column 2. Rank with TOPSIS "
        "(method='topsis'), which accepts zero and negative values, or enter a small positive "
        "value in the same unit if that means the same to you"
    )


def test_values_spanning_too_many_decades():
    with pytest.raises(MethodError, match=r"'x': they span 320 powers of ten \(at most 300\)"):
        normalize([[1e-310], [1e10]], [-1], names=["x"])


def test_unknown_mode_lists_valid_modes():
    with pytest.raises(MethodError) as info:
        normalize([[1.0], [2.0]], [1], mode="multiplicative")
    assert str(info.value) == (
        "unknown synthesis mode 'multiplicative'; valid modes are 'distributive', 'ideal'"
    )


def test_names_must_match_criteria():
    with pytest.raises(ProblemError, match=r"'names' must have one name per criterion \(2\)"):
        normalize([[1.0, 2.0]], [1, 1], names=["only one"])


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0.0, 0.0], "'weights' must sum to a positive number (got 0.0)"),
        ([1.0, -1.0], "'weights' must be non-negative (weights[1] is -1.0)"),
        ([1.0], "'weights' must have shape (2,) or (k, 2)"),
    ],
)
def test_bad_weights(weights, message):
    with pytest.raises(ProblemError) as info:
        scores([[1.0, 2.0], [2.0, 1.0]], weights, [1, 1])
    assert str(info.value).startswith(message)


def test_single_alternative_is_fine():
    """Unlike TOPSIS, synthesis of one alternative is defined: it gets everything."""
    assert scores([[3.0, 4.0]], [1, 1], [1, -1]).tolist() == [1.0]
    assert scores([[3.0, 4.0]], [1, 1], [1, -1], "ideal").tolist() == [1.0]


def test_local_priorities_equal_pymcdms_normalisations():
    """Our numpy sum/max normalisations are pymcdm's (normalize_matrix) to 1e-15."""
    from pymcdm.helpers import normalize_matrix
    from pymcdm.normalizations import max_normalization, sum_normalization

    rng = np.random.default_rng(3)
    for _ in range(20):
        matrix = rng.uniform(0.01, 1000.0, size=(rng.integers(2, 9), 5))
        types = rng.choice([1, -1], size=5)
        want = normalize_matrix(matrix, sum_normalization, types)
        got = synthesis.normalize(matrix, types, "distributive")
        np.testing.assert_allclose(got, want, rtol=1e-15, atol=0)
        oriented = np.where(types == 1, matrix, 1.0 / matrix)
        want = normalize_matrix(oriented, max_normalization, None)
        got = synthesis.normalize(matrix, types, "ideal")
        np.testing.assert_allclose(got, want, rtol=1e-15, atol=0)


def test_scores_stack_equals_scores_matrix_by_matrix():
    rng = np.random.default_rng(0)
    stack = rng.uniform(1.0, 10.0, size=(6, 7, 5))
    w = rng.dirichlet(np.ones(5), size=6)
    types = np.array([1, -1, 1, -1, 1])
    for mode in synthesis.MODES:
        got = synthesis.scores_stack(stack, w, types, mode)
        for k in range(6):
            want = synthesis.scores(stack[k], w[k], types, mode=mode)
            np.testing.assert_allclose(got[k], want, rtol=0, atol=1e-15)

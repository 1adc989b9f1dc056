"""Tests for mcda_iso.topsis.

Published results reproduced here:

* Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
  Applications*. Springer, pp. 131-134 (fighter-aircraft example); also in Yoon, K. P.,
  & Hwang, C.-L. (1995). *Multiple Attribute Decision Making: An Introduction*. Sage.
* Tzeng, G.-H., & Huang, J.-J. (2011). *Multiple Attribute Decision Making: Methods and
  Applications*. CRC Press (TOPSIS example; values as reproduced in scikit-criteria's
  test ``test_TOPSIS_tzeng2011multiple``).

Everything else is checked against ``pymcdm.methods.TOPSIS`` (Kizielewicz,
Shekhovtsov & Sałabun 2023, pymcdm, SoftwareX 22:101368) and against properties
of the method.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import minmax_normalization, vector_normalization

from mcda_iso import topsis
from mcda_iso.errors import MethodError, ProblemError
from mcda_iso.topsis import NORMALIZATIONS, TopsisExplanation, closeness, explain

PYMCDM = {"vector": vector_normalization, "minmax": minmax_normalization}


def pymcdm_topsis(matrix, weights, types, normalization):
    """pymcdm's TOPSIS, the reference; its own 0/0 (NaN) is silenced here, not in ours."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return TOPSIS(PYMCDM[normalization])(matrix, weights, types, validation=False)


# --------------------------------------------------------------------------- data

# Hwang & Yoon (1981), pp. 131-134: four fighter aircraft, six attributes: maximum
# speed (Mach), ferry range (NM), maximum payload (lb), acquisition cost ($10^6,
# the only cost attribute), reliability and maneuverability (qualitative, converted
# to an interval scale: low 3, average 5, high 7, very high 9).
FIGHTER = np.array(
    [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
)
FIGHTER_WEIGHTS = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
FIGHTER_TYPES = np.array([1, 1, 1, -1, 1, 1])
# As printed in the book (C*_i, and the separation measures S*_i, S-_i).
FIGHTER_PUBLISHED_CLOSENESS = np.array([0.643, 0.268, 0.613, 0.312])
FIGHTER_PUBLISHED_D_PLUS = np.array([0.0545, 0.1197, 0.0580, 0.1009])
FIGHTER_PUBLISHED_D_MINUS = np.array([0.0983, 0.0439, 0.0920, 0.0458])
# The book's normalised matrix r_ij = x_ij / ||x_j|| (cost column included, not inverted).
FIGHTER_PUBLISHED_NORMALIZED = np.array(
    [
        [0.4671, 0.3662, 0.5056, 0.5063, 0.4811, 0.6708],
        [0.5839, 0.6591, 0.4550, 0.5983, 0.2887, 0.3727],
        [0.4204, 0.4882, 0.5308, 0.4143, 0.6736, 0.5217],
        [0.5139, 0.4392, 0.5056, 0.4603, 0.4811, 0.3727],
    ]
)


# --------------------------------------------------------------------------- published


def test_fighter_closeness_hwang_yoon_1981():
    """Hwang & Yoon (1981) fighter aircraft: C* = 0.643, 0.268, 0.613, 0.312 (p. 134).

    Exact arithmetic gives C*_3 = 0.61354, i.e. 0.614 to the published three
    decimals, not the printed 0.613: the book computed C* from separation measures
    already rounded to 4 decimals (0.0920 / (0.0580 + 0.0920) = 0.6133); see
    ``test_fighter_published_closeness_follows_from_rounded_separations``. The
    other three values agree to the published precision.
    """
    result = closeness(FIGHTER, FIGHTER_WEIGHTS, FIGHTER_TYPES)

    assert result.round(3)[[0, 1, 3]].tolist() == FIGHTER_PUBLISHED_CLOSENESS[[0, 1, 3]].tolist()
    assert result[2] == pytest.approx(0.613542, abs=1e-6)
    assert abs(result[2] - FIGHTER_PUBLISHED_CLOSENESS[2]) < 1e-3  # one unit in the last place
    assert np.argsort(-result).tolist() == [0, 2, 3, 1]  # A1 > A3 > A4 > A2, as published


def test_fighter_published_closeness_follows_from_rounded_separations():
    """The book's C* are exactly what its rounded S*, S- give (rounded to 3 decimals)."""
    published = FIGHTER_PUBLISHED_D_MINUS / (FIGHTER_PUBLISHED_D_PLUS + FIGHTER_PUBLISHED_D_MINUS)

    assert published.round(3).tolist() == FIGHTER_PUBLISHED_CLOSENESS.tolist()


def test_fighter_separations_hwang_yoon_1981():
    """S*_i and S-_i to the published 4 decimals, except A1's (one unit in the last place).

    Exact: S*_1 = 0.05456, S-_1 = 0.09838; the book prints 0.0545 and 0.0983,
    computed from its 4-decimal normalised matrix (see the next test).
    """
    steps = explain(FIGHTER, FIGHTER_WEIGHTS, FIGHTER_TYPES)

    assert steps.d_plus.round(4)[1:].tolist() == FIGHTER_PUBLISHED_D_PLUS[1:].tolist()
    assert steps.d_minus.round(4)[1:].tolist() == FIGHTER_PUBLISHED_D_MINUS[1:].tolist()
    assert steps.d_plus[0] == pytest.approx(0.05456, abs=1e-5)
    assert steps.d_minus[0] == pytest.approx(0.09838, abs=1e-5)
    np.testing.assert_allclose(steps.d_plus, FIGHTER_PUBLISHED_D_PLUS, atol=1.1e-4)
    np.testing.assert_allclose(steps.d_minus, FIGHTER_PUBLISHED_D_MINUS, atol=1.1e-4)


def test_fighter_normalized_matrix_hwang_yoon_1981():
    """The normalised matrix agrees with the book's to 4 decimals except five entries.

    The book's cost column (acquisition cost) and r_42 are slightly off: exact
    values 0.5069, 0.5990, 0.4147, 0.4608 and 0.4394 against printed 0.5063,
    0.5983, 0.4143, 0.4603 and 0.4392. We keep pymcdm's orientation for a cost
    column (1 - x/||x||), so it is compared as 1 - r.
    """
    normalized = explain(FIGHTER, FIGHTER_WEIGHTS, FIGHTER_TYPES).normalized.copy()
    normalized[:, 3] = 1 - normalized[:, 3]
    differs = normalized.round(4) != FIGHTER_PUBLISHED_NORMALIZED

    assert np.argwhere(differs).tolist() == [[0, 3], [1, 3], [2, 3], [3, 1], [3, 3]]
    np.testing.assert_allclose(normalized, FIGHTER_PUBLISHED_NORMALIZED, atol=8e-4)


def test_tzeng_huang_2011():
    """Tzeng & Huang (2011): C = 0.5037, 0.6581, 0.7482, 0.3340 (all benefit criteria)."""
    matrix = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]

    result = closeness(matrix, [0.3, 0.4, 0.3], [1, 1, 1])

    assert result.round(4).tolist() == [0.5037, 0.6581, 0.7482, 0.3340]


# --------------------------------------------------------------------------- pymcdm


def _random_problem(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    m = int(rng.integers(2, 12))
    n = int(rng.integers(1, 9))
    scale = 10.0 ** rng.uniform(-3, 4, size=n)
    matrix = rng.uniform(0.0, 1.0, size=(m, n)) * scale
    if rng.random() < 0.2:  # a constant (non-zero) column now and then
        matrix[:, rng.integers(n)] = rng.uniform(1, 5)
    if rng.random() < 0.2:  # small integer ratings with ties
        matrix[:, rng.integers(n)] = rng.integers(1, 4, size=m)
    types = rng.choice([1, -1], size=n)
    return matrix, types


@pytest.mark.parametrize("normalization", NORMALIZATIONS)
def test_matches_pymcdm_single_weights(normalization):
    """Hundreds of random problems: identical to pymcdm's TOPSIS to 1e-12."""
    rng = np.random.default_rng(20240611)
    checked = 0
    for _ in range(400):
        matrix, types = _random_problem(rng)
        weights = rng.dirichlet(np.ones(matrix.shape[1]))
        expected = pymcdm_topsis(matrix, weights, types, normalization)
        if not np.isfinite(expected).all():  # pymcdm's 0/0: nothing discriminates
            continue
        np.testing.assert_allclose(
            closeness(matrix, weights, types, normalization), expected, rtol=0, atol=1e-12
        )
        checked += 1
    assert checked > 350


@pytest.mark.parametrize("normalization", NORMALIZATIONS)
def test_matches_pymcdm_batched_weights(normalization):
    """Batches of weight vectors (some with zeros): each row equals pymcdm's to 1e-12."""
    rng = np.random.default_rng(7)
    for _ in range(100):
        matrix, types = _random_problem(rng)
        if not np.ptp(matrix, axis=0).any():  # nothing discriminates: tested elsewhere
            continue
        weights = rng.dirichlet(np.ones(matrix.shape[1]), size=25)
        weights[rng.random(weights.shape) < 0.1] = 0.0
        weights[:, rng.integers(matrix.shape[1])] += 0.01  # no all-zero row
        expected = np.array([pymcdm_topsis(matrix, w, types, normalization) for w in weights])
        result = closeness(matrix, weights * 3.0, types, normalization)  # scale-free
        finite = np.isfinite(expected).all(axis=1)
        assert result.shape == (25, matrix.shape[0])
        np.testing.assert_allclose(result[finite], expected[finite], rtol=0, atol=1e-12)
        assert (result[~finite] == 0.5).all()  # pymcdm's 0/0 rows are our ties


def test_matches_pymcdm_with_negative_values():
    """Both accept negative performance values; results still agree."""
    rng = np.random.default_rng(3)
    for normalization in NORMALIZATIONS:
        for _ in range(50):
            matrix = rng.normal(size=(6, 4)) * 10
            types = rng.choice([1, -1], size=4)
            weights = rng.dirichlet(np.ones(4))
            expected = pymcdm_topsis(matrix, weights, types, normalization)
            np.testing.assert_allclose(
                closeness(matrix, weights, types, normalization), expected, atol=1e-12
            )


def test_cost_column_vector_normalization_is_min_ideal():
    """pymcdm's 1 - x/||x|| for a cost column gives the textbook min-as-ideal closeness."""
    rng = np.random.default_rng(11)
    for _ in range(50):
        matrix = rng.uniform(1, 100, size=(5, 3))
        types = np.array([1, -1, -1])
        weights = rng.dirichlet(np.ones(3))
        weighted = matrix / np.linalg.norm(matrix, axis=0) * weights
        ideal = np.where(types == 1, weighted.max(axis=0), weighted.min(axis=0))
        anti = np.where(types == 1, weighted.min(axis=0), weighted.max(axis=0))
        d_plus = np.linalg.norm(weighted - ideal, axis=1)
        d_minus = np.linalg.norm(weighted - anti, axis=1)
        textbook = d_minus / (d_plus + d_minus)
        np.testing.assert_allclose(closeness(matrix, weights, types), textbook, atol=1e-12)


# --------------------------------------------------------------------------- properties


@st.composite
def problems(draw, min_rows=2):
    """A matrix (with possible ties) whose criteria are not all constant, and its types.

    At least one criterion discriminates by more than rounding: values that differ only
    in the last bits (0.01 and 0.010000000000000002) can become equal once a column is
    rescaled, which turns a discriminating problem into one that is not.
    """
    m = draw(st.integers(min_rows, 7))
    n = draw(st.integers(1, 5))
    elements = st.one_of(st.floats(0.01, 1000, allow_nan=False), st.integers(1, 9).map(float))
    matrix = draw(arrays(np.float64, (m, n), elements=elements))
    spread = (matrix.max(axis=0) - matrix.min(axis=0)) / matrix.max(axis=0)
    assume((spread > 1e-9).any())
    types = draw(arrays(np.int64, n, elements=st.sampled_from([1, -1])))
    return matrix, types


def positive_weights(n):
    return arrays(np.float64, n, elements=st.floats(0.01, 1.0))


def weight_batches(n):
    """(k, n) non-negative weights, zeros included, no all-zero row."""
    rows = arrays(np.float64, n, elements=st.sampled_from([0.0, 0.1, 0.5, 1.0, 3.0]))
    return st.lists(rows.filter(lambda w: w.sum() > 0), min_size=1, max_size=6).map(np.array)


@settings(deadline=None)
@given(data=st.data(), normalization=st.sampled_from(NORMALIZATIONS))
def test_permuting_alternatives_permutes_closeness(data, normalization):
    matrix, types = data.draw(problems())
    weights = data.draw(positive_weights(matrix.shape[1]))
    order = data.draw(st.permutations(range(matrix.shape[0])))

    result = closeness(matrix[order], weights, types, normalization)

    np.testing.assert_allclose(
        result, closeness(matrix, weights, types, normalization)[order], atol=1e-12
    )


@settings(deadline=None)
@given(data=st.data())
def test_vector_normalization_ignores_column_units(data):
    """Multiplying a column by a positive constant (a change of unit) changes nothing."""
    matrix, types = data.draw(problems())
    weights = data.draw(positive_weights(matrix.shape[1]))
    factors = data.draw(arrays(np.float64, matrix.shape[1], elements=st.floats(1e-3, 1e3)))

    np.testing.assert_allclose(
        closeness(matrix * factors, weights, types),
        closeness(matrix, weights, types),
        atol=1e-10,
    )


@settings(deadline=None)
@given(data=st.data(), normalization=st.sampled_from(NORMALIZATIONS))
def test_closeness_in_unit_interval(data, normalization):
    matrix, types = data.draw(problems())
    weights = data.draw(weight_batches(matrix.shape[1]))

    result = closeness(matrix, weights, types, normalization)

    assert result.shape == (len(weights), matrix.shape[0])
    assert np.isfinite(result).all()
    assert ((result >= 0) & (result <= 1)).all()


@settings(deadline=None)
@given(data=st.data(), normalization=st.sampled_from(NORMALIZATIONS))
def test_batched_row_equals_single_call(data, normalization):
    """Row i of a batch equals the 1-D call with weights[i] (or a tie where that call raises)."""
    matrix, types = data.draw(problems())
    weights = data.draw(weight_batches(matrix.shape[1]))

    batch = closeness(matrix, weights, types, normalization)

    for row, w in zip(batch, weights, strict=True):
        try:
            single = closeness(matrix, w, types, normalization)
        except MethodError as exc:
            assert "no criterion that discriminates" in str(exc)
            assert (row == 0.5).all()
        else:
            np.testing.assert_allclose(row, single, rtol=0, atol=1e-14)


@settings(deadline=None)
@given(data=st.data())
def test_weights_scale_free(data):
    matrix, types = data.draw(problems())
    weights = data.draw(positive_weights(matrix.shape[1]))
    factor = data.draw(st.sampled_from([1e-200, 1e-5, 7.0, 1e250]))

    np.testing.assert_allclose(
        closeness(matrix, weights * factor, types),
        closeness(matrix, weights, types),
        atol=1e-14,
    )


def test_extreme_weights_no_overflow():
    """Weights whose sum overflows, or that are subnormal, give the usual closeness."""
    expected = closeness(FIGHTER, FIGHTER_WEIGHTS, FIGHTER_TYPES)
    huge = np.full(6, 1e308)
    tiny = FIGHTER_WEIGHTS * 1e-300 * 1e-10

    result = closeness(FIGHTER, [FIGHTER_WEIGHTS * 1e308, huge, tiny], FIGHTER_TYPES)

    np.testing.assert_allclose(result[0], expected, atol=1e-14)
    np.testing.assert_allclose(result[1], closeness(FIGHTER, np.ones(6), FIGHTER_TYPES))
    np.testing.assert_allclose(result[2], expected, atol=1e-14)


# --------------------------------------------------------------------------- degenerate data


@pytest.mark.parametrize("normalization", NORMALIZATIONS)
@pytest.mark.parametrize("constant", [0.0, 4.0])
@pytest.mark.parametrize("kind", [1, -1])
def test_constant_column_contributes_nothing(normalization, constant, kind):
    """A constant column (all-zero included) is as if the criterion were absent."""
    matrix = np.array([[1.0, 30], [2, 20], [4, 25]])
    with_constant = np.column_stack([matrix, np.full(3, constant)])

    result = closeness(with_constant, [0.3, 0.3, 0.4], [1, -1, kind], normalization)

    np.testing.assert_allclose(result, closeness(matrix, [0.3, 0.3], [1, -1], normalization))


def test_all_zero_column_normalized_to_constant():
    """Vector normalisation takes 0/0 as 0: a benefit column of zeros -> 0, a cost one -> 1."""
    steps = explain([[0.0, 0, 1], [0, 0, 2]], [1, 1, 1], [1, -1, 1])

    assert steps.normalized[:, 0].tolist() == [0.0, 0.0]
    assert steps.normalized[:, 1].tolist() == [1.0, 1.0]
    assert np.isfinite(steps.closeness).all()
    assert steps.closeness.tolist() == [0.0, 1.0]


@pytest.mark.parametrize("normalization", NORMALIZATIONS)
@pytest.mark.parametrize(
    "matrix",
    [
        [[3.0, 1.0], [3.0, 1.0], [3.0, 1.0]],  # identical alternatives
        [[0.0, 0.0], [0.0, 0.0]],  # all zero
        [[1.0, 7.0, 0.0], [1.0, 7.0, 0.0]],  # every column constant
    ],
)
def test_nothing_discriminates_raises(matrix, normalization):
    n = len(matrix[0])
    with pytest.raises(MethodError, match=r"^all alternatives have identical performance"):
        closeness(matrix, np.ones(n), np.ones(n), normalization)
    with pytest.raises(MethodError, match="nothing can discriminate between them"):
        closeness(matrix, np.ones((3, n)), np.ones(n), normalization)


def test_single_alternative_raises():
    with pytest.raises(MethodError, match=r"only one alternative: .*nothing can discriminate"):
        closeness([[1.0, 2.0]], [0.5, 0.5], [1, -1])


def test_single_weights_on_constant_criteria_raise():
    matrix = [[1.0, 5.0, 2.0], [2.0, 5.0, 2.0]]
    message = (
        "the weights give no criterion that discriminates between the alternatives: "
        "all positive weight is on criteria [1, 2], on which every alternative has the same value"
    )
    with pytest.raises(MethodError) as info:
        closeness(matrix, [0.0, 0.5, 0.5], [1, 1, 1])
    assert str(info.value) == message


def test_batch_row_on_constant_criteria_is_a_tie():
    matrix = [[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]

    result = closeness(matrix, [[1.0, 1.0], [0.0, 1.0]], [1, 1])

    assert result[0].tolist() == [0.0, 0.5, 1.0]
    assert result[1].tolist() == [0.5, 0.5, 0.5]


@pytest.mark.parametrize("magnitude", [1e-250, 1e-120, 1e120, 1e250])
@pytest.mark.parametrize("normalization", NORMALIZATIONS)
def test_extreme_magnitudes_no_overflow(magnitude, normalization):
    """Values whose squares overflow or underflow give the same closeness, no warning."""
    matrix = np.array([[1.0, 30], [2, 20], [4, 25]])

    result = closeness(matrix * magnitude, [0.5, 0.5], [1, -1], normalization)

    np.testing.assert_allclose(result, closeness(matrix, [0.5, 0.5], [1, -1], normalization))


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("weights", "error", "message"),
    [
        ([0.0, 0.0], ProblemError, "'weights' must sum to a positive number (got 0.0)"),
        ([[1, 1], [0, 0]], ProblemError, "'weights[1]' must sum to a positive number (got 0.0)"),
        ([0.5, -0.5], ProblemError, "'weights' must be non-negative (weights[1] is -0.5)"),
        ([[1, 1], [1, -2]], ProblemError, "'weights' must be non-negative (weights[1, 1] is -2.0)"),
        ([np.nan, 1.0], ProblemError, "'weights' must be finite (weights[0] is nan)"),
        ([np.inf, 1.0], ProblemError, "'weights' must be finite (weights[0] is inf)"),
        (
            [1.0, 1.0, 1.0],
            ProblemError,
            "'weights' must have shape (2,) or (k, 2), one entry per criterion (got shape (3,))",
        ),
        (
            np.ones((2, 2, 2)),
            ProblemError,
            "'weights' must have shape (2,) or (k, 2), one entry per criterion "
            "(got shape (2, 2, 2))",
        ),
        (
            np.ones((0, 2)),
            ProblemError,
            "'weights' must have shape (2,) or (k, 2), one entry per criterion (got shape (0, 2))",
        ),
    ],
)
def test_bad_weights(weights, error, message):
    with pytest.raises(error) as info:
        closeness([[1.0, 2.0], [2.0, 1.0]], weights, [1, 1])
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("matrix", "types", "message"),
    [
        ([[1.0, np.nan], [2, 3]], [1, 1], "'matrix' must be finite (matrix[0, 1] is nan)"),
        ([1.0, 2.0], [1], "'matrix' must be 2-D with at least one alternative (row) and one "),
        ([[1.0, "a"], [2, 3]], [1, 1], "'matrix' must be a rectangular table of numbers"),
        ([[1.0, 2], [3]], [1, 1], "'matrix' must be a rectangular table of numbers"),
        ([[1.0, 2], [3, 4]], [1, 0], "'types' must contain only 1 (benefit) or -1 (cost)"),
        ([[1.0, 2], [3, 4]], [1], "'types' must have one entry per criterion (2) (got shape (1,))"),
        ([[1.0, 2], [3, 4]], ["benefit", "cost"], "'types' must contain only 1 (benefit) or -1"),
    ],
)
def test_bad_problem(matrix, types, message):
    with pytest.raises(ProblemError) as info:
        closeness(matrix, np.ones(len(types)), types)
    assert str(info.value).startswith(message)


def test_unknown_normalization_lists_valid_names():
    with pytest.raises(MethodError) as info:
        closeness([[1.0], [2.0]], [1.0], [1], normalization="sum")
    assert str(info.value) == "unknown normalization 'sum'; valid names are 'vector', 'minmax'"


def test_errors_are_value_errors():
    with pytest.raises(ValueError, match="nothing can discriminate"):
        closeness([[1.0], [1.0]], [1.0], [1])


# --------------------------------------------------------------------------- explanation


@pytest.mark.parametrize("normalization", NORMALIZATIONS)
def test_explanation_is_consistent(normalization):
    weights = FIGHTER_WEIGHTS * 10
    steps = closeness(FIGHTER, weights, FIGHTER_TYPES, normalization, explain=True)

    assert isinstance(steps, TopsisExplanation)
    assert steps.normalization == normalization
    expected = closeness(FIGHTER, weights, FIGHTER_TYPES, normalization)
    assert steps.closeness.tolist() == expected.tolist()
    np.testing.assert_allclose(steps.weights, FIGHTER_WEIGHTS)
    np.testing.assert_allclose(steps.weighted, steps.normalized * FIGHTER_WEIGHTS)
    assert steps.ideal.tolist() == steps.weighted.max(axis=0).tolist()
    assert steps.anti_ideal.tolist() == steps.weighted.min(axis=0).tolist()
    np.testing.assert_allclose(steps.d_plus, np.linalg.norm(steps.weighted - steps.ideal, axis=1))
    np.testing.assert_allclose(
        steps.d_minus, np.linalg.norm(steps.weighted - steps.anti_ideal, axis=1)
    )
    np.testing.assert_allclose(steps.closeness, steps.d_minus / (steps.d_plus + steps.d_minus))
    assert steps.normalized.shape == steps.weighted.shape == (4, 6)
    assert steps.ideal.shape == steps.anti_ideal.shape == (6,)


def test_explanation_matches_pymcdm_verbose():
    """Same normalised matrix, ideal, anti-ideal and distances as pymcdm's explained run."""
    method = TOPSIS(vector_normalization)
    nmatrix, weighted, nis, pis, d_minus, d_plus, _ = method._method(
        FIGHTER, FIGHTER_WEIGHTS, FIGHTER_TYPES
    )
    steps = explain(FIGHTER, FIGHTER_WEIGHTS, FIGHTER_TYPES)

    for ours, theirs in [
        (steps.normalized, nmatrix),
        (steps.weighted, weighted),
        (steps.ideal, pis),
        (steps.anti_ideal, nis),
        (steps.d_plus, d_plus),
        (steps.d_minus, d_minus),
    ]:
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)


def test_explanation_is_frozen_and_read_only():
    steps = explain(FIGHTER, FIGHTER_WEIGHTS, FIGHTER_TYPES)

    with pytest.raises(dataclasses.FrozenInstanceError):
        steps.closeness = np.zeros(4)  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        steps.normalized[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        steps.closeness[0] = 1.0


def test_explain_needs_single_weight_vector():
    message = "explain needs a single weight vector (1-D weights) (got weights with shape (2, 6))"
    with pytest.raises(MethodError) as info:
        closeness(FIGHTER, [FIGHTER_WEIGHTS] * 2, FIGHTER_TYPES, explain=True)
    assert str(info.value) == message


def test_input_not_modified():
    matrix = FIGHTER.copy()
    weights = np.array([[0.0, 1, 2, 3, 4, 5]])
    closeness(matrix, weights, FIGHTER_TYPES)
    explain(matrix, weights[0], FIGHTER_TYPES)

    assert (matrix == FIGHTER).all()
    assert weights.tolist() == [[0.0, 1, 2, 3, 4, 5]]


def test_read_only_and_column_major_input():
    """A read-only matrix (as ``Problem.matrix`` is) in either memory order works unchanged."""
    expected = closeness(FIGHTER, FIGHTER_WEIGHTS, FIGHTER_TYPES)
    with_zero = np.column_stack([FIGHTER, np.zeros(4)])
    for matrix in (
        FIGHTER.copy(),
        np.asfortranarray(FIGHTER),
        with_zero,
        np.asfortranarray(with_zero),
    ):
        frozen = matrix.copy(order="K")
        frozen.setflags(write=False)
        weights = np.append(FIGHTER_WEIGHTS, 0.1)[: frozen.shape[1]]
        types = np.append(FIGHTER_TYPES, 1)[: frozen.shape[1]]

        result = closeness(frozen, weights, types)

        np.testing.assert_allclose(result, expected, atol=1e-15)
        assert (frozen == matrix).all()


# --------------------------------------------------------------------------- issue 14:
# the normalisations are numpy expressions (no pymcdm at import time); pymcdm stays the
# reference, and memory order is fixed by topsis, not inherited from the caller.


def _random_matrices(seed: int, count: int = 60):
    """Random (matrix, types): varied shapes, scales and signs, cost columns, ties."""
    rng = np.random.default_rng(seed)
    for trial in range(count):
        m, n = int(rng.integers(2, 400)), int(rng.integers(1, 12))
        matrix = rng.normal(size=(m, n)) * 10 ** rng.uniform(-6, 6, size=n)
        if trial % 4 == 0:
            matrix[:, 0] = rng.normal()  # a constant column (min-max maps it to 1)
        if trial % 5 == 0:
            matrix = np.round(matrix, 1)  # ties inside columns
        types = rng.choice([1, -1], size=n)
        types[0] = -1  # at least one cost column in every matrix
        yield matrix, types


@pytest.mark.parametrize("normalization", NORMALIZATIONS)
def test_normalizations_equal_pymcdm(normalization):
    """Our whole-matrix normalisations equal pymcdm's column-by-column ones to 1e-15."""
    from pymcdm.helpers import normalize_matrix

    from mcda_iso.topsis import _as_matrix, _normalize

    for matrix, types in _random_matrices(seed=14):
        if normalization == "vector":
            matrix[:, np.abs(matrix).max(axis=0) == 0] = 1.0  # all-zero columns: ours differ
        ours = _normalize(_as_matrix(matrix), types, normalization)
        theirs = normalize_matrix(matrix, PYMCDM[normalization], types)
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-15)


@pytest.mark.parametrize("normalization", NORMALIZATIONS)
def test_memory_order_of_the_inputs_does_not_change_the_result(normalization):
    """C- and F-ordered matrices and weights (and strided views) give identical closeness."""
    rng = np.random.default_rng(7)
    for matrix, types in _random_matrices(seed=15, count=20):
        matrix = np.abs(matrix) + rng.random(matrix.shape)  # no constant column
        weights = rng.dirichlet(np.ones(matrix.shape[1]), size=257)
        expected = closeness(matrix, weights, types, normalization)
        variants = (
            (np.asfortranarray(matrix), weights),
            (matrix, np.asfortranarray(weights)),
            (np.asfortranarray(matrix), np.asfortranarray(weights)),
            (np.repeat(matrix, 2, axis=1)[:, ::2], np.repeat(weights, 2, axis=0)[::2]),
        )
        for x, w in variants:
            np.testing.assert_array_equal(closeness(x, w, types, normalization), expected)
        single = closeness(matrix, weights[0], types, normalization)
        np.testing.assert_array_equal(
            closeness(np.asfortranarray(matrix), weights[0], types, normalization), single
        )


def test_closeness_stack_equals_closeness_matrix_by_matrix():
    """The stacked kernel (Monte Carlo with uncertain performance) is closeness, per matrix."""
    rng = np.random.default_rng(0)
    base = rng.uniform(1.0, 10.0, size=(7, 5))
    stack = base * rng.uniform(0.7, 1.3, size=(6, 7, 5))
    stack[2, :, 1] = 4.0  # a constant column in one matrix only
    stack[3, :, 2] = 0.0  # an all-zero column
    w = rng.dirichlet(np.ones(5), size=6)
    types = np.array([1, -1, 1, -1, 1])
    for normalization in ("vector", "minmax"):
        got = topsis.closeness_stack(stack, w, types, normalization)
        for k in range(6):
            want = topsis.closeness(stack[k], w[k], types, normalization)
            np.testing.assert_allclose(got[k], want, rtol=0, atol=1e-12)


def test_prepared_matrix_scores_as_closeness():
    """prepare() once, then any weights: the same closeness; closeness_of picks rows."""
    rng = np.random.default_rng(1)
    matrix = rng.uniform(1.0, 10.0, size=(9, 4))
    types = np.array([1, -1, 1, 1])
    w = rng.dirichlet(np.ones(4), size=5)
    for normalization in ("vector", "minmax"):
        ready = topsis.prepare(matrix, types, normalization)
        full = topsis.closeness(matrix, w, types, normalization)
        np.testing.assert_allclose(ready.closeness(w), full, rtol=0, atol=1e-15)
        rows = rng.integers(0, 9, size=(5, 2))
        picked = ready.closeness_of(w, rows)
        np.testing.assert_allclose(picked, np.take_along_axis(full, rows, 1), atol=1e-12)
    with pytest.raises(MethodError, match="only one alternative"):
        topsis.prepare([[1.0, 2.0]], [1, 1])

"""The live "what if" of the HTML report, in a real browser (Debian's chromium + chromedriver).

The sliders are moved as a reader would (keyboard and drag-like input events); the
scores the page shows must equal mcda_iso's own kernels (:func:`mcda_iso.topsis.closeness`,
:func:`mcda_iso.synthesis.scores`) on the Result's matrix to 1e-9, for every method,
normalisation and mode, with sub-criteria and with an alternative screened out. A
screenshot is kept as a CI artefact (``$MCDA_ISO_ARTIFACTS`` or ``tests/artifacts/``).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

import mcda_iso
from mcda_iso import Criterion, Problem, sensitivity, synthesis, topsis
from mcda_iso.report import write_report

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("MCDA_ISO_ARTIFACTS", Path(__file__).parent / "artifacts"))


def _programs() -> tuple[str, str]:
    browser = next(
        (shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None
    )
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        missing = "chromium" if browser is None else "chromium-driver"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {missing} is missing: .ci/run should install it")
        pytest.skip(f"{missing} is not installed (apt-get install chromium chromium-driver)")
    return browser, driver


def _driver(tmp_path: Path, scripts: bool = True):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    browser, driver = _programs()
    options = Options()
    options.binary_location = browser
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1800",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(arg)
    if not scripts:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = _driver(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


def _expected(result, weights: np.ndarray) -> np.ndarray:
    """The scores by mcda_iso's kernels, on the numbers the Result scored."""
    matrix = result.matrix.to_numpy(dtype=float)
    problem = result.problem
    direction = dict(zip(problem.criterion_names, problem.types, strict=True))
    types = np.array([direction[c] for c in result.matrix.columns])
    options = result.options
    if options.method == "topsis":
        return topsis.closeness(matrix, weights, types, options.normalization)
    return synthesis.scores(matrix, weights, types, options.mode)


def _shown(driver) -> tuple[dict[str, float], dict[str, int], np.ndarray]:
    rows = driver.find_elements("css selector", "#whatif-results tr")
    names = [r.get_attribute("data-alternative") for r in rows]
    scores = {a: float(r.get_attribute("data-score")) for a, r in zip(names, rows, strict=True)}
    ranks = {a: int(r.get_attribute("data-rank")) for a, r in zip(names, rows, strict=True)}
    shown = driver.find_element("id", "whatif").get_attribute("data-weights")
    weights = np.array(json.loads(shown))
    return scores, ranks, weights


def _check(driver, result) -> np.ndarray:
    scores, ranks, weights = _shown(driver)
    problem_order = list(result.scores.index)
    assert list(scores) == sorted(scores, key=lambda a: (ranks[a], problem_order.index(a)))
    expected = _expected(result, weights)
    got = np.array([scores[a] for a in result.matrix.index])
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
    order = np.argsort(-np.round(expected, 12), kind="stable")
    assert [ranks[result.matrix.index[i]] for i in order] == sorted(ranks.values())
    return weights


def _set(driver, slider, value: float) -> None:
    """Drag-like: set the slider's value and fire the input event a drag fires."""
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        slider,
        str(value),
    )


def _open(driver, tmp_path, result, analysis=None, name="report.html") -> None:
    path = write_report(tmp_path / name, result, analysis, overwrite=True)
    driver.get(path.as_uri())
    live = driver.find_element("css selector", "#whatif .whatif-live")
    assert live.is_displayed(), "the what-if script did not run"
    assert not driver.find_element("css selector", "#whatif .whatif-static").is_displayed()


def _exercise(driver, result) -> None:
    from selenium.webdriver.common.keys import Keys

    # As given: the page's scores are the Result's.
    scores, ranks, weights = _shown(driver)
    np.testing.assert_allclose(weights, result.weights.to_numpy(), rtol=0, atol=1e-12)
    for alt in result.scores.index:
        assert abs(scores[alt] - float(result.scores[alt])) <= 1e-9
        assert ranks[alt] == int(result.ranks[alt])
    sliders = [s for s in driver.find_elements("css selector", "#whatif input[type=range]")
               if s.is_enabled()]  # fmt: skip
    # Keyboard: 40 steps of 0.005 up on the first slider.
    sliders[0].click()
    sliders[0].send_keys(*[Keys.ARROW_RIGHT] * 40)
    _check(driver, result)
    # Several drags to chosen values, each checked against Python.
    for k, value in ((0, 0.05), (1, 0.6), (len(sliders) - 1, 0.33), (0, 0.9)):
        _set(driver, sliders[k], value)
        weights = _check(driver, result)
        assert abs(weights.sum() - 1) < 1e-12
    # Reset: back to the Result exactly.
    driver.find_element("id", "whatif-reset").click()
    scores, _, weights = _shown(driver)
    np.testing.assert_allclose(weights, result.weights.to_numpy(), rtol=0, atol=1e-15)
    for alt in result.scores.index:
        assert abs(scores[alt] - float(result.scores[alt])) <= 1e-9


OPTIONS = [
    {"method": "topsis", "normalization": "vector"},
    {"method": "topsis", "normalization": "minmax"},
    {"method": "ahp", "mode": "distributive"},
    {"method": "ahp", "mode": "ideal"},
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: "-".join(o.values()))
def test_sliders_rerank_like_python(browser, tmp_path, problem, options):
    result = mcda_iso.rank(problem, **options)
    _open(browser, tmp_path, result)
    _exercise(browser, result)


def _tree_problem() -> Problem:
    return Problem(
        criteria=[
            Criterion("quality", "benefit"),
            Criterion("cost", "cost"),
            Criterion("fees", "cost", parent="cost"),
            Criterion("staff time", "cost", parent="cost"),
            Criterion("speed", "benefit"),
        ],
        alternatives=["ISO 9001", "Lean", "Status quo", "Six Sigma"],
        performance=[[9, 7, 6, 5], [5, 4, 5, 7], [1, 1, 1, 2], [6, 8, 7, 6]],
        comparisons={None: [[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]],
                     "cost": [[1, 1 / 3], [3, 1]]},
        requirements={"speed": {"minimum": 3}},
    )  # fmt: skip


@pytest.mark.parametrize("options", [OPTIONS[0], OPTIONS[3]], ids=["topsis", "ahp-ideal"])
def test_sub_criteria_and_screening(browser, tmp_path, options):
    result = mcda_iso.rank(_tree_problem(), **options)
    assert "Status quo" not in result.scores.index  # screened out by the speed minimum
    _open(browser, tmp_path, result)
    labels = [e.text for e in browser.find_elements("css selector", "#whatif label")]
    assert labels == ["quality", "cost", "fees", "staff time", "speed"]
    shown, _, _ = _shown(browser)
    assert "Status quo" not in shown
    _exercise(browser, result)
    # A sub-criterion's slider moves its sibling only: the parent's weight stays.
    fees = browser.find_element("css selector", "#whatif input[data-criterion='fees']")
    cost_before = _shown(browser)[2][1:3].sum()
    _set(browser, fees, 0.8)
    weights = _check(browser, result)
    assert weights[1:3].sum() == pytest.approx(cost_before, abs=1e-12)
    assert weights[1] / weights[1:3].sum() == pytest.approx(0.8, abs=1e-12)


def _rated_in_pairs() -> Problem:
    # "effort", a cost, rated by comparing the alternatives in pairs: its column holds
    # priorities (more is better), so it is scored as a benefit.
    return Problem(
        criteria=[Criterion("quality", "benefit"), Criterion("price", "cost"),
                  Criterion("effort", "cost")],
        alternatives=["A", "B", "C"],
        performance=[[7, 9], [5, 5], [3, 2]],
        comparisons=[[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]],
        alternative_comparisons={"effort": [[1, 1 / 3, 1 / 5], [3, 1, 1 / 2], [5, 2, 1]]},
    )  # fmt: skip


@pytest.mark.parametrize("options", [OPTIONS[0], OPTIONS[2]], ids=["topsis", "ahp"])
def test_a_cost_rated_in_pairs_is_scored_as_its_priorities(browser, tmp_path, options):
    result = mcda_iso.rank(_rated_in_pairs(), **options)
    _open(browser, tmp_path, result)
    _exercise(browser, result)


@pytest.mark.parametrize("options", [OPTIONS[0], OPTIONS[3]], ids=["topsis", "ahp-ideal"])
def test_extreme_magnitudes_score_like_python(browser, tmp_path, options):
    # Costs in units of 1e200 and ratings of 1e-200: squares and reciprocals would overflow
    # without the kernels' power-of-two scaling, in Python and in the page alike.
    problem = Problem(
        criteria=[Criterion("quality", "benefit"), Criterion("price", "cost"),
                  Criterion("speed", "benefit")],
        alternatives=["A", "B", "C"],
        performance=[[7e-200, 9e200, 3], [5e-200, 5e200, 4], [3e-200, 2e200, 9]],
        weights=[3, 2, 1],
    )  # fmt: skip
    result = mcda_iso.rank(problem, **options)
    _open(browser, tmp_path, result)
    _exercise(browser, result)


def test_thresholds_and_current_weights_are_marked_and_a_screenshot_is_kept(
    browser, tmp_path, problem
):
    result = mcda_iso.rank(problem)
    analysis = sensitivity.analyse(result, samples=500, seed=3, points=21)
    _open(browser, tmp_path, result, analysis)
    marks = browser.find_elements("css selector", "#whatif .whatif-marks .threshold")
    expected = [
        x
        for _, row in analysis.thresholds.iterrows()
        for x in (row["best_lower"], row["best_upper"])
        if np.isfinite(x) and 0 < x < 1
    ]
    assert len(marks) == len(expected) >= 1
    assert len(browser.find_elements("css selector", "#whatif .whatif-marks .now")) == len(
        problem.criteria
    )
    # Move the first weight across its threshold: the status line names the new winner.
    crit, row = next(
        (c, r) for c, r in analysis.thresholds.iterrows() if np.isfinite(r["best_upper"])
        and r["best_upper"] < 0.95
    )  # fmt: skip
    slider = browser.find_element("css selector", f"#whatif input[data-criterion='{crit}']")
    _set(browser, slider, min(row["best_upper"] + 0.02, 1.0))
    _check(browser, result)
    status = browser.find_element("id", "whatif-status").text
    assert f"comes first instead of {result.best}" in status
    assert row["best_upper_by"] in status
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.find_element("id", "whatif").screenshot(str(ARTIFACTS / "report-whatif.png"))
    assert (ARTIFACTS / "report-whatif.png").stat().st_size > 10_000


def test_with_scripts_off_the_page_still_reads(tmp_path, problem):
    result = mcda_iso.rank(problem)
    path = write_report(tmp_path / "report.html", result)
    driver = _driver(tmp_path, scripts=False)
    try:
        driver.get(path.as_uri())
        text = driver.find_element("tag name", "body").text
        assert result.recommendation() in text
        assert not driver.find_element("css selector", "#whatif .whatif-live").is_displayed()
        static = driver.find_element("css selector", "#whatif .whatif-static")
        assert static.is_displayed() and "The sliders need JavaScript" in static.text
        assert driver.find_elements("css selector", "#whatif-results tr") == []  # not run
    finally:
        driver.quit()

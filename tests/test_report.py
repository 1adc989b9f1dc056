"""The HTML decision report: contents, self-containment, escaping, the CLI, a real browser."""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import warnings
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest

import mcda_iso
from mcda_iso import Alternative, Criterion, MCDAError, Problem, sensitivity
from mcda_iso.cli import main
from mcda_iso.report import render_report, write_report

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
EVIL = "<script>alert(1)</script>"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class _Page(HTMLParser):
    """Tags, attributes and visible text of a document, as a browser's parser sees them."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0
        self.feed(document)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    def all(self, tag):
        return [attrs for t, attrs in self.tags if t == tag]

    @property
    def plain(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


@pytest.fixture(scope="module")
def analysis(problem):
    return sensitivity.analyse(problem, samples=2_000, seed=11, points=51)


@pytest.fixture(scope="module")
def document(result, analysis):
    return render_report(result, analysis)


@pytest.fixture(scope="module")
def page(document):
    return _Page(document)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# --------------------------------------------------------------------------- contents


def test_sections_in_order(page):
    ids = [a.get("id") for a in page.all("section")]
    assert ids == [
        "summary", "recommendation", "criteria", "weights", "ranking", "whatif", "sensitivity",
        "inputs", "method",
    ]  # fmt: skip
    toc = [a["href"] for a in page.all("a") if a.get("href", "").startswith("#")]
    assert all(f"#{i}" in toc for i in ids if i != "summary")


def test_recommendation_in_plain_words_and_how_firm(page, result, analysis):
    text = page.plain
    assert result.recommendation() in text
    p_first = float(analysis.monte_carlo.first[result.best])
    assert f"came first in {100 * p_first:.1f} % of the cases" in text  # &nbsp;
    word = "firm" if p_first >= 0.9 else "fairly firm" if p_first >= 0.7 else "fragile"
    assert f"The recommendation is {word}" in text
    for sentence in analysis.sentences():
        assert sentence in text
    assert "2,000 samples" in text
    assert "also puts ISO 9001 certification first" in text  # AHP synthesis agrees


def test_criteria_and_why_they_matter(page, problem, result):
    text = page.plain
    for c in problem.criteria:
        assert c.name in text
        assert c.description in text
        assert f"{result.weights[c.name]:.3f}" in text


def test_weights_and_consistency(page, result):
    text = page.plain
    assert f"CR = {result.ahp.cr:.3f} is within the threshold {result.ahp.threshold:.2f}" in text
    assert "Revise these judgments" not in text


def test_inconsistent_judgments_are_named_with_the_value_to_try(problem):
    bad = problem.with_judgment("market access", "cost", 1 / 5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        result = mcda_iso.rank(bad)
    page = _Page(render_report(result))
    text = page.plain
    worst = mcda_iso.ahp.most_inconsistent(result.ahp.matrix, k=3, names=list(result.ahp.names))
    assert f"CR = {result.ahp.cr:.3f} is above the threshold" in text
    assert "Revise these judgments first" in text
    assert f"{worst[0].row_name} vs {worst[0].col_name}" == "market access vs cost"
    for j in worst:
        assert f"{j.row_name} vs {j.col_name}" in text
        assert f"{j.cr_after:.3f}" in text
    assert any("inconsistency" in (img.get("alt") or "") or "judgment" in (img.get("alt") or "")
               for img in page.all("img"))  # fmt: skip
    assert "Caution: the criteria judgments are inconsistent" in text


def test_ranking_with_both_methods(page, problem):
    comparison = mcda_iso.compare(problem)
    text = page.plain
    assert "TOPSIS score" in text and "AHP synthesis score" in text
    for alt in problem.alternative_names:
        assert f"{comparison.table.loc[alt, 'topsis_score']:.4f}" in text
        assert f"{comparison.table.loc[alt, 'ahp_score']:.4f}" in text
    assert f"{comparison.spearman:.3f}" in text


def test_second_method_uses_the_same_settings(problem):
    result = mcda_iso.rank(problem, method="ahp", mode="ideal")
    text = _Page(render_report(result)).plain
    assert "ranked by AHP synthesis (ideal mode)" in text
    assert "AHP synthesis (ideal mode) score" in text
    for alt in problem.alternative_names:
        assert f"{result.scores[alt]:.4f}" in text


def test_sensitivity_inputs_method_and_references(page, problem, analysis):
    text = page.plain
    assert "Weight thresholds" in text and "Rank acceptability" in text
    assert "VIKOR" in text and "PROMETHEE II" in text
    assert f"seed {analysis.monte_carlo.seed}" in text
    perf = problem.performance
    assert "Performance table" in text
    assert f"{perf.iloc[0, 0]:g}" in text
    assert "Pairwise comparisons of the criteria" in text
    for ref in ("Saaty, T. L. (1980)", "Hwang, C.-L., & Yoon, K. (1981)", "Lahdelma"):
        assert ref in text


def test_every_figure_is_embedded(page, problem):
    images = page.all("img")
    # summary, weights, ranking, one sweep per criterion, acceptability, method agreement
    assert len(images) == 3 + len(problem.criteria) + 2
    for img in images:
        src = img["src"]
        assert src.startswith("data:image/svg+xml;base64,")
        svg = ElementTree.fromstring(base64.b64decode(src.split(",", 1)[1], validate=True))
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        # shown at the size the 110-dpi PNG images had: 110 px per inch of figure (72 pt)
        width, height = (float(svg.get(key).removesuffix("pt")) for key in ("width", "height"))
        assert width > 300 and height > 200
        assert abs(int(img["width"]) - width / 72 * 110) <= 1
        assert abs(int(img["height"]) - height / 72 * 110) <= 1
        # the text is text (crisp at any zoom, selectable in the PDF), in a sans-serif font
        texts = svg.iter("{http://www.w3.org/2000/svg}text")
        families = [re.search(r"font-family: ([^;]*)", t.get("style")) for t in texts]
        assert families and all(f and f[1].endswith(", sans-serif") for f in families)
        assert img.get("alt")
    # the ranking is drawn once for the summary and the Ranking section
    assert images[0]["src"] == images[2]["src"]
    assert images[0]["alt"] == images[2]["alt"]


def test_self_contained_one_inline_script_no_external_assets(document, page):
    from mcda_iso.report import whatif

    scripts = page.all("script")
    # The what-if data (JSON, not run) and the what-if script, both inline.
    assert scripts == [{"type": "application/json", "id": "whatif-data"}, {}]
    code = whatif.script()
    assert document.count(f"<script>{code}</script>") == 1
    for network in ("fetch(", "XMLHttpRequest", "import(", "http", "WebSocket", "eval("):
        assert network not in code
    assert not page.all("link") and not page.all("iframe")
    for tag, attrs in page.tags:
        for key, value in attrs.items():
            if key in ("src", "href") and value:
                assert value.startswith(("#", "data:")), (tag, key, value)
    assert "url(" not in document  # no CSS fetches either
    (csp,) = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp["content"]
    # The script runs because its hash is allowed; nothing else inline would.
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in csp["content"]
    assert "unsafe-inline'" not in csp["content"].split("script-src")[1]


def test_without_sensitivity_says_it_was_not_run(result):
    page = _Page(render_report(result))
    assert "Sensitivity analysis was not run" in page.plain
    assert len(page.all("img")) == 3  # summary, weights and ranking


def test_without_matplotlib_the_report_says_why_figures_are_missing(monkeypatch, result):
    for module in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, module, None)
    page = _Page(render_report(result))
    assert not page.all("img")
    assert "Figures are missing: they need matplotlib (pip install 'mcda_iso[plots]')" in page.plain
    assert result.recommendation() in page.plain


def test_sub_criteria_their_weights_and_matrices():
    problem = Problem(
        criteria=[
            Criterion("credibility", "benefit"),
            Criterion("cost", "cost", description="money spent, in two parts"),
            Criterion("fees", "cost", parent="cost"),
            Criterion("staff time", "cost", parent="cost"),
        ],
        alternatives=["ISO 9001", "Lean", "Status quo"],
        performance=[[9, 7, 6], [5, 4, 5], [1, 1, 1]],
        comparisons={None: [[1, 2], [1 / 2, 1]], "cost": [[1, 1 / 3], [3, 1]]},
    )
    result = mcda_iso.rank(problem)
    page = _Page(render_report(result))
    text = page.plain
    assert "Part of" in text and "group of 2 sub-criteria" in text
    assert "Local weight" in text
    for name in ("fees", "staff time"):
        assert f"{result.weights[name]:.3f}" in text  # global weight
        assert f"{result.local_weights[name]:.3f}" in text
    assert "Top-level criteria" in text and "Sub-criteria of cost" in text
    assert "the sub-criteria of cost" in text  # its own CR in the matrices table
    assert result.recommendation() in text


def test_experts_and_alternatives_rated_in_pairs():
    problem = Problem(
        criteria=[
            Criterion("quality", "benefit"),
            Criterion("price", "cost"),
            Criterion("image", "benefit"),
        ],
        alternatives=["A", "B", "C"],
        performance=[[7, 9], [5, 5], [3, 2]],
        experts={
            "ann": [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]],
            "bob": [[1, 1 / 2, 2], [2, 1, 3], [1 / 2, 1 / 3, 1]],
        },
        alternative_comparisons={"image": [[1, 5, 9], [1 / 5, 1, 2], [1 / 9, 1 / 2, 1]]},
    )
    result = mcda_iso.rank(problem)
    text = _Page(render_report(result)).plain
    assert "As judged by ann" in text and "As judged by bob" in text
    assert "the criteria, as judged by ann" in text
    assert f"Consensus S* = {result.group.consensus:.3f}" in text
    assert f"the group's: {result.group.most_deviating}" in text
    assert "Criteria weights by expert" in text
    assert "Pairwise comparisons of the alternatives" in text and "On image" in text
    assert "the alternatives on image" in text


def _rows(document: str) -> list[list[str]]:
    """The cells of every table row of a document, as text."""
    cells = re.compile(r"<td[^>]*>(.*?)</td>")
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in cells.findall(row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", document)
    ]


def test_experts_with_sub_criteria_matrix_by_matrix_and_globally():
    cost, fees = "cost <u>all</u>", 'fees & "<b>dues</b>"'
    quality_manager, ceo = "QM", "<em>CEO</em>"
    top_qm = [[1, 3, 2], [1 / 3, 1, 1 / 2], [1 / 2, 2, 1]]
    top_ceo = [[1, 1 / 2, 4], [2, 1, 5], [1 / 4, 1 / 5, 1]]
    problem = Problem(
        criteria=[
            Criterion("quality", "benefit"),
            Criterion(cost, "cost"),
            Criterion(fees, "cost", parent=cost),
            Criterion("staff time", "cost", parent=cost),
            Criterion("speed", "benefit"),
        ],
        alternatives=["A", "B", "C"],
        performance=[[7, 9, 3, 5], [5, 5, 4, 6], [3, 2, 8, 2]],
        experts={
            quality_manager: {None: top_qm, cost: [[1, 1 / 3], [3, 1]]},
            ceo: {None: top_ceo, cost: [[1, 4], [1 / 4, 1]]},
        },
        expert_weights={quality_manager: 2, ceo: 1},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        result = mcda_iso.rank(problem)
    document = render_report(result)
    page = _Page(document)
    assert not page.all("em") and not page.all("b") and not page.all("u")
    text = page.plain
    rows = _rows(document)
    own = {
        quality_manager: {None: top_qm, cost: [[1, 1 / 3], [3, 1]]},
        ceo: {None: top_ceo, cost: [[1, 4], [1 / 4, 1]]},
    }
    share = {quality_manager: "0.67", ceo: "0.33"}
    leaves = {}
    for expert, matrices in own.items():
        # Each expert's local weights and CR, from their own matrices.
        local = {p: mcda_iso.ahp.priorities(m) for p, m in matrices.items()}
        for p in local.values():
            cells = [expert, share[expert], *[f"{w:.3f}" for w in p.weights], f"{p.cr:.3f}"]
            assert any(row[: len(cells)] == cells for row in rows), cells
        # ... and global weights: the product down the tree, by hand.
        top, sub = local[None].weights, local[cost].weights
        leaves[expert] = [top[0], top[1] * sub[0], top[1] * sub[1], top[2]]
        cells = [expert, share[expert], *[f"{w:.3f}" for w in leaves[expert]]]
        assert cells in rows
        assert f"the sub-criteria of {cost}, as judged by {expert}" in text
        assert f"the top-level criteria, as judged by {expert}" in text
        assert f"As judged by {expert}: the sub-criteria of {cost}" in text
    for group in result.group_by_parent.values():
        cells = ["group", "–", *[f"{w:.3f}" for w in group.weights], f"{group.group.cr:.3f}"]
        assert any(row[: len(cells)] == cells for row in rows), cells
        assert f"Consensus S* on this matrix = {group.consensus:.3f}" in text
    assert ["group", "–", *[f"{w:.3f}" for w in result.weights]] in rows
    assert list(result.weights.index) == ["quality", fees, "staff time", "speed"]
    # AHP-OS's consensus of a hierarchy: each matrix's S*, weighted by its parent's global weight
    by_matrix = {
        p: mcda_iso.ahp.consensus(
            np.array([mcda_iso.ahp.priorities(own[e][p]).weights for e in own]), [2, 1]
        )
        for p in (None, cost)
    }
    share_of_cost = float(result.global_weights[cost])
    overall = (by_matrix[None] + share_of_cost * by_matrix[cost]) / (1 + share_of_cost)
    assert f"Overall consensus S* = {overall:.3f}" in text
    assert "Goepel, K. D. (2018)" in text and "Aczél, J., & Saaty, T. L. (1983)" in text
    distance = {
        e: np.linalg.norm(np.array(w) - result.weights.to_numpy()) for e, w in leaves.items()
    }
    deviating = max(distance, key=distance.get)
    assert f"the expert whose weights differ most from the group's: {deviating}." in text
    assert "Global weights of the leaf criteria by expert" in text


def test_every_inconsistent_matrix_is_flagged_in_the_recommendation(problem):
    bad = problem.with_judgment("market access", "cost", 1 / 5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        result = mcda_iso.rank(bad)
    text = _Page(render_report(result)).plain
    assert "Some judgments are inconsistent (consistency ratio above its threshold): " in text
    assert "the criteria. Revise the judgments" in text


# --------------------------------------------------------------------------- escaping


def _hostile_problem() -> Problem:
    return Problem(
        criteria=[
            Criterion(
                'quality <b>"bold"</b>',
                "benefit",
                description="<img src=x onerror=alert(2)>",
                unit="points & <i>more</i>",
            ),
            Criterion("cost", "cost"),
        ],
        alternatives=[
            Alternative(EVIL, description="</td></tr></table><script>alert(3)</script>"),
            Alternative("Lean"),
            Alternative("Status quo"),
        ],
        performance=[[9, 7], [5, 4], [1, 1]],
        comparisons=[[1, 3], [1 / 3, 1]],
    )


def test_user_strings_render_as_text():
    problem = _hostile_problem()
    result = mcda_iso.rank(problem)
    analysis = sensitivity.analyse(problem, samples=500, seed=1, points=11)
    document = render_report(result, analysis, title="Board <script>x()</script>")
    page = _Page(document)
    assert len(page.all("script")) == 2  # the what-if data and script
    assert not [a for a in page.all("img") if a.get("src") == "x"]
    assert not page.all("b")
    text = page.plain
    assert f"Recommended: {EVIL}" in text  # shown as the literal name
    assert 'quality <b>"bold"</b>' in text
    assert "<img src=x onerror=alert(2)>" in text
    assert "</td></tr></table><script>alert(3)</script>" in text
    assert "Board <script>x()</script>" in text
    assert html.escape(EVIL) in document
    # Only the report's own two script elements; the name never appears raw (in the
    # what-if JSON its < and > are \u003c and \u003e).
    assert document.lower().count("<script") == 2 and EVIL not in document


# --------------------------------------------------------------------------- writing


def test_write_report_and_overwrite(tmp_path, result):
    target = tmp_path / "report.html"
    assert write_report(target, result) == target
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>") and result.best in first
    with pytest.raises(MCDAError, match="already exists; pass overwrite=True"):
        write_report(target, result)
    write_report(target, result, overwrite=True, title="Second")
    assert "<h1>Second</h1>" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temp file left


def test_sensitivity_of_another_problem_is_refused(problem, analysis):
    other = problem.subset([a for a in problem.alternative_names if a != "Lean"])
    with pytest.raises(MCDAError, match="sensitivity analysis is of other alternatives"):
        render_report(mcda_iso.rank(other), analysis)
    with pytest.raises(MCDAError, match="must be the result of mcda_iso.sensitivity.analyse"):
        render_report(mcda_iso.rank(problem), {"monte_carlo": None})


def test_sensitivity_by_another_method_is_refused(problem, analysis):
    # One ranking, one truth (issue 10): a TOPSIS analysis does not describe an AHP ranking.
    with pytest.raises(MCDAError, match=r"analysed: TOPSIS.*shown: AHP synthesis"):
        render_report(mcda_iso.rank(problem, method="ahp"), analysis)


def test_write_report_errors(tmp_path, problem):
    with pytest.raises(MCDAError, match="is a folder"):
        write_report(tmp_path, mcda_iso.rank(problem), overwrite=True)
    with pytest.raises(MCDAError, match="needs a ranking Result .* got Problem"):
        write_report(tmp_path / "r.html", problem)
    with pytest.raises(MCDAError, match=r"cannot write .*missing.*r\.html: No such file"):
        write_report(tmp_path / "missing" / "r.html", mcda_iso.rank(problem))


def test_screened_out_and_typed_weights():
    problem = Problem(
        criteria=[Criterion("quality", "benefit"), Criterion("price", "cost")],
        alternatives=["A", "B", "C"],
        performance=[[9, 8], [5, 4], [1, 1]],
        weights=[2, 1],
        requirements={"quality": {"minimum": 3}},
    )
    page = _Page(render_report(mcda_iso.rank(problem)))
    text = page.plain
    assert "Screened out by the requirements" in text and "C:" in text
    assert "The criteria weights were typed directly" in text
    assert "Weights as typed" in text


# --------------------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "iso9001.xlsx"
    mcda_iso.write_template(path, "iso9001")
    return path


def test_cli_report(tmp_path, workbook, capsys):
    out = tmp_path / "report.html"
    argv = ["report", str(workbook), "-o", str(out), "--samples", "1000", "--seed", "5"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "Recommended: ISO 9001 certification" in printed
    assert f"Report written to {out}" in printed
    text = _Page(out.read_text(encoding="utf-8")).plain
    assert "1,000 samples" in text and "seed 5" in text
    # Refuses to overwrite without --force, and says how.
    before = out.read_bytes()
    assert main(argv) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main([*argv, "--force", "--method", "ahp", "--samples", "0"]) == 0
    text = _Page(out.read_text(encoding="utf-8")).plain
    assert "ranked by AHP synthesis" in text and "Sensitivity analysis was not run" in text


def test_cli_report_with_a_single_alternative_left(tmp_path, capsys):
    problem = mcda_iso.load_scenario("iso9001").replace(
        requirements={"market access": {"minimum": 8}}
    )
    workbook = mcda_iso.write_template(tmp_path / "one.xlsx", problem)
    assert main(["report", str(workbook), "--seed", "1"]) == 0
    assert "Sensitivity analysis left out: only one alternative" in capsys.readouterr().out
    text = _Page((tmp_path / "one.html").read_text(encoding="utf-8")).plain
    assert "Recommended: ISO 9001 certification (the only alternative meeting" in text
    assert "sensitivity analysis does not apply" in text


def test_cli_report_monte_carlo_options(tmp_path, workbook):
    out = tmp_path / "uniform.html"
    argv = ["report", str(workbook), "-o", str(out), "--samples", "800", "--seed", "2"]
    assert main([*argv, "--concentration", "5", "--uncertainty", "0.1"]) == 0
    text = _Page(out.read_text(encoding="utf-8")).plain
    assert "weights drawn around yours, concentration 5, performance values ±10%" in text


def test_cli_report_default_output_and_errors(tmp_path, workbook, capsys):
    local = tmp_path / "mine.xlsx"
    shutil.copy(workbook, local)
    assert main(["report", str(local), "--samples", "0"]) == 0
    assert (tmp_path / "mine.html").is_file()
    capsys.readouterr()
    before = local.read_bytes()
    assert main(["report", str(local), "-o", str(local), "--force", "--samples", "0"]) == 1
    assert "is the input workbook" in capsys.readouterr().err
    assert local.read_bytes() == before
    assert main(["report", str(local), "--samples", "-1", "--force"]) == 1
    assert "--samples must be 0" in capsys.readouterr().err
    not_a_workbook = tmp_path / "notes.xlsx"
    not_a_workbook.write_text("hello", encoding="utf-8")
    assert main(["report", str(not_a_workbook), "-o", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mcda-iso: error:") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


# --------------------------------------------------------------------------- real browser


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but no chromium: .ci/run should have installed Debian's chromium")
    pytest.skip("chromium is not installed (CI installs it)")


def _run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, timeout=180, check=False)


@pytest.mark.browser
def test_report_renders_in_headless_chromium(tmp_path, result, analysis):
    binary = _chromium()
    report = write_report(tmp_path / "report.html", result, analysis)
    BUILD.mkdir(exist_ok=True)
    shot = BUILD / "report-screenshot.png"
    shot.unlink(missing_ok=True)
    proc = _run_chromium(
        binary,
        tmp_path / "profile",
        "--hide-scrollbars",
        "--window-size=1280,2400",
        f"--screenshot={shot}",
        report.as_uri(),
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert _png_size(data) == (1280, 2400)
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes
    import matplotlib.image

    pixels = matplotlib.image.imread(str(shot))[..., :3]
    ink = (pixels < 0.6).any(axis=2).mean()  # share of pixels that are not white or pale
    assert 0.01 < ink < 0.6
    # The page's own text, as the browser built it.
    dom = _run_chromium(binary, tmp_path / "profile2", "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    text = _Page(dom.stdout.decode("utf-8")).plain
    assert result.recommendation() in text
    assert "The recommendation is firm" in text
    assert np.isclose(float(analysis.monte_carlo.first[result.best]), 1.0, atol=0.05)


@pytest.mark.browser
def test_hostile_names_stay_text_in_chromium(tmp_path):
    binary = _chromium()
    problem = _hostile_problem()
    report = write_report(tmp_path / "hostile.html", mcda_iso.rank(problem))
    dom = _run_chromium(binary, tmp_path / "profile", "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    out = dom.stdout.decode("utf-8")
    page = _Page(out)
    assert len(page.all("script")) == 2  # the report's own; the names stayed text
    assert not [a for a in page.all("img") if a.get("src") == "x"]
    assert f"Recommended: {EVIL}" in page.plain


def test_docstring_examples_run():
    import doctest

    from mcda_iso import report as module

    outcome = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert outcome.attempted > 0 and outcome.failed == 0


def test_one_criterion_or_alternative_has_no_sliders():
    one = Problem(
        criteria=[Criterion("quality", "benefit")],
        alternatives=["A", "B"],
        performance=[[3], [5]],
        weights=[1],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = render_report(mcda_iso.rank(one))
    assert 'id="whatif-data"' not in document and "<script>" not in document
    assert "With one criterion there is nothing to re-weigh" in document


# --------------------------------------------------------------------------- errors for people


def test_one_criterion_workbook_report_leaves_out_what_cannot_be_computed(tmp_path, capsys):
    # Issue 16, item 9: the report is written; what needs two criteria is left out, in words.
    one = Problem(
        criteria=[Criterion("quality", "benefit")],
        alternatives=["ISO 9001", "Lean", "Status quo"],
        performance=[[9], [6], [2]],
        weights=[1],
    )
    workbook = mcda_iso.write_template(tmp_path / "one.xlsx", one)
    assert main(["report", str(workbook), "--samples", "300", "--seed", "1"]) == 0
    assert "Sensitivity analysis left out: there is only one criterion" in capsys.readouterr().out
    text = _Page((tmp_path / "one.html").read_text(encoding="utf-8")).plain
    assert "Recommended: ISO 9001" in text
    assert "There is only one criterion, so its weight is 1" in text
    assert "With one criterion there is nothing to re-weigh" in text


def test_a_zero_cost_is_explained_not_a_python_error(problem):
    # A status quo that costs nothing: AHP synthesis and WSM cannot divide by 0.
    zero = problem.replace(
        performance=problem.performance.assign(
            cost=lambda f: f["cost"].where(f.index != "Status quo", 0.0)
        )
    )
    result = mcda_iso.rank(zero)
    analysis = sensitivity.analyse(result, samples=300, seed=1, points=11)
    assert "ahp" in analysis.methods.skipped  # the analysis could not apply it ...
    text = _Page(render_report(result, analysis)).plain
    assert "Status quo has 0 on cost" in text  # ... and the report says so in words
    assert "Rank with TOPSIS, which accepts zero and negative values" in text
    for python in ("ValueError", "Traceback", "matrix[", "MethodError"):
        assert python not in text


def test_a_sensitivity_error_is_said_in_words(result):
    text = _Page(render_report(result, sensitivity_note="the weights 'x' are unknown")).plain
    assert "Sensitivity analysis was left out: the weights 'x' are unknown" in text


def test_explicit_comparison_is_shown_and_checked(problem, result):
    comparison = mcda_iso.compare(problem)
    text = _Page(render_report(result, comparison=comparison)).plain
    for alt in result.scores.index:
        assert f"{comparison.results['ahp'].scores[alt]:.4f}" in text
    assert f"{comparison.spearman:.3f}" in text
    with pytest.raises(MCDAError, match="with other options than the report's Result"):
        render_report(mcda_iso.rank(problem, scale="geometric"), comparison=comparison)


def test_cli_paper_choices_are_the_reports():
    from mcda_iso.cli import build_parser
    from mcda_iso.report.page import PAPERS

    report = build_parser().commands["report"]
    (paper,) = [a for a in report._actions if a.dest == "paper"]
    assert set(paper.choices) == set(PAPERS)


def test_pdf_without_chromium_names_what_to_install(tmp_path, monkeypatch, result):
    from mcda_iso.report import pdf

    monkeypatch.setenv("PATH", str(tmp_path))  # no browser on PATH
    monkeypatch.delenv(pdf.ENVIRONMENT, raising=False)
    with pytest.raises(MCDAError) as info:
        write_report(tmp_path / "report.pdf", result)
    message = str(info.value)
    assert "\n" not in message
    assert "apt-get install chromium" in message and pdf.ENVIRONMENT in message
    assert not (tmp_path / "report.pdf").exists()
    monkeypatch.setenv(pdf.ENVIRONMENT, "no-such-browser")
    with pytest.raises(MCDAError, match="MCDA_ISO_CHROMIUM='no-such-browser' is not a program"):
        write_report(tmp_path / "report.pdf", result)


def test_a_figure_that_cannot_be_drawn_is_said_in_words(monkeypatch, result):
    from mcda_iso import plots

    def refuse(*args, **kwargs):
        raise MCDAError("the weights were typed directly; nothing to draw")

    monkeypatch.setattr(plots, "weights", refuse)
    text = _Page(render_report(result)).plain
    assert "Figure left out (bar chart of the criteria weights): the weights were typed" in text
    assert result.recommendation() in text


def test_an_analysis_of_one_criterion_says_what_it_left_out():
    one = Problem(
        criteria=[Criterion("quality", "benefit")],
        alternatives=["ISO 9001", "Lean", "Status quo"],
        performance=[[9], [6], [2]],
        weights=[1],
    )
    result = mcda_iso.rank(one)
    analysis = sensitivity.analyse(result, samples=200, seed=1)
    text = _Page(render_report(result, analysis)).plain
    assert "Not computed: weight thresholds and sweeps need at least two criteria" in text
    document = render_report(result, analysis)
    assert "<h3>Weight thresholds" not in document and "<h3>Weight sweeps" not in document
    assert "Rank acceptability" in text


def test_sensitivity_of_another_ranking_is_refused(problem):
    geometric = mcda_iso.rank(problem, scale="geometric")
    analysis = sensitivity.analyse(geometric, samples=200, seed=1, points=11)
    with pytest.raises(MCDAError, match="sensitivity analysis is of another ranking"):
        render_report(mcda_iso.rank(problem), analysis)
    assert "Recommended" in render_report(geometric, analysis)


def test_cli_report_written_when_the_analysis_fails(tmp_path, workbook, monkeypatch, capsys):
    from mcda_iso.cli import analysis

    def fails(result, args):
        raise MCDAError("the expert weights 'x' are unknown")

    monkeypatch.setattr(analysis, "_analyse", fails)
    out = tmp_path / "r.html"
    assert main(["report", str(workbook), "-o", str(out), "--samples", "100"]) == 0
    assert "Sensitivity analysis left out: the expert weights 'x' are unknown" in (
        capsys.readouterr().out
    )
    text = _Page(out.read_text(encoding="utf-8")).plain
    assert "Sensitivity analysis was left out: the expert weights 'x' are unknown." in text
    assert "Recommended: ISO 9001 certification" in text


def test_a_skipped_method_is_said_without_the_librarys_exception_text(result):
    from mcda_iso.report.reading import skipped_in_words

    raw = "VIKOR (v = 0.5) could not be computed on these values (float division by zero)"
    said = skipped_in_words("vikor", raw, result)
    assert said == "VIKOR (v = 0.5) could not be computed on these values."
    assert skipped_in_words("spotis", "ValueError: bounds", result) == (
        "the method cannot use these data."
    )
    # The library's own sentences for people pass as they are.
    assert skipped_in_words("vikor", "every alternative ties", result) == (
        "every alternative ties."
    )


def test_an_inconsistent_group_matrix_points_at_the_experts_judgments(problem):
    sloppy = problem.comparisons.copy()
    sloppy.loc["market access", "cost"], sloppy.loc["cost", "market access"] = 1 / 7, 7
    team = problem.replace(experts={"Quality manager": sloppy, "CEO": sloppy})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        result = mcda_iso.rank(team)
    assert not result.ahp.consistent  # the group's matrix, which nobody typed
    revisions = result.revisions()
    assert revisions and all("expert" in label for label in revisions)
    text = _Page(render_report(result)).plain
    assert "It combines the experts' judgments, so revise theirs" in text
    for expert in ("Quality manager", "CEO"):
        assert f"Judgments of the criteria, as judged by {expert}: revise these first." in text
    worst = revisions["expert 'CEO'"][0]
    assert f"{worst.row_name} vs {worst.col_name}" in text and f"{worst.cr_after:.3f}" in text


def test_second_methods_spearman_is_pandas_spearman_with_ties_by_average_rank():
    """The report's rho (numpy, without scipy.stats) equals ``Series.corr(method="spearman")``
    (scipy's ``spearmanr``: average ranks for ties), tied ranks included."""
    import pandas as pd

    from mcda_iso.report import reading

    rng = np.random.default_rng(3)
    for _ in range(200):
        m = int(rng.integers(2, 12))
        index = [f"A{k}" for k in range(m)]
        a = pd.Series(rng.integers(1, m + 1, m).astype(float), index=index)
        b = pd.Series(rng.integers(1, m + 1, m).astype(float), index=index[::-1])
        got = reading._spearman(a, b)
        if a.nunique() < 2 or b.nunique() < 2:  # undefined (scipy warns and gives NaN)
            assert got is None
        else:
            assert abs(got - a.corr(b.loc[a.index], method="spearman")) <= 1e-12


def test_a_report_loads_neither_scipy_nor_pyplot_and_pymcdm_stays_whole(tmp_path):
    """The report's imports (issue 14): Spearman's rho without scipy.stats, and pymcdm
    without the plots (matplotlib.pyplot) and weighting methods (scipy.linalg) its
    ``__init__`` imports; those still load, and work, when used afterwards."""
    code = f"""
import sys
from mcda_iso import load_scenario, rank, sensitivity, write_report
result = rank(load_scenario("iso9001"))
write_report({str(tmp_path / "r.html")!r}, result, sensitivity.analyse(result, samples=200, seed=1))
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "scipy" or m == "matplotlib.pyplot")
print(loaded)
import numpy as np
import pymcdm
from pymcdm.weights import equal_weights
print(equal_weights(np.ones((3, 2))).tolist(), callable(pymcdm.visuals.promethee_I_flows))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert out == ["[]", "[0.5, 0.5] True"]
    assert (tmp_path / "r.html").stat().st_size > 10_000

"""Languages: the catalogues are complete, the language is chosen as documented, and a
workbook written in any language reads back, in any other, as the same Problem."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from workbook_helpers import rated_problem, team_problem, tree_team_problem

from mcda_iso import MCDAError, i18n, load_scenario, read_workbook, write_template
from mcda_iso.workbook import layout
from mcda_iso.workbook.linked import quote

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "mcda_iso" / "locale"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
KEYWORDS["N_"] = ((1, "c"), 2)
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _catalogue(path: Path) -> dict[tuple[str | None, str], object]:
    with path.open("rb") as fp:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(fp)}


def _source_messages() -> set[tuple[str | None, str]]:
    found = set()
    for _, _, message, _, context in extract_from_dir(
        ROOT / "mcda_iso", keywords=KEYWORDS, comment_tags=()
    ):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


def test_the_template_holds_every_message_of_the_source():
    """mcda_iso.pot is up to date: regenerate it with `pybabel extract` (docs/workbook.md)."""
    template = {k for k in _catalogue(LOCALE / "mcda_iso.pot") if k[1]}
    source = _source_messages()
    assert source - template == set(), "messages missing from mcda_iso.pot"
    assert template - source == set(), "messages in mcda_iso.pot no longer in the source"
    assert len(template) > 50


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_catalogue_is_complete_and_keeps_the_placeholders(language):
    template = {k for k in _catalogue(LOCALE / "mcda_iso.pot") if k[1]}
    po = _catalogue(LOCALE / language / "LC_MESSAGES" / "mcda_iso.po")
    assert set(po) - {(None, "")} == template
    for key in template:
        message = po[key]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        if language == "en":  # the source language: empty (as pybabel update adds it) or itself
            assert not any(strings) or strings == source, key
            continue
        assert all(strings), f"{language}: {key} is not translated"
        assert not message.fuzzy, f"{language}: {key} is fuzzy"
        for text in strings:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(key[1])), (
                f"{language}: {key} changes its placeholders: {text!r}"
            )
        if key[0] == "sheet prefix":
            assert len(strings[0]) <= 20  # room for names in Excel's 31-character titles
        elif key[0] == "sheet":
            assert len(strings[0]) <= layout.MAX_TITLE


def test_the_words_a_workbook_is_read_by_are_distinct_in_each_language():
    """Two sheets (or two headers of one sheet) with one name could not be told apart."""
    for language in i18n.LANGUAGES:
        with i18n.using(language):
            sheets = [layout.sheet_name(s).casefold() for s in (*layout.SHEETS, "Experts")]
            assert len(set(sheets)) == len(sheets), language
            for fields in (layout.CRITERIA_COLUMNS, layout.REQUIREMENTS_COLUMNS):
                headers = [layout.column(f).casefold() for f in fields]
                assert len(set(headers)) == len(headers), language
            assert layout.kind_word("benefit") != layout.kind_word("cost")


def test_the_language_comes_from_the_argument_then_the_environment_then_english():
    assert i18n.resolve("de_DE.UTF-8") == "de"
    assert i18n.resolve("zh-CN") == i18n.resolve("zh_Hans") == "zh_Hans"
    assert i18n.resolve(None, environ={"LANGUAGE": "it:de", "LANG": "fr_FR"}) == "it"
    assert i18n.resolve(None, environ={"LC_ALL": "es_ES.UTF-8", "LANG": "de_DE"}) == "es"
    assert i18n.resolve(None, environ={"LANG": "fr_CA.UTF-8"}) == "fr"
    assert i18n.resolve(None, environ={"LANG": "ja_JP.UTF-8"}) == "en"
    assert i18n.resolve(None, environ={"LANG": "C.UTF-8"}) == "en"
    assert i18n.resolve(None, environ={}) == "en"
    assert i18n.resolve(None, environ={"LANG": "zh_TW.UTF-8"}) == "en"  # no traditional
    with pytest.raises(MCDAError, match=r"no catalogue for language 'ja'; available: en, de"):
        i18n.resolve("ja")


def test_numbers_written_as_text_follow_the_language():
    assert i18n.number(0.8254, 3, "de") == "0,825"
    assert i18n.number(0.8254, 3, "fr") == "0,825"
    assert i18n.number(0.8254, 3, "zh_Hans") == "0.825"
    assert (
        i18n.decimal("CR 0.083, 12 criteria, ISO 9001.", "es") == "CR 0,083, 12 criteria, ISO 9001."
    )


def test_import_stays_light_and_english_needs_no_babel():
    code = (
        "import sys, tempfile, pathlib, mcda_iso, mcda_iso.i18n\n"
        "assert 'babel' not in sys.modules\n"
        "mcda_iso.write_template(pathlib.Path(tempfile.mkdtemp()) / 't.xlsx', language='en')\n"
        "assert 'babel' not in sys.modules, 'English needs no catalogue'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def _problems():
    return {
        "flat": load_scenario("iso9001", profile="balanced"),
        "hierarchy": load_scenario("iso9001_detailed", profile="balanced"),
        "experts": team_problem(),
        "experts with sub-criteria": tree_team_problem(),
        "pairwise alternatives": rated_problem(),
    }


@pytest.mark.parametrize("kind", list(_problems()))
def test_a_workbook_written_in_any_language_reads_back_in_any_other(kind, tmp_path):
    problem = _problems()[kind]
    for written in i18n.LANGUAGES:
        path = write_template(tmp_path / f"{written}.xlsx", problem, language=written)
        for reading in ("en", "zh_Hans", written):
            with i18n.using(reading):
                assert read_workbook(path) == problem, (kind, written, reading)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_sheet_names_and_headers_are_in_the_language_chosen(language, tmp_path):
    path = write_template(tmp_path / "t.xlsx", load_scenario("iso9001_detailed"), language=language)
    book = openpyxl.load_workbook(path)
    with i18n.using(language):
        assert book.sheetnames[:4] == [layout.sheet_name(s) for s in layout.SHEETS[:4]]
        criteria = book[layout.sheet_name("Criteria")]
        assert [c.value for c in criteria[1]] == [layout.column(k) for k in layout.CRITERIA_COLUMNS]
        assert criteria["B2"].value in (layout.kind_word("benefit"), layout.kind_word("cost"))
        prefix = layout.local_prefix(layout.SUB_CRITERIA_PREFIX)
    assert any(t.startswith(prefix) for t in book.sheetnames)
    assert all(len(t) <= layout.MAX_TITLE for t in book.sheetnames)
    if language != "en":
        assert "Criteria" not in book.sheetnames


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_a_blank_template_in_each_language_validates_to_the_same_cells(language, tmp_path):
    """A blank template's name formulas refer to the sheets by their names in the language."""
    from mcda_iso import validate_workbook

    english = validate_workbook(write_template(tmp_path / "en.xlsx", language="en"))
    local = validate_workbook(write_template(tmp_path / "l.xlsx", language=language))
    with i18n.using(language):
        expected = [
            e.cell.replace(e.sheet, layout.sheet_name(e.sheet), 1) if e.cell else None
            for e in english
        ]
    assert [e.cell for e in local] == expected
    formulas = openpyxl.load_workbook(tmp_path / "l.xlsx")
    with i18n.using(language):
        performance = formulas[layout.sheet_name("Performance")]
        assert quote(layout.sheet_name("Alternatives")) + "!$A$2" in performance["A2"].value


def test_a_german_user_environment_writes_german(tmp_path, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "de_DE")
    path = write_template(tmp_path / "t.xlsx")
    assert openpyxl.load_workbook(path).sheetnames[:2] == ["Anleitung", "Kriterien"]
    assert openpyxl.load_workbook(write_template(tmp_path / "e.xlsx", language="en")).sheetnames[
        :2
    ] == ["Instructions", "Criteria"]


def test_the_command_line_speaks_the_language_chosen(tmp_path, capsys):
    from mcda_iso.cli import main

    path = tmp_path / "t.xlsx"
    assert main(["--language", "de", "template", str(path), "--scenario", "iso9001"]) == 0
    assert main(["validate", str(path), "--language", "fr"]) == 0
    assert main(["rank", str(path), "--language", "de", "-o", str(tmp_path / "r.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Füllen Sie die gelben Zellen aus" in out
    assert "OK : 5 critères, 7 alternatives ; comparaisons par paires" in out
    assert "ratio de cohérence CR = 0,0" in out  # a decimal comma in French
    assert "Empfohlen: ISO 9001 certification (Wert 0,8" in out
    assert main(["--language", "de", "rank", str(path), "-o", str(tmp_path / "r.xlsx")]) == 1
    assert "mcda-iso: Fehler: " in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--language", "ja", "validate", str(path)])
    assert "no catalogue for language 'ja'" in capsys.readouterr().err


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_report_speaks_the_language_chosen(language, result):
    from mcda_iso.report import render_report

    page = render_report(result, language=language)
    with i18n.using(language):
        for heading in ("Summary", "Recommendation", "Weights and consistency", "Inputs"):
            translated = i18n.gettext(heading)
            assert f">{translated}</h2>" in page
            assert (translated == heading) == (language == "en"), heading
        for heading in ("How firm is it?", "Performance table", "Settings of this ranking"):
            assert f"<h3>{i18n.gettext(heading)}</h3>" in page
        for head in ("Criterion", "Ranking method", "Rank with the weights given"):
            assert f">{i18n.gettext(head)}<" in page
        assert result.recommendation() in page.replace("&#x27;", "'")
    assert f'<html lang="{language.replace("_", "-")}">' in page


def _pdf_text(pdf: Path) -> str:
    proc = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return " ".join(proc.stdout.split())


@pytest.mark.libreoffice
@pytest.mark.slow
def test_every_languages_template_renders_in_libreoffice(tmp_path):
    """LibreOffice prints each language's template (Chinese needs a CJK font: .ci/run installs
    fonts-noto-cjk) with its translated title and sheet names; one LibreOffice run for all."""
    from workbook_helpers import _libreoffice

    exe = _libreoffice()
    books = [
        write_template(tmp_path / f"{lang}.xlsx", scenario="iso9001", language=lang)
        for lang in i18n.LANGUAGES
    ]
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run(
        [
            *(exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"),
            *("--outdir", str(tmp_path / "pdf"), *map(str, books)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for lang in i18n.LANGUAGES:
        text = _pdf_text(tmp_path / "pdf" / f"{lang}.pdf")
        with i18n.using(lang):
            title = i18n.gettext("Decision workbook: is ISO 9001 certification worth it for us?")
            assert " ".join(title.split()) in text, lang
            assert f"Sheet: {layout.sheet_name('Criteria')}" in text, lang
            assert layout.column("description") in text, lang


@pytest.mark.browser
@pytest.mark.slow
def test_every_languages_report_prints_in_chromium(tmp_path, result):
    """Chromium prints each language's report; its headings are found in the PDF's text."""
    import shutil

    from mcda_iso.report import write_report

    if shutil.which("chromium") is None and shutil.which("google-chrome") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing although CI=true (.ci/run installs it)")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs this")
    for lang in i18n.LANGUAGES:
        pdf = write_report(tmp_path / f"{lang}.pdf", result, language=lang)
        text = _pdf_text(pdf)
        with i18n.using(lang):
            for heading in ("Decision report", "Summary", "Weights and consistency"):
                assert i18n.gettext(heading) in text, (lang, heading)
            assert (
                i18n.gettext(
                    "Recommended: {best} (score {first}, ahead of {runner} at {second}; {method})."
                )
                .split("{")[0]
                .strip()
                in text
            ), lang


@pytest.mark.parametrize("language", ["de", "zh_Hans"])
def test_the_results_workbook_speaks_the_language_chosen(language, tmp_path, result):
    from mcda_iso import write_results

    path = write_results(tmp_path / "r.xlsx", result, language=language)
    book = openpyxl.load_workbook(path)
    with i18n.using(language):
        names = [i18n.pgettext("sheet", s) for s in ("Summary", "Ranking", "Weights")]
        assert book.sheetnames[:4] == [*names, i18n.pgettext("sheet", "Consistency")]
        summary = book[names[0]]
        assert summary["A1"].value == i18n.gettext("Decision results")
        assert summary["B3"].value == result.recommendation()
        assert summary["B7"].value.startswith(i18n.gettext("consistent").split(":")[0])
    assert summary["B3"].value.startswith({"de": "Empfohlen: ", "zh_Hans": "推荐："}[language])
    assert read_workbook(path) == result.problem  # read back in any language


def test_the_ranking_printed_speaks_the_language_chosen(result):
    with i18n.using("de"):
        text = str(result)
    assert "Methode: TOPSIS, Normalisierung: vector" in text
    assert "Konsistenz: CR = 0,015 (Schwelle 0,10, lambda_max = 5,069) — konsistent" in text
    assert "Rangfolge:\n   1. ISO 9001 certification" in text
    assert str(result).startswith("Method: TOPSIS, vector normalisation\nWeights:")


def test_long_expert_names_fit_the_titles_in_every_language(tmp_path):
    """Longer prefixes (Paarvergleiche, Comparaciones, 判断矩阵) leave less room for the
    expert's name in Excel's 31 characters: titles are still unique, and read back."""
    base = tree_team_problem()
    long = ["Head of quality and continual improvement", "Head of quality and customer care"]
    problem = base.replace(
        experts=dict(zip(long, base.expert_comparisons.values(), strict=True)),
        expert_weights=dict(zip(long, (2, 1), strict=True)),
    )
    for language in i18n.LANGUAGES:
        path = write_template(tmp_path / f"{language}.xlsx", problem, language=language)
        titles = openpyxl.load_workbook(path).sheetnames
        assert all(len(t) <= layout.MAX_TITLE for t in titles), language
        assert len({t.casefold() for t in titles}) == len(titles), language
        assert read_workbook(path) == problem, language


def test_results_name_the_sheets_of_the_workbook_in_its_language(tmp_path):
    """The results' Consistency table names the sheets the judgments are on, as titled in
    that language (Paarvergleiche CEO, not Comparisons CEO)."""
    from mcda_iso import rank, write_results

    problem = tree_team_problem()
    path = write_results(tmp_path / "r.xlsx", rank(problem, method="ahp"), language="de")
    book = openpyxl.load_workbook(path)
    text = " ".join(
        str(v) for row in book["Konsistenz"].iter_rows(values_only=True) for v in row if v
    )
    assert "Gruppenmatrix aus 'Paarvergleiche Quality manager', 'Paarvergleiche CEO'" in text
    assert "Comparisons" not in text
    assert set(book.sheetnames) >= {"Paarvergleiche CEO", "CEO - cost", "Experten"}
    assert read_workbook(path) == problem


def test_a_questionnaire_in_any_language_reads_back_as_its_answers(tmp_path):
    """The answers are sentences in the questionnaire's language; they are read back under
    any language, as the judgments written."""
    from mcda_iso import write_questionnaire
    from mcda_iso.workbook.questionnaire_reader import read_questionnaire

    problem = load_scenario("iso9001", profile="balanced")
    for language in i18n.LANGUAGES:
        path = write_questionnaire(
            tmp_path / f"{language}.xlsx",
            problem,
            expert="Quality manager",
            answers=problem.comparisons,
            language=language,
        )
        sheet = openpyxl.load_workbook(path)["Criteria"]
        answer = sheet["C5"].value
        with i18n.using(language):
            assert sheet["A1"].value == i18n.gettext(
                "The criteria: which matters more for this decision, and how much?"
            )
            assert answer in layout_answers(sheet["B5"].value, sheet["D5"].value)
        if language != "en":
            assert answer not in layout_answers(sheet["B5"].value, sheet["D5"].value)
        for reading in ("en", language):
            with i18n.using(reading):
                got = read_questionnaire(path).matrices[None].to_numpy()
            assert got == pytest.approx(problem.comparisons.to_numpy()), (language, reading)


def layout_answers(a: str, b: str) -> tuple[str, ...]:
    from mcda_iso.workbook.questionnaire_layout import answer_options

    return answer_options(a, b)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_a_german_questionnaire_gives_its_feedback_in_german_in_libreoffice(tmp_path):
    """LibreOffice recalculates a German questionnaire: the verdict is German, and the
    consistency ratio the one Python computes."""
    from test_workbook_questionnaire import named, recalculate

    from mcda_iso import ahp, write_questionnaire

    problem = load_scenario("iso9001", profile="balanced")
    path = write_questionnaire(
        tmp_path / "de.xlsx", problem, expert="QM", answers=problem.comparisons, language="de"
    )
    wb = openpyxl.load_workbook(recalculate(path, tmp_path), data_only=True)
    text = [str(v) for row in wb["Criteria"].iter_rows(values_only=True) for v in row if v]
    assert "Konsistent: Ihre Antworten passen zueinander" in text
    assert "10 von 10" in text
    (cr,) = named(wb, "CR")
    assert cr == pytest.approx(ahp.priorities(problem.comparisons).cr, abs=1e-6)


def test_the_reports_numbers_follow_the_language(result):
    from mcda_iso.report import render_report

    best = f"{float(result.scores[result.best]):.4f}"  # 0.8246, in the ranking table
    assert f">{best}<" in render_report(result, language="en")
    german = render_report(result, language="de")
    assert f">{best.replace('.', ',')}<" in german and f">{best}<" not in german
    assert f">{best}<" in render_report(result, language="zh_Hans")


def test_no_message_hides_inside_an_f_string():
    """Babel does not look inside f-strings' braces: a ``_("...")`` there would never be
    extracted, so never translated (write ``"<b>" + _("...") + "</b>"`` instead)."""
    hidden = re.compile(r"""\{(?:_|i18n\.gettext|gettext)\(["']""")
    found = [
        f"{path.relative_to(ROOT)}:{k}"
        for path in sorted((ROOT / "mcda_iso").rglob("*.py"))
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if hidden.search(line)
    ]
    assert found == []


def test_the_reports_sensitivity_section_speaks_the_language_chosen(result):
    from mcda_iso import sensitivity
    from mcda_iso.report import render_report

    analysis = sensitivity.analyse(result, samples=300, seed=7)
    page = render_report(result, analysis, language="it")
    assert "<h3>Soglie dei pesi</h3>" in page
    assert "vettori di pesi (" in page and "seme 7" in page
    assert "weight vectors were drawn" not in page
    # the threshold sentences: in the report's language, though the analysis ran in English
    assert " resta prima " in page and " stays first " not in page
    with i18n.using("it"):
        words = i18n.pgettext("firmness", sensitivity_firmness(analysis, result))
    assert f'<span class="firmness">{words}</span>' in page


def sensitivity_firmness(analysis, result):
    from mcda_iso.report.sections import firmness

    return firmness(float(analysis.monte_carlo.first.get(result.best, 0.0)))


def test_every_word_translated_at_run_time_is_in_the_catalogues():
    """Words looked up by a variable (pgettext(context, word)) must be marked with N_ where
    they are defined; otherwise they would silently stay English."""
    from mcda_iso.ranking import consensus_words
    from mcda_iso.report.sections import firmness
    from mcda_iso.scale import SAATY_WORDS

    template = set(_catalogue(LOCALE / "mcda_iso.pot"))
    used = {("sheet", s) for s in (*layout.SHEETS, layout.EXPERTS_SHEET)}
    used |= {("sheet prefix", p.strip()) for p in (layout.EXPERT_PREFIX, layout.RATING_PREFIX)}
    used.add(("sheet prefix", layout.SUB_CRITERIA_PREFIX.strip()))
    fields = (*layout.CRITERIA_COLUMNS, *layout.REQUIREMENTS_COLUMNS, *layout.WEIGHTS_COLUMNS)
    used |= {("column", c) for c in (*fields, "alternative", layout.CORNER)}
    used |= {("note", text) for text in layout.NOTES.values()}
    used |= {("kind", k) for k in ("benefit", "cost")}
    used |= {("saaty", w) for w in SAATY_WORDS.values()}
    used |= {("firmness", firmness(p)) for p in (0.0, 0.6, 0.8, 0.95)}
    used |= {("consensus", consensus_words(c)) for c in (0.1, 0.55, 0.7, 0.8, 0.95)}
    assert used - template == set()


@pytest.mark.browser
def test_the_what_if_sliders_speak_the_language_of_the_report(tmp_path, result):
    """In Chromium, a German report's sliders re-rank with German words and decimal commas."""
    from test_report_whatif import _driver, _set

    from mcda_iso.report import write_report

    driver = _driver(tmp_path)
    try:
        path = write_report(tmp_path / "de.html", result, language="de")
        driver.get(path.as_uri())
        status = driver.find_element("id", "whatif-status")
        assert status.text == f"Mit diesen Gewichten bleibt {result.best} vorn."
        cells = driver.find_elements("css selector", "#whatif-results tr td")
        assert cells[2].text == f"{float(result.scores[result.best]):.4f}".replace(".", ",")
        sliders = driver.find_elements("css selector", "#whatif input[type=range]")
        _set(driver, sliders[0], 0.0)  # credibility's weight to 0
        output = driver.find_elements("css selector", "#whatif output")[0]
        assert output.text == "0,000"
        assert status.text.startswith("Mit diesen Gewichten ")
    finally:
        driver.quit()


def test_the_report_figures_speak_the_language_chosen(result, tmp_path):
    """The ranking and weights figures: titles, axes, labels with the language's decimal
    separator; in Chinese drawn with a CJK font, no character missing."""
    import warnings

    pytest.importorskip("matplotlib")
    from mcda_iso import plots
    from mcda_iso.plots.style import _cjk_family

    with i18n.using("de"):
        fig = plots.ranking(result)
    ax = fig.axes[0]
    assert ax.get_title() == "Rangfolge der Alternativen (TOPSIS)"
    assert ax.texts[0].get_text().startswith("Rang 1  (0,8")
    if _cjk_family() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no CJK font although CI=true (.ci/run installs fonts-noto-cjk)")
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    with i18n.using("zh_Hans"):
        figures = [plots.ranking(result), plots.weights(result)]
    assert figures[0].axes[0].get_title() == "方案排序（TOPSIS）"
    # Chinese names in an English report: every figure draws them too.
    from mcda_iso import Criterion, Problem, rank, sensitivity

    named = Problem(
        [Criterion("质量", "benefit"), Criterion("成本", "cost")],
        ["甲方案", "乙方案", "丙方案"],
        [[3, 2], [1, 1], [2, 3]],
        comparisons=[[1, 3], [1 / 3, 1]],
    )
    ranked = rank(named)
    analysis = sensitivity.analyse(ranked, samples=200, seed=1)
    with i18n.using("en"):
        figures += [
            plots.inconsistency(ranked),
            plots.weight_sweep(analysis, "成本"),
            plots.acceptability(analysis.monte_carlo, problem=named),
            plots.method_agreement(analysis.methods),
        ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would be raised
        for k, fig in enumerate(figures):
            fig.savefig(tmp_path / f"{k}.png", dpi=40)


def test_the_analysis_figures_speak_the_language_chosen(result):
    pytest.importorskip("matplotlib")
    from mcda_iso import plots, sensitivity

    analysis = sensitivity.analyse(result, samples=200, seed=3)
    with i18n.using("fr"):
        sweep = plots.weight_sweep(analysis, "cost")
        shares = plots.acceptability(analysis.monte_carlo)
        agreement = plots.method_agreement(analysis.methods)
    assert sweep.axes[0].get_title() == "Sensibilité au poids de cost"
    assert shares.axes[0].get_title().startswith("Acceptabilité des rangs : ")
    assert agreement.axes[0].get_title().startswith("Accord entre méthodes de classement\n")
    assert "corrélation de rang de Spearman" in agreement.axes[0].get_title()


@pytest.mark.parametrize("language", ["de", "zh_Hans"])
def test_the_results_analysis_sheets_speak_the_language_chosen(language, tmp_path, result):
    from mcda_iso import sensitivity, write_results

    analysis = sensitivity.analyse(result, samples=200, seed=5)
    path = write_results(tmp_path / "r.xlsx", result, sensitivity=analysis, language=language)
    book = openpyxl.load_workbook(path)
    with i18n.using(language):
        names = [i18n.pgettext("sheet", s) for s in ("Sensitivity", "Acceptability", "Methods")]
        assert set(names) <= set(book.sheetnames)
        title = i18n.gettext("Weight sensitivity: how far can each weight move?")
        assert book[names[0]]["A1"].value == title
        assert book[names[2]]["A1"].value == i18n.gettext("Do other MCDA methods agree?")
    assert all(len(t) <= layout.MAX_TITLE for t in book.sheetnames)
    assert read_workbook(path) == result.problem


def test_a_group_results_workbook_speaks_the_language_chosen(tmp_path):
    from mcda_iso import rank, write_results

    problem = tree_team_problem()
    path = write_results(tmp_path / "r.xlsx", rank(problem, method="ahp"), language="es")
    book = openpyxl.load_workbook(path)
    assert "Grupo" in book.sheetnames
    assert book["Grupo"]["A1"].value.startswith("Decisión de grupo: ")
    summary = [str(v) for row in book["Resumen"].iter_rows(values_only=True) for v in row if v]
    assert any(v.startswith("2 expertos, combinados agregando sus ") for v in summary)
    assert read_workbook(path) == problem

"""Make the figures of the tutorial (docs/img/*.png) with mcda_iso itself.

Run from the repository: ``python docs/make_figures.py`` (or ``--out DIR`` to write
elsewhere; the test suite does that to check the script still runs). The numbers come
from the built-in ISO 9001 scenario (profile "balanced") with fixed seeds, so the
figures match the tutorial's text.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

import mcda_iso
from mcda_iso import plots, sensitivity

DPI = 72


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "img")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)

    problem = mcda_iso.load_scenario("iso9001", profile="balanced")
    # The tutorial's slip: "market access vs cost" typed the wrong way round (1/3, not 3).
    slip = problem.with_judgment("market access", "cost", 1 / 3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mcda_iso.ConsistencyWarning)
        figures = {"inconsistency.png": plots.inconsistency(mcda_iso.rank(slip))}
    result = mcda_iso.rank(problem)
    analysis = sensitivity.analyse(result, samples=10_000, seed=2024)
    figures["weights.png"] = plots.weights(result)
    figures["ranking.png"] = plots.ranking(result)
    figures["sweep-cost.png"] = plots.weight_sweep(analysis, "cost")
    figures["acceptability.png"] = plots.acceptability(analysis.monte_carlo, problem=problem)
    figures["agreement.png"] = plots.method_agreement(analysis.methods)
    for name, fig in figures.items():
        fig.savefig(out / name, dpi=DPI, metadata={"Software": None})
        print(f"wrote {out / name} ({(out / name).stat().st_size // 1024} KiB)")
    report_screenshots(out, result, analysis)
    language_screenshots(out, result, analysis)


def language_screenshots(out: Path, result: mcda_iso.Result, analysis: object) -> None:
    """The template and the report in German and in Chinese (docs/workbook.md, Languages).

    LibreOffice prints the templates (the page of one sheet each: Kriterien, 说明), poppler's
    ``pdftoppm`` renders the page; headless Chromium takes the reports' screenshots.
    """
    from mcda_iso.report.pdf import find_browser

    office = shutil.which("libreoffice") or shutil.which("soffice")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if office is None:
            print("template screenshots left out: LibreOffice is not installed")
        else:
            pages = {"de": "Kriterien", "zh_Hans": "说明"}
            books = [
                mcda_iso.write_template(tmp / f"{lang}.xlsx", scenario="iso9001", language=lang)
                for lang in pages
            ]
            subprocess.run(
                [office, f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(tmp), *map(str, books)],
                capture_output=True, timeout=300, check=True,
            )  # fmt: skip
            for lang, sheet in pages.items():
                pdf = tmp / f"{lang}.pdf"
                page = _page_of(pdf, f"Sheet: {sheet}")
                name = f"template-{lang.split('_')[0]}"
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page),
                     "-singlefile", str(pdf), str(out / name)],
                    check=True,
                )  # fmt: skip
                print(f"wrote {out / name}.png")
        try:
            browser = find_browser()
        except mcda_iso.MCDAError as exc:
            print(f"report screenshots in German and Chinese left out: {exc}")
            return
        for lang in ("de", "zh_Hans"):
            html = mcda_iso.write_report(
                tmp / f"report-{lang}.html", result, analysis, language=lang
            )
            shot = out / f"report-{lang.split('_')[0]}.png"
            subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 f"--user-data-dir={tmp / 'profile'}", "--window-size=1000,760",
                 f"--screenshot={shot}", html.as_uri()],
                capture_output=True, timeout=180, check=True,
            )  # fmt: skip
            print(f"wrote {shot}")


def _page_of(pdf: Path, text: str) -> int:
    """The first page of ``pdf`` whose text holds ``text`` (LibreOffice's page footer)."""
    for page in range(1, 40):
        found = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        if text in found:
            return page
    raise SystemExit(f"{text!r} is on no page of {pdf}")


def report_screenshots(out: Path, result: mcda_iso.Result, analysis: object) -> None:
    """The report on screen (its top) and its printed summary (PDF page 1).

    The report and the PDF are written by mcda_iso (``write_report``); headless Chromium
    takes the screenshots and poppler's ``pdftoppm`` renders the PDF page.
    """
    from mcda_iso.report.pdf import find_browser

    try:
        browser = find_browser()
    except mcda_iso.MCDAError as exc:
        print(f"report screenshots left out: {exc}")
        return
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        title = "Is ISO 9001 certification worth it for us?"
        html = mcda_iso.write_report(tmp / "report.html", result, analysis, question=title)
        shot = tmp / "report.png"
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={tmp / 'profile'}", "--window-size=1100,1400",
             f"--screenshot={shot}", html.as_uri()],
            capture_output=True, timeout=180, check=True,
        )  # fmt: skip
        shutil.copy(shot, out / "report.png")
        print(f"wrote {out / 'report.png'} ({(out / 'report.png').stat().st_size // 1024} KiB)")
        pdf = mcda_iso.write_report(tmp / "report.pdf", result, analysis, question=title)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(out / "summary-print")],
            check=True,
        )  # fmt: skip
        print(f"wrote {out / 'summary-print.png'}")


if __name__ == "__main__":
    main()

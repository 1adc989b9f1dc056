"""The report as a PDF, printed by the system's headless Chromium (or Google Chrome).

Chromium prints the report's own HTML with its ``@media print`` styles, so the
PDF has the same content as the page: the executive summary on page 1, then one
section per page break, tables wrapped to the page width, figures kept whole.
No Python package is needed; the browser is found on ``PATH`` (``chromium``,
``chromium-browser``, ``google-chrome``, ``google-chrome-stable``) or named by
the environment variable ``MCDA_ISO_CHROMIUM``. The page is printed from a local
file with networking and extensions off; the report itself fetches nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mcda_iso.errors import MCDAError

#: Environment variable naming the Chromium or Chrome program to print with.
ENVIRONMENT = "MCDA_ISO_CHROMIUM"

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_TIMEOUT = 180  # seconds

MISSING = (
    "writing a PDF needs Chromium or Google Chrome: install it (Debian/Ubuntu: "
    "apt-get install chromium; macOS/Windows: install Google Chrome) or set "
    f"{ENVIRONMENT} to its path; or write the report as .html and print it from a browser"
)


def find_browser() -> str:
    """The Chromium/Chrome program to print with.

    Raises
    ------
    MCDAError
        None is installed (the message says what to install).
    """
    named = os.environ.get(ENVIRONMENT)
    if named:
        found = shutil.which(named)
        if found is None:
            raise MCDAError(f"{ENVIRONMENT}={named!r} is not a program that can be run; {MISSING}")
        return found
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise MCDAError(MISSING)


def html_to_pdf(document: str) -> bytes:
    """Print an HTML document to PDF bytes with headless Chromium.

    Raises
    ------
    MCDAError
        No browser is installed, or it did not print (the message says so in words).
    """
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="mcda-iso-pdf-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(document, encoding="utf-8")
        out = Path(folder) / "report.pdf"
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with it
        try:
            proc = subprocess.run(
                command, capture_output=True, timeout=_TIMEOUT, check=False, cwd=folder
            )
        except subprocess.TimeoutExpired as exc:
            raise MCDAError(
                f"{Path(browser).name} did not finish printing the PDF within {_TIMEOUT} s"
            ) from exc
        except OSError as exc:
            raise MCDAError(f"cannot run {browser} to print the PDF ({exc.strerror})") from exc
        if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            raise MCDAError(
                f"{Path(browser).name} could not print the report to PDF (exit code "
                f"{proc.returncode}); write it as .html and print it from a browser"
            )
        data = out.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise MCDAError(f"{Path(browser).name} wrote something that is not a PDF")
    return data

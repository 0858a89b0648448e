"""Printing the HTML brief to PDF through a headless Chromium (or Chrome, or Edge).

The HTML brief is already laid out for print (A4 ``@page`` rules, page numbers in the page's
bottom margin, the sign-off table and each chart kept whole); a browser's print engine is the
only widely installed program that honours all of that and the CJK fonts, so drill asks one to
print rather than bundling a PDF library. The browser is found on ``PATH`` by its usual names,
or named by ``DRILL_CHROMIUM``; where none is installed, the error says which package to add.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from markupsafe import Markup

from simulator.i18n import render

BROWSER_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "msedge",
)
# A brief with a dozen charts prints in 2–4 s here; a minute means the browser hangs.
PRINT_TIMEOUT_S = 120


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to install."""


def page_counter_css(lang: str) -> Markup:
    """Return the CSS ``content`` value of the page numbers ("第 1 页，共 3 页") in ``lang``.

    CSS cannot fill in a sentence, so the catalogue's sentence is cut at its two placeholders
    and they become the ``counter(page)`` and ``counter(pages)`` of the printed page.
    """
    cut = "\x00"
    sentence = render("print.page_number", lang, page=f"{cut}page{cut}", pages=f"{cut}pages{cut}")
    parts = []
    for index, part in enumerate(sentence.split(cut)):
        if index % 2:
            parts.append(f"counter({part})")
        elif part:
            parts.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    # Markup: the HTML template escapes values, and &#34; would break the style sheet.
    return Markup(" ".join(parts))


def find_browser() -> str | None:
    """Return the path of a Chromium-family browser to print with, or None."""
    named = os.environ.get("DRILL_CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_command(browser: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    """Return the command line that prints ``page`` to ``pdf`` with ``browser``."""
    return [
        browser,
        "--headless",
        "--disable-gpu",
        # Root in a container has no user namespace for the sandbox; the page is our own file.
        "--no-sandbox",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={profile}",  # a fresh profile: an open browser's lock never blocks us
        "--no-pdf-header-footer",  # the page numbers come from the brief's own @page rules
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]


def html_to_pdf(html: str, lang: str) -> bytes:
    """Return the PDF of the HTML document ``html``, printed by a headless browser.

    Raises :class:`PdfError` (in ``lang``) when no browser is installed, or it fails or hangs.
    """
    browser = find_browser()
    if browser is None:
        raise PdfError(render("pdf.no_browser", lang))
    with tempfile.TemporaryDirectory(prefix="drill-pdf-") as folder:
        work = Path(folder)
        page, pdf = work / "brief.html", work / "brief.pdf"
        page.write_text(html, encoding="utf-8")
        command = print_command(browser, page, pdf, work / "profile")
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                render("pdf.timeout", lang, browser=browser, seconds=PRINT_TIMEOUT_S)
            ) from None
        except OSError as error:
            raise PdfError(
                render("pdf.failed", lang, browser=browser, why=error.strerror or str(error))
            ) from None
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
            raise PdfError(render("pdf.failed", lang, browser=browser, why=last))
        return pdf.read_bytes()

"""Printing the HTML brief to PDF through a headless Chromium (or Chrome, or Edge).

The HTML brief is already laid out for print (A4 ``@page`` rules, page numbers in the page's
bottom margin, the sign-off table and each chart kept whole); a browser's print engine is the
only widely installed program that honours all of that and the CJK fonts, so drill asks one to
print rather than bundling a PDF library. The browser is named by ``DRILL_CHROMIUM``, or found
on ``PATH`` by its usual names, or where Chrome and Edge install themselves on macOS and
Windows; where none is installed, the error says which package to add.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
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


def _installed_browsers() -> list[Path]:
    """Return where Chrome, Chromium and Edge install themselves off ``PATH`` (macOS, Windows)."""
    if sys.platform == "darwin":
        return [
            Path("/Applications") / app / "Contents" / "MacOS" / name
            for app, name in (
                ("Google Chrome.app", "Google Chrome"),
                ("Chromium.app", "Chromium"),
                ("Microsoft Edge.app", "Microsoft Edge"),
            )
        ]
    if sys.platform == "win32":  # Edge comes with every Windows 10 and 11
        roots = [
            os.environ.get(name) for name in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")
        ]
        return [
            Path(root) / program
            for root in roots
            if root
            for program in (
                Path("Google/Chrome/Application/chrome.exe"),
                Path("Microsoft/Edge/Application/msedge.exe"),
            )
        ]
    return []


def find_browser() -> str | None:
    """Return the path of a Chromium-family browser to print with, or None."""
    named = os.environ.get("DRILL_CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((str(path) for path in _installed_browsers() if path.is_file()), None)


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


def _stop(process: subprocess.Popen) -> None:
    """Stop the browser and every process it started (it forks a renderer, a GPU process)."""
    if sys.platform != "win32":
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()
    process.wait()


def html_to_pdf(html: str, lang: str, work_dir: Path | None = None) -> bytes:
    """Return the PDF of the HTML document ``html``, printed by a headless browser.

    The page is written in a hidden folder under ``work_dir`` (the run directory): a browser
    installed as a snap (Ubuntu's chromium) sees the user's folders but not ``/tmp``.
    Raises :class:`PdfError` (in ``lang``) when no browser is installed, or it fails or hangs.
    """
    browser = find_browser()
    if browser is None:
        raise PdfError(render("pdf.no_browser", lang))
    with tempfile.TemporaryDirectory(
        prefix=".drill-pdf-", dir=work_dir, ignore_cleanup_errors=True
    ) as folder:
        work = Path(folder).resolve()  # a file: URI names an absolute path
        page, pdf, log = work / "brief.html", work / "brief.pdf", work / "browser.log"
        page.write_text(html, encoding="utf-8")
        command = print_command(browser, page, pdf, work / "profile")
        try:
            with log.open("wb") as errors:
                # Its own session, so that a hang is ended with every process it started;
                # output to a file, never a pipe a lingering helper could hold open.
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                    start_new_session=sys.platform != "win32",
                )
                try:
                    code = process.wait(timeout=PRINT_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    _stop(process)
                    raise PdfError(
                        render("pdf.timeout", lang, browser=browser, seconds=PRINT_TIMEOUT_S)
                    ) from None
        except OSError as error:
            raise PdfError(
                render("pdf.failed", lang, browser=browser, why=error.strerror or str(error))
            ) from None
        if code != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            said = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            why = said[-1] if said else f"exit code {code}"
            raise PdfError(render("pdf.failed", lang, browser=browser, why=why))
        return pdf.read_bytes()

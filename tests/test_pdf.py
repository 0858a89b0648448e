"""The PDF brief: A4 pages numbered in the brief's language, the sign-off on one sheet."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.report import pdf
from simulator.report.pdf import PdfError, find_browser, html_to_pdf, page_counter_css

SCENARIOS = Path(__file__).parent.parent / "scenarios"
PRINTS = find_browser() is not None and shutil.which("pdftotext") is not None
needs_printing = pytest.mark.skipif(
    not PRINTS, reason="needs chromium and pdftotext (apt-get install chromium poppler-utils)"
)


@pytest.fixture(scope="module")
def outage_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "run"
    arguments = ["run", str(SCENARIOS / "bank_system_outage.yaml"), "-n", "6", "--seed", "2"]
    result = CliRunner().invoke(cli, [*arguments, "--no-brief", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_page_numbers_are_the_catalogues_sentence_around_the_css_counters():
    assert page_counter_css("zh") == '"第 " counter(page) " 页，共 " counter(pages) " 页"'
    assert page_counter_css("en") == '"Page " counter(page) " of " counter(pages)'


def test_the_browser_named_by_drill_chromium_is_used_and_a_missing_one_is_none(
    tmp_path, monkeypatch
):
    browser = tmp_path / "my-chrome"
    browser.write_text("#!/bin/sh\n")
    monkeypatch.setenv("DRILL_CHROMIUM", str(browser))
    assert find_browser() == str(browser)
    monkeypatch.setenv("DRILL_CHROMIUM", str(tmp_path / "absent"))
    assert find_browser() is None
    monkeypatch.delenv("DRILL_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_browser() is None


def test_no_browser_is_bad_input_naming_the_package_and_writes_nothing(outage_run, monkeypatch):
    monkeypatch.setattr(pdf, "find_browser", lambda: None)
    result = CliRunner().invoke(cli, ["brief", str(outage_run), "--format", "md,pdf"])
    assert result.exit_code == 2
    assert "sudo apt-get install chromium" in result.output
    assert "Traceback" not in result.output
    # All or nothing: the Markdown brief asked for with it was not written either.
    assert not (outage_run / "brief.md").exists() and not (outage_run / "brief.pdf").exists()


def test_a_browser_that_fails_is_reported_with_its_own_last_words(tmp_path, monkeypatch):
    browser = tmp_path / "broken-chrome"
    browser.write_text("#!/bin/sh\necho 'starting' >&2\necho 'no display found' >&2\nexit 3\n")
    browser.chmod(0o755)
    monkeypatch.setenv("DRILL_CHROMIUM", str(browser))
    with pytest.raises(PdfError, match="未能打印 PDF：no display found"):
        html_to_pdf("<html></html>", "zh")


def fake_browser(tmp_path: Path, body: str) -> Path:
    """Write a shell script that acts as a browser: ``$pdf`` is where it is asked to print."""
    browser = tmp_path / "fake-chrome"
    browser.write_text(
        "#!/bin/sh\n"
        'for arg; do case "$arg" in --print-to-pdf=*) pdf="${arg#--print-to-pdf=}";; esac; done\n'
        + body
    )
    browser.chmod(0o755)
    return browser


def test_a_printed_pdf_is_taken_at_once_though_a_helper_of_the_browser_lingers(
    tmp_path, monkeypatch
):
    # Chromium leaves helper processes behind for a moment, holding its output open.
    body = 'echo "%%PDF-1.4 fake" | tr -d "\\n" > "$pdf"\n(sleep 30) &\necho $! > "%s"\n' % (
        tmp_path / "helper.pid"
    )
    monkeypatch.setenv("DRILL_CHROMIUM", str(fake_browser(tmp_path, body)))
    started = time.monotonic()
    assert html_to_pdf("<html></html>", "en", tmp_path) == b"%PDF-1.4 fake"
    assert time.monotonic() - started < 10
    os.kill(int((tmp_path / "helper.pid").read_text()), signal.SIGKILL)  # tidy up
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".drill-pdf-")] == []


def test_a_browser_that_hangs_is_stopped_with_everything_it_started(tmp_path, monkeypatch):
    body = '(sleep 60) &\necho $! > "%s"\nsleep 60\n' % (tmp_path / "child.pid")
    monkeypatch.setenv("DRILL_CHROMIUM", str(fake_browser(tmp_path, body)))
    monkeypatch.setattr(pdf, "PRINT_TIMEOUT_S", 1)
    with pytest.raises(PdfError, match="did not finish printing the PDF in 1 s"):
        html_to_pdf("<html></html>", "en", tmp_path)
    child = int((tmp_path / "child.pid").read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # killed with its group; gone once reaped by init
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the browser's child process outlived the timeout")


def pages_text(pdf_file: Path) -> list[str]:
    """Return each page's text, as pdftotext extracts it."""
    info = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True, check=True)
    count = int(
        next(line.split()[1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )
    return [
        subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf_file), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for page in range(1, count + 1)
    ]


@needs_printing
@pytest.mark.parametrize(
    ("lang", "name", "number", "rows"),
    [
        ("zh", "brief.pdf", "第 {page} 页，共 {pages} 页", ["编制人", "审阅人"]),
        ("en", "brief.en.pdf", "Page {page} of {pages}", ["Prepared by", "Reviewed by"]),
    ],
)
def test_the_outage_brief_prints_numbered_a4_pages_with_the_sign_off_on_one(
    outage_run, lang, name, number, rows
):
    result = CliRunner().invoke(cli, ["brief", str(outage_run), "--lang", lang, "--format", "pdf"])
    assert result.exit_code == 0, result.output
    printed = outage_run / name
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    pages = pages_text(printed)
    assert len(pages) >= 3
    for page, text in enumerate(pages, start=1):
        assert number.format(page=page, pages=len(pages)) in text, (page, text[-300:])
    signed = [page for page, text in enumerate(pages, start=1) if all(row in text for row in rows)]
    assert len(signed) == 1, [page for page, text in enumerate(pages, 1) if rows[0] in text]
    assert os.path.getsize(printed) > 10_000


@needs_printing
def test_a_run_directory_given_relative_to_the_current_folder_prints_too(outage_run, monkeypatch):
    # What `drill brief results/<run>` gives: the page's file: URI must still be absolute.
    monkeypatch.chdir(outage_run.parent)
    result = CliRunner().invoke(cli, ["brief", outage_run.name, "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert (outage_run / "brief.pdf").read_bytes().startswith(b"%PDF")

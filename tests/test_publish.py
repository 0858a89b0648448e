"""Publishing a brief: the self-contained HTML, all-or-nothing writes, and Chromium's view of it."""

import base64
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.image import imread

from simulator.cli import cli
from simulator.report import publish as publish_module
from simulator.report.publish import publish
from simulator.rundir.reader import read_run

SCENARIOS = Path(__file__).parent.parent / "scenarios"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian chromium not installed (apt-get install chromium)"
)
# Any reference the browser could follow: src/href attributes and CSS url()/@import.
REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']*)["']|url\(\s*["']?([^"')]*)|@import""")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("publish") / "run"
    arguments = ["run", str(SCENARIOS / "bank_fire_drill.yaml"), "-n", "8", "--seed", "3"]
    result = CliRunner().invoke(cli, [*arguments, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_html_brief_is_self_contained(run_dir):
    html = (run_dir / "brief.html").read_text(encoding="utf-8")
    references = [
        next(filter(None, match.groups()), match.group(0)) for match in REFERENCE.finditer(html)
    ]
    assert references, "the brief should embed its charts"
    assert all(ref.startswith(("data:", "#")) for ref in references), references
    # Every chart is embedded, byte for byte the PNG written beside the brief.
    embedded = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    charts = sorted((run_dir / "charts").glob("*.png"))
    assert len(embedded) == len(charts) == 5
    assert {base64.b64decode(data) for data in embedded} == {p.read_bytes() for p in charts}


def test_the_html_brief_prints_on_a4_and_has_every_section(run_dir):
    html = (run_dir / "brief.html").read_text(encoding="utf-8")
    assert "@page { size: A4;" in html
    markdown = (run_dir / "brief.md").read_text(encoding="utf-8")
    headings = [
        line.lstrip("# ").strip() for line in markdown.splitlines() if line.startswith("## ")
    ]
    assert len(headings) == 10
    for heading in headings:
        assert f"<h2>{heading}</h2>" in html, heading


def test_html_escapes_what_scenario_authors_wrote(run_dir, tmp_path):
    scenario = (SCENARIOS / "bank_fire_drill.yaml").read_text(encoding="utf-8")
    hostile = scenario.replace("配电箱电气线路起火", "<script>alert(1)</script> & 起火", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    out = tmp_path / "run"
    result = CliRunner().invoke(cli, ["run", str(path), "-n", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 起火" in html


def test_a_failure_while_rendering_writes_nothing(run_dir, tmp_path, monkeypatch):
    copy = tmp_path / "copy"
    shutil.copytree(run_dir, copy, ignore=shutil.ignore_patterns("brief.*", "charts"))

    def broken(*_arguments):
        raise RuntimeError("template exploded")

    monkeypatch.setattr(publish_module, "render_brief", broken)
    with pytest.raises(RuntimeError, match="template exploded"):
        publish(read_run(copy), "zh")
    assert not (copy / "charts").exists()
    assert not list(copy.glob("brief.*")) and not list(copy.glob(".*"))


def test_charts_an_earlier_brief_drew_are_removed(run_dir, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(run_dir, copy)
    (copy / "charts" / "old.png").write_bytes(b"stale")
    published = publish(read_run(copy), "zh", ("md",))
    assert not (copy / "charts" / "old.png").exists()
    assert sorted(p.name for p in published.paths)[-1] == "waits.png"
    brief = (copy / "brief.md").read_text(encoding="utf-8")
    assert brief.startswith("# 预案推演评估报告")


def test_a_brief_in_another_language_is_written_beside_the_first_never_over_it(run_dir, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(run_dir, copy)
    before = snapshot(copy)
    result = CliRunner().invoke(cli, ["brief", str(copy), "--lang", "en"])
    assert result.exit_code == 0, result.output
    after = snapshot(copy)
    # The Chinese brief and its charts are as they were; the English one has its own charts.
    assert {name: data for name, data in after.items() if name in before} == before
    english = (copy / "brief.en.md").read_text(encoding="utf-8")
    assert english.startswith("# Plan assessment by simulation")
    assert "](charts.en/queue.png)" in english and (copy / "charts.en" / "queue.png").exists()
    assert (copy / "brief.en.html").exists()


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_a_directory_where_the_brief_goes_is_bad_input_and_changes_nothing(run_dir, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(run_dir, copy)
    (copy / "brief.html").unlink()
    (copy / "brief.html").mkdir()
    before = snapshot(copy)
    result = CliRunner().invoke(cli, ["brief", str(copy), "--lang", "zh"])
    assert result.exit_code == 2, result.output
    assert f"{copy / 'brief.html'}：是文件夹；请移走后再运行 drill brief" in result.output
    assert "Traceback" not in result.output
    assert snapshot(copy) == before and not list(copy.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        ("timeseries.csv", lambda text: text.replace("\n0,", "\nx,", 1), ":2: column"),
        ("timeseries.csv", lambda text: text.splitlines()[0] + "\n", "no rows"),
        ("replications.csv", lambda text: text.replace("wait_p90_min", "wait"), "no column"),
        ("timeseries.csv", lambda text: "\udcff", "not a readable CSV file"),
    ],
)
def test_a_damaged_run_file_is_bad_input_naming_it(run_dir, tmp_path, name, edit, message):
    copy = tmp_path / "copy"
    shutil.copytree(run_dir, copy)
    original = (copy / name).read_text(encoding="utf-8")
    (copy / name).write_bytes(edit(original).encode("utf-8", "surrogateescape"))
    before = snapshot(copy)
    result = CliRunner().invoke(cli, ["brief", str(copy)])
    assert result.exit_code == 2, result.output
    assert str(copy / name) in result.output and message in result.output, result.output
    assert "Traceback" not in result.output
    assert snapshot(copy) == before


def test_the_html_brief_has_no_markdown_left_in_it(run_dir):
    html = (run_dir / "brief.html").read_text(encoding="utf-8")
    assert "`" not in html and "**" not in html
    assert "<code>" in html  # the code spans of the Markdown became <code> elements


def test_a_format_that_does_not_exist_is_bad_input(run_dir):
    result = CliRunner().invoke(cli, ["brief", str(run_dir), "--format", "md,docx"])
    assert result.exit_code == 2
    assert "docx is not a brief format; choose from md, html, pdf" in result.output


# Chromium's own housekeeping, which it sends even for a blank page whatever the flags (seen:
# component updates, the network-time service, account checks). Only these hosts are forgiven.
BROWSER_SERVICES = {
    "update.googleapis.com",
    "accounts.google.com",
    "clients1.google.com",
    "clients2.google.com",
    "safebrowsing.googleapis.com",
    "optimizationguide-pa.googleapis.com",
    "redirector.gvt1.com",
    "edgedl.me.gvt1.com",
    # Debian's Chromium 156 checks connectivity against www.google.com at start-up, whatever
    # the flags; the brief itself links nowhere, which the other hosts still prove.
    "www.google.com",
}


def request_host(request_line: str) -> str:
    """Return the host of a proxy request line (``CONNECT h:443 …`` or ``GET http://h/… …``)."""
    target = request_line.split(" ")[1] if " " in request_line else request_line
    return target.split("://")[-1].split("/")[0].split(":")[0]


class RequestRecorder:
    """A do-nothing proxy on loopback: every request the browser makes arrives here, recorded."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.requests: list[str] = []
        self.server.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    first = connection.recv(1024).split(b"\r\n")[0]
                except OSError:
                    first = b"(no request line)"
                self.requests.append(first.decode("latin-1"))

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.server.close()


def headless(page: Path, tmp_path: Path, *output: str) -> tuple[str, list[str]]:
    """Open ``page`` in headless Chromium with the ``output`` flags; return stdout and requests.

    Requests to Chromium's own services (:data:`BROWSER_SERVICES`) are left out.
    """
    counter = RequestRecorder()
    try:
        finished = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--no-first-run",
                "--no-default-browser-check",
                f"--user-data-dir={tmp_path / 'profile'}",
                # Every request, even to localhost, goes through the counting proxy.
                f"--proxy-server=http://127.0.0.1:{counter.port}",
                "--proxy-bypass-list=<-loopback>",
                "--window-size=1000,1400",
                "--virtual-time-budget=5000",
                *output,
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        counter.close()
    page_requests = [
        line for line in counter.requests if request_host(line) not in BROWSER_SERVICES
    ]
    return finished.stdout, page_requests


def screenshot(page: Path, tmp_path: Path) -> tuple[np.ndarray, list[str]]:
    """Render ``page`` in headless Chromium; return the screenshot and the page's requests."""
    shot = tmp_path / "shot.png"
    _stdout, requests = headless(page, tmp_path, f"--screenshot={shot}")
    return imread(shot)[..., :3], requests


# Appended to a copy of the brief: after loading, the body says how many images decoded.
COUNT_IMAGES = (
    "<script>window.addEventListener('load', () => document.body.setAttribute('data-decoded',"
    " [...document.images].filter(image => image.naturalWidth > 0).length));</script>"
)


def decoded_images(html: str, tmp_path: Path) -> tuple[int, int]:
    """Return how many of the page's images Chromium decoded, and how many there are."""
    page = tmp_path / "counted.html"
    page.write_text(html.replace("</body>", COUNT_IMAGES + "</body>"), encoding="utf-8")
    dom, _requests = headless(page, tmp_path, "--dump-dom")
    decoded = re.search(r'data-decoded="(\d+)"', dom)
    assert decoded, dom[-500:]
    return int(decoded.group(1)), html.count("<img ")


@needs_chromium
@pytest.mark.slow
def test_chromium_renders_the_brief_without_touching_the_network(run_dir, tmp_path):
    pixels, requests = screenshot(run_dir / "brief.html", tmp_path)
    assert requests == []
    inked = np.any(pixels < 0.9, axis=2).mean()
    colours = np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0).shape[0]
    assert inked > 0.03 and colours > 50, (inked, colours)


@needs_chromium
@pytest.mark.slow
def test_the_network_check_sees_a_page_that_fetches(tmp_path):
    # Guard for the test above: a page with one remote image must be caught by the counter.
    page = tmp_path / "remote.html"
    page.write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Noto">'
        '</head><body><img src="http://example.com/x.png">hi</body></html>'
    )
    _pixels, requests = screenshot(page, tmp_path)
    assert {request_host(line) for line in requests} == {"example.com", "fonts.googleapis.com"}


@needs_chromium
@pytest.mark.slow
def test_chromium_decodes_every_chart_of_the_brief(run_dir, tmp_path):
    html = (run_dir / "brief.html").read_text(encoding="utf-8")
    decoded, images = decoded_images(html, tmp_path)
    assert decoded == images == 5


@needs_chromium
@pytest.mark.slow
def test_the_image_count_sees_a_chart_that_does_not_decode(run_dir, tmp_path):
    # Guard for the test above: one corrupted data URI must be counted as not decoded.
    html = (run_dir / "brief.html").read_text(encoding="utf-8")
    broken = html.replace("data:image/png;base64,", "data:image/png;base64,AAAA", 1)
    assert decoded_images(broken, tmp_path) == (4, 5)


@needs_chromium
@pytest.mark.slow
def test_the_brief_prints_on_a4_pages(run_dir, tmp_path):
    pdf = tmp_path / "brief.pdf"
    _stdout, requests = headless(
        run_dir / "brief.html", tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}"
    )
    assert requests == []
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert len(boxes) >= 3  # cover and record, objectives, figures
    for width, height in boxes:  # A4 is 595 x 842 points
        assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1

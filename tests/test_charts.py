"""Charts: valid, non-trivial PNGs; what each one draws; labels that never render as boxes."""

import io
import warnings
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.patches import Rectangle

from simulator.cli import cli
from simulator.engine.events import EventKind
from simulator.i18n import render
from simulator.report.chart_parts import ACTION_WINDOW_MIN, action_windows, incident_periods
from simulator.report.charts import draw_charts
from simulator.report.day_charts import evacuation_chart, queue_chart, waits_chart
from simulator.report.fonts import ChartLanguage, chart_language, find_cjk_font
from simulator.rundir.reader import read_columns, read_run

SCENARIOS = Path(__file__).parent.parent / "scenarios"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
needs_cjk_font = pytest.mark.skipif(
    find_cjk_font() is None, reason="no CJK font installed (.ci/run installs fonts-noto-cjk)"
)


def simulate(tmp_path_factory, scenario: str, days: int) -> Path:
    out = tmp_path_factory.mktemp("charts") / "run"
    arguments = ["run", str(SCENARIOS / scenario), "-n", str(days), "--seed", "7"]
    result = CliRunner().invoke(cli, [*arguments, "--out", str(out), "--no-brief"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def fire_run(tmp_path_factory):
    return read_run(simulate(tmp_path_factory, "bank_fire_drill.yaml", 12))


@pytest.fixture(scope="module")
def surge_run(tmp_path_factory):
    return read_run(simulate(tmp_path_factory, "promotion_day.yaml", 8))


def english(key: str, **args) -> str:
    return render(key, "en", **args)


def glyph_warnings(record: list[warnings.WarningMessage]) -> list[str]:
    return [str(item.message) for item in record if "missing from font" in str(item.message)]


def content(png: bytes) -> tuple[float, int]:
    """Return the share of inked pixels and the number of distinct colours of a PNG."""
    assert png.startswith(PNG_SIGNATURE)
    pixels = imread(io.BytesIO(png))[..., :3]
    inked = float(np.any(pixels < 0.9, axis=2).mean())
    colours = np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0).shape[0]
    return inked, colours


def real_content(png: bytes) -> bool:
    # Measured on the shipped scenarios' charts: 8–39 % of pixels inked, 270–1,940 colours. An
    # empty chart with only a title and labelled axes has 2 % ink (and 256 antialiased colours).
    inked, colours = content(png)
    return inked > 0.05 and colours > 200


@pytest.mark.slow
def test_every_chart_is_a_valid_png_with_real_content(fire_run):
    charts = draw_charts(fire_run, chart_language("en"))
    assert [chart.name for chart in charts] == [
        "queue",
        "waits",
        "counters",
        "evacuation",
        "scorecard",
    ]
    for chart in charts:
        height, width = imread(io.BytesIO(chart.png)).shape[:2]
        assert width >= 1000 and height >= 300, chart.name
        assert real_content(chart.png), (chart.name, content(chart.png))


@pytest.mark.slow
def test_the_content_check_fails_an_empty_chart():
    # Guard for the test above: a titled, labelled chart with nothing drawn must not pass.
    figure = Figure(figsize=(8.3, 3.8), layout="constrained")
    axis = figure.subplots()
    axis.set_title("Queue and in-hall density over the day")
    axis.set_xlabel("Time of day")
    axis.set_ylabel("People waiting")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150)
    assert not real_content(buffer.getvalue()), content(buffer.getvalue())


@pytest.mark.slow
def test_the_same_run_draws_the_same_bytes(fire_run):
    first = draw_charts(fire_run, chart_language("en"))
    second = draw_charts(fire_run, chart_language("en"))
    assert [chart.png for chart in first] == [chart.png for chart in second]


def test_the_evacuation_curve_is_left_out_when_nobody_evacuated(surge_run):
    assert evacuation_chart(surge_run, english) is None
    names = [chart.name for chart in draw_charts(surge_run, chart_language("en"))]
    assert names == ["queue", "waits", "counters", "scorecard"]


def spans(axis) -> list[tuple[float, float]]:
    """Return the x-ranges of the shaded periods (axvspan rectangles) of ``axis``."""
    shades = [patch for patch in axis.patches if isinstance(patch, Rectangle)]
    return sorted((shade.get_x(), shade.get_x() + shade.get_width()) for shade in shades)


def test_the_queue_chart_shades_incidents_and_marks_actions(surge_run):
    figure = queue_chart(surge_run, english)
    queue_axis = figure.axes[0]
    labels = [text.get_text() for text in queue_axis.get_legend().get_texts()]
    assert english("chart.incident", kind=english("kind.surge")) in labels
    opened = [
        event
        for _day, event in surge_run.events
        if event.name == "open_counters"
        and event.kind is EventKind.ACTION
        and event.result.carried_out
    ]
    assert opened, "promotion_day should open counters in its surge"
    expected = english("chart.action", action=english("action.open_counters"), count=len(opened))
    assert expected in labels
    # The band is P10–P90 of timeseries.csv: its edges are the P10 and P90 columns.
    table = read_columns(surge_run.path / "timeseries.csv")
    edges = queue_axis.collections[0].get_paths()[0].vertices[:, 1]
    assert edges.max() == pytest.approx(table["queue_p90"].max())
    assert edges.min() == pytest.approx(table["queue_p10"].min())
    # The shading spans the median surge start and end over the days (15:00–16:30 here).
    [(kind, start, end)] = incident_periods(surge_run)
    assert (kind, start, end) == ("surge", 900.0, 990.0)
    assert spans(queue_axis) == [(start, end)]


def test_actions_of_all_days_are_one_marker_per_window_with_their_count(surge_run):
    figure = queue_chart(surge_run, english)
    queue_axis = figure.axes[0]
    opened = sorted(
        event.time
        for _day, event in surge_run.events
        if event.name == "open_counters"
        and event.kind is EventKind.ACTION
        and event.result.carried_out
    )
    windows = action_windows(opened)
    assert sum(count for _time, count in windows) == len(opened)  # none lost, none twice
    assert len({int(time // ACTION_WINDOW_MIN) for time in opened}) == len(windows)
    label = english("chart.action", action=english("action.open_counters"), count=len(opened))
    (markers,) = [c for c in queue_axis.collections if c.get_label() == label]
    assert len(markers.get_offsets()) == len(windows) < len(opened)  # pooled, not piled up
    row = markers.get_offsets()[0][1]
    written = [(text.xy[0], int(text.get_text())) for text in queue_axis.texts if text.xy[1] == row]
    assert written == [(time, count) for time, count in windows if count > 1]
    # The rows of markers sit above the data: the P90 band never reaches the lowest row.
    top = queue_axis.get_ylim()[1]
    assert queue_axis.collections[0].get_paths()[0].vertices[:, 1].max() < 0.78 * top


def test_legends_sit_outside_the_plot(surge_run):
    figure = queue_chart(surge_run, english)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    for axis in figure.axes:
        plot, legend = (
            axis.get_window_extent(renderer),
            axis.get_legend().get_window_extent(renderer),
        )
        assert legend.x0 >= plot.x1  # right of the plot: it hides neither curves nor markers
        assert legend.x1 <= figure.bbox.x1 + 1  # and still on the page


def test_two_surges_of_one_day_are_shaded_apart(tmp_path):
    scenario = (SCENARIOS / "promotion_day.yaml").read_text(encoding="utf-8")
    morning = '  - {kind: surge, from: "10:00", until: "10:45", factor: 1.5}\n'
    marker = "incidents:\n"
    (tmp_path / "two_surges.yaml").write_text(
        scenario.replace(marker, marker + morning, 1), encoding="utf-8"
    )
    out = tmp_path / "run"
    arguments = ["run", str(tmp_path / "two_surges.yaml"), "-n", "3", "--seed", "7", "--no-brief"]
    result = CliRunner().invoke(cli, [*arguments, "--out", str(out)])
    assert result.exit_code == 0, result.output
    run = read_run(out)
    assert incident_periods(run) == [("surge", 600.0, 645.0), ("surge", 900.0, 990.0)]
    queue_axis = queue_chart(run, english).axes[0]
    assert spans(queue_axis) == [(600.0, 645.0), (900.0, 990.0)]


def test_the_wait_histogram_counts_every_day_and_draws_the_limit(fire_run):
    figure = waits_chart(fire_run, english)
    axis = figure.axes[0]
    assert sum(patch.get_height() for patch in axis.patches) == fire_run.summary["replications"]
    limit_x = [line.get_xdata()[0] for line in axis.get_lines()]
    assert limit_x == [20.0]  # bank_fire_drill's wait_p90_min limit


def test_the_evacuation_curve_starts_with_everyone_inside(fire_run):
    figure = evacuation_chart(fire_run, english)
    median = figure.axes[0].get_lines()[0].get_ydata()
    table = read_columns(fire_run.path / "evacuation.csv")
    assert median[0] == table["inside_p50"][0] > 0
    assert np.all(np.diff(median) <= 0)  # people only leave


@pytest.mark.slow
@needs_cjk_font
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_glyph_is_missing_when_a_cjk_font_is_installed(fire_run, surge_run, lang):
    language = chart_language(lang)
    assert language.lang == lang and language.notice is None
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        for run in (fire_run, surge_run):
            draw_charts(run, language)
    assert glyph_warnings(record) == []


@pytest.mark.slow
def test_the_glyph_check_catches_chinese_drawn_without_a_cjk_font(surge_run):
    # Guard for the test above: forcing a Latin-only font must produce the warnings it looks for.
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        draw_charts(surge_run, ChartLanguage("zh", ("DejaVu Sans",)))
    assert glyph_warnings(record)


@pytest.mark.slow
def test_without_a_cjk_font_chinese_charts_fall_back_to_english_once(
    fire_run, surge_run, monkeypatch
):
    language = chart_language("zh", cjk_font="")
    assert language.lang == "en" and "fonts-noto-cjk" in language.notice
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        # promotion_day's notes are Chinese, written by the scenario author: they too must
        # not be drawn as boxes.
        charts = draw_charts(fire_run, language) + draw_charts(surge_run, language)
        charts += draw_charts(surge_run, chart_language("en", cjk_font=""))
    assert charts and glyph_warnings(record) == []

    monkeypatch.setattr("simulator.report.fonts.find_cjk_font", lambda: None)
    result = CliRunner().invoke(cli, ["brief", str(fire_run.path), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert result.output.count("No CJK font is installed") == 1
    brief = (fire_run.path / "brief.md").read_text(encoding="utf-8")
    assert render("figure.font_missing", "zh") in brief

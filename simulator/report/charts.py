"""The brief's charts, drawn from a run directory with matplotlib's Agg renderer.

Each chart is a function from the run's files to a :class:`~matplotlib.figure.Figure`. Figures
are built directly, never through ``pyplot``: pyplot keeps global figure state and picks a GUI
backend, while a bare ``Figure`` renders with Agg on a machine without a screen and leaves
nothing behind. Charts come back as PNG bytes, so the caller can write them and the brief
together, or not at all. Labels come from the message catalogue in the language
:func:`~simulator.report.fonts.chart_language` settled on.
"""

import io
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator

from simulator.i18n import render
from simulator.i18n.scoring import ACTION_LABELS
from simulator.model.clock import format_clock, parse_clock
from simulator.report.fonts import ChartLanguage
from simulator.report.rated import limit_rows, metric_name, objective_rows
from simulator.report.rundir import RunFiles, read_columns

DPI = 150
BAND_ALPHA = 0.25
INCIDENT_COLOUR = "#d62728"
RATING_COLOURS = {"P": "#2ca02c", "S": "#bcbd22", "M": "#ff7f0e", "U": "#d62728", None: "#c7c7c7"}
ACTION_MARKERS = ("v", "^", "s", "D", "o", "P", "X", "*")
SCORECARD_NAME_CHARS = 46  # longer objective names are cut, the brief has them in full


@dataclass(frozen=True)
class Chart:
    """One drawn chart: its file stem, the catalogue key of its caption, and the PNG."""

    name: str
    caption_key: str
    png: bytes


Text = Callable[..., str]


def _limit(run: RunFiles, metric: str) -> float | None:
    return next(
        (lim["threshold"] for lim in run.summary["limits"] if lim["metric"] == metric), None
    )


def _clock_axis(axis: Any, minutes: np.ndarray) -> None:
    """Label the x axis with whole hours (every second hour on a long day)."""
    hours = (minutes[-1] - minutes[0]) / 60 if minutes.size else 0
    axis.xaxis.set_major_locator(MultipleLocator(60 if hours <= 8 else 120))
    axis.xaxis.set_major_formatter(FuncFormatter(lambda minute, _pos: format_clock(minute)))


def _band(axis: Any, x: np.ndarray, table: dict, stem: str, unit: str, text: Text, **kw) -> None:
    """Draw the mean of ``stem`` with its P10–P90 band."""
    mean, low, high = (table[f"{stem}_{part}{unit}"] for part in ("mean", "p10", "p90"))
    axis.fill_between(x, low, high, alpha=BAND_ALPHA, label=text("chart.band"), linewidth=0, **kw)
    axis.plot(x, mean, label=text("chart.mean"), linewidth=1.4, **kw)


def _incident_periods(run: RunFiles) -> list[tuple[str, float, float | None]]:
    """Return (kind, median start, median end or None) of each incident kind that happened."""
    starts: dict[str, list[float]] = defaultdict(list)
    ends: dict[str, list[float]] = defaultdict(list)
    kinds = {incident["kind"] for incident in run.summary["scenario"]["incidents"]}
    seen: set[tuple[int, str]] = set()
    for event in run.events:
        if event.kind != "incident":
            continue
        kind = event.name.removesuffix("_end")
        if kind not in kinds or (event.replication, event.name) in seen:
            continue
        seen.add((event.replication, event.name))  # the first of each per day
        (ends if event.name.endswith("_end") else starts)[kind].append(event.time_min)
    return [
        (
            kind,
            statistics.median(starts[kind]),
            statistics.median(ends[kind]) if ends[kind] else None,
        )
        for kind in sorted(starts, key=lambda kind: statistics.median(starts[kind]))
    ]


def _mark_incidents(axes: list[Any], run: RunFiles, text: Text) -> None:
    for kind, start, end in _incident_periods(run):
        label = text("chart.incident", kind=text(f"kind.{kind}"))
        for index, axis in enumerate(axes):
            shown = label if index == 0 else None
            if end is None or end <= start:
                axis.axvline(start, color=INCIDENT_COLOUR, linestyle="--", label=shown)
            else:
                axis.axvspan(start, end, color=INCIDENT_COLOUR, alpha=0.12, label=shown)


def _mark_actions(axis: Any, run: RunFiles, text: Text) -> None:
    """Put a marker along the top of ``axis`` at every playbook action, on every day."""
    times: dict[str, list[float]] = defaultdict(list)
    for event in run.events:
        if event.name in ACTION_LABELS and event.kind in ("action", "emergency_call", "escalation"):
            times[event.name].append(event.time_min)
    for marker, name in zip(ACTION_MARKERS, sorted(times), strict=False):
        axis.plot(
            times[name],
            np.full(len(times[name]), 0.96),
            marker=marker,
            linestyle="none",
            markersize=5,
            alpha=0.5,
            transform=axis.get_xaxis_transform(),  # x in minutes, y in axis height
            label=text("chart.action", action=text(f"action.{name}"), count=len(times[name])),
        )


def queue_chart(run: RunFiles, text: Text) -> Figure:
    """Queue length and in-hall density over the day, with bands, incidents and actions."""
    table = read_columns(run.path / "timeseries.csv")
    minutes = table["minute"] + parse_clock(run.summary["scenario"]["hours"]["open"])
    figure = Figure(figsize=(8.3, 5.6), layout="constrained")
    queue, density = figure.subplots(2, 1, sharex=True)
    _band(queue, minutes, table, "queue", "", text, color="#1f77b4")
    _band(density, minutes, table, "density", "_per_m2", text, color="#9467bd")
    threshold = _limit(run, "peak_density_per_m2")
    if threshold is not None:
        density.axhline(
            threshold, color="black", linestyle=":", label=text("chart.limit", value=threshold)
        )
    _mark_incidents([queue, density], run, text)
    _mark_actions(queue, run, text)
    queue.set_ylabel(text("chart.queue_axis"))
    density.set_ylabel(text("chart.density_axis"))
    density.set_xlabel(text("chart.time"))
    queue.set_ylim(bottom=0, top=max(1.0, float(np.nanmax(table["queue_p90"]))) * 1.15)
    density.set_ylim(bottom=0)
    _clock_axis(density, minutes)
    queue.legend(fontsize=7, loc="upper left", ncol=2)
    density.legend(fontsize=7, loc="upper left")
    figure.suptitle(
        text("chart.queue_title")
        + " · "
        + text("chart.days_note", days=run.summary["replications"])
    )
    return figure


def waits_chart(run: RunFiles, text: Text) -> Figure:
    """Histogram of each day's 90th-percentile wait, with the limit line."""
    waits = read_columns(run.path / "replications.csv")["wait_p90_min"]
    waits = waits[~np.isnan(waits)]
    figure = Figure(figsize=(8.3, 3.8), layout="constrained")
    axis = figure.subplots()
    bins = int(np.clip(np.sqrt(max(waits.size, 1)) * 2, 5, 40))
    axis.hist(waits, bins=bins, color="#1f77b4", alpha=0.8, edgecolor="white")
    threshold = _limit(run, "wait_p90_min")
    if threshold is not None:
        axis.axvline(
            threshold,
            color=INCIDENT_COLOUR,
            linewidth=2,
            label=text("chart.limit", value=threshold),
        )
        axis.legend(fontsize=8)
    axis.set_xlabel(text("chart.waits_axis"))
    axis.set_ylabel(text("chart.days_axis"))
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_xlim(left=0)
    figure.suptitle(text("chart.waits_title") + " · " + text("chart.days_note", days=waits.size))
    return figure


def counters_chart(run: RunFiles, text: Text) -> Figure:
    """Counters open over the day: mean and P10–P90 band."""
    table = read_columns(run.path / "timeseries.csv")
    minutes = table["minute"] + parse_clock(run.summary["scenario"]["hours"]["open"])
    figure = Figure(figsize=(8.3, 3.4), layout="constrained")
    axis = figure.subplots()
    _band(axis, minutes, table, "counters", "", text, color="#2ca02c")
    _mark_incidents([axis], run, text)
    axis.set_ylabel(text("chart.counters_axis"))
    axis.set_xlabel(text("chart.time"))
    axis.set_ylim(bottom=0, top=float(np.nanmax(table["counters_p90"])) + 1)
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    _clock_axis(axis, minutes)
    axis.legend(fontsize=7, loc="lower left")
    figure.suptitle(text("chart.counters_title"))
    return figure


def evacuation_chart(run: RunFiles, text: Text) -> Figure | None:
    """People still inside against seconds since the incident; None if nobody evacuated."""
    evacuation = run.summary.get("evacuation")
    if not evacuation or not evacuation.get("days"):
        return None
    table = read_columns(run.path / "evacuation.csv")
    seconds = table["seconds_since_incident"]
    # Show the curve until the slowest decile is out, not the empty hour after it.
    still_inside = np.nonzero(table["inside_p90"] > 0)[0]
    last = (
        seconds[min(still_inside[-1] + 6, seconds.size - 1)] if still_inside.size else seconds[-1]
    )
    figure = Figure(figsize=(8.3, 3.8), layout="constrained")
    axis = figure.subplots()
    axis.fill_between(
        seconds,
        table["inside_p10"],
        table["inside_p90"],
        alpha=BAND_ALPHA,
        color="#d62728",
        linewidth=0,
        label=text("chart.band"),
    )
    axis.plot(seconds, table["inside_p50"], color="#d62728", label=text("chart.median"))
    threshold = _limit(run, "evacuation_s")
    if threshold is not None:
        axis.axvline(
            threshold, color="black", linestyle=":", label=text("chart.limit", value=threshold)
        )
        last = max(last, threshold * 1.05)
    axis.set_xlim(0, last)
    axis.set_ylim(bottom=0)
    axis.set_xlabel(text("chart.evacuation_x"))
    axis.set_ylabel(text("chart.evacuation_y"))
    axis.legend(fontsize=8)
    figure.suptitle(
        text("chart.evacuation_title")
        + " · "
        + text("chart.evacuation_note", days=evacuation["days"])
    )
    return figure


def scorecard_chart(run: RunFiles, text: Text, lang: str) -> Figure | None:
    """One coloured row per objective and limit, with its rating letter; None if none is rated."""
    rows = [
        (item["name"], item["rating"])
        for item in [*objective_rows(run.summary, lang), *limit_rows(run.summary, lang)]
    ]
    if not rows:
        return None
    figure = Figure(figsize=(8.3, 0.9 + 0.34 * len(rows)), layout="constrained")
    axis = figure.subplots()
    for index, (name, rating) in enumerate(rows):
        y = len(rows) - 1 - index
        axis.barh(y, 1, left=0, color=RATING_COLOURS.get(rating, RATING_COLOURS[None]), height=0.8)
        axis.text(0.5, y, rating or "—", ha="center", va="center", fontweight="bold", color="white")
        short = (
            name if len(name) <= SCORECARD_NAME_CHARS else name[: SCORECARD_NAME_CHARS - 1] + "…"
        )
        axis.text(1.15, y, short, ha="left", va="center", fontsize=9)
    axis.set_xlim(0, 12)
    axis.set_ylim(-0.6, len(rows) - 0.4)
    axis.axis("off")
    figure.suptitle(text("chart.scorecard_title"))
    figure.supxlabel(text("chart.scorecard_legend"), fontsize=8)
    return figure


def comparison_chart(run: RunFiles, text: Text, lang: str) -> Figure | None:
    """Paired difference of the ranking metric, variant by variant, with 95 % error bars."""
    data = run.comparison
    if not data or len(data["arms"]) < 2:
        return None
    by = data["by"]
    variants = [arm for arm in data["arms"] if arm["differences"] is not None]
    figure = Figure(figsize=(8.3, 1.4 + 0.45 * len(variants)), layout="constrained")
    axis = figure.subplots()
    for y, arm in enumerate(reversed(variants)):
        change = arm["differences"][by]
        if change["mean"] is None:
            continue
        low = change["mean"] - (
            change["ci_low"] if change["ci_low"] is not None else change["mean"]
        )
        high = (change["ci_high"] if change["ci_high"] is not None else change["mean"]) - change[
            "mean"
        ]
        colour = "#1f77b4" if change["significant"] else "#9a9a9a"
        axis.errorbar(
            change["mean"], y, xerr=[[low], [high]], fmt="o", color=colour, capsize=4, markersize=6
        )
    axis.axvline(0, color="black", linewidth=0.8)
    axis.set_yticks(range(len(variants)), [arm["name"] for arm in reversed(variants)])
    axis.set_ylim(-0.6, len(variants) - 0.4)
    axis.set_xlabel(text("chart.comparison_axis", metric=metric_name(by, lang)))
    handles = [
        axis.plot([], [], "o", color=colour, label=text(key))[0]
        for colour, key in (("#1f77b4", "chart.significant"), ("#9a9a9a", "chart.not_significant"))
    ]
    axis.legend(handles=handles, fontsize=8, loc="best")
    figure.suptitle(text("chart.comparison_title"))
    return figure


def draw_charts(run: RunFiles, language: ChartLanguage) -> list[Chart]:
    """Return the run's charts as PNG bytes, labelled in ``language``.

    The evacuation curve is left out when nobody evacuated, the scorecard when nothing was rated,
    the comparison unless ``drill compare`` wrote the run.
    """
    lang = language.lang

    def text(key: str, **args: Any) -> str:
        return render(key, lang, **args)

    # Text objects take their font when they are made, so the whole drawing runs inside the
    # context; rc_context restores matplotlib's settings afterwards, whatever happens.
    style = {
        # A list of families (not "sans-serif") turns on matplotlib's per-glyph fallback.
        "font.family": list(language.fonts),
        "axes.unicode_minus": False,  # CJK fonts often lack U+2212
    }
    makers = (
        ("queue", lambda: queue_chart(run, text)),
        ("waits", lambda: waits_chart(run, text)),
        ("counters", lambda: counters_chart(run, text)),
        ("evacuation", lambda: evacuation_chart(run, text)),
        ("scorecard", lambda: scorecard_chart(run, text, lang)),
        ("comparison", lambda: comparison_chart(run, text, lang)),
    )
    charts = []
    with mpl.rc_context(style):
        for name, make in makers:
            figure = make()
            if figure is None:
                continue
            buffer = io.BytesIO()
            # No Software/date metadata: the same run draws the same bytes.
            figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
            charts.append(Chart(name, f"figure.{name}", buffer.getvalue()))
    return charts

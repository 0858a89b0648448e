"""Pieces every chart uses: clock axes, P10–P90 bands, incident shading, action markers.

The chart modules (:mod:`.day_charts`, :mod:`.plan_charts`) draw on bare matplotlib ``Figure``
objects; these helpers keep their look consistent (legends outside the plot, one colour per
incident kind) and read what they need from the run directory.
"""

import io
import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np
from matplotlib.ticker import FuncFormatter, MultipleLocator

from simulator.engine.events import Event, EventKind
from simulator.i18n.scoring import ACTION_LABELS
from simulator.model.clock import format_clock
from simulator.rundir.reader import RunFiles
from simulator.rundir.schema import timeseries_column

BAND_ALPHA = 0.25
INCIDENT_COLOUR = "#d62728"
# One colour per incident kind, so overlapping incidents (an outage in a surge) stay apart.
INCIDENT_COLOURS = ("#d62728", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")
# What an incident's own procedure does, marked on the queue chart beside playbook actions.
EMERGENCY_ACTIONS = ("evacuation_alarm", "power_cut", "evacuation_complete", "call_emergency")
ACTION_MARKERS = ("v", "^", "s", "D", "o", "P", "X", "*")

Text = Callable[..., str]
Author = Callable[[str, str], str]
# Characters DejaVu Sans draws (Latin, Greek, Cyrillic, punctuation, arrows, maths).
NOT_LATIN = re.compile(r"[^\u0000-\u052F\u2000-\u22FF]+")


def chart_style(fonts: tuple[str, ...]) -> dict[str, Any]:
    """Return the matplotlib settings every chart is drawn under, with ``fonts`` to draw in."""
    return {
        # A list of families (not "sans-serif") turns on matplotlib's per-glyph fallback.
        "font.family": list(fonts),
        "axes.unicode_minus": False,  # CJK fonts often lack U+2212
    }


def png_bytes(figure: Any, dpi: int) -> bytes:
    """Return ``figure`` as PNG bytes, without Software/date metadata: the same draws the same."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def latin_only(text: str, fallback: str) -> str:
    """Return ``text`` without characters a Latin font lacks, or ``fallback`` if nothing is left."""
    kept = re.sub(r"\(\s*\)|^[\s:;,.·—-]+", "", NOT_LATIN.sub("", text)).strip()
    return kept if re.search(r"\w", kept) else fallback


def limit_of(run: RunFiles, metric: str) -> float | None:
    """Return the threshold of the limit on ``metric``, or None if the scenario sets none."""
    return next(
        (lim["threshold"] for lim in run.summary["limits"] if lim["metric"] == metric), None
    )


def clock_axis(axis: Any, minutes: np.ndarray) -> None:
    """Label the x axis with whole hours (every second hour on a long day)."""
    hours = (minutes[-1] - minutes[0]) / 60 if minutes.size else 0
    axis.xaxis.set_major_locator(MultipleLocator(60 if hours <= 8 else 120))
    axis.xaxis.set_major_formatter(FuncFormatter(lambda minute, _pos: format_clock(minute)))


def band(axis: Any, x: np.ndarray, table: dict, quantity: str, text: Text, **kw) -> None:
    """Draw the mean of ``quantity`` (a timeseries.csv quantity) with its P10–P90 band."""
    mean, low, high = (table[timeseries_column(quantity, part)] for part in ("mean", "p10", "p90"))
    axis.fill_between(x, low, high, alpha=BAND_ALPHA, label=text("chart.band"), linewidth=0, **kw)
    axis.plot(x, mean, label=text("chart.mean"), linewidth=1.4, **kw)


def incident_periods(run: RunFiles) -> list[tuple[str, float, float | None]]:
    """Return (kind, median start, median end or None) of every incident that happened.

    Each incident of the scenario is followed by its own index, so two of one kind (a morning
    and an afternoon surge) are shaded apart.
    """
    incidents = run.summary["scenario"]["incidents"]
    starts: dict[int, list[float]] = defaultdict(list)
    ends: dict[int, list[float]] = defaultdict(list)
    for _day, event in run.events:
        if event.incident is None:
            continue
        if event.kind is EventKind.INCIDENT:
            starts[event.incident].append(event.time)
        elif event.kind is EventKind.INCIDENT_END:
            ends[event.incident].append(event.time)
    periods = [
        (
            incidents[index]["kind"],
            statistics.median(times),
            statistics.median(ends[index]) if ends[index] else None,
        )
        for index, times in starts.items()
    ]
    return sorted(periods, key=lambda period: period[1])


def mark_incidents(axes: list[Any], run: RunFiles, text: Text) -> None:
    """Shade each incident's median period (a line when it has no end) on every axis."""
    colours: dict[str, str] = {}
    for kind, start, end in incident_periods(run):
        first = kind not in colours
        colour = colours.setdefault(kind, INCIDENT_COLOURS[len(colours) % len(INCIDENT_COLOURS)])
        label = text("chart.incident", kind=text(f"kind.{kind}")) if first else None
        for index, axis in enumerate(axes):
            shown = label if index == 0 else None
            if end is None or end <= start:
                axis.axvline(start, color=colour, linestyle="--", label=shown)
            else:
                axis.axvspan(start, end, color=colour, alpha=0.12, label=shown)


def _marked(event: Event) -> bool:
    """Return whether ``event`` is an action the queue chart marks: one that was carried out."""
    if event.kind is EventKind.ACTION:
        return event.name in ACTION_LABELS and bool(event.result and event.result.carried_out)
    return event.kind is EventKind.PROCEDURE and event.name in EMERGENCY_ACTIONS


# Actions are counted in windows of this many minutes: one marker per action and window, its
# count beside it, so a hundred days' 10:00 call-ins are one marker "100", not a smear.
ACTION_WINDOW_MIN = 30
# Each action on a row of its own along the top of the plot (axis height), top row first.
ACTION_ROWS = (0.96, 0.90, 0.84, 0.78, 0.72, 0.66, 0.60, 0.54)


def action_windows(
    times: list[float], window_min: float = ACTION_WINDOW_MIN
) -> list[tuple[float, int]]:
    """Return (mean time, count) of ``times`` per ``window_min``-minute window, in time order."""
    windows: dict[int, list[float]] = defaultdict(list)
    for time in times:
        windows[int(time // window_min)].append(time)
    return [(statistics.fmean(windows[key]), len(windows[key])) for key in sorted(windows)]


def mark_actions(axis: Any, run: RunFiles, text: Text) -> None:
    """Mark along the top of ``axis`` how often each action was taken, window by window.

    Every day's actions are pooled: a marker sits at the mean time of one action's firings in
    a window, sized by how many there were, with the count written beside it when above one.
    """
    times: dict[str, list[float]] = defaultdict(list)
    for _day, event in run.events:
        if _marked(event):
            times[event.name].append(event.time)
    if not times:
        return
    names = sorted(times)
    rows = [ACTION_ROWS[index % len(ACTION_ROWS)] for index in range(len(names))]
    # Room above the data for the rows: the highest value stays below the lowest row.
    bottom, top = axis.get_ylim()
    axis.set_ylim(bottom, bottom + (top - bottom) / (min(rows) - 0.04))
    for marker, name, row in zip(itertools.cycle(ACTION_MARKERS), names, rows):
        key = f"action.{name}" if name in ACTION_LABELS else f"event.{name}"
        windows = action_windows(times[name])
        most = max(count for _time, count in windows)
        # x in minutes, y in axis height: the rows stay at the top whatever the data's scale.
        placed = axis.get_xaxis_transform()
        axis.scatter(
            [time for time, _count in windows],
            np.full(len(windows), row),
            s=[14 + 40 * count / most for _time, count in windows],
            marker=marker,
            alpha=0.7,
            transform=placed,
            label=text("chart.action", action=text(key), count=len(times[name])),
            zorder=3,
        )
        for time, count in windows:
            if count > 1:
                axis.annotate(
                    str(count),
                    (time, row),
                    xycoords=placed,
                    xytext=(4, -1),
                    textcoords="offset points",
                    fontsize=6,
                    va="center",
                )


def legend_outside(axis: Any) -> None:
    """Put the legend right of the plot, where it hides neither data nor markers."""
    axis.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)

"""Charts of the simulated day: queue and density, daily P90 waits, counters, evacuation."""

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from simulator.model.clock import parse_clock
from simulator.report.chart_parts import (
    BAND_ALPHA,
    INCIDENT_COLOUR,
    Text,
    band,
    clock_axis,
    legend_outside,
    limit_of,
    mark_actions,
    mark_incidents,
)
from simulator.rundir.reader import (
    RunFiles,
    read_evacuation_curve,
    read_replications,
    read_timeseries,
)
from simulator.rundir.schema import (
    INSIDE_P10,
    INSIDE_P50,
    INSIDE_P90,
    SECONDS_SINCE_INCIDENT,
    timeseries_column,
)


def queue_chart(run: RunFiles, text: Text) -> Figure:
    """Queue length and in-hall density over the day, with bands, incidents and actions."""
    table = read_timeseries(run)
    minutes = table["minute"] + parse_clock(run.summary["scenario"]["hours"]["open"])
    figure = Figure(figsize=(8.3, 5.6), layout="constrained")
    queue, density = figure.subplots(2, 1, sharex=True)
    band(queue, minutes, table, "queue", text, color="#1f77b4")
    band(density, minutes, table, "density", text, color="#9467bd")
    density_top = max(0.05, float(np.nanmax(table[timeseries_column("density", "p90")]))) * 1.25
    threshold = limit_of(run, "peak_density_per_m2")
    if threshold is not None and threshold <= density_top * 2:
        density.axhline(
            threshold, color="black", linestyle=":", label=text("chart.limit", value=threshold)
        )
        density_top = max(density_top, threshold * 1.1)
    elif threshold is not None:
        # A limit far above the data would squash the curve into the bottom of the panel.
        density.text(
            0.99,
            0.93,
            text("chart.limit_off_scale", value=threshold),
            fontsize=7,
            ha="right",
            va="top",
            transform=density.transAxes,
        )
    mark_incidents([queue, density], run, text)
    queue.set_ylabel(text("chart.queue_axis"))
    density.set_ylabel(text("chart.density_axis"))
    density.set_xlabel(text("chart.time"))
    queue.set_ylim(
        bottom=0, top=max(1.0, float(np.nanmax(table[timeseries_column("queue", "p90")]))) * 1.15
    )
    mark_actions(queue, run, text)  # after the scale is set: it makes room above the data
    density.set_ylim(0, density_top)
    clock_axis(density, minutes)
    legend_outside(queue)
    legend_outside(density)
    figure.suptitle(
        text("chart.queue_title")
        + " · "
        + text("chart.days_note", days=run.summary["replications"])
    )
    return figure


def waits_chart(run: RunFiles, text: Text) -> Figure:
    """Histogram of each day's 90th-percentile wait, with the limit line."""
    waits = read_replications(run)["wait_p90_min"]
    days = waits.size
    waits = waits[~np.isnan(waits)]
    figure = Figure(figsize=(8.3, 3.8), layout="constrained")
    axis = figure.subplots()
    bins = int(np.clip(np.sqrt(max(waits.size, 1)) * 2, 5, 40))
    axis.hist(waits, bins=bins, color="#1f77b4", alpha=0.8, edgecolor="white")
    threshold = limit_of(run, "wait_p90_min")
    if threshold is not None:
        axis.axvline(
            threshold,
            color=INCIDENT_COLOUR,
            linewidth=2,
            label=text("chart.limit", value=threshold),
        )
        legend_outside(axis)
    axis.set_xlabel(text("chart.waits_axis"))
    axis.set_ylabel(text("chart.days_axis"))
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_xlim(left=0)
    title = text("chart.waits_title") + " · " + text("chart.days_note", days=days)
    if waits.size < days:  # days when nobody was served have no P90 wait to plot
        title += " · " + text("chart.waits_empty", count=days - waits.size)
    figure.suptitle(title)
    return figure


def counters_chart(run: RunFiles, text: Text) -> Figure:
    """Counters open over the day: mean and P10–P90 band."""
    table = read_timeseries(run)
    minutes = table["minute"] + parse_clock(run.summary["scenario"]["hours"]["open"])
    figure = Figure(figsize=(8.3, 3.4), layout="constrained")
    axis = figure.subplots()
    band(axis, minutes, table, "counters", text, color="#2ca02c")
    mark_incidents([axis], run, text)
    axis.set_ylabel(text("chart.counters_axis"))
    axis.set_xlabel(text("chart.time"))
    axis.set_ylim(bottom=0, top=float(np.nanmax(table[timeseries_column("counters", "p90")])) + 1)
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    clock_axis(axis, minutes)
    legend_outside(axis)
    figure.suptitle(text("chart.counters_title"))
    return figure


def evacuation_chart(run: RunFiles, text: Text) -> Figure | None:
    """People still inside against seconds since the incident; None if nobody evacuated."""
    evacuation = run.summary.get("evacuation")
    if not evacuation or not evacuation.get("days"):
        return None
    table = read_evacuation_curve(run)
    seconds = table[SECONDS_SINCE_INCIDENT]
    # Show the curve until the slowest decile is out, not the empty hour after it.
    still_inside = np.nonzero(table[INSIDE_P90] > 0)[0]
    last = (
        seconds[min(still_inside[-1] + 6, seconds.size - 1)] if still_inside.size else seconds[-1]
    )
    figure = Figure(figsize=(8.3, 3.8), layout="constrained")
    axis = figure.subplots()
    axis.fill_between(
        seconds,
        table[INSIDE_P10],
        table[INSIDE_P90],
        alpha=BAND_ALPHA,
        color="#d62728",
        linewidth=0,
        label=text("chart.band"),
    )
    axis.plot(seconds, table[INSIDE_P50], color="#d62728", label=text("chart.median"))
    threshold = limit_of(run, "evacuation_s")
    if threshold is not None:
        axis.axvline(
            threshold, color="black", linestyle=":", label=text("chart.limit", value=threshold)
        )
        last = max(last, threshold * 1.05)
    axis.set_xlim(0, last)
    axis.set_ylim(bottom=0)
    axis.set_xlabel(text("chart.evacuation_x"))
    axis.set_ylabel(text("chart.evacuation_y"))
    legend_outside(axis)
    figure.suptitle(
        text("chart.evacuation_title")
        + " · "
        + text("chart.evacuation_note", days=evacuation["days"])
    )
    return figure

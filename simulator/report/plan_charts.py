"""Charts of the plan: the ratings scorecard, the comparison of variants, staffing by block."""

import numpy as np
from matplotlib.figure import Figure

from simulator.model.clock import format_clock, parse_clock
from simulator.report.chart_parts import Author, Text
from simulator.report.observed_section import observed_section
from simulator.report.rated import limit_rows, metric_name, objective_rows, target_text
from simulator.rundir.reader import RunFiles
from simulator.rundir.schema import ArmEntry, block_plans

RATING_COLOURS = {"P": "#2ca02c", "S": "#bcbd22", "M": "#ff7f0e", "U": "#d62728", None: "#c7c7c7"}
SCORECARD_NAME_CHARS = 46  # longer objective names are cut, the brief has them in full


def scorecard_chart(run: RunFiles, text: Text, lang: str, author: Author) -> Figure | None:
    """One coloured row per objective and limit, with its rating letter; None if none is rated.

    A drill's (``drill score``, ``drill play``) is drawn by :func:`drill_scorecard_chart`
    instead: its verdict comes from the log, and a card of simulated ratings beside it would
    contradict it.
    """
    if run.drill is not None and "clauses" in run.drill:
        return None
    rows = [
        (author(item["name"], text("brief.rating")), item["rating"])
        for item in [*objective_rows(run.summary, lang), *limit_rows(run.summary, lang)]
    ]
    return _scorecard(rows, text("chart.scorecard_title"), text)


def drill_scorecard_chart(run: RunFiles, text: Text, lang: str, author: Author) -> Figure | None:
    """One coloured row per clause rated from the drill's log (and per measured outcome)."""
    observed = observed_section(run.drill, lang)
    if observed is None:
        return None
    rows = [
        (author(item["name"], text("brief.rating")), item["rating"]) for item in observed["rated"]
    ]
    return _scorecard(rows, text("observed.title"), text)


def _scorecard(rows: list[tuple[str, str | None]], title: str, text: Text) -> Figure | None:
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
    figure.suptitle(title)
    figure.supxlabel(text("chart.scorecard_legend"), fontsize=8)
    return figure


BREAKS = "#d62728"  # a plan that breaks a limit the base holds


def comparison_chart(run: RunFiles, text: Text, lang: str, author: Author) -> Figure | None:
    """Paired difference of the ranking metric, variant by variant, with 95 % error bars."""
    data = run.comparison
    if not data or len(data["arms"]) < 2:
        return None
    by = data["by"]
    variants = [
        (arm["name"], arm["differences"]) for arm in data["arms"] if arm["differences"] is not None
    ]
    breaking = {arm["name"] for arm in data["arms"] if arm["breaks"]}
    figure = Figure(figsize=(8.3, 1.4 + 0.45 * len(variants)), layout="constrained")
    axis = figure.subplots()
    for y, (name, differences) in enumerate(reversed(variants)):
        change = differences[by]
        if change["mean"] is None:
            continue
        low = change["mean"] - (
            change["ci_low"] if change["ci_low"] is not None else change["mean"]
        )
        high = (change["ci_high"] if change["ci_high"] is not None else change["mean"]) - change[
            "mean"
        ]
        colour = "#1f77b4" if change["significant"] else "#9a9a9a"
        if name in breaking:  # it breaks a limit the base holds, whatever it gains here
            colour = BREAKS
        axis.errorbar(
            change["mean"], y, xerr=[[low], [high]], fmt="o", color=colour, capsize=4, markersize=6
        )
    axis.axvline(0, color="black", linewidth=0.8)
    names = [
        author(name, text("chart.plan", number=number))
        for number, (name, _differences) in enumerate(variants, start=1)
    ]
    axis.set_yticks(range(len(variants)), names[::-1])
    for label, (name, _differences) in zip(axis.get_yticklabels(), variants[::-1], strict=True):
        if name in breaking:
            label.set_color(BREAKS)
    axis.set_ylim(-0.6, len(variants) - 0.4)
    axis.set_xlabel(text("chart.comparison_axis", metric=metric_name(by, lang)))
    keys = [("#1f77b4", "chart.significant"), ("#9a9a9a", "chart.not_significant")]
    if breaking:
        keys.append((BREAKS, "chart.breaks_limit"))
    handles = [axis.plot([], [], "o", color=colour, label=text(key))[0] for colour, key in keys]
    axis.legend(handles=handles, fontsize=8, loc="best")
    figure.suptitle(text("chart.comparison_title"))
    return figure


def pareto_front(points: list[tuple[float, float]]) -> list[int]:
    """Return the indices of the points no other point beats on both (lower is better), by cost.

    A plan is on the front when no other costs no more and does at least as well, being
    strictly better on one of the two.
    """
    front = []
    for index, (cost, effect) in enumerate(points):
        dominated = any(
            other_cost <= cost
            and other_effect <= effect
            and (other_cost, other_effect) != (cost, effect)
            for other_cost, other_effect in points
        )
        if not dominated:
            front.append(index)
    return sorted(front, key=lambda index: points[index])


def cost_effect_chart(run: RunFiles, text: Text, lang: str, author: Author) -> Figure | None:
    """Each plan's cost against its effect, with 95 % intervals, and the front of the best buys.

    Cost is the staff cost (staff-hours without rates); the effect is the 90th-percentile wait
    (RSET for a scenario that evacuates). A plan that breaks a limit the base holds is red.
    """
    data = run.comparison
    if not data or len(data["arms"]) < 2:
        return None
    arms = data["arms"]
    priced = all(arm["metrics"]["staff_cost"]["mean"] is not None for arm in arms)
    cost = "staff_cost" if priced else "staff_hours"
    effect = "evacuation_s" if data["rule"] == "limits_then_rset" else "wait_p90_min"
    plotted: list[tuple[ArmEntry, float, float]] = []
    for arm in arms:
        x, y = arm["metrics"][cost]["mean"], arm["metrics"][effect]["mean"]
        if x is not None and y is not None:
            plotted.append((arm, x, y))
    if len(plotted) < 2:
        return None
    figure = Figure(figsize=(8.3, 4.6), layout="constrained")
    axis = figure.subplots()
    points = [(x, y) for _, x, y in plotted]
    front = pareto_front(points)
    axis.plot(
        [points[index][0] for index in front],
        [points[index][1] for index in front],
        color="#2ca02c",
        linestyle="--",
        # A ring round each plan on the front: a front of one plan draws no line.
        marker="o",
        markersize=13,
        markerfacecolor="none",
        label=text("chart.pareto"),
    )
    for number, (arm, x, y) in enumerate(plotted):
        x_estimate, y_estimate = arm["metrics"][cost], arm["metrics"][effect]
        x_error = [[x - (x_estimate["ci_low"] or x)], [(x_estimate["ci_high"] or x) - x]]
        y_error = [[y - (y_estimate["ci_low"] or y)], [(y_estimate["ci_high"] or y) - y]]
        base = arm["differences"] is None
        colour = BREAKS if arm["breaks"] else ("#000000" if base else "#1f77b4")
        axis.errorbar(x, y, xerr=x_error, yerr=y_error, fmt="o", color=colour, capsize=3)
        fallback = text("chart.plan", number=number)
        name = text("chart.base") if base else author(arm["name"], fallback)
        axis.annotate(
            name, (x, y), textcoords="offset points", xytext=(6, 6), fontsize=8, color=colour
        )
    axis.set_xlabel(metric_name(cost, lang))
    axis.set_ylabel(metric_name(effect, lang))
    axis.legend(fontsize=8, loc="best")
    figure.suptitle(text("chart.cost_effect_title"))
    return figure


def staffing_chart(run: RunFiles, text: Text, lang: str) -> Figure | None:
    """Counters per block (now, Erlang, found) as steps over the arrivals per hour."""
    data = run.staffing
    if not data:
        return None
    blocks = data["blocks"]
    edges = np.array([parse_clock(b["from"]) for b in blocks] + [parse_clock(blocks[-1]["until"])])
    figure = Figure(figsize=(8.3, 4.2), layout="constrained")
    demand = figure.subplots()
    counters = demand.twinx()
    widths = np.diff(edges)
    demand.bar(
        edges[:-1],
        [b["arrivals_per_hour"] for b in blocks],
        width=widths,
        align="edge",
        color="#c6dbef",
        label=text("chart.staffing_demand"),
    )
    for plan, colour, style, label in (
        ("given", "#7f7f7f", ":", "chart.staffing_given"),
        ("erlang", "#ff7f0e", "--", "chart.staffing_erlang"),
        ("found", "#1f77b4", "-", "chart.staffing_found"),
    ):
        values = [block_plans(b)[plan][0] for b in blocks]
        counters.stairs(
            values,
            edges,
            baseline=None,
            color=colour,
            linestyle=style,
            linewidth=2,
            label=text(label),
        )
    missed = [b for b in blocks if b["block"] in data["unreachable"]]
    if missed:
        centres = [(parse_clock(b["from"]) + parse_clock(b["until"])) / 2 for b in missed]
        counters.plot(
            centres,
            [b["counters"] for b in missed],
            "x",
            color="#d62728",
            markersize=9,
            label=text("chart.staffing_unreachable"),
        )
    counters.set_ylim(
        0,
        max(max(b[k] for b in blocks) for k in ("counters", "given_counters", "erlang_counters"))
        * 1.2,
    )
    demand.set_ylabel(text("chart.staffing_demand_axis"))
    counters.set_ylabel(text("chart.staffing_counters_axis"))
    demand.set_xlabel(text("chart.time"))
    hours = (edges[-1] - edges[0]) / 60
    step = 60 if hours <= 8 else 120
    ticks = np.arange(np.ceil(edges[0] / step) * step, edges[-1] + 1, step)
    demand.set_xticks(ticks, [format_clock(tick) for tick in ticks])
    handles = [*demand.get_legend_handles_labels()[0], *counters.get_legend_handles_labels()[0]]
    labels = [*demand.get_legend_handles_labels()[1], *counters.get_legend_handles_labels()[1]]
    counters.legend(handles, labels, fontsize=7, loc="upper left", bbox_to_anchor=(1.08, 1.0))
    figure.suptitle(
        text(
            "chart.staffing_title",
            targets=text("brief.list_separator").join(
                target_text(target, lang) for target in data["targets"]
            ),
            share=data["share"],
        ),
        fontsize=11,
    )
    return figure

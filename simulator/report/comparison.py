"""The table ``drill compare`` prints, from ``comparison.json``.

It reads the file's content (:class:`~simulator.rundir.schema.ComparisonFile`), the same the
brief's comparison section is written from.
"""

from simulator.i18n import render
from simulator.report.rated import service_waits
from simulator.report.text import display_width, pad_to, terminal_text
from simulator.rundir.schema import ComparisonFile, LimitEntry

# What the terminal table shows beside the ranking metric: the core, always ...
TABLE_METRICS = ("wait_mean_min", "wait_p90_min", "abandon_rate", "peak_queue", "utilization")
# ... then the side effects and the cost, where some plan had them (a row of zeros says nothing).
SIDE_METRICS = (
    "wait_p90_min_vip",
    "wait_p90_min_vulnerable",
    "wait_p90_min_regular",
    "wait_p90_min_quick",
    "wait_p90_min_other",
    "evacuation_day_share",
    "past_aset_day_share",
    "evacuation_s",
    "rset_exceeds_aset",
    "balk_rate",
    "redirect_rate",
    "callback_rate",
    "outside_peak",
    "left_outside_rate",
    "turned_away_rate",
    "counter_staff_hours",
    "floor_staff_hours",
    "reserve_called",
    "staff_cost",
)


# The side metrics the per-service waits are shown after (the waits of each class).
SERVICES_AFTER = frozenset(SIDE_METRICS[:5])


# What lacking each resource asks for (the terminal's English; the brief's is catalogued).
REMEDIES = {
    "reserve_exhausted": "more reserve staff (staff.reserve.count)",
    "no_free_counter": "every counter position was staffed: more positions (site.counters)",
    "no_guide": "a lobby guide on the floor (staff.guides)",
    "no_security": "a security guard at the door (staff.security)",
    "no_manager": "a manager free to report (staff.managers)",
    "last_regular_counter": "fewer fast lanes, or more counters",
    "neighbor_down": "another refuge: the neighbouring hall was down too",
    "neighbor_full": "another refuge: the neighbouring hall was full",
}


def shown_metrics(data: ComparisonFile) -> list[str]:
    """Return the metrics a comparison shows: the core, and the side effects some plan had."""
    seen = [
        metric
        for metric in SIDE_METRICS
        if any(arm["metrics"][metric]["mean"] for arm in data["arms"])
    ]
    if "wait_p90_min_quick" not in seen and "wait_p90_min_other" in seen:
        seen.remove("wait_p90_min_other")  # the rest of the business, only beside the quick
    # Each service's wait, after the classes': a plan can shorten one and lengthen another.
    services = service_waits(data["arms"][0]["metrics"])
    at = sum(metric in SERVICES_AFTER for metric in seen)
    return [*TABLE_METRICS, *seen[:at], *services, *seen[at:]]


def verdict_cell(limit: LimitEntry) -> str:
    """Return a limit's verdict on one plan: ``held 100%``, ``NOT 62%`` or ``—``."""
    if limit["held"] is None or limit["held_share"] is None:
        return "—"
    return f"{'held' if limit['held'] else 'NOT'} {limit['held_share']:.0%}"


def _format(value: float | None, metric: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    share = metric.endswith(("_rate", "_share")) or metric == "utilization"
    sign = "+" if signed else ""
    return f"{value:{sign}.1%}" if share else f"{value:{sign}.2f}"


def _cell_width(name: str) -> int:
    """Return the width of a plan's column: 18, or its name and two spaces if longer."""
    return max(18, display_width(name) + 2)


def comparison_table(data: ComparisonFile) -> str:
    """Return the plain-text table: arms ranked by the chosen metric, then paired differences."""
    by = data["by"]
    arms = sorted(data["arms"], key=lambda arm: arm["rank"])
    name_width = max(display_width(arm["name"]) for arm in arms) + 2
    order = f"{by} ({data['better']} is better)"
    if data["rule"] == "limits_then_cost":
        order = (
            f"limits held first, then {by} (lower is better; a change to the base that is not"
            " significant counts as none), then wait_p90_min"
        )
    elif data["rule"] == "limits_then_rset":
        order = (
            f"limits held first, then RSET > ASET on fewest days, then the paired change of {by}"
        )
    lines = [
        f"ranked by {order}; {data['replications']} days per plan, "
        + ("common random numbers" if data["common_random_numbers"] else "independent seeds"),
        "",
        pad_to("rank plan", name_width + 5) + f"{'mean':>9}  {'95% CI':<17}  Δ vs base (95% CI)",
    ]
    for arm in arms:
        estimate = arm["metrics"][by]
        interval = f"{_format(estimate['ci_low'], by)} – {_format(estimate['ci_high'], by)}"
        line = f"{arm['rank']:>4} " + pad_to(arm["name"], name_width)
        line += f"{_format(estimate['mean'], by):>9}  {interval:<17}  "
        if arm["differences"] is None:
            line += "(base)"
        else:
            difference = arm["differences"][by]
            line += (
                f"{_format(difference['mean'], by, signed=True)} "
                f"({_format(difference['ci_low'], by, signed=True)} – "
                f"{_format(difference['ci_high'], by, signed=True)})"
                + ("" if difference["significant"] else "  not significant")
            )
        if arm["breaks"]:
            held = "it" if len(arm["breaks"]) == 1 else "them"
            line += "  ⚠ breaks " + ", ".join(arm["breaks"]) + f" (the base holds {held})"
        lines.append(line)
    variants = [
        (arm["name"], arm["differences"]) for arm in data["arms"] if arm["differences"] is not None
    ]
    if variants:
        lines += [
            "",
            "paired difference to the base (n.s. = not significant at 95 %; * = still"
            f" significant after Holm's correction over the {data['comparisons']} testable"
            " comparisons other than the ranking metric's, which is judged by its own interval)",
        ]
        shown = shown_metrics(data)
        # Columns as wide as their longest entry: per-service metric names can be long.
        metric_width = max([24] + [display_width(metric) + 2 for metric in shown])
        lines.append(
            pad_to("metric", metric_width)
            + "".join(pad_to(name, _cell_width(name)) for name, _ in variants)
        )
        for metric in shown:
            cells = []
            for name, differences in variants:
                difference = differences[metric]
                text = _format(difference["mean"], metric, signed=True)
                mark = " *" if difference["significant_holm"] else ""
                cell = text + (mark if difference["significant"] else " n.s.")
                cells.append(pad_to(cell, _cell_width(name)))
            lines.append(pad_to(metric, metric_width) + "".join(cells))
    names = [arm["name"] for arm in data["arms"]]
    lines += ["", "limits: share of days each plan held them (needs ≥ the target share)"]
    labels = [
        f"{limit['name']} {'≤' if limit['direction'] == 'max' else '≥'} {limit['threshold']:g}"
        for limit in data["arms"][0]["limits"]
    ]
    label_width = max([28] + [display_width(label) + 2 for label in labels])
    lines.append(
        pad_to("limit", label_width) + "".join(pad_to(name, _cell_width(name)) for name in names)
    )
    for position, label in enumerate(labels):
        cells = [
            pad_to(verdict_cell(arm["limits"][position]), _cell_width(arm["name"]))
            for arm in data["arms"]
        ]
        lines.append(pad_to(label, label_width) + "".join(cells))
    unable = [(arm["name"], entry) for arm in data["arms"] for entry in arm["unable"]]
    if unable:
        lines += ["", "what the plans could not do, for want of a resource (over all days)"]
        for name, entry in unable:
            lines.append(
                f"  {name}: {render('action.' + entry['action'], 'en')}"
                f" short {entry['times']} times"
                f" ({entry['none']} did nothing): {entry['reason']}"
                f" — {REMEDIES.get(entry['reason'], 'see events.csv')}"
            )
    idle = [(arm["name"], rule) for arm in data["arms"] for rule in arm["idle_rules"]]
    if idle:
        lines += ["", f"rules of a variant's own that never fired in {data['replications']} days"]
        for name, rule in idle:
            lines.append(
                f"  {name}: rule {rule['rule']} ({render('action.' + rule['action'], 'en')}"
                f" when {rule['when_en']})"
                " never fired: this change did nothing"
            )
    if data["precision"] is not None:
        verdict = "reached" if data["precision_met"] else "NOT reached (replication cap)"
        lines += ["", f"precision ±{data['precision']:g} on Δ {by}: {verdict}"]
    # Names come from files anyone may have edited: no control character reaches the terminal.
    return terminal_text("\n".join(line.rstrip() for line in lines))

"""The short plain-text table ``drill run`` prints: key metrics, then each limit's verdict.

It is written from the run's ``summary.json`` (:class:`~simulator.rundir.schema.Summary`), the
same record the brief reads, so the terminal and the brief can never disagree.
"""

from collections.abc import Mapping
from typing import Any

from simulator.i18n import render
from simulator.metrics.day import split_service_metric
from simulator.metrics.evacuation import DENSITY_DANGER, DENSITY_WARNING
from simulator.report.rated import (
    SERVICES,
    limit_rows,
    metric_name,
    shown_metrics_of,
    summary_text,
)
from simulator.report.text import display_width, pad_to, terminal_text
from simulator.rundir.schema import Summary

# The metrics worth a glance on the terminal, with how to show them.
KEY_METRICS = (
    ("arrivals", "customers per day", "{:.0f}"),
    ("wait_mean_min", "mean wait (min)", "{:.1f}"),
    ("wait_p90_min", "90th-percentile wait (min)", "{:.1f}"),
    ("wait_p90_min_vip", "  VIP", "{:.1f}"),
    ("wait_p90_min_vulnerable", "  vulnerable", "{:.1f}"),
    ("wait_p90_min_regular", "  regular", "{:.1f}"),
    ("wait_p90_min_quick", "  quick services", "{:.1f}"),
    ("wait_p90_min_other", "  other business", "{:.1f}"),
    (SERVICES, "", "{:.1f}"),  # then each service's, when there are several
    ("served_within_limit_share", "served within wait limit", "{:.1%}"),
    ("abandon_rate", "gave up waiting", "{:.1%}"),
    ("balk_rate", "walked out at the door", "{:.1%}"),
    ("redirect_rate", "sent to a neighbouring hall", "{:.1%}"),
    ("callback_rate", "left a number for a call-back", "{:.1%}"),
    ("callbacks_returned", "call-backs who came again", "{:.1f}"),
    ("left_outside_rate", "left while held outside", "{:.1%}"),
    ("outside_peak", "most waiting outside", "{:.0f}"),
    ("turned_away_rate", "turned away (hall closed off)", "{:.1%}"),
    ("peak_queue", "peak queue", "{:.0f}"),
    ("peak_density_per_m2", "peak density (people/m²)", "{:.2f}"),
    ("utilization", "counter utilisation", "{:.1%}"),
    ("counter_staff_hours", "counter staff-hours", "{:.1f}"),
    ("floor_staff_hours", "guide and security staff-hours", "{:.1f}"),
    ("reserve_called", "reserve staff called in", "{:.1f}"),
    ("staff_cost", "staff cost (at the hourly rates)", "{:,.0f}"),
    ("entry_work_hours", "entering pre-accepted work (h)", "{:.1f}"),
    ("lost_customers", "lost customers (must be 0)", "{:.0f}"),
)


# Rows shown only when some day had them (a row of zeros on every day says nothing).
SHOWN_IF_SEEN = frozenset(
    {
        "wait_p90_min_vip",
        "wait_p90_min_vulnerable",
        "wait_p90_min_regular",
        "wait_p90_min_quick",
        "wait_p90_min_other",
        "callbacks_returned",
        "left_outside_rate",
        "outside_peak",
        "turned_away_rate",
        "entry_work_hours",
        "floor_staff_hours",
        "reserve_called",
        "staff_cost",
    }
)


def _show(template: str, value: float | None) -> str:
    return "—" if value is None else template.format(value)


# Counts of people and events, shown whole wherever a table shows a metric's value.
COUNTS = frozenset(
    {
        "arrivals",
        "peak_queue",
        "outside_peak",
        "lost_customers",
        "evacuated",
        "inside_at_responders",
    }
)


def metric_value(metric: str, value: float | None) -> str:
    """Return one value of ``metric`` as the terminal shows it: 97.7%, 37, 11.30, 824.8."""
    if value is None:
        return "—"
    if metric.endswith(("_rate", "_share")) or metric in ("utilization", "rset_exceeds_aset"):
        return f"{value:.1%}"
    if metric in COUNTS:
        return f"{value:.0f}"
    return f"{value:.1f}" if metric.endswith("_s") else f"{value:.2f}"


def _evacuation_lines(summary: Summary) -> list[str]:
    evacuation = summary["evacuation"]
    if evacuation is None:
        return []
    lines = [
        "",
        f"evacuation on {evacuation['days']} of {summary['replications']} days: everyone out "
        f"{evacuation['rset_p50_s']:.0f} s after the incident (median RSET), "
        f"{evacuation['rset_p95_s']:.0f} s (95th percentile)",
        f"  {evacuation['egress_p50_s']:.0f} s after the alarm (median), "
        f"{evacuation['egress_p95_s']:.0f} s (95th percentile)",
    ]
    share = evacuation["rset_exceeds_aset_share"]
    if evacuation["aset_days"] and share is not None:
        low = evacuation["rset_exceeds_aset_ci_low"] or 0.0
        high = evacuation["rset_exceeds_aset_ci_high"] or 0.0
        lines.append(f"  RSET > ASET on {share:.1%} of them (95% CI {low:.1%} – {high:.1%})")
    inside_mean = evacuation["inside_at_responders_mean"]
    if inside_mean is not None:
        inside_max = evacuation["inside_at_responders_max"] or 0.0
        lines.append(
            f"  still inside when responders arrived: mean {inside_mean:.1f}, "
            f"at most {inside_max:.0f}"
        )
    for crowding in evacuation["exits"]:
        if crowding["blocked_share"] == 1:
            lines.append(f"  exit {crowding['name']}: blocked")
            continue
        flags = ""
        if crowding["danger_share"]:
            flags = f"  DANGER ≥ {DENSITY_DANGER}/m² on {crowding['danger_share']:.0%} of days"
        elif crowding["warning_share"]:
            flags = f"  warning ≥ {DENSITY_WARNING}/m² on {crowding['warning_share']:.0%} of days"
        lines.append(
            f"  exit {crowding['name']}: peak density "
            f"{crowding['peak_density_mean_per_m2'] or 0.0:.2f}/m² mean, "
            f"{crowding['peak_density_p95_per_m2'] or 0.0:.2f} P95 "
            f"(Fruin {crowding['fruin_level_p95'] or ''}){flags}"
        )
    return lines


def run_table(summary: Summary, lang: str = "en") -> str:
    """Return the metric, limit and objective tables of a run as text, in ``lang``.

    English keeps the terse terminal labels; Chinese uses the catalogue's names, the same the
    brief uses, so no metric key reaches a Chinese reader.
    """
    if lang != "en":
        return _catalogue_table(summary, lang)
    return _english_table(summary)


def _metric_lines(
    metrics: Mapping[str, Any], labelled: list[tuple[str, str, str]], header: list[str]
) -> list[str]:
    """Return the metric rows (label, mean, 95 % interval) under ``header``."""
    # As wide as the longest label: a service's name can be long.
    width = max([30] + [display_width(label) + 1 for _, label, _ in labelled])
    lines = [f"{pad_to(header[0], width)} {header[1]:>9}   {header[2]}"]
    for name, label, template in labelled:
        shown = [_show(template, metrics[name][key]) for key in ("mean", "ci_low", "ci_high")]
        lines.append(f"{pad_to(label, width)} {shown[0]:>9}   {shown[1]} – {shown[2]}")
    return lines


def _catalogue_table(summary: Summary, lang: str) -> str:
    metrics = summary["metrics"]
    names = [metric for metric, _label, _template in KEY_METRICS]
    templates = {metric: template for metric, _label, template in KEY_METRICS}
    shown = shown_metrics_of(metrics, names, SHOWN_IF_SEEN)
    labelled = [
        (name, terminal_text(metric_name(name, lang)), templates.get(name, "{:.1f}"))
        for name in shown
    ]
    header = [render(f"table.col_{key}", lang) for key in ("metric", "mean", "ci")]
    lines = _metric_lines(metrics, labelled, header)
    lines += ["", render("table.limits", lang)]
    for row in limit_rows(summary, lang):
        lines.append(f"  {row['name']}：{row['held']}，{row['rating_text']}")
    lines += _catalogue_evacuation(summary, lang)
    if summary["objectives"]:
        lines += ["", render("table.objectives", lang)]
        for objective in summary["objectives"]:
            rating = objective["rating"] or "–"
            lines.append(f"  {rating}  {summary_text(objective, 'name', lang)}")
            lines.extend(
                f"       {summary_text(task, 'evidence', lang)}" for task in objective["tasks"]
            )
    return "\n".join(lines)


def _catalogue_evacuation(summary: Summary, lang: str) -> list[str]:
    evacuation = summary["evacuation"]
    if evacuation is None:
        return []
    lines = [
        "",
        render(
            "table.evacuation",
            lang,
            days=evacuation["days"],
            replications=summary["replications"],
            rset=evacuation["rset_p50_s"],
            rset95=evacuation["rset_p95_s"],
            egress=evacuation["egress_p50_s"],
            egress95=evacuation["egress_p95_s"],
        ),
    ]
    share = evacuation["rset_exceeds_aset_share"]
    if evacuation["aset_days"] and share is not None:
        low = evacuation["rset_exceeds_aset_ci_low"] or 0.0
        high = evacuation["rset_exceeds_aset_ci_high"] or 0.0
        lines.append(render("table.evacuation_aset", lang, share=share, low=low, high=high))
    return lines


def _english_table(summary: Summary) -> str:
    metrics = summary["metrics"]
    rows = {metric: (label, template) for metric, label, template in KEY_METRICS}
    labelled = [
        (
            name,
            *(
                rows.get(name)
                or (
                    f"  {terminal_text((split_service_metric(name) or ('', name))[1])}",
                    rows[SERVICES][1],
                )
            ),
        )
        for name in shown_metrics_of(metrics, list(rows), SHOWN_IF_SEEN)
    ]
    lines = _metric_lines(metrics, labelled, ["metric", "mean", "95% CI"])
    lines.append("")
    lines.append(f"{'limit':<30} {'held in':>9}   95% CI         verdict")
    for limit in summary["limits"]:
        sign = "≤" if limit["direction"] == "max" else "≥"
        label = f"{limit['name']} {sign} {limit['threshold']:g}"
        share = limit["held_share"]
        low, high = limit["held_share_ci_low"], limit["held_share_ci_high"]
        if limit["held"] is None or share is None or low is None or high is None:
            lines.append(f"{label:<30} {'—':>9}   {'':<14} not exercised on any day")
            continue
        interval = f"{low:.0%} – {high:.0%}"
        verdict = "held" if limit["held"] else "NOT held"
        lines.append(
            f"{label:<30} {share:>9.0%}   {interval:<14} "
            f"{verdict} (needs ≥ {limit['target_share']:.0%} of days), rated {limit['rating']}"
        )
    lines += _evacuation_lines(summary)
    if summary["objectives"]:
        lines += ["", "objectives, rated P/S/M/U (performed / some / major challenges / unable)"]
        for objective in summary["objectives"]:
            lines.append(f"  {objective['rating'] or '–'}  {objective['name']}")
            lines.extend(f"       {task['evidence']}" for task in objective["tasks"])
    return "\n".join(lines)

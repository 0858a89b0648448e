"""The short plain-text table ``drill run`` prints: key metrics, then each limit's verdict."""

import math

from simulator.metrics.evacuation import DENSITY_DANGER, DENSITY_WARNING
from simulator.runner.replicate import RunResult
from simulator.scoring import LimitResult, Objective, summarize_evacuations

# The metrics worth a glance on the terminal, with how to show them.
KEY_METRICS = (
    ("arrivals", "customers per day", "{:.0f}"),
    ("wait_mean_min", "mean wait (min)", "{:.1f}"),
    ("wait_p90_min", "90th-percentile wait (min)", "{:.1f}"),
    ("served_within_limit_share", "served within wait limit", "{:.1%}"),
    ("abandon_rate", "gave up waiting", "{:.1%}"),
    ("balk_rate", "walked out at the door", "{:.1%}"),
    ("redirect_rate", "sent to a neighbouring hall", "{:.1%}"),
    ("callback_rate", "left a number for a call-back", "{:.1%}"),
    ("peak_queue", "peak queue", "{:.0f}"),
    ("peak_density_per_m2", "peak density (people/m²)", "{:.2f}"),
    ("utilization", "counter utilisation", "{:.1%}"),
    ("lost_customers", "lost customers (must be 0)", "{:.0f}"),
)


def _show(template: str, value: float) -> str:
    return "—" if math.isnan(value) else template.format(value)


def _evacuation_lines(result: RunResult) -> list[str]:
    summary = summarize_evacuations(result)
    if summary is None:
        return []
    lines = [
        "",
        f"evacuation on {summary.days} of {summary.replications} days: everyone out "
        f"{summary.rset_p50_s:.0f} s after the incident (median RSET), "
        f"{summary.rset_p95_s:.0f} s (95th percentile)",
        f"  {summary.egress_p50_s:.0f} s after the alarm (median), "
        f"{summary.egress_p95_s:.0f} s (95th percentile)",
    ]
    if summary.aset_days:
        low, high = summary.rset_exceeds_aset_ci
        lines.append(
            f"  RSET > ASET on {summary.rset_exceeds_aset_share:.1%} of them "
            f"(95% CI {low:.1%} – {high:.1%})"
        )
    if not math.isnan(summary.inside_at_responders_mean):
        lines.append(
            f"  still inside when responders arrived: mean {summary.inside_at_responders_mean:.1f},"
            f" at most {summary.inside_at_responders_max:.0f}"
        )
    for crowding in summary.exits:
        if crowding.blocked_share == 1:
            lines.append(f"  exit {crowding.name}: blocked")
            continue
        flags = ""
        if crowding.danger_share:
            flags = f"  DANGER ≥ {DENSITY_DANGER}/m² on {crowding.danger_share:.0%} of days"
        elif crowding.warning_share:
            flags = f"  warning ≥ {DENSITY_WARNING}/m² on {crowding.warning_share:.0%} of days"
        lines.append(
            f"  exit {crowding.name}: peak density {crowding.peak_density_mean:.2f}/m² mean, "
            f"{crowding.peak_density_p95:.2f} P95 (Fruin {crowding.fruin_level_p95}){flags}"
        )
    return lines


def run_table(
    result: RunResult, limits: list[LimitResult], objectives: list[Objective] = ()
) -> str:
    """Return the metric and limit tables as text."""
    lines = [f"{'metric':<30} {'mean':>9}   95% CI"]
    for name, label, template in KEY_METRICS:
        estimate = result.estimate(name)
        interval = f"{_show(template, estimate.ci_low)} – {_show(template, estimate.ci_high)}"
        lines.append(f"{label:<30} {_show(template, estimate.mean):>9}   {interval}")
    lines.append("")
    lines.append(f"{'limit':<30} {'held in':>9}   95% CI         verdict")
    for judged in limits:
        sign = "≤" if judged.limit.direction == "max" else "≥"
        label = f"{judged.limit.name} {sign} {judged.limit.threshold:g}"
        if judged.held is None:
            lines.append(f"{label:<30} {'—':>9}   {'':<14} not exercised on any day")
            continue
        interval = f"{judged.ci_low:.0%} – {judged.ci_high:.0%}"
        verdict = "held" if judged.held else "NOT held"
        lines.append(
            f"{label:<30} {judged.held_share:>9.0%}   {interval:<14} "
            f"{verdict} (needs ≥ {judged.target_share:.0%} of days), rated {judged.rating.value}"
        )
    lines += _evacuation_lines(result)
    if objectives:
        lines += ["", "objectives, rated P/S/M/U (performed / some / major challenges / unable)"]
        for objective in objectives:
            rating = objective.rating.value if objective.rating else "–"
            lines.append(f"  {rating}  {objective.name}")
            lines.extend(f"       {task.evidence}" for task in objective.tasks)
    return "\n".join(lines)

"""The brief's table of key figures: each day's outcome for customers, and what it cost.

A hall manager signs for more than the rated limits: how many customers came, how long each
priority class and each service waited, how many gave up, walked out, were sent elsewhere, left
a number, were held outside or turned away, and the counter staff-hours it took. Rows that can
only be zero for this run (no VIP served, nobody ever held outside) are left out, so that every
row says something; the core rows are always shown.
"""

from typing import Any

from simulator.i18n import render
from simulator.report.rated import SERVICES, metric_name, shown_metrics_of
from simulator.rundir.schema import Summary

# The rows, in the order shown: (metric, format, shown only when some day had it).
ROWS: tuple[tuple[str, str, bool], ...] = (
    ("arrivals", "{:.0f}", False),
    ("wait_mean_min", "{:.1f}", False),
    ("wait_p90_min", "{:.1f}", False),
    ("wait_p90_min_vip", "{:.1f}", True),
    ("wait_p90_min_vulnerable", "{:.1f}", True),
    ("wait_p90_min_regular", "{:.1f}", True),
    ("wait_p90_min_quick", "{:.1f}", True),
    ("wait_p90_min_other", "{:.1f}", True),
    (SERVICES, "{:.1f}", True),  # each service's 90th-percentile wait, when there are several
    ("served_within_limit_share", "{:.1%}", False),
    ("abandon_rate", "{:.1%}", False),
    ("balk_rate", "{:.1%}", True),
    ("redirect_rate", "{:.1%}", True),
    ("redirect_travel_hours", "{:.1f}", True),
    ("callback_rate", "{:.1%}", True),
    ("callbacks_returned", "{:.0f}", True),
    ("outside_peak", "{:.0f}", True),
    ("left_outside_rate", "{:.1%}", True),
    ("turned_away_rate", "{:.1%}", True),
    ("peak_queue", "{:.0f}", False),
    ("peak_density_per_m2", "{:.2f}", False),
    ("utilization", "{:.1%}", False),
    ("counter_staff_hours", "{:.1f}", False),
    ("floor_staff_hours", "{:.1f}", True),
    ("reserve_called", "{:.1f}", True),
    ("staff_cost", "{:,.0f}", True),
    ("entry_work_hours", "{:.1f}", True),
    ("evacuation_day_share", "{:.0%}", True),
    ("past_aset_day_share", "{:.0%}", True),
    ("lost_customers", "{:.0f}", False),
)


def key_figures(summary: Summary, lang: str) -> list[dict[str, Any]]:
    """Return the key-figure rows of a run: metric name, daily mean and its 95 % interval."""
    rows = []
    metrics = summary["metrics"]
    templates = {metric: template for metric, template, _ in ROWS}
    order = [metric for metric, _, _ in ROWS]
    for metric in shown_metrics_of(metrics, order, {m for m, _, seen in ROWS if seen}):
        template = templates.get(metric, templates[SERVICES])
        mean, low, high = (metrics[metric][key] for key in ("mean", "ci_low", "ci_high"))
        interval = (
            "—"
            if low is None or high is None
            else render(
                "brief.interval", lang, low=template.format(low), high=template.format(high)
            )
        )
        rows.append(
            {
                "metric": metric_name(metric, lang),
                "mean": "—" if mean is None else template.format(mean),
                "interval": interval,
            }
        )
    return rows

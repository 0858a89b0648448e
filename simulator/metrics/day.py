"""The metrics of one replication, computed from its records.

Waits are those of customers who were served (at a counter or a kiosk), from arrival to the
start of service. Rates are shares of all arrivals. ``served_within_limit_share`` counts customers
served within their wait limit (the vulnerable limit for vulnerable customers, if one is set)
among those who stayed to be served here: giving up or walking out counts against it, while
customers the plan sent to another hall or asked for a phone number (handled as the plans
prescribe) are left out of it. ``lost_customers`` is the
conservation check: customers without a final outcome or with impossible times; it must be 0.
"""

import numpy as np

from simulator.engine.demand import VULNERABLE
from simulator.engine.records import DayRecord, Outcome
from simulator.metrics.evacuation import EVACUATION_METRICS, evacuation_metrics
from simulator.metrics.timeseries import hall_intervals, peak_level, queue_intervals
from simulator.model.scenario import Scenario

METRIC_NAMES = (
    "arrivals",
    "wait_mean_min",
    "wait_p90_min",
    "wait_max_min",
    "served_within_limit_share",
    "abandon_rate",
    "balk_rate",
    "redirect_rate",
    "callback_rate",
    "peak_queue",
    "peak_density_per_m2",
    "utilization",
    "lost_customers",
    *EVACUATION_METRICS,
)

# Metrics that are shares of something, bounded by 1; every metric is at least 0.
SHARE_METRICS = frozenset(
    {
        "served_within_limit_share",
        "abandon_rate",
        "balk_rate",
        "redirect_rate",
        "callback_rate",
        "utilization",
        "rset_exceeds_aset",
    }
)


def lost_customers(record: DayRecord) -> int:
    """Count customers who did not end in exactly one consistent final state."""
    outcome = record.outcome
    served = (outcome == Outcome.SERVED) | (outcome == Outcome.SERVED_KIOSK)
    pending = outcome == Outcome.PENDING
    # A served customer starts no earlier than arrival and ends no earlier than start;
    # everyone else leaves no earlier than they came and never started service.
    bad_served = served & ~((record.start >= record.arrival) & (record.end >= record.start))
    # An evacuation may interrupt a service: then the start lies between arrival and leaving.
    evacuated = outcome == Outcome.EVACUATED
    interrupted = evacuated & (record.start >= record.arrival) & (record.end >= record.start)
    never_started = (record.end >= record.arrival) & np.isnan(record.start)
    bad_other = ~served & ~pending & ~(never_started | interrupted)
    return int(np.sum(pending | bad_served | bad_other))


def day_metrics(scenario: Scenario, record: DayRecord) -> dict[str, float]:
    """Return every metric of :data:`METRIC_NAMES` for one replication."""
    arrivals = record.arrival.size
    outcome = record.outcome
    served = (outcome == Outcome.SERVED) | (outcome == Outcome.SERVED_KIOSK)
    waits = record.start[served] - record.arrival[served]

    limits = scenario.limits
    wait_limit = np.full(arrivals, limits.wait_min)
    if limits.vulnerable_wait_min is not None:
        wait_limit[record.priority == VULNERABLE] = limits.vulnerable_wait_min
    within = np.sum(waits <= wait_limit[served])
    # Customers sent elsewhere as the plan says, or evacuated, did not fail to be served here.
    handed_on = np.sum(
        (outcome == Outcome.REDIRECTED)
        | (outcome == Outcome.CALLBACK)
        | (outcome == Outcome.EVACUATED)
    )
    stayed = arrivals - handed_on

    def share(count: float, among: int = arrivals) -> float:
        return float(count) / float(among) if among else 0.0

    people_peak = peak_level(*hall_intervals(record)) + record.floor_staff
    staffed = record.counter_staffed_minutes
    return {
        "arrivals": float(arrivals),
        "wait_mean_min": float(np.mean(waits)) if waits.size else np.nan,
        "wait_p90_min": float(np.percentile(waits, 90)) if waits.size else np.nan,
        "wait_max_min": float(np.max(waits)) if waits.size else np.nan,
        "served_within_limit_share": share(within, stayed),
        "abandon_rate": share(np.sum(outcome == Outcome.ABANDONED)),
        "balk_rate": share(np.sum(outcome == Outcome.BALKED)),
        "redirect_rate": share(np.sum(outcome == Outcome.REDIRECTED)),
        "callback_rate": share(np.sum(outcome == Outcome.CALLBACK)),
        "peak_queue": float(peak_level(*queue_intervals(record))),
        "peak_density_per_m2": people_peak / scenario.site.floor_area_m2,
        "utilization": record.counter_busy_minutes / staffed if staffed > 0 else np.nan,
        "lost_customers": float(lost_customers(record)),
        **evacuation_metrics(record),
    }

"""The metrics of one replication, computed from its records.

Waits are those of customers who were served (at a counter or a kiosk), from arrival to the
start of service. Rates are shares of all arrivals. ``served_within_limit_share`` counts customers
served within their wait limit (the vulnerable limit for vulnerable customers, if one is set)
among those who stayed to be served here: giving up or walking out counts against it, while
customers the plan sent to another hall or asked for a phone number (handled as the plans
prescribe) are left out of it. ``lost_customers`` is the
conservation check: customers without a final outcome or with impossible times; it must be 0.

Waits of the three priority classes are reported apart (``wait_mean_min_vip``,
``wait_p90_min_vulnerable``, ``wait_p90_min_regular``, ...: the metric, then the class), NaN on a
day nobody of that class was served; likewise the counter waits of quick services and of the rest
(``wait_p90_min_quick``, ``wait_p90_min_other``), which a fast lane pulls apart, and the waits
of each service by its name in brackets (``wait_p90_min[开户]``: the scenario's own names, so
these metrics differ from scenario to scenario, see :func:`metric_names`). A wait counts from
arrival at the door, so time held outside a held door (``stop_entry``) is part of it;
``left_outside_rate`` is the share who went away from outside, ``outside_peak`` the most people
outside at once; ``turned_away_rate`` the share who came while an incident had closed the hall off
(a robbery's lockdown, a bomb threat's cordon) and were turned away. ``counter_staff_hours`` is the
day's cost in counter staff: hours staffed, the plan's own and those called in (on a day an
evacuation ended early, the rota's hours to closing: staff are paid for their shift);
``floor_staff_hours`` the guides' and security's hours (on the floor from opening to the day's
end), ``reserve_called`` the reserve staff called in, and ``staff_cost`` all of it at
``staff.cost_per_hour`` (NaN when the scenario gives none).

After an outage (``call_back``, ``entry_min``): a customer who left a number and comes again is a
new visit, with its own wait from the moment they came back (``callbacks_returned`` counts
them; the visit on which they left the number stays a CALLBACK); ``entry_work_hours`` is the
counter time spent entering the work pre-accepted by hand, part of ``utilization``.
``redirect_travel_hours`` is what redirecting cost the customers sent to a neighbouring hall:
the hours they spent on their way there.

``evacuation_day_share`` is 1 on a day that ended in an evacuation, ``past_aset_day_share`` 1 on
a day someone was still inside when ASET ran out (both 0 on other days): their means are shares
of all days, so two plans that evacuate on different days are still compared on the same days,
unlike the evacuation metrics, which are defined only on the days with one.
"""

import math

import numpy as np

from simulator.engine.demand import REGULAR, VIP, VULNERABLE
from simulator.engine.events import EventKind
from simulator.engine.records import Channel, DayRecord, Outcome
from simulator.metrics.evacuation import EVACUATION_METRICS, evacuation_metrics
from simulator.metrics.timeseries import (
    hall_intervals,
    outside_intervals,
    peak_level,
    queue_intervals,
)
from simulator.model.scenario import Scenario

# The priority classes whose waits are reported apart, by the suffix of their metrics.
GROUPS = {"vip": VIP, "vulnerable": VULNERABLE, "regular": REGULAR}
# The business a fast lane splits: quick services (``quick: true``) and the rest, served at the
# counters (a fast lane can shorten one and lengthen the other: the pooled wait hides both).
BUSINESS = ("quick", "other")
GROUP_METRICS = tuple(
    f"{metric}_{group}"
    for group in (*GROUPS, *BUSINESS)
    for metric in ("wait_mean_min", "wait_p90_min")
)

METRIC_NAMES = (
    "arrivals",
    "wait_mean_min",
    "wait_p90_min",
    "wait_max_min",
    *GROUP_METRICS,
    "served_within_limit_share",
    "abandon_rate",
    "balk_rate",
    "redirect_rate",
    "callback_rate",
    "left_outside_rate",
    "outside_peak",
    "turned_away_rate",
    "peak_queue",
    "peak_density_per_m2",
    "utilization",
    "counter_staff_hours",
    "floor_staff_hours",
    "staff_hours",
    "reserve_called",
    "staff_cost",
    "callbacks_returned",
    "entry_work_hours",
    "redirect_travel_hours",
    "lost_customers",
    "evacuation_day_share",
    "past_aset_day_share",
    *EVACUATION_METRICS,
)

# The waits reported per service, as ``wait_p90_min[<service name>]``.
SERVICE_WAIT_METRICS = ("wait_mean_min", "wait_p90_min")


def service_metric(metric: str, service: str) -> str:
    """Return the name of ``metric`` for one service: ``wait_p90_min[开户]``."""
    return f"{metric}[{service}]"


def split_service_metric(name: str) -> tuple[str, str] | None:
    """Return (metric, service) of a per-service metric name, None for any other metric."""
    metric, bracket, rest = name.partition("[")
    if not bracket or not rest.endswith("]") or metric not in SERVICE_WAIT_METRICS:
        return None
    return metric, rest[:-1]


def metric_names(scenario: Scenario) -> tuple[str, ...]:
    """Return every metric of a run of ``scenario``: :data:`METRIC_NAMES`, then per service."""
    return METRIC_NAMES + tuple(
        service_metric(metric, service.name)
        for service in scenario.demand.services
        for metric in SERVICE_WAIT_METRICS
    )


# Metrics that are 1 or 0 on each day (it evacuated or not): their mean is a share of days,
# with a binomial (Wilson) interval.
DAY_SHARE_METRICS = frozenset({"rset_exceeds_aset", "evacuation_day_share", "past_aset_day_share"})
# Metrics that are shares of something, bounded by 1; every metric is at least 0.
SHARE_METRICS = frozenset(
    {
        "served_within_limit_share",
        "abandon_rate",
        "balk_rate",
        "redirect_rate",
        "callback_rate",
        "left_outside_rate",
        "turned_away_rate",
        "utilization",
        "rset_exceeds_aset",
        "evacuation_day_share",
        "past_aset_day_share",
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


def reserve_called(record: DayRecord) -> float:
    """Return how many reserve staff the day called in (open_counters, as carried out)."""
    called = 0.0
    for event in record.events:
        if event.kind is EventKind.ACTION and event.name == "open_counters" and event.result:
            called += event.result.done or 0.0
    return called


def rota_minutes(scenario: Scenario) -> float:
    """Return the counter-minutes of the staffing plan's own rota, from opening to closing."""
    blocks = scenario.staff.counters
    ends = [block.start_min for block in blocks[1:]] + [scenario.hours.close_min]
    return sum(
        block.count * (end - block.start_min) for block, end in zip(blocks, ends, strict=True)
    )


def _costs(scenario: Scenario, record: DayRecord) -> dict[str, float]:
    """Return the staff-hours, reserve call-ins and the day's staff cost (NaN: no rates).

    Staff are paid for their shift: on a day an evacuation ended early, the rota's counters and
    the floor staff count to closing, not to the moment the hall was empty. With a roster
    (``staff.roster``), each role on it counts its rostered hours, breaks included; clerks
    called in from the reserve come on top.
    """
    staff = scenario.staff
    day_end = max(record.day_end_min, record.close_min)
    day_hours = max(day_end - record.open_min, 0.0) / 60.0
    counter_minutes = record.counter_staffed_minutes
    if record.evacuation is not None:
        counter_minutes = max(counter_minutes, rota_minutes(scenario))
    counter_hours = counter_minutes / 60.0
    rostered = staff.rostered_hours("clerk")
    if rostered is not None:
        called_in = max(record.counter_staffed_minutes - rota_minutes(scenario), 0.0) / 60.0
        counter_hours = rostered + called_in
    guide_hours = staff.rostered_hours("guide")
    security_hours = staff.rostered_hours("security")
    guide_hours = staff.guides * day_hours if guide_hours is None else guide_hours
    security_hours = staff.security * day_hours if security_hours is None else security_hours
    rates = staff.cost_per_hour
    cost = (
        rates.counters * counter_hours
        + rates.guides * guide_hours
        + rates.security * security_hours
        if rates is not None
        else np.nan
    )
    floor_hours = guide_hours + security_hours
    return {
        "counter_staff_hours": counter_hours,
        "floor_staff_hours": floor_hours,
        "staff_hours": counter_hours + floor_hours,
        "reserve_called": reserve_called(record),
        "staff_cost": cost,
    }


def _evacuation_days(scenario: Scenario, record: DayRecord) -> dict[str, float]:
    """Return whether the day ended in an evacuation and whether anyone was inside past ASET.

    Each is 1 or 0; the second is 0 on a day without an evacuation, NaN when no incident of
    the scenario gives an ASET or the day's incident gives none.

    Defined on every day, unlike the evacuation metrics, so that their means are shares of all
    days and two plans that evacuate on different days are compared on the same days.
    """
    evacuation = record.evacuation
    timed = any(getattr(incident, "asset_min", None) for incident in scenario.incidents)
    if evacuation is None:
        return {"evacuation_day_share": 0.0, "past_aset_day_share": 0.0 if timed else math.nan}
    asset = evacuation.asset_s
    past = math.nan if math.isnan(asset) else float(evacuation.rset_s > asset)
    return {"evacuation_day_share": 1.0, "past_aset_day_share": past}


def day_metrics(scenario: Scenario, record: DayRecord) -> dict[str, float]:
    """Return every metric of :func:`metric_names` for one replication."""
    arrivals = record.arrival.size
    outcome = record.outcome
    served = (outcome == Outcome.SERVED) | (outcome == Outcome.SERVED_KIOSK)
    waits = record.start[served] - record.arrival[served]

    limits = scenario.limits
    wait_limit = np.full(arrivals, limits.wait_min)
    if limits.vulnerable_wait_min is not None:
        wait_limit[record.priority == VULNERABLE] = limits.vulnerable_wait_min
    within = np.sum(waits <= wait_limit[served])
    # Customers sent elsewhere as the plan says, evacuated or turned away from a hall closed off
    # by an incident did not fail to be served here.
    handed_on = np.sum(
        (outcome == Outcome.REDIRECTED)
        | (outcome == Outcome.CALLBACK)
        | (outcome == Outcome.EVACUATED)
        | (outcome == Outcome.TURNED_AWAY)
    )
    stayed = arrivals - handed_on

    def share(count: float, among: int = arrivals) -> float:
        return float(count) / float(among) if among else 0.0

    quick_services = np.array([service.quick for service in scenario.demand.services])
    channel = record.channel[served]
    at_counter = (channel == Channel.COUNTER) | (channel == Channel.FAST_LANE)
    quick = quick_services[record.service[served]] if quick_services.size else at_counter & False
    masks = {group: record.priority[served] == priority for group, priority in GROUPS.items()}
    masks["quick"] = at_counter & quick
    masks["other"] = at_counter & ~quick
    by_group = {}
    for group, mask in masks.items():
        mine = waits[mask]
        by_group[f"wait_mean_min_{group}"] = float(np.mean(mine)) if mine.size else np.nan
        by_group[f"wait_p90_min_{group}"] = float(np.percentile(mine, 90)) if mine.size else np.nan
    by_service = {}
    served_service = record.service[served]
    for index, service in enumerate(scenario.demand.services):
        mine = waits[served_service == index]
        mean, p90 = (
            (float(np.mean(mine)), float(np.percentile(mine, 90))) if mine.size else (np.nan,) * 2
        )
        by_service[service_metric("wait_mean_min", service.name)] = mean
        by_service[service_metric("wait_p90_min", service.name)] = p90

    people_peak = peak_level(*hall_intervals(record)) + record.floor_staff
    staffed = record.counter_staffed_minutes
    return {
        "arrivals": float(arrivals),
        "wait_mean_min": float(np.mean(waits)) if waits.size else np.nan,
        "wait_p90_min": float(np.percentile(waits, 90)) if waits.size else np.nan,
        "wait_max_min": float(np.max(waits)) if waits.size else np.nan,
        **by_group,
        "served_within_limit_share": share(within, stayed),
        "abandon_rate": share(np.sum(outcome == Outcome.ABANDONED)),
        "balk_rate": share(np.sum(outcome == Outcome.BALKED)),
        "redirect_rate": share(np.sum(outcome == Outcome.REDIRECTED)),
        "callback_rate": share(np.sum(outcome == Outcome.CALLBACK)),
        "left_outside_rate": share(np.sum(outcome == Outcome.LEFT_OUTSIDE)),
        "outside_peak": float(peak_level(*outside_intervals(record))),
        "turned_away_rate": share(np.sum(outcome == Outcome.TURNED_AWAY)),
        "peak_queue": float(peak_level(*queue_intervals(record))),
        "peak_density_per_m2": people_peak / scenario.site.floor_area_m2,
        "utilization": record.counter_busy_minutes / staffed if staffed > 0 else np.nan,
        **_costs(scenario, record),
        "callbacks_returned": float(np.sum(record.return_of >= 0))
        if record.return_of is not None
        else 0.0,
        "entry_work_hours": record.entry_minutes / 60.0,
        "redirect_travel_hours": record.redirect_travel_min / 60.0,
        "lost_customers": float(lost_customers(record)),
        **_evacuation_days(scenario, record),
        **evacuation_metrics(record),
        **by_service,
    }

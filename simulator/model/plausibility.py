"""Values that are legal but almost surely a mistake: the warnings of a valid scenario.

A warning is not an error: the file means something, only not what a hall is likely to be (a
mean service of 300 minutes is seconds typed as minutes; 24 m² for a hall is a digit lost; a
rule waiting for a queue of 800 in a hall that holds 300 never fires). Each check returns the
key it is about and a catalogue message; the loader pins the key to its line, every command
prints the warnings once, ``summary.json`` and the brief's control block keep them, and
``--strict`` refuses to simulate a scenario that has any.
"""

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from simulator.i18n import Message, message
from simulator.model.actions import AFTER_CLOSING_MIN
from simulator.model.clock import format_clock
from simulator.model.conditions import (
    INCIDENT_FLAGS,
    INCIDENT_MINUTES,
    AllOf,
    AnyOf,
    Compare,
    Condition,
)
from simulator.model.incidents import OUTAGE_KINDS
from simulator.model.procedures import clauses_of
from simulator.model.scenario import Scenario

MOST_SERVICE_MIN = 120.0  # a mean service above two hours is seconds typed as minutes
MOST_ARRIVALS_PER_HOUR = 2000.0  # a day's visitors typed as an hour's
MOST_IMPLIED_DENSITY = 4.0  # persons/m²: beyond Fruin's level of service F, not a waiting hall
# The most a floor can hold, standing still: the density the evacuation crowding check calls
# danger (5.5 persons/m²). A queue or headcount above it can never be reached.
CRUSH_DENSITY = 5.5


@dataclass(frozen=True)
class Doubt:
    """One implausible value: where it is (a validation-style location) and why."""

    at: tuple[str | int, ...]
    why: Message


def doubts(scenario: Scenario) -> list[Doubt]:
    """Return every implausible value of ``scenario``, in the order of its file."""
    return [
        *_long_services(scenario),
        *_torrents(scenario),
        *_crowded_floor(scenario),
        *_unfireable_rules(scenario),
        *_uncalled_reserve(scenario),
        *_idle_procedure(scenario),
        *_unused_egress_keys(scenario),
    ]


def _long_services(scenario: Scenario) -> Iterator[Doubt]:
    for index, service in enumerate(scenario.demand.services):
        mean = service.minutes.expected()
        if mean > MOST_SERVICE_MIN:
            yield Doubt(
                ("demand", "services", index, "minutes"),
                message("plausible.long_service", mean=f"{mean:g}", most=f"{MOST_SERVICE_MIN:g}"),
            )


def _surge_factor(scenario: Scenario, minute: float) -> float:
    """Return the product of the surge factors in force at ``minute``."""
    factor = 1.0
    for incident in scenario.incidents:
        if incident.kind == "surge" and incident.start_min <= minute < incident.until_min:
            factor *= incident.factor
    return factor


def _minutes(scenario: Scenario) -> Sequence[float]:
    return range(int(scenario.hours.open_min), math.ceil(scenario.hours.close_min))


def _rate_per_hour(scenario: Scenario, minute: float) -> tuple[float, int]:
    """Return the arrival rate at ``minute`` (surges included) and the block it comes from."""
    blocks = scenario.demand.arrivals
    index = max(i for i, block in enumerate(blocks) if block.start_min <= minute)
    return blocks[index].per_hour * _surge_factor(scenario, minute), index


def expected_customers(scenario: Scenario) -> float:
    """Return how many customers a day brings, on average (arrival blocks and surges)."""
    return sum(_rate_per_hour(scenario, minute)[0] / 60 for minute in _minutes(scenario))


def _torrents(scenario: Scenario) -> Iterator[Doubt]:
    worst: dict[int, tuple[float, float]] = {}  # block → (peak rate, minute)
    for minute in _minutes(scenario):
        rate, block = _rate_per_hour(scenario, minute)
        if rate > MOST_ARRIVALS_PER_HOUR and rate > worst.get(block, (0.0, 0.0))[0]:
            worst[block] = (rate, minute)
    for block, (rate, minute) in sorted(worst.items()):
        yield Doubt(
            ("demand", "arrivals", block, "per_hour"),
            message(
                "plausible.torrent",
                rate=f"{rate:,.0f}",
                clock=format_clock(minute),
                most=f"{MOST_ARRIVALS_PER_HOUR:,.0f}",
            ),
        )


def fluid_peak(scenario: Scenario) -> tuple[float, float]:
    """Return the most people on the floor at once, and when, by a fluid model of the day.

    Minute by minute, people arrive at the scenario's rate (surges included) and leave at the
    rate the staffed counters serve them (weighted mean service) or give up (queue over mean
    patience, the Erlang-A fluid limit); arrivals stop while the queue is at ``balk_at_queue``.
    Outages and kiosks are left out, so the estimate errs low: it warns only when the plain
    day already fills the floor.
    """
    demand = scenario.demand
    service = sum(s.share * s.minutes.expected() for s in demand.services)
    patience = demand.patience_min.expected() if demand.patience_min else math.inf
    blocks = scenario.staff.counters
    inside = peak = 0.0
    when = scenario.hours.open_min
    for minute in _minutes(scenario):
        counters = (
            max(b.count for b in blocks if b.start_min <= minute)
            if any(b.start_min <= minute for b in blocks)
            else 0
        )
        busy = min(inside, counters)
        queue = inside - busy
        rate = _rate_per_hour(scenario, minute)[0] / 60
        if demand.balk_at_queue is not None and queue >= demand.balk_at_queue:
            rate = 0.0
        inside += rate - busy / service - (queue / patience if patience > 0 else queue)
        inside = max(inside, 0.0)
        if inside > peak:
            peak, when = inside, float(minute)
    return peak, when


def _crowded_floor(scenario: Scenario) -> Iterator[Doubt]:
    people, when = fluid_peak(scenario)
    area = scenario.site.floor_area_m2
    if people / area > MOST_IMPLIED_DENSITY:
        yield Doubt(
            ("site", "floor_area_m2"),
            message(
                "plausible.crowded",
                people=f"{people:.0f}",
                clock=format_clock(when),
                density=f"{people / area:.1f}",
                most=f"{MOST_IMPLIED_DENSITY:g}",
            ),
        )


def _ranges(scenario: Scenario) -> dict[str, tuple[float, float, Message]]:
    """Return, per ``when:`` metric, the least and most it can be, and why it is bounded."""
    most_people = scenario.site.floor_area_m2 * CRUSH_DENSITY
    holds = message("plausible.holds", people=f"{most_people:.0f}", density=f"{CRUSH_DENSITY:g}")
    outages = [i for i in scenario.incidents if i.kind in OUTAGE_KINDS]
    power = [i for i in scenario.incidents if i.kind == "power_outage"]
    demand = scenario.demand
    no_vip = message("plausible.no_vips")
    hours = message(
        "plausible.hours",
        open=format_clock(scenario.hours.open_min),
        close=format_clock(scenario.hours.close_min),
    )
    return {
        "queue": (0.0, most_people, holds),
        "in_hall": (0.0, most_people, holds),
        "queue_vip": (0.0, most_people if demand.vip_share > 0 else 0.0, no_vip),
        "density": (0.0, CRUSH_DENSITY, holds),
        "outage_min": (0.0, math.inf if outages else 0.0, message("plausible.no_outage")),
        "power_out": (0.0, 1.0 if power else 0.0, message("plausible.no_power_outage")),
        "abandoned_recent": (
            0.0,
            math.inf if demand.patience_min is not None else 0.0,
            message("plausible.no_patience"),
        ),
        "wait_p90_recent": (0.0, math.inf, holds),
        # Before any outage has ended no comparison holds: an empty range without one.
        "outage_ended_min": (
            0.0 if outages else math.inf,
            math.inf if outages else -math.inf,
            message("plausible.no_outage"),
        ),
        "outside_queue": (
            0.0,
            math.inf if any(rule.action == "stop_entry" for rule in scenario.playbook) else 0.0,
            message("plausible.no_stop_entry"),
        ),
        **_incident_ranges(scenario),
        "time": (scenario.hours.open_min, scenario.hours.close_min + AFTER_CLOSING_MIN, hours),
    }


def _incident_ranges(scenario: Scenario) -> dict[str, tuple[float, float, Message]]:
    """Return the range of each incident's flag and minutes: nothing without such an incident."""
    present = {incident.kind for incident in scenario.incidents}
    ranges = {}
    for name, kind in INCIDENT_FLAGS.items():
        why = message("plausible.no_incident", kind=message(f"kind.{kind}"))
        ranges[name] = (0.0, 1.0 if kind in present else 0.0, why)
    for name, kind in INCIDENT_MINUTES.items():
        why = message("plausible.no_incident", kind=message(f"kind.{kind}"))
        ranges[name] = (0.0, math.inf if kind in present else 0.0, why)
    return ranges


def impossible(
    condition: Condition, ranges: dict[str, tuple[float, float, Message]]
) -> Message | None:
    """Return why ``condition`` can never hold within ``ranges``, or None if it can."""
    if isinstance(condition, Compare):
        least, most, why = ranges[condition.metric]
        value = condition.value
        possible = {
            ">=": most >= value,
            ">": most > value,
            "<=": least <= value,
            "<": least < value,
            "==": least <= value <= most,
            "!=": not least == most == value,
        }[condition.op]
        return None if possible else why
    reasons = [impossible(part, ranges) for part in condition.parts]
    if isinstance(condition, AllOf):
        return next((reason for reason in reasons if reason is not None), None)
    assert isinstance(condition, AnyOf)
    return reasons[0] if all(reason is not None for reason in reasons) else None


def _unfireable_rules(scenario: Scenario) -> Iterator[Doubt]:
    ranges = _ranges(scenario)
    for index, rule in enumerate(scenario.playbook):
        if rule.condition is None:
            continue
        reason = impossible(rule.condition, ranges)
        if reason is not None:
            yield Doubt(("playbook", index, "when"), message("plausible.never_fires", why=reason))


def _uncalled_reserve(scenario: Scenario) -> Iterator[Doubt]:
    reserve = scenario.staff.reserve.count
    if reserve and not any(rule.action == "open_counters" for rule in scenario.playbook):
        yield Doubt(("staff", "reserve", "count"), message("plausible.uncalled", count=reserve))


# Keys of egress: that one way of placing people reads and the other never does.
WITHOUT_FLOOR_ONLY = ("familiar_share", "position_spread")
WITH_FLOOR_ONLY = ("familiarity_bonus_s", "reroute_wait_s")


def _unused_egress_keys(scenario: Scenario) -> Iterator[Doubt]:
    """Find egress keys written for the other kind of hall (with or without site.floor)."""
    given = scenario.egress.model_fields_set
    planned = scenario.site.floor is not None
    for key in WITHOUT_FLOOR_ONLY if planned else WITH_FLOOR_ONLY:
        if key in given:
            said = "plausible.unused_without_floor" if planned else "plausible.unused_with_floor"
            yield Doubt(("egress", key), message(said, name=key))


def _idle_procedure(scenario: Scenario) -> Iterator[Doubt]:
    """Find ``procedure:`` changes that change nothing, and own clause ids used twice."""
    if not scenario.procedure:
        return
    there = {clause.id for clause in clauses_of(scenario.with_changes(procedure=()))}
    named: set[str] = set()
    for index, change in enumerate(scenario.procedure):
        if change.clause is not None and change.clause not in there:
            yield Doubt(
                ("procedure", index, "clause"), message("plausible.idle_clause", id=change.clause)
            )
        if change.id is not None:
            if change.id in there or change.id in named:
                yield Doubt(
                    ("procedure", index, "id"), message("plausible.clause_twice", id=change.id)
                )
            named.add(change.id)

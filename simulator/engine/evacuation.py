"""Clearing the hall when the alarm sounds: who is inside, and the record of their way out.

Called by :meth:`Hall.run` once the alarm has stopped the day. Everyone inside at that moment
is evacuated exactly once: customers in the queue, at counters and at kiosks (their visit ends
``EVACUATED`` when they pass an exit; a service in progress is abandoned), the counter clerks
(at their counters or called away by an incident), the guides and the security staff. Customers
who would have come later find the hall cordoned off and never arrive. The staff's particular
delays are added here: clerks lock the cash away first (``egress.secure_cash_s``), and fire
fighters under an ``alarm: detection`` fire keep fighting until they succeed or their three
minutes are up.
"""

import math

import numpy as np

from simulator.engine.alarms import Alarm
from simulator.engine.customers import CustomerTable
from simulator.engine.demand import VULNERABLE
from simulator.engine.egress import CUSTOMER, STAFF, EgressResult, Occupants, evacuate_site
from simulator.engine.events import EventKind
from simulator.engine.floor import Spot
from simulator.engine.log import EventLog
from simulator.engine.records import EvacuationRecord, Outcome
from simulator.engine.streams import Streams
from simulator.model.clock import format_clock
from simulator.model.scenario import Egress, Scenario

SECURE_CASH_STREAM = 6  # sub-stream of "egress" (0–5 are the egress model's own)


def _staff_delays(
    alarm: Alarm, clerks_on_duty: int, scenario: Scenario, streams: Streams
) -> tuple[np.ndarray, int]:
    """Return the extra delay (s) of each staff member inside, and how many are clerks.

    In order: clerks, floor staff, fighters. Clerks are the counter staff working now (the
    plan's plus those called in), wherever an incident has put them; the fire fighters among
    them are counted once, as fighters.
    """
    staff = scenario.staff
    fighters = alarm.fighters
    egress = scenario.egress
    clerks = max(clerks_on_duty - fighters.get("counters", 0), 0)
    guides = max(staff.guides - fighters.get("guides", 0), 0)
    security = max(staff.security - fighters.get("security", 0), 0)
    fighting = sum(fighters.values())
    rng = streams.generator("egress", SECURE_CASH_STREAM)
    secure = egress.secure_cash_s.sample(rng, clerks)
    delays = np.concatenate(
        [secure, np.zeros(guides + security), np.full(fighting, alarm.fight_left_s)]
    )
    return delays, clerks


def _vulnerable(customers: CustomerTable, inside: list[int], staff: int) -> np.ndarray:
    """Return the mask of the people evacuated who are vulnerable customers (they walk slower)."""
    priority = np.array([customers.priority[customer] for customer in inside], dtype=np.int8)
    return np.concatenate([priority == VULNERABLE, np.zeros(staff, dtype=bool)])


def evacuate_hall(
    alarm: Alarm,
    now: float,
    customers: CustomerTable,
    clerks_on_duty: int,
    guides_on_floor: int,
    scenario: Scenario,
    streams: Streams,
    log: EventLog,
) -> EvacuationRecord:
    """Evacuate everyone inside the hall at ``now``; return the record and log how it went.

    ``clerks_on_duty`` are the counter staff working (the plan's and those called in, wherever
    an incident has put them); ``guides_on_floor`` the guides who can direct customers out.
    """
    inside = customers.inside(now)
    close = scenario.hours.close_min
    for customer in range(customers.count):
        arrival = customers.arrival[customer]
        if arrival > now:
            # The hall stays closed for the rest of the day: those due before closing come,
            # find it shut and go (counted: the outage of service is part of the harm).
            if arrival < close:
                customers.turned_away(customer, arrival)
            else:
                customers.never_came(customer)
    staff_delays, clerks = _staff_delays(alarm, clerks_on_duty, scenario, streams)
    # On a floor plan customers stand where their visit has them (waiting, at a counter or a
    # kiosk), the clerks behind the counter line, guides, guards and fire fighters anywhere on
    # the public floor.
    spot = np.concatenate(
        [
            customers.spots(inside),
            np.full(clerks, Spot.BEHIND, dtype=np.int8),
            np.full(staff_delays.size - clerks, Spot.ON_FLOOR, dtype=np.int8),
        ]
    )
    group = np.concatenate(
        [np.full(len(inside), CUSTOMER), np.full(staff_delays.size, STAFF)]
    ).astype(np.int8)
    extra_delay = np.concatenate([np.zeros(len(inside)), staff_delays])
    slow = _vulnerable(customers, inside, staff_delays.size)

    occupants = Occupants(group, extra_delay, slow, spot)

    def evacuated(egress: Egress) -> EgressResult:
        return evacuate_site(
            occupants, guides_on_floor, scenario.site, alarm.blocked, egress, streams
        )

    result = evacuated(scenario.egress)
    # The same people and draws through doors at the other flow: the brief says when the
    # choice between a conservative design value and a measured one changes RSET by much.
    other = "measured" if scenario.egress.flow == "design" else "design"
    other_total_s = evacuated(scenario.egress.model_copy(update={"flow": other})).total_s
    for position, customer in enumerate(inside):
        customers.finish(customer, Outcome.EVACUATED, now + result.out_s[position] / 60)

    since_incident_s = (now - alarm.incident_min) * 60
    out_s = result.out_s + since_incident_s
    record = EvacuationRecord(
        cause=alarm.cause,
        incident_min=alarm.incident_min,
        alarm_min=now,
        group=group,
        out_s=out_s,
        exit_index=result.exit_index,
        exit_names=tuple(e.name for e in scenario.site.exits),
        blocked=tuple(sorted(alarm.blocked)),
        exit_peak_queue=result.exit_peak_queue,
        exit_peak_density=result.exit_peak_density,
        asset_s=alarm.asset_s,
        responders_s=(alarm.responders_min - alarm.incident_min) * 60,
        other_flow_rset_s=since_incident_s + other_total_s if group.size else math.nan,
        escorted=int(result.escorted.sum()),
    )
    _log_outcome(log, alarm.incident, record)
    return record


def _log_outcome(log: EventLog, incident: int, record: EvacuationRecord) -> None:
    """Log the end of the evacuation and the responders' arrival, at their own times."""
    people = record.group.size
    log.record(
        EventKind.PROCEDURE,
        "evacuation_complete",
        incident=incident,
        detail=f"{people} people out",
        at=record.complete_min,
    )
    if not np.isnan(record.responders_s):
        still_inside = int(np.sum(record.out_s > record.responders_s))
        arrival = record.incident_min + record.responders_s / 60
        detail = f"on site at {format_clock(arrival)}; {still_inside} people still inside"
        log.record(
            EventKind.FOLLOW_UP, "emergency_arrival", incident=incident, detail=detail, at=arrival
        )

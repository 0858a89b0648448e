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

from typing import TYPE_CHECKING

import numpy as np

from simulator.engine.egress import CUSTOMER, STAFF, evacuate
from simulator.engine.records import EvacuationRecord, Outcome
from simulator.model.clock import format_clock
from simulator.model.egress_keys import DEFAULT_EGRESS

if TYPE_CHECKING:
    from simulator.engine.hall import Hall

SECURE_CASH_STREAM = 6  # sub-stream of "egress" (0–5 are the egress model's own)


def _staff_delays(hall: "Hall") -> np.ndarray:
    """Return the extra delay (s) of each staff member inside: clerks, floor staff, fighters.

    Clerks are the counter staff working now (the plan's plus those called in), wherever an
    incident has put them; the fire fighters among them are counted once, as fighters.
    """
    alarm = hall.alarm
    staff = hall.scenario.staff
    fighters = alarm.fighters
    counters = hall.counters
    egress = hall.scenario.egress or DEFAULT_EGRESS
    clerks = max(counters.scheduled + counters.extra - fighters.get("counters", 0), 0)
    guides = max(staff.guides - fighters.get("guides", 0), 0)
    security = max(staff.security - fighters.get("security", 0), 0)
    fighting = sum(fighters.values())
    rng = hall.streams.generator("egress", SECURE_CASH_STREAM)
    secure = egress.secure_cash_s.sample(rng, clerks)
    return np.concatenate(
        [secure, np.zeros(guides + security), np.full(fighting, alarm.fight_left_s)]
    )


def evacuate_hall(hall: "Hall") -> EvacuationRecord:
    """Evacuate everyone inside ``hall`` now; return the record and log how it went."""
    alarm, now = hall.alarm, hall.env.now
    scenario = hall.scenario
    inside = [
        customer
        for customer, outcome in enumerate(hall.outcome)
        if outcome == Outcome.PENDING and hall.arrived[customer] and hall.arrival[customer] <= now
    ]
    for customer in range(len(hall.arrival)):
        if hall.arrival[customer] > now:
            hall.arrived[customer] = False  # the hall is cordoned off: they never come in
    staff_delays = _staff_delays(hall)
    group = np.concatenate(
        [np.full(len(inside), CUSTOMER), np.full(staff_delays.size, STAFF)]
    ).astype(np.int8)
    extra_delay = np.concatenate([np.zeros(len(inside)), staff_delays])
    result = evacuate(
        group,
        extra_delay,
        hall.disruptions.guides_on_floor(),
        scenario.site.exits,
        alarm.blocked,
        scenario.site.floor_area_m2,
        scenario.egress or DEFAULT_EGRESS,
        hall.streams,
    )
    for position, customer in enumerate(inside):
        hall.outcome[customer] = Outcome.EVACUATED
        hall.end[customer] = now + result.out_s[position] / 60
    hall.present = 0

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
    )
    _log_outcome(hall, record)
    return record


def _log_outcome(hall: "Hall", record: EvacuationRecord) -> None:
    """Log the end of the evacuation and the responders' arrival, at their own times."""
    people = record.group.size
    hall.log_at(record.complete_min, "action", "evacuation_complete", f"{people} people out")
    if not np.isnan(record.responders_s):
        still_inside = int(np.sum(record.out_s > record.responders_s))
        arrival = record.incident_min + record.responders_s / 60
        detail = f"on site at {format_clock(arrival)}; {still_inside} people still inside"
        hall.log_at(arrival, "emergency_call", "emergency_arrival", detail)

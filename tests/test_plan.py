"""Where a tabletop team stands against the plan: due, overdue, upcoming, done."""

from pathlib import Path

from simulator.engine.events import Event, EventKind
from simulator.model import load_scenario
from simulator.model.drill_record import Step
from simulator.tabletop.plan import Standing, clauses_now, due_times, happened

SCENARIOS = Path(__file__).parent.parent / "scenarios"
FIRE = load_scenario(SCENARIOS / "bank_fire_drill.yaml")
OUTAGE = load_scenario(SCENARIOS / "bank_system_outage.yaml")
IGNITION = Event(630.0, EventKind.INCIDENT, "fire", incident=0)
OUTAGE_START = Event(630.0, EventKind.INCIDENT, "system_outage", incident=0)


def standing(scenario, events, now, steps=()):
    found = clauses_now(scenario, (), tuple(steps), events, now)
    return {clause.rating.clause.id: clause.standing for clause in found}


def test_a_step_is_due_then_overdue_and_done_once_taken():
    assert standing(FIRE, [IGNITION], 629.0)["fire-fight"] is Standing.NOT_YET
    assert standing(FIRE, [IGNITION], 631.0)["fire-fight"] is Standing.DUE
    # Life safety: later than two minutes would rate M, so it is overdue at minute 3.
    assert standing(FIRE, [IGNITION], 633.0)["fire-fight"] is Standing.OVERDUE
    fought = [Step(630.0, "fight_fire")]
    assert standing(FIRE, [IGNITION], 633.0, fought)["fire-fight"] is Standing.DONE
    # The evacuation is not due before the three minutes are up.
    assert standing(FIRE, [IGNITION], 632.0)["fire-evacuate"] is Standing.NOT_YET


def test_a_report_due_later_in_an_outage_is_upcoming_until_its_deadline():
    at = standing(OUTAGE, [OUTAGE_START], 640.0)
    assert at["rule-4"] is Standing.UPCOMING and at["rule-1"] is Standing.DUE
    # Events after the moment are not known yet: an end at 11:05 does not make it not due.
    ended = [OUTAGE_START, Event(665.0, EventKind.INCIDENT_END, "system_outage", incident=0)]
    assert standing(OUTAGE, ended, 640.0)["rule-5"] is Standing.UPCOMING


def test_before_the_outage_is_injected_nothing_is_due_or_upcoming():
    # The scenario's outage starts at 10:30; at 09:00 the team must not learn it from a deadline.
    at_nine = standing(OUTAGE, [OUTAGE_START], 540.0)
    assert set(at_nine.values()) == {Standing.NOT_YET}


def test_the_day_stops_when_a_clause_falls_due_and_lists_what_happened_since():
    assert {630.0, 633.0} <= due_times(FIRE, (), (), [IGNITION])
    alarm = Event(633.0, EventKind.PROCEDURE, "evacuation_alarm", incident=0)
    action = Event(631.0, EventKind.ACTION, "escalate", rule=0)
    events = [IGNITION, action, alarm]
    assert happened(events, 630.0, 633.0) == [action]  # the alarm at 10:33 comes after the stop
    assert happened(events, 633.0, 640.0) == [alarm]

"""Rules that react to incidents: their state as the playbook's gauges read it."""

import math

import pytest
import simpy

from simulator.engine.events import EventKind
from simulator.engine.hall import simulate_day
from simulator.engine.situation import Situation
from simulator.engine.streams import Streams
from tests.factory import OPEN, hall, outage, rule, staff_incident, surge

TEN = OPEN + 60


def test_rules_fire_on_an_incident_its_duration_and_the_recovery_from_an_outage():
    scenario = hall(
        per_min=1.0,
        security=1,
        incidents=(
            staff_incident("siege", 60, 30),
            outage(120, 20),
            surge(200, 260, 2.0),
        ),
        playbook=(
            rule("siege_active >= 1", "notify_customers", message="a"),
            rule("siege_min >= 10", "escalate", to="中心经理"),
            rule("outage_ended_min <= 5", "notify_customers", message="b"),
            rule("surge_active >= 1 and siege_active == 0", "notify_customers", message="c"),
        ),
    )
    record = simulate_day(scenario, Streams(1, 0))
    by_rule = {}
    for event in record.events:
        if event.kind is EventKind.TRIGGER:
            by_rule.setdefault(event.rule, []).append(event.time)
    assert by_rule[0] == [TEN]
    assert by_rule[1] == [TEN + 10]
    assert by_rule[2] == [OPEN + 140]  # the minute the system came back, once
    assert by_rule[3] == [OPEN + 200]


def test_a_call_goes_to_an_incident_nobody_called_about_then_to_the_kind_its_rule_names():
    # The old situation tied every call to the oldest incident, even one already called.
    env = simpy.Environment()
    situation = Situation(env)
    situation.begin(0, "media")
    situation.begin(1, "disorder")
    situation.begin(2, "fight")
    assert situation.answered_by(110, frozenset({"fight"})) == 2
    situation.called(0)
    assert situation.answered_by(110) == 1
    situation.called(1)
    situation.called(2)
    assert situation.answered_by(110, frozenset({"disorder"})) == 1
    # A second rule on the fight (fight_min) calls about the fight again, not the uncalled
    # group complaint: calling would end that one with nobody having seen to it.
    situation.begin(3, "group_complaint")
    assert situation.answered_by(110, frozenset({"fight"})) == 2
    assert situation.answered_by(110) == 3


def test_outage_ended_min_waits_for_the_last_of_overlapping_outages():
    env = simpy.Environment()
    situation = Situation(env)
    situation.begin(0, "system_outage")
    situation.begin(1, "power_outage")
    env.run(until=5)
    situation.end(0)  # the system is back, the power still out: not recovered
    env.run(until=8)
    assert math.isnan(situation.minutes_since_outage())
    situation.end(1)
    env.run(until=10)
    assert situation.minutes_since_outage() == pytest.approx(2.0)


def test_the_situation_ties_a_call_to_the_oldest_incident_its_number_answers():
    env = simpy.Environment()
    situation = Situation(env)
    assert situation.answered_by(120) is None
    assert math.isnan(situation.minutes_since_outage())
    situation.begin(0, "disorder")
    situation.begin(1, "illness")
    situation.begin(2, "siege")
    assert (situation.answered_by(120), situation.answered_by(110)) == (1, 0)
    assert situation.answered_by(119) is None
    situation.end(0)
    assert situation.answered_by(110) == 2
    situation.begin(3, "system_outage")
    env.run(until=7)
    situation.end(3)
    env.run(until=10)
    assert situation.minutes_since_outage() == pytest.approx(3.0)
    assert situation.minutes("siege") == pytest.approx(10.0)
    assert situation.minutes("fire") == 0.0


def test_no_comparison_with_outage_ended_min_holds_before_an_outage_has_ended():
    scenario = hall(
        incidents=(outage(120, 20),),
        playbook=(rule("outage_ended_min != 1000", "notify_customers", message="x"),),
    )
    record = simulate_day(scenario, Streams(1, 0))
    (fired,) = [e.time for e in record.events if e.kind is EventKind.TRIGGER]
    assert fired == OPEN + 140

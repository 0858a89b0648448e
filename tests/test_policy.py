"""Policies: the playbook's own decisions, replayed as a script, give back the very same day."""

import numpy as np
import pytest

from simulator.engine.events import EventKind
from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.model import load_scenario
from simulator.model.actions import Escalate, OpenCounters, StopEntry
from simulator.model.decisions import Decision, matching_rule
from simulator.model.scenario import Reserve
from tests.factory import OPEN, hall, outage, rule
from tests.test_scenarios import SCENARIOS

RECORD_ARRAYS = ("arrival", "start", "end", "outcome", "channel", "counters_due")


def same_metrics(first: dict[str, float], second: dict[str, float]) -> bool:
    return all(first[k] == second[k] or (np.isnan(first[k]) and np.isnan(second[k])) for k in first)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda path: path.stem)
def test_replaying_the_playbooks_decisions_reproduces_the_day_exactly(path):
    scenario = load_scenario(path)
    for day in range(3):
        automatic = simulate_day(scenario, Streams(3, day))
        replayed = simulate_day(
            scenario, Streams(3, day), script=automatic.decisions, team_orders=False
        )
        for name in RECORD_ARRAYS:
            assert np.array_equal(
                getattr(automatic, name), getattr(replayed, name), equal_nan=True
            ), name
        assert same_metrics(day_metrics(scenario, automatic), day_metrics(scenario, replayed))
        played = [event for event in replayed.events if event.kind != "recommendation"]
        assert played == list(automatic.events)
        # In the shadow, the rules recommend exactly what they did on the automatic day.
        recommended = [(e.time, e.name) for e in replayed.events if e.kind == "recommendation"]
        assert recommended == [(e.time, e.name) for e in automatic.events if e.kind == "trigger"]


def test_the_replay_is_a_real_check_a_shifted_decision_changes_the_day():
    # Guard for the test above: the same decisions one minute later give another day.
    scenario = hall(
        per_min=2.0,
        counters=2,
        hours=3.0,
        reserve=Reserve(count=3, call_in_min=5.0),
        playbook=(rule("queue >= 10", "open_counters", count=3),),
    )
    automatic = simulate_day(scenario, Streams(1, 0))
    assert automatic.decisions, "the rule should fire"
    shifted = tuple(
        Decision(d.time_min + 1, d.taken, d.rule, d.until_min, d.who) for d in automatic.decisions
    )
    later = simulate_day(scenario, Streams(1, 0), script=shifted)
    assert not np.array_equal(automatic.start, later.start, equal_nan=True)


def test_a_script_without_decisions_leaves_the_hall_to_itself_but_logs_recommendations():
    scenario = hall(
        per_min=1.0,
        counters=1,
        hours=2.0,
        incidents=(outage(30, 40),),
        playbook=(rule("outage_min >= 30", "escalate", to="区域经理"),),
    )
    day = simulate_day(scenario, Streams(2, 0), script=())
    assert [e for e in day.events if e.kind in (EventKind.TRIGGER, EventKind.ACTION)] == []
    [recommendation] = [e for e in day.events if e.kind is EventKind.RECOMMENDATION]
    assert recommendation.time == OPEN + 60 and recommendation.rule == 0


def test_a_decision_takes_its_rules_parameters_unless_it_states_its_own():
    rules = (
        rule("queue >= 20", "open_counters", count=2),
        rule("outage_min >= 30", "escalate", to="区域经理", releases_reserve=2),
        rule("outage_min >= 60", "escalate", to="分行行长"),
    )
    assert matching_rule(rules, Escalate(to="分行行长")) == 2
    assert matching_rule(rules, Escalate(to="区域经理")) == 1
    assert matching_rule(rules, OpenCounters(count=5)) == -1
    assert matching_rule(rules, StopEntry()) == -1
    decision = Decision(OPEN + 45, Escalate(to="区域经理"), rule=1)
    assert decision.as_rule(rules).stated() == {"to": "区域经理", "releases_reserve": 2}
    own = Decision(OPEN + 45, OpenCounters(count=5), rule=3)
    assert own.as_rule(rules).stated() == {"count": 5} and own.as_rule(rules).when.startswith(
        "decision at 09:45"
    )
    assert own.as_rule(rules).condition is None

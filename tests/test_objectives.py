"""Objectives from event logs: deadlines, rules carried out or not, rules never exercised."""

import numpy as np
import pytest

from simulator.engine.events import DONE, ActionResult, ActionStatus, Event, EventKind, Reason
from simulator.metrics import METRIC_NAMES
from simulator.model.scenario import Reserve
from simulator.runner import RunResult, run_replications
from simulator.scoring import Rating, score_objectives
from tests.factory import OPEN, hall, outage, rule

TEN = OPEN + 60


def logged(scenario, days):
    """Return a RunResult whose days are the given event lists (its metrics do not matter)."""
    events = [(index, event) for index, day in enumerate(days) for event in day]
    values = {name: [0.0] * len(days) for name in METRIC_NAMES}
    return RunResult(scenario, 1, np.zeros(1), values, {}, events)


def outage_day(minutes, escalation_delay=None, to="中心综合组"):
    day = [
        Event(TEN, EventKind.INCIDENT, "system_outage", incident=0),
        Event(TEN + minutes, EventKind.INCIDENT_END, "system_outage", incident=0),
    ]
    if escalation_delay is not None:
        time = TEN + escalation_delay
        day.append(Event(time, EventKind.TRIGGER, "escalate", rule=0))
        day.append(Event(time, EventKind.ACTION, "escalate", rule=0, target=to, result=DONE))
    return day


ESCALATION = hall(playbook=(rule("outage_min >= 30", "escalate", to="中心综合组"),))


def deadline_rating(days):
    (objective,) = score_objectives(logged(ESCALATION, days))
    assert objective.kind == "deadline"
    return objective.rating


def test_an_escalation_at_minute_29_rates_p_at_45_m_and_never_u():
    assert deadline_rating([outage_day(90, 29)] * 10) == Rating.P
    assert deadline_rating([outage_day(90, 45)] * 10) == Rating.M
    assert deadline_rating([outage_day(90, None)] * 10) == Rating.U


def test_the_deadline_rating_is_the_one_reached_on_nine_days_in_ten():
    assert deadline_rating([outage_day(90, 29)] * 9 + [outage_day(90, 45)]) == Rating.P
    assert deadline_rating([outage_day(90, 29)] * 8 + [outage_day(90, 45)] * 2) == Rating.M


def test_outages_shorter_than_the_deadline_do_not_count():
    (objective,) = score_objectives(logged(ESCALATION, [outage_day(20)] * 5))
    assert objective.rating is None and "not exercised" in str(objective.tasks[0].evidence)


def test_an_automatic_playbook_meets_its_deadline():
    scenario = hall(
        incidents=(outage(60, 50),),
        playbook=(rule("outage_min >= 30", "escalate", to="中心综合组"),),
    )
    (objective,) = score_objectives(run_replications(scenario, 3, seed=1))
    assert objective.rating == Rating.P
    assert "reported on time in 3" in str(objective.tasks[0].evidence)


def test_calling_an_exhausted_reserve_lowers_the_rule_rating():
    scenario = hall(
        per_min=2.5,
        counters=2,
        reserve=Reserve(count=1, call_in_min=10),
        playbook=(rule("queue >= 8", "open_counters", count=1),),
    )
    (objective,) = score_objectives(run_replications(scenario, 4, seed=2))
    assert objective.rating in (Rating.M, Rating.U)
    evidence = objective.tasks[0].evidence
    assert "could not be carried out 53 times: no reserve staff left (53)" in str(evidence)
    assert "备用人员已用完" in evidence.text("zh")


def test_a_rule_that_never_fires_is_not_rated():
    scenario = hall(playbook=(rule("queue >= 1000", "notify_customers"),))
    (never,) = score_objectives(run_replications(scenario, 2, seed=1))
    assert never.rating is None and "never held" in str(never.tasks[0].evidence)


@pytest.mark.parametrize(
    ("action", "staff"), [("pre_register", {"guides": 0}), ("stop_entry", {"security": 0})]
)
def test_an_action_nobody_was_there_to_carry_out_is_rated_unable(action, staff):
    params = {"factor": 0.5} if action == "pre_register" else {}
    scenario = hall(playbook=(rule("time >= 10:00", action, **params),), **staff)
    (objective,) = score_objectives(run_replications(scenario, 3, seed=1))
    assert objective.rating == Rating.U
    assert "carried out 0 of 3" in str(objective.tasks[0].evidence)


def test_a_report_made_before_the_outage_does_not_meet_its_deadline():
    early = [
        Event(TEN - 5, EventKind.TRIGGER, "escalate", rule=0),
        Event(TEN - 5, EventKind.ACTION, "escalate", rule=0, target="中心综合组", result=DONE),
        *outage_day(90),
    ]
    assert deadline_rating([early] * 10) == Rating.U


def test_a_deadline_is_judged_at_the_scenarios_own_target_share():
    lenient = ESCALATION.model_copy(
        update={"limits": ESCALATION.limits.model_copy(update={"target_share": 0.7})}
    )
    days = [outage_day(90, 29)] * 7 + [outage_day(90, None)] * 3
    (objective,) = score_objectives(logged(lenient, days))
    assert objective.rating == Rating.P
    assert deadline_rating(days) == Rating.U  # at the default 90 %


def action(time, result, rule_index=0, name="take_callbacks"):
    return [
        Event(time, EventKind.TRIGGER, name, rule=rule_index),
        Event(time, EventKind.ACTION, name, rule=rule_index, result=result),
    ]


NOBODY = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NOBODY_WAITING, done=0)
TAKEN = ActionResult(ActionStatus.CARRIED_OUT, done=4)
CALLBACKS = hall(playbook=(rule("queue >= 10", "take_callbacks"),))


def test_firings_with_nothing_to_act_on_are_neither_done_nor_failed():
    days = [action(TEN, TAKEN) + action(TEN + 30, NOBODY)] * 2
    (objective,) = score_objectives(logged(CALLBACKS, days))
    assert objective.rating == Rating.P  # 2 of 2 judged firings done, not 2 of 4
    evidence = str(objective.tasks[0].evidence)
    assert "carried out 2 of 4" in evidence and "2 times there was nothing to act on" in evidence


def test_a_partial_result_rates_some_challenges_at_best_and_says_why():
    partly = ActionResult(ActionStatus.PARTLY, Reason.NO_GUIDE, 250, 9)
    (objective,) = score_objectives(logged(CALLBACKS, [action(TEN, partly)] * 3))
    assert objective.rating == Rating.S
    assert "3 of them only partly: no lobby guide on the floor (3)" in str(
        objective.tasks[0].evidence
    )


def test_people_who_order_what_the_playbook_calls_for_answer_it_even_with_nothing_to_act_on():
    recommendation = Event(TEN, EventKind.RECOMMENDATION, "take_callbacks", rule=0)
    days = [[recommendation, *action(TEN + 2, NOBODY)]] * 3
    result = logged(CALLBACKS, days)
    result.script = ()  # people decided; the rules ran in the shadow
    (objective,) = score_objectives(result)
    assert objective.rating == Rating.P
    unable = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NO_SECURITY)
    days = [[recommendation, *action(TEN + 2, unable)]] * 3
    result = logged(CALLBACKS, days)
    result.script = ()
    (objective,) = score_objectives(result)
    assert objective.rating == Rating.U  # the hall could not do it: the call stays open

"""A real drill rated from its log: the plan's clauses against the observed timeline."""

from pathlib import Path

import pytest

from simulator.model import load_scenario
from simulator.model.actions import RULES
from simulator.model.drill_log import read_drill_log, read_drill_log_text
from simulator.scoring.observed import ObservedScore, score_observed
from simulator.scoring.ratings import Rating

SCENARIOS = Path(__file__).parent.parent / "scenarios"
FIRE = load_scenario(SCENARIOS / "bank_fire_drill.yaml")
OUTAGE = load_scenario(SCENARIOS / "bank_system_outage.yaml")
PROMOTION = load_scenario(SCENARIOS / "promotion_day.yaml")
FIRE_STEPS = [
    "fire-report",
    "fire-fight",
    "fire-alarm",
    "fire-119",
    "fire-power",
    "fire-evacuate",
    "fire-cash",
    "fire-guide",
    "fire-headcount",
]
# Every fire step, on time: the report and the attempt at once, the rest as the three minutes end.
ON_TIME = """\
injects:
  - {at: "10:30", start: fire}
log:
  - {at: "10:30", do: escalate, to: 营业厅主任, who: 张三}
  - {at: "10:30", do: fight_fire, who: 李四}
  - {at: "10:33", do: sound_alarm, who: 张三}
  - {at: "10:33", do: call_emergency, number: 119, who: 张三}
  - {at: "10:33", do: cut_power, who: 王五}
  - {at: "10:33", do: evacuate, who: 赵六}
  - {at: "10:34", do: secure_cash, who: 王五}
  - {at: "10:36", do: guide_brigade, who: 钱七}
  - {at: "10:38", do: head_count, who: 赵六}
"""


def score(scenario, text: str) -> ObservedScore:
    return score_observed(read_drill_log_text(text, "log.yaml", scenario), scenario)


def ratings(observed: ObservedScore) -> dict[str, str | None]:
    return {c.clause.id: c.rating.value if c.rating else None for c in observed.clauses}


def test_a_fire_drill_where_nobody_did_anything_fails_every_step():
    observed = score(
        FIRE,
        'injects:\n  - {at: "10:30", start: fire}\nlog:\n'
        '  - {at: "10:31", do: notify_customers, message: 请保持镇静}\n',
    )
    assert ratings(observed) == dict.fromkeys(FIRE_STEPS, "U")
    assert observed.verdict is Rating.U


def test_a_fire_drill_with_every_step_on_time_is_performed_without_challenges():
    observed = score(FIRE, ON_TIME)
    assert ratings(observed) == dict.fromkeys(FIRE_STEPS, "P")
    assert observed.verdict is Rating.P


@pytest.mark.parametrize(
    ("line", "clause", "expected"),
    [
        # Life-safety steps at once: P within a minute of falling due, S within two, M later.
        ('{at: "10:34", do: evacuate}', "fire-evacuate", "P"),
        ('{at: "10:35", do: evacuate}', "fire-evacuate", "S"),
        ('{at: "10:36", do: evacuate}', "fire-evacuate", "M"),
        ('{at: "10:45", do: call_emergency, number: 119}', "fire-119", "M"),
        # 119 called before the three minutes were up: on time.
        ('{at: "10:31", do: call_emergency, number: 119}', "fire-119", "P"),
        # A call to 110 is not the call to 119.
        ('{at: "10:33", do: call_emergency, number: 110}', "fire-119", "U"),
        # First-aid fire fighting after the three minutes does not count.
        ('{at: "10:32", do: fight_fire}', "fire-fight", "S"),
        ('{at: "10:33", do: fight_fire}', "fire-fight", "M"),
        ('{at: "10:34", do: fight_fire}', "fire-fight", "U"),
        # Service steps at once: P within 5 minutes, S within 10, M later.
        ('{at: "10:41", do: guide_brigade}', "fire-guide", "S"),
        ('{at: "10:44", do: guide_brigade}', "fire-guide", "M"),
    ],
)
def test_a_late_step_rates_as_the_written_scale_says(line, clause, expected):
    observed = score(FIRE, f'injects:\n  - {{at: "10:30", start: fire}}\nlog:\n  - {line}\n')
    assert ratings(observed)[clause] == expected


def test_a_fire_put_out_within_three_minutes_needs_no_evacuation():
    observed = score(
        FIRE,
        'injects:\n  - {at: "10:30", start: fire}\n  - {at: "10:32", end: fire}\n'
        'log:\n  - {at: "10:30", do: fight_fire}\n  - {at: "10:30", do: escalate, to: 主任}\n',
    )
    found = ratings(observed)
    assert found["fire-fight"] == found["fire-report"] == "P"
    assert all(found[step] is None for step in FIRE_STEPS[2:])  # not applicable
    assert observed.verdict is Rating.P
    # The fire's stopwatch time says the same as an end inject.
    by_stopwatch = score(
        FIRE,
        'injects:\n  - {at: "10:30", start: fire}\nlog:\n  - {at: "10:30", do: fight_fire}\n'
        "observations:\n  - {measure: fire_out_s, value: 150}\n",
    )
    assert ratings(by_stopwatch)["fire-evacuate"] is None


def test_the_shipped_outage_log_rates_the_report_after_an_hour_not_applicable():
    log = read_drill_log(SCENARIOS / "logs" / "bank_system_outage.log.yaml", OUTAGE)
    observed = score_observed(log, OUTAGE)
    found = ratings(observed)
    # IT called at minute 4 of the outage: at once by the five-minute scale.
    assert found["rule-1"] == "P"
    # Reported at minute 41 against the 30-minute deadline (S up to minute 40).
    assert found["rule-4"] == "M"
    # The outage lasted 35 minutes: the 60-minute report never fell due.
    assert found["rule-5"] is None
    assert "60" in observed.clauses[4].evidence.text("en")
    assert observed.verdict is Rating.M
    csv = read_drill_log(SCENARIOS / "logs" / "bank_system_outage.log.csv", OUTAGE)
    assert ratings(score_observed(csv, OUTAGE)) == found


def test_without_injects_the_scenarios_times_are_taken_and_the_outage_never_ends():
    observed = score(OUTAGE, 'log:\n  - {at: "10:34", do: escalate, to: 技术维护部门}\n')
    assert observed.periods[0].assumed
    assert ratings(observed)["rule-5"] == "U"  # an outage not ended: every report fell due


def test_a_report_due_thirty_minutes_in_is_some_challenges_up_to_a_third_late():
    base = 'injects:\n  - {at: "10:30", start: system_outage}\nlog:\n'
    for at, expected in (("10:59", "P"), ("11:10", "S"), ("11:11", "M")):
        line = f'  - {{at: "{at}", do: escalate, to: 上级服务管理部门}}\n'
        assert ratings(score(OUTAGE, base + line))["rule-4"] == expected


def test_an_evaluators_rating_overrides_and_both_are_kept():
    observed = score(
        OUTAGE,
        'injects:\n  - {at: "10:30", start: system_outage}\n  - {at: "10:50", end: system_outage}\n'
        'log:\n  - {at: "10:45", do: escalate, to: 技术维护部门}\n'
        "observations:\n  - {clause: 1, rating: S, note: 电话打了但未说明故障现象}\n"
        "  - {clause: system_outage-callbacks, note: 没有登记电话}\n",
    )
    first = observed.clauses[0]
    assert (first.computed, first.evaluator, first.rating) == (Rating.M, Rating.S, Rating.S)
    assert first.evaluator_note == "电话打了但未说明故障现象"
    callbacks = next(c for c in observed.clauses if c.clause.id == "system_outage-callbacks")
    assert callbacks.rating is Rating.U and callbacks.evaluator_note == "没有登记电话"


@pytest.mark.parametrize(("seconds", "expected"), [(142, "P"), (200, "S"), (260, "M")])
def test_a_measured_egress_is_rated_against_the_limit(seconds, expected):
    observed = score(FIRE, f"log: []\nobservations:\n  - {{measure: egress_s, value: {seconds}}}\n")
    [measured] = observed.measured
    assert (measured.value, measured.limit, measured.rating.value) == (seconds, 180, expected)


def test_a_head_count_that_found_people_missing_is_major_challenges():
    text = ON_TIME + "observations:\n  - {measure: headcount_complete, value: false}\n"
    assert ratings(score(FIRE, text))["fire-headcount"] == "M"


def test_a_rule_on_the_queue_is_due_when_a_measured_queue_reached_it():
    measured = score(
        PROMOTION,
        'log:\n  - {at: "10:50", do: open_counters, count: 2}\n'
        'observations:\n  - {at: "10:40", measure: queue, value: 22}\n'
        '  - {at: "10:45", measure: queue, value: 31}\n',
    )
    first = measured.clauses[0]
    assert (first.due_min, first.done_min, first.rating) == (645.0, 650.0, Rating.P)
    unmeasured = score(PROMOTION, 'log:\n  - {at: "10:50", do: open_counters, count: 2}\n')
    assert unmeasured.clauses[0].rating is None
    assert "measured no queue" in unmeasured.clauses[0].evidence.text("en")


def test_the_drilled_day_has_the_injects_times_and_lengths():
    from simulator.model.distributions import Fixed
    from simulator.scoring.what_if import as_drilled

    log = read_drill_log(SCENARIOS / "logs" / "bank_system_outage.log.yaml", OUTAGE)
    [outage] = as_drilled(OUTAGE, log).incidents
    assert (outage.start_min, outage.start_delay_min, outage.duration_min) == (
        630.0,
        None,
        Fixed(value=35.0),
    )
    burning = read_drill_log_text('injects:\n  - {at: "10:40", start: fire}\nlog: []\n', "l", FIRE)
    [fire] = as_drilled(FIRE, burning).incidents
    assert (fire.start_min, fire.suppressed_prob, fire.detection_s) == (640.0, 0.0, Fixed(value=0))
    put_out = read_drill_log_text(
        'injects:\n  - {at: "10:40", start: fire}\n  - {at: "10:42", end: fire}\nlog: []\n',
        "l",
        FIRE,
    )
    [fire] = as_drilled(FIRE, put_out).incidents
    assert (fire.suppressed_prob, fire.suppression_s) == (1.0, Fixed(value=120.0))
    # Without injects the scenario's own day is played.
    assert as_drilled(FIRE, read_drill_log_text("log: []\n", "l", FIRE)) is FIRE


def test_longer_incidents_show_which_clauses_would_have_come_due():
    from simulator.api import run
    from simulator.scoring.what_if import longer_incidents

    log = read_drill_log(SCENARIOS / "logs" / "bank_system_outage.log.yaml", OUTAGE)
    result = run(OUTAGE, 12, 3, decisions=log.decisions).result
    odds = {clause.id: clause for clause in longer_incidents(log, result)}
    outages = [end - start for day in range(12) for start, end in [_outage(result, day)]]
    # The 60-minute report falls due on exactly the days the outage outlasted an hour, and the
    # team, who never made it, fails it on each of them.
    assert odds["rule-5"].due_days == sum(length >= 60 for length in outages) > 0
    assert odds["rule-5"].ratings["U"] == odds["rule-5"].due_days
    assert odds["rule-1"].due_days == 12 and odds["rule-1"].ratings["P"] == 12


def _outage(result, day):
    from simulator.engine.events import EventKind

    times = {
        event.kind: event.time
        for replication, event in result.events
        if replication == day and event.name == "system_outage"
    }
    return times[EventKind.INCIDENT], times[EventKind.INCIDENT_END]


def test_a_call_to_the_wrong_number_is_said_to_be_one_not_nothing():
    observed = score(
        FIRE,
        'injects:\n  - {at: "10:30", start: fire}\nlog:\n'
        '  - {at: "10:33", do: call_emergency, number: 110, who: 张三}\n',
    )
    [call] = [c for c in observed.clauses if c.clause.id == "fire-119"]
    assert call.rating is Rating.U
    assert call.evidence.text("zh") == "10:33 起应执行；日志中 10:33 的是 110，不是本条要求的 119"


def test_an_evaluators_rating_of_a_clause_that_never_came_due_is_flagged():
    observed = score(
        FIRE,
        'injects:\n  - {at: "10:30", start: fire}\n  - {at: "10:32", end: fire}\n'
        'log:\n  - {at: "10:30", do: fight_fire}\nobservations:\n  - {clause: "6", rating: U}\n',
    )
    evacuate = observed.clauses[5]
    assert (evacuate.computed, evacuate.rating) == (None, Rating.U)
    assert "请核对条款序号" in evacuate.evidence.text("zh")
    assert "未记录执行人" in observed.clauses[1].evidence.text("zh")


def test_one_report_carries_out_one_clause_not_every_report_due():
    bare = OUTAGE.model_copy(update={"playbook": ()})  # the plan's own outage clauses only
    observed = score(
        bare,
        'injects:\n  - {at: "10:30", start: system_outage}\n  - {at: "11:45", end: system_outage}\n'
        'log:\n  - {at: "10:32", do: escalate, to: 技术维护部门}\n',
    )
    found = ratings(observed)
    # The call to IT is the first report; the reports due after 30 and 60 minutes were not made.
    assert found["system_outage-contact"] == "P"
    assert found["system_outage-30"] == found["system_outage-60"] == "U"


def test_a_condition_on_what_a_log_cannot_know_is_cannot_tell_not_never():
    scenario = load_scenario(SCENARIOS / "promotion_power_outage.yaml")
    rules = [c for c in score(scenario, "log: []\n").clauses if "density" in c.clause.when]
    assert rules and all(rule.rating is None for rule in rules)
    assert all("cannot tell" in rule.evidence.text("en") for rule in rules)


def test_a_rule_on_the_time_can_hold_from_opening():
    rule = RULES["notify_customers"](when="time < 10:00")
    early = OUTAGE.model_copy(update={"playbook": (rule,)})
    observed = score(early, 'log:\n  - {at: "09:03", do: notify_customers}\n')
    assert observed.clauses[0].due_min == 9 * 60 and observed.clauses[0].rating is Rating.P


def test_without_injects_an_incident_set_off_by_waits_is_not_assumed():
    scenario = load_scenario(SCENARIOS / "hall_incidents.yaml")
    periods = score(scenario, "log: []\n").periods
    by_waits = {
        index
        for index, incident in enumerate(scenario.incidents)
        if getattr(incident, "from_waits", None) is not None
    }
    assert by_waits and not by_waits & {period.incident for period in periods}


def test_each_incident_of_a_kind_is_its_own_occasion():
    observed = score(
        OUTAGE,
        'injects:\n  - {at: "10:30", start: system_outage}\n  - {at: "10:50", end: system_outage}\n'
        '  - {at: "14:00", start: system_outage}\n  - {at: "15:30", end: system_outage}\n'
        'log:\n  - {at: "10:32", do: escalate, to: 技术维护部门}\n',
    )
    contact = observed.clauses[0]
    # The first outage was reported at once; the second never: the clause is failed.
    assert contact.rating is Rating.U and contact.due_min == 14 * 60 + 1
    assert contact.evidence.text("en").startswith("2 occasions; the worst, number 2")


def test_a_line_of_a_later_occasion_is_not_spent_on_an_earlier_one():
    observed = score(
        OUTAGE,
        'injects:\n  - {at: "10:30", start: system_outage}\n  - {at: "10:45", end: system_outage}\n'
        '  - {at: "14:00", start: system_outage}\n  - {at: "14:40", end: system_outage}\n'
        'log:\n  - {at: "14:02", do: notify_customers}\n  - {at: "14:20", do: notify_customers}\n',
    )
    notify = observed.clauses[1]  # nothing told the customers during the first outage
    assert notify.rating is Rating.U and notify.due_min == 631.0


def test_decisions_are_tied_to_the_rule_they_carried_out_by_identity_never_against_a_pin():
    from simulator.scoring.observed import with_rules_as_rated

    log = read_drill_log_text(
        'injects:\n  - {at: "10:30", start: system_outage}\n  - {at: "11:05", end: system_outage}\n'
        "log:\n"
        '  - {at: "10:34", do: escalate, to: 上级服务管理部门}\n'
        '  - {at: "10:34", do: escalate, to: 技术维护部门}\n'
        '  - {at: "11:08", do: escalate, to: 上级服务管理部门, rule: 4}\n',
        "log.yaml",
        OUTAGE,
    )
    tied = with_rules_as_rated(log, score_observed(log, OUTAGE))
    rules = {(d.time_min, d.params["to"]): d.rule + 1 for d in tied.decisions}
    assert rules[(634.0, "技术维护部门")] == 1  # the call to IT is rule 1's, whatever its order
    assert rules[(668.0, "上级服务管理部门")] == 4  # pinned by the log


def test_a_clause_of_the_halls_own_without_a_note_is_named_by_its_action():
    from simulator.model.clauses import ClauseChange

    own = ClauseChange(id="mine", do="keep_order", when="outage_min >= 5")
    scenario = OUTAGE.model_copy(update={"procedure": (own,)})
    last = score(scenario, "log: []\n").clauses[-1]
    assert last.clause.id == "mine" and last.name.text("zh") == "维持现场秩序"


def test_an_order_the_played_day_could_not_carry_out_is_not_done_with_its_reason():
    from simulator.engine.events import ActionResult, ActionStatus, Event, EventKind, Reason
    from simulator.scoring.observed import failed_actions

    empty = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.RESERVE_EXHAUSTED, 2, 0)
    events = [Event(650.0, EventKind.ACTION, "open_counters", rule=0, result=empty)]
    log = read_drill_log_text(
        'log:\n  - {at: "10:50", do: open_counters, count: 2}\n'
        'observations:\n  - {at: "10:45", measure: queue, value: 31}\n',
        "l",
        PROMOTION,
    )
    counters = score_observed(log, PROMOTION, failed_actions(events)).clauses[0]
    assert counters.rating is Rating.U and counters.done_min is None
    assert (
        counters.evidence.text("zh")
        == "10:45 起应执行；10:50 下达了该措施，但未能执行（备用人员已用完）"
    )
    # The same order carried out counts as done.
    assert score_observed(log, PROMOTION).clauses[0].rating is Rating.P

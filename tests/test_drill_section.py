"""The brief's drill section: decisions as taken, and the team's day beside the playbook's."""

from simulator.report.drill_section import EVACUATION_OUTCOME, OUTCOME_METRICS, drill_section


def drill(decisions, outcome=None):
    return {"kind": "play", "decisions": decisions, "outcome": outcome, "participants": {}}


def row(action, **extra):
    base = {"time": "09:00", "action": action, "params": {}, "until": None, "who": "李娜"}
    return {**base, "rule": None, "planned": None, "deviation_min": None, **extra}


def test_a_played_decision_that_did_nothing_says_why_and_one_that_worked_does_not():
    section = drill_section(
        drill([row("evacuate", not_done="nothing_to_evacuate"), row("notify_customers")]), 1, "zh"
    )
    undone, done = (line["measure"] for line in section["rows"])
    assert undone == "组织疏散 (未能执行：当时没有任何事件，无需疏散)"
    assert done == "告知客户"


def test_the_evacuation_is_compared_only_when_either_day_evacuated():
    waits = dict.fromkeys(OUTCOME_METRICS, 1.0)
    calm = {"team": waits, "playbook": waits}
    assert len(drill_section(drill([], calm), 1, "en")["outcome"]) == len(OUTCOME_METRICS)
    evacuated = {
        "team": {**waits, "evacuation_s": 705.0, "past_aset_day_share": 0.8},
        "playbook": {**waits, "evacuation_s": 304.0, "past_aset_day_share": 0.0},
    }
    rows = drill_section(drill([], evacuated), 1, "zh")["outcome"]
    assert len(rows) == len(OUTCOME_METRICS) + len(EVACUATION_OUTCOME)
    aset = rows[len(OUTCOME_METRICS) + 2]
    assert (aset["team"], aset["playbook"]) == ("80.0%", "0.0%")

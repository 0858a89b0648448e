"""Chinese action names in do: — the catalogue's, read as the engine's own, in rules and logs."""

from pathlib import Path

import pytest

from simulator.model import ScenarioError, load_scenario, load_scenario_text
from simulator.model.action_aliases import ACTIONS_ZH, english_action
from simulator.model.actions import ACTIONS
from simulator.model.clauses import STEPS
from simulator.model.drill_log import read_drill_log_text

SCENARIOS = Path(__file__).parent.parent / "scenarios"


def test_every_action_and_step_has_one_chinese_name():
    assert sorted(ACTIONS_ZH.values()) == sorted([*ACTIONS, *STEPS])


def test_a_rule_may_name_its_action_in_chinese():
    text = (SCENARIOS / "bank_system_outage.yaml").read_text(encoding="utf-8")
    chinese = text.replace("do: escalate, to: 技术维护部门", "do: 上报, to: 技术维护部门", 1)
    assert chinese != text
    english = load_scenario_text(text, "a.yaml").playbook
    assert load_scenario_text(chinese, "b.yaml").playbook == english


def test_a_log_line_may_name_its_action_or_step_in_chinese():
    scenario = load_scenario(SCENARIOS / "bank_fire_drill.yaml")
    log = read_drill_log_text(
        'log:\n  - {at: "10:31", do: 扑救初起火灾, who: 王强}\n'
        '  - {at: "10:34", do: 组织疏散, who: 李娜}\n',
        "log.yaml",
        scenario,
    )
    assert [step.do for step in log.steps] == ["fight_fire"]
    assert [decision.action for decision in log.decisions] == ["evacuate"]


def test_a_name_that_is_no_action_is_said_as_written():
    text = (SCENARIOS / "bank_system_outage.yaml").read_text(encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(text.replace("do: escalate", "do: 上级报告", 1), "c.yaml")
    assert "'上级报告'" in str(raised.value.problems[0])
    assert english_action({"do": 3}) == {"do": 3}  # not a name at all: left to the model

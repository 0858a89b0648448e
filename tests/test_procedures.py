"""A scenario's clauses: the playbook's rules, the plans' built-in procedure, its own changes."""

from pathlib import Path

import pytest

from simulator.model import ScenarioError, load_scenario, load_scenario_text
from simulator.model.clauses import Urgency
from simulator.model.drill_log import read_drill_log_text
from simulator.model.procedures import clauses_of
from simulator.scoring.observed import score_observed

SCENARIOS = Path(__file__).parent.parent / "scenarios"
FIRE_TEXT = (SCENARIOS / "bank_fire_drill.yaml").read_text(encoding="utf-8")
OUTAGE = load_scenario(SCENARIOS / "bank_system_outage.yaml")


def fire_with(procedure: str) -> str:
    return FIRE_TEXT.replace("\nlimits:", f"\nprocedure:\n{procedure}\nlimits:", 1)


def ids(scenario) -> list[str]:
    return [clause.id for clause in clauses_of(scenario)]


def test_the_playbooks_own_rules_replace_the_built_in_clauses_they_cover():
    # The outage scenario's rules report, notify and redirect; only the phone numbers are left
    # of the built-in outage procedure.
    assert ids(OUTAGE) == [f"rule-{n}" for n in range(1, 7)] + ["system_outage-callbacks"]
    [report] = [c for c in clauses_of(OUTAGE) if c.id == "rule-4"]
    assert report.urgency is Urgency.DEADLINE and report.match == (("to", "上级服务管理部门"),)


def test_the_fire_alarm_is_due_at_once_when_the_scenario_sounds_it_at_detection():
    fire = load_scenario(SCENARIOS / "bank_fire_drill.yaml")
    at_once = fire.variants["报警即疏散"]
    alarm = [
        next(c for c in clauses_of(scenario) if c.id == "fire-alarm").when
        for scenario in (fire, at_once)
    ]
    assert alarm == ["fire_min >= 3", "fire_active >= 1"]


def test_a_scenario_drops_changes_and_adds_clauses():
    scenario = load_scenario_text(
        fire_with(
            "  - {clause: fire-guide, drop: true}\n"
            '  - {clause: fire-alarm, when: "fire_active >= 1", note: 发现火情立即按下报警按钮}\n'
            '  - {id: vault-guard, do: keep_order, when: "fire_min >= 3", urgency: life,\n'
            "     note: 迅速组织警力，加强金库的武装守护}"
        ),
        "fire.yaml",
    )
    clauses = {clause.id: clause for clause in clauses_of(scenario)}
    assert "fire-guide" not in clauses and list(clauses)[-1] == "vault-guard"
    assert clauses["fire-alarm"].when == "fire_active >= 1"
    log = read_drill_log_text(
        'injects:\n  - {at: "10:30", start: fire}\nlog:\n  - {at: "10:30", do: sound_alarm}\n'
        '  - {at: "10:36", do: keep_order}\n',
        "log.yaml",
        scenario,
    )
    rated = {c.clause.id: c for c in score_observed(log, scenario).clauses}
    assert rated["fire-alarm"].rating.value == "P"  # at once now, and done at once
    assert rated["vault-guard"].rating.value == "M"  # 3 minutes late on the life scale
    assert (
        rated["vault-guard"].name.text("zh") == "迅速组织警力，加强金库的武装守护（维持现场秩序）"
    )


@pytest.mark.parametrize(
    ("procedure", "expected"),
    [
        (
            "  - {clause: fire-119x, drop: true}",
            "no built-in clause 'fire-119x'; did you mean 'fire-119'?",
        ),
        ('  - {id: mine, when: "fire_min >= 3"}', "the clause mine of your own needs do"),
        ("  - {clause: fire-119, id: mine}", "give either clause"),
        ('  - {id: mine, do: keep_order, when: "fire_min >>= 3"}', "procedure[0].when"),
        ('  - {id: mine, do: keep_ordr, when: "fire_min >= 3"}', "procedure[0].do"),
    ],
)
def test_a_bad_procedure_entry_names_file_line_and_key(procedure, expected):
    text = fire_with(procedure).replace("language: zh", "language: en")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "fire.yaml")
    found = "\n".join(str(problem) for problem in caught.value.problems)
    assert expected in found and "fire.yaml:" in found


def test_a_change_that_changes_nothing_is_warned_of():
    outage_text = (SCENARIOS / "bank_system_outage.yaml").read_text(encoding="utf-8")
    text = outage_text.replace(
        "\nlimits:",
        "\nprocedure:\n  - {clause: fire-119, drop: true}\n"
        '  - {id: rule-1, do: keep_order, when: "outage_min >= 5"}\nlimits:',
        1,
    ).replace("language: zh", "language: en")
    warnings = {
        warning.key: warning.message.text("en")
        for warning in load_scenario_text(text, "o.yaml").warnings
    }
    assert "no clause fire-119" in warnings["procedure[0].clause"]
    assert "rule-1 is taken" in warnings["procedure[1].id"]

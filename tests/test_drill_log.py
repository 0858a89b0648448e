"""Reading a drill's log: YAML and CSV alike, every problem with file, line and key."""

from dataclasses import replace
from pathlib import Path

import pytest

from simulator.model import ScenarioError, load_scenario
from simulator.model.drill_log import DrillLog, drill_log_yaml, read_drill_log, read_entry

SCENARIOS = Path(__file__).parent.parent / "scenarios"
OUTAGE = load_scenario(SCENARIOS / "bank_system_outage.yaml")
# The log's problems come in the scenario's language; these tests read the English wording.
OUTAGE_EN = OUTAGE.model_copy(update={"language": "en"})


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        read_drill_log(path, OUTAGE_EN)
    return [str(problem) for problem in caught.value.problems]


def test_the_shipped_logs_read_the_same_in_yaml_and_csv():
    yaml_log = read_drill_log(SCENARIOS / "logs" / "bank_system_outage.log.yaml", OUTAGE)
    csv_log = read_drill_log(SCENARIOS / "logs" / "bank_system_outage.log.csv", OUTAGE)
    strip = [(d.time_min, d.action, d.params, d.rule, d.who) for d in yaml_log.decisions]
    assert strip == [(d.time_min, d.action, d.params, d.rule, d.who) for d in csv_log.decisions]
    # Matched to the rules; calling customers back is the plan's, not a playbook rule.
    assert [d.rule for d in yaml_log.decisions] == [0, 1, 6, 2, 3, 3]
    assert yaml_log.decisions[3].until_min == 12 * 60
    assert yaml_log.participants["players"] == ["大堂经理 李娜", "柜员 王强", "引导员 赵敏"]
    assert csv_log.decisions[4].line == 9  # the CSV's own line numbers
    # The injects, the measured queue and the evaluator's note read the same from both.
    for part in ("injects", "measurements", "notes"):
        assert [replace(x, line=None) for x in getattr(yaml_log, part)] == [
            replace(x, line=None) for x in getattr(csv_log, part)
        ]
    assert [(i.time_min, i.kind, i.starts) for i in csv_log.injects] == [
        (630.0, "system_outage", True),
        (665.0, "system_outage", False),
    ]
    assert [i.line for i in csv_log.injects] == [2, 8]
    assert [n.line for n in csv_log.notes] == [11]


def test_a_log_written_out_reads_back_to_the_same_decisions(tmp_path):
    log = read_drill_log(SCENARIOS / "logs" / "bank_system_outage.log.yaml", OUTAGE)
    again = read_drill_log(write(tmp_path, "again.yaml", drill_log_yaml(log, OUTAGE)), OUTAGE)
    fields = [(d.time_min, d.action, d.params, d.rule, d.until_min, d.who) for d in log.decisions]
    assert fields == [
        (d.time_min, d.action, d.params, d.rule, d.until_min, d.who) for d in again.decisions
    ]
    assert (again.title, again.date, again.participants) == (log.title, log.date, log.participants)
    empty = DrillLog(())
    assert read_drill_log(write(tmp_path, "e.yaml", drill_log_yaml(empty, OUTAGE)), OUTAGE) == (
        DrillLog((), {}, "", "", str(tmp_path / "e.yaml"))
    )


def test_an_action_no_rule_foresaw_gets_its_own_index(tmp_path):
    path = write(
        tmp_path,
        "own.yaml",
        'log:\n  - {at: "10:40", do: take_callbacks, share: 0.5}\n'
        '  - {at: "10:35", do: escalate, to: 行长}\n',
    )
    decisions = read_drill_log(path, OUTAGE).decisions
    rules = len(OUTAGE.playbook)
    assert [(d.action, d.rule) for d in decisions] == [
        ("escalate", rules),  # sorted by time
        ("take_callbacks", rules + 1),
    ]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "typo.yaml",
            'log:\n  - {at: "10:30", do: escalte, to: 行长}\n',
            "typo.yaml:2 log[0].do: unknown action 'escalte'; did you mean 'escalate'?",
        ),
        (
            "early.yaml",
            'log:\n  - {at: "10:30", do: stop_entry}\n  - {at: "08:10", do: stop_entry}\n',
            "early.yaml:3 log[1].at: 08:10 is outside opening hours 09:00–17:00",
        ),
        (
            "late.yaml",
            'log:\n  - {at: "21:00", do: stop_entry}\n',
            "late.yaml:2 log[0].at: 21:00 is outside opening hours",
        ),
        (
            "param.yaml",
            'log:\n  - {at: "10:30", do: open_counters, cout: 2}\n',
            "param.yaml:2 log[0].cout: unknown open_counters parameter 'cout'",
        ),
        (
            "missing.yaml",
            'log:\n  - {at: "10:30", do: open_counters}\n',
            "missing.yaml:2 log[0].count: is required but missing",
        ),
        (
            "until.yaml",
            'log:\n  - {at: "10:30", do: escalate, to: 行长, until: "11:00"}\n',
            "until.yaml:2 log[0].until: only pre_register, redirect, stop_entry stay in force",
        ),
        (
            "rule.yaml",
            'log:\n  - {at: "10:30", do: stop_entry, rule: 1}\n',
            "rule.yaml:2 log[0].rule: rule 1 does escalate, not stop_entry",
        ),
        (
            "nolog.yaml",
            "drill: 演练\n",
            "nolog.yaml:1 log: is required but missing; list the actions like {at: ",
        ),
        ("broken.yaml", "log: [\n", "broken.yaml:2"),
        (
            "header.csv",
            "when,what\n10:30,stop_entry\n",
            "header.csv:1: no column time, action; the header must be time,action,params,who",
        ),
        (
            "pairs.csv",
            "time,action,params\n10:30,open_counters,count 2\n",
            "pairs.csv:2 params: parameter 'count 2' is not key=value",
        ),
        (
            "extra.csv",
            "time,action,params\n10:30,stop_entry,,張三\n",
            "extra.csv:2: 4 cells but the header names 3 columns",
        ),
        (
            "list.yaml",
            '- {at: "10:30", do: stop_entry}\n',
            "list.yaml:1: a log is a mapping: put the actions under `log:`",
        ),
        (
            "cells.csv",
            "time,action,params\n10:30,open_counters,count=two\n",
            "cells.csv:2 log[0].count: must be a whole number",
        ),
        (
            "inject.yaml",
            'injects:\n  - {at: "10:30", begin: system_outage}\nlog: []\n',
            "inject.yaml:2 injects[0].begin: unknown inject key 'begin'",
        ),
        (
            "neither.yaml",
            'injects:\n  - {at: "10:30"}\nlog: []\n',
            "neither.yaml:2 injects[0]: each inject gives either start (the incident begins)",
        ),
        (
            "nofire.yaml",
            'log: []\ninjects:\n  - {at: "10:30", start: fire}\n',
            "nofire.yaml:3 injects[0].start: the scenario has no fire incident to match",
        ),
        (
            "unstarted.yaml",
            'injects:\n  - {at: "11:05", end: system_outage}\nlog: []\n',
            "unstarted.yaml:2 injects[0].end: ends a system_outage that no earlier inject started",
        ),
        (
            "backwards.yaml",
            'injects:\n  - {at: "10:30", start: system_outage}\n'
            '  - {at: "10:20", end: system_outage}\nlog: []\n',
            "backwards.yaml:3 injects[1].at: the system_outage ends at 10:20, before it starts at",
        ),
        (
            "twice.yaml",
            'injects:\n  - {at: "10:30", start: system_outage}\n'
            '  - {at: "10:40", start: system_outage}\nlog: []\n',
            "twice.yaml:3 injects[1].start: the scenario's incident 1 (system_outage) has already",
        ),
        (
            "kind.yaml",
            'injects:\n  - {at: "10:30", start: fier}\nlog: []\n',
            "kind.yaml:2 injects[0].start: ",
        ),
        (
            "clause.yaml",
            "log: []\nobservations:\n  - {clause: 12, rating: S}\n",
            "clause.yaml:3 observations[0].clause: no clause 12: clauses are numbered 1–7",
        ),
        (
            "clause_id.yaml",
            "log: []\nobservations:\n  - {clause: fire-119, rating: S}\n",
            "clause_id.yaml:3 observations[0].clause: no clause fire-119",
        ),
        (
            "rating.yaml",
            "log: []\nobservations:\n  - {clause: 3, rating: X}\n",
            "rating.yaml:3 observations[0].rating: ",
        ),
        (
            "measure.yaml",
            "log: []\nobservations:\n  - {measure: egres_s, value: 140}\n",
            "measure.yaml:3 observations[0].measure: ",
        ),
        (
            "headcount.yaml",
            "log: []\nobservations:\n  - {measure: headcount_complete, value: 3}\n",
            "headcount.yaml:3 observations[0].value: headcount_complete takes true/false",
        ),
        (
            "both.yaml",
            "log: []\nobservations:\n  - {measure: queue, value: 3, clause: 2}\n",
            "both.yaml:3 observations[0]: an observation is a measurement",
        ),
        (
            "step.yaml",
            'log:\n  - {at: "10:30", do: evacuate, until: "11:00"}\n',
            "step.yaml:2 log[0].until: only pre_register, redirect, stop_entry stay in force",
        ),
        (
            "inject.csv",
            "time,action,params\n10:30,inject,start=fier\n",
            "inject.csv:2 injects[0].start: ",
        ),
        (
            "measure.csv",
            "time,action,params\n10:30,stop_entry,\n10:45,measure,queue=many\n",
            "measure.csv:3 observations[0].value: ",
        ),
    ],
)
def test_a_bad_log_names_file_line_and_key(tmp_path, name, text, expected):
    found = problems(write(tmp_path, name, text))
    assert any(f"{tmp_path / expected}" in problem for problem in found), found


def test_a_missing_or_binary_log_is_reported(tmp_path):
    assert problems(tmp_path / "nowhere.yaml") == [f"{tmp_path / 'nowhere.yaml'}: no such file"]
    binary = tmp_path / "log.csv"
    binary.write_bytes(b"time,action\n\xff\xfe")
    assert problems(binary) == [f"{binary}:2: is not UTF-8 text (byte 0xff); save it as UTF-8"]


def test_a_console_entry_is_checked_like_a_log_line():
    decision = read_entry({"at": "10:40", "do": "open_counters", "count": 2}, OUTAGE)
    assert (decision.time_min, decision.params) == (640.0, {"count": 2})
    with pytest.raises(ScenarioError, match="must be at least 1"):
        read_entry({"at": "10:40", "do": "open_counters", "count": 0}, OUTAGE_EN)
    with pytest.raises(ScenarioError, match="必须至少为 1"):
        read_entry({"at": "10:40", "do": "open_counters", "count": 0}, OUTAGE)


def test_a_chinese_scenario_gets_its_log_problems_in_chinese(tmp_path):
    path = write(tmp_path, "typo.yaml", 'log:\n  - {at: "10:30", do: escalte, to: 行长}\n')
    with pytest.raises(ScenarioError) as caught:
        read_drill_log(path, OUTAGE)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}:2 log[0].do: 未知的措施 'escalte'；是否应为 'escalate'？"
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [("2026-11-20", "2026-11-20"), ("2026/11/2", "2026-11-02"), ("2026年11月20日", "2026-11-20")],
)
def test_a_log_date_is_read_in_the_ways_people_write_it(tmp_path, written, read):
    path = write(tmp_path, "d.yaml", f"date: {written}\nlog: []\n")
    assert read_drill_log(path, OUTAGE).date == read


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2026-02-30", "'2026-02-30'"),
        ("2026-13-01", "'2026-13-01'"),
        ("next tuesday", "'next tuesday'"),
        ("20261120", "20261120"),
    ],
)
def test_an_impossible_date_is_a_problem_at_its_line(tmp_path, written, shown):
    path = write(tmp_path, "d.yaml", f"log: []\ndate: {written}\n")
    assert problems(path) == [f"{path}:2 date: must be a date like 2026-11-20, got {shown}"]


def test_csv_parameters_are_read_as_the_yaml_reads_them(tmp_path):
    path = write(
        tmp_path,
        "l.csv",
        "time,action,params,who\n10:05,redirect,to=kiosks; share=0.2; until=12:00,王五\n",
    )
    (decision,) = read_drill_log(path, OUTAGE).decisions
    assert decision.until_min == 12 * 60 and decision.params["share"] == 0.2


@pytest.mark.parametrize(
    ("params", "key", "column"),
    [("at=11:59", "at", "time"), ("do=stop_entry", "do", "action"), ("who=李四", "who", "who")],
)
def test_a_csv_row_cannot_set_its_own_columns_in_params(tmp_path, params, key, column):
    path = write(
        tmp_path, "l.csv", f"time,action,params,who\n10:34,escalate,to=行长;{params},王五\n"
    )
    assert problems(path) == [
        f"{path}:2 params.{key}: {key} belongs in the {column} column, not in params"
    ]


def test_a_redirect_logged_without_its_share_takes_the_rules_or_the_documented_default(tmp_path):
    matched = read_drill_log(
        write(tmp_path, "a.yaml", 'log:\n  - {at: "10:52", do: redirect, to: 城北支行}\n'), OUTAGE
    )
    [decision] = matched.decisions
    assert decision.as_rule(OUTAGE.playbook).share == 0.3  # rule 3's own
    alone = OUTAGE.model_copy(update={"playbook": ()})
    [decision] = read_drill_log(tmp_path / "a.yaml", alone).decisions
    assert decision.as_rule(alone.playbook).share == 0.25

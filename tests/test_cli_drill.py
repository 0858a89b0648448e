"""``drill score`` and ``drill history`` through click's CliRunner."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

SCENARIOS = Path(__file__).parent.parent / "scenarios"
OUTAGE = SCENARIOS / "bank_system_outage.yaml"
LOG = SCENARIOS / "logs" / "bank_system_outage.log.yaml"
DEADLINE_30 = "故障超过30分钟上报"  # the note of the 30-minute escalation rule


def invoke(*arguments):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments])


def objective(run: Path, note: str) -> dict:
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    [found] = [item for item in summary["objectives"] if item["name"].startswith(note)]
    return found


def escalation_log(tmp_path: Path, clock: str | None) -> Path:
    """Write a log of the outage drill reporting to 上级服务管理部门 at ``clock`` (or never)."""
    lines = ["log:", '  - {at: "10:31", do: escalate, to: 技术维护部门}']
    if clock:
        lines.append(f'  - {{at: "{clock}", do: escalate, to: 上级服务管理部门, who: 李娜}}')
    path = tmp_path / f"log-{clock or 'none'}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("clock", "rating"),
    [("10:58", "P"), ("11:05", "S"), ("11:11", "M"), (None, "U")],
)
def test_a_late_escalation_is_rated_as_the_deadline_rules_say(tmp_path, clock, rating):
    # The outage starts at 10:30; the rule says report within 30 minutes. Up to a third late
    # (minute 40) is S, later M, never U (docs/scoring.md).
    out = tmp_path / "run"
    arguments = ("score", OUTAGE, escalation_log(tmp_path, clock), "-n", "20", "--no-brief")
    result = invoke(*arguments, "--out", out)
    assert result.exit_code == 0, result.output
    assert objective(out, DEADLINE_30)["rating"] == rating


def test_score_records_the_drill_with_timings_and_writes_a_brief(tmp_path):
    out = tmp_path / "run"
    result = invoke("score", OUTAGE, LOG, "-n", "20", "--out", out)
    assert result.exit_code == 0, result.output
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    assert drill["kind"] == "score" and drill["date"] == "2026-11-20"
    late = drill["decisions"][4]
    # Minute 41 of the outage against the 30-minute rule: 11:11 against 11:00.
    assert (late["time"], late["rule"], late["planned"], late["deviation_min"]) == (
        "11:11",
        4,
        "11:00",
        11.0,
    )
    assert (out / "drill_log.yaml").read_text(encoding="utf-8") == LOG.read_text(encoding="utf-8")
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "## 九、演练决策记录" in brief
    assert (
        "| 11:11 | 上报 (上报对象：上级服务管理部门) | 大堂经理 李娜 | 第 4 条 | 11:00 | +11 |"
        in brief
    )
    assert "导调：陈主任；参演：大堂经理 李娜、柜员 王强、引导员 赵敏" in brief
    assert "| 报告日期 | 2026-11-20 |" in brief

    listed = invoke("history", "--results", tmp_path)
    assert listed.exit_code == 0, listed.output
    [line] = [row for row in listed.output.splitlines() if row.startswith("2026-11-20")]
    # The register's line: the drill's own title beside the scenario's name.
    assert (
        "score" in line
        and "核心系统故障应急演练（业务系统故障演练 — 城南支行）" in line
        and "陈主任" in line
    )
    # The verdict is the log's, not the simulation's: the 30-minute report came 11 minutes
    # late (M); the 60-minute one never fell due in a 35-minute outage.
    assert line.split()[2] == "M" and drill["verdict"] == "M"
    clauses = {clause["id"]: clause for clause in drill["clauses"]}
    assert clauses["rule-5"]["rating"] is None and clauses["rule-1"]["rating"] == "P"
    assert "| 4 | 故障超过30分钟上报" in brief and "评估意见：大堂经理忙于向客户解释" in brief
    assert "## 推演：五、目标与评定" in brief
    # The report after recovery is recorded under the clause the rating gave it (6), not the
    # first rule reporting to the same level (4).
    rules = {row["time"]: row["rule"] for row in drill["decisions"] if row["action"] == "escalate"}
    assert rules == {"10:34": 1, "11:11": 4, "11:15": 6}
    # Beside the verdict, the what-if: the team against the automatic playbook on the same days,
    # both with the drill's own 35-minute outage.
    assert set(drill["outcome"]) == {"team", "playbook"}
    assert "推演：同一组模拟营业日上，团队实际处置与自动执行预案的结果对比" in brief


def test_a_fire_drill_where_nobody_acted_is_rated_unable_in_the_brief_and_history(tmp_path):
    log = tmp_path / "nothing.yaml"
    log.write_text(
        'injects:\n  - {at: "10:30", start: fire}\n'
        'log:\n  - {at: "10:31", do: notify_customers, message: 请保持镇静}\n',
        encoding="utf-8",
    )
    out = tmp_path / "run"
    result = invoke("score", SCENARIOS / "bank_fire_drill.yaml", log, "-n", "4", "--out", out)
    assert result.exit_code == 0, result.output
    assert "演练评定：U 未能完成" in result.output
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    assert {clause["rating"] for clause in drill["clauses"]} == {"U"}
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "均顺利完成" not in brief and "预案未能达到目标" in brief
    assert brief.count("| U 未能完成 | 10:") == 9  # every fire step, not carried out
    listed = invoke("history", "--results", tmp_path)
    assert listed.output.splitlines()[1].split()[2] == "U"


def test_the_replayed_fire_evacuates_when_the_team_ordered_it_and_shows_what_hesitation_cost(
    tmp_path,
):
    fire = SCENARIOS / "bank_fire_drill.yaml"
    injects = 'injects:\n  - {at: "10:30", start: fire}\n'
    nobody, prompt = tmp_path / "nobody.yaml", tmp_path / "prompt.yaml"
    nobody.write_text(injects + 'log:\n  - {at: "10:31", do: notify_customers}\n', "utf-8")
    prompt.write_text(injects + 'log:\n  - {at: "10:33", do: evacuate}\n', "utf-8")
    outcomes = {}
    for log in (nobody, prompt):
        out = tmp_path / log.stem
        result = invoke("score", fire, log, "-n", "6", "--out", out, "--no-brief")
        assert result.exit_code == 0, result.output
        outcomes[log.stem] = json.loads((out / "drill.json").read_text("utf-8"))["outcome"]
    # Ordered at 10:33, when the 3 minutes ran out: as the automatic playbook's alarm.
    team, playbook = outcomes["prompt"]["team"], outcomes["prompt"]["playbook"]
    assert abs(team["evacuation_s"] - playbook["evacuation_s"]) < 60
    assert team["past_aset_day_share"] == playbook["past_aset_day_share"] == 0.0
    # Never ordered: the brigade clears the hall on arrival, long past the safe egress time.
    team = outcomes["nobody"]["team"]
    assert team["evacuation_s"] > playbook["evacuation_s"] + 300
    assert team["past_aset_day_share"] == 1.0 and team["inside_at_responders"] > 0


def test_a_bad_log_is_bad_input_and_writes_nothing(tmp_path):
    log = tmp_path / "bad.csv"
    log.write_text("time,action,params\n10:30,open_counter,count=2\n08:00,stop_entry,\n")
    result = invoke("score", OUTAGE, log, "--out", tmp_path / "run")
    assert result.exit_code == 2
    assert (
        f"{log}:2 log[0].do: 未知的措施 'open_counter'；是否应为 'open_counters'？" in result.output
    )
    assert f"{log}:3 log[1].at: 08:00 不在营业时间 09:00–17:00 内" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "run").exists()


def test_history_without_drills_says_how_to_make_one(tmp_path):
    result = invoke("history", "--results", tmp_path)
    assert result.exit_code == 0
    assert "No drills recorded" in result.output
    missing = invoke("history", "--results", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "no such directory" in missing.output


def test_score_what_if_longer_says_which_clauses_would_have_come_due(tmp_path):
    out = tmp_path / "run"
    result = invoke("score", OUTAGE, LOG, "-n", "12", "--what-if", "longer", "--out", out)
    assert result.exit_code == 0, result.output
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    odds = {row["id"]: row for row in drill["what_if"]}
    assert odds["rule-5"]["days"] == 12 and 0 < odds["rule-5"]["due_days"] < 12
    assert odds["rule-5"]["ratings"]["U"] == odds["rule-5"]["due_days"]
    assert drill["verdict"] == "M"  # the what-if never changes the drill's rating
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "推演：若事件按场景设定的时长发生" in brief


def test_a_csv_log_gets_its_day_and_people_from_the_command_line(tmp_path):
    people = tmp_path / "people.yaml"
    people.write_text("facilitator: 陈主任\nevaluator: 刘洋\n", encoding="utf-8")
    csv = SCENARIOS / "logs" / "bank_system_outage.log.csv"
    out = tmp_path / "run"
    arguments = ("score", OUTAGE, csv, "-n", "3", "--out", out, "--no-brief")
    result = invoke(*arguments, "--participants", people, "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    assert drill["date"] == "2026-11-20"
    assert drill["participants"] == {"facilitator": ["陈主任"], "evaluator": ["刘洋"]}
    bad = invoke("score", OUTAGE, csv, "--date", "20.11.2026", "--out", tmp_path / "bad")
    assert bad.exit_code == 2 and "--date" in bad.output


def test_scoring_a_log_twice_gives_the_same_record_whatever_the_jobs(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for out, jobs in ((one, "1"), (two, "2")):
        result = invoke("score", OUTAGE, LOG, "-n", "6", "--jobs", jobs, "--out", out, "--no-brief")
        assert result.exit_code == 0, result.output
    first, second = (json.loads((d / "drill.json").read_text(encoding="utf-8")) for d in (one, two))
    # The second sees the first's corrective action as the same drill's, not an earlier one.
    assert first == second
    assert (one / "summary.json").read_bytes() == (two / "summary.json").read_bytes()


def test_an_earlier_action_on_a_clause_this_drill_never_reached_is_said_not_exercised(tmp_path):
    fire = SCENARIOS / "bank_fire_drill.yaml"
    nobody = tmp_path / "nobody.yaml"
    nobody.write_text('injects:\n  - {at: "10:30", start: fire}\nlog: []\n', "utf-8")
    first = invoke("score", fire, nobody, "-n", "2", "--out", tmp_path / "fire", "--no-brief")
    assert first.exit_code == 0, first.output
    # The same site's outage drill: the fire's open actions are listed, not as passed.
    result = invoke("score", OUTAGE, LOG, "-n", "2", "--out", tmp_path / "outage", "--no-brief")
    assert result.exit_code == 0, result.output
    earlier = result.output.split("此前演练未关闭的整改项")[1]
    assert earlier.count("本次未演练该条款") == 9 and "本次未再出现" not in earlier

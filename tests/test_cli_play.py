"""``drill play``: scripted replays reproduce the playbook, and the console survives people."""

import json
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.model import load_scenario
from simulator.model.drill_log import DrillLog, drill_log_yaml

SCENARIOS = Path(__file__).parent.parent / "scenarios"
OUTAGE = SCENARIOS / "bank_system_outage.yaml"
PEOPLE = "facilitator: 陈主任\nplayers: [李娜, 王强]\nevaluator: 刘洋\n"


def invoke(*arguments, input=None):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments], input=input)


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name", ["bank_system_outage", "promotion_power_outage", "service_centre_surge"]
)
def test_playing_the_playbooks_own_decisions_reproduces_the_automatic_day(tmp_path, people, name):
    scenario_file = SCENARIOS / f"{name}.yaml"
    scenario = load_scenario(scenario_file)
    automatic = simulate_day(scenario, Streams(4, 0))
    assert automatic.decisions, "the playbook should act on this day"
    script = tmp_path / "playbook.yaml"
    script.write_text(drill_log_yaml(DrillLog(automatic.decisions), scenario), encoding="utf-8")

    played, ran = tmp_path / "played", tmp_path / "ran"
    arguments = ("play", scenario_file, "--decisions", script, "--participants", people)
    result = invoke(*arguments, "--seed", "4", "--out", played, "--no-brief")
    assert result.exit_code == 0, result.output
    outcome = json.loads((played / "drill.json").read_text(encoding="utf-8"))["outcome"]
    assert outcome["team"] == outcome["playbook"]
    # And byte for byte the same day as `drill run` plays it.
    result = invoke("run", scenario_file, "-n", "1", "--seed", "4", "--out", ran, "--no-brief")
    assert result.exit_code == 0, result.output
    for table in ("replications.csv", "timeseries.csv"):
        assert (played / table).read_bytes() == (ran / table).read_bytes(), table


def test_the_console_asks_again_after_bad_input_and_its_log_replays_the_session(tmp_path, people):
    answers = [
        "c",  # 09:00: continue
        "x",  # not a choice: asked again
        "9",  # no rule 9: asked again
        "c",  # 10:00
        "1",  # 10:30 (the outage begins): report to 技术维护部门
        "",  # to: keep the rule's own
        "",  # who: the first player
        "o",  # another action ...
        "zz",  # not one: asked again
        "0",  # back to the menu
        "o",  # another action: open counters (by its Chinese name), a count not allowed
        "增开台席",
        "0",  # count 0: not allowed ...
        "",  # who: the first player
        "两个",  # ... asked again: not a number either ...
        "q",  # ... asked again: back to the menu, nothing recorded
        "c",
        "e",  # end: play the day out
    ]
    out = tmp_path / "session"
    arguments = ("play", OUTAGE, "--participants", people, "--every", "60", "--out", out)
    result = invoke(*arguments, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "无此选项：x" in result.output
    assert "无此选项：9" in result.output
    assert "错误：无此措施：zz；请输入 1–" in result.output  # click's prefix in Chinese too
    assert result.output.count("可采取的其他措施（输入编号或名称）：") == 2
    assert "Error" not in result.output and "open_counters" not in result.output
    assert "未记录：增调的备用人员数: 必须至少为 1，实际为 0" in result.output
    assert result.output.count("请重新输入（输入 q 返回菜单，不记录这项措施）：") == 2
    assert "未记录，返回菜单。" in result.output
    assert "已记录：10:30 上报" in result.output
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    assert [(d["time"], d["action"], d["who"], d["rule"]) for d in drill["decisions"]] == [
        ("10:30", "escalate", "李娜", 1)
    ]
    assert (out / "brief.md").exists() and "九、演练决策记录" in (out / "brief.md").read_text()

    replay = tmp_path / "replay"
    arguments = ("play", OUTAGE, "--decisions", out / "decisions.yaml", "--out", replay)
    result = invoke(*arguments, "--no-brief")
    assert result.exit_code == 0, result.output
    replayed = json.loads((replay / "drill.json").read_text(encoding="utf-8"))
    assert replayed["outcome"] == drill["outcome"]
    assert replayed["participants"] == {
        "facilitator": ["陈主任"],
        "players": ["李娜", "王强"],
        "evaluator": ["刘洋"],
    }


def test_input_that_ends_before_the_day_writes_nothing(tmp_path, people):
    out = tmp_path / "run"
    result = invoke("play", OUTAGE, "--participants", people, "--out", out, input="c\n")
    assert result.exit_code == 2
    assert "推演在营业日结束前停止，且尚无任何决策；未写出任何文件。" in result.output
    assert not out.exists()


def test_a_bad_decision_script_is_bad_input(tmp_path):
    script = tmp_path / "script.yaml"
    script.write_text('log:\n  - {at: "25:00", do: escalate, to: 行长}\n', encoding="utf-8")
    result = invoke("play", OUTAGE, "--decisions", script, "--out", tmp_path / "run")
    assert result.exit_code == 2
    assert f"{script}:2 log[0].at" in result.output and not (tmp_path / "run").exists()


@pytest.mark.slow
def test_the_console_reaches_the_end_in_a_real_terminal(tmp_path, people):
    pexpect = pytest.importorskip("pexpect")
    out = tmp_path / "tty"
    command = [sys.executable, "-c", "from simulator.cli import main; main()"]
    command += ["play", str(OUTAGE), "--every", "120"]
    child = pexpect.spawn(
        command[0],
        [*command[1:], "--participants", str(people), "--out", str(out)],
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 120),
    )
    child.expect("09:00")
    child.expect("请选择")
    child.sendline("zz")  # re-asked, never a crash
    child.expect("无此选项")
    child.sendline("c")
    child.expect("10:30")  # the outage is an inject: the day stops for it
    child.expect("请选择")
    child.sendline("2")  # tell the customers, with the rule's own wording
    child.expect("告知内容")  # the parameter by its Chinese name, not `message`
    child.sendline("")
    child.expect("执行人")
    child.sendline("")
    child.expect("已记录：10:30 告知客户")
    child.expect("请选择")
    child.sendline("e")
    child.expect("结果目录：")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (out / "brief.html").exists() and (out / "decisions.yaml").exists()


FIRE = SCENARIOS / "bank_fire_drill.yaml"
# A fire tabletop, stop by stop (--every 1440: only injects, calls and due steps stop the day):
FIRE_SESSION = [
    "c",  # 09:00
    "2",  # 10:30, the fire: fight it
    "",  # who: the first player
    "1",  # and report it
    "营业厅主任",  # to (the plan's step asks only whom; no reserve question)
    "",  # who
    "c",
    "c",  # 10:32: detected (already being fought)
    "4",  # 10:33, out of control: 119 (the clause's own number)
    "",
    "",
    "6",  # evacuate
    "",
    "5",  # cut the power
    "",
    "u",  # undo it
    "5",  # and again
    "",
    "3",  # the alarm
    "",
    "7",  # the cash to the vault
    "",
    "c",
    "9",  # after the day: the head count
    "",
    "8",  # and the guide for the fire engine
    "",
    "e",
]


def test_a_fire_tabletop_offers_the_plans_steps_and_rates_them_like_a_log(tmp_path, people):
    out = tmp_path / "fire"
    arguments = ("play", FIRE, "--participants", people, "--every", "1440", "--out", out)
    result = invoke(*arguments, "--no-brief", input="\n".join(FIRE_SESSION) + "\n")
    assert result.exit_code == 0, result.output
    assert "★ 预案要求：6. 疏散客户（10:33 起应执行）" in result.output
    assert "已撤销：10:33 切断电源" in result.output
    assert "（推演，按场景设定）疏散完成，人员全部撤出" in result.output
    # The evacuation is the team's order, played at its minute, and its result is shown.
    assert "10:33 已执行：组织疏散" in result.output
    assert "发出警报，开始疏散" not in result.output  # said once: as the team's action
    assert "疏散结果（推演）：" in result.output and "超时仍在厅内 0 人" in result.output
    assert "营业厅已清空，模拟营业日已结束" in result.output  # a stop after the evacuation
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    assert {clause["id"]: clause["rating"] for clause in drill["clauses"]} == {
        "fire-report": "P",
        "fire-fight": "P",
        "fire-alarm": "P",
        "fire-119": "P",
        "fire-power": "P",
        "fire-evacuate": "P",
        "fire-cash": "P",
        "fire-guide": "P",
        "fire-headcount": "P",
    }
    logged = [(row["time"], row["action"]) for row in drill["decisions"]]
    assert logged.count(("10:33", "cut_power")) == 1  # the undone one is gone
    # The saved session replays to the same ratings, steps included.
    replay = tmp_path / "replay"
    again = invoke(
        "play", FIRE, "--decisions", out / "decisions.yaml", "--out", replay, "--no-brief"
    )
    assert again.exit_code == 0, again.output
    replayed = json.loads((replay / "drill.json").read_text(encoding="utf-8"))
    assert replayed["clauses"] == drill["clauses"] and replayed["verdict"] == "P"


def test_an_interrupted_session_is_saved_and_goes_on_with_resume(tmp_path, people):
    out = tmp_path / "fire"
    arguments = ("play", FIRE, "--participants", people, "--every", "1440", "--out", out)
    # The input ends at 10:32, as Ctrl-C would: two decisions taken.
    stopped = invoke(*arguments, "--no-brief", input="\n".join(FIRE_SESSION[:8]) + "\n")
    assert stopped.exit_code == 130, stopped.output
    saved = tmp_path / "fire.unfinished.yaml"
    assert "已记录的 2 项决策已保存" in stopped.output and saved.exists()
    # The hint plays the same day with the same stops, into the same place.
    assert f"--seed 1 --every 1440 --out {out} --resume {saved}" in stopped.output
    assert not out.exists()  # no half-written run
    # It goes on from the minute of the last decision: 10:30, then 10:32, then as before.
    answers = ["c", "c", *FIRE_SESSION[8:]]
    resumed = invoke(*arguments, "--resume", saved, "--no-brief", input="\n".join(answers) + "\n")
    assert resumed.exit_code == 0, resumed.output
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    assert drill["verdict"] == "P" and len(drill["decisions"]) == 9
    assert ("10:33", "evacuate") in [(row["time"], row["action"]) for row in drill["decisions"]]
    assert drill["participants"]["facilitator"] == ["陈主任"]
    assert not saved.exists()  # the session is complete: the unfinished file is gone


@pytest.mark.slow
def test_a_fire_tabletop_in_a_real_terminal_survives_an_undo_and_ctrl_c(tmp_path, people):
    pexpect = pytest.importorskip("pexpect")
    out = tmp_path / "tty"
    command = [sys.executable, "-c", "from simulator.cli import main; main()"]
    command += ["play", str(FIRE), "--every", "1440", "--participants", str(people)]

    def spawn(*more: str):
        return pexpect.spawn(
            command[0],
            [*command[1:], "--out", str(out), *more],
            encoding="utf-8",
            timeout=60,
            dimensions=(40, 120),
            # A suite started in the background (a CI job, `cmd &`) has Ctrl-C ignored, and
            # children inherit that; a terminal's drill has the default, so give it that.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )

    child = spawn()
    child.expect("09:00")
    child.expect("请选择")
    child.sendline("c")
    child.expect("10:30")
    child.expect("请选择")
    child.sendline("2")  # fight the fire
    child.expect("执行人")
    child.sendline("")
    child.expect("已记录：10:30 扑救初起火灾")
    child.expect("请选择")
    child.sendline("u")
    child.expect("已撤销：10:30 扑救初起火灾")
    child.expect("请选择")
    child.sendline("2")
    child.expect("执行人")
    child.sendline("")
    child.expect("请选择")
    child.sendline("c")
    child.expect("10:32")
    child.expect("请选择")
    child.sendintr()  # Ctrl-C
    child.expect("推演已中断")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and not out.exists()
    saved = tmp_path / "tty.unfinished.yaml"
    assert "fight_fire" in saved.read_text(encoding="utf-8")

    child = spawn("--resume", str(saved))
    child.expect("10:30")  # back at the last decision's minute
    child.expect("✓")  # the fire fighting is done
    child.expect("请选择")
    child.sendline("c")
    child.expect("10:32")
    child.expect("请选择")
    child.sendline("c")
    child.expect("10:33")
    child.expect("★ 预案要求：6. 疏散客户")
    child.expect("请选择")
    child.sendline("6")
    child.expect("执行人")
    child.sendline("")
    child.expect("已记录：10:33 组织疏散")
    child.expect("请选择")
    child.sendline("e")
    child.expect("结果目录：")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    ratings = {clause["id"]: clause["rating"] for clause in drill["clauses"]}
    assert ratings["fire-fight"] == ratings["fire-evacuate"] == "P"
    assert ratings["fire-119"] == "U"  # never called


def test_a_step_taken_before_it_is_due_is_said_to_count_for_nothing(tmp_path, people):
    arguments = ("play", FIRE, "--participants", people, "--every", "1440")
    result = invoke(*arguments, "--out", tmp_path / "early", "--no-brief", input="6\n\ne\n")
    assert result.exit_code == 0, result.output
    assert "已记录：09:00 组织疏散" in result.output
    assert "注意：组织疏散 尚未到预案要求的时机" in result.output
    drill = json.loads((tmp_path / "early" / "drill.json").read_text(encoding="utf-8"))
    assert {c["id"]: c["rating"] for c in drill["clauses"]}["fire-evacuate"] == "U"
    # The order did nothing (no incident yet): the record says so, it never reads as done.
    (order,) = [row for row in drill["decisions"] if row["action"] == "evacuate"]
    assert order["not_done"] == "nothing_to_evacuate"


def test_a_played_days_queue_makes_a_queue_rule_due_when_the_playbook_called_for_it(tmp_path):
    script = tmp_path / "nothing.yaml"
    script.write_text("log: []\n", encoding="utf-8")
    out = tmp_path / "run"
    promotion = SCENARIOS / "promotion_day.yaml"
    result = invoke(
        "play", promotion, "--decisions", script, "--seed", "3", "--out", out, "--no-brief"
    )
    assert result.exit_code == 0, result.output
    drill = json.loads((out / "drill.json").read_text(encoding="utf-8"))
    first = drill["clauses"][0]  # queue >= 30: open counters
    calls = [
        line.split(",")
        for line in (out / "events.csv").read_text(encoding="utf-8").splitlines()
        if ",recommendation," in line and ",open_counters," in line
    ]
    assert calls, "the playbook should call for counters on this day"
    # The clause fell due at the minute the playbook, watching the same queue, called for it.
    assert first["due"] in calls[0] and first["rating"] == "U"

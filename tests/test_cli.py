"""The command line, through click's CliRunner: exit codes, outputs, determinism across --jobs."""

import csv
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from simulator import api
from simulator.cli import cli, main

SMALL_HALL = """\
schema: 1
name: 测试营业厅
site: {name: 测试营业厅, floor_area_m2: 120, exits: [{name: 正门, width_m: 1.6}]}
hours: {open: "09:00", close: "12:00"}
staff: {counters: [{from: "09:00", count: 3}, {from: "10:30", count: 2}]}
demand:
  arrivals: [{from: "09:00", per_hour: 70}]
  services: [{name: 缴费, share: 1.0, minutes: {dist: exponential, mean: 2}}]
  patience_min: {dist: exponential, mean: 25}
limits: {wait_p90_min: 15, abandon_rate: 0.05}
"""


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "small_hall.yaml"
    path.write_text(SMALL_HALL, encoding="utf-8")
    return path


def invoke(*arguments):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments])


def test_run_writes_the_run_directory_and_prints_metrics_and_limits(scenario_file, tmp_path):
    out = tmp_path / "run"
    result = invoke("run", scenario_file, "-n", 4, "--out", out)
    assert result.exit_code == 0, result.output
    # A Chinese scenario's run speaks Chinese: no metric key reaches the reader.
    assert "90% 客户等候时间（分钟）" in result.output
    assert "90% 客户等候时间（分钟） ≤ 15：" in result.output
    assert "放弃等候比例 ≤ 5%：" in result.output
    assert f"结果目录：{out}" in result.output
    table = result.output.split("\n结果目录")[0]
    for identifier in ("wait_p90_min", "abandon_rate", "held in", "verdict", "95% CI", "rated"):
        assert identifier not in table, identifier
    assert sorted(path.name for path in out.iterdir()) == [
        "brief.html",
        "brief.md",
        "charts",
        "events.csv",
        "replications.csv",
        "run.json",
        "summary.json",
        "timeseries.csv",
    ]
    # No evacuation, so no evacuation curve; the scorecard rates the two limits.
    assert sorted(path.name for path in (out / "charts").iterdir()) == [
        "counters.png",
        "queue.png",
        "scorecard.png",
        "waits.png",
    ]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["scenario"]["name"] == "测试营业厅" and len(summary["scenario"]["sha256"]) == 64


def test_default_run_directory_is_under_results(scenario_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("run", scenario_file, "-n", 2).exit_code == 0
    (run_dir,) = (tmp_path / "results").iterdir()
    assert run_dir.name.startswith("small_hall-")


@pytest.mark.slow
def test_summaries_are_byte_identical_whatever_the_number_of_jobs(scenario_file, tmp_path):
    scenario_file.write_text(
        SMALL_HALL
        + "incidents: [{kind: system_outage, at: '10:00', callback_share: 0.3,\n"
        + "             duration_min: {dist: lognormal, mean: 20, sd: 10}}]\n"
        + 'playbook: [{when: "queue >= 5", do: notify_customers},\n'
        + '           {when: "outage_min >= 10", do: escalate, to: 经理}]\n',
        encoding="utf-8",
    )
    for jobs in (1, 2):
        result = invoke(
            "run",
            scenario_file,
            "-n",
            6,
            "--seed",
            9,
            "--jobs",
            jobs,
            "--out",
            tmp_path / f"jobs{jobs}",
        )
        assert result.exit_code == 0, result.output
    events = (tmp_path / "jobs1" / "events.csv").read_text(encoding="utf-8")
    assert "system_outage" in events and "escalate" in events
    for name in ("summary.json", "replications.csv", "timeseries.csv", "events.csv"):
        assert (tmp_path / "jobs1" / name).read_bytes() == (tmp_path / "jobs2" / name).read_bytes()


def test_a_bad_scenario_exits_2_names_the_line_and_writes_nothing(scenario_file, tmp_path):
    scenario_file.write_text(SMALL_HALL.replace("per_hour: 70", "per_hour: -70"), encoding="utf-8")
    result = invoke("run", scenario_file, "--out", tmp_path / "run")
    assert result.exit_code == 2
    assert "small_hall.yaml:7 demand.arrivals[0].per_hour" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["-n", "0"], "replications"), (["--jobs", "-1"], "jobs"), (["--seed", "x"], "seed")],
)
def test_bad_options_exit_2(scenario_file, arguments, message):
    result = invoke("run", scenario_file, *arguments)
    assert result.exit_code == 2 and message in result.output


def test_an_occupied_output_directory_is_refused_before_simulating(scenario_file, tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "notes.txt").write_text("keep")
    result = invoke("run", scenario_file, "--out", tmp_path / "run")
    assert result.exit_code == 2 and "：已存在且不是空文件夹" in result.output  # in its language
    assert [path.name for path in (tmp_path / "run").iterdir()] == ["notes.txt"]


def test_missing_file_exits_2(tmp_path):
    result = invoke("validate", tmp_path / "nowhere.yaml")
    assert result.exit_code == 2 and "nowhere.yaml" in result.output


def test_validate_summarises_a_good_file(scenario_file):
    result = invoke("validate", scenario_file)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{scenario_file}：无误 — 测试营业厅：1 项业务、0 个突发事件、0 条预案规则、0 个方案变体\n"
    )


def test_an_internal_error_exits_1_with_one_line_and_no_traceback(
    scenario_file, monkeypatch, capsys
):
    def broken(*_arguments, **_options):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(api, "_run_replications", broken)
    monkeypatch.setattr(sys, "argv", ["drill", "run", str(scenario_file), "-n", "1"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    # In the scenario's language, as every line after it is read.
    assert "drill：内部错误：" in error and "engine exploded" in error and "Traceback" not in error


def test_a_fire_run_writes_the_evacuation_results(scenario_file, tmp_path):
    scenario_file.write_text(
        SMALL_HALL.replace("abandon_rate: 0.05", "evacuation_s: 600")
        + 'incidents: [{kind: fire, at: "10:00", asset_min: {dist: fixed, value: 10}}]\n',
        encoding="utf-8",
    )
    result = invoke("run", scenario_file, "-n", 3, "--out", tmp_path / "run")
    assert result.exit_code == 0, result.output
    assert "3 个模拟日中 3 天发生疏散" in result.output
    summary = json.loads((tmp_path / "run" / "summary.json").read_text(encoding="utf-8"))
    assert summary["evacuation"]["days"] == 3
    assert [e["name"] for e in summary["evacuation"]["exits"]] == ["正门"]
    assert {o["name"] for o in summary["objectives"]} == {
        "evacuate everyone in time",
        "no dangerous crowding at the exits",
    }
    with (tmp_path / "run" / "evacuation.csv").open(encoding="utf-8") as handle:
        curve = list(csv.DictReader(handle))
    assert float(curve[0]["inside_mean"]) > 0 and float(curve[-1]["inside_mean"]) == 0


def _run_with_stderr_on_a_terminal(arguments):
    """Run drill in a subprocess whose stderr is a pseudo-terminal; return what it showed there."""
    controller, terminal = os.openpty()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "simulator", *map(str, arguments)],
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
            check=False,
        )
    finally:
        os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # EIO: the terminal has no writer left
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return completed, shown.decode("utf-8", "replace")


@pytest.mark.slow
def test_progress_bar_shows_on_a_terminal_and_not_in_a_pipe(scenario_file, tmp_path):
    completed, terminal = _run_with_stderr_on_a_terminal(
        ["run", scenario_file, "-n", 3, "--out", tmp_path / "tty"]
    )
    assert completed.returncode == 0
    assert "正在模拟" in terminal and "3/3" in terminal
    piped = invoke("run", scenario_file, "-n", 3, "--out", tmp_path / "pipe")
    assert piped.exit_code == 0 and "正在模拟" not in piped.output


def test_run_rates_limits_and_playbook_objectives(scenario_file, tmp_path):
    scenario_file.write_text(
        SMALL_HALL + 'playbook: [{when: "queue >= 4", do: notify_customers, note: 安抚客户}]\n',
        encoding="utf-8",
    )
    result = invoke("run", scenario_file, "-n", 3, "--out", tmp_path / "run")
    assert result.exit_code == 0, result.output
    assert "安抚客户（告知客户：排队人数 ≥ 4 人）" in result.output
    summary = json.loads((tmp_path / "run" / "summary.json").read_text(encoding="utf-8"))
    assert {limit["rating"] for limit in summary["limits"]} <= {"P", "S", "M", "U"}
    (objective,) = summary["objectives"]
    assert objective["kind"] == "rule" and objective["rating"] == "P"
    assert objective["name_zh"] == "安抚客户（告知客户：排队人数 ≥ 4 人）"
    assert objective["tasks"][0]["evidence"].startswith("fired")
    assert objective["tasks"][0]["evidence_zh"].startswith("3 天中有 3 天触发")


def test_events_csv_shows_a_call_in_delay_to_the_minute(scenario_file, tmp_path):

    scenario_file.write_text(
        SMALL_HALL.replace(
            "staff: {counters:", "staff: {reserve: {count: 2, call_in_min: 25}, counters:"
        )
        + 'playbook: [{when: "time >= 10:00", do: open_counters, count: 2}]\n',
        encoding="utf-8",
    )
    assert invoke("run", scenario_file, "-n", 2, "--out", tmp_path / "run").exit_code == 0
    with (tmp_path / "run" / "events.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["replication"] == "1"]
    clock = {(row["kind"], row["name"]): row["clock"] for row in rows}
    assert clock["trigger", "open_counters"] == clock["action", "open_counters"] == "10:00"
    assert clock["follow_up", "counters_opened"] == "10:25"
    (action,) = [row for row in rows if row["kind"] == "action"]
    assert (action["rule"], action["status"], action["asked"], action["done"]) == (
        "1",
        "carried_out",
        "2",
        "2",
    )


def test_an_evacuation_flag_evacuates_when_its_incident_starts(scenario_file, tmp_path):
    scenario_file.write_text(
        SMALL_HALL
        + 'incidents: [{kind: illness, at: "10:00", evacuate: true,\n'
        + "             duration_min: {dist: fixed, value: 10}}]\n",
        encoding="utf-8",
    )
    result = invoke("run", scenario_file, "-n", 1, "--out", tmp_path / "run")
    assert result.exit_code == 0, result.output
    with (tmp_path / "run" / "events.csv").open(encoding="utf-8") as handle:
        clock = {row["name"]: row["clock"] for row in csv.DictReader(handle)}
    assert clock["evacuation_alarm"] == "10:00"

"""The register of drills and corrective actions: recorded once, checked before use."""

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.rundir.register import Rectification, Register, RegisterError

SCENARIOS = Path(__file__).parent.parent / "scenarios"
OUTAGE = SCENARIOS / "bank_system_outage.yaml"
LOG = SCENARIOS / "logs" / "bank_system_outage.log.yaml"
TODAY = dt.date(2026, 12, 3)
SUMMARY = {"scenario": {"name": "演练", "file": "s.yaml", "sha256": "ab", "site": {"name": "城南"}}}


def invoke(*arguments):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments])


def drill(verdict="M", date="2026-11-20"):
    clauses = [{"number": 4, "id": "rule-4", "name_zh": "30分钟上报", "rating": verdict}]
    return {
        "kind": "score",
        "title": "t",
        "date": date,
        "participants": {},
        "clauses": clauses,
        "verdict": verdict,
    }


def test_a_drill_is_recorded_with_its_ratings_and_the_actions_it_opens(tmp_path):
    register = Register(tmp_path / "register.sqlite")
    fix = Rectification("rule-4", "第 4 条评定为 M", "重新培训", "值班经理")
    register.record(tmp_path / "run", drill(), SUMMARY, [fix], TODAY, "log-a")
    [recorded] = register.drills()
    assert (recorded.date, recorded.site, recorded.verdict) == ("2026-11-20", "城南", "M")
    [action] = register.actions()
    assert (action.clause, action.due, action.closed_at) == ("rule-4", "2026-12-20", None)
    assert not action.overdue(TODAY) and action.overdue(dt.date(2026, 12, 21))
    closed = register.close(action.id, "已培训", TODAY)
    assert closed.closed_at == "2026-12-03" and register.actions() == []
    assert register.actions(include_closed=True)[0].note == "已培训"
    with pytest.raises(RegisterError, match="already closed on 2026-12-03"):
        register.close(action.id, "again", TODAY)
    with pytest.raises(RegisterError, match="no such action"):
        register.close(99, "x", TODAY)


def test_a_failed_record_records_nothing(tmp_path):
    register = Register(tmp_path / "register.sqlite")
    register.record(tmp_path / "run", drill(), SUMMARY, [], TODAY, "log-a")
    broken = Rectification("rule-4", None, "fix", "owner")  # type: ignore[arg-type]
    with pytest.raises(RegisterError):  # its action cannot be written: nothing of it is
        register.record(tmp_path / "next", drill(), SUMMARY, [broken], TODAY, "log-b")
    assert len(register.drills()) == 1 and register.actions() == []
    # The same log of the same day scored again elsewhere is the same drill: recorded once.
    fix = Rectification("rule-4", "issue", "fix", "owner")
    again = register.record(tmp_path / "other", drill(), SUMMARY, [fix], TODAY, "log-a")
    assert again == (1, False) and len(register.drills()) == 1 and register.actions() == []
    # Another drill written into the same directory later: the old record stays, renamed.
    register.record(tmp_path / "run", drill(date="2026-12-01"), SUMMARY, [fix], TODAY, "log-c")
    directories = [d.run_dir for d in register.drills()]
    assert directories[0].endswith("run (replaced 1)") and directories[1].endswith("run")


def test_a_sqlite_file_that_is_not_a_register_is_refused(tmp_path):
    import sqlite3

    path = tmp_path / "register.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        connection.execute("INSERT INTO meta VALUES ('register_version', '1')")
    with pytest.raises(RegisterError, match="tables missing"):
        Register(path)
    # Its tables, but not the columns this layout reads: refused too, before any work.
    from simulator.rundir import register as layout

    columns = tmp_path / "columns.sqlite"
    with sqlite3.connect(columns) as connection:
        connection.executescript(
            layout._TABLES.replace("    verdict TEXT,\n", "")
            + f"INSERT INTO meta VALUES ('register_version', '{layout.REGISTER_VERSION}');"
        )
    with pytest.raises(RegisterError, match="not a drill register of this layout"):
        Register(columns)
    result = invoke("history", "--results", tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_damaged_register_is_reported_and_never_overwritten(tmp_path):
    path = tmp_path / "register.sqlite"
    path.write_bytes(b"this is not a database, it is a note somebody saved here\n" * 20)
    before = path.read_bytes()
    with pytest.raises(RegisterError, match="not a drill register"):
        Register(path)
    out = tmp_path / "run"
    result = invoke("score", OUTAGE, LOG, "-n", "2", "--out", out, "--no-brief")
    assert result.exit_code == 2, result.output
    assert "not a drill register" in result.output and "Traceback" not in result.output
    assert not out.exists() and path.read_bytes() == before
    assert invoke("actions", "--results", tmp_path).exit_code == 2
    assert path.read_bytes() == before


def test_a_later_drill_of_the_site_sees_the_open_actions_and_a_repeated_failure(tmp_path):
    first = invoke("score", OUTAGE, LOG, "-n", "2", "--out", tmp_path / "first", "--no-brief")
    assert first.exit_code == 0, first.output
    # The same log scored again is the same drill: not recorded twice, nor its own "earlier".
    same = invoke("score", OUTAGE, LOG, "-n", "2", "--out", tmp_path / "same", "--no-brief")
    assert "未重复登记" in same.output
    data = json.loads((tmp_path / "same" / "drill.json").read_text(encoding="utf-8"))
    assert data["earlier_actions"] == []
    # A later drill of the site, its own log (here: a day later).
    later_log = tmp_path / "later.yaml"
    later_log.write_text(
        LOG.read_text(encoding="utf-8").replace("date: 2026-11-20", "date: 2026-11-27"),
        encoding="utf-8",
    )
    listed = invoke("actions", "--results", tmp_path)
    # The shipped log's one M: the 30-minute report, 11 minutes late.
    assert listed.exit_code == 0 and "第 4 条“故障超过30分钟上报" in listed.output
    second = invoke("score", OUTAGE, later_log, "-n", "2", "--out", tmp_path / "second")
    assert second.exit_code == 0, second.output
    data = json.loads((tmp_path / "second" / "drill.json").read_text(encoding="utf-8"))
    [earlier] = data["earlier_actions"]
    assert earlier["clause"] == "rule-4" and earlier["failed_again"] is True
    brief = (tmp_path / "second" / "brief.md").read_text(encoding="utf-8")
    assert "此前演练未关闭的整改项" in brief and "同一条款再次未通过" in brief
    action_id = earlier["id"]
    closed = invoke("actions", "--results", tmp_path, "close", action_id, "--note", "已培训")
    assert closed.exit_code == 0, closed.output
    again = invoke("actions", "--results", tmp_path, "close", action_id, "--note", "x")
    assert again.exit_code == 2 and "already closed" in again.output
    # Closed as done, and the same clause failed again a week later: said so, not forgotten.
    third_log = tmp_path / "third.yaml"
    third_log.write_text(
        LOG.read_text(encoding="utf-8").replace("date: 2026-11-20", "date: 2026-12-04"),
        encoding="utf-8",
    )
    third = invoke("score", OUTAGE, third_log, "-n", "2", "--out", tmp_path / "third")
    assert third.exit_code == 0, third.output
    data = json.loads((tmp_path / "third" / "drill.json").read_text(encoding="utf-8"))
    closed = [action for action in data["earlier_actions"] if action["closed"]]
    assert [action["clause"] for action in closed] == ["rule-4"]
    brief = (tmp_path / "third" / "brief.md").read_text(encoding="utf-8")
    assert "已整改关闭，但同一条款本次再次未通过" in brief


def test_history_rebuilds_the_register_from_the_run_directories(tmp_path):
    result = invoke("score", OUTAGE, LOG, "-n", "2", "--out", tmp_path / "run", "--no-brief")
    assert result.exit_code == 0, result.output
    (tmp_path / "register.sqlite").unlink()
    listed = invoke("history", "--results", tmp_path)
    assert "--rebuild" in listed.output  # listed from the runs, and told how to register them
    rebuilt = invoke("history", "--results", tmp_path, "--rebuild")
    assert "Recorded 1 run(s)" in rebuilt.output and "2026-11-20" in rebuilt.output
    assert "Recorded 0 run(s)" in invoke("history", "--results", tmp_path, "--rebuild").output
    assert len(Register(tmp_path / "register.sqlite").actions()) == 1


def test_a_register_of_the_first_layout_is_upgraded_keeping_its_drills(tmp_path):
    import sqlite3

    from simulator.rundir import register as layout

    path = tmp_path / "register.sqlite"
    old_tables = layout._TABLES.replace(",\n    log_sha256 TEXT NOT NULL", "")
    with sqlite3.connect(path) as connection:
        connection.executescript(old_tables + "INSERT INTO meta VALUES ('register_version', '1');")
        connection.execute(
            "INSERT INTO drills (run_dir, recorded_at, date, site, scenario, scenario_file, "
            "scenario_sha256, kind, title, participants, verdict) "
            "VALUES ('/r', '2026-11-20', '2026-11-20', '城南', 's', 's.yaml', 'ab', 'score', 't', "
            "'{}', 'M')"
        )
    register = Register(path)
    assert [d.verdict for d in register.drills()] == ["M"]
    register.record(tmp_path / "run", drill(), SUMMARY, [], TODAY, "log-a")
    assert len(register.drills()) == 2


def test_a_rebuilt_register_knows_the_log_so_scoring_it_again_is_the_same_drill(tmp_path):
    first = invoke("score", OUTAGE, LOG, "-n", "2", "--out", tmp_path / "run", "--no-brief")
    assert first.exit_code == 0, first.output
    (tmp_path / "register.sqlite").unlink()
    assert "Recorded 1 run(s)" in invoke("history", "--results", tmp_path, "--rebuild").output
    again = invoke("score", OUTAGE, LOG, "-n", "2", "--out", tmp_path / "again", "--no-brief")
    assert "未重复登记" in again.output
    assert len(Register(tmp_path / "register.sqlite").drills()) == 1


def test_history_and_actions_speak_the_locales_language(tmp_path):
    register = Register(tmp_path / "register.sqlite")
    fix = Rectification("rule-4", "第 4 条评定为 M", "重新培训", "值班经理")
    # A drill far ahead, so that its action is open (not overdue) whenever the test runs.
    register.record(tmp_path / "run", drill(date="2099-11-20"), SUMMARY, [fix], TODAY, "log-a")
    chinese = {"LANG": "zh_CN.UTF-8"}
    listed = CliRunner().invoke(cli, ["history", "--results", str(tmp_path)], env=chinese)
    header, row = listed.output.splitlines()
    assert header.split()[:4] == ["日期", "类型", "评定", "场景"]
    assert row.split()[:3] == ["2099-11-20", "实战演练", "M"] and "（有未完成整改）" in row
    actions = CliRunner().invoke(cli, ["actions", "--results", str(tmp_path)], env=chinese)
    assert actions.output.split()[:3] == ["#1", "2099-12-20", "未完成"]
    closing = ["actions", "--results", str(tmp_path), "close", "1", "--note", "已培训"]
    closed = CliRunner().invoke(cli, closing, env=chinese)
    assert closed.output == "已关闭 #1：第 4 条评定为 M — 已培训\n"
    assert CliRunner().invoke(cli, closing[:3], env=chinese).output == "没有未完成的整改项。\n"

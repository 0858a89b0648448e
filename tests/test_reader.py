"""Reading a run directory back: the layout's version is checked, events come back typed."""

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.engine.events import EventKind
from simulator.rundir.reader import RunDirError, read_run
from simulator.rundir.schema import SCHEMA_VERSION
from simulator.rundir.writer import write_run
from simulator.runner import run_replications
from simulator.scoring import check_limits, score_objectives
from tests.factory import hall, rule


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    scenario = hall(per_min=1.0, hours=2, playbook=(rule("time >= 09:30", "notify_customers"),))
    result = run_replications(scenario, 2, seed=1)
    target = tmp_path_factory.mktemp("reader") / "run"
    write_run(result, check_limits(result), target, {}, score_objectives(result))
    return target


def test_a_run_reads_back_with_typed_events(run_dir):
    run = read_run(run_dir)
    assert run.summary["schema_version"] == SCHEMA_VERSION
    actions = [e for _day, e in run.events if e.kind is EventKind.ACTION]
    assert len(actions) == 2 and all(e.rule == 0 and e.result.carried_out for e in actions)
    (objective,) = run.summary["objectives"]
    assert (objective["id"], objective["rule"]) == ("rule-1", 1)


def test_a_run_written_with_another_layout_is_bad_input_saying_what_to_do(run_dir, tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    for file in run_dir.iterdir():
        (old / file.name).write_bytes(file.read_bytes())
    summary = json.loads((old / "summary.json").read_text(encoding="utf-8"))
    del summary["schema_version"]  # as drill 0.1 wrote it
    (old / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    with pytest.raises(RunDirError, match="layout 1; this drill reads layout 3"):
        read_run(old)
    result = CliRunner().invoke(cli, ["brief", str(old)])
    assert result.exit_code == 2 and "Run the scenario again" in result.output
    # As drill 0.2 wrote it: layout 2, before the evacuation day shares. The layout is named,
    # not the first metric it lacks.
    summary["schema_version"] = 2
    del summary["metrics"]["evacuation_day_share"]
    (old / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", str(old)])
    assert result.exit_code == 2, result.output
    assert "layout 2; this drill reads layout 3. Run the scenario again." in result.output


def test_a_damaged_events_file_names_its_line(run_dir, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for file in run_dir.iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    lines = (copy / "events.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",action,", ",actoin,")
    (copy / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RunDirError, match=r"events\.csv:3: unreadable row"):
        read_run(copy)


@pytest.mark.parametrize(
    ("edit", "missing"),
    [
        (lambda summary: summary.pop("objectives"), "objectives"),
        (lambda summary: summary["limits"][0].pop("rating"), "limits[0].rating"),
        (lambda summary: summary["metrics"]["arrivals"].pop("mean"), "metrics.arrivals.mean"),
        (lambda summary: summary["scenario"].pop("playbook"), "scenario.playbook"),
    ],
)
def test_a_summary_missing_a_key_is_bad_input_naming_it(run_dir, tmp_path, edit, missing):
    copy = tmp_path / "copy"
    copy.mkdir()
    for file in run_dir.iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    summary = json.loads((copy / "summary.json").read_text(encoding="utf-8"))
    edit(summary)
    (copy / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", str(copy)])
    assert result.exit_code == 2, result.output
    assert f"summary.json: no {missing};" in result.output and "Traceback" not in result.output


def test_drill_history_still_lists_a_drill_recorded_by_an_older_drill(tmp_path):
    old = tmp_path / "results" / "outage-score-20261101-100000"
    old.mkdir(parents=True)
    summary = {"drill_version": "0.1.0", "scenario": {"name": "核心系统故障"}, "metrics": {}}
    summary |= {"limits": [{"rating": "P"}], "objectives": [{"rating": "S"}]}
    (old / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    (old / "run.json").write_text('{"created": "2026-11-01T10:00:00"}', encoding="utf-8")
    drill = {"kind": "score", "date": "2026-11-01", "participants": {"players": ["李娜"]}}
    (old / "drill.json").write_text(json.dumps(drill, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["history", "--results", str(tmp_path / "results")])
    assert result.exit_code == 0, result.output
    assert "2026-11-01  score  S       核心系统故障 — 李娜" in result.output


# --- Damaged run directories (issue 15): every one is exit 0 or 2 naming the file, never 1.

SCENARIOS = Path(__file__).parent.parent / "scenarios"


def _first_number(text: str) -> str:
    return re.sub(r"(?<=: )-?\d+(\.\d+)?", '"x"', text, count=1)


def _short_row(text: str) -> str:
    lines = text.splitlines()
    if len(lines) > 1:
        lines[1] = lines[1].rsplit(",", 1)[0]
    return "\n".join(lines) + "\n"


def _bad_cell(text: str) -> str:
    lines = text.splitlines()
    if len(lines) > 1:
        lines[1] = "x," + lines[1].split(",", 1)[-1]
    return "\n".join(lines) + "\n"


CORRUPTIONS = {
    "deleted": None,
    "empty": lambda text: "",
    "cut in half": lambda text: text[: len(text) // 2],
    "a list": lambda text: "[]",
    "a number": lambda text: "3",
    "a word where a number was": _first_number,
    "a short row": _short_row,
    "text in a number's cell": _bad_cell,
    "not UTF-8": lambda text: "\udcff",
}


@pytest.fixture(scope="module")
def drill_runs(tmp_path_factory):
    """Return a scored drill (drill.json, its log) and an evacuation day (evacuation.csv)."""
    root = tmp_path_factory.mktemp("damaged")
    scored, evacuated = root / "scored", root / "evacuated"
    for arguments in (
        ["score", str(SCENARIOS / "bank_system_outage.yaml"), str(LOG), "--out", str(scored)],
        ["run", str(SCENARIOS / "promotion_fire_blocked_exit.yaml"), "--out", str(evacuated)],
    ):
        result = CliRunner().invoke(cli, [*arguments, "-n", "2", "--no-brief"])
        assert result.exit_code == 0, result.output
    assert (evacuated / "evacuation.csv").exists() and (scored / "drill.json").exists()
    return scored, evacuated


LOG = SCENARIOS / "logs" / "bank_system_outage.log.yaml"


@pytest.mark.slow
@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_damaged_run_file_is_exit_2_naming_it_or_is_not_needed(drill_runs, tmp_path, corruption):
    damage = CORRUPTIONS[corruption]
    outcomes = []
    for source in drill_runs:
        for file in sorted(source.iterdir()):
            copy = tmp_path / f"{source.name}-{file.name}"
            shutil.copytree(source, copy)
            if damage is None:
                (copy / file.name).unlink()
            else:
                text = damage(file.read_text(encoding="utf-8"))
                (copy / file.name).write_bytes(text.encode("utf-8", "surrogateescape"))
            result = CliRunner().invoke(cli, ["brief", str(copy), "--format", "md"])
            assert result.exit_code in (0, 2), (file.name, result.output, result.exception)
            if result.exit_code == 2:
                assert file.name in result.output, result.output
            outcomes.append(result.exit_code)
    assert 2 in outcomes  # the damage was seen somewhere


def test_history_lists_what_it_can_read_and_names_what_it_skips(drill_runs, tmp_path):
    scored, _evacuated = drill_runs
    results = tmp_path / "results"
    for name, drill_json in [("good", None), ("list", "[]"), ("nested", '{"kind": [1]}')]:
        shutil.copytree(scored, results / name)
        if drill_json is not None:
            (results / name / "drill.json").write_text(drill_json, encoding="utf-8")
    # A scenario name edited to send a terminal its escape sequences (a window title).
    summary = json.loads((results / "good" / "summary.json").read_text(encoding="utf-8"))
    summary["scenario"]["name"] = "\x1b]0;owned\x07hall\u202e"
    (results / "good" / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    result = CliRunner().invoke(cli, ["history", "--results", str(results)])
    assert result.exit_code == 0, result.output
    assert str(results / "good") in result.output and "]0;ownedhall — " in result.output
    assert (
        "\x1b" not in result.output
        and "\x07" not in result.output
        and "\u202e" not in result.output
    )
    assert result.output.count("Skipped (unreadable)") == 2


def _set(path: list, value):
    def edit(summary: dict) -> None:
        node = summary
        for key in path[:-1]:
            node = node[key]
        if value is KeyError:
            del node[path[-1]]
        else:
            node[path[-1]] = value

    return edit


VALUE_DAMAGE = {
    "a language drill has no words for": (_set(["scenario", "language"], "fr"), "language"),
    "a metric missing": (_set(["metrics", "wait_p90_min"], KeyError), "metrics.wait_p90_min"),
    "an impossible clock time": (_set(["scenario", "hours", "open"], "99:99"), "hours.open"),
    "days below one": (_set(["replications"], -5), "replications is -5"),
}


@pytest.mark.parametrize("damage", VALUE_DAMAGE)
def test_a_summary_value_no_run_writes_is_exit_2_naming_it(drill_runs, tmp_path, damage):
    edit, named = VALUE_DAMAGE[damage]
    copy = tmp_path / "copy"
    shutil.copytree(drill_runs[0], copy)
    summary = json.loads((copy / "summary.json").read_text(encoding="utf-8"))
    edit(summary)
    (copy / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", str(copy)])
    assert result.exit_code == 2, (result.output, result.exception)
    assert "summary.json" in result.output and named in result.output


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '{"a": ' + "9" * 5000 + "}"])
def test_a_summary_that_is_not_strict_json_is_exit_2(drill_runs, tmp_path, text):
    copy = tmp_path / "copy"
    shutil.copytree(drill_runs[0], copy)
    (copy / "summary.json").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", str(copy)])
    assert result.exit_code == 2 and "summary.json: not valid JSON" in result.output

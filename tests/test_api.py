"""The Python API: three lines from a scenario file to a table, the same numbers as the CLI."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import simulator as drill
from simulator import api
from simulator.cli import cli
from simulator.rundir.schema import COMPARISON_COLUMNS, METRIC_NAMES
from tests.factory import hall

ROOT = Path(__file__).parent.parent
PROMOTION = ROOT / "scenarios" / "promotion_day.yaml"


def test_three_lines_from_a_scenario_file_to_a_table_of_metrics():
    pandas = pytest.importorskip("pandas")
    run = drill.run(drill.load(PROMOTION), replications=4, seed=2)
    frame = run.to_frame()
    assert isinstance(frame, pandas.DataFrame)
    services = [service.name for service in run.scenario.demand.services]
    per_service = [
        f"{metric}[{name}]" for name in services for metric in ("wait_mean_min", "wait_p90_min")
    ]
    assert list(frame.columns) == [*METRIC_NAMES, *per_service] and len(frame) == 4
    assert frame["wait_p90_min"].tolist() == run.result.values["wait_p90_min"]
    assert frame["lost_customers"].sum() == 0


def test_the_api_gives_the_numbers_drill_run_writes(tmp_path):
    out = tmp_path / "cli"
    arguments = ["run", str(PROMOTION), "-n", "3", "--seed", "5", "--no-brief", "--out", str(out)]
    assert CliRunner().invoke(cli, arguments).exit_code == 0
    written = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    run = drill.run(
        PROMOTION, replications=3, seed=5, jobs=2
    )  # a path will do; jobs change nothing
    summary = json.loads(json.dumps(run.summary, ensure_ascii=False))
    assert summary == written


def test_write_makes_the_run_directory_with_its_brief(tmp_path):
    run = drill.run(hall(per_min=1.0, hours=2), replications=2, seed=1)
    target = run.write(tmp_path / "run")
    assert {"summary.json", "replications.csv", "events.csv", "brief.md"} <= {
        path.name for path in target.iterdir()
    }
    info = json.loads((target / "run.json").read_text(encoding="utf-8"))
    assert info["jobs"] == 1 and info["command"][0] == "python"


def test_to_frame_without_pandas_says_how_to_get_it(monkeypatch):
    run = drill.run(hall(per_min=1.0, hours=1), replications=1)
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    with pytest.raises(api.PandasMissing, match="pip install pandas"):
        run.to_frame()


def test_compare_and_staff_return_what_their_commands_write():
    pytest.importorskip("pandas")
    compared = drill.compare(PROMOTION, replications=3, seed=1)
    names = [arm["name"] for arm in compared.summary["arms"]]
    assert names[0] == "base" and len(names) > 1
    frame = compared.to_frame()
    assert list(frame.columns) == list(COMPARISON_COLUMNS)  # the CSV, as a frame
    per_arm = len(METRIC_NAMES) + 2 * len(drill.load(PROMOTION).demand.services)
    assert set(frame["arm"]) == set(names) and len(frame) == len(names) * per_arm
    base, variants = frame[frame["arm"] == "base"], frame[frame["arm"] != "base"]
    assert base["difference"].isna().all()  # the base has no difference to itself
    assert variants[variants["metric"] == "wait_p90_min"]["difference"].notna().all()
    with pytest.raises(api.PlanError, match="no variant 'nonesuch'"):
        drill.compare(PROMOTION, variants=["nonesuch"], replications=1)
    staffed = drill.staff(hall(per_min=2.0, counters=1, hours=2), replications=3, block_min=60)
    assert [block["block"] for block in staffed.summary["blocks"]] == ["09:00–10:00", "10:00–11:00"]
    frame = staffed.to_frame()
    assert len(frame) == 2 and "kept:wait_p90_min<=20" in frame.columns


def test_importing_the_package_loads_no_engine():
    code = "import sys, simulator; print('simpy' in sys.modules, 'numpy' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert output.stdout.split() == ["False", "False"]


def test_a_bad_scenario_file_raises_with_every_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nname: x\nsite: {name: h}\n", encoding="utf-8")
    with pytest.raises(drill.ScenarioError) as error:
        drill.load(bad)
    assert len(error.value.problems) > 1 and "bad.yaml" in str(error.value)


def test_a_run_shows_itself_briefly():
    run = drill.run(hall(per_min=1.0, hours=1), replications=2, seed=4)
    assert repr(run) == "<Run 'test hall': 2 days, seed 4; .summary, .to_frame(), .write(dir)>"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: drill.run(hall(), replications=0), "at least 1"),
        (lambda: drill.compare(PROMOTION, by="wait_p99", replications=2), "did you mean"),
        (
            lambda: drill.compare(PROMOTION, precision=0.5, replications=20, max_replications=5),
            "below",
        ),
        (lambda: drill.compare(hall(), replications=2), "no `variants:`"),
        (lambda: drill.staff(hall(), targets=["wait<=3"], replications=2), "cannot be staffed for"),
    ],
)
def test_the_api_refuses_what_it_cannot_do_before_simulating(call, message):
    with pytest.raises(ValueError, match=message):
        call()

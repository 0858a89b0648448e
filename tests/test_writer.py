"""The run directory: contents, and atomicity (a failed run leaves nothing behind)."""

import csv
import json
import math

import numpy as np
import pytest

from simulator.metrics import METRIC_NAMES
from simulator.rundir import writer as results
from simulator.rundir.staging import ClaimError, WriteError
from simulator.rundir.writer import write_run
from simulator.runner import run_replications
from simulator.scoring import check_limits
from tests.factory import hall


@pytest.fixture(scope="module")
def run_result():
    return run_replications(hall(per_min=1.5, counters=2, hours=2), 4, seed=3)


def test_run_directory_holds_summary_replications_and_timeseries(tmp_path, run_result):
    target = tmp_path / "run"
    write_run(run_result, check_limits(run_result), target, {"jobs": 1})
    summary = json.loads((target / "summary.json").read_text(encoding="utf-8"))
    assert summary["replications"] == 4 and summary["seed"] == 3
    # Every metric, and the waits of the one service by its name.
    assert list(summary["metrics"]) == [*METRIC_NAMES, "wait_mean_min[any]", "wait_p90_min[any]"]
    assert summary["metrics"]["lost_customers"] == {"mean": 0.0, "ci_low": 0.0, "ci_high": 0.0}
    assert summary["limits"][0]["name"] == "wait_p90_min"
    assert 0 <= summary["limits"][0]["held_share"] <= 1

    with (target / "replications.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["replication"]) for row in rows] == [0, 1, 2, 3]
    assert [float(row["wait_p90_min"]) for row in rows] == run_result.values["wait_p90_min"]
    # Every cell is a plain number a spreadsheet reads (never a numpy repr like np.float64(1.0)).
    for row in rows:
        assert list(row)[1:] == list(summary["metrics"])
        for name in summary["metrics"]:
            float(row[name])

    with (target / "timeseries.csv").open(encoding="utf-8") as handle:
        series = list(csv.DictReader(handle))
    assert len(series) == run_result.grid.size
    assert series[0]["clock"] == "09:00" and series[60]["clock"] == "10:00"
    assert float(series[30]["density_mean_per_m2"]) == pytest.approx(
        float(series[30]["in_hall_mean"]) / 200.0, rel=1e-5
    )
    assert json.loads((target / "run.json").read_text())["jobs"] == 1


def test_a_failure_while_writing_leaves_no_directory(tmp_path, run_result, monkeypatch):
    def broken(*_arguments):
        raise OSError("disk full")

    monkeypatch.setattr(results, "_write_timeseries", broken)
    with pytest.raises(WriteError, match="could not be written"):
        write_run(run_result, [], tmp_path / "run", {})
    assert list(tmp_path.iterdir()) == []


def test_an_existing_non_empty_directory_is_refused(tmp_path, run_result):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "keep.txt").write_text("mine")
    with pytest.raises(ClaimError, match="already exists and is not empty"):
        write_run(run_result, [], tmp_path / "run", {})
    assert (tmp_path / "run" / "keep.txt").read_text() == "mine"


def test_a_failure_in_what_finishes_the_run_leaves_no_directory(tmp_path, run_result):
    def brief_fails(staging):
        assert (staging / "summary.json").exists()  # the run's files are there to read
        raise RuntimeError("the brief broke")

    with pytest.raises(RuntimeError, match="the brief broke"):
        write_run(run_result, [], tmp_path / "run", {}, finish=brief_fails)
    assert list(tmp_path.iterdir()) == []


def test_every_json_file_is_strict_json_without_nan_or_infinity(tmp_path, run_result):
    was = run_result.values["wait_mean_min"][0]
    run_result.values["wait_mean_min"][0] = math.inf  # what a floor of 1e-300 m² once gave
    try:
        with np.errstate(invalid="ignore"):
            write_run(run_result, [], tmp_path / "run", {"odd": [math.nan, -math.inf]})
    finally:
        run_result.values["wait_mean_min"][0] = was

    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON")

    for name in ("summary.json", "run.json"):
        data = json.loads((tmp_path / "run" / name).read_text(), parse_constant=refuse)
        assert data
    assert json.loads((tmp_path / "run" / "run.json").read_text())["odd"] == [None, None]

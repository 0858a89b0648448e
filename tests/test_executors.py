"""Executors: the Dask cluster gives the local run's numbers bit for bit."""

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.runner import SerialExecutor, make_executor, run_replications
from tests.factory import hall, surge

pytestmark = pytest.mark.slow  # whole runs, searches or browsers

dask_distributed = pytest.importorskip(
    "dask.distributed", reason="the Dask extra is not installed: pip install -e '.[dask]'"
)
SCENARIO = hall(per_min=1.6, counters=2, hours=3, incidents=(surge(60, 120, 1.4),))


def test_a_dask_local_cluster_run_equals_the_local_run_bit_for_bit():
    local = run_replications(SCENARIO, 24, seed=9, executor=SerialExecutor())
    executor = make_executor(2, "dask")
    try:
        assert executor.jobs == 2
        remote = run_replications(SCENARIO, 24, seed=9, executor=executor)
    finally:
        executor.close()
    for name, values in local.values.items():  # exact, NaN (no evacuation) equal to NaN
        np.testing.assert_array_equal(np.array(remote.values[name]), np.array(values), name)
    assert remote.events == local.events
    for name, series in local.series.items():
        assert np.array_equal(series.mean(), remote.series[name].mean())


def test_drill_run_on_dask_writes_the_same_summary(tmp_path):
    scenario = tmp_path / "hall.yaml"
    scenario.write_text(
        "schema: 1\nname: dask hall\nlanguage: en\n"
        "site: {name: h, floor_area_m2: 100, exits: [{name: door, width_m: 1.2}]}\n"
        'hours: {open: "09:00", close: "11:00"}\n'
        'staff: {counters: [{from: "09:00", count: 2}]}\n'
        'demand:\n  arrivals: [{from: "09:00", per_hour: 80}]\n'
        "  services: [{name: pay, share: 1.0, minutes: {dist: exponential, mean: 1.3}}]\n",
        encoding="utf-8",
    )
    summaries = []
    for extra in ([], ["--executor", "dask", "--jobs", "2"]):
        out = tmp_path / f"run{len(extra)}"
        arguments = ["run", str(scenario), "-n", "10", "--out", str(out), "--no-brief", *extra]
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, result.output
        summaries.append((out / "summary.json").read_bytes())
    assert summaries[0] == summaries[1]
    assert json.loads((tmp_path / "run4" / "run.json").read_text())["jobs"] == 2


def test_an_unreachable_scheduler_is_bad_input(tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "run",
            str(Path(__file__).parent.parent / "scenarios" / "normal_day.yaml"),
            "--executor",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:9",
            "--out",
            str(tmp_path / "x"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in result.output
    assert not (tmp_path / "x").exists()

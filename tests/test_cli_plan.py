"""``drill compare`` (and the planning commands' shared options) through click's CliRunner."""

import csv
import json

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.i18n import render
from simulator.metrics import METRIC_NAMES

HALL_WITH_VARIANTS = """\
schema: 1
name: 比较测试厅
site: {name: 比较测试厅, floor_area_m2: 120, exits: [{name: 正门, width_m: 1.6}]}
hours: {open: "09:00", close: "11:00"}
staff: {counters: [{from: "09:00", count: 3}], fast_lane: 0}
demand:
  arrivals: [{from: "09:00", per_hour: 150}]
  services: [{name: 缴费, share: 1.0, minutes: {dist: exponential, mean: 1.1}}]
  patience_min: {dist: exponential, mean: 20}
limits: {wait_p90_min: 10}
variants:
  加一台: {staff: {counters: [{from: "09:00", count: 4}]}}
  原样: {}
"""


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "compare_hall.yaml"
    path.write_text(HALL_WITH_VARIANTS, encoding="utf-8")
    return path


def invoke(*arguments):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments])


def test_compare_writes_tables_a_chart_and_a_brief_section(scenario_file, tmp_path):
    out = tmp_path / "cmp"
    result = invoke("compare", scenario_file, "-n", 8, "--out", out)
    assert result.exit_code == 0, result.output
    assert "ranked by wait_p90_min (lower is better); 8 days per plan" in result.output
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert data["ranking"][0] == "加一台" and data["common_random_numbers"] is True
    same = next(arm for arm in data["arms"] if arm["name"] == "原样")
    assert all(d["mean"] in (0.0, None) for d in same["differences"].values())
    assert "not significant" in next(
        line
        for line in result.output.splitlines()
        if line.strip().startswith("2 原样") or line.strip().startswith("3 原样")
    )
    with (out / "comparison.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 * len(METRIC_NAMES)
    assert (out / "charts" / "comparison.png").exists()
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert f"## {render('brief.comparison', 'zh')}" in brief and "加一台" in brief
    # The base run's own files are there too, so `drill brief` works on the directory.
    assert (out / "summary.json").exists() and (out / "replications.csv").exists()


def test_compare_results_do_not_depend_on_jobs(scenario_file, tmp_path):
    texts = []
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        result = invoke(
            "compare", scenario_file, "-n", 6, "--jobs", jobs, "--out", out, "--no-brief"
        )
        assert result.exit_code == 0, result.output
        texts.append(
            [
                (out / name).read_bytes()
                for name in ("comparison.json", "comparison.csv", "summary.json")
            ]
        )
    assert texts[0] == texts[1]


def test_an_unknown_variant_is_bad_input_with_a_suggestion(scenario_file, tmp_path):
    result = invoke("compare", scenario_file, "--variant", "加一", "--out", tmp_path / "x")
    assert result.exit_code == 2
    assert "has no variant '加一' (did you mean '加一台'?)" in result.output
    assert not (tmp_path / "x").exists()


def test_a_scenario_without_variants_is_bad_input(tmp_path):
    path = tmp_path / "plain.yaml"
    path.write_text(HALL_WITH_VARIANTS.split("variants:")[0], encoding="utf-8")
    result = invoke("compare", path, "--out", tmp_path / "x")
    assert result.exit_code == 2 and "has no `variants:` to compare" in result.output


def test_a_scheduler_needs_the_dask_executor(scenario_file, tmp_path):
    result = invoke(
        "run", scenario_file, "--scheduler", "tcp://127.0.0.1:1", "--out", tmp_path / "x"
    )
    assert result.exit_code == 2 and "only the Dask executor takes a scheduler" in result.output

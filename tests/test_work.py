"""The work estimate: close to what a run really simulates, and large runs refused up front."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.model import load_scenario
from simulator.runner import run_replications
from simulator.runner.work import LARGE_RUN, estimate_work

SCENARIOS = Path(__file__).parent.parent / "scenarios"


@pytest.mark.parametrize("name", ["promotion_day", "service_centre_surge", "normal_day"])
def test_the_estimate_is_within_five_percent_of_the_customers_a_run_simulates(name):
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    simulated = run_replications(scenario, 8, seed=2).estimate("arrivals").mean
    assert estimate_work(scenario, 8).customers_per_day == pytest.approx(simulated, rel=0.05)


def test_evacuees_weigh_in_only_where_an_evacuation_is_planned():
    fire = estimate_work(load_scenario(SCENARIOS / "promotion_fire_blocked_exit.yaml"), 10)
    plain = estimate_work(load_scenario(SCENARIOS / "promotion_day.yaml"), 10)
    assert fire.evacuees_per_day > 0 and plain.evacuees_per_day == 0
    assert fire.units > plain.units


def test_a_run_above_the_limit_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scenario = str(SCENARIOS / "promotion_day.yaml")
    result = CliRunner().invoke(cli, ["run", scenario, "-n", "100000"])
    assert result.exit_code == 2
    assert f"above the limit of {LARGE_RUN:,}" not in result.output  # said in the scenario's zh
    assert "123,850,000 名客户（100,000 天 × 每天约 1,239 人）" in result.output
    assert "--allow-large" in result.output and not (tmp_path / "results").exists()


def test_allow_large_lets_the_same_run_start(tmp_path, monkeypatch):
    # Only that it starts: the check is passed and the run directory claimed. The simulation
    # itself is replaced, so the test does not run 100,000 days.
    from simulator import api

    def started(*_arguments, **_options):
        raise RuntimeError("the simulation started")

    monkeypatch.setattr(api, "run", started)
    scenario = str(SCENARIOS / "promotion_day.yaml")
    arguments = ["run", scenario, "-n", "100000", "--allow-large", "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(cli, arguments)
    assert isinstance(result.exception, RuntimeError) and "the simulation started" in str(
        result.exception
    )
    assert list(tmp_path.iterdir()) == []  # the claim was given up when the command failed

"""Every shipped scenario gives the very numbers captured before the engine was restructured.

The files under ``golden/runs/`` were written by the engine as it was before the hall was split
into its parts (customer table, door, actions) and events were typed. A refactoring that moves
one random draw, one outcome or one minute of a counter's duty shows up here as a changed byte.
After a deliberate change of behaviour, rerun with ``DRILL_UPDATE_GOLDEN=1`` and review the diff.
"""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "runs"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
DAYS, SEED = "6", "3"
COMPARED = ("replications.csv", "timeseries.csv")


def _run(arguments: list[str], out: Path) -> None:
    result = CliRunner().invoke(
        cli, [*arguments, "-n", DAYS, "--seed", SEED, "--no-brief", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output


def _assert_same(out: Path, golden: Path) -> None:
    metrics = json.loads((out / "summary.json").read_text(encoding="utf-8"))["metrics"]
    written = {"metrics.json": json.dumps(metrics, indent=1, sort_keys=True) + "\n"}
    written.update({name: (out / name).read_text(encoding="utf-8") for name in COMPARED})
    if os.environ.get("DRILL_UPDATE_GOLDEN"):
        golden.mkdir(parents=True, exist_ok=True)
        for name, text in written.items():
            (golden / name).write_text(text, encoding="utf-8")
    for name, text in written.items():
        assert text == (golden / name).read_text(encoding="utf-8"), f"{golden.name}/{name}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda path: path.stem)
def test_a_shipped_scenario_gives_the_captured_numbers(scenario, tmp_path):
    _run(["run", str(scenario)], tmp_path / "run")
    _assert_same(tmp_path / "run", GOLDEN / scenario.stem)


def test_a_scored_drill_gives_the_captured_numbers(tmp_path):
    log = ROOT / "scenarios" / "logs" / "bank_system_outage.log.yaml"
    _run(["score", str(ROOT / "scenarios" / "bank_system_outage.yaml"), str(log)], tmp_path / "run")
    _assert_same(tmp_path / "run", GOLDEN / "bank_system_outage.scored")

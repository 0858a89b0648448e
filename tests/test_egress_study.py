"""drill evacuate: N people evacuated R times, written as a study directory of its own."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.analysis.egress_study import DESIGN_SPACE_M2, design_occupants, study_evacuation
from simulator.cli import cli
from simulator.model import load_scenario
from simulator.rundir.egress_study import curve_columns, curve_csv
from tests.engine_words import engine_words_in

SCENARIOS = Path(__file__).parent.parent / "scenarios"
FIRE = SCENARIOS / "bank_fire_drill.yaml"


def test_the_design_load_is_the_floor_area_over_nfpas_mercantile_factor():
    scenario = load_scenario(FIRE)
    assert pytest.approx(2.787, abs=1e-3) == DESIGN_SPACE_M2  # 30 ft²
    assert design_occupants(scenario) == 65  # 180 m² / 2.79 m², rounded up


def test_everyone_inside_leaves_once_and_the_curve_ends_empty():
    scenario = load_scenario(FIRE)
    study = study_evacuation(scenario, 120, 6, seed=3)
    assert all(result.out_s.size == 120 for result in study.results)
    tables = study.exit_tables()
    assert tables[:, :, 0].sum(axis=1).tolist() == [120] * 6  # by exit, everyone once
    curve = curve_columns(curve_csv(study))
    assert curve["inside_mean"][0] == 120 and curve["inside_p90"][-1] == 0
    by_exit = sum(curve[f"bound_for[{e.name}]"] for e in scenario.site.exits)
    # (evacuation.csv keeps six significant digits)
    assert by_exit.tolist() == pytest.approx(curve["inside_mean"].tolist(), abs=1e-2)


def test_drill_evacuate_writes_the_study_in_the_scenarios_language(tmp_path):
    out = tmp_path / "study"
    arguments = ["evacuate", str(FIRE), "--occupants", "300", "-n", "8", "--out", str(out)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "brief.md",
        "charts",
        "evacuation.csv",
        "summary.json",
    ]
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (data["kind"], data["occupants"], data["repetitions"]) == ("evacuate", 300, 8)
    egress = data["metrics"]["egress_s"]
    assert egress["ci_low"] <= egress["mean"] <= egress["ci_high"]
    assert sum(exit_["people_mean"] for exit_ in data["exits"]) == pytest.approx(300)
    assert max(e["last_out_mean_s"] for e in data["exits"]) <= egress["mean"] + 1e-9
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert brief.startswith("# 疏散能力推演评估") and "(charts/evacuation_exits.png)" in brief
    assert "厅内 300 人" in result.output and engine_words_in(result.output) == []
    assert (out / "charts" / "evacuation_exits.png").read_bytes().startswith(b"\x89PNG")


def test_the_same_seed_writes_the_same_study(tmp_path):
    written = []
    for name in ("one", "two"):
        out = tmp_path / name
        arguments = ["evacuate", str(FIRE), "-n", "5", "--seed", "9", "--out", str(out)]
        assert CliRunner().invoke(cli, arguments).exit_code == 0
        written.append([(out / f).read_bytes() for f in ("summary.json", "evacuation.csv")])
    assert written[0] == written[1]


def test_no_occupants_is_bad_input_and_writes_nothing(tmp_path):
    arguments = ["evacuate", str(FIRE), "--occupants", "0", "--out", str(tmp_path / "x")]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 2 and "--occupants" in result.output
    assert not (tmp_path / "x").exists()

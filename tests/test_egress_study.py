"""drill evacuate: N people evacuated R times, written as a study directory of its own."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.analysis.egress_study import DESIGN_SPACE_M2, design_occupants, study_evacuation
from simulator.cli import cli
from simulator.engine.egress import MAX_DENSITY
from simulator.metrics.evacuation import DENSITY_DANGER
from simulator.model import load_scenario
from simulator.model.distributions import Fixed
from simulator.model.scenario import Premovement
from simulator.report.egress_study import study_brief
from simulator.rundir.egress_study import curve_columns, curve_csv, study_dict
from tests.engine_words import engine_words_in

SCENARIOS = Path(__file__).parent.parent / "scenarios"
FIRE = SCENARIOS / "bank_fire_drill.yaml"
DAY = dt.date(2026, 12, 4)
GOLDEN = Path(__file__).parent / "golden" / "bank_fire_drill.study.brief.zh.md"


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
        "brief.html",
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
    # The fire drill's plan has a passage through the counters: who crossed there, and when.
    passage = data["passage"]
    assert passage["width_m"] == 0.9 and 0 < passage["people_mean"] < 300
    assert passage["last_through_mean_s"] < egress["mean"]
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


def _quick_starters(scenario):
    """Return ``scenario`` with everyone moving at the alarm: the doors alone set the time."""
    start = Premovement(customers=Fixed(value=0.0), staff=Fixed(value=0.0))
    cash = Fixed(value=0.0)
    egress = scenario.egress.model_copy(update={"premovement_s": start, "secure_cash_s": cash})
    return scenario.model_copy(update={"egress": egress})


def test_the_other_door_flow_is_played_on_the_same_draws_and_the_brief_says_what_decides():
    slow_start = study_dict(study_evacuation(load_scenario(FIRE), 300, 6, seed=2))
    quick_start = study_dict(study_evacuation(_quick_starters(load_scenario(FIRE)), 300, 6, seed=2))
    for data in (slow_start, quick_start):
        # Design (the scenario's) against measured doors, same people: measured is never slower.
        assert data["other_flow"]["flow"] == "measured"
        assert data["other_flow"]["egress_p50_s"] <= data["egress_p50_s"]
        assert data["egress_p50_s"] <= data["egress_p95_s"]
    # Everyone moving at once: 300 people through doors 1.3/1.6 apart, far over 20 %.
    assert quick_start["other_flow"]["egress_p50_s"] < 0.85 * quick_start["egress_p50_s"]
    assert "两者相差超过 20%" in study_brief(quick_start, "zh", DAY)
    # With the scenario's pre-movement the slowest starters decide, and the brief says so.
    ratio = slow_start["other_flow"]["egress_p50_s"] / slow_start["egress_p50_s"]
    assert ratio > 0.8 and "两者相差不到 20%" in study_brief(slow_start, "zh", DAY)


def test_a_crush_at_the_door_is_reported_by_exit_and_never_above_fruins_fluid_mass():

    data = study_dict(study_evacuation(_quick_starters(load_scenario(FIRE)), 400, 4, seed=5))
    crushed = [e for e in data["exits"] if e["danger_share"] > 0]
    assert crushed, data["exits"]
    for exit_ in data["exits"]:
        assert exit_["peak_density_p95_per_m2"] <= MAX_DENSITY
        if exit_["peak_density_p95_per_m2"] >= DENSITY_DANGER:  # then its worst day was too
            assert exit_["danger_share"] > 0
    brief = study_brief(data, "zh", DAY)
    assert f"{crushed[0]['name']}：" in brief and "有挤压受伤的危险" in brief
    assert "各出口排队密度均未达到" not in brief
    assert f"{crushed[0]['peak_density_p95_per_m2']:.2f} (F)" in brief


def test_drill_brief_writes_a_studys_brief_in_another_language_beside_the_first(tmp_path):
    out = tmp_path / "study"
    runner = CliRunner()
    assert runner.invoke(cli, ["evacuate", str(FIRE), "-n", "4", "--out", str(out)]).exit_code == 0
    first = (out / "brief.md").read_bytes()
    result = runner.invoke(cli, ["brief", str(out), "--lang", "en", "--format", "md,html"])
    assert result.exit_code == 0, result.output
    english = (out / "brief.en.md").read_text(encoding="utf-8")
    assert english.startswith("# Egress assessment by simulation")
    assert "(charts.en/evacuation_exits.png)" in english and "| Prepared by | | |" in english
    assert (out / "charts.en" / "evacuation_exits.png").read_bytes().startswith(b"\x89PNG")
    html = (out / "brief.en.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html and "@page" in html
    assert (out / "brief.md").read_bytes() == first  # the scenario's language kept as it was


def test_a_study_of_an_older_layout_is_refused_by_name(tmp_path):
    out = tmp_path / "study"
    runner = CliRunner()
    assert runner.invoke(cli, ["evacuate", str(FIRE), "-n", "2", "--out", str(out)]).exit_code == 0
    summary = out / "summary.json"
    summary.write_text(
        summary.read_text(encoding="utf-8").replace('"schema_version": 3', '"schema_version": 1'),
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["brief", str(out)])
    assert result.exit_code == 2
    assert (
        "egress-study layout 1; this drill reads layout 3. Run drill evacuate again."
        in result.output
    )


def test_the_study_brief_matches_its_golden():
    data = study_dict(study_evacuation(load_scenario(FIRE), 120, 6, seed=4))
    data["scenario"]["file"] = "scenarios/bank_fire_drill.yaml"  # not where the tests run
    brief = study_brief(data, "zh", DAY)
    if os.environ.get("DRILL_UPDATE_GOLDEN"):
        GOLDEN.write_text(brief, encoding="utf-8")
    assert brief == GOLDEN.read_text(encoding="utf-8")


def test_a_blocked_exit_takes_nobody_and_the_brief_says_so(tmp_path):
    out = tmp_path / "study"
    arguments = ["evacuate", str(FIRE), "--blocked", "正门", "-n", "6", "--out", str(out)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["blocked"] == ["正门"]
    main, fire_exit = data["exits"]
    assert main["people_mean"] is None and fire_exit["people_mean"] == pytest.approx(65)
    open_study = study_dict(study_evacuation(load_scenario(FIRE), None, 6, seed=1))
    # Everyone through the 1 m fire exit behind the counters: slower than with both doors.
    assert data["egress_p50_s"] > open_study["egress_p50_s"]
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "；正门被封堵" in brief and "| 正门 | 被封堵 | — | — | — |" in brief
    assert "所列被封堵的出口每次都不可用" in brief and "出口均未被堵" not in brief


@pytest.mark.parametrize(
    ("blocked", "said"),
    [
        (["后门"], "营业厅没有名为 后门 的出口；出口有：正门、消防通道"),
        (["正门", "消防通道"], "不能封堵全部出口"),
    ],
)
def test_blocking_an_exit_the_hall_has_not_or_every_exit_is_refused(tmp_path, blocked, said):
    arguments = ["evacuate", str(FIRE), "--out", str(tmp_path / "x")]
    for name in blocked:
        arguments += ["--blocked", name]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 2 and said in result.output and "--blocked" in result.output
    assert not (tmp_path / "x").exists()


def test_the_scenarios_egress_limit_is_judged_over_the_repetitions():
    scenario = load_scenario(FIRE)  # limits: egress_s 180, target_share 0.9
    data = study_dict(study_evacuation(scenario, 200, 12, seed=3))
    (limit,) = data["limits"]
    held = sum(total <= 180 for total in study_evacuation(scenario, 200, 12, seed=3).totals_s)
    assert (limit["threshold_s"], limit["held"]) == (180, held)
    assert limit["kept"] == (held >= 0.9 * 12)
    assert limit["ci_low"] <= held / 12 <= limit["ci_high"]
    brief = study_brief(data, "zh", DAY)
    verdict = "——达到" if limit["kept"] else "——未达到"
    assert f"12 次中{'只有' if not limit['kept'] else ''} {held} 次做到" in brief
    assert verdict in brief


def test_a_blocked_main_door_puts_the_crowd_at_the_counter_passage_and_the_brief_weighs_it():
    scenario = load_scenario(FIRE)
    open_doors = study_dict(study_evacuation(scenario, 120, 6, seed=2))
    blocked = study_dict(study_evacuation(scenario, 120, 6, seed=2, blocked=frozenset({"正门"})))
    # Everyone on the public floor must cross the counters to reach the fire exit.
    assert blocked["passage"]["people_mean"] > 100 > open_doors["passage"]["people_mean"]
    crowded = blocked["passage"]["peak_density_p95_per_m2"]
    assert crowded > 5 * open_doors["passage"]["peak_density_p95_per_m2"]
    brief = study_brief(blocked, "zh", DAY)
    if blocked["passage"]["warning_share"]:
        assert "柜台线通道：" in brief and "各出口和柜台线通道前" not in brief
    else:
        assert "各出口和柜台线通道前的排队密度均未达到" in brief

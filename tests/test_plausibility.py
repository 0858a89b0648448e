"""Plausibility warnings: legal values that are almost surely mistakes, each at its line."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.i18n import message
from simulator.model import load_scenario, load_scenario_text
from simulator.model.conditions import parse_condition
from simulator.model.plausibility import fluid_peak, impossible
from tests.factory import exponential, fixed, hall
from tests.test_floor import HALL as PLANNED_HALL

SCENARIOS = Path(__file__).parent.parent / "scenarios"

HALL = """\
schema: 1
name: test hall
language: en
site: {name: hall, floor_area_m2: 200, exits: [{name: door, width_m: 1.8}]}
hours: {open: "09:00", close: "17:00"}
staff:
  counters: [{from: "09:00", count: 4}]
  reserve: {count: 0}
demand:
  arrivals: [{from: "09:00", per_hour: 40}]
  services:
    - {name: pay, share: 1.0, minutes: {dist: exponential, mean: 5}}
playbook:
  - {when: "queue >= 20", do: stop_entry}
"""


def warnings_of(text: str) -> list[str]:
    return [warning.text("en") for warning in load_scenario_text(text, "hall.yaml").warnings]


def test_a_plain_hall_has_no_warnings():
    assert warnings_of(HALL) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "mean: 5}",
            "mean: 300}",
            "hall.yaml:12 demand.services[0].minutes: warning: a mean service of 300 minutes",
        ),
        (
            "per_hour: 40",
            "per_hour: 2500",
            "hall.yaml:10 demand.arrivals[0].per_hour: warning: 2,500 arrivals per hour from 09:00",
        ),
        (
            ("floor_area_m2: 200", "per_hour: 40"),  # a tiny hall with a steady crowd
            ("floor_area_m2: 1", "per_hour: 60"),
            "hall.yaml:4 site.floor_area_m2: warning: arrivals against the staffed counters put",
        ),
        (
            "queue >= 20",
            "queue >= 5000",
            "hall.yaml:14 playbook[0].when: warning: this rule can never fire: the hall holds at "
            "most about 1100 people",
        ),
        (
            "queue >= 20",
            "time >= 21:00",
            "hall.yaml:14 playbook[0].when: warning: this rule can never fire: the hall is open "
            "09:00–17:00",
        ),
        (
            "queue >= 20",
            "outage_min >= 10 or power_out == 1",
            "this rule can never fire: the scenario has no system or power outage",
        ),
        (
            "queue >= 20",
            "queue_vip >= 1 and queue >= 5",
            "this rule can never fire: there are no VIP customers",
        ),
        (
            "reserve: {count: 0}",
            "reserve: {count: 2}",
            "hall.yaml:8 staff.reserve.count: warning: 2 reserve staff, but no playbook rule",
        ),
    ],
)
def test_each_implausible_value_is_a_warning_at_its_line(old, new, expected):
    text = HALL
    olds, news = (old, new) if isinstance(old, tuple) else ((old,), (new,))
    for before, after in zip(olds, news, strict=True):
        assert before in text
        text = text.replace(before, after)
    found = warnings_of(text)
    assert any(expected in warning for warning in found), found


def test_a_rule_that_one_branch_can_fire_is_not_warned_about():
    assert warnings_of(HALL.replace("queue >= 20", "outage_min >= 10 or queue >= 20")) == []


def test_a_variant_warns_only_of_what_it_brings_in():
    text = HALL.replace("mean: 5}", "mean: 300}") + (
        "variants:\n  tiny: {site: {floor_area_m2: 2}}\n  same: {staff: {counters: [{from: "
        '"09:00", count: 5}]}}\n'
    )
    found = warnings_of(text)
    # The base's long service is said once; the tiny hall adds its crowding and its rule.
    assert [warning.split(": warning:")[0] for warning in found] == [
        "hall.yaml:12 demand.services[0].minutes",
        "hall.yaml:16 variants.tiny → site.floor_area_m2",
        "hall.yaml:14 variants.tiny → playbook[0].when",
    ], found


def test_the_impossible_checks_and_or_as_logic():
    ranges = {"queue": (0.0, 10.0, message("plausible.no_vips"))}
    assert impossible(parse_condition("queue > 10"), ranges) is not None
    assert impossible(parse_condition("queue >= 10"), ranges) is None
    assert impossible(parse_condition("queue < 0"), ranges) is not None
    assert impossible(parse_condition("queue == 11 or queue == 3"), ranges) is None
    assert impossible(parse_condition("queue == 3 and queue > 20"), ranges) is not None


def test_the_fluid_peak_is_the_offered_load_below_capacity_and_grows_above_it():
    # Below capacity the fluid hall settles at λ·s people (Little's law, nobody waiting).
    light = hall(per_min=1.0, counters=10, services=None, hours=8.0)
    people, _when = fluid_peak(light)
    assert people == pytest.approx(1.0 * 1.0, rel=0.02)  # the factory's mean service is 1 min
    # Above capacity it grows at λ − c/s per minute for the whole day: 2 − 1 = 1 a minute.
    heavy = hall(per_min=2.0, counters=1, hours=8.0)
    people, when = fluid_peak(heavy)
    assert people == pytest.approx(480 * 1.0, rel=0.01) and when == pytest.approx(9 * 60 + 479)
    # With patience θ the queue settles where abandonment q/θ takes up the excess: q = 1·θ.
    patient = hall(per_min=2.0, counters=1, hours=8.0, patience_min=exponential(20.0))
    people, _when = fluid_peak(patient)
    assert people == pytest.approx(1 + 20, rel=0.02)
    fixed_service = hall(
        per_min=2.0, counters=1, hours=1.0, balk_at_queue=10, patience_min=fixed(1000.0)
    )
    assert fluid_peak(fixed_service)[0] == pytest.approx(1 + 10, abs=2.5)  # arrivals stop at 10


def test_the_shipped_scenarios_warn_only_of_their_reserves():
    # Three keep a reserve for the tabletop console that no playbook rule calls.
    for path in sorted(SCENARIOS.glob("*.yaml")):
        keys = [warning.key for warning in load_scenario(path).warnings]
        uncalled = path.stem in ("normal_day", "bank_system_outage", "bank_fire_drill")
        assert keys == (["staff.reserve.count"] if uncalled else []), path.name


def test_warnings_are_printed_once_kept_in_the_summary_and_strict_refuses(tmp_path):
    scenario = tmp_path / "hall.yaml"
    scenario.write_text(HALL.replace("mean: 5}", "mean: 300}"), encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "run"
    ran = runner.invoke(cli, ["run", str(scenario), "-n", "2", "--no-brief", "--out", str(out)])
    assert ran.exit_code == 0, ran.output
    assert ran.output.count("a mean service of 300 minutes") == 1
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    [kept] = summary["scenario"]["warnings"]
    assert (kept["key"], kept["line"]) == ("demand.services[0].minutes", 12)
    assert kept["text_zh"].startswith("平均办理时长 300 分钟")
    refused = runner.invoke(cli, ["run", str(scenario), "--strict", "--out", str(tmp_path / "x")])
    assert refused.exit_code == 2 and "1 warning(s) with --strict" in refused.output
    assert not (tmp_path / "x").exists()
    assert runner.invoke(cli, ["validate", "--strict", str(scenario)]).exit_code == 2


def test_egress_keys_for_the_other_kind_of_hall_are_warned_about_at_their_key():
    egress = "egress: {familiar_share: 0.9, flow: measured}\n"
    planned = load_scenario_text(PLANNED_HALL + egress, "h.yaml")
    assert [w.key for w in planned.warnings] == ["egress.familiar_share"]
    assert "有平面图（site.floor）时不使用 familiar_share" in planned.warnings[0].text("zh")
    plain = PLANNED_HALL.replace("  floor: {width_m: 20, depth_m: 12}\n", "")
    plain = plain.replace(", wall: south, at_m: 10", "").replace(", wall: north, at_m: 3", "")
    unplanned = load_scenario_text(plain + "egress:\n  reroute_wait_s: 20\n", "h.yaml")
    assert [(w.key, w.line) for w in unplanned.warnings] == [("egress.reroute_wait_s", 15)]
    assert "只有给出平面图" in unplanned.warnings[0].text("zh")

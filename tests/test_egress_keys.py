"""Validation of the ``egress:`` section and of the evacuation incidents' keys."""

import pytest

from simulator.model import load_scenario_text
from simulator.model.distributions import Fixed, Lognormal, Normal
from simulator.model.scenario import DEFAULT_EGRESS
from tests.test_load import assert_problems, scenario, validate

TWO_EXITS = (
    "exits: [{name: door, width_m: 1.8}]",
    "exits: [{name: door, width_m: 1.8}, "
    "{name: back, width_m: 1.0, distance_m: 14, approach_m2: 6}]",
)
FIRE = 'incidents:\n  - {kind: fire, at: "10:00", %s}\n'  # the incident is on line 19

CASES = {
    "egress key typo": (
        [],
        "egress: {premovment_s: {customers: {dist: fixed, value: 30}}}\n",
        [("hall.yaml:18 egress.premovment_s:", "did you mean 'premovement_s'?")],
    ),
    "unknown group": (
        [],
        "egress:\n  premovement_s: {visitors: {dist: fixed, value: 30}}\n",
        [("hall.yaml:19 egress.premovement_s.visitors:", "use one of: customers, staff")],
    ),
    "guided factor out of range": (
        [],
        "egress: {guided_factor: 0}\n",
        [("hall.yaml:18 egress.guided_factor:", "greater than 0")],
    ),
    "alarm typo": (
        [TWO_EXITS],
        FIRE % "alarm: detect",
        [("hall.yaml:19 incidents[0].alarm:", "did you mean 'detection'?")],
    ),
    "unknown exit": (
        [TWO_EXITS],
        FIRE % "blocks_exit: 后门",
        [("hall.yaml:19 incidents[0].blocks_exit:", "unknown exit name '后门'")],
    ),
    "the only exit blocked": (
        [],
        FIRE % "blocks_exit: door",
        [("hall.yaml:19 incidents[0].blocks_exit:", "only exit")],
    ),
    "a fire cannot be told not to evacuate": (
        [],
        FIRE % "evacuate: false",
        [("hall.yaml:19 incidents[0].evacuate:", "always ends in an evacuation")],
    ),
    "suppression probability above 1": (
        [],
        FIRE % "suppressed_prob: 1.5",
        [("hall.yaml:19 incidents[0].suppressed_prob:", "between 0 and 1, got 1.5")],
    ),
    "earthquake key of a fire": (
        [],
        'incidents:\n  - {kind: earthquake, at: "10:00", detection_s: {dist: fixed, value: 9}}\n',
        [("hall.yaml:19 incidents[0].detection_s:", "unknown earthquake key")],
    ),
}


@pytest.mark.parametrize(("edits", "extra", "expected"), CASES.values(), ids=CASES.keys())
def test_bad_evacuation_settings_are_reported_at_file_line_and_key(
    tmp_path, monkeypatch, edits, extra, expected
):
    assert_problems(validate(tmp_path, monkeypatch, scenario(*edits, extra=extra)), *expected)


def test_without_an_egress_section_the_documented_defaults_apply():
    assert load_scenario_text(scenario()).egress == DEFAULT_EGRESS


def test_egress_settings_and_exit_geometry_are_read():
    text = scenario(
        TWO_EXITS,
        extra=(
            "egress:\n"
            "  premovement_s: {customers: {dist: lognormal, mean: 90, sd: 40}}\n"
            "  speed_mps: {dist: normal, mean: 1.2, sd: 0.2}\n"
            "  familiar_share: 0.8\n"
            + FIRE
            % "blocks_exit: back, alarm: detection, asset_min: {dist: fixed, value: 6}"
        ),
    )
    loaded = load_scenario_text(text)
    egress = loaded.egress
    assert egress.premovement_s.customers == Lognormal(mean=90.0, sd=40.0)
    assert egress.premovement_s.staff == DEFAULT_EGRESS.premovement_s.staff
    assert egress.speed_mps == Normal(mean=1.2, sd=0.2)
    assert egress.familiar_share == 0.8 and egress.guided_factor == DEFAULT_EGRESS.guided_factor
    back = loaded.site.exits[1]
    assert (back.distance_m, back.approach_m2) == (14.0, 6.0)
    (fire,) = loaded.incidents
    assert fire.blocks_exit == "back" and fire.alarm == "detection"
    assert fire.asset_min == Fixed(value=6.0)

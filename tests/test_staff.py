"""A roster in the scenario: the counters, guides and guards follow from it; its errors."""

from pathlib import Path

import pytest

from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.model import ScenarioError, load_scenario_text

SHIPPED = (Path(__file__).parent.parent / "scenarios" / "promotion_day.yaml").read_text("utf-8")
PROMOTION = SHIPPED[: SHIPPED.index("\nvariants:")] + "\n"  # variants change the counters
COUNTERS = PROMOTION[PROMOTION.index("  counters:\n") : PROMOTION.index("  fast_lane:")]
GUIDES = (
    "  guides: 4                     # 引导员: steer to kiosks, hand out leaflets, pre-process\n"
)


def rostered(rows: str, keep_guides: bool = False) -> str:
    """Return promotion_day.yaml with ``rows`` as its roster instead of its counters.

    Without its fast lane: one clerk alone at a counter would leave no regular counter.
    """
    text = PROMOTION.replace(COUNTERS, "  roster:\n" + rows)
    text = text.replace("  fast_lane: 1 ", "  fast_lane: 0 ")
    return text if keep_guides else text.replace(GUIDES, "")


ROWS = """\
    - {name: 张敏, from: "08:30", until: "16:30", breaks: [{from: "12:00", until: "13:00"}]}
    - {name: 王强, from: "08:30", until: "16:30", breaks: [{from: "13:00", until: "14:00"}]}
    - {name: 李娜, from: "12:00", until: "20:00"}
    - {name: 赵敏, role: guide, from: "08:30", until: "14:30"}
    - {name: 周杰, role: guide, from: "14:00", until: "20:00"}
"""


def test_the_counters_open_are_the_clerks_on_shift_and_not_on_break():
    staff = load_scenario_text(rostered(ROWS), "r.yaml").staff
    blocks = [(block.start_min, block.count) for block in staff.counters]
    assert blocks == [
        (510.0, 2),  # 08:30 张敏, 王强; at 12:00 张敏 to lunch, 李娜 comes: still two
        (840.0, 3),  # 14:00 王强 back from lunch
        (990.0, 1),  # 16:30 only 李娜
    ]
    # Guides: one on the floor all day (two in the 14:00–14:30 hand-over); the fewest counts.
    assert staff.guides == 1
    assert staff.rostered_hours("clerk") == 24.0 and staff.rostered_hours("security") is None


def test_counters_beyond_the_halls_positions_are_not_opened():
    text = rostered(ROWS).replace("  kiosks: 6", "  counters: 1\n  kiosks: 6")
    staff = load_scenario_text(text, "r.yaml").staff
    assert max(block.count for block in staff.counters) == 1


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        (rostered(ROWS, keep_guides=True), "staff.guides", "leave guides out"),
        (PROMOTION.replace(COUNTERS, ""), "staff.counters", "give the counters"),
        (
            PROMOTION.replace("  fast_lane:", "  roster:\n" + ROWS + "  fast_lane:"),
            "staff.roster",
            "give one of the two",
        ),
        (
            rostered('    - {name: 张敏, from: "08:30", until: "19:00"}\n'),
            "staff.roster",
            "no clerk is at a counter before closing",
        ),
        (
            rostered(
                '    - {name: 张敏, from: "08:30", until: "20:00", '
                'breaks: [{from: "07:00", until: "07:30"}]}\n'
            ),
            "staff.roster[0].breaks[0].from",
            "inside the shift (08:30–20:00)",
        ),
        (
            rostered('    - {name: 张敏, from: "08:30", until: "08:00"}\n'),
            "staff.roster[0].until",
            "must be later than from (08:30)",
        ),
    ],
)
def test_a_wrong_roster_names_its_key_and_says_why(text, key, words):
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(text.replace("language: zh", "language: en"), "r.yaml")
    found = {problem.key: problem.message for problem in raised.value.problems}
    assert key in found, found
    assert words in found[key]


def test_a_rostered_day_costs_the_rostered_hours_breaks_included():
    scenario = load_scenario_text(rostered(ROWS), "r.yaml")
    record = simulate_day(scenario, Streams(1, 0))
    metrics = day_metrics(scenario, record)
    # 24 clerk-hours and 12 guide-hours rostered; the two guards as the plan says, all day.
    guards = 2 * (max(record.day_end_min, record.close_min) - record.open_min) / 60
    assert metrics["counter_staff_hours"] >= 24.0
    assert metrics["floor_staff_hours"] == pytest.approx(12.0 + guards)
    rates = scenario.staff.cost_per_hour
    called_in = metrics["counter_staff_hours"] - 24.0
    expected = rates.counters * (24.0 + called_in) + rates.guides * 12 + rates.security * guards
    assert metrics["staff_cost"] == pytest.approx(expected)

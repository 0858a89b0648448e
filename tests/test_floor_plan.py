"""The floor plan's zones and counter line: checked against the plan, used to place people."""

import math

import numpy as np
import pytest

from simulator.engine.egress import STAFF, door_headway_s, evacuate
from simulator.engine.floor import (
    Spot,
    distances_to_doors,
    door_segments,
    door_to_door,
    layout,
    positions,
)
from simulator.engine.streams import Streams
from simulator.model import ScenarioError, load_scenario_text
from simulator.model.floor_plan import Area, Floor, Zones
from simulator.model.hall import Exit
from simulator.model.scenario import DEFAULT_EGRESS
from tests.test_egress import STANDING_START
from tests.test_floor import HALL

PLAN = "  floor: {width_m: 20, depth_m: 12}\n"
MAIN = Exit(name="main", width_m=1.8, wall="south", at_m=10.0)
BACK = Exit(name="back", width_m=1.0, wall="north", at_m=18.0)


def with_floor(floor: str) -> str:
    return HALL.replace(PLAN, f"  floor: {floor}\n")


@pytest.mark.parametrize(
    ("floor", "where", "message"),
    [
        (
            "{width_m: 20, depth_m: 12, zones: {waiting: [{x_m: [5, 3], y_m: [0, 4]}]}}",
            "site.floor.zones.waiting[0].x_m",
            "区域的起点须小于终点，实际为 5 到 3",
        ),
        (
            "{width_m: 20, depth_m: 12, zones: {kiosks: [{x_m: [15, 21], y_m: [0, 4]}]}}",
            "site.floor.zones.kiosks[0].x_m",
            "区域伸到 21 米，超出平面图（此方向只有 20 米）",
        ),
        (
            "{width_m: 20, depth_m: 12, counter_line_m: 8, "
            "zones: {counters: [{x_m: [0, 20], y_m: [7, 9]}]}}",
            "site.floor.zones.counters[0]",
            "客户区域须在柜台线前（距正门所在墙 8 米以内）",
        ),
        (
            "{width_m: 20, depth_m: 12, counter_line_m: 12}",
            "site.floor.counter_line_m",
            "柜台线须在正门所在墙与对面墙之间（小于 12 米），实际为 12",
        ),
        (
            "{width_m: 20, depth_m: 12, counter_passage_at_m: 19.8}",
            "site.floor.counter_passage_at_m",
            "通道中点须在 0.45 到 19.55 米之间",
        ),
        ("{width_m: 20, depth_m: 12, zones: {seats: []}}", "site.floor.zones.seats", ""),
        (
            "{width_m: 20, depth_m: 12, zones: {waiting: [{x_m: [-2, 14], y_m: [0, 4]}]}}",
            "site.floor.zones.waiting[0].x_m[0]",
            "必须至少为 0，实际为 -2",
        ),
        (
            "{width_m: 20, depth_m: 12, zones: {waiting: [{x_m: [2, 14, 16], y_m: [0, 4]}]}}",
            "site.floor.zones.waiting[0].x_m",
            "最多只能写 2 项",
        ),
        (
            "{width_m: 20, depth_m: 12, counter_passage_at_m: 3, counter_passage_width_m: 25}",
            "site.floor.counter_passage_width_m",
            "通道宽 25 米，大于柜台线长 20 米",
        ),
    ],
)
def test_a_zone_or_counter_line_off_the_plan_is_said_at_its_key(floor, where, message):
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(with_floor(floor), "hall.yaml")
    text = str(raised.value.problems[0])
    assert text.startswith("hall.yaml:7 ") and where in text and message in text


def test_a_plan_with_zones_and_a_passage_loads():
    floor = (
        "{width_m: 20, depth_m: 12, counter_line_m: 9, counter_passage_at_m: 1, "
        "zones: {waiting: [{x_m: [0, 8], y_m: [0, 6]}, {x_m: [12, 20], y_m: [0, 3]}]}}"
    )
    plan = load_scenario_text(with_floor(floor), "hall.yaml").site.floor
    assert plan is not None and plan.counter_line_m == 9 and len(plan.zones.waiting) == 2


def test_people_stand_in_their_zones_each_rectangle_by_its_area():
    zones = Zones(
        waiting=(Area(x_m=(0, 8), y_m=(0, 6)), Area(x_m=(12, 20), y_m=(0, 3))),  # 48 and 24 m²
        kiosks=(Area(x_m=(18, 20), y_m=(4, 8)),),
    )
    plan = layout(Floor(width_m=20, depth_m=12, zones=zones), "south")
    spot = np.repeat([Spot.WAITING, Spot.AT_COUNTER, Spot.AT_KIOSK, Spot.BEHIND], 3000)
    where = positions(plan, spot, np.random.default_rng(4).uniform(size=(spot.size, 2)))
    x, y = where[:, 0], where[:, 1]
    waiting, counter, kiosk, behind = (spot == code for code in (0, 1, 2, 3))
    in_first = (x < 8) & (y < 6)
    in_second = (x >= 12) & (y < 3)
    assert (in_first | in_second)[waiting].all()
    # Two thirds of the area, two thirds of the people (3 standard errors: 0.026).
    assert np.mean(in_first[waiting]) == pytest.approx(2 / 3, abs=0.026)
    assert ((x >= 18) & (y >= 4) & (y < 8))[kiosk].all()
    # Default counter zone: the 1.2 m strip in front of the counter line at 9.6 m.
    assert (y[counter] >= 8.4).all() and (y[counter] < 9.6).all()
    assert (y[behind] >= 9.6).all()


def test_without_a_passage_the_counter_line_is_no_obstacle():
    plan = layout(Floor(width_m=20, depth_m=12), "south")
    clerk = np.array([[10.0, 11.0]])
    distance = distances_to_doors(plan, clerk, door_segments(plan.floor, (MAIN,)))
    assert distance[0, 0] == pytest.approx(11.0)


def test_who_must_cross_the_counter_line_walks_through_its_passage():
    floor = Floor(width_m=20, depth_m=12, counter_passage_at_m=1.0)  # line at 9.6 m
    plan = layout(floor, "south")
    segments = door_segments(floor, (MAIN, BACK))
    clerk, customer = [10.0, 11.0], [17.0, 2.0]
    distance = distances_to_doors(plan, np.array([clerk, customer]), segments)
    # The passage is 0.9 m wide; a walker keeps 0.2 m off its jambs: its east edge is at 1.25 m.
    jamb = (1.25, 9.6)
    via = math.dist(clerk, jamb) + math.dist(jamb, (9.1, 0.0))  # to the main door's west jamb
    assert distance[0, 0] == pytest.approx(via)
    assert distance[0, 1] == pytest.approx(math.dist(clerk, (17.5, 12.0)))  # the back door: free
    # A customer heads for the back door (behind the counters) through the passage too.
    around = math.dist(customer, jamb) + math.dist(jamb, (17.5, 12.0))
    assert distance[1, 1] == pytest.approx(around)
    assert distance[1, 0] == pytest.approx(math.dist(customer, (10.9, 0.0)))


def test_a_passage_far_from_the_main_door_sends_the_clerks_to_the_back_door_and_slows_them():
    staff = np.full(30, STAFF)
    spot = np.full(30, Spot.BEHIND)
    totals, back = {}, {}
    for name, floor in (
        ("open", Floor(width_m=20, depth_m=12)),
        ("passage", Floor(width_m=20, depth_m=12, counter_passage_at_m=1.0)),
    ):
        only_main = evacuate(
            staff,
            np.zeros(30),
            0,
            (MAIN,),
            frozenset(),
            240.0,
            STANDING_START,
            Streams(2, 0),
            floor,
            None,
            spot,
        )
        both = evacuate(
            staff,
            np.zeros(30),
            0,
            (MAIN, BACK),
            frozenset(),
            240.0,
            DEFAULT_EGRESS,
            Streams(2, 0),
            floor,
            None,
            spot,
        )
        totals[name], back[name] = only_main.total_s, np.mean(both.exit_index == 1)
    assert totals["passage"] > totals["open"] + 5  # ≥ 10 m further for those by the far end
    assert back["passage"] > back["open"]


def test_the_passage_through_the_counter_line_passes_people_no_faster_than_a_door_its_width():
    wide = (Exit(name="wide", width_m=4.0, wall="south", at_m=10.0),)
    floor = Floor(width_m=20, depth_m=12, counter_passage_at_m=10.0, counter_passage_width_m=0.9)
    clerks = evacuate(
        np.full(30, STAFF),
        np.zeros(30),
        0,
        wide,
        frozenset(),
        240.0,
        STANDING_START,
        Streams(6, 0),
        floor,
        None,
        np.full(30, Spot.BEHIND),
    )
    # Everyone starts at once: the 0.9 m passage (SFPE: 1.3 × 0.6 persons/s), not the 4 m
    # door (4.6 persons/s), is the bottleneck.
    assert clerks.total_s >= 30 / (1.3 * 0.6)
    assert np.min(np.diff(np.sort(clerks.out_s))) >= 1 / (1.3 * 3.7) - 1e-9


def test_a_door_spanning_the_counter_line_is_left_from_the_side_that_gives_the_shorter_walk():
    floor = Floor(width_m=20, depth_m=12, counter_line_m=8, counter_passage_at_m=3.0)
    side = Exit(name="side", width_m=2.0, wall="east", at_m=8.0)  # y 7–9, across the line
    plan = layout(floor, "south")
    segments = door_segments(floor, (MAIN, side))
    gaps = door_to_door(plan, segments)
    # From the middle of its public half (20, 7.5) straight to the main door's east jamb.
    assert gaps[1, 0] == pytest.approx(math.dist((20.0, 7.5), (10.9, 0.0)))
    assert gaps[0, 1] == pytest.approx(math.dist((10.0, 0.0), (20.0, 7.0)))
    assert np.diag(gaps).tolist() == [0.0, 0.0]


def test_the_clerks_weigh_the_queue_at_the_passage_and_share_the_two_ways_out():
    # 40 clerks at once: the main door (wide, through the 0.9 m passage) or the 1 m back door.
    floor = Floor(width_m=20, depth_m=12, counter_passage_at_m=10.0)
    exits = (
        Exit(name="main", width_m=3.0, wall="south", at_m=10.0),
        Exit(name="back", width_m=1.0, wall="north", at_m=18.0),
    )
    clerks = evacuate(
        np.full(40, STAFF),
        np.zeros(40),
        0,
        exits,
        frozenset(),
        240.0,
        STANDING_START,
        Streams(1, 0),
        floor,
        None,
        np.full(40, Spot.BEHIND),
    )
    # The passage (0.78 persons/s) and the back door (0.91) are the two bottlenecks: both are
    # used, and neither finishes long after the other.
    lasts = [clerks.out_s[clerks.exit_index == door].max() for door in (0, 1)]
    assert abs(lasts[0] - lasts[1]) < 10
    assert 12 <= int(np.sum(clerks.exit_index == 0)) <= 24


@pytest.mark.parametrize("seed", range(12))
def test_any_plan_gets_everyone_out_once_no_door_or_passage_faster_than_its_flow(seed):
    # Random halls: main door on any wall, a second exit, maybe a passage, people who need
    # help, a blocked exit sometimes. Whatever the plan, everyone leaves once, in finite time,
    # and no door passes two people closer than its headway.
    rng = np.random.default_rng(seed)
    width, depth = rng.uniform(10, 30), rng.uniform(8, 20)
    walls = ["south", "north", "east", "west"]
    main_wall, other_wall = rng.choice(walls, 2, replace=False)

    def door(name: str, wall: str, width_m: float) -> Exit:
        length = width if wall in ("south", "north") else depth
        return Exit(name=name, width_m=width_m, wall=wall, at_m=float(rng.uniform(1, length - 1)))

    exits = (door("main", str(main_wall), 1.8), door("other", str(other_wall), 1.0))
    across = depth if main_wall in ("south", "north") else width
    along = width if main_wall in ("south", "north") else depth
    passage = float(rng.uniform(1, along - 1)) if rng.uniform() < 0.6 else None
    floor = Floor(
        width_m=width, depth_m=depth, counter_line_m=0.8 * across, counter_passage_at_m=passage
    )
    customers, staff = int(rng.integers(0, 150)), int(rng.integers(0, 8))
    group = np.array([0] * customers + [STAFF] * staff)
    spot = np.concatenate(
        [
            rng.choice([Spot.WAITING, Spot.AT_COUNTER, Spot.AT_KIOSK], customers),
            rng.choice([Spot.BEHIND, Spot.ON_FLOOR], staff),
        ]
    ).astype(np.int8)
    slow = np.concatenate([rng.uniform(size=customers) < 0.3, np.zeros(staff, bool)])
    egress = DEFAULT_EGRESS.model_copy(update={"needs_help_share": float(rng.uniform(0, 1))})
    blocked = frozenset({"other"}) if rng.uniform() < 0.3 else frozenset()
    result = evacuate(
        group,
        np.zeros(group.size),
        int(rng.integers(0, 3)),
        exits,
        blocked,
        width * depth * 0.7,
        egress,
        Streams(seed, 0),
        floor,
        slow,
        spot,
    )
    assert result.out_s.size == group.size and np.isfinite(result.out_s).all()
    assert (result.out_s >= result.premovement_s).all()
    if blocked:
        assert not (result.exit_index == 1).any()
    for index, exit_ in enumerate(exits):
        out = np.sort(result.out_s[result.exit_index == index])
        assert (np.diff(out) >= door_headway_s(exit_.width_m) - 1e-9).all()
    if result.passage_s is not None and passage is not None:
        through = np.sort(result.passage_s[~np.isnan(result.passage_s)])
        assert (np.diff(through) >= door_headway_s(0.9) - 1e-9).all()

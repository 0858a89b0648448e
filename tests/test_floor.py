"""The floor plan: positions, distances to door openings, exit choice, door flow modes."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.engine.egress import CUSTOMER, STAFF, _Draws, door_headway_s, evacuate
from simulator.engine.floor import Spot, distances_to_doors, door_segments, layout, positions
from simulator.engine.streams import Streams
from simulator.model import ScenarioError, load_scenario_text
from simulator.model.distributions import Fixed, Uniform
from simulator.model.floor_plan import Floor
from simulator.model.hall import COUNTER_SHARE, Exit
from simulator.model.scenario import DEFAULT_EGRESS, Premovement
from tests.test_egress import STANDING_START

ROOM = Floor(width_m=20.0, depth_m=12.0)
SOUTH = layout(ROOM, "south")  # the main door in the south wall
# Two equal doors in the middle of the west and east walls.
SIDE_DOORS = (
    Exit(name="west", width_m=1.2, wall="west", at_m=6.0),
    Exit(name="east", width_m=1.2, wall="east", at_m=6.0),
)
# Two equal doors in the south wall, 5 m from either end: with the counter line parallel to it
# (the main door's wall) the hall is symmetric east to west. (With SIDE_DOORS it is not: the
# first door's wall is the main door's, so the public floor lies on the west side.)
SYMMETRIC = (
    Exit(name="west", width_m=1.2, wall="south", at_m=5.0),
    Exit(name="east", width_m=1.2, wall="south", at_m=15.0),
)


def run_on(floor, exits, people, egress, seed=1, staff=0, blocked=()):
    group = np.concatenate([np.full(people, CUSTOMER), np.full(staff, STAFF)])
    return evacuate(
        group,
        np.zeros(group.size),
        0,
        exits,
        frozenset(blocked),
        floor.width_m * floor.depth_m,
        egress,
        Streams(seed, 0),
        floor,
    )


def test_a_person_at_a_doors_jamb_is_at_the_door_and_out_in_under_a_second():
    segments = door_segments(ROOM, SIDE_DOORS)
    assert segments[0].tolist() == [[0.0, 5.4], [0.0, 6.6]]
    jamb = np.array([[0.0, 5.4], [0.5, 6.0], [10.0, 6.0]])
    distance = distances_to_doors(layout(ROOM, "west"), jamb, segments)
    assert distance[:, 0].tolist() == pytest.approx([0.0, 0.5, 10.0])
    assert distance[2].tolist() == pytest.approx([10.0, 10.0])  # the middle: equally far
    # At 1.34 m/s, the pace of the default walker, half a metre takes 0.37 s.
    assert distance[1, 0] / 1.34 < 1.0


def test_customers_stand_in_front_of_the_counter_line_and_staff_behind_it():
    uniform = np.random.default_rng(1).uniform(size=(1000, 2))
    staff = np.arange(1000) % 2 == 1
    where = positions(SOUTH, np.where(staff, Spot.BEHIND, Spot.ON_FLOOR), uniform)
    line = COUNTER_SHARE * ROOM.depth_m
    assert where[~staff, 1].max() < line <= where[staff, 1].min()
    assert where[:, 0].min() >= 0 and where[:, 0].max() < ROOM.width_m


@pytest.mark.parametrize("front", ["south", "north", "east", "west"])
def test_the_public_floor_lies_on_the_main_doors_side(front):
    uniform = np.random.default_rng(2).uniform(size=(400, 2))
    staff = np.arange(400) % 4 == 0
    where = positions(layout(ROOM, front), np.where(staff, Spot.BEHIND, Spot.ON_FLOOR), uniform)
    axis, size = (1, ROOM.depth_m) if front in ("south", "north") else (0, ROOM.width_m)
    # Distance from the front wall: customers within the counter line, staff beyond it.
    from_front = where[:, axis] if front in ("south", "west") else size - where[:, axis]
    line = COUNTER_SHARE * size
    assert from_front[~staff].max() < line <= from_front[staff].min()


def test_with_nobody_queuing_everyone_takes_the_nearest_door():
    # A sparse hall, people setting off over a minute: no queue forms, so the quickest exit
    # is the nearest one, which is what the geometry must give.
    egress = DEFAULT_EGRESS.model_copy(update={"familiarity_bonus_s": 0.0})
    exits = (
        Exit(name="south", width_m=1.2, wall="south", at_m=4.0),
        Exit(name="north", width_m=1.2, wall="north", at_m=16.0),
    )
    group = np.full(12, CUSTOMER)
    result = evacuate(
        group, np.zeros(12), 0, exits, frozenset(), 240.0, egress, Streams(5, 0), ROOM
    )
    uniform = _Draws(Streams(5, 0), 12, 2, egress).place
    where = positions(SOUTH, np.full(12, Spot.ON_FLOOR), uniform)
    nearest = distances_to_doors(SOUTH, where, door_segments(ROOM, exits)).argmin(axis=1)
    assert (result.exit_index == nearest).all()


def test_in_a_symmetric_hall_nearest_exit_choice_splits_people_evenly():
    egress = DEFAULT_EGRESS.model_copy(update={"familiarity_bonus_s": 0.0})
    shares = []
    for seed in range(1, 21):
        result = run_on(ROOM, SYMMETRIC, 150, egress, seed=seed)
        shares.append(np.mean(result.exit_index == 0))
    assert 0.45 <= float(np.mean(shares)) <= 0.55


def test_the_main_doors_familiarity_draws_unguided_customers_but_only_so_far():
    plain = DEFAULT_EGRESS.model_copy(update={"familiarity_bonus_s": 0.0})
    familiar = DEFAULT_EGRESS.model_copy(update={"familiarity_bonus_s": 10.0})
    even = np.mean(
        [np.mean(run_on(ROOM, SYMMETRIC, 150, plain, s).exit_index == 0) for s in (1, 2)]
    )
    drawn = np.mean(
        [np.mean(run_on(ROOM, SYMMETRIC, 150, familiar, s).exit_index == 0) for s in (1, 2)]
    )
    assert even < drawn < 0.95  # more take the main door, not all: its queue pushes some away


def test_a_blocked_exit_is_left_alone_on_a_floor_plan():
    result = run_on(ROOM, SYMMETRIC, 80, DEFAULT_EGRESS, blocked=("west",))
    assert set(result.exit_index.tolist()) == {1}


@pytest.mark.parametrize(
    ("flow", "per_s"), [("design", 1.3 * 0.9), ("measured", 1.6 * 1.2), (1.5, 1.8)]
)
def test_a_door_never_passes_more_than_its_flow_in_any_mode(flow, per_s):
    egress = STANDING_START.model_copy(update={"flow": flow})
    one = (Exit(name="door", width_m=1.2, wall="south", at_m=10.0),)
    result = run_on(ROOM, one, 200, egress)
    out = np.sort(result.out_s)
    assert np.min(np.diff(out)) >= 1 / per_s - 1e-9
    assert door_headway_s(1.2, flow) == pytest.approx(1 / per_s)
    # Everyone starts at once: the door is the bottleneck, so the last leaves at N / flow.
    assert result.total_s == pytest.approx(200 / per_s, rel=0.05)


def test_the_measured_flow_is_well_above_the_design_flow_through_a_common_door():
    assert door_headway_s(1.2, "design") / door_headway_s(1.2, "measured") == pytest.approx(
        (1.6 * 1.2) / (1.3 * 0.9)
    )


HALL = """\
schema: 1
name: 平面图测试
hours: {open: "09:00", close: "12:00"}
site:
  name: 测试厅
  floor_area_m2: 200
  floor: {width_m: 20, depth_m: 12}
  exits:
    - {name: 正门, width_m: 2.0, wall: south, at_m: 10}
    - {name: 后门, width_m: 1.0, wall: north, at_m: 3}
staff: {counters: [{from: "09:00", count: 3}]}
demand:
  arrivals: [{from: "09:00", per_hour: 60}]
  services: [{name: 缴费, share: 1.0, minutes: {dist: exponential, mean: 3}}]
"""


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("wall: north, at_m: 3}", "at_m: 3}", "site.exits[1].wall", "每个出口都须写明所在的墙"),
        ("at_m: 3}", "at_m: 19.8}", "site.exits[1].at_m", "门中点须在 0.5 到 19.5 米之间"),
        ("  floor: {width_m: 20, depth_m: 12}\n", "", "site.exits[0].wall", "只有给出平面图"),
        ("wall: north", "wall: up", "site.exits[1].wall", ""),
        ("floor_area_m2: 200", "floor_area_m2: 500", "site.floor_area_m2", "大于平面图的面积 240"),
        ("at_m: 3}", "at_m: 3, distance_m: 8}", "site.exits[1].distance_m", "不能再写 distance_m"),
        (
            "width_m: 1.0, wall: north, at_m: 3}",
            "width_m: 25, wall: north, at_m: 3}",
            "site.exits[1].width_m",
            "门宽 25 米大于所在墙长 20 米",
        ),
        (
            "wall: north, at_m: 3}",
            "wall: south, at_m: 10.5}",
            "site.exits[1].at_m",
            "与 exits[0] 在同一面墙上重叠",
        ),
    ],
)
def test_a_floor_plan_that_does_not_hold_together_is_said_at_its_line(old, new, where, message):
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(HALL.replace(old, new), "hall.yaml")
    text = str(raised.value.problems[0])
    assert where in text and message in text


def test_a_scenario_with_a_floor_plan_runs_and_everyone_gets_out(tmp_path):
    fire = HALL + 'incidents:\n  - {kind: fire, at: "10:30", suppressed_prob: 0}\n'
    path = tmp_path / "hall.yaml"
    path.write_text(fire, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["run", str(path), "-n", "3", "--no-brief", "--out", str(tmp_path / "r")]
    )
    assert result.exit_code == 0, result.output
    assert "疏散" in result.output


def test_the_brief_says_which_door_flow_it_used_and_measured_doors_empty_the_hall_sooner(
    tmp_path,
):
    fire = HALL + 'incidents:\n  - {kind: fire, at: "10:30", suppressed_prob: 0}\n'
    egress_s = {}
    for flow in ("design", "measured"):
        path = tmp_path / f"{flow}.yaml"
        path.write_text(fire + f"egress: {{flow: {flow}}}\n", encoding="utf-8")
        out = tmp_path / flow
        result = CliRunner().invoke(cli, ["run", str(path), "-n", "4", "--out", str(out)])
        assert result.exit_code == 0, result.output
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert summary["scenario"]["egress"] == {"flow": flow, "floor": True}
        egress_s[flow] = summary["metrics"]["egress_s"]["mean"]
        # The other door flow's RSET, on the same draws: measured doors are never slower.
        other = summary["evacuation"]["other_flow_rset_p50_s"]
        own = summary["evacuation"]["rset_p50_s"]
        assert (other <= own) if flow == "design" else (other >= own)
        # Per exit: everyone who left is counted at one exit, and the last one out at any
        # exit is the last one out of the hall.
        exits = summary["evacuation"]["exits"]
        people = sum(exit_["people_mean"] for exit_ in exits)
        assert people == pytest.approx(summary["metrics"]["evacuated"]["mean"])
        assert all(exit_["flow_mean_per_s"] > 0 for exit_ in exits)
        assert "各出口：正门平均" in (out / "brief.md").read_text(encoding="utf-8")
        brief = (out / "brief.md").read_text(encoding="utf-8")
        said = {"design": "设计值（SFPE", "measured": "实测值（Seyfried"}[flow]
        assert f"出口通过能力取{said}" in brief
    # The same days (same seed): only the doors differ, and the faster ones empty it sooner.
    assert egress_s["measured"] < egress_s["design"]


def test_vulnerable_customers_walk_at_their_share_of_the_speed():
    # One person, a wide door, 40 m at 1 m/s: 40 s, and 40 / 0.6 s for a vulnerable customer.
    egress = STANDING_START.model_copy(update={"speed_mps": Fixed(value=1.0)})
    door = (Exit(name="door", width_m=10.0, distance_m=40.0),)
    times = [
        evacuate(
            np.array([CUSTOMER]),
            np.zeros(1),
            0,
            door,
            frozenset(),
            10_000.0,
            egress,
            Streams(1, 0),
            None,
            np.array([slow]),
        ).out_s[0]
        - door_headway_s(10.0)
        for slow in (False, True)
    ]
    assert times == pytest.approx([40.0, 40.0 / DEFAULT_EGRESS.vulnerable_speed_factor])


def test_exit_flows_count_everyone_once_and_end_with_the_last_out():
    from simulator.engine.records import EvacuationRecord
    from simulator.metrics.evacuation import exit_flows

    out_s = np.array([70.0, 80.0, 90.0, 100.0, 75.0])  # from the incident; the alarm at 60 s
    record = EvacuationRecord(
        cause="fire",
        incident_min=600.0,
        alarm_min=601.0,
        group=np.zeros(5, dtype=np.int8),
        out_s=out_s,
        exit_index=np.array([0, 0, 0, 0, 1]),
        exit_names=("a", "b", "c"),
        blocked=(),
        exit_peak_queue=np.zeros(3),
        exit_peak_density=np.zeros(3),
        asset_s=float("nan"),
        responders_s=float("nan"),
    )
    table = exit_flows(record)
    assert table[:, 0].tolist() == [4, 1, 0]
    assert table[0, 1] == pytest.approx(3 / 30)  # three after the first, in 30 s
    assert table[0, 2] == pytest.approx(40.0) and table[1, 2] == pytest.approx(15.0)
    assert np.isnan(table[1, 1]) and np.isnan(table[2, 2])  # one person: no flow; none: no time


def test_people_who_find_a_long_queue_go_on_to_another_door_and_get_out_sooner():
    # Everyone heads for a narrow main door they know (a large bonus); a wide door waits on
    # the far wall. Patient people queue; impatient ones walk on once the wait passes 30 s.
    exits = (
        Exit(name="main", width_m=0.9, wall="south", at_m=10.0),
        Exit(name="side", width_m=2.0, wall="north", at_m=10.0),
    )
    runs = {}
    for patience in (30.0, 3600.0):
        egress = DEFAULT_EGRESS.model_copy(
            update={"familiarity_bonus_s": 600.0, "reroute_wait_s": patience}
        )
        runs[patience] = run_on(ROOM, exits, 150, egress)
    stay, move = runs[3600.0], runs[30.0]
    assert np.mean(stay.exit_index[:150] == 1) < 0.2  # only the staff behind the counters
    assert np.mean(move.exit_index == 1) > np.mean(stay.exit_index == 1) + 0.1
    # (the last one out is a late starter either way: the mean shows what the queue cost)
    assert np.mean(move.out_s) < np.mean(stay.out_s)
    for index, exit_ in enumerate(exits):  # re-routing never lets a door pass people faster
        out = np.sort(move.out_s[move.exit_index == index])
        assert np.all(np.diff(out) >= door_headway_s(exit_.width_m) - 1e-9)


def test_the_brief_gives_rset_at_the_other_flow_only_when_it_differs_by_over_a_fifth():
    from simulator.report.rated import other_flow_text

    def summary(rset, other):
        return {
            "scenario": {"egress": {"flow": "design", "floor": True}},
            "evacuation": {"rset_p50_s": rset, "other_flow_rset_p50_s": other},
        }

    assert other_flow_text(summary(300.0, 250.0), "zh") == ""  # 17 % apart: one figure is enough
    said = other_flow_text(summary(300.0, 200.0), "zh")
    assert said == (
        "（若出口通过能力取实测值（Seyfried 等 2009 年瓶颈实验，每米净宽每秒 1.6 人），"
        "RSET 中位数为 200 秒）"
    )


def test_guides_and_guards_stand_on_the_public_floor_clerks_behind_the_counters():
    # A main door south, a back door north: those behind the counter line are by the back door.
    exits = (
        Exit(name="main", width_m=2.0, wall="south", at_m=10.0),
        Exit(name="back", width_m=2.0, wall="north", at_m=10.0),
    )
    egress = DEFAULT_EGRESS.model_copy(update={"familiarity_bonus_s": 0.0})
    group = np.full(40, STAFF)
    shares = {}
    for where, spot in (("clerks", Spot.BEHIND), ("floor staff", Spot.ON_FLOOR)):
        result = evacuate(
            group,
            np.zeros(40),
            0,
            exits,
            frozenset(),
            240.0,
            egress,
            Streams(3, 0),
            ROOM,
            None,
            np.full(40, spot),
        )
        shares[where] = np.mean(result.exit_index == 1)
    # (those on the public floor nearer the back wall still take the back door)
    assert shares["clerks"] > 0.75 and shares["clerks"] - shares["floor staff"] > 0.3


def test_guides_send_people_to_the_free_exit_unguided_customers_see_only_standing_queues():
    # A wide main door and a narrow back door; everyone moves within 20 s; a guide does not
    # hurry anyone here (guided_factor 1): the only difference is what people know.
    exits = (
        Exit(name="main", width_m=1.8, wall="south", at_m=10.0),
        Exit(name="back", width_m=1.0, wall="north", at_m=3.0),
    )
    start = Premovement(customers=Uniform(low=0.0, high=20.0), staff=Fixed(value=0.0))
    egress = DEFAULT_EGRESS.model_copy(update={"guided_factor": 1.0, "premovement_s": start})
    group = np.full(200, CUSTOMER)
    totals, back = {}, {}
    for guides in (0, 4):  # 4 guides direct 200 customers
        runs = [
            evacuate(
                group,
                np.zeros(200),
                guides,
                exits,
                frozenset(),
                240.0,
                egress,
                Streams(seed, 0),
                ROOM,
            )
            for seed in range(12)
        ]
        totals[guides] = np.mean([run.total_s for run in runs])
        back[guides] = np.mean([np.mean(run.exit_index == 1) for run in runs])
    # The back door passes 1.3 × 0.7 / (1.3 × 0.7 + 1.3 × 1.5) = 32 % of the flow.
    assert back[4] == pytest.approx(0.32, abs=0.02) and back[0] < back[4] - 0.03
    assert totals[4] < totals[0] - 3

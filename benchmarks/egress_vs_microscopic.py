"""drill's egress model against a microscopic pedestrian model on the same halls.

Run: ``python benchmarks/egress_vs_microscopic.py [--days 40] [--seeds 10]``

Four halls of our own, each a rectangle with its exits on the walls (``site.floor``):

- A: 12 m × 8 m, 60 people, one 1.2 m door in the south wall;
- B: 20 m × 12 m, 200 people, a 1.8 m door south and a 1.0 m door north;
- C: 24 m × 16 m, 300 people, a 2.0 m door south and 1.2 m doors east and west;
- D: 30 m × 20 m, 80 people, 2.4 m doors south and north: the doors pass everyone in about
  13 s, walking the hall takes longer, so this hall checks the walk rather than the door flow
  the calibration sets.

Everyone starts to move at the alarm (no pre-movement: the two models are compared on walking
and doors only), customers spread over the floor in front of the counter line and staff behind
it, free speeds normal(1.34, 0.26) m/s. drill evacuates each hall ``--days`` times in each door
flow mode (``design``: SFPE; ``measured``: bottleneck experiments); JuPedSim's collision-free
speed model (Tordeux et al. 2016) walks the same numbers of people from random positions of the
same areas ``--seeds`` times, the doors sharing them as drill's people shared them (each door
drill's mean share, filled by the agents nearest it): the comparison is of walking and doors.
JuPedSim is installed by this script into ``benchmarks/.packages`` (it brings its own Qt and
shapely), never into the project.

JuPedSim is run twice. With its default time gap (T = 1 s) the model passes 1.1–1.4 persons/s
per metre of door, below the 1.6–1.9 of the bottleneck experiments (Seyfried et al. 2009) that
drill's ``measured`` mode takes; with T = 0.6 s (:data:`CALIBRATED_TIME_GAP_S`) it passes
1.5–1.7, the experiments' range, and that is the microscopic model the target is set against.
The time gap is the CSM's one free parameter for flow (a walker keeps T seconds behind the one in
front); the steady flow through each door is printed beside the times so the calibration can be
checked rather than taken on trust.

Printed: each hall's mean total time in both drill modes and in JuPedSim (default and
calibrated), JuPedSim's steady flow per door, and the ratios; the target is ``measured`` within
±20 % of the calibrated microscopic model. A JuPedSim run in which agents lock against one
another at a door (nobody out for :data:`STUCK_S`) is said and left out of the mean.
"""

import argparse
import math
import statistics
from dataclasses import dataclass
from typing import Any

import numpy as np
from packages import bench_import  # benchmarks/ is the script's directory

from simulator.engine.egress import CUSTOMER, STAFF, evacuate
from simulator.engine.streams import Streams
from simulator.model.distributions import Fixed
from simulator.model.floor_plan import Floor
from simulator.model.hall import COUNTER_SHARE, Exit
from simulator.model.scenario import DEFAULT_EGRESS, Premovement

STAFF_SHARE = 0.1
AGENT_RADIUS_M = 0.2
CORRIDOR_M = 1.5  # the walk beyond each door to the exit stage, as drill counts none
DEFAULT_TIME_GAP_S = 1.0  # JuPedSim's own default
CALIBRATED_TIME_GAP_S = 0.6  # passes the bottleneck experiments' 1.6–1.9 persons/(m·s)
# A run where nobody reaches an exit for this long has agents locked against one another, a
# known failure of first-order models at narrow doors: it is counted and left out of the mean.
STUCK_S = 60.0


@dataclass(frozen=True)
class Hall:
    """A rectangle, its exits on the walls and how many people are inside."""

    name: str
    floor: Floor
    exits: tuple[Exit, ...]
    people: int


HALLS = (
    Hall(
        "A", Floor(width_m=12, depth_m=8), (Exit(name="S", width_m=1.2, wall="south", at_m=6),), 60
    ),
    Hall(
        "B",
        Floor(width_m=20, depth_m=12),
        (
            Exit(name="S", width_m=1.8, wall="south", at_m=10),
            Exit(name="N", width_m=1.0, wall="north", at_m=3),
        ),
        200,
    ),
    Hall(
        "C",
        Floor(width_m=24, depth_m=16),
        (
            Exit(name="S", width_m=2.0, wall="south", at_m=12),
            Exit(name="E", width_m=1.2, wall="east", at_m=8),
            Exit(name="W", width_m=1.2, wall="west", at_m=8),
        ),
        300,
    ),
    Hall(
        "D",
        Floor(width_m=30, depth_m=20),
        (
            Exit(name="S", width_m=2.4, wall="south", at_m=15),
            Exit(name="N", width_m=2.4, wall="north", at_m=15),
        ),
        80,
    ),
)


def drill_total_s(hall: Hall, flow: str, days: int) -> tuple[float, np.ndarray]:
    """Return drill's mean time until the last person is out, and each exit's share of people."""
    egress = DEFAULT_EGRESS.model_copy(
        update={
            "premovement_s": Premovement(customers=Fixed(value=0.0), staff=Fixed(value=0.0)),
            "flow": flow,
            "familiarity_bonus_s": 0.0,  # JuPedSim's agents take the nearest exit
        }
    )
    staff = round(hall.people * STAFF_SHARE)
    group = np.array([CUSTOMER] * (hall.people - staff) + [STAFF] * staff)
    area = hall.floor.width_m * hall.floor.depth_m
    totals, shares = [], []
    for day in range(days):
        result = evacuate(
            group,
            np.zeros(group.size),
            0,
            hall.exits,
            frozenset(),
            area,
            egress,
            Streams(7, day),
            hall.floor,
        )
        totals.append(result.total_s)
        shares.append(np.bincount(result.exit_index, minlength=len(hall.exits)) / group.size)
    return statistics.fmean(totals), np.mean(shares, axis=0)


def load_jupedsim() -> Any:
    """Return the jupedsim module (installed beside this script), or None."""
    return bench_import("jupedsim", "jupedsim")


def _corridor(
    hall: Hall, exit_: Exit
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Return the corridor beyond a door (its width, CORRIDOR_M long) and the exit at its end."""
    width, depth = hall.floor.width_m, hall.floor.depth_m
    low, high = exit_.at_m - exit_.width_m / 2, exit_.at_m + exit_.width_m / 2
    far, end = CORRIDOR_M, CORRIDOR_M - 0.3
    if exit_.wall == "south":
        return [(low, 0), (high, 0), (high, -far), (low, -far)], [
            (low, -end),
            (high, -end),
            (high, -far),
            (low, -far),
        ]
    if exit_.wall == "north":
        return [(low, depth), (high, depth), (high, depth + far), (low, depth + far)], [
            (low, depth + end),
            (high, depth + end),
            (high, depth + far),
            (low, depth + far),
        ]
    if exit_.wall == "west":
        return [(0, low), (0, high), (-far, high), (-far, low)], [
            (-end, low),
            (-end, high),
            (-far, high),
            (-far, low),
        ]
    return [(width, low), (width, high), (width + far, high), (width + far, low)], [
        (width + end, low),
        (width + end, high),
        (width + far, high),
        (width + far, low),
    ]


@dataclass(frozen=True)
class MicroRun:
    """One JuPedSim evacuation: the time to empty the hall, and each door's steady flow."""

    total_s: float
    flow_per_m: np.ndarray  # persons/s per metre of clear width, between 20 % and 80 % out
    stuck: bool = False  # agents left that no longer reach an exit (the CSM can deadlock)


def jupedsim_run(
    jps: Any, hall: Hall, seed: int, shares: np.ndarray, time_gap_s: float
) -> MicroRun:
    """Evacuate ``hall`` with JuPedSim's collision-free speed model at ``time_gap_s``."""
    from shapely import Polygon, union_all

    width, depth = hall.floor.width_m, hall.floor.depth_m
    room = Polygon([(0, 0), (width, 0), (width, depth), (0, depth)])
    corridors = [_corridor(hall, exit_) for exit_ in hall.exits]
    walkable = union_all([room, *(Polygon(corridor) for corridor, _stage in corridors)])
    simulation = jps.Simulation(model=jps.CollisionFreeSpeedModel(), geometry=walkable, dt=0.01)
    stages = [simulation.add_exit_stage(stage) for _corridor_, stage in corridors]
    journeys = [simulation.add_journey(jps.JourneyDescription([stage])) for stage in stages]
    staff = round(hall.people * STAFF_SHARE)
    line = COUNTER_SHARE * depth
    front = Polygon([(0, 0), (width, 0), (width, line), (0, line)])
    back = Polygon([(0, line), (width, line), (width, depth), (0, depth)])
    places = [
        *jps.distribute_by_number(
            polygon=front,
            number_of_agents=hall.people - staff,
            distance_to_agents=0.45,
            distance_to_polygon=0.25,
            seed=seed,
        ),
        *jps.distribute_by_number(
            polygon=back,
            number_of_agents=staff,
            distance_to_agents=0.45,
            distance_to_polygon=0.25,
            seed=seed + 1000,
        ),
    ]
    rng = np.random.default_rng(seed)
    speeds = np.clip(rng.normal(1.34, 0.26, len(places)), 1.34 - 2 * 0.26, 1.34 + 2 * 0.26)
    exits = balanced_exits(hall, places, shares)
    door_of = {}
    for (x, y), speed, chosen in zip(places, speeds, exits, strict=True):
        agent = simulation.add_agent(
            jps.CollisionFreeSpeedModelAgentParameters(
                position=(x, y),
                desired_speed=float(speed),
                radius=AGENT_RADIUS_M,
                time_gap=time_gap_s,
                journey_id=journeys[chosen],
                stage_id=stages[chosen],
            )
        )
        door_of[agent] = chosen
    left: list[list[float]] = [[] for _exit in hall.exits]
    last_out = 0.0
    while simulation.agent_count() > 0:
        simulation.iterate()
        for agent in simulation.removed_agents():
            left[door_of[agent]].append(simulation.elapsed_time())
            last_out = simulation.elapsed_time()
        if simulation.elapsed_time() - last_out > STUCK_S:  # nobody out for a minute: deadlock
            return MicroRun(math.nan, np.full(len(hall.exits), math.nan), stuck=True)
    flows = np.array(
        [_steady_flow(times) / exit_.width_m for times, exit_ in zip(left, hall.exits, strict=True)]
    )
    # Minus the corridor beyond the door, which drill's model does not walk.
    return MicroRun(simulation.elapsed_time() - (CORRIDOR_M - 0.3) / 1.34, flows)


def _steady_flow(times: list[float]) -> float:
    """Return persons/s through a door between the 20th and the 80th percent of its people."""
    ordered = sorted(times)
    first, last = int(0.2 * len(ordered)), int(0.8 * len(ordered))
    if last <= first or ordered[last] <= ordered[first]:
        return float("nan")
    return (last - first) / (ordered[last] - ordered[first])


def balanced_exits(hall: Hall, places: list[tuple[float, float]], shares: np.ndarray) -> list[int]:
    """Return each agent's exit: each door takes drill's share of the people, nearest first.

    drill's people pick the exit they expect to leave by first; the microscopic agents get the
    same spread over the doors (each door a quota of drill's mean share in the same mode,
    filled by the agents nearest it) so that the comparison is of walking and door flow, not
    of exit choice.
    """
    quota = np.floor(len(places) * shares).astype(int)
    quota[np.argmax(shares)] += len(places) - quota.sum()
    doors = [_middle(hall, exit_) for exit_ in hall.exits]
    pairs = sorted(
        (float(np.hypot(x - dx, y - dy)), agent, door)
        for agent, (x, y) in enumerate(places)
        for door, (dx, dy) in enumerate(doors)
    )
    chosen = [-1] * len(places)
    for _distance, agent, door in pairs:
        if chosen[agent] < 0 and quota[door] > 0:
            chosen[agent], quota[door] = door, quota[door] - 1
    return chosen


def _middle(hall: Hall, exit_: Exit) -> tuple[float, float]:
    width, depth = hall.floor.width_m, hall.floor.depth_m
    at = exit_.at_m or 0.0
    return {"south": (at, 0.0), "north": (at, depth), "west": (0.0, at), "east": (width, at)}[
        exit_.wall or "south"
    ]


def main() -> None:
    """Evacuate each hall in drill's two modes and in JuPedSim; print the totals and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=40)
    parser.add_argument("--seeds", type=int, default=10)
    arguments = parser.parse_args()
    jps = load_jupedsim()
    print(
        f"{'hall':<5}{'people':>7}{'exits':>6}{'design s':>10}{'measured s':>11}"
        f"{'JPS T=1 s':>10}{'JPS T=0.6 s':>12}{'design/JPS':>11}{'measured/JPS':>13}"
        f"{'(at T=1)':>9}  JPS flow p/(m·s) at T=1 | 0.6"
    )
    for hall in HALLS:
        design, _design_shares = drill_total_s(hall, "design", arguments.days)
        measured, shares = drill_total_s(hall, "measured", arguments.days)
        row = f"{hall.name:<5}{hall.people:>7}{len(hall.exits):>6}{design:>10.1f}{measured:>11.1f}"
        if jps is None:
            print(row)
            continue
        default, calibrated = (
            [jupedsim_run(jps, hall, seed, shares, gap) for seed in range(arguments.seeds)]
            for gap in (DEFAULT_TIME_GAP_S, CALIBRATED_TIME_GAP_S)
        )
        micro_default = statistics.fmean(run.total_s for run in default if not run.stuck)
        micro = statistics.fmean(run.total_s for run in calibrated if not run.stuck)
        stuck = sum(run.stuck for run in (*default, *calibrated))
        within = abs(measured / micro - 1) <= 0.2
        flows = " | ".join(
            " ".join(
                f"{flow:.2f}"
                for flow in np.nanmean([run.flow_per_m for run in runs if not run.stuck], axis=0)
            )
            for runs in (default, calibrated)
        )
        print(
            f"{row}{micro_default:>10.1f}{micro:>12.1f}{design / micro:>11.3f}"
            f"{measured / micro:>13.3f}{measured / micro_default:>9.3f}  {flows}"
            f"  {'within' if within else 'OUTSIDE'} ±20 %"
            + (f" ({stuck} JuPedSim run(s) deadlocked, left out)" if stuck else "")
        )


if __name__ == "__main__":
    main()

"""What an evacuation costs, against a normal-day replication measured in the same run.

Run: ``python benchmarks/evacuation.py [--repeats 5]``

1. The egress model alone on 300 people (290 customers and 10 staff, two exits, two guides,
   the default pre-movement and speeds): milliseconds per evacuation (target: under 50 ms), and
   as a ratio to one replication of ``scenarios/normal_day.yaml`` (engine, metrics and series);
   then the same on a 20 m × 12 m floor plan with the exits on its walls (target: under 20 ms),
   and on that plan with zones (queue area, seats, kiosks) and a passage through the counter
   line that the clerks queue at.
2. Whole replications: ``scenarios/promotion_fire_blocked_exit.yaml`` (the day stops at the
   alarm and the hall is evacuated) against ``scenarios/promotion_day.yaml`` (the same day
   without the fire), so the price of the evacuation machinery in a real run shows.

Each figure is the median over ``--repeats`` rounds; inside a round the timed cases alternate.
"""

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from simulator.engine.egress import CUSTOMER, STAFF, evacuate
from simulator.engine.floor import Spot
from simulator.engine.streams import Streams
from simulator.model import load_scenario
from simulator.model.floor_plan import Area, Floor, Zones
from simulator.model.scenario import DEFAULT_EGRESS, Exit
from simulator.runner import run_replication

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 300
EVACUATIONS_PER_ROUND = 200
DAYS_PER_ROUND = 20


FLOOR = Floor(width_m=20.0, depth_m=12.0)
ZONED = Floor(
    width_m=20.0,
    depth_m=12.0,
    counter_line_m=9.0,
    counter_passage_at_m=1.0,
    zones=Zones(
        waiting=(Area(x_m=(0, 8), y_m=(0, 6)), Area(x_m=(12, 20), y_m=(0, 4))),
        kiosks=(Area(x_m=(16, 20), y_m=(5, 7)),),
    ),
)
# Where the 300 stand on a zoned plan: 10 at counters, 10 at kiosks, the rest waiting; the
# clerks behind the counter line (through its passage to the main door), 2 guides on the floor.
SPOTS = np.concatenate(
    [
        np.full(10, Spot.AT_COUNTER),
        np.full(10, Spot.AT_KIOSK),
        np.full(PEOPLE - 30, Spot.WAITING),
        np.full(8, Spot.BEHIND),
        np.full(2, Spot.ON_FLOOR),
    ]
)
ON_THE_WALLS = (
    Exit(name="正门", width_m=1.8, wall="south", at_m=10.0),
    Exit(name="消防通道", width_m=1.0, wall="north", at_m=2.0),
)
BY_DISTANCE = (
    Exit(name="正门", width_m=1.8, distance_m=12.0),
    Exit(name="消防通道", width_m=1.0, distance_m=18.0),
)


def time_evacuations(
    rounds_offset: int, floor: Floor | None = None, spot: np.ndarray | None = None
) -> float:
    """Return the seconds per 300-person evacuation, over a batch of them."""
    group = np.array([CUSTOMER] * (PEOPLE - 10) + [STAFF] * 10)
    delays = np.zeros(PEOPLE)
    exits = ON_THE_WALLS if floor is not None else BY_DISTANCE
    started = time.perf_counter()
    for index in range(EVACUATIONS_PER_ROUND):
        streams = Streams(rounds_offset, index)
        evacuate(
            group, delays, 2, exits, frozenset(), 240.0, DEFAULT_EGRESS, streams, floor, None, spot
        )
    return (time.perf_counter() - started) / EVACUATIONS_PER_ROUND


def time_days(scenario_file: str, first: int) -> float:
    """Return the seconds per replication of ``scenario_file`` (as ``drill run`` does it)."""
    scenario = load_scenario(ROOT / "scenarios" / scenario_file)
    started = time.perf_counter()
    for index in range(first, first + DAYS_PER_ROUND):
        run_replication(scenario, 1, index)
    return (time.perf_counter() - started) / DAYS_PER_ROUND


def main() -> None:
    """Time the cases and print the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    evacuation, planned, zoned, normal, promotion, fire = [], [], [], [], [], []
    for round_ in range(repeats):
        first = round_ * DAYS_PER_ROUND
        normal.append(time_days("normal_day.yaml", first))
        evacuation.append(time_evacuations(round_))
        planned.append(time_evacuations(round_, FLOOR))
        zoned.append(time_evacuations(round_, ZONED, SPOTS))
        promotion.append(time_days("promotion_day.yaml", first))
        fire.append(time_days("promotion_fire_blocked_exit.yaml", first))
    evacuation_s, normal_s = statistics.median(evacuation), statistics.median(normal)
    promotion_s, fire_s = statistics.median(promotion), statistics.median(fire)
    print(f"median of {repeats} rounds")
    print(f"egress model, {PEOPLE} people:           {evacuation_s * 1e3:8.2f} ms (target < 50 ms)")
    print(f"normal_day replication:                {normal_s * 1e3:8.2f} ms")
    print(f"  evacuation / normal-day replication: {evacuation_s / normal_s:8.3f}")
    planned_s = statistics.median(planned)
    print(f"egress on a floor plan, {PEOPLE} people:  {planned_s * 1e3:8.2f} ms (target < 20 ms)")
    print(f"  floor-plan evacuation / normal day:  {planned_s / normal_s:8.3f}")
    zoned_s = statistics.median(zoned)
    print(f"  with zones and a counter passage:    {zoned_s * 1e3:8.2f} ms (target < 20 ms)")
    print(f"  zoned evacuation / normal day:       {zoned_s / normal_s:8.3f}")
    print(f"promotion_day replication:             {promotion_s * 1e3:8.2f} ms")
    print(f"promotion_fire_blocked_exit replication: {fire_s * 1e3:6.2f} ms")
    print(f"  fire day / promotion day:            {fire_s / promotion_s:8.3f}")


if __name__ == "__main__":
    main()

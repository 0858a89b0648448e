"""Per-minute series of a day: the counter queue, people on the floor and counters open."""

import numpy as np

from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.metrics import minute_grid, minute_series
from simulator.model.scenario import Reserve
from tests.factory import OPEN, emergency, fixed, hall, rule, staff_incident


def series_of(scenario, seed=1):
    record = simulate_day(scenario, Streams(seed, 0))
    grid = minute_grid(scenario.hours.open_min, scenario.hours.close_min)
    return grid, minute_series(record, grid), record


def test_counters_open_follow_the_staffing_plan_block_by_block():
    grid, series, _ = series_of(hall(per_min=0.5, counters=[(0, 3), (200, 2)], hours=6))
    counters = series["counters"]
    assert np.all(counters[grid < OPEN + 200] == 3)
    assert np.all(counters[(grid >= OPEN + 200) & (grid < OPEN + 360)] == 2)


def test_counters_open_count_call_ins_and_staff_taken_away():
    scenario = hall(
        per_min=0.5,
        counters=3,
        hours=4,
        reserve=Reserve(count=2, call_in_min=10),
        playbook=(rule("time >= 10:00", "open_counters", count=2),),
        incidents=(staff_incident("siege", 180, 30, counters=1),),
    )
    grid, series, _ = series_of(scenario)
    at = dict(zip(grid.tolist(), series["counters"].tolist(), strict=True))
    assert at[OPEN + 59] == 3 and at[OPEN + 70] == 5  # called at 10:00, on duty at 10:10
    assert at[OPEN + 185] == 4 and at[OPEN + 215] == 5  # a clerk taken by the siege, then back


def test_everything_empties_at_an_evacuation():
    fire = emergency("fire", 120, detection_s=fixed(60.0))
    grid, series, record = series_of(hall(per_min=2.0, counters=3, guides=1, incidents=(fire,)))
    after = grid >= record.evacuation.complete_min
    assert np.all(series["counters"][grid >= record.evacuation.alarm_min] == 0)
    assert np.all(series["in_hall"][after] == 0) and np.all(series["queue"][after] == 0)
    assert series["in_hall"][grid < OPEN + 120].max() > 0

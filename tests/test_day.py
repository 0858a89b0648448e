"""A day's cost: staff-hours by post, reserve call-ins, and the money at the hourly rates."""

import math

import numpy as np
import pytest

from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.model.hall import HourlyCost
from simulator.model.scenario import Exit, Reserve
from tests.factory import OPEN, emergency, fixed, hall, rule


def test_the_staff_cost_is_every_posts_hours_at_its_rate():
    scenario = hall(
        per_min=2.0,
        counters=2,
        guides=2,
        security=1,
        reserve=Reserve(count=3, call_in_min=10),
        playbook=(rule("queue >= 10", "open_counters", count=2, cooldown_min=60),),
    )
    priced = scenario.with_changes(
        staff=scenario.staff.model_copy(
            update={"cost_per_hour": HourlyCost(counters=60, guides=40, security=35)}
        )
    )
    record = simulate_day(priced, Streams(2, 0))
    metrics = day_metrics(priced, record)
    opened = record.counters_due.max() - 2
    assert metrics["reserve_called"] == opened > 0
    day_hours = (record.day_end_min - OPEN) / 60
    assert metrics["floor_staff_hours"] == pytest.approx(3 * day_hours)
    assert metrics["counter_staff_hours"] == pytest.approx(record.counter_staffed_minutes / 60)
    assert metrics["staff_cost"] == pytest.approx(
        60 * metrics["counter_staff_hours"] + (2 * 40 + 35) * day_hours
    )
    # Without rates there are hours, and no cost made up.
    unpriced = day_metrics(scenario, simulate_day(scenario, Streams(2, 0)))
    assert math.isnan(unpriced["staff_cost"])
    assert unpriced["counter_staff_hours"] == metrics["counter_staff_hours"]
    assert np.isfinite(unpriced["floor_staff_hours"])


def test_an_evacuation_day_costs_the_whole_shift_not_the_hours_until_the_hall_was_empty():
    # The old metrics stopped the clock when the evacuation was complete: evacuating looked
    # like a saving of staff-hours.
    scenario = hall(
        per_min=2.0,
        counters=[(0.0, 3), (240.0, 2)],
        guides=1,
        security=1,
        exits=(Exit(name="main", width_m=1.8, distance_m=12.0),),
        incidents=(emergency("fire", 60, detection_s=fixed(240.0)),),
    )
    record = simulate_day(scenario, Streams(1, 0))
    assert record.evacuation is not None and record.day_end_min < OPEN + 120
    metrics = day_metrics(scenario, record)
    assert metrics["counter_staff_hours"] == pytest.approx(3 * 4 + 2 * 4)  # the rota to 17:00
    assert metrics["floor_staff_hours"] == pytest.approx(2 * 8)
    assert metrics["utilization"] < 1  # utilisation still counts the hours really staffed

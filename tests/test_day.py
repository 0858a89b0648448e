"""A day's cost: staff-hours by post, reserve call-ins, and the money at the hourly rates."""

import math

import numpy as np
import pytest

from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.model.scenario import Exit, Reserve, Service
from simulator.model.staff import HourlyCost
from tests.factory import OPEN, emergency, exponential, fixed, hall, rule


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


def _due_minutes(record, until: float) -> float:
    """Integrate the engine's own "counters due on duty" line from opening to ``until``."""
    starts = np.append(record.counter_change_min, until)
    return float(np.sum(record.counters_due * np.diff(np.minimum(starts, until))))


def test_counter_staff_hours_are_the_rota_to_the_minute():
    # 2 counters 09:00-11:00, 4 to 13:00, 3 to closing at 17:00: 240 + 480 + 720 = 1440 minutes,
    # then those on duty at closing serve the last customers until the hall is empty.
    one_minute = [Service(name="any", share=1.0, minutes=fixed(1.0))]
    scenario = hall(per_min=1.5, counters=[(0, 2), (120, 4), (240, 3)], services=one_minute)
    for replication in range(4):
        record = simulate_day(scenario, Streams(7, replication))
        staffed = day_metrics(scenario, record)["counter_staff_hours"] * 60
        after_closing = 3 * (record.day_end_min - scenario.hours.close_min)
        # The clerk going off at 13:00 finishes the customer in hand: at most one minute more.
        assert 1440 + after_closing <= staffed <= 1440 + after_closing + 1.0
        assert _due_minutes(record, record.day_end_min) == pytest.approx(1440 + after_closing)


def test_counter_staff_hours_count_each_call_in_from_when_the_clerk_arrived():
    one_minute = [Service(name="any", share=1.0, minutes=fixed(1.0))]
    scenario = hall(
        per_min=3.0,
        counters=2,
        services=one_minute,
        reserve=Reserve(count=2, call_in_min=10),
        playbook=(rule("queue >= 8", "open_counters", count=2, cooldown_min=600),),
    )
    record = simulate_day(scenario, Streams(3, 0))
    metrics = day_metrics(scenario, record)
    assert metrics["reserve_called"] == 2
    opened = float(record.counter_change_min[np.argmax(record.counters_due == 4)])
    expected = 2 * 480 + 2 * (scenario.hours.close_min - opened)  # the rota, the call-ins
    expected += 4 * (record.day_end_min - scenario.hours.close_min)
    assert expected <= metrics["counter_staff_hours"] * 60 <= expected + 2 * 1.0
    # The call-in came when the rule fired, plus the ten minutes it takes to arrive.
    fired = next(event.time for event in record.events if event.name == "open_counters")
    assert opened == pytest.approx(fired + 10)


def test_the_waits_of_each_service_add_up_to_the_halls():
    services = [
        Service(name="缴费", share=0.6, minutes=exponential(1.0), quick=True, kiosk=True),
        Service(name="开户", share=0.4, minutes=exponential(4.0)),
    ]
    scenario = hall(per_min=1.2, counters=2, services=services, kiosks=1, kiosk_uptake=0.5)
    record = simulate_day(scenario, Streams(5, 0))
    metrics = day_metrics(scenario, record)
    served = np.isfinite(record.start)
    counts = [np.sum(served & (record.service == index)) for index in range(2)]
    pooled = sum(
        count * metrics[f"wait_mean_min[{service.name}]"]
        for count, service in zip(counts, services, strict=True)
    )
    # Every served customer is in exactly one service: the weighted means are the hall's mean.
    assert pooled / sum(counts) == pytest.approx(metrics["wait_mean_min"], rel=1e-12)
    assert metrics["wait_p90_min[开户]"] > metrics["wait_p90_min[缴费]"]  # four times longer
    mine = (record.start - record.arrival)[served & (record.service == 1)]
    assert metrics["wait_p90_min[开户]"] == pytest.approx(np.percentile(mine, 90))


@pytest.mark.parametrize(("asset_min", "past"), [(0.5, 1.0), (120.0, 0.0), (None, math.nan)])
def test_an_evacuation_day_and_a_day_past_aset_count_among_all_days(asset_min, past):
    timed = {"asset_min": fixed(asset_min)} if asset_min else {}
    fire = emergency("fire", 60, detection_s=fixed(240.0), **timed)
    scenario = hall(per_min=2.0, counters=3, incidents=(fire,))
    metrics = day_metrics(scenario, simulate_day(scenario, Streams(1, 0)))
    assert metrics["evacuation_day_share"] == 1.0
    # Everyone is out minutes after the alarm: past an ASET of 30 s, within one of two hours.
    assert metrics["past_aset_day_share"] == past or (
        math.isnan(past) and math.isnan(metrics["past_aset_day_share"])
    )
    calm = hall(per_min=2.0, counters=3)
    quiet = day_metrics(calm, simulate_day(calm, Streams(1, 0)))
    assert quiet["evacuation_day_share"] == 0.0 and math.isnan(quiet["evacuation_s"])
    # A day without an evacuation, in a scenario whose fire gives an ASET: nobody was inside
    # past it (a day of the calm hall, measured as the timed scenario's).
    timed_fire = calm.with_changes(incidents=(emergency("fire", 60, asset_min=fixed(5.0)),))
    calm_day = simulate_day(calm, Streams(1, 0))
    assert day_metrics(timed_fire, calm_day)["past_aset_day_share"] == 0.0
    assert math.isnan(quiet["past_aset_day_share"])  # and without one it is not known

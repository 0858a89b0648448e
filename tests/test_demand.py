"""Arrivals by thinning, surge factors, and common random numbers across plan variants."""

import numpy as np
import pytest

from simulator.engine.demand import VIP, VULNERABLE, draw_customers, rate_profile, surge_times
from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.model.distributions import Uniform
from simulator.model.scenario import RateBlock, Service
from tests.factory import OPEN, exponential, hall, surge


def test_rate_profile_multiplies_blocks_by_overlapping_surges():
    scenario = hall(
        arrivals=[(0, 1.0), (120, 2.0)], incidents=(surge(60, 180, 1.5), surge(170, 175, 2))
    )
    profile = rate_profile(scenario)
    minutes = OPEN + np.array([0, 59.9, 60, 119.9, 120, 170, 174.9, 175, 180, 400])
    expected = [1, 1, 1.5, 1.5, 3, 6, 6, 3, 2, 2]
    np.testing.assert_allclose(profile.at(minutes), expected)
    assert profile.expected_arrivals() == pytest.approx(
        60 * 1 + 60 * 1.5 + 50 * 3 + 5 * 6 + 5 * 3 + 300 * 2
    )


def test_a_ten_minute_surge_in_a_ten_hour_day_shows_in_the_counts():
    scenario = hall(per_min=1.0, hours=10, incidents=(surge(300, 310, 3.0),))
    inside, before = [], []
    for replication in range(300):
        arrival = draw_customers(scenario, Streams(21, replication)).arrival - OPEN
        inside.append(np.sum((arrival >= 300) & (arrival < 310)))
        before.append(np.sum((arrival >= 290) & (arrival < 300)))
    # Poisson counts: mean 30 in the surge window, 10 in the ten minutes before it.
    assert np.mean(inside) == pytest.approx(30, abs=4 * np.sqrt(30 / 300))
    assert np.mean(before) == pytest.approx(10, abs=4 * np.sqrt(10 / 300))
    assert np.var(inside, ddof=1) == pytest.approx(30, rel=0.25)  # Poisson: variance = mean


def test_arrivals_are_sorted_inside_opening_hours_and_none_without_demand():
    scenario = hall(arrivals=[(0, 0.0), (60, 2.0), (120, 0.0)], hours=3)
    arrival = draw_customers(scenario, Streams(1, 0)).arrival
    assert np.all(np.diff(arrival) >= 0)
    assert np.all((arrival >= OPEN + 60) & (arrival < OPEN + 120))
    # A file with no demand at all is refused by the loader; the engine still copes with one.
    quiet = scenario.demand.model_copy(
        update={"arrivals": (RateBlock(start_min=OPEN, per_hour=0),)}
    )
    empty = scenario.with_changes(demand=quiet)
    assert draw_customers(empty, Streams(1, 0)).arrival.size == 0


def test_customer_mix_follows_the_shares():
    services = [
        Service(name="a", share=0.2, minutes=exponential(1)),
        Service(name="b", share=0.8, minutes=exponential(2)),
    ]
    scenario = hall(per_min=10, services=services, vip_share=0.05, vulnerable_share=0.1)
    customers = draw_customers(scenario, Streams(3, 0))
    assert np.mean(customers.service == 0) == pytest.approx(0.2, abs=0.02)
    assert np.mean(customers.priority == VIP) == pytest.approx(0.05, abs=0.01)
    assert np.mean(customers.priority == VULNERABLE) == pytest.approx(0.1, abs=0.015)
    assert np.mean(customers.service_minutes[customers.service == 1]) == pytest.approx(2, rel=0.05)


def test_plan_changes_leave_every_customer_the_same():
    base = hall(
        per_min=2,
        kiosks=2,
        patience_min=exponential(10),
        services=[
            Service(name="a", share=0.5, minutes=exponential(1), kiosk=True),
            Service(name="b", share=0.5, minutes=exponential(3)),
        ],
    )
    variant = base.with_changes(
        staff=base.staff.model_copy(update={"fast_lane": 1}),
        demand=base.demand.model_copy(update={"kiosk_uptake": 0.9}),
    )
    one, two = (draw_customers(scenario, Streams(9, 4)) for scenario in (base, variant))
    for field in ("arrival", "service", "priority", "service_minutes", "patience"):
        np.testing.assert_array_equal(getattr(one, field), getattr(two, field))
    assert np.sum(two.uses_kiosk) > np.sum(one.uses_kiosk)


def test_replications_draw_different_customers():
    scenario = hall(per_min=1)
    first, second = (draw_customers(scenario, Streams(1, index)).arrival for index in (0, 1))
    assert first.size != second.size or not np.array_equal(first, second)


def test_a_surge_of_unknown_hour_starts_at_a_drawn_time_keeps_its_length_and_its_rate():
    late = surge(60, 120, 4.0).model_copy(update={"start_delay_min": Uniform(low=0.0, high=180.0)})
    scenario = hall(per_min=1.0, hours=8.0, incidents=(late,))
    starts = []
    for day in range(30):
        streams = Streams(5, day)
        ((start, until),) = surge_times(scenario, streams).values()
        assert OPEN + 60 <= start <= OPEN + 240 and until - start == pytest.approx(60)
        starts.append(start)
        arrivals = draw_customers(scenario, streams).arrival
        inside = np.sum((arrivals >= start) & (arrivals < until))
        before = np.sum((arrivals >= start - 60) & (arrivals < start))
        assert inside > 2 * before  # four times the rate, drawn where the surge was drawn
    assert np.ptp(starts) > 90  # it really moves from day to day
    # And the hall's day logs it where it was drawn (the incidents the charts shade).
    record = simulate_day(scenario, Streams(5, 3))
    (began,) = [e.time for e in record.events if e.name == "surge" and e.kind == "incident"]
    assert began == surge_times(scenario, Streams(5, 3))[0][0]


def test_a_surge_without_a_delay_is_where_the_scenario_writes_it():
    scenario = hall(per_min=1.0, incidents=(surge(60, 120, 2.0),))
    assert surge_times(scenario, Streams(1, 0)) == {0: (OPEN + 60, OPEN + 120)}

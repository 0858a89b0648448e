"""The hall engine: conservation, queue discipline, counters by block, kiosks, balking, patience."""

import numpy as np
import pytest

from simulator.engine.demand import REGULAR, VIP, draw_customers
from simulator.engine.hall import simulate_day
from simulator.engine.records import Channel, Outcome
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.metrics.day import lost_customers
from simulator.metrics.timeseries import level_at, queue_intervals
from simulator.model.scenario import Service
from tests.factory import OPEN, exponential, hall

QUICK = Service(name="缴费", share=0.5, minutes=exponential(0.5), kiosk=True, quick=True)
SLOW = Service(name="开户", share=0.5, minutes=exponential(1.5))

BUSY_HALLS = {
    "plain": hall(per_min=1.8, counters=2),
    "impatient": hall(per_min=2.5, counters=2, patience_min=exponential(5.0)),
    "balking": hall(per_min=2.5, counters=2, balk_at_queue=6),
    "mixed": hall(
        per_min=3.0,
        counters=[(0, 3), (120, 1), (240, 4)],
        services=[QUICK, SLOW],
        fast_lane=1,
        kiosks=2,
        kiosk_uptake=0.4,
        vip_share=0.1,
        vulnerable_share=0.1,
        patience_min=exponential(20.0),
        balk_at_queue=30,
        guides=1,
        security=1,
        unchecked_staff=True,  # 12:00–13:00 the fast lane is the only counter
    ),
}


@pytest.mark.parametrize("name", BUSY_HALLS)
def test_every_arrival_ends_in_exactly_one_outcome(name):
    scenario = BUSY_HALLS[name]
    for replication in range(5):
        record = simulate_day(scenario, Streams(7, replication))
        counts = np.bincount(record.outcome, minlength=len(Outcome))
        assert counts[Outcome.PENDING] == 0
        assert counts.sum() == record.arrival.size > 100
        assert lost_customers(record) == 0
        assert day_metrics(scenario, record)["lost_customers"] == 0


def test_service_is_never_interrupted_and_lasts_its_drawn_time():
    scenario = BUSY_HALLS["mixed"]
    streams = Streams(3, 0)
    record = simulate_day(scenario, streams)
    drawn = draw_customers(scenario, streams).service_minutes
    served = ~np.isnan(record.start)
    np.testing.assert_allclose(record.end[served] - record.start[served], drawn[served], atol=1e-9)


def test_abandoning_customers_leave_exactly_when_patience_runs_out():
    scenario = BUSY_HALLS["impatient"]
    streams = Streams(3, 0)
    record = simulate_day(scenario, streams)
    patience = draw_customers(scenario, streams).patience
    gone = record.outcome == Outcome.ABANDONED
    assert gone.sum() > 10
    np.testing.assert_allclose(record.end[gone] - record.arrival[gone], patience[gone], atol=1e-9)
    served = record.outcome == Outcome.SERVED
    assert np.all(record.start[served] - record.arrival[served] <= patience[served] + 1e-9)


def test_customers_balk_only_when_the_visible_queue_is_at_the_threshold():
    scenario = BUSY_HALLS["balking"]
    record = simulate_day(scenario, Streams(5, 0))
    balked = record.outcome == Outcome.BALKED
    assert balked.sum() > 10
    entry, leave = queue_intervals(record)
    # Queue just before each arrival (exclude the arrival itself, which is an entry at that time).
    before = level_at(entry, leave, record.arrival - 1e-9)
    assert np.all(before[balked] >= 6)
    assert np.all(before[record.queued_for_counter] < 6)


def test_a_closing_counter_finishes_its_customer_and_later_starts_respect_the_new_count():
    scenario = hall(per_min=2.8, counters=[(0, 3), (120, 1)], hours=4)
    record = simulate_day(scenario, Streams(11, 0))
    change = OPEN + 120
    served = record.outcome == Outcome.SERVED
    start, end = record.start[served], record.end[served]
    straddling = (start < change) & (end > change)
    assert straddling.sum() >= 2  # customers in service at the change were finished, not dropped
    in_service = level_at(start, end, np.sort(start[start > change]))
    # A start after the change can overlap only with the one counter left, plus closing
    # counters' customers who started before the change.
    for time, busy in zip(np.sort(start[start > change]), in_service, strict=True):
        still_finishing = np.sum((start < change) & (end > time))
        assert busy <= 1 + still_finishing


def test_vip_customers_are_served_before_regular_ones():
    scenario = hall(per_min=1.9, counters=2, vip_share=0.2)
    record = simulate_day(scenario, Streams(2, 0))
    waits = record.start - record.arrival
    assert np.nanmean(waits[record.priority == VIP]) < 0.3 * np.nanmean(
        waits[record.priority == REGULAR]
    )


def test_fast_lane_serves_only_quick_services_and_shortens_their_wait():
    with_lane = hall(per_min=2.6, counters=3, services=[QUICK, SLOW], fast_lane=1)
    without = hall(per_min=2.6, counters=3, services=[QUICK, SLOW])
    quick_waits = {}
    for label, scenario in (("lane", with_lane), ("none", without)):
        record = simulate_day(scenario, Streams(4, 0))
        is_quick = record.service == 0
        if label == "lane":
            assert np.all(is_quick[record.channel == Channel.FAST_LANE])
            assert np.sum(record.channel == Channel.FAST_LANE) > 50
        quick_waits[label] = np.nanmean((record.start - record.arrival)[is_quick])
    assert quick_waits["lane"] < quick_waits["none"]


def test_kiosk_uptake_sends_that_share_of_eligible_customers_to_kiosks():
    scenario = hall(per_min=2.0, counters=3, services=[QUICK, SLOW], kiosks=2, kiosk_uptake=0.4)
    record = simulate_day(scenario, Streams(8, 0))
    eligible = record.service == 0
    at_kiosk = record.channel == Channel.KIOSK
    assert not np.any(at_kiosk & ~eligible)
    share = at_kiosk.sum() / eligible.sum()
    assert share == pytest.approx(0.4, abs=0.05)
    assert np.all(record.outcome[at_kiosk] == Outcome.SERVED_KIOSK)


def test_counters_stay_after_closing_until_the_hall_is_empty():
    scenario = hall(per_min=2.2, counters=2, hours=2)
    record = simulate_day(scenario, Streams(1, 0))
    assert record.arrival.max() < scenario.hours.close_min
    assert record.end.max() > scenario.hours.close_min  # the overloaded queue was still served
    assert record.day_end_min == record.end.max()
    assert np.all(record.outcome == Outcome.SERVED)


def test_utilisation_is_busy_time_over_staffed_time():
    scenario = hall(per_min=1.5, counters=[(0, 2), (240, 3)], hours=8)
    record = simulate_day(scenario, Streams(1, 0))
    metrics = day_metrics(scenario, record)
    # Staffed counter-minutes: 2 × 240 + 3 × (day end − 13:00), give or take a closing counter.
    planned = 2 * 240 + 3 * (record.day_end_min - (OPEN + 240))
    assert record.counter_staffed_minutes == pytest.approx(planned, rel=0.01)
    assert 0 < metrics["utilization"] <= 1


def test_one_class_of_customers_is_served_in_exact_first_come_first_served_order():
    # Kiefer–Wolfowitz: with c servers and FCFS, service starts are fixed by arrival and service
    # times alone: each customer takes the server that frees up first.
    scenario = hall(
        per_min=1.8, counters=6, services=[Service(name="any", share=1.0, minutes=exponential(3.0))]
    )
    streams = Streams(7, 0)
    customers = draw_customers(scenario, streams)
    free_at = [-np.inf] * 6
    expected = []
    for arrival, minutes in zip(customers.arrival, customers.service_minutes, strict=True):
        free_at.sort()
        begin = max(arrival, free_at[0])
        free_at[0] = begin + minutes
        expected.append(begin)
    record = simulate_day(scenario, streams)
    np.testing.assert_array_equal(record.start, np.array(expected))

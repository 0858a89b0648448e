"""The customer table: the one writer of outcomes, the floor count, and the recent waits."""

import numpy as np
import pytest

from simulator.engine.customers import RECENT_MIN, CustomerTable, percentile_90
from simulator.engine.demand import Customers
from simulator.engine.records import Channel, Outcome


def table(count: int = 4, watched: bool = True) -> CustomerTable:
    return CustomerTable(
        Customers(
            arrival=np.arange(count, dtype=float) + 540.0,
            service=np.zeros(count, dtype=np.int64),
            priority=np.full(count, 2, dtype=np.int8),
            uses_kiosk=np.zeros(count, dtype=bool),
            quick=np.zeros(count, dtype=bool),
            service_minutes=np.full(count, 4.0),
            patience=np.full(count, np.inf),
            kiosk_ok=np.zeros(count, dtype=bool),
            routing=np.full(count, 0.5),
            callback=np.full(count, 0.5),
        ),
        watched,
    )


def test_the_live_90th_percentile_matches_numpy():
    rng = np.random.default_rng(1)
    for size in (1, 2, 7, 50):
        values = rng.exponential(5, size).tolist()
        assert percentile_90(values) == pytest.approx(np.percentile(values, 90), rel=1e-12)
    assert percentile_90([]) == 0.0


def test_finish_writes_the_outcome_and_takes_the_customer_off_the_floor():
    customers = table()
    for _ in range(3):
        customers.enter()
    minutes = customers.start_service(0, 541.0, Channel.COUNTER)
    customers.finish(0, Outcome.SERVED, 545.0)
    customers.finish(1, Outcome.ABANDONED, 550.0)
    assert minutes == 4.0 and customers.present == 1
    assert customers.inside(542.5) == [2]  # came, not finished; 3 is not there yet
    customers.never_came(3)
    record = customers.arrays()
    assert record["outcome"].tolist() == [Outcome.SERVED, Outcome.ABANDONED, Outcome.PENDING]
    assert record["end"][:2].tolist() == [545.0, 550.0]
    assert record["channel"][0] == Channel.COUNTER and np.isnan(record["start"][1])


def test_pre_processing_shortens_service_once_and_only_ever_more():
    customers = table()
    assert customers.pre_process(0, 0.5) is True
    assert customers.pre_process(0, 0.8) is False  # a weaker factor changes nothing
    assert customers.pre_process(0, 0.5) is False  # nor the same one twice
    assert customers.start_service(0, 541.0, Channel.COUNTER) == 2.0


def test_recent_waits_and_abandons_cover_the_last_fifteen_minutes_only():
    customers = table()
    customers.start_service(0, 541.0, Channel.COUNTER)  # waited 1 minute
    customers.start_service(1, 551.0, Channel.COUNTER)  # waited 10 minutes
    customers.finish(2, Outcome.ABANDONED, 552.0)
    assert customers.recent_wait_p90(552.0) == pytest.approx(9.1)
    assert customers.recent_abandons(552.0) == 1
    later = 541.0 + RECENT_MIN + 0.5  # the first wait has left the window
    assert customers.recent_wait_p90(later) == 10.0 and customers.recent_abandons(later) == 1
    unwatched = table(watched=False)
    unwatched.start_service(0, 545.0, Channel.COUNTER)
    assert unwatched.recent_wait_p90(545.0) == 0.0  # no playbook reads them: not kept


def test_where_customers_stand_follows_their_visit():
    from simulator.engine.floor import Spot

    customers = table(4)
    customers.uses_kiosk[3] = True  # waiting for a kiosk
    customers.start_service(0, 541.0, Channel.COUNTER)
    customers.start_service(1, 542.0, Channel.KIOSK)
    spots = customers.spots([0, 1, 2, 3]).tolist()
    assert spots == [Spot.AT_COUNTER, Spot.AT_KIOSK, Spot.WAITING, Spot.AT_KIOSK]

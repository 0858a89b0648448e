"""The engine against queueing theory: Erlang C (M/M/c), Erlang A (M/M/c+M), Little's law.

Steady-state formulas describe a queue that has been open forever; a simulated day starts empty.
Customers who arrive in the first four hours are left out of the estimates (warm-up), as in any
steady-state simulation study: at utilisation 0.9 an M/M/6 queue relaxes over about three hours,
and a shorter warm-up biases waits low by several per cent. Under FIFO a customer's wait depends
only on earlier arrivals, so closing the doors at the end of the day does not bias the rest.
"""

import numpy as np
import pytest

from simulator.analysis.erlang import erlang_a, erlang_c_mean_wait, erlang_c_wait_exceeds
from simulator.engine.hall import simulate_day
from simulator.engine.records import Outcome
from simulator.engine.streams import Streams
from simulator.metrics.statistics import mean_interval
from simulator.metrics.timeseries import level_at, queue_intervals
from simulator.model.scenario import Service
from tests.factory import OPEN, exponential, hall

pytestmark = pytest.mark.slow  # whole runs, searches or browsers

WARM_UP = 240.0
DAY_HOURS = 20  # long days: 16 steady-state hours each keep the intervals tight


def only(mean_service):
    """One service type with exponential service times: the M in M/M/c."""
    return [Service(name="any", share=1.0, minutes=exponential(mean_service))]


def steady_state_customers(scenario, seed, replications):
    """Yield (record, mask of customers arriving after the warm-up) per replication."""
    for replication in range(replications):
        record = simulate_day(scenario, Streams(seed, replication))
        yield record, record.arrival >= OPEN + WARM_UP


@pytest.mark.parametrize(
    ("per_min", "mean_service", "servers"),
    [(5.0, 1.43, 8), (1.8, 3.0, 6)],  # utilisation 0.894 and 0.900
)
def test_mm_c_waits_match_erlang_c(per_min, mean_service, servers):
    assert per_min * mean_service / servers >= 0.85
    scenario = hall(per_min=per_min, counters=servers, services=only(mean_service), hours=DAY_HOURS)
    threshold = mean_service  # P(wait > one mean service time)
    mean_waits, exceed_shares = [], []
    for record, steady in steady_state_customers(scenario, seed=101, replications=100):
        waits = (record.start - record.arrival)[steady]
        mean_waits.append(np.mean(waits))
        exceed_shares.append(np.mean(waits > threshold))
    service_rate = 1 / mean_service
    theory_mean = erlang_c_mean_wait(per_min, service_rate, servers)
    theory_exceed = erlang_c_wait_exceeds(per_min, service_rate, servers, threshold)
    mean_ci, exceed_ci = mean_interval(np.array(mean_waits)), mean_interval(np.array(exceed_shares))
    assert mean_ci.ci_low <= theory_mean <= mean_ci.ci_high, (theory_mean, mean_ci)
    # The check has teeth only if the interval is narrow: within ±15 % of the theory.
    assert mean_ci.half_width < 0.15 * theory_mean
    assert exceed_ci.ci_low <= theory_exceed <= exceed_ci.ci_high, (theory_exceed, exceed_ci)


@pytest.mark.parametrize(
    ("per_min", "mean_service", "servers", "mean_patience"),
    [(5.0, 1.43, 8, 10.0), (3.0, 1.5, 4, 5.0)],  # utilisation 0.89 and an overloaded 1.125
)
def test_mm_c_m_abandonment_matches_erlang_a(per_min, mean_service, servers, mean_patience):
    scenario = hall(
        per_min=per_min,
        counters=servers,
        services=only(mean_service),
        hours=DAY_HOURS,
        patience_min=exponential(mean_patience),
    )
    shares = [
        np.mean(record.outcome[steady] == Outcome.ABANDONED)
        for record, steady in steady_state_customers(scenario, seed=202, replications=40)
    ]
    theory = erlang_a(per_min, 1 / mean_service, servers, 1 / mean_patience).abandon_probability
    estimate = mean_interval(np.array(shares))
    assert estimate.ci_low <= theory <= estimate.ci_high, (theory, estimate)
    assert estimate.half_width < 0.1 * theory


def test_littles_law_holds_on_the_simulated_day():
    scenario = hall(
        per_min=2.5, counters=[(0, 3), (180, 2), (300, 3)], hours=8, patience_min=exponential(12)
    )
    for replication in range(5):
        record = simulate_day(scenario, Streams(303, replication))
        entry, leave = queue_intervals(record)
        step = 0.05
        times = np.arange(OPEN, record.day_end_min + step, step)
        horizon = times[-1] - OPEN
        mean_queue = np.mean(level_at(entry, leave, times))  # L, sampled every 3 seconds
        arrival_rate = entry.size / horizon  # λ of customers joining the counter queue
        mean_time_in_queue = np.mean(leave - entry)  # W, served and abandoning customers alike
        assert mean_queue == pytest.approx(arrival_rate * mean_time_in_queue, rel=0.01)

"""``drill staff``'s search: the Erlang start, the simulation check, and what it finally finds."""

import itertools

import numpy as np
import pytest

from simulator.analysis.erlang import erlang_a_birth_death, erlang_c_wait_exceeds
from simulator.analysis.staffing import (
    BlockLoad,
    StaffingSearch,
    block_loads,
    counter_share_and_service,
    erlang_counters,
    erlang_plan,
    find_staffing,
    staffed,
)
from simulator.analysis.targets import Target, block_edges
from simulator.engine.hall import simulate_day
from simulator.engine.records import Outcome
from simulator.engine.streams import Streams
from simulator.model import load_scenario
from simulator.model.scenario import Reserve, Service
from simulator.runner import SerialExecutor
from tests.factory import OPEN, exponential, hall, outage, surge
from tests.test_scenarios import SCENARIOS

PROMOTION_DAY = next(path for path in SCENARIOS if path.name == "promotion_day.yaml")

P90_WITHIN_2 = (Target("wait_p90_min", 2.0),)


def mmc_hall(hours: float = 8.0):
    """λ = 3 a minute, exponential service of mean 2: a = 6 busy counters on average."""
    return hall(
        per_min=3.0,
        counters=10,
        hours=hours,
        services=[Service(name="any", share=1.0, minutes=exponential(2.0))],
    )


def test_counter_demand_leaves_out_kiosk_users():
    scenario = load_scenario(PROMOTION_DAY)
    share, service_min = counter_share_and_service(scenario)
    # Half of the 35 % payments go to the kiosks; the rest are counter work.
    assert share == pytest.approx(1 - 0.35 * 0.5)
    work = 0.175 * 2.5 + 0.30 * 12 + 0.20 * 6 + 0.15 * 15
    assert service_min == pytest.approx(work / share)
    no_kiosks = scenario.with_changes(site=scenario.site.model_copy(update={"kiosks": 0}))
    assert counter_share_and_service(no_kiosks)[0] == pytest.approx(1.0)


def test_block_loads_integrate_rate_changes_and_surges_exactly():
    # 60/h, then 120/h from 09:45; a ×1.5 surge 10:00–10:15.
    scenario = hall(arrivals=[(0, 1.0), (45, 2.0)], hours=2.0, incidents=(surge(60, 75, 1.5),))
    loads = block_loads(scenario, block_edges(scenario, 30))
    # 09:30–10:00: 15 min at 60/h and 15 at 120/h; 10:00–10:30: 15 at 180/h and 15 at 120/h.
    assert [load.arrivals_per_hour for load in loads] == pytest.approx([60, 90, 150, 120])


def test_the_erlang_start_is_the_fewest_counters_erlang_c_allows():
    load = BlockLoad(arrivals_per_hour=180, counter_per_min=3.0, service_min=2.0)
    assert erlang_counters(load, Target("wait_p90_min", 2.0), None) == 8
    # The answer is the boundary: P(W > 2) is 0.226 with 7 counters and 0.048 with 8.
    assert erlang_c_wait_exceeds(3.0, 0.5, 7, 2.0) > 0.1 >= erlang_c_wait_exceeds(3.0, 0.5, 8, 2.0)
    assert erlang_counters(load, Target("wait_mean_min", 0.5), None) == 8
    assert erlang_counters(load, Target("abandon_rate", 0.02), None) == 1  # nobody gives up
    with_patience = erlang_counters(load, Target("abandon_rate", 0.02), mean_patience_min=5.0)
    # The birth-death chain agrees: 3.3 % give up with 8 counters, 1.6 % with 9.
    assert with_patience == 9
    assert erlang_a_birth_death(3.0, 0.5, 8, 0.2).abandon_probability > 0.02
    assert erlang_a_birth_death(3.0, 0.5, 9, 0.2).abandon_probability <= 0.02


def test_every_block_keeps_a_regular_counter_beside_the_fast_lane():
    scenario = hall(per_min=0.01, hours=1.0, counters=3, fast_lane=2)
    edges = block_edges(scenario, 30)
    assert erlang_plan(scenario, block_loads(scenario, edges), P90_WITHIN_2) == [3, 3]


@pytest.mark.parametrize("start", [None, [3], [15]])
@pytest.mark.slow
def test_on_a_constant_rate_mmc_day_the_search_finds_erlang_c(start):
    # One block for the whole day and the median day (share 0.5): the simulated criterion is
    # then the per-customer P90 of a long steady run, which is what Erlang C speaks of. From a
    # start far below or above, the search must walk to the same answer.
    scenario = mmc_hall()
    edges = block_edges(scenario, 480)
    if start is None:
        result = find_staffing(scenario, P90_WITHIN_2, edges, share=0.5, days=20, seed=4)
        assert result.erlang.counters == result.found.counters == (8,)
        return
    search = StaffingSearch(scenario, edges, P90_WITHIN_2, 0.5, 20, 4, SerialExecutor())
    found = search.trim(search.add_until_met(start, 0, most=20), least=1)
    assert found.counters == (8,)
    assert search.evaluate([7], 0).met_share[0] < 0.5 <= found.met_share[0]


def own_block_p90(record, start: float, end: float) -> float:
    """Return the test's own reading: P90 wait of counter customers arriving in [start, end)."""
    inside = (record.arrival >= start) & (record.arrival < end) & record.queued_for_counter
    served = inside & (record.outcome == Outcome.SERVED)
    waits = record.start[served] - record.arrival[served]
    return float(np.quantile(waits, 0.9)) if waits.size else 0.0


def shares_of_days_kept(scenario, edges, days: int, seed: int) -> np.ndarray:
    """Per block, the share of days its P90 wait is within 5 minutes (the test's own count)."""
    records = [simulate_day(scenario, Streams(seed, day)) for day in range(days)]
    return np.array(
        [
            np.mean([own_block_p90(record, start, end) <= 5.0 for record in records])
            for start, end in itertools.pairwise(edges)
        ]
    )


@pytest.mark.slow
def test_on_a_surge_day_the_found_staffing_holds_and_one_fewer_at_the_peak_does_not():
    # 90/h all day, doubled 11:00–12:00.
    scenario = hall(
        per_min=1.5,
        counters=3,
        hours=5.0,
        services=[Service(name="any", share=1.0, minutes=exponential(2.0))],
        incidents=(surge(120, 180, 2.0),),
    )
    edges = block_edges(scenario, 30)
    targets = (Target("wait_p90_min", 5.0),)
    result = find_staffing(scenario, targets, edges, share=0.9, days=30, seed=11)
    counters = list(result.found.counters)
    busiest = int(np.argmax(counters))
    assert OPEN + 120 <= edges[busiest] < OPEN + 180  # inside the surge
    kept = shares_of_days_kept(staffed(scenario, edges, counters, 0), edges, 30, 11)
    assert kept.min() >= 0.9
    counters[busiest] -= 1
    # One counter fewer at the peak: its queue fails the peak block or spills into the next.
    fewer = shares_of_days_kept(staffed(scenario, edges, counters, 0), edges, 30, 11)
    assert fewer[busiest : busiest + 2].min() < 0.9
    # Every block holds on the simulated days, and the Erlang start fell short in the surge.
    assert (result.found.met_share >= 0.9).all() and not result.unreachable()
    assert result.erlang.met_share.min() < 0.9


def test_a_reserve_nothing_calls_in_is_cut_to_zero():
    scenario = hall(per_min=1.0, counters=3, hours=2.0, reserve=Reserve(count=4, call_in_min=20.0))
    result = find_staffing(
        scenario, P90_WITHIN_2, block_edges(scenario, 60), share=0.9, days=10, seed=2
    )
    assert result.given.reserve == 4 and result.found.reserve == 0
    assert result.scenario.staff.reserve == Reserve(count=0, call_in_min=20.0)


def test_a_block_no_counter_count_can_save_is_reported_unreachable():
    # A system outage 09:30–09:55 stops every counter: those arriving then wait past 5 min.
    scenario = hall(per_min=1.0, counters=3, hours=2.0, incidents=(outage(30, 25),))
    scenario = scenario.with_changes(site=scenario.site.model_copy(update={"counters": 6}))
    targets = (Target("wait_p90_min", 5.0),)
    edges = block_edges(scenario, 30)
    result = find_staffing(scenario, targets, edges, 0.9, days=8, seed=3)
    assert result.unreachable() == [1] and result.max_counters == 6
    # It keeps the counters that help that block: all six open would do no better.
    search = StaffingSearch(scenario, edges, targets, 0.9, 8, 3, SerialExecutor())
    all_open = list(result.found.counters)
    all_open[1] = 6
    assert search.evaluate(all_open, 0).met_share[1] <= result.found.met_share[1] < 0.9

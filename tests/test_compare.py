"""Comparing plan variants: common random numbers, paired intervals, ranking, precision."""

import pytest

from simulator.analysis.compare import (
    RANKABLE,
    arm_seed,
    paired_difference,
    run_comparison,
)
from simulator.metrics import METRIC_NAMES
from simulator.model.scenario import Service
from tests.factory import exponential, hall

# A busy two-hour hall (ρ ≈ 0.93) and a plan one notch faster: close enough that the difference
# is small against the day-to-day spread, which is where common random numbers matter.
BASE = hall(per_min=2.8, counters=3, hours=2, patience_min=exponential(15))
FASTER = hall(
    per_min=2.8,
    counters=3,
    hours=2,
    patience_min=exponential(15),
    services=[Service(name="any", share=1.0, minutes=exponential(0.95))],
)


@pytest.mark.slow
def test_crn_makes_the_paired_interval_at_least_three_times_narrower():
    arms = [("base", BASE), ("faster", FASTER)]
    crn = run_comparison(arms, 40, seed=11, by="wait_mean_min")
    independent = run_comparison(arms, 40, seed=11, by="wait_mean_min", independent=True)
    crn_half = crn.difference(crn.arms[1], "wait_mean_min").estimate.half_width
    independent_half = independent.difference(
        independent.arms[1], "wait_mean_min"
    ).estimate.half_width
    assert crn_half * 3 <= independent_half, (crn_half, independent_half)
    # Both estimate the same thing: the faster service shortens waits.
    assert crn.difference(crn.arms[1], "wait_mean_min").estimate.mean < 0


def test_a_variant_identical_to_the_base_differs_by_zero_every_day():
    comparison = run_comparison([("base", BASE), ("same", BASE)], 6, seed=5, by="wait_p90_min")
    same = comparison.arms[1].result.values
    base = comparison.arms[0].result.values
    for metric in METRIC_NAMES:
        assert [a - b for a, b in zip(same[metric], base[metric], strict=True) if a == a] == [
            0.0
        ] * sum(value == value for value in base[metric])  # NaN != NaN: skipped
        difference = comparison.difference(comparison.arms[1], metric)
        assert not difference.significant


def test_independent_arms_get_other_seeds_and_the_base_keeps_its_own():
    assert arm_seed(7, 0, independent=True) == 7
    assert len({arm_seed(7, k, independent=True) for k in range(4)}) == 4
    assert {arm_seed(7, k, independent=False) for k in range(4)} == {7}


def test_paired_difference_leaves_out_days_either_plan_leaves_undefined():
    nan = float("nan")
    difference = paired_difference([1.0, nan, 3.0, 5.0], [0.0, 2.0, nan, 4.0])
    assert difference.estimate.count == 2 and difference.estimate.mean == 1.0


def test_ranking_puts_the_better_plan_first_in_the_metric_direction():
    comparison = run_comparison([("base", BASE), ("faster", FASTER)], 10, seed=3, by="wait_p90_min")
    assert [arm.name for arm in comparison.ranking()] == ["faster", "base"]
    by_share = run_comparison(
        [("base", BASE), ("faster", FASTER)], 10, seed=3, by="served_within_limit_share"
    )
    first = by_share.ranking()[0].result.estimate("served_within_limit_share").mean
    second = by_share.ranking()[1].result.estimate("served_within_limit_share").mean
    assert first >= second


@pytest.mark.slow
def test_precision_adds_days_until_the_target_and_matches_a_single_run():
    target = 0.02
    comparison = run_comparison(
        [("base", BASE), ("faster", FASTER)], 10, seed=2, by="wait_mean_min", precision=target
    )
    assert comparison.precision_met and comparison.replications > 10
    half = comparison.difference(comparison.arms[1], "wait_mean_min").estimate.half_width
    assert half <= target
    # Growing in batches gives the same days as running that many at once.
    once = run_comparison(
        [("base", BASE), ("faster", FASTER)], comparison.replications, seed=2, by="wait_mean_min"
    )
    for grown, single in zip(comparison.arms, once.arms, strict=True):
        assert grown.result.values == single.result.values


def test_precision_stops_at_the_cap_and_says_so():
    comparison = run_comparison(
        [("base", BASE), ("faster", FASTER)],
        5,
        seed=2,
        by="wait_mean_min",
        precision=1e-6,
        max_replications=12,
    )
    assert comparison.replications == 12 and comparison.precision_met is False


@pytest.mark.parametrize("metric", ["arrivals", "lost_customers"])
def test_bookkeeping_metrics_are_not_offered_for_ranking(metric):
    assert metric not in RANKABLE and "wait_p90_min" in RANKABLE

"""Limits judged over the simulated days: the share held, its rating, the scenario's target."""

import numpy as np

from simulator.metrics import METRIC_NAMES
from simulator.model.scenario import Limit, Limits
from simulator.runner import RunResult
from simulator.scoring import Rating, check_limits
from tests.factory import hall


def judged(waits: list[float], target_share: float = 0.9):
    """Judge a wait_p90_min ≤ 20 limit over days with these P90 waits."""
    scenario = hall()
    limits = Limits.of((Limit("wait_p90_min", "wait_p90_min", 20.0, "max"),), target_share)
    values = {name: [0.0] * len(waits) for name in METRIC_NAMES}
    values["wait_p90_min"] = waits
    result = RunResult(scenario.with_changes(limits=limits), 1, np.zeros(1), values, {})
    (limit,) = check_limits(result)
    return limit


def test_a_limit_held_on_exactly_the_target_share_is_held_and_rated_p():
    limit = judged([10.0] * 9 + [30.0])
    assert limit.held_share == 0.9 and limit.held is True and limit.rating == Rating.P


def test_a_limit_is_judged_at_the_scenarios_own_target_share():
    days = [10.0] * 7 + [30.0] * 3
    assert judged(days, target_share=0.7).rating == Rating.P
    assert judged(days).rating == Rating.M  # 70 % against the default 90 %


def test_an_undefined_day_never_holds_a_limit():
    limit = judged([10.0] * 9 + [float("nan")])
    assert limit.held_share == 0.9  # NaN (nobody served that day) counts as not held


def test_the_vulnerable_wait_limit_is_rated_on_the_days_someone_vulnerable_was_served():
    # The old limits took vulnerable_wait_min into served_within_limit_share only: a hall
    # manager who wrote it saw no verdict on it at all.
    scenario = hall()
    limits = Limits.model_validate({"wait_p90_min": 20, "vulnerable_wait_min": 10})
    values = {name: [0.0] * 10 for name in METRIC_NAMES}
    values["wait_p90_min_vulnerable"] = [5.0] * 7 + [15.0] + [float("nan")] * 2
    result = RunResult(scenario.with_changes(limits=limits), 1, np.zeros(1), values, {})
    _, vulnerable = check_limits(result)
    assert (vulnerable.limit.metric, vulnerable.limit.threshold) == ("wait_p90_min_vulnerable", 10)
    # The two days no vulnerable customer came (a small hall) neither keep nor break it.
    assert vulnerable.held_share == 7 / 8
    assert vulnerable.held is False
    # A hall with no vulnerable customers at all: not exercised, not failed.
    values["wait_p90_min_vulnerable"] = [float("nan")] * 10
    _, never = check_limits(RunResult(result.scenario, 1, np.zeros(1), values, {}))
    assert never.held is None

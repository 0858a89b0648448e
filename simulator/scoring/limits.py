"""Limits: in what share of simulated days each limit held, and whether that share is enough.

A limit "holds" for the plan when it held in at least ``limits.target_share`` of the replications
(default 90 %): a duty manager plans for a bad-but-ordinary day, not for the average day.
A limit on an evacuation metric is judged over the days that had an evacuation: a day on which
staff put the fire out neither keeps nor breaks ``evacuation_s``, and a day no vulnerable customer
was served neither keeps nor breaks ``vulnerable_wait_min`` (not exercised if none ever was).
"""

import math
from dataclasses import dataclass

from simulator.metrics.day import GROUP_METRICS
from simulator.metrics.evacuation import CONDITIONAL_METRICS
from simulator.metrics.statistics import wilson_interval
from simulator.model.scenario import Limit
from simulator.runner.replicate import RunResult
from simulator.scoring.ratings import Rating, rate_limit


@dataclass(frozen=True)
class LimitResult:
    """One limit, judged over all replications. ``held`` is None when the metric was not run."""

    limit: Limit
    held_share: float
    ci_low: float
    ci_high: float
    target_share: float
    held: bool | None
    rating: Rating | None = None


def check_limits(result: RunResult) -> list[LimitResult]:
    """Judge every limit of the scenario against the run's per-replication values."""
    target = result.scenario.limits.target_share
    judged = []
    for limit in result.scenario.limits.items:
        values = result.values.get(limit.metric) or []
        # Judged on the days it applies to: an evacuation metric on the days with an
        # evacuation, a priority class's wait on the days someone of the class was served (in
        # a small hall many days bring no vulnerable customer at all; a day all of them gave
        # up is left to the abandon_rate limit).
        if limit.metric in CONDITIONAL_METRICS or limit.metric in GROUP_METRICS:
            values = [value for value in values if not math.isnan(value)]
        if not values:  # e.g. evacuation_s when no day had an evacuation
            judged.append(LimitResult(limit, math.nan, math.nan, math.nan, target, None))
            continue
        kept = sum(limit.held_by(value) for value in values)
        low, high = wilson_interval(kept, len(values))
        share = kept / len(values)
        rating = rate_limit(share, target)
        judged.append(LimitResult(limit, share, low, high, target, share >= target, rating))
    return judged

"""Comparing plan variants with common random numbers and paired differences.

Replication *i* of every variant draws from the same random streams (``Streams(seed, i)``), so
day *i* brings the same customers, service times and incidents to each plan. The difference
``variant_i − base_i`` then cancels the day-to-day noise the plans share, and its bootstrap-t
interval (:func:`~simulator.metrics.statistics.mean_interval`) is far narrower than the
difference of two independent means: that is what lets a manager tell a 30-second
improvement from luck with a few dozen days instead of thousands.
With ``independent=True`` each variant gets its own root seed instead; it exists to measure
how much common random numbers buy (tests and ``benchmarks/compare.py``), not for planning.

``--precision`` adds replications until the paired difference of the ranking metric is known to
within the target for every variant. Replications are added to all arms together, so the
comparison stays paired, and replication indices only ever grow, so the answer for a given
seed does not depend on how many batches it took or on the executor.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from simulator.metrics import METRIC_NAMES, metric_names
from simulator.metrics.statistics import Estimate, holm, mean_interval, t_test_p
from simulator.model.incidents import EVACUATION_KINDS
from simulator.model.scenario import Scenario
from simulator.runner import (
    Executor,
    ReplicationResult,
    RunResult,
    add_replications,
    run_replications,
)
from simulator.scoring import LimitResult, check_limits

BASE = "base"
# How plans are ranked: by one metric (``--by``), or, by default, limits first: a plan that
# breaks a limit the base holds never ahead of the base; the plans that hold every limit ahead
# of those that break some (fewer broken first), then the cheapest (staff cost at the
# scenario's rates, else staff-hours; a difference to the base that is not significant counts
# as none), then the 90th-percentile wait; for a scenario that evacuates, the share of days
# with RSET > ASET, then the paired change of RSET.
BY_METRIC, LIMITS_THEN_COST, LIMITS_THEN_RSET = "metric", "limits_then_cost", "limits_then_rset"
TIE_BREAK = {LIMITS_THEN_COST: "wait_p90_min", LIMITS_THEN_RSET: "evacuation_s"}
# Metrics where more is better; for the others (waits, rates, crowding, times) less is better.
HIGHER_IS_BETTER = frozenset({"served_within_limit_share", "utilization"})
# Metrics that describe demand or bookkeeping, not how well a plan does: never ranked by.
NOT_RANKABLE = frozenset({"arrivals", "lost_customers", "evacuated"})
RANKABLE = tuple(name for name in METRIC_NAMES if name not in NOT_RANKABLE)


def rankable_metrics(scenarios: Sequence[Scenario]) -> tuple[str, ...]:
    """Return what plans of ``scenarios`` can be ranked by, the shared service waits last.

    :data:`RANKABLE`, then the waits of every service all of them have (a variant may rename or
    drop a service).
    """
    names = [metric_names(scenario)[len(METRIC_NAMES) :] for scenario in scenarios]
    shared = set(names[0]).intersection(*names[1:])
    return RANKABLE + tuple(name for name in names[0] if name in shared)


PRECISION_GROWTH = 1.2  # aim a little past the estimated need so one more batch rarely follows
MIN_BATCH = 10


@dataclass(frozen=True)
class Difference:
    """Mean of ``variant − base`` over the paired replications, with its 95 % interval."""

    estimate: Estimate

    @property
    def significant(self) -> bool:
        """Return whether the interval excludes zero (False when it is undefined)."""
        low, high = self.estimate.ci_low, self.estimate.ci_high
        return not (math.isnan(low) or math.isnan(high)) and (low > 0 or high < 0)


@dataclass(frozen=True)
class Arm:
    """One plan in a comparison: the base or a named variant, and its replications."""

    name: str
    result: RunResult


@dataclass(frozen=True)
class Comparison:
    """Every arm's results, the ranking metric, and whether the precision target was met."""

    arms: tuple[Arm, ...]  # the base first, then the variants in the order asked for
    by: str
    precision: float | None
    precision_met: bool | None
    independent: bool
    rule: str = BY_METRIC  # BY_METRIC, LIMITS_THEN_COST or LIMITS_THEN_RSET

    @cached_property
    def limits(self) -> tuple[list[LimitResult], ...]:
        """Return every arm's judged limits, in the order of ``arms`` (judged once)."""
        return tuple(check_limits(arm.result) for arm in self.arms)

    @cached_property
    def metrics(self) -> tuple[str, ...]:
        """Return every metric all arms have: :data:`METRIC_NAMES`, then shared service waits."""
        return METRIC_NAMES + self.rankable[len(RANKABLE) :]

    @cached_property
    def rankable(self) -> tuple[str, ...]:
        """Return what every arm can be ranked by, the waits of their shared services included."""
        return rankable_metrics([arm.result.scenario for arm in self.arms])

    @property
    def replications(self) -> int:
        """Return how many replications each arm has."""
        return self.arms[0].result.replications

    def difference(self, arm: Arm, metric: str) -> Difference:
        """Return the paired difference ``arm − base`` of ``metric``."""
        return paired_difference(arm.result.values[metric], self.arms[0].result.values[metric])

    @cached_property
    def holm_family(self) -> tuple[dict[tuple[str, str], bool], int]:
        """Return which (variant, metric) differences stay significant after Holm, and m.

        m is the size of the family the correction ran over.

        The family is every variant against the base on every rankable metric but the ranking's
        own (``by``, chosen before the run and judged by its own interval), where the difference
        can be tested at all (not 0, or undefined, on every day): with many variants and
        metrics, some 95 % intervals exclude 0 by luck alone; Holm's step-down procedure keeps
        the chance of any false "significant" in the family to 5 %. Its p-values come from the
        paired t test: 1999 resamples cannot resolve the α/m of a large family (the smallest
        bootstrap p-value is 1/1000). A difference counts as significant after Holm only when
        its own interval excludes 0 as well, so the star never contradicts the interval.
        """
        family_metrics = [metric for metric in self.rankable if metric != self.by]
        pairs = [(arm, metric) for arm in self.arms[1:] for metric in family_metrics]
        p_values = [
            t_test_p(
                np.asarray(arm.result.values[metric], dtype=float)
                - np.asarray(self.arms[0].result.values[metric], dtype=float)
            )
            for arm, metric in pairs
        ]
        corrected = {
            (arm.name, metric): rejected and self.difference(arm, metric).significant
            for (arm, metric), rejected in zip(pairs, holm(p_values), strict=True)
        }
        for arm in self.arms[1:]:
            if self.by in self.rankable:
                corrected[(arm.name, self.by)] = self.difference(arm, self.by).significant
        family = sum(not math.isnan(p) for p in p_values)
        return corrected, family

    def _change(self, arm: Arm, metric: str) -> float:
        """Return the paired change of ``metric`` from the base, 0 when it is not significant.

        A cost or RSET difference the days cannot tell from luck counts as none, so the next
        criterion decides between such plans (the base's change is 0 by definition).
        """
        if arm is self.arms[0]:
            return 0.0
        difference = self.difference(arm, metric)
        return difference.estimate.mean if difference.significant else 0.0

    def ranking(self) -> list[Arm]:
        """Return the arms best first (NaN last): by ``by``, or limits first (see ``rule``)."""
        sign = -1.0 if self.by in HIGHER_IS_BETTER else 1.0

        def mean_key(arm: Arm, metric: str, direction: float = 1.0) -> tuple[bool, float]:
            mean = arm.result.estimate(metric).mean
            return (math.isnan(mean), direction * mean if not math.isnan(mean) else 0.0)

        held_by_base = {limit.limit.name for limit in self.limits[0] if limit.held}
        judged_of = {arm.name: judged for arm, judged in zip(self.arms, self.limits, strict=True)}

        def key(arm: Arm) -> tuple:
            if self.rule == BY_METRIC:
                return mean_key(arm, self.by, sign)
            judged = judged_of[arm.name]
            # Never ahead of the base by breaking what the base holds; then fewest broken.
            worse = any(
                limit.held is False and limit.limit.name in held_by_base for limit in judged
            )
            broken = sum(limit.held is False for limit in judged)
            if self.rule == LIMITS_THEN_RSET:
                # Over all days alike (past_aset_day_share: a day without an evacuation left
                # nobody inside past ASET); RSET is compared on the days both plans evacuated
                # (paired), so a plan that evacuates less often is not ranked on other days.
                past = np.nan_to_num(np.asarray(arm.result.values["past_aset_day_share"]))
                return (worse, broken, float(past.mean()), self._change(arm, self.by))
            return (worse, broken, self._change(arm, self.by), mean_key(arm, TIE_BREAK[self.rule]))

        return sorted(self.arms, key=key)  # stable: ties keep the order asked for


def default_ranking(arms: list[tuple[str, Scenario]]) -> tuple[str, str]:
    """Return the ranking rule and metric when none is asked for: limits, then cost or RSET."""
    scenarios = [scenario for _, scenario in arms]
    if any(
        incident.kind in EVACUATION_KINDS or incident.evacuate
        for scenario in scenarios
        for incident in scenario.incidents
    ):
        return LIMITS_THEN_RSET, "evacuation_s"
    priced = all(scenario.staff.cost_per_hour is not None for scenario in scenarios)
    return LIMITS_THEN_COST, "staff_cost" if priced else "staff_hours"


def paired_difference(variant: list[float], base: list[float]) -> Difference:
    """Return the mean and 95 % bootstrap-t interval of ``variant[i] − base[i]``.

    Replications where either value is undefined (NaN: no evacuation that day, say) are left out,
    so a metric defined only on some days is compared on the days both plans define it.
    """
    differences = np.asarray(variant, dtype=float) - np.asarray(base, dtype=float)
    return Difference(mean_interval(differences))


def arm_seed(seed: int, arm_index: int, independent: bool) -> int:
    """Return the root seed of arm ``arm_index``: the run's seed, unless arms are independent."""
    if not independent or arm_index == 0:
        return seed
    # A seed derived from (seed, arm) by SeedSequence's hash: unrelated streams, reproducible.
    return int(np.random.SeedSequence([seed, arm_index]).generate_state(1, np.uint64)[0] >> 1)


def _half_widths(arms: list[Arm], by: str) -> list[float]:
    base = arms[0].result.values[by]
    widths = []
    for arm in arms[1:]:
        half = paired_difference(arm.result.values[by], base).estimate.half_width
        widths.append(math.inf if math.isnan(half) else half)
    return widths


def run_comparison(
    arms: list[tuple[str, Scenario]],
    replications: int,
    seed: int,
    by: str | None,
    executor: Executor | None = None,
    precision: float | None = None,
    max_replications: int = 1000,
    independent: bool = False,
    on_done: Callable[[ReplicationResult], None] | None = None,
) -> Comparison:
    """Run every arm (the base first) ``replications`` times, then more until ``precision``.

    ``precision`` is the largest acceptable 95 % half-width of the paired difference of ``by``;
    replications stop growing at ``max_replications`` whether or not it is reached. With ``by``
    None the plans are ranked limits first (:func:`default_ranking`).
    """
    rule = BY_METRIC
    if by is None:
        rule, by = default_ranking(arms)
    runs = [
        Arm(
            name,
            run_replications(
                scenario, replications, arm_seed(seed, k, independent), executor, on_done
            ),
        )
        for k, (name, scenario) in enumerate(arms)
    ]
    met = None
    if precision is not None and len(runs) > 1:
        while True:
            widest = max(_half_widths(runs, by))
            done = runs[0].result.replications
            met = widest <= precision
            if met or done >= max_replications:
                break
            # The half-width shrinks like 1/√n: estimate the n that reaches the target.
            needed = done * (widest / precision) ** 2 * PRECISION_GROWTH if widest < math.inf else 0
            target = min(max_replications, max(done + MIN_BATCH, math.ceil(needed)))
            for arm in runs:
                add_replications(arm.result, target - done, executor, on_done)
    return Comparison(tuple(runs), by, precision, met, independent, rule)

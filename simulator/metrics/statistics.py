"""Across-replication statistics: confidence intervals and exact per-minute quantiles.

Means get Student-t intervals, shares Wilson intervals, and integer series (queue length, people
in the hall) are kept as per-minute histograms so their quantiles are exact.

Aggregation is sequential and in replication order, so the same replications always give the
same bits, whichever worker computed each one.
"""

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy.special import stdtr, stdtrit

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Estimate:
    """A mean over replications with its 95 % confidence interval (NaN when undefined)."""

    mean: float
    ci_low: float
    ci_high: float
    count: int

    @property
    def half_width(self) -> float:
        """Return half the interval's width."""
        return (self.ci_high - self.ci_low) / 2

    def clipped(self, low: float, high: float) -> "Estimate":
        """Return the estimate with its interval cut to the metric's range [low, high].

        A t interval around a mean of rates that are mostly zero reaches below zero; the true
        mean cannot, so the part outside the range carries no information.
        """
        if math.isnan(self.ci_low):
            return self
        return replace(self, ci_low=max(self.ci_low, low), ci_high=min(self.ci_high, high))


def mean_interval(values: np.ndarray) -> Estimate:
    """Return the mean of ``values`` (NaNs ignored) with a Student-t 95 % interval."""
    finite = values[~np.isnan(values)]
    count = finite.size
    if count == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    mean = float(np.mean(finite))
    if count == 1:
        return Estimate(mean, math.nan, math.nan, 1)
    half = float(stdtrit(count - 1, 0.5 + CONFIDENCE / 2)) * float(np.std(finite, ddof=1))
    half /= math.sqrt(count)
    return Estimate(mean, mean - half, mean + half, count)


def t_test_p(values: np.ndarray) -> float:
    """Return the two-sided p-value of a one-sample t test that the mean is 0 (NaN: undefined).

    NaNs are ignored; with fewer than two values, or none varying, the test is undefined,
    except that identical non-zero values are as clear as evidence gets (p = 0).
    """
    finite = values[~np.isnan(values)]
    if finite.size < 2:
        return math.nan
    mean, spread = float(np.mean(finite)), float(np.std(finite, ddof=1))
    if spread == 0:
        return math.nan if mean == 0 else 0.0
    statistic = abs(mean) / (spread / math.sqrt(finite.size))
    return float(2 * stdtr(finite.size - 1, -statistic))


def holm(p_values: list[float], alpha: float = 1 - CONFIDENCE) -> list[bool]:
    """Return which hypotheses Holm's step-down procedure rejects at family-wise ``alpha``.

    The smallest p is held to alpha/m, the next to alpha/(m-1), and so on; the first that fails
    stops it. Undefined p-values (NaN) are never rejected and do not count in m.
    """
    defined = sorted((p, index) for index, p in enumerate(p_values) if not math.isnan(p))
    rejected = [False] * len(p_values)
    for rank, (p, index) in enumerate(defined):
        if p > alpha / (len(defined) - rank):
            break
        rejected[index] = True
    return rejected


def wilson_interval(successes: int, trials: int) -> tuple[float, float]:
    """Return the Wilson score 95 % interval for a share (sound near 0 and 1, unlike Wald)."""
    if trials == 0:
        return math.nan, math.nan
    z = 1.959963984540054
    share = successes / trials
    centre = (share + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials))
    half /= 1 + z * z / trials
    return max(0.0, centre - half), min(1.0, centre + half)


class IntegerSeriesAggregate:
    """Mean and quantiles, minute by minute, of integer series from many replications.

    Keeps a histogram per minute (minutes × largest value seen) instead of every replication's
    series, so memory does not grow with the number of replications and quantiles are exact.
    """

    def __init__(self, minutes: int):
        self.minutes = minutes
        self.count = 0
        self.total = np.zeros(minutes, dtype=np.int64)
        self.histogram = np.zeros((minutes, 1), dtype=np.int64)

    def add(self, series: np.ndarray) -> None:
        """Add one replication's series (length ``minutes``, non-negative integers)."""
        largest = int(series.max(initial=0))
        if largest >= self.histogram.shape[1]:
            wider = np.zeros(
                (self.minutes, max(largest + 1, 2 * self.histogram.shape[1])), np.int64
            )
            wider[:, : self.histogram.shape[1]] = self.histogram
            self.histogram = wider
        self.histogram[np.arange(self.minutes), series] += 1
        self.total += series
        self.count += 1

    def mean(self) -> np.ndarray:
        """Return the per-minute mean."""
        return self.total / max(self.count, 1)

    def quantile(self, level: float) -> np.ndarray:
        """Return the per-minute quantile: the smallest value v with P(X ≤ v) ≥ ``level``."""
        cumulative = np.cumsum(self.histogram, axis=1)
        # Guard the product against float noise: 0.9 * 10 must need 9 replications, not 10.
        needed = max(math.ceil(level * self.count - 1e-9), 1)
        return np.argmax(cumulative >= needed, axis=1).astype(float)

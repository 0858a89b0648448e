"""Across-replication statistics: confidence intervals and exact per-minute quantiles.

Means of daily metrics get bootstrap-t (studentized bootstrap) intervals, shares of days Wilson
intervals, and integer series (queue length, people in the hall) are kept as per-minute
histograms so their quantiles are exact.

Why not Student's t: a day's mean wait is skewed to the right (a bad day is far worse than a good
day is better), and with 30 days the t interval then misses the truth about twice as often as
promised, nearly always on the low side. The bootstrap-t learns the skew from the days
themselves; its coverage is measured in ``tests/test_coverage.py``.

Aggregation is sequential and in replication order, so the same replications always give the
same bits, whichever worker computed each one.
"""

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy.special import stdtr, stdtrit

CONFIDENCE = 0.95
# Resamples of the bootstrap: 1999 puts the 2.5 % and 97.5 % quantiles on whole order
# statistics (the 50th and 1950th of 2000 gaps) and costs about a millisecond for 100 days.
BOOTSTRAP_RESAMPLES = 1999
# A fixed root: the interval depends on the values alone, so the same days give the same bits
# whichever run, worker or order of metrics computed it.
BOOTSTRAP_SEED = 20261202
# Values resampled per block (resamples × days): bounds memory for runs of many days.
_BLOCK_VALUES = 2_000_000


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
    """Return the mean of ``values`` (NaNs ignored) with a bootstrap-t 95 % interval.

    The studentized statistic ``(mean* − mean) / se*`` of each resample stands in for the
    unknown distribution of ``(mean − μ) / se``; its quantiles, not Student's, bound μ, so a
    right-skewed metric gets an interval that reaches further up than down. When resamples can
    lack any spread (a metric that is the same on nearly every day, such as a rate that is 0 on
    most), that statistic is unbounded and the Student-t interval is used instead.
    """
    finite = values[~np.isnan(values)]
    count = finite.size
    if count == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    mean = float(np.mean(finite))
    if count == 1:
        return Estimate(mean, math.nan, math.nan, 1)
    standard_error = float(np.std(finite, ddof=1)) / math.sqrt(count)
    quantiles = _studentized_quantiles(finite, mean)
    if quantiles is None:
        half = float(stdtrit(count - 1, 0.5 + CONFIDENCE / 2)) * standard_error
        return Estimate(mean, mean - half, mean + half, count)
    low_quantile, high_quantile = quantiles
    return Estimate(
        mean, mean - high_quantile * standard_error, mean - low_quantile * standard_error, count
    )


def _studentized_quantiles(values: np.ndarray, mean: float) -> tuple[float, float] | None:
    """Return the 2.5 % and 97.5 % quantiles of the resampled t statistic (None: unbounded)."""
    count = values.size
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    block = max(1, _BLOCK_VALUES // count)
    statistics = []
    for start in range(0, BOOTSTRAP_RESAMPLES, block):
        size = min(block, BOOTSTRAP_RESAMPLES - start)
        resamples = values[rng.integers(0, count, size=(size, count))]
        spreads = np.std(resamples, axis=1, ddof=1)
        if not np.all(spreads > 0):
            return None
        statistics.append((np.mean(resamples, axis=1) - mean) / (spreads / math.sqrt(count)))
    tail = (1 - CONFIDENCE) / 2
    low, high = np.quantile(np.concatenate(statistics), [tail, 1 - tail])
    return float(low), float(high)


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

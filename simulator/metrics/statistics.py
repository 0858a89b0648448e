"""Across-replication statistics: confidence intervals and exact per-minute quantiles.

Means of daily metrics get bootstrap intervals (bootstrap-t, or BCa where most days share one
value; Student's t for fewer than ten days), shares of days Wilson intervals, and integer
series (queue length, people in the hall) are kept as per-minute histograms so their quantiles
are exact.

Why not Student's t: a day's mean wait is skewed to the right (a bad day is far worse than a good
day is better), and with 30 days the t interval then misses the truth about twice as often as
promised, nearly always on the low side. The bootstrap-t learns the skew from the days
themselves. Its coverage is measured by ``benchmarks/intervals.py`` and asserted by the coverage
tests in ``tests/test_statistics.py``.

Aggregation is sequential and in replication order, so the same replications always give the
same bits, whichever worker computed each one.
"""

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy.special import ndtr, ndtri, stdtr, stdtrit

CONFIDENCE = 0.95
# Resamples of the bootstrap: with B = 1999 the 2.5 % and 97.5 % quantiles fall on whole order
# statistics, the (B + 1)·α-th = 50th and 1950th (numpy's "weibull" rule, no interpolation).
# It costs about 6 ms for 100 days, 1.5 ms for 30.
BOOTSTRAP_RESAMPLES = 1999
# A fixed root: the interval depends on the values alone, so the same days give the same bits
# whichever run, worker or order of metrics computed it.
BOOTSTRAP_SEED = 20261202
# Values resampled per block (resamples × days): bounds memory for runs of many days.
_BLOCK_VALUES = 2_000_000
# A resample whose days are all the same value has no spread and no studentized statistic.
# Where the days make that likely (one value on most days: a rate that is 0 on nearly every
# day), the studentized statistic of the other resamples is erratic too, and the BCa percentile
# interval covers better; measured in docs/statistics.md. Decided from the days, not the draws.
_CONSTANT_RESAMPLE_LIMIT = 0.01
# Below this many days Student's t: with n ≤ 4 distinct days the chance that a resample is one
# repeated day is ≥ 1 %, so BCa would be chosen, and its bounds hug the smallest and largest
# day (measured coverage on normal days: 50 % at n = 2, 72 % at 3, 81 % at 4).
FEWEST_DAYS_TO_BOOTSTRAP = 10


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

        An interval around a mean of rates that are mostly zero can reach below zero; the true
        mean cannot, so the part outside the range carries no information.
        """
        if math.isnan(self.ci_low):
            return self
        return replace(self, ci_low=max(self.ci_low, low), ci_high=min(self.ci_high, high))


def mean_interval(values: np.ndarray, share_of_days: bool = False) -> Estimate:
    """Return the mean of ``values`` (NaNs ignored) with a 95 % interval fit for skewed days.

    The method is chosen from what the values are, never from the draws:

    - a share of days (``share_of_days``: each value is 1 on a day that evacuated, say, else
      0) gets the Wilson interval, also when every day was 0 (0 of 20 days is [0 %, 16 %]);
    - fewer than :data:`FEWEST_DAYS_TO_BOOTSTRAP` values get Student's t: a bootstrap of a
      handful of days cannot reach past them, and covers far less than it promises;
    - all values equal: the interval is that value (nothing varies);
    - one value on so many days that a resample is all that value with probability ≥ 1 %: the
      BCa (bias-corrected and accelerated) percentile interval;
    - otherwise the bootstrap-t: the studentized statistic ``(mean* − mean) / se*`` of each
      resample stands in for the unknown distribution of ``(mean − μ) / se``; its quantiles,
      not Student's, bound μ, so a right-skewed metric gets an interval that reaches further
      up than down. The rare resample without spread is left out.

    A difference of two plans' days is never a share of days, even where it is 0 or 1.
    """
    finite = values[~np.isnan(values)]
    count = finite.size
    if count == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    mean = float(np.mean(finite))
    if share_of_days:
        low, high = wilson_interval(int(np.sum(finite)), count)
        return Estimate(mean, low, high, count)
    if count == 1:
        return Estimate(mean, math.nan, math.nan, 1)
    _, counts = np.unique(finite, return_counts=True)
    if counts.size == 1:
        return Estimate(mean, mean, mean, count)
    if count < FEWEST_DAYS_TO_BOOTSTRAP:
        half = (
            float(stdtrit(count - 1, 1 - (1 - CONFIDENCE) / 2))
            * float(np.std(finite, ddof=1))
            / math.sqrt(count)
        )
        return Estimate(mean, mean - half, mean + half, count)
    if float(np.sum((counts / count) ** count)) >= _CONSTANT_RESAMPLE_LIMIT:
        low, high = _bca_bounds(finite, mean, _resample(finite, spreads=False)[0])
        return Estimate(mean, low, high, count)
    resampled_means, resampled_spreads = _resample(finite)
    standard_error = float(np.std(finite, ddof=1)) / math.sqrt(count)
    spread = resampled_spreads > 0
    studentized = (resampled_means[spread] - mean) / (resampled_spreads[spread] / math.sqrt(count))
    tail = (1 - CONFIDENCE) / 2
    low_quantile, high_quantile = np.quantile(studentized, [tail, 1 - tail], method="weibull")
    return Estimate(
        mean,
        mean - float(high_quantile) * standard_error,
        mean - float(low_quantile) * standard_error,
        count,
    )


def _resample(values: np.ndarray, spreads: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Return the means and standard deviations of the bootstrap resamples of ``values``.

    Without ``spreads`` (BCa needs only the means) the second array is empty.
    """
    count = values.size
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    block = max(1, _BLOCK_VALUES // count)
    means, deviations = [], [np.empty(0)]
    for start in range(0, BOOTSTRAP_RESAMPLES, block):
        size = min(block, BOOTSTRAP_RESAMPLES - start)
        resamples = values[rng.integers(0, count, size=(size, count))]
        means.append(np.mean(resamples, axis=1))
        if spreads:
            deviations.append(np.std(resamples, axis=1, ddof=1))
    return np.concatenate(means), np.concatenate(deviations)


def _bca_bounds(values: np.ndarray, mean: float, resampled: np.ndarray) -> tuple[float, float]:
    """Return the BCa 95 % bounds of the mean from its resampled means (Efron 1987)."""
    below = float(np.mean(resampled < mean) + 0.5 * np.mean(resampled == mean))
    # Keep the bias correction finite when every resample lies on one side.
    edge = 1 / (BOOTSTRAP_RESAMPLES + 1)
    bias = float(ndtri(min(max(below, edge), 1 - edge)))
    # Acceleration from the jackknife means (leave one day out): the skew of the mean.
    jackknife = (values.sum() - values) / (values.size - 1)
    deviations = jackknife.mean() - jackknife
    scale = 6 * float(np.sum(deviations**2)) ** 1.5
    acceleration = float(np.sum(deviations**3)) / scale if scale > 0 else 0.0
    tail = (1 - CONFIDENCE) / 2
    levels = []
    for z in (ndtri(tail), ndtri(1 - tail)):
        levels.append(float(ndtr(bias + (bias + z) / (1 - acceleration * (bias + z)))))
    low, high = np.quantile(resampled, levels, method="weibull")
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

"""Probability distributions named in scenario files, as typed data that can sample itself.

A scenario writes ``{dist: lognormal, mean: 8, sd: 4}``; the parameters are always those of the
variable itself (minutes, seconds), never of an underlying normal, because that is what a hall
manager can measure with a stopwatch. Each distribution is its own model (a discriminated union
on ``dist``), so a missing or unknown parameter is named as such. Sampling takes a caller's
``numpy.random.Generator`` so every random number in a run comes from a stream the runner
controls, and each distribution draws a fixed number of variates per value, so the same
generator state always yields the same values (common random numbers across plan variants).
"""

import math
from typing import Annotated, ClassVar, Literal, Union

import numpy as np
from pydantic import Field, model_validator

from simulator.model.base import ListOf, Model, capped, doc, problem

# Values are minutes or seconds; the cap (about a week in minutes) keeps a typo (1e12) from
# making a simulated day run for ever.
LARGEST = 10_000.0
Positive = Annotated[float, Field(gt=0), capped(LARGEST)]
NonNegative = Annotated[float, Field(ge=0), capped(LARGEST)]


class Distribution(Model):
    """One non-negative random quantity, e.g. a service time in minutes."""

    keys_are: ClassVar[str] = "{dist} parameter"
    dist: str

    def expected(self) -> float:
        """Return the theoretical mean (used by staffing formulas and documentation)."""
        raise NotImplementedError

    def least(self) -> float:
        """Return the least value it can draw (0 for the continuous ones that never reach 0)."""
        return 0.0

    def can_be_zero(self) -> bool:
        """Return whether a draw can be exactly 0 (a walking speed must never be)."""
        return False

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` independent values from ``rng``."""
        raise NotImplementedError


class Exponential(Distribution):
    """Memoryless waiting: most values short, a few long."""

    dist: Literal["exponential"] = "exponential"
    mean: Positive = doc("the mean", "均值")

    def expected(self) -> float:
        """Return the mean."""
        return self.mean

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` values."""
        return rng.exponential(self.mean, size)


class Lognormal(Distribution):
    """Right-skewed, never negative: service times as stopwatches measure them."""

    dist: Literal["lognormal"] = "lognormal"
    mean: Positive = doc("the mean of the quantity itself", "该量本身的均值")
    sd: Positive = doc("its standard deviation", "该量本身的标准差")

    @model_validator(mode="after")
    def _spread(self) -> "Lognormal":
        # Its log's variance is log(1 + (sd/mean)²): overflows for sd above 1e154 × mean. A
        # spread of a million times the mean is a typo (a mean of 1e-300), not a service time.
        if self.sd > self.mean * 1e6:
            raise problem("sd_huge", ("sd",), mean=f"{self.mean:g}")
        return self

    def expected(self) -> float:
        """Return the mean."""
        return self.mean

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` values."""
        # Convert the variable's mean and sd to those of its logarithm.
        sigma2 = np.log1p((self.sd / self.mean) ** 2)
        mu = np.log(self.mean) - sigma2 / 2
        return rng.lognormal(mu, np.sqrt(sigma2), size)


class Gamma(Distribution):
    """Right-skewed with a lighter tail than the lognormal."""

    dist: Literal["gamma"] = "gamma"
    mean: Positive = doc("the mean", "均值")
    sd: Positive = doc("the standard deviation", "标准差")

    def expected(self) -> float:
        """Return the mean."""
        return self.mean

    @model_validator(mode="after")
    def _varies(self) -> "Gamma":
        # Its shape is (mean/sd)²: overflows for sd below 1e-154 × mean. A time that varies
        # by less than a millionth of its mean does not vary; that is the fixed distribution.
        if self.sd < self.mean * 1e-6:
            raise problem("sd_tiny", ("sd",), mean=f"{self.mean:g}")
        return self

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` values."""
        shape = (self.mean / self.sd) ** 2
        return rng.gamma(shape, self.sd**2 / self.mean, size)


class Normal(Distribution):
    """Symmetric, clipped two standard deviations either side of the mean (and at 0)."""

    dist: Literal["normal"] = "normal"
    mean: Positive = doc("the mean", "均值")
    sd: Positive = doc("the standard deviation", "标准差")

    def _bounds(self) -> tuple[float, float]:
        """Return where it is clipped: two sd either side of the mean, never below 0.

        Walking speeds are the use: a normal fitted to measured speeds would otherwise give the
        odd person 0.1 m/s or 2.5 m/s. Two sd leaves 95 % of draws untouched.
        """
        return max(self.mean - 2 * self.sd, 0.0), self.mean + 2 * self.sd

    def expected(self) -> float:
        """Return E[clip(X, low, high)]: the mean itself unless the clip hits 0."""
        low, high = self._bounds()
        alpha, beta = (low - self.mean) / self.sd, (high - self.mean) / self.sd

        def cdf(z: float) -> float:
            return 0.5 * (1 + math.erf(z / math.sqrt(2)))

        def pdf(z: float) -> float:
            return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)

        inside = self.mean * (cdf(beta) - cdf(alpha)) + self.sd * (pdf(alpha) - pdf(beta))
        return low * cdf(alpha) + high * (1 - cdf(beta)) + inside

    def least(self) -> float:
        """Return the lower clip."""
        return self._bounds()[0]

    def can_be_zero(self) -> bool:
        """Return True when the clip at 0 is reached (mean within two sd of 0)."""
        return self.least() == 0.0

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` values."""
        low, high = self._bounds()
        return np.clip(rng.normal(self.mean, self.sd, size), low, high)


class Uniform(Distribution):
    """Every value between ``low`` and ``high`` equally likely."""

    dist: Literal["uniform"] = "uniform"
    low: NonNegative = doc("the least value", "最小值")
    high: NonNegative = doc("the greatest value", "最大值")

    @model_validator(mode="after")
    def _ordered(self) -> "Uniform":
        if self.low >= self.high:
            raise problem("above_low", at=("high",), low=f"{self.low:g}", got=f"{self.high:g}")
        return self

    def expected(self) -> float:
        """Return the mean."""
        return (self.low + self.high) / 2

    def least(self) -> float:
        """Return ``low``."""
        return self.low

    def can_be_zero(self) -> bool:
        """Return True when ``low`` is 0."""
        return self.low == 0.0

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` values."""
        return rng.uniform(self.low, self.high, size)


class Triangular(Distribution):
    """Least, most likely and greatest value: the three a manager can estimate."""

    dist: Literal["triangular"] = "triangular"
    low: NonNegative = doc("the least value", "最小值")
    mode: NonNegative = doc("the most likely value", "最可能值")
    high: NonNegative = doc("the greatest value", "最大值")

    @model_validator(mode="after")
    def _ordered(self) -> "Triangular":
        if self.low >= self.high:
            raise problem("above_low", at=("high",), low=f"{self.low:g}", got=f"{self.high:g}")
        if not self.low <= self.mode <= self.high:
            raise problem(
                "mode_between",
                at=("mode",),
                low=f"{self.low:g}",
                high=f"{self.high:g}",
                got=f"{self.mode:g}",
            )
        return self

    def expected(self) -> float:
        """Return the mean."""
        return (self.low + self.mode + self.high) / 3

    def least(self) -> float:
        """Return ``low``."""
        return self.low

    def can_be_zero(self) -> bool:
        """Return True when ``low`` is 0."""
        return self.low == 0.0

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` values."""
        return rng.triangular(self.low, self.mode, self.high, size)


class Fixed(Distribution):
    """Always the same value (for drills with a set timeline)."""

    dist: Literal["fixed"] = "fixed"
    value: NonNegative = doc("the value", "取值")

    def expected(self) -> float:
        """Return the value."""
        return self.value

    def least(self) -> float:
        """Return the value."""
        return self.value

    def can_be_zero(self) -> bool:
        """Return True when the value is 0."""
        return self.value == 0.0

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Return ``size`` copies of the value (drawing nothing)."""
        return np.full(size, float(self.value))


class Empirical(Distribution):
    """Values measured in the hall, drawn with replacement."""

    dist: Literal["empirical"] = "empirical"
    values: ListOf(NonNegative) = doc(  # type: ignore[valid-type]
        "the measured values", "实测值", min_length=1, examples=[[3, 4.5, 6, 12]]
    )

    @model_validator(mode="after")
    def _some_positive(self) -> "Empirical":
        if not any(value > 0 for value in self.values):
            raise problem("one_positive", at=("values",))
        return self

    def expected(self) -> float:
        """Return the mean of the values."""
        return float(np.mean(self.values))

    def least(self) -> float:
        """Return the smallest value."""
        return float(min(self.values))

    def can_be_zero(self) -> bool:
        """Return True when a measured value is 0."""
        return self.least() == 0.0

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` values."""
        return rng.choice(np.asarray(self.values, dtype=float), size)


DISTRIBUTIONS: tuple[type[Distribution], ...] = (
    Exponential,
    Lognormal,
    Gamma,
    Normal,
    Uniform,
    Triangular,
    Fixed,
    Empirical,
)
AnyDistribution = Annotated[
    Union[Exponential, Lognormal, Gamma, Normal, Uniform, Triangular, Fixed, Empirical],  # noqa: UP007
    Field(discriminator="dist"),
]

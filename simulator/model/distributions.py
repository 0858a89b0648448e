"""Probability distributions named in scenario files, as plain data that can sample itself.

A scenario writes ``{dist: lognormal, mean: 8, sd: 4}``; the parameters are always those of the
variable itself (minutes, seconds), never of an underlying normal, because that is what a hall
manager can measure with a stopwatch. Sampling takes a caller's ``numpy.random.Generator`` so
every random number in a run comes from a stream the runner controls.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

# Parameters each distribution requires, in the order they are documented.
REQUIRED_PARAMETERS: Mapping[str, tuple[str, ...]] = {
    "exponential": ("mean",),
    "lognormal": ("mean", "sd"),
    "gamma": ("mean", "sd"),
    "normal": ("mean", "sd"),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "fixed": ("value",),
    "empirical": ("values",),
}


@dataclass(frozen=True)
class Distribution:
    """One non-negative random quantity, e.g. a service time in minutes."""

    dist: str
    mean: float | None = None
    sd: float | None = None
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    value: float | None = None
    values: tuple[float, ...] = ()

    def _p(self, name: str) -> float:
        """Return parameter ``name``, which the loader guarantees this distribution has."""
        value = getattr(self, name)
        if value is None:
            raise ValueError(f"a {self.dist} distribution needs {name!r}")
        return float(value)

    def expected(self) -> float:
        """Return the theoretical mean (used by staffing formulas and documentation)."""
        match self.dist:
            case "exponential" | "lognormal" | "gamma":
                return self._p("mean")
            case "normal":
                return self._clipped_normal_mean()

            case "uniform":
                return (self._p("low") + self._p("high")) / 2
            case "triangular":
                return (self._p("low") + self._p("mode") + self._p("high")) / 3
            case "fixed":
                return self._p("value")
            case "empirical":
                return float(np.mean(self.values))
        raise ValueError(f"unknown distribution {self.dist!r}")

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` independent values from ``rng``.

        Each distribution draws a fixed number of variates per value, so the same generator
        state always yields the same values (common random numbers across plan variants).
        """
        match self.dist:
            case "exponential":
                return rng.exponential(self._p("mean"), size)
            case "lognormal":
                # Convert the variable's mean and sd to those of its logarithm.
                sigma2 = np.log1p((self._p("sd") / self._p("mean")) ** 2)
                mu = np.log(self._p("mean")) - sigma2 / 2
                return rng.lognormal(mu, np.sqrt(sigma2), size)
            case "gamma":
                shape = (self._p("mean") / self._p("sd")) ** 2
                return rng.gamma(shape, self._p("sd") ** 2 / self._p("mean"), size)
            case "normal":
                low, high = self._normal_bounds()
                return np.clip(rng.normal(self._p("mean"), self._p("sd"), size), low, high)
            case "uniform":
                return rng.uniform(self._p("low"), self._p("high"), size)
            case "triangular":
                if self._p("low") == self._p("high"):
                    return np.full(size, self._p("low"))
                return rng.triangular(self._p("low"), self._p("mode"), self._p("high"), size)
            case "fixed":
                return np.full(size, self._p("value"))
            case "empirical":
                return rng.choice(np.asarray(self.values, dtype=float), size)
        raise ValueError(f"unknown distribution {self.dist!r}")

    def _normal_bounds(self) -> tuple[float, float]:
        """Return where a normal is clipped: two sd either side of the mean, never below 0.

        Walking speeds are the use: a normal fitted to measured speeds would otherwise give the
        odd person 0.1 m/s or 2.5 m/s. Two sd leaves 95 % of draws untouched.
        """
        return max(self._p("mean") - 2 * self._p("sd"), 0.0), self._p("mean") + 2 * self._p("sd")

    def _clipped_normal_mean(self) -> float:
        """Return E[clip(X, low, high)] for X normal: the mean itself unless the clip hits 0."""
        low, high = self._normal_bounds()
        alpha, beta = (
            (low - self._p("mean")) / self._p("sd"),
            (high - self._p("mean")) / self._p("sd"),
        )

        def cdf(z: float) -> float:
            return 0.5 * (1 + math.erf(z / math.sqrt(2)))

        def pdf(z: float) -> float:
            return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)

        inside = self._p("mean") * (cdf(beta) - cdf(alpha)) + self._p("sd") * (
            pdf(alpha) - pdf(beta)
        )
        return low * cdf(alpha) + high * (1 - cdf(beta)) + inside

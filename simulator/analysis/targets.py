"""Staffing targets and time blocks: what ``drill staff`` must achieve, and over which periods.

A target bounds one measure of the counter customers who *arrive* in a block: a wait quantile
(``wait_p90_min<=20``: nine in ten of them start service within 20 minutes), their mean wait, or
the share who give up. Waits are those of customers served, as in the day metrics of
:mod:`simulator.metrics.day`, so a block target and the scenario's day limit speak of the same
customers. A block nobody was served in (no arrivals, or a full outage) has no wait to judge and
does not fail a wait target; an outage still fails ``abandon_rate`` through those who gave up.
"""

import itertools
import math
import re
from dataclasses import dataclass

import numpy as np

from simulator.engine.records import DayRecord, Outcome
from simulator.i18n import SaidError
from simulator.model.clock import format_clock
from simulator.model.scenario import Scenario

_TARGET = re.compile(r"^\s*([a-z0-9_]+)\s*(<=|>=|<|>|=)\s*([0-9]*\.?[0-9]+)\s*(%?)\s*$")
_QUANTILE = re.compile(r"^wait_p([1-9][0-9]?)_min$")
METRIC_HELP = "wait_pNN_min (e.g. wait_p90_min), wait_mean_min or abandon_rate"


class TargetError(SaidError, ValueError):
    """A ``--target`` that cannot be read; the message (``target.*``) says what is expected."""


@dataclass(frozen=True)
class Target:
    """``metric <= threshold`` for the counter customers arriving in each block."""

    metric: str
    threshold: float

    @property
    def quantile(self) -> float | None:
        """Return q in (0, 1) for ``wait_pNN_min``, None for other metrics."""
        match = _QUANTILE.match(self.metric)
        return int(match.group(1)) / 100 if match else None

    def __str__(self) -> str:
        return f"{self.metric}<={self.threshold:g}"


def parse_target(text: str) -> Target:
    """Read ``metric<=value`` (``abandon_rate<=5%`` is accepted for 0.05)."""
    match = _TARGET.match(text)
    if not match:
        raise TargetError("target.form", text=repr(text))
    metric, operator, value, percent = match.groups()
    if metric not in ("wait_mean_min", "abandon_rate") and not _QUANTILE.match(metric):
        raise TargetError("target.metric", metric=repr(metric), known=METRIC_HELP)
    if operator != "<=":
        raise TargetError("target.upper", text=repr(text), instead=f"{metric}<={value}{percent}")
    threshold = float(value) / (100 if percent else 1)
    if metric == "abandon_rate" and threshold >= 1:
        raise TargetError("target.rate", text=repr(text))
    if percent and metric != "abandon_rate":
        raise TargetError("target.percent_wait", text=repr(text))
    return Target(metric, threshold)


def default_targets(scenario: Scenario) -> tuple[Target, ...]:
    """Return the scenario's own upper limits on staffable metrics, or its P90 wait limit."""
    targets = tuple(
        Target(limit.metric, limit.threshold)
        for limit in scenario.limits.items
        if limit.direction == "max"
        and (limit.metric in ("wait_mean_min", "abandon_rate") or _QUANTILE.match(limit.metric))
    )
    return targets or (Target("wait_p90_min", scenario.limits.wait_min),)


def block_edges(scenario: Scenario, block_min: float) -> np.ndarray:
    """Return the block boundaries from opening to closing time (the last block may be short)."""
    open_min, close_min = scenario.hours.open_min, scenario.hours.close_min
    edges = np.arange(open_min, close_min, block_min, dtype=float)
    return np.append(edges, close_min)


def block_labels(edges: np.ndarray) -> list[str]:
    """Return ``HH:MM–HH:MM`` for each block."""
    return [f"{format_clock(a)}–{format_clock(b)}" for a, b in itertools.pairwise(edges)]


def block_values(record: DayRecord, edges: np.ndarray, targets: tuple[Target, ...]) -> np.ndarray:
    """Return each target's measure for the counter customers arriving in each block.

    Shape ``(blocks, targets)``; NaN where a wait measure has nobody served to measure.
    """
    block = np.searchsorted(edges, record.arrival, side="right") - 1
    counter = record.queued_for_counter & (block >= 0) & (block < edges.size - 1)
    served = (record.outcome == Outcome.SERVED) & counter
    abandoned = (record.outcome == Outcome.ABANDONED) & counter
    waits = record.start - record.arrival
    values = np.full((edges.size - 1, len(targets)), np.nan)
    for index in range(edges.size - 1):
        in_block = block == index
        block_waits = waits[served & in_block]
        arrived = int(np.sum(counter & in_block))
        for column, target in enumerate(targets):
            if target.metric == "abandon_rate":
                values[index, column] = np.sum(abandoned & in_block) / arrived if arrived else 0.0
            elif block_waits.size == 0:
                continue
            elif target.metric == "wait_mean_min":
                values[index, column] = float(np.mean(block_waits))
            else:
                quantile = target.quantile or 0.5  # wait_pNN targets always have one
                values[index, column] = float(np.quantile(block_waits, quantile))
    return values


def held(values: np.ndarray, targets: tuple[Target, ...]) -> np.ndarray:
    """Return, elementwise, whether ``values`` (last axis: targets) keep their targets."""
    thresholds = np.array([target.threshold for target in targets])
    # A small tolerance so a wait of exactly the limit, computed in floating point, holds.
    return np.isnan(values) | (values <= thresholds + 1e-9)


def value_in_share(values: np.ndarray, share: float) -> np.ndarray:
    """Return, per block and target, the value kept on ``share`` of the days (NaN-aware).

    ``values`` has shape ``(days, blocks, targets)``; a day with nothing to measure counts as
    keeping every bound, so it enters as minus infinity.
    """
    filled = np.where(np.isnan(values), -math.inf, values)
    # The k-th smallest value with k = ceil(share · days): kept on ``share`` of the days exactly
    # when a block's met share says so.
    kept = np.quantile(filled, share, axis=0, method="inverted_cdf")
    return np.where(np.isneginf(kept), np.nan, kept)


def holds_as_well(candidate: np.ndarray, current: np.ndarray, share: float) -> bool:
    """Return whether met shares ``candidate`` hold every block ``current`` holds at ``share``.

    A block ``current`` cannot hold may not get worse either: the searches of ``drill staff``
    and ``drill roster`` only accept a cheaper plan on these terms.
    """
    tolerance = 1e-12
    kept = current >= share - tolerance
    return bool(
        np.all(candidate[kept] >= share - tolerance)
        and np.all(candidate[~kept] >= current[~kept] - tolerance)
    )

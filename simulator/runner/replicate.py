"""Run replications of a scenario and aggregate them as they arrive.

Replication *i* draws from ``Streams(seed, i)`` wherever it runs. Workers return only small
summaries (metrics and per-minute integer series), never customer records, so memory stays flat
however many replications are run.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from simulator.engine.events import Event
from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.metrics import METRIC_NAMES, day_metrics, metric_names, minute_grid, minute_series
from simulator.metrics.day import DAY_SHARE_METRICS, SHARE_METRICS
from simulator.metrics.evacuation import curve_grid, evacuation_curve, exit_flows
from simulator.metrics.statistics import Estimate, IntegerSeriesAggregate, mean_interval
from simulator.metrics.timeseries import SERIES
from simulator.model.decisions import Decision
from simulator.model.scenario import Scenario
from simulator.runner.executors import Executor, SerialExecutor


@dataclass(frozen=True)
class ReplicationResult:
    """What one replication sends back to the aggregating process."""

    index: int
    metrics: dict[str, float]
    series: dict[str, np.ndarray]
    events: tuple[Event, ...] = ()
    # On a day with an evacuation: the peak density at each exit and the evacuation curve.
    exit_peak_density: np.ndarray | None = None
    evacuation_curve: np.ndarray | None = None
    exit_flow: np.ndarray | None = None  # per exit: people, persons/s, last out (s)
    other_flow_rset_s: float = float("nan")  # RSET at the other door flow, the same draws


def run_replication(
    scenario: Scenario, seed: int, index: int, script: tuple[Decision, ...] | None = None
) -> ReplicationResult:
    """Simulate replication ``index`` of ``scenario`` under root ``seed``.

    With a ``script``, its decisions are played instead of the playbook's rules.
    """
    record = simulate_day(scenario, Streams(seed, index), script)
    grid = minute_grid(scenario.hours.open_min, scenario.hours.close_min)
    metrics, series = day_metrics(scenario, record), minute_series(record, grid)
    evacuation = record.evacuation
    if evacuation is None:
        return ReplicationResult(index, metrics, series, record.events)
    return ReplicationResult(
        index,
        metrics,
        series,
        record.events,
        exit_peak_density=evacuation.exit_peak_density,
        evacuation_curve=evacuation_curve(evacuation),
        exit_flow=exit_flows(evacuation),
        other_flow_rset_s=evacuation.other_flow_rset_s,
    )


@dataclass
class RunResult:
    """Everything a run produced, aggregated over replications."""

    scenario: Scenario
    seed: int
    grid: np.ndarray
    # metric → one value per replication, in order: every metric of ``metric_names(scenario)``.
    values: dict[str, list[float]]
    series: dict[str, IntegerSeriesAggregate]
    # (replication, event): a few dozen a day, kept for events.csv and for scoring.
    events: list[tuple[int, Event]] = field(default_factory=list)
    # Days that ended in an evacuation: peak density per exit, and people inside over time.
    exit_peak_density: list[np.ndarray] = field(default_factory=list)
    exit_flow: list[np.ndarray] = field(default_factory=list)  # per day: exits × 3
    other_flow_rset_s: list[float] = field(default_factory=list)  # per evacuation day
    evacuation_curve: IntegerSeriesAggregate = field(
        default_factory=lambda: IntegerSeriesAggregate(curve_grid().size)
    )
    # Decisions played instead of the playbook's rules (a drill log, a tabletop), if any.
    script: tuple[Decision, ...] | None = None
    # (metric, days) → estimate: a bootstrap is worth computing once per metric and day count.
    _estimates: dict[tuple[str, int], Estimate] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def replications(self) -> int:
        """Return how many replications were run."""
        return len(self.values[METRIC_NAMES[0]])

    def estimate(self, metric: str) -> Estimate:
        """Return the mean and 95 % interval of ``metric``, the interval cut to its range."""
        values = self.values[metric]
        key = (metric, len(values))
        if key not in self._estimates:
            shares_of_days = metric in DAY_SHARE_METRICS
            estimate = mean_interval(np.asarray(values, dtype=float), shares_of_days)
            self._estimates[key] = estimate.clipped(
                0.0, 1.0 if metric in SHARE_METRICS else math.inf
            )
        return self._estimates[key]

    def add(self, result: ReplicationResult) -> None:
        """Fold one replication in (callers add them in replication order)."""
        for name, values in self.values.items():
            values.append(result.metrics[name])
        for name, series in result.series.items():
            self.series[name].add(series)
        self.events.extend((result.index, event) for event in result.events)
        if result.exit_peak_density is not None and result.evacuation_curve is not None:
            self.exit_peak_density.append(result.exit_peak_density)
            self.evacuation_curve.add(result.evacuation_curve)
        if result.exit_flow is not None:
            self.exit_flow.append(result.exit_flow)
            self.other_flow_rset_s.append(result.other_flow_rset_s)


def run_replications(
    scenario: Scenario,
    replications: int,
    seed: int,
    executor: Executor | None = None,
    on_done: Callable[[ReplicationResult], None] | None = None,
    script: tuple[Decision, ...] | None = None,
) -> RunResult:
    """Run ``replications`` days of ``scenario`` and aggregate them in replication order.

    With a ``script``, every day plays its decisions instead of the playbook's rules.
    """
    grid = minute_grid(scenario.hours.open_min, scenario.hours.close_min)
    result = RunResult(
        scenario=scenario,
        seed=seed,
        grid=grid,
        values={name: [] for name in metric_names(scenario)},
        series={name: IntegerSeriesAggregate(grid.size) for name in SERIES},
        script=script,
    )
    return add_replications(result, replications, executor, on_done)


def add_replications(
    result: RunResult,
    count: int,
    executor: Executor | None = None,
    on_done: Callable[[ReplicationResult], None] | None = None,
) -> RunResult:
    """Run ``count`` more days of ``result``'s scenario and fold them into ``result``.

    They are replications ``n … n + count − 1`` (``n`` the days already run), so running 30 and
    then 20 more gives the same bits as running 50 at once.
    """
    executor = executor or SerialExecutor()
    first = result.replications
    task = partial(run_replication, result.scenario, result.seed, script=result.script)
    for replication in executor.map(task, range(first, first + count)):
        result.add(replication)
        if on_done is not None:
            on_done(replication)
    return result

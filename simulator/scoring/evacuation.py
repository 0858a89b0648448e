"""Judging evacuations: RSET against the limit and ASET, crowding at the exits.

Over the days that ended in an evacuation (a fire staff put out is not one):

- **Evacuation summary** for ``summary.json`` and the brief: RSET median and 95th percentile,
  the share of days on which RSET exceeded ASET (with its Wilson interval), people still inside
  when the fire brigade or police arrived, and per exit its peak crowd density (mean and 95th
  percentile over days), Fruin level of service and the share of days it reached the warning
  (3.33 persons/m²) and danger (5.5 persons/m²) densities.
- **Objective "evacuate everyone in time"**, with a task per yardstick the scenario gives: the
  ``evacuation_s`` and ``egress_s`` limits (each day rated like a deadline: P within it, S up to
  a third over, M later) and ASET (each day P if the last person was out before conditions
  became untenable, U if not: people were still inside; the task is at most M once any day is
  U, :func:`aset_rating`).
- **Objective "no dangerous crowding at the exits"**: each day P below the warning density, S
  at the warning density (Fruin E: people pressed together but able to shuffle), U at the danger
  density: the objective is exactly to avoid it.

Day ratings become a task rating with :func:`~simulator.scoring.ratings.reached_on_share`.
"""

import math
from dataclasses import dataclass

import numpy as np

from simulator.i18n import message
from simulator.metrics.evacuation import (
    DENSITY_DANGER,
    DENSITY_WARNING,
    fruin_level,
)
from simulator.metrics.statistics import wilson_interval
from simulator.model.incidents import EVACUATION_KINDS
from simulator.runner.replicate import RunResult
from simulator.scoring.objectives import Objective, Task
from simulator.scoring.ratings import Rating, rate_deadline, reached_on_share, worst

# Limits that become timing tasks: the task's name and what the time counts from.
TIMED = {
    "evacuation_s": ("evac.task_rset", "evac.since_incident"),
    "egress_s": ("evac.task_egress", "evac.since_alarm"),
}


@dataclass(frozen=True)
class ExitCrowding:
    """How crowded one exit got, over the days with an evacuation."""

    name: str
    blocked_share: float  # of the evacuations; the figures below are over the others
    peak_density_mean: float
    peak_density_p95: float
    fruin_level_p95: str
    warning_share: float
    danger_share: float
    people_mean: float = math.nan  # who left by it, a day (over the days it was open)
    flow_mean_per_s: float = math.nan  # persons/s between its first and last
    last_out_mean_s: float = math.nan  # its last person out, s after the alarm


@dataclass(frozen=True)
class EvacuationSummary:
    """The evacuations of a run, for summary.json and the brief."""

    days: int  # days that ended in an evacuation
    replications: int
    rset_p50_s: float
    rset_p95_s: float
    egress_p50_s: float
    egress_p95_s: float
    aset_days: int  # of those, days with an ASET to compare with
    rset_exceeds_aset_share: float
    rset_exceeds_aset_ci: tuple[float, float]
    inside_at_responders_mean: float
    inside_at_responders_max: float
    exits: tuple[ExitCrowding, ...]
    other_flow_rset_p50_s: float = math.nan  # median RSET at the other door flow


def _finite(values: list[float]) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    return array[~np.isnan(array)]


def _open_mean(values: np.ndarray, blocked: np.ndarray) -> float:
    kept = values[~blocked & ~np.isnan(values)]
    return float(np.mean(kept)) if kept.size else math.nan


def exit_crowding(name: str, peaks: np.ndarray, flows: np.ndarray) -> ExitCrowding:
    """Summarize one exit's days: peak densities (NaN when blocked) and flows (days × 3)."""
    blocked = np.isnan(peaks)
    used = peaks[~blocked]
    if used.size == 0:
        return ExitCrowding(name, 1.0, math.nan, math.nan, "", 0.0, 0.0)
    p95 = float(np.percentile(used, 95))
    if flows.size == 0:  # no per-exit flows kept (a result built without them)
        flows = np.full((peaks.size, 3), math.nan)
    return ExitCrowding(
        name=name,
        blocked_share=float(np.mean(blocked)),
        peak_density_mean=float(np.mean(used)),
        peak_density_p95=p95,
        fruin_level_p95=fruin_level(p95),
        warning_share=float(np.mean(used >= DENSITY_WARNING)),
        danger_share=float(np.mean(used >= DENSITY_DANGER)),
        people_mean=_open_mean(flows[:, 0], blocked),
        flow_mean_per_s=_open_mean(flows[:, 1], blocked),
        last_out_mean_s=_open_mean(flows[:, 2], blocked),
    )


def summarize_evacuations(result: RunResult) -> EvacuationSummary | None:
    """Return the run's evacuation summary, or None when no day ended in an evacuation."""
    rset = _finite(result.values["evacuation_s"])
    if rset.size == 0:
        return None
    egress = _finite(result.values["egress_s"])
    exceeded = _finite(result.values["rset_exceeds_aset"])
    inside = _finite(result.values["inside_at_responders"])
    densities = np.vstack(result.exit_peak_density)  # days × exits
    flows = np.stack(result.exit_flow) if result.exit_flow else np.empty((0, densities.shape[1], 3))
    exits = tuple(
        exit_crowding(exit_.name, densities[:, index], flows[:, index, :])
        for index, exit_ in enumerate(result.scenario.site.exits)
    )
    other = _finite(result.other_flow_rset_s)
    exceed_count = int(np.sum(exceeded))
    return EvacuationSummary(
        days=int(rset.size),
        replications=result.replications,
        rset_p50_s=float(np.percentile(rset, 50)),
        rset_p95_s=float(np.percentile(rset, 95)),
        egress_p50_s=float(np.percentile(egress, 50)),
        egress_p95_s=float(np.percentile(egress, 95)),
        aset_days=int(exceeded.size),
        rset_exceeds_aset_share=exceed_count / exceeded.size if exceeded.size else math.nan,
        rset_exceeds_aset_ci=wilson_interval(exceed_count, int(exceeded.size)),
        inside_at_responders_mean=float(np.mean(inside)) if inside.size else math.nan,
        inside_at_responders_max=float(np.max(inside)) if inside.size else math.nan,
        exits=exits,
        other_flow_rset_p50_s=float(np.percentile(other, 50)) if other.size else math.nan,
    )


def aset_rating(day_ratings: list[Rating], target_share: float) -> Rating:
    """Rate getting everyone out before ASET: at most M once any day left someone inside.

    Life safety is not averaged away: one simulated evacuation with people inside when
    conditions became untenable is a major problem whatever the other days did.
    """
    rating = reached_on_share(day_ratings, target_share)
    if Rating.U in day_ratings:
        return worst([rating, Rating.M])
    return rating


def _day_values(result: RunResult, metric: str) -> list[float]:
    """Return ``metric`` on the days that ended in an evacuation, in replication order."""
    rset = result.values["evacuation_s"]
    return [value for value, day in zip(result.values[metric], rset, strict=True) if day == day]


def evacuation_objectives(result: RunResult) -> list[Objective]:
    """Return the evacuation objectives of the scenario (none if it cannot evacuate)."""
    scenario = result.scenario
    can_evacuate = any(
        incident.kind in EVACUATION_KINDS or incident.evacuate for incident in scenario.incidents
    )
    if not can_evacuate:
        return []
    target = scenario.limits.target_share
    rset = _day_values(result, "evacuation_s")
    days = len(rset)
    not_exercised = message("evac.not_exercised", days=result.replications)
    timing_tasks = []
    for limit in scenario.limits.items:
        if limit.metric not in TIMED:
            continue
        name = message(TIMED[limit.metric][0])
        if not days:
            timing_tasks.append(Task(name, None, not_exercised))
            continue
        values = _day_values(result, limit.metric)
        ratings = [rate_deadline(value, limit.threshold) for value in values]
        evidence = message(
            "evac.evidence_time",
            limit=limit.threshold,
            since=message(TIMED[limit.metric][1]),
            within=sum(value <= limit.threshold for value in values),
            days=days,
            median=float(np.median(values)),
            slowest=max(values),
        )
        timing_tasks.append(Task(name, reached_on_share(ratings, target), evidence))
    exceeded = [value for value in _day_values(result, "rset_exceeds_aset") if value == value]
    if exceeded:
        ratings = [Rating.U if value else Rating.P for value in exceeded]
        evidence = message("evac.evidence_aset", exceeded=int(sum(exceeded)), days=len(exceeded))
        task = Task(message("evac.task_aset"), aset_rating(ratings, target), evidence)
        timing_tasks.append(task)
    objectives = []
    if timing_tasks:
        name = message("evac.objective_time")
        objectives.append(Objective(name, "evacuation_time", tuple(timing_tasks)))

    densities = _day_values(result, "exit_peak_density_per_m2")
    crowd_task = message("evac.task_crowd")
    if densities:
        ratings = [
            Rating.U if d >= DENSITY_DANGER else Rating.S if d >= DENSITY_WARNING else Rating.P
            for d in densities
        ]
        evidence = message(
            "evac.evidence_crowd",
            warning=DENSITY_WARNING,
            danger=DENSITY_DANGER,
            warned=sum(d >= DENSITY_WARNING for d in densities),
            dangerous=sum(d >= DENSITY_DANGER for d in densities),
            days=days,
            highest=max(densities),
        )
        task = Task(crowd_task, reached_on_share(ratings, target), evidence)
    else:
        task = Task(crowd_task, None, not_exercised)
    crowd = message("evac.objective_crowd")
    objectives.append(Objective(crowd, "evacuation_crowd", (task,)))
    return objectives

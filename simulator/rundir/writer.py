"""Writing a run directory: ``summary.json``, the CSV files, and ``run.json``.

The layout of every file is :mod:`simulator.rundir.schema`. ``replications.csv`` has a row per
simulated day, ``timeseries.csv`` a row per minute and ``events.csv`` a row per event (with its
replication and simulated time). When days ended in an evacuation, ``evacuation.csv`` holds the
evacuation curve: people still inside against seconds since the incident began (on its own time
axis, seconds not minutes).

Everything is written into a hidden staging folder beside the target (:mod:`.staging`) and
renamed into place only when complete, so an interrupted or failed run never leaves half a
result behind.
``summary.json`` holds only what the inputs determine (no clock time, no job count), so the same
scenario and seed give a byte-identical summary; the circumstances of the run go to ``run.json``.
"""

import csv
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from simulator._version import __version__
from simulator.metrics.evacuation import curve_grid
from simulator.metrics.statistics import Estimate
from simulator.model.clock import format_clock
from simulator.model.scenario import Scenario
from simulator.rundir.reader import RunDirError
from simulator.rundir.schema import (
    EVACUATION_COLUMNS,
    EVACUATION_FILE,
    EVENT_COLUMNS,
    EVENTS_FILE,
    REPLICATIONS_FILE,
    RUN_INFO_FILE,
    SCHEMA_VERSION,
    SUMMARY_FILE,
    TIMESERIES_COLUMNS,
    TIMESERIES_FILE,
    EstimateEntry,
    EvacuationEntry,
    LimitEntry,
    ObjectiveEntry,
    ScenarioEntry,
    Summary,
    WarningEntry,
    event_row,
    finite_or_none,
    json_text,
    objective_id,
)
from simulator.rundir.staging import Claim, WriteError, claim
from simulator.runner.replicate import RunResult
from simulator.scoring import (
    EvacuationSummary,
    LimitResult,
    Objective,
    Rating,
    summarize_evacuations,
)


def _rating(rating: Rating | None) -> str | None:
    return None if rating is None else rating.value


def _scenario_dict(scenario: Scenario) -> ScenarioEntry:
    """Return what a brief needs to know about the scenario (the run directory stands alone)."""
    staff = scenario.staff
    return {
        "name": scenario.name,
        "file": scenario.source,
        "sha256": scenario.sha256,
        "language": scenario.language,
        "site": {"name": scenario.site.name, "location": scenario.site.location},
        "hours": {
            "open": format_clock(scenario.hours.open_min),
            "close": format_clock(scenario.hours.close_min),
        },
        "staff": {
            "counters_most": max(block.count for block in staff.counters),
            "guides": staff.guides,
            "security": staff.security,
            "reserve": staff.reserve.count,
        },
        "incidents": [
            {
                "kind": incident.kind,
                "at": format_clock(incident.start_min),
                "until": None if incident.end_min is None else format_clock(incident.end_min),
                "note": incident.note,
            }
            for incident in scenario.incidents
        ],
        "playbook": [
            {"rule": index + 1, "action": rule.action, "when": rule.when, "note": rule.note}
            for index, rule in enumerate(scenario.playbook)
        ],
        "egress": {"flow": scenario.egress.flow, "floor": scenario.site.floor is not None},
        "warnings": warning_entries(scenario),
    }


def warning_entries(scenario: Scenario) -> list[WarningEntry]:
    """Return the scenario's warnings as kept in a results file, in both languages."""
    return [
        {
            "key": warning.key,
            "line": warning.line,
            "text": warning.message.text("en"),
            "text_zh": warning.message.text("zh"),
        }
        for warning in scenario.warnings
    ]


def _evacuation_dict(summary: EvacuationSummary | None) -> EvacuationEntry | None:
    """Return the ``evacuation`` block of ``summary.json`` (None: no day had one)."""
    if summary is None:
        return None
    low, high = summary.rset_exceeds_aset_ci
    return {
        "days": summary.days,
        "rset_p50_s": summary.rset_p50_s,
        "rset_p95_s": summary.rset_p95_s,
        "egress_p50_s": summary.egress_p50_s,
        "egress_p95_s": summary.egress_p95_s,
        "aset_days": summary.aset_days,
        "rset_exceeds_aset_share": finite_or_none(summary.rset_exceeds_aset_share),
        "rset_exceeds_aset_ci_low": finite_or_none(low),
        "rset_exceeds_aset_ci_high": finite_or_none(high),
        "inside_at_responders_mean": finite_or_none(summary.inside_at_responders_mean),
        "inside_at_responders_max": finite_or_none(summary.inside_at_responders_max),
        "other_flow_rset_p50_s": finite_or_none(summary.other_flow_rset_p50_s),
        "exits": [
            {
                "name": crowding.name,
                "blocked_share": crowding.blocked_share,
                "peak_density_mean_per_m2": finite_or_none(crowding.peak_density_mean),
                "peak_density_p95_per_m2": finite_or_none(crowding.peak_density_p95),
                "fruin_level_p95": crowding.fruin_level_p95 or None,
                "warning_share": crowding.warning_share,
                "danger_share": crowding.danger_share,
                "people_mean": finite_or_none(crowding.people_mean),
                "flow_mean_per_s": finite_or_none(crowding.flow_mean_per_s),
                "last_out_mean_s": finite_or_none(crowding.last_out_mean_s),
            }
            for crowding in summary.exits
        ],
    }


def _objective_dict(objective: Objective) -> ObjectiveEntry:
    return {
        "id": objective_id(objective.kind, objective.rule),
        "kind": objective.kind,
        "rule": None if objective.rule is None else objective.rule + 1,
        "name": objective.name.text("en"),
        "name_zh": objective.name.text("zh"),
        "rating": _rating(objective.rating),
        "tasks": [
            {
                "name": task.name.text("en"),
                "name_zh": task.name.text("zh"),
                "rating": _rating(task.rating),
                "evidence": task.evidence.text("en"),
                "evidence_zh": task.evidence.text("zh"),
            }
            for task in objective.tasks
        ],
    }


def limit_entry(judged: LimitResult) -> LimitEntry:
    """Return one judged limit as ``summary.json`` and ``comparison.json`` keep it."""
    return {
        "name": judged.limit.name,
        "metric": judged.limit.metric,
        "threshold": judged.limit.threshold,
        "direction": judged.limit.direction,
        "held_share": finite_or_none(judged.held_share),
        "held_share_ci_low": finite_or_none(judged.ci_low),
        "held_share_ci_high": finite_or_none(judged.ci_high),
        "target_share": judged.target_share,
        "held": judged.held,
        "rating": _rating(judged.rating),
    }


def estimate_entry(estimate: Estimate) -> EstimateEntry:
    """Return a metric's mean and interval as the run-directory files keep it (None: undefined)."""
    return {
        "mean": finite_or_none(estimate.mean),
        "ci_low": finite_or_none(estimate.ci_low),
        "ci_high": finite_or_none(estimate.ci_high),
    }


def summary_dict(
    result: RunResult, limits: list[LimitResult], objectives: Sequence[Objective] = ()
) -> Summary:
    """Return the content of ``summary.json``."""
    scenario = result.scenario
    # METRIC_NAMES, then the per-service waits
    metrics = {name: estimate_entry(result.estimate(name)) for name in result.values}
    return {
        "schema_version": SCHEMA_VERSION,
        "drill_version": __version__,
        "scenario": _scenario_dict(scenario),
        "seed": result.seed,
        "replications": result.replications,
        "metrics": metrics,
        "limits": [limit_entry(judged) for judged in limits],
        "objectives": [_objective_dict(objective) for objective in objectives],
        "evacuation": _evacuation_dict(summarize_evacuations(result)),
    }


def _write_replications(result: RunResult, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        names = list(result.values)  # METRIC_NAMES, then the per-service waits
        writer.writerow(["replication", *names])
        for index in range(result.replications):
            writer.writerow([index, *(repr(float(result.values[name][index])) for name in names)])


def _write_timeseries(result: RunResult, path: Path) -> None:
    area = result.scenario.site.floor_area_m2
    queue, in_hall = result.series["queue"], result.series["in_hall"]
    counters, outside = result.series["counters"], result.series["outside"]
    values = {
        "queue_mean": queue.mean(),
        "queue_p10": queue.quantile(0.1),
        "queue_p90": queue.quantile(0.9),
        "in_hall_mean": in_hall.mean(),
        "in_hall_p10": in_hall.quantile(0.1),
        "in_hall_p90": in_hall.quantile(0.9),
        "density_mean_per_m2": in_hall.mean() / area,
        "density_p10_per_m2": in_hall.quantile(0.1) / area,
        "density_p90_per_m2": in_hall.quantile(0.9) / area,
        "counters_mean": counters.mean(),
        "counters_p10": counters.quantile(0.1),
        "counters_p90": counters.quantile(0.9),
        "outside_mean": outside.mean(),
        "outside_p10": outside.quantile(0.1),
        "outside_p90": outside.quantile(0.9),
    }
    columns = [values[name] for name in TIMESERIES_COLUMNS[2:]]  # the schema's order
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(TIMESERIES_COLUMNS)
        open_min = result.grid[0]
        for row, time in enumerate(result.grid):
            cells = (f"{column[row]:.6g}" for column in columns)
            writer.writerow([int(time - open_min), format_clock(time), *cells])


def _write_events(result: RunResult, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EVENT_COLUMNS)
        for replication, event in result.events:
            writer.writerow(event_row(replication, event))


def _write_evacuation_curve(result: RunResult, path: Path) -> None:
    """Write people still inside against seconds since the incident, over evacuation days."""
    curve = result.evacuation_curve
    columns = [curve.mean(), curve.quantile(0.1), curve.quantile(0.5), curve.quantile(0.9)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EVACUATION_COLUMNS)
        for row, second in enumerate(curve_grid()):
            writer.writerow([int(second), *(f"{column[row]:.6g}" for column in columns)])


def write_run(
    result: RunResult,
    limits: list[LimitResult],
    target: Path | Claim,
    run_info: dict[str, Any],
    objectives: Sequence[Objective] = (),
    extra_files: Mapping[str, str | bytes] | None = None,
    finish: Callable[[Path], None] | None = None,
) -> Summary:
    """Write the run's files into ``target`` all at once and return its summary.

    ``target`` is best claimed before the work (:func:`~simulator.rundir.staging.claim`); a
    plain path is claimed here. ``extra_files`` (name → text, or bytes for a workbook) are
    written with the run's own, e.g. a comparison's tables; ``finish`` is given the staging
    folder once they are all there, to add what is made from them (the brief), so it too is in
    place or not at all.
    """
    claimed = target if isinstance(target, Claim) else claim(target)
    staging = claimed.staging
    try:
        summary = summary_dict(result, limits, objectives)
        (staging / SUMMARY_FILE).write_text(json_text(summary), encoding="utf-8")
        _write_replications(result, staging / REPLICATIONS_FILE)
        _write_timeseries(result, staging / TIMESERIES_FILE)
        _write_events(result, staging / EVENTS_FILE)
        if result.evacuation_curve.count:
            _write_evacuation_curve(result, staging / EVACUATION_FILE)
        info = {"drill_version": __version__, **run_info}
        (staging / RUN_INFO_FILE).write_text(json_text(info), encoding="utf-8")
        for name, content in (extra_files or {}).items():
            if isinstance(content, bytes):  # a workbook
                (staging / name).write_bytes(content)
            else:
                (staging / name).write_text(content, encoding="utf-8")
        if finish is not None:
            finish(staging)
        claimed.commit()
    except (OSError, RunDirError) as error:  # the brief's own failures are RunDirErrors
        claimed.abandon()
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise WriteError(
            f"{claimed.target}: the results could not be written ({reason}); "
            "nothing was put in place"
        ) from error
    except BaseException:
        claimed.abandon()
        raise
    return summary

"""The directory of an egress-only study (``drill evacuate``): its files and their writer.

- ``summary.json`` (its schema in :mod:`.egress_study_schema`): the hall, the occupants, the
  door flow used, the evacuation metrics of ``drill run`` with their 95 % intervals
  (``egress_s`` among them) and its median and P95, the median at the other door flow, per
  exit the people, mean flow (persons/s), last one out and crowding (peak density, Fruin
  level, how often it reached 3.33 and 5.5 persons/m²), and the scenario's warnings.
- ``evacuation.csv``: people still inside every 5 s after the alarm, the whole hall (mean, P10,
  P50, P90 over the repetitions) and the mean bound for each exit.

Written all or nothing, like a run directory (:mod:`.staging`).
"""

import csv
import io

import numpy as np

from simulator.analysis.egress_study import EgressStudy
from simulator.metrics.statistics import mean_interval, wilson_interval
from simulator.rundir.egress_study_schema import (
    CURVE_FILE,
    STUDY_FILE,
    STUDY_KIND,
    STUDY_SCHEMA_VERSION,
    EgressStudyFile,
    LimitEntry,
    PassageEntry,
    StudyExitEntry,
)
from simulator.rundir.schema import EstimateEntry, finite_or_none, json_text
from simulator.rundir.staging import Claim
from simulator.rundir.writer import warning_entries
from simulator.scoring import exit_crowding


def _estimate(values: np.ndarray) -> EstimateEntry:
    estimate = mean_interval(np.asarray(values, dtype=float))
    return {
        "mean": finite_or_none(estimate.mean),
        "ci_low": finite_or_none(estimate.ci_low),
        "ci_high": finite_or_none(estimate.ci_high),
    }


def _percentile(values: np.ndarray, q: float) -> float | None:
    return finite_or_none(float(np.percentile(values, q))) if values.size else None


def study_dict(study: EgressStudy) -> EgressStudyFile:
    """Return the content of the study's ``summary.json``."""
    scenario = study.scenario
    tables = study.exit_tables()  # repetitions × exits × (people, flow, last out)
    peaks = np.stack([result.exit_peak_density for result in study.results])
    return {
        "schema_version": STUDY_SCHEMA_VERSION,
        "kind": STUDY_KIND,
        "scenario": {
            "name": scenario.name,
            "file": scenario.source,
            "sha256": scenario.sha256,
            "language": scenario.language,
            "site": {"name": scenario.site.name, "location": scenario.site.location},
        },
        "seed": study.seed,
        "repetitions": len(study.results),
        "occupants": study.occupants,
        "staff": study.staff,
        "flow": scenario.egress.flow,
        "floor": scenario.site.floor is not None,
        "blocked": [exit_.name for exit_ in scenario.site.exits if exit_.name in study.blocked],
        "metrics": {
            "egress_s": _estimate(study.totals_s),
            "evacuated": _estimate(np.full(len(study.results), float(study.occupants))),
            "exit_peak_density_per_m2": _estimate(np.nanmax(peaks, axis=1)),
        },
        "egress_p50_s": _percentile(study.totals_s, 50),
        "egress_p95_s": _percentile(study.totals_s, 95),
        "other_flow": {
            "flow": study.other_flow,
            "egress_p50_s": _percentile(study.other_totals_s, 50),
        },
        "escorted_mean": float(np.mean([r.escorted.sum() for r in study.results] or [0.0])),
        "escorted_last_out_mean_s": _last_escorted(study),
        "passage": _passage(study),
        "limits": _limits(study),
        "exits": [
            _exit_entry(exit_.name, peaks[:, index], tables[:, index, :])
            for index, exit_ in enumerate(scenario.site.exits)
        ],
        "warnings": warning_entries(scenario),
    }


def _last_escorted(study: EgressStudy) -> float | None:
    """Return the mean over repetitions of when the last person helped out passed the door."""
    lasts = [float(r.out_s[r.escorted].max()) for r in study.results if r.escorted.any()]
    return finite_or_none(float(np.mean(lasts))) if lasts else None


def _passage(study: EgressStudy) -> PassageEntry | None:
    """Return how many went through the counter passage and when the last did (None: none)."""
    floor = study.scenario.site.floor
    if floor is None or floor.counter_passage_at_m is None:
        return None
    passed = [r.passage_s for r in study.results]
    people = [float(np.sum(~np.isnan(times))) for times in passed]
    lasts = [float(np.nanmax(times)) for times in passed if not np.isnan(times).all()]
    peaks = np.array([r.passage_peak_density for r in study.results])
    crowding = exit_crowding("passage", peaks, np.empty((0, 3)))
    return {
        "width_m": floor.counter_passage_width_m,
        "people_mean": float(np.mean(people)) if people else 0.0,
        "last_through_mean_s": finite_or_none(float(np.mean(lasts))) if lasts else None,
        "peak_density_p95_per_m2": finite_or_none(crowding.peak_density_p95),
        "fruin_level_p95": crowding.fruin_level_p95 or None,
        "warning_share": crowding.warning_share,
        "danger_share": crowding.danger_share,
    }


def _limits(study: EgressStudy) -> list[LimitEntry]:
    """Return the scenario's egress_s limits, each judged over the study's repetitions."""
    limits = study.scenario.limits
    entries: list[LimitEntry] = []
    for limit in limits.items:
        if limit.metric != "egress_s" or limit.direction != "max":  # "within N s": a maximum
            continue
        held = sum(limit.held_by(float(total)) for total in study.totals_s)
        low, high = wilson_interval(held, len(study.results))
        entries.append(
            {
                "threshold_s": limit.threshold,
                "target_share": limits.target_share,
                "held": held,
                "ci_low": low,
                "ci_high": high,
                "kept": held >= limits.target_share * len(study.results),
            }
        )
    return entries


def _exit_entry(name: str, peaks: np.ndarray, table: np.ndarray) -> StudyExitEntry:
    """Return one exit's people, flow, last out and crowding over the repetitions."""
    crowding = exit_crowding(name, peaks, table)
    return {
        "name": name,
        "people_mean": finite_or_none(crowding.people_mean),
        "flow_mean_per_s": finite_or_none(crowding.flow_mean_per_s),
        "last_out_mean_s": finite_or_none(crowding.last_out_mean_s),
        "peak_density_mean_per_m2": finite_or_none(crowding.peak_density_mean),
        "peak_density_p95_per_m2": finite_or_none(crowding.peak_density_p95),
        "fruin_level_p95": crowding.fruin_level_p95 or None,
        "warning_share": crowding.warning_share,
        "danger_share": crowding.danger_share,
    }


def curve_csv(study: EgressStudy) -> str:
    """Return ``evacuation.csv``: people inside after the alarm, the hall and by exit."""
    seconds = study.curve_seconds()
    inside = study.inside(seconds)  # repetitions × (1 + exits) × seconds
    hall = inside[:, 0, :]
    names = [exit_.name for exit_ in study.scenario.site.exits]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "seconds_since_alarm",
            "inside_mean",
            "inside_p10",
            "inside_p50",
            "inside_p90",
            *(f"bound_for[{name}]" for name in names),
        ]
    )
    columns = [
        hall.mean(axis=0),
        *(np.quantile(hall, q, axis=0) for q in (0.1, 0.5, 0.9)),
        *(inside[:, 1 + index, :].mean(axis=0) for index in range(len(names))),
    ]
    for row, second in enumerate(seconds):
        writer.writerow([int(second), *(f"{column[row]:.6g}" for column in columns)])
    return out.getvalue()


def curve_columns(text: str) -> dict[str, np.ndarray]:
    """Return the columns of an ``evacuation.csv`` text (:func:`curve_csv`) by header name."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    values = np.array([[float(cell) for cell in row] for row in body]).reshape(len(body), -1)
    return {name: values[:, index] for index, name in enumerate(header)}


def write_study(study: EgressStudy, claimed: Claim, extra: dict[str, bytes]) -> EgressStudyFile:
    """Write the study's files (and ``extra``: its brief and chart) into ``claimed``, at once."""
    data = study_dict(study)
    try:
        (claimed.staging / STUDY_FILE).write_text(json_text(data), encoding="utf-8")
        (claimed.staging / CURVE_FILE).write_text(curve_csv(study), encoding="utf-8")
        for name, content in extra.items():
            path = claimed.staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        claimed.commit()
    except BaseException:
        claimed.abandon()
        raise
    return data

"""The record of a drill (演练记录): ``drill.json`` beside the run.

``drill.json`` (:class:`~simulator.rundir.schema.DrillFile`) says what kind of drill it was
(``play`` or ``score``), its title and date, who took part in which role, and every decision
with, where a playbook rule covers it, when the playbook would have acted (the median over the
simulated days of its call nearest the decision) and how far the people were from that. It
holds the drill's verdict too: every clause of the plan rated from the log
(:mod:`simulator.scoring.observed`), the measured outcomes and the overall rating.
"""

import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from simulator.engine.events import EventKind
from simulator.model.clock import format_clock
from simulator.model.decisions import Decision
from simulator.model.drill_log import DrillLog
from simulator.rundir.schema import (
    SCHEMA_VERSION,
    ClauseEntry,
    ClauseOddsEntry,
    DecisionEntry,
    DrillFile,
    InjectEntry,
    MeasuredEntry,
    json_text,
)
from simulator.runner.replicate import RunResult
from simulator.scoring.observed import ObservedScore
from simulator.scoring.what_if import ClauseOdds


def _planned(result: RunResult, decision: Decision) -> float | None:
    """Return when the playbook called for ``decision``'s rule: median of the nearest calls."""
    if decision.rule >= len(result.scenario.playbook):
        return None
    calls: dict[int, list[float]] = defaultdict(list)
    for replication, event in result.events:
        if event.kind is EventKind.RECOMMENDATION and event.rule == decision.rule:
            calls[replication].append(event.time)
    nearest = [min(times, key=lambda t: abs(t - decision.time_min)) for times in calls.values()]
    return statistics.median(nearest) if nearest else None


def not_carried_out(result: RunResult) -> list[tuple[float, str, str]]:
    """Return a played day's actions that did nothing: (time, action, reason), in order."""
    return [
        (event.time, event.name, event.result.reason.value)
        for _day, event in result.events
        if event.kind is EventKind.ACTION
        and event.result is not None
        and not event.result.carried_out
        and event.result.reason is not None
    ]


def decision_rows(
    result: RunResult, decisions: tuple[Decision, ...], played: bool = False
) -> list[DecisionEntry]:
    """Return each decision as a row of ``drill.json``, with the playbook's timing beside it.

    ``played``: the decisions are the played day's own (a tabletop), so a decision the hall
    could not carry out says why.
    """
    rows: list[DecisionEntry] = []
    undone = not_carried_out(result) if played else []
    for decision in decisions:
        planned = _planned(result, decision)
        plain = {
            key: value
            for key, value in decision.params.items()
            if isinstance(value, (str, int, float))
        }
        row: DecisionEntry = {
            "time": format_clock(decision.time_min),
            "action": decision.action,
            "params": plain,
            "until": None if decision.until_min is None else format_clock(decision.until_min),
            "who": decision.who,
            "rule": decision.rule + 1 if decision.rule < len(result.scenario.playbook) else None,
            "planned": None if planned is None else format_clock(planned),
            "deviation_min": None if planned is None else decision.time_min - planned,
        }
        # The first not-done action of this minute and kind is this decision's (in order).
        for position, (time, action, reason) in enumerate(undone):
            if time == decision.time_min and action == decision.action:
                row["not_done"] = reason
                del undone[position]
                break
        rows.append(row)
    return rows


def _step_rows(log: DrillLog) -> list[DecisionEntry]:
    """Return the plan's steps the log records (evacuate, cut the power) as decision rows."""
    return [
        {
            "time": format_clock(step.time_min),
            "action": step.do,
            "params": {"note": step.note} if step.note else {},
            "until": None,
            "who": step.who,
            "rule": None,
            "planned": None,
            "deviation_min": None,
        }
        for step in log.steps
    ]


def _clock(minutes: float | None) -> str | None:
    return None if minutes is None else format_clock(minutes)


def clause_rows(observed: ObservedScore) -> list[ClauseEntry]:
    """Return every clause's rating from the log, in both languages."""
    return [
        {
            "number": rated.number,
            "id": rated.clause.id,
            "rule": None if rated.clause.rule is None else rated.clause.rule + 1,
            "urgency": rated.clause.urgency.value,
            "name": rated.name.text("en"),
            "name_zh": rated.name.text("zh"),
            "expected": rated.expected.text("en"),
            "expected_zh": rated.expected.text("zh"),
            "due": _clock(rated.due_min),
            "done": _clock(rated.done_min),
            "who": rated.who,
            "deviation_min": rated.deviation_min,
            "computed": rated.computed.value if rated.computed else None,
            "evaluator": rated.evaluator.value if rated.evaluator else None,
            "evaluator_note": rated.evaluator_note,
            "rating": rated.rating.value if rated.rating else None,
            "evidence": rated.evidence.text("en"),
            "evidence_zh": rated.evidence.text("zh"),
        }
        for rated in observed.clauses
    ]


def _observed_parts(log: DrillLog, observed: ObservedScore) -> dict[str, object]:
    injects: list[InjectEntry] = [
        {
            "time": format_clock(inject.time_min),
            "kind": inject.kind,
            "starts": inject.starts,
            "incident": inject.incident + 1,
        }
        for inject in log.injects
    ]
    measured: list[MeasuredEntry] = [
        {"measure": m.measure, "value": m.value, "limit": m.limit, "rating": m.rating.value}
        for m in observed.measured
    ]
    verdict = observed.verdict
    return {
        "injects": injects,
        "clauses": clause_rows(observed),
        "measured": measured,
        "verdict": verdict.value if verdict else None,
    }


def drill_dict(
    kind: str,
    log: DrillLog,
    result: RunResult,
    observed: ObservedScore,
    outcome: dict[str, Any] | None = None,
) -> DrillFile:
    """Return ``drill.json``'s content for a ``play`` or ``score`` run."""
    rows = decision_rows(result, log.decisions, played=kind == "play") + _step_rows(log)
    data: DrillFile = {
        "schema_version": SCHEMA_VERSION,
        "kind": kind,
        "title": log.title,
        "date": log.date,
        "participants": log.participants,
        "log_file": Path(log.source).name if log.source else None,
        "decisions": sorted(rows, key=lambda row: row["time"]),
        "outcome": outcome,
    }
    data.update(_observed_parts(log, observed))  # type: ignore[typeddict-item]
    return data


def drill_json(data: DrillFile) -> str:
    """Return ``drill.json`` as text."""
    return json_text(data)


def odds_rows(odds: tuple[ClauseOdds, ...], days: int) -> list[ClauseOddsEntry]:
    """Return the what-if of longer incidents, clause by clause, for ``drill.json``."""
    return [
        {
            "number": clause.number,
            "id": clause.id,
            "days": days,
            "due_days": clause.due_days,
            "ratings": clause.ratings,
        }
        for clause in odds
    ]

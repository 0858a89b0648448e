"""The record of a drill (演练记录): ``drill.json`` beside the run.

``drill.json`` (:class:`~simulator.rundir.schema.DrillFile`) says what kind of drill it was
(``play`` or ``score``), its title and date, who took part in which role, and every decision
with, where a playbook rule covers it, when the playbook would have acted (the median over the
simulated days of its call nearest the decision) and how far the people were from that.
"""

import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from simulator.engine.events import EventKind
from simulator.model.clock import format_clock
from simulator.model.decisions import Decision
from simulator.model.drill_log import DrillLog
from simulator.rundir.schema import SCHEMA_VERSION, DecisionEntry, DrillFile, json_text
from simulator.runner.replicate import RunResult


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


def decision_rows(result: RunResult, decisions: tuple[Decision, ...]) -> list[DecisionEntry]:
    """Return each decision as a row of ``drill.json``, with the playbook's timing beside it."""
    rows: list[DecisionEntry] = []
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
        rows.append(row)
    return rows


def drill_dict(
    kind: str, log: DrillLog, result: RunResult, outcome: dict[str, Any] | None = None
) -> DrillFile:
    """Return ``drill.json``'s content for a ``play`` or ``score`` run."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": kind,
        "title": log.title,
        "date": log.date,
        "participants": log.participants,
        "log_file": Path(log.source).name if log.source else None,
        "decisions": decision_rows(result, log.decisions),
        "outcome": outcome,
    }


def drill_json(data: DrillFile) -> str:
    """Return ``drill.json`` as text."""
    return json_text(data)

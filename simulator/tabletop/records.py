"""The record of a drill (演练记录): ``drill.json`` beside the run, and the history of drills.

``drill.json`` says what kind of drill it was (``play`` or ``score``), its title and date, who
took part in which role, and every decision with, where a playbook rule covers it, when the
playbook would have acted (the median over the simulated days of its call nearest the decision)
and how far the people were from that. ``drill history`` lists these files under ``results/``.
"""

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.engine.events import EventKind
from simulator.model.clock import format_clock
from simulator.model.decisions import Decision
from simulator.model.drill_log import DrillLog
from simulator.runner.replicate import RunResult

DRILL_FILE = "drill.json"
RATING_ORDER = ("P", "S", "M", "U")


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


def decision_rows(result: RunResult, decisions: tuple[Decision, ...]) -> list[dict[str, Any]]:
    """Return each decision as a row of ``drill.json``, with the playbook's timing beside it."""
    rows = []
    for decision in decisions:
        planned = _planned(result, decision)
        plain = {
            key: value
            for key, value in decision.params.items()
            if isinstance(value, (str, int, float))
        }
        rows.append(
            {
                "time": format_clock(decision.time_min),
                "action": decision.action,
                "params": plain,
                "until": None if decision.until_min is None else format_clock(decision.until_min),
                "who": decision.who,
                "rule": decision.rule + 1
                if decision.rule < len(result.scenario.playbook)
                else None,
                "planned": None if planned is None else format_clock(planned),
                "deviation_min": None if planned is None else decision.time_min - planned,
            }
        )
    return rows


def drill_dict(
    kind: str, log: DrillLog, result: RunResult, outcome: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return ``drill.json``'s content for a ``play`` or ``score`` run."""
    return {
        "kind": kind,
        "title": log.title,
        "date": log.date,
        "participants": log.participants,
        "log_file": Path(log.source).name if log.source else None,
        "decisions": decision_rows(result, log.decisions),
        "outcome": outcome,
    }


def drill_json(data: dict[str, Any]) -> str:
    """Return ``drill.json`` as text."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class PastDrill:
    """One line of the drill history."""

    path: Path
    date: str
    kind: str
    scenario: str
    participants: str
    rating: str


def overall_rating(summary: dict[str, Any]) -> str:
    """Return the worst rating of a run's limits and objectives ("—" if none was rated)."""
    ratings = [item.get("rating") for item in summary.get("limits", [])]
    ratings += [item.get("rating") for item in summary.get("objectives", [])]
    rated = [rating for rating in ratings if rating in RATING_ORDER]
    return max(rated, key=RATING_ORDER.index) if rated else "—"


def past_drills(results: Path) -> tuple[list[PastDrill], list[str]]:
    """Return the drills recorded under ``results`` (oldest first) and what could not be read."""
    drills, unreadable = [], []
    for record in sorted(results.glob(f"*/{DRILL_FILE}")):
        directory = record.parent
        try:
            drill = json.loads(record.read_text(encoding="utf-8"))
            summary = json.loads((directory / "summary.json").read_text(encoding="utf-8"))
            info = json.loads((directory / "run.json").read_text(encoding="utf-8"))
            people = drill.get("participants") or {}
            names = [name for role in people.values() for name in role]
            drills.append(
                PastDrill(
                    path=directory,
                    date=drill.get("date") or info.get("created", "")[:10],
                    kind=drill["kind"],
                    scenario=summary["scenario"]["name"],
                    participants="、".join(names) if names else "—",
                    rating=overall_rating(summary),
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            unreadable.append(f"{directory}: {error}")
    drills.sort(key=lambda drill: (drill.date, str(drill.path)))
    return drills, unreadable

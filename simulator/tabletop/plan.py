"""Where the team stands against the plan at a moment of a tabletop: due, overdue, done.

The console rates the session so far with the same clauses and rules as a scored drill
(:func:`~simulator.scoring.observed.score_observed`): the day's incidents up to now are its
injects, the team's decisions and steps so far its log. A clause is *due* once its condition
held and nobody has done it; *overdue* once doing it now would rate M or worse (or it is past
its cutoff); *upcoming* while a report's deadline is still ahead in an incident in progress.
"""

import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

from simulator.engine.events import Event, EventKind
from simulator.model.clauses import Urgency
from simulator.model.decisions import Decision
from simulator.model.drill_log import DrillLog
from simulator.model.drill_record import Measurement, Step
from simulator.model.scenario import Scenario
from simulator.scoring.observed import ClauseRating, failed_actions, promptness, score_observed
from simulator.scoring.ratings import Rating
from simulator.scoring.timeline import COUNTABLE, day_counts, injects_of_day


class Standing(Enum):
    """Where a clause stands at a moment."""

    NOT_YET = "not_yet"  # its condition has not held
    UPCOMING = "upcoming"  # a report whose deadline lies ahead
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


@dataclass(frozen=True)
class ClauseNow:
    """A clause and where it stands at a moment of the session."""

    rating: ClauseRating
    standing: Standing


def clauses_now(
    scenario: Scenario,
    decisions: tuple[Decision, ...],
    steps: tuple[Step, ...],
    events: list[Event],
    now: float,
    counts: tuple[Measurement, ...] = (),
) -> list[ClauseNow]:
    """Return every clause of ``scenario`` and where it stands at ``now`` of the session.

    ``counts``: what the hall showed so far (the queue each minute), for rules on it.
    """
    seen = [event for event in events if event.time <= now]
    log = DrillLog(
        tuple(d for d in decisions if d.time_min <= now),
        steps=tuple(s for s in steps if s.time_min <= now),
        injects=injects_of_day(seen),
        measurements=tuple(m for m in counts if (m.time_min or 0.0) <= now),
        injects_complete=True,  # what has not been injected by now has not happened
    )
    found = []
    for rated in score_observed(log, scenario, failed_actions(seen)).clauses:
        found.append(ClauseNow(rated, _standing(rated, now)))
    return found


def _standing(rated: ClauseRating, now: float) -> Standing:
    if rated.done_min is not None:
        return Standing.DONE
    if rated.due_min is None:
        return Standing.NOT_YET
    clause = rated.clause
    if rated.due_min > now:
        return Standing.UPCOMING if clause.urgency is Urgency.DEADLINE else Standing.NOT_YET
    late = now - rated.due_min
    if clause.cutoff_min is not None and late > clause.cutoff_min:
        return Standing.OVERDUE
    if promptness(clause.urgency, late, _deadline(rated)) in (Rating.M, Rating.U):
        return Standing.OVERDUE
    return Standing.DUE


def _deadline(rated: ClauseRating) -> float:
    condition = rated.clause.condition
    return float(getattr(condition, "value", 0.0))


def due_times(
    scenario: Scenario,
    decisions: tuple[Decision, ...],
    steps: tuple[Step, ...],
    events: list[Event],
    counts: tuple[Measurement, ...] = (),
) -> set[float]:
    """Return the minutes at which a clause falls due on the day (the console stops there)."""
    end = max((event.time for event in events), default=0.0)
    return {
        float(math.ceil(clause.rating.due_min - 1e-9))  # the console stops on whole minutes
        for clause in clauses_now(scenario, decisions, steps, events, end, counts)
        if clause.rating.due_min is not None
    }


def happened(events: list[Event], after: float | None, now: float) -> list[Event]:
    """Return what was done from the last stop's minute until ``now``.

    That is the team's actions (carried out or not) and the incident's own procedure as the
    scenario plays it (the alarm, the evacuation). What a stop's minute brings comes after the
    team has seen it, so it is told at the next stop.
    """
    kinds = (EventKind.ACTION, EventKind.PROCEDURE)
    return [
        event
        for event in events
        if event.kind in kinds and (after is None or after <= event.time) and event.time < now
    ]


def hall_counts(moments: list[Any]) -> tuple[Measurement, ...]:
    """Return what the hall showed at each minute of a rehearsal (queue, people, outside)."""
    grid = [moment.time for moment in moments]
    series = {
        name: [moment.snapshot.state.get(name, math.nan) for moment in moments]
        for name in sorted(COUNTABLE)
    }
    return day_counts(series, grid)

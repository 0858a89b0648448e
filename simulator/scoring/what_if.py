"""What-ifs beside a drill's verdict (推演): its own day replayed, and longer incidents.

Neither changes the drill's rating (:mod:`simulator.scoring.observed`); the brief titles both
as simulation.

- :func:`as_drilled` makes the scenario of the day as it was drilled: each injected incident at
  its inject time, lasting as long as it did in the drill (a fire put out when it was, or not
  at all), and the incidents nobody injected left out (but a surge, and what long waits set
  off, stay: they are the day's, not the facilitator's). ``drill score`` plays the team's logged
  actions on many such days, beside the automatic playbook on the same days: what the team's
  timing cost the customers.
- :func:`longer_incidents` plays the scenario's own incident lengths instead, and rates the
  team's log on each simulated day by the same clauses: which clauses would have fallen due
  had the outage lasted longer, and how the team's timing would have fared.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from simulator.engine.events import Event
from simulator.model.distributions import Fixed
from simulator.model.drill_log import DrillLog
from simulator.model.incidents import SUPPRESSION_WINDOW_S, Fire, Incident
from simulator.model.scenario import Scenario
from simulator.runner.replicate import RunResult
from simulator.scoring.observed import score_observed
from simulator.scoring.timeline import Period, injects_of_day, periods_of


def as_drilled(scenario: Scenario, log: DrillLog) -> Scenario:
    """Return ``scenario`` with its incidents as the drill's injects had them.

    Without injects in the log the scenario is returned as it is (its own times are taken).
    """
    periods = [p for p in periods_of(log, scenario) if not p.assumed]
    if not periods:
        return scenario
    injected = {period.incident: period for period in periods}
    incidents = []
    for index, incident in enumerate(scenario.incidents):
        if index in injected:
            incidents.append(_as_it_ran(incident, injected[index]))
        elif incident.kind == "surge" or getattr(incident, "from_waits", None) is not None:
            # Demand and what long waits set off are the day's, not the facilitator's.
            incidents.append(incident)
    return scenario.with_changes(incidents=tuple(incidents))


def _as_it_ran(incident: Incident, period: Period) -> Incident:
    """Return ``incident`` starting when it was injected and lasting as long as it did."""
    changes: dict[str, object] = {"start_min": period.start, "start_delay_min": None}
    lasted = None if period.end is None else period.end - period.start
    if isinstance(incident, Fire):
        # The inject is the fire being noticed; it was put out when the drill says, or not at
        # all within the first-aid window.
        changes["detection_s"] = Fixed(value=0.0)
        out_s = None if lasted is None else lasted * 60
        if out_s is not None and out_s <= SUPPRESSION_WINDOW_S:
            changes["suppressed_prob"] = 1.0
            changes["suppression_s"] = Fixed(value=out_s)
        else:
            changes["suppressed_prob"] = 0.0
    elif lasted is not None and "duration_min" in type(incident).model_fields:
        changes["duration_min"] = Fixed(value=lasted)
    return incident.model_copy(update=changes)


@dataclass(frozen=True)
class ClauseOdds:
    """How a clause would have fared over simulated days with the scenario's incident lengths."""

    number: int
    id: str
    due_days: int  # days on which it fell due
    ratings: dict[str, int]  # of those days, how many the team's log rates P, S, M, U


def longer_incidents(log: DrillLog, result: RunResult) -> tuple[ClauseOdds, ...]:
    """Rate the team's log on each simulated day of ``result`` (the scenario's own incidents)."""
    days: dict[int, list[Event]] = defaultdict(list)
    for replication, event in result.events:
        days[replication].append(event)
    due: Counter[int] = Counter()
    ratings: dict[int, Counter[str]] = defaultdict(Counter)
    ids: dict[int, str] = {}
    for events in days.values():
        day_log = replace(log, injects=injects_of_day(events))
        for clause in score_observed(day_log, result.scenario).clauses:
            ids[clause.number] = clause.clause.id
            if clause.due_min is None:
                continue
            due[clause.number] += 1
            if clause.computed is not None:
                ratings[clause.number][clause.computed.value] += 1
    return tuple(
        ClauseOdds(
            number,
            ids[number],
            due[number],
            {letter: ratings[number][letter] for letter in "PSMU"},
        )
        for number in sorted(ids)
    )

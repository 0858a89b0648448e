"""Objectives of a drill, rated P/S/M/U from what happened on the simulated days.

- Every playbook rule is an objective: *carry out the action whenever the condition calls for it*.
  Its critical task is carrying it out: calling reserve staff fails when the reserve is used up.
  A rule whose condition never became true was not exercised and gets no rating. When people
  decided instead of the rules (``drill play``, ``drill score``), the rules ran in the shadow and
  logged when they called for the action; each call counts as answered if the people carried the
  action out within :data:`RESPONSE_WINDOW_MIN` minutes of it, before or after.
- Every escalation rule on ``outage_min`` (``outage_min >= 30``) is a deadline: *report within 30
  minutes of an outage*. On each day an outage outlasted the deadline, the report's delay is
  rated by :func:`~simulator.scoring.ratings.rate_deadline`.

Task ratings over days use :func:`~simulator.scoring.ratings.reached_on_share` at the scenario's
target share; an objective takes its worst task's rating; every rating cites its evidence.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass

from simulator.engine import Event
from simulator.engine.incidents import OUTAGE_KINDS
from simulator.i18n import Message, message
from simulator.model.conditions import Compare
from simulator.model.scenario import PlaybookRule
from simulator.runner.replicate import RunResult
from simulator.scoring.ratings import (
    Rating,
    rate_deadline,
    rate_share,
    reached_on_share,
    worst,
)

# Events that say an action could not be carried out.
FAILURES = frozenset({"reserve_exhausted", "no_free_counter", "no_guide", "no_security"})
RESPONSE_WINDOW_MIN = 15.0


@dataclass(frozen=True)
class Task:
    """A critical task, its rating (None: not exercised) and the evidence for it."""

    name: Message
    rating: Rating | None
    evidence: Message


@dataclass(frozen=True)
class Objective:
    """An objective and its critical tasks (names and evidence in both languages)."""

    name: Message
    kind: str  # "rule" or "deadline"
    tasks: tuple[Task, ...]

    @property
    def rating(self) -> Rating | None:
        """Return the worst rating among the rated tasks, None if none was exercised."""
        rated = [task.rating for task in self.tasks if task.rating is not None]
        return worst(rated) if rated else None


def outage_deadline(rule: PlaybookRule) -> float | None:
    """Return D for an ``escalate`` rule whose condition is ``outage_min >= D``, else None."""
    condition = rule.condition
    is_deadline = (
        rule.action == "escalate"
        and isinstance(condition, Compare)
        and condition.metric == "outage_min"
        and condition.op == ">="
    )
    return condition.value if is_deadline else None


def _days(result: RunResult) -> dict[int, list[Event]]:
    days: dict[int, list[Event]] = defaultdict(list)
    for replication, event in result.events:
        days[replication].append(event)
    return days


def _carried_out(events: list[Event], label: str) -> list[float]:
    """Return when rule ``label``'s action was carried out (fired and did not fail) on a day."""
    times = []
    for position, event in enumerate(events):
        if event.kind == "trigger" and event.name == label:
            outcome = events[position + 1] if position + 1 < len(events) else None
            if outcome is None or outcome.name not in FAILURES:
                times.append(event.time)
    return times


def _answered_objective(
    name: Message, label: str, rule: PlaybookRule, days: dict[int, list[Event]], n: int
) -> Objective:
    """Rate how people answered the rule's calls (a tabletop or a real drill's log)."""
    called = responded = days_called = 0
    for events in days.values():
        calls = [e.time for e in events if e.kind == "recommendation" and e.name == label]
        done = _carried_out(events, label)
        days_called += bool(calls)
        called += len(calls)
        responded += sum(
            any(abs(time - call) <= RESPONSE_WINDOW_MIN for time in done) for call in calls
        )
    evidence = message(
        "rule.evidence_responded",
        called=called,
        days_called=days_called,
        days=n,
        responded=responded,
        window=RESPONSE_WINDOW_MIN,
    )
    return Objective(
        name, "rule", (Task(message("rule.task"), rate_share(responded, called), evidence),)
    )


def _rule_objective(
    index: int, rule: PlaybookRule, days: dict[int, list[Event]], n: int, scripted: bool
) -> Objective:
    label = f"rule {index + 1}"
    fired = failed = 0
    days_fired = 0
    for events in days.values():
        day_fired = False
        for position, event in enumerate(events):
            if event.kind == "trigger" and event.name == label:
                fired += 1
                day_fired = True
                outcome = events[position + 1] if position + 1 < len(events) else None
                failed += outcome is not None and outcome.name in FAILURES
        days_fired += day_fired
    action = message(f"action.{rule.action}")
    if rule.note:
        name = message("rule.name", note=rule.note, action=action, when=rule.when)
    else:
        name = message("rule.name_plain", action=action, when=rule.when)
    task_name = message("rule.task")
    called = any(
        e.kind == "recommendation" and e.name == label for events in days.values() for e in events
    )
    if scripted and called:
        return _answered_objective(name, label, rule, days, n)
    if fired == 0:
        return Objective(
            name, "rule", (Task(task_name, None, message("rule.not_exercised", when=rule.when)),)
        )
    if scripted:  # acted although the rule never called for it
        evidence = message(
            "rule.evidence_unprompted", when=rule.when, fired=fired, done=fired - failed
        )
        return Objective(
            name, "rule", (Task(task_name, rate_share(fired - failed, fired), evidence),)
        )
    evidence = message(
        "rule.evidence_failed" if failed else "rule.evidence",
        fired=fired,
        days_fired=days_fired,
        days=n,
        done=fired - failed,
    )
    return Objective(name, "rule", (Task(task_name, rate_share(fired - failed, fired), evidence),))


def _deadline_objective(
    rule: PlaybookRule, deadline: float, days: dict[int, list[Event]], target: float
) -> Objective:
    to = rule.params["to"]
    ratings, delays = [], []
    for events in days.values():
        starts = [e.time for e in events if e.kind == "incident" and e.name in OUTAGE_KINDS]
        ends = [
            e.time
            for e in events
            if e.kind == "incident"
            and e.name.endswith("_end")
            and e.name.removesuffix("_end") in OUTAGE_KINDS
        ]
        reports = [e.time for e in events if e.name == "escalate" and e.detail == to]
        for start, end in zip(starts, ends, strict=False):
            if end - start <= deadline:
                continue  # over before the deadline: nothing to report
            made = [time - start for time in reports if time >= start]
            delay = min(made) if made else None
            ratings.append(rate_deadline(delay, deadline))
            if delay is not None:
                delays.append(delay)
    name = message("deadline.name", to=to, deadline=deadline)
    if rule.note:
        name = message("deadline.name_noted", note=rule.note, name=name)
    task_name = message("deadline.task")
    if not ratings:
        evidence = message("deadline.not_exercised", deadline=deadline)
        return Objective(name, "deadline", (Task(task_name, None, evidence),))
    on_time = sum(r is Rating.P for r in ratings)
    counts = {
        "outages": len(ratings),
        "on_time": on_time,
        "late": len(delays) - on_time,
        "never": len(ratings) - len(delays),
    }
    if delays:
        evidence = message("deadline.evidence_median", median=statistics.median(delays), **counts)
    else:
        evidence = message("deadline.evidence", **counts)
    task = Task(task_name, reached_on_share(ratings, target), evidence)
    return Objective(name, "deadline", (task,))


def playbook_objectives(result: RunResult) -> list[Objective]:
    """Return the objectives of the scenario's playbook, rated over the run's days."""
    scenario = result.scenario
    days = _days(result)
    objectives = []
    for index, rule in enumerate(scenario.playbook):
        deadline = outage_deadline(rule)
        if deadline is not None:
            target = scenario.limits.target_share
            objectives.append(_deadline_objective(rule, deadline, days, target))
        else:
            scripted = result.script is not None
            objectives.append(_rule_objective(index, rule, days, result.replications, scripted))
    return objectives

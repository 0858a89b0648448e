"""Objectives of a drill, rated P/S/M/U from what happened on the simulated days.

- Every playbook rule is an objective: *carry out the action whenever the condition calls for it*.
  Its critical task is carrying it out. The engine reports each action's result on its event
  (:class:`~simulator.engine.events.ActionResult`): an action that changed nothing (no reserve
  left, no free counter, no guide on the floor, nothing to close) was not carried out, and a
  partial one (1 counter of 2) was. A rule whose condition never became true was not exercised
  and gets no rating. When people decided instead of the rules (``drill play``, ``drill
  score``), the rules ran in the shadow and logged when they called for the action; each call
  counts as answered if the people carried the action out within :data:`RESPONSE_WINDOW_MIN`
  minutes of it, before or after.
- Every escalation rule on ``outage_min`` (``outage_min >= 30``) is a deadline: *report within 30
  minutes of an outage*. On each day an outage outlasted the deadline, the report's delay is
  rated by :func:`~simulator.scoring.ratings.rate_deadline`.

Task ratings over days use :func:`~simulator.scoring.ratings.reached_on_share` at the scenario's
target share; an objective takes its worst task's rating; every rating cites its evidence.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from simulator.engine.events import ActionResult, ActionStatus, Event, EventKind, Reason
from simulator.i18n import Message, message
from simulator.model.actions import Escalate, Rule
from simulator.model.condition_words import said
from simulator.model.conditions import Compare
from simulator.model.incidents import OUTAGE_KINDS
from simulator.runner.replicate import RunResult
from simulator.scoring.ratings import (
    Rating,
    rate_deadline,
    rate_share,
    reached_on_share,
    worst,
)

RESPONSE_WINDOW_MIN = 15.0


@dataclass(frozen=True)
class Task:
    """A critical task, its rating (None: not exercised) and the evidence for it."""

    name: Message
    rating: Rating | None
    evidence: Message


@dataclass(frozen=True)
class Objective:
    """An objective and its critical tasks (names and evidence in both languages).

    ``kind`` and ``rule`` (the index of the playbook rule it rates, if any) identify it; the
    run directory writes them as a stable id (``rule-3``, ``evacuation-time``).
    """

    name: Message
    kind: str  # "rule", "deadline", "evacuation_time" or "evacuation_crowd"
    tasks: tuple[Task, ...]
    rule: int | None = None

    @property
    def rating(self) -> Rating | None:
        """Return the worst rating among the rated tasks, None if none was exercised."""
        rated = [task.rating for task in self.tasks if task.rating is not None]
        return worst(rated) if rated else None


def outage_deadline(rule: Rule) -> float | None:
    """Return D for an ``escalate`` rule whose condition is ``outage_min >= D``, else None.

    ``outage_min >= 1`` (and less) means "at once", not a one-minute deadline: such a rule is
    rated as any other rule, by whether it was answered (docs/scoring.md).
    """
    condition = rule.condition
    if (
        rule.action == "escalate"
        and isinstance(condition, Compare)
        and condition.metric == "outage_min"
        and condition.op == ">="
        and condition.value > 1
    ):
        return condition.value
    return None


def _days(result: RunResult) -> dict[int, list[Event]]:
    days: dict[int, list[Event]] = defaultdict(list)
    for replication, event in result.events:
        days[replication].append(event)
    return days


def _actions(events: list[Event], index: int) -> list[Event]:
    """Return rule ``index``'s action events of one day: one per firing, with its result."""
    return [e for e in events if e.kind is EventKind.ACTION and e.rule == index]


@dataclass
class Tally:
    """What a rule's firings achieved over the days: done, partly, unable, nothing to act on."""

    fired: int = 0
    days_fired: int = 0
    done: int = 0  # carried out, fully or partly
    partly: int = 0  # of those, only partly, for want of something (a reserve, a guide)
    unable: int = 0  # not carried out: a resource was missing
    reasons: Counter[Reason] = field(default_factory=Counter)  # of every shortfall
    partly_reasons: Counter[Reason] = field(default_factory=Counter)

    def add(self, result: ActionResult | None) -> None:
        """Count one firing's result."""
        self.fired += 1
        if result is None:
            return
        if result.carried_out:
            self.done += 1
            if result.status is ActionStatus.PARTLY and result.reason is not None:
                self.partly += 1
                self.partly_reasons[result.reason] += 1
            return
        self.unable += result.unable
        if result.reason is not None:
            self.reasons[result.reason] += 1

    @property
    def idle(self) -> int:
        """Return the firings that had nothing to act on: neither done nor failed."""
        return self.fired - self.done - self.unable

    def rating(self) -> Rating | None:
        """Rate the firings that had something to act on; a partial result rates S at best."""
        judged = self.done + self.unable
        if judged == 0:
            return None
        rating = rate_share(self.done, judged)
        return worst([rating, Rating.S]) if self.partly else rating


def _answers_call(result: ActionResult | None) -> bool:
    """Return whether an action answers the playbook's call: it acted, or had nothing to act on.

    People who order exactly what the playbook calls for did their part even when nobody was
    there to redirect; only an action the hall was unable to carry out leaves the call open.
    """
    return result is not None and (result.carried_out or not result.unable)


def _answered_objective(
    index: int, name: Message, days: dict[int, list[Event]], n: int
) -> Objective:
    """Rate how people answered the rule's calls (a tabletop or a real drill's log)."""
    called = responded = days_called = 0
    for events in days.values():
        calls = [e.time for e in events if e.kind is EventKind.RECOMMENDATION and e.rule == index]
        done = [e.time for e in _actions(events, index) if _answers_call(e.result)]
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
    task = Task(message("rule.task"), rate_share(responded, called), evidence)
    return Objective(name, "rule", (task,), index)


def _reasons(counts: Counter[Reason]) -> tuple[Message, ...]:
    """Return each reason an action fell short, with how often, most frequent first."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].value))
    return tuple(
        message("reason.count", reason=message(f"reason.{reason.value}"), count=count)
        for reason, count in ordered
    )


def _shortfalls(tally: Tally) -> dict[str, Message | str]:
    """Return the evidence's parts for partial, unable and idle firings ("" where none)."""
    parts: dict[str, Message | str] = {"partly": "", "unable": "", "idle": ""}
    if tally.partly:
        parts["partly"] = message(
            "rule.part_partly", count=tally.partly, reasons=_reasons(tally.partly_reasons)
        )
    for part, unable in (("unable", True), ("idle", False)):
        picked = Counter({r: c for r, c in tally.reasons.items() if r.unable is unable})
        if picked:
            parts[part] = message(
                f"rule.part_{part}", count=sum(picked.values()), reasons=_reasons(picked)
            )
    return parts


def _rule_objective(
    index: int, rule: Rule, days: dict[int, list[Event]], n: int, scripted: bool
) -> Objective:
    tally = Tally()
    for events in days.values():
        actions = _actions(events, index)
        tally.days_fired += bool(actions)
        for event in actions:
            tally.add(event.result)
    action = message(f"action.{rule.action}")
    when = said(rule.condition) if rule.condition is not None else rule.when
    if rule.note:
        name = message("rule.name", note=rule.note, action=action, when=when)
    else:
        name = message("rule.name_plain", action=action, when=when)
    called = any(
        e.kind is EventKind.RECOMMENDATION and e.rule == index
        for events in days.values()
        for e in events
    )
    if scripted and called:
        return _answered_objective(index, name, days, n)
    task_name = message("rule.task")
    counts = {"fired": tally.fired, "days_fired": tally.days_fired, "days": n, "done": tally.done}
    if tally.fired == 0:
        evidence = message("rule.not_exercised", when=when)
    elif scripted:  # acted although the rule never called for it
        evidence = message(
            "rule.evidence_unprompted", when=when, fired=tally.fired, done=tally.done
        )
    elif tally.done + tally.unable == 0:
        evidence = message("rule.evidence_idle", reasons=_reasons(tally.reasons), **counts)
    elif tally.done < tally.fired or tally.partly:
        evidence = message("rule.evidence_short", **_shortfalls(tally), **counts)
    else:
        evidence = message("rule.evidence", **counts)
    # Only the times the hall was unable count against it; a firing with nothing to act on
    # (nobody waiting, nobody eligible came) is neither done nor failed.
    return Objective(name, "rule", (Task(task_name, tally.rating(), evidence),), index)


def _outages(events: list[Event]) -> list[tuple[float, float]]:
    """Return (start, end) of each outage that ended on a day, by incident."""
    starts: dict[int | None, float] = {}
    periods = []
    for event in events:
        if event.name not in OUTAGE_KINDS:
            continue
        if event.kind is EventKind.INCIDENT:
            starts[event.incident] = event.time
        elif event.kind is EventKind.INCIDENT_END and event.incident in starts:
            periods.append((starts.pop(event.incident), event.time))
    return periods


def _deadline_objective(
    index: int,
    rule: Rule,
    deadline: float,
    days: dict[int, list[Event]],
    target: float,
) -> Objective:
    to = rule.to if isinstance(rule, Escalate) else ""
    ratings, delays = [], []
    for events in days.values():
        # A report to this level counts, whoever made it and for whichever rule.
        reports = [
            e.time
            for e in events
            if e.kind is EventKind.ACTION and e.name == "escalate" and e.target == to
        ]
        for start, end in _outages(events):
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
        task = Task(task_name, None, evidence)
        return Objective(name, "deadline", (task,), index)
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
    return Objective(name, "deadline", (task,), index)


def playbook_objectives(result: RunResult) -> list[Objective]:
    """Return the objectives of the scenario's playbook, rated over the run's days."""
    scenario = result.scenario
    days = _days(result)
    objectives = []
    for index, rule in enumerate(scenario.playbook):
        deadline = outage_deadline(rule)
        if deadline is not None:
            target = scenario.limits.target_share
            objectives.append(_deadline_objective(index, rule, deadline, days, target))
        else:
            scripted = result.script is not None
            objectives.append(_rule_objective(index, rule, days, result.replications, scripted))
    return objectives

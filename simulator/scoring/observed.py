"""A real drill rated from what its log shows: clause by clause, then its measured outcomes.

This is the verdict of ``drill score`` and ``drill play``; simulation only adds what-ifs beside
it. For every clause of the plan (:func:`~simulator.model.procedures.clauses_of`):

1. *When was it due?* Its condition is evaluated on the drill's own timeline: the injects (an
   outage from 10:30 to 11:05), the time, and what was measured (a queue counted at 10:45).
   The first moment it holds is when the clause fell due; a clause whose condition never held
   is not applicable (a 60-minute report after a 35-minute outage), and one that reads a
   quantity nobody measured says so.
2. *Was it done?* The first log line doing that action or step (to the same level, the same
   number) since the incident began counts.
3. *How promptly?* By the clause's urgency (:class:`~simulator.model.procedures.Urgency`):
   life-safety steps "at once" on a one-minute scale, service steps "at once" on a five-minute
   scale, reports due D minutes into an incident by :func:`~.ratings.rate_deadline`. Not done
   at all: U. An evaluator's rating in the log overrides the computed one; both are kept.

Measured outcomes (a stopwatch egress of 142 s) are rated against the scenario's limits. The
overall verdict is the worst of all these ratings. The scales are written out in
docs/scoring.md.
"""

import math
from dataclasses import dataclass, replace

from simulator.engine.events import Event, EventKind
from simulator.i18n import CATALOG, Message, message
from simulator.model.actions import AFTER_CLOSING_MIN
from simulator.model.clauses import Clause, Urgency
from simulator.model.condition_words import said
from simulator.model.conditions import Compare, metrics_of
from simulator.model.drill_log import DrillLog
from simulator.model.procedures import clauses_of, kinds_of
from simulator.model.scenario import Scenario
from simulator.scoring.ratings import SOME_CHALLENGES_LATENESS, Rating, rate_deadline, worst
from simulator.scoring.timeline import COUNTABLE, Period, Timeline, periods_of

# "At once": within these minutes of falling due it is P, within the second S, later M.
PROMPT_MIN = {Urgency.LIFE: (1.0, 2.0), Urgency.SERVICE: (5.0, 10.0)}
# A clause due on a measured quantity (a queue of 30) counts actions taken up to this long
# before the measurement: the team may have seen it coming.
LOOKBACK_MIN = 15.0
# Measured outcomes and the limit each is held to (the queue: its largest count).
MEASURED_LIMITS = {"egress_s": "egress_s", "evacuation_s": "evacuation_s", "queue": "peak_queue"}
MEASURED_LIMITS["wait_p90_min"] = "wait_p90_min"


@dataclass(frozen=True)
class ClauseRating:
    """One clause rated from the log: when it was due, what was done, how it rates."""

    number: int
    clause: Clause
    name: Message
    expected: Message
    due_min: float | None
    done_min: float | None
    who: str
    computed: Rating | None  # None: not applicable
    evidence: Message
    evaluator: Rating | None = None
    evaluator_note: str = ""

    @property
    def rating(self) -> Rating | None:
        """Return the rating that counts: the evaluator's where given, else the computed one."""
        return self.evaluator or self.computed

    @property
    def deviation_min(self) -> float | None:
        """Return how late (+) or early (-) it was done against when it fell due."""
        if self.due_min is None or self.done_min is None:
            return None
        return self.done_min - self.due_min


@dataclass(frozen=True)
class MeasuredRating:
    """A measured outcome against its limit."""

    measure: str
    value: float
    limit: float
    rating: Rating


@dataclass(frozen=True)
class ObservedScore:
    """The drill's rating from its log: the periods, every clause, the measured outcomes."""

    periods: tuple[Period, ...]
    clauses: tuple[ClauseRating, ...]
    measured: tuple[MeasuredRating, ...]

    @property
    def verdict(self) -> Rating | None:
        """Return the worst rating of every rated clause and measured outcome."""
        rated = [c.rating for c in self.clauses if c.rating is not None]
        rated += [m.rating for m in self.measured]
        return worst(rated) if rated else None


def _matches(clause: Clause, action: str, params: dict[str, object]) -> bool:
    return action == clause.do and all(params.get(key) == value for key, value in clause.match)


def promptness(urgency: Urgency, late_min: float, deadline_min: float) -> Rating:
    """Rate how promptly a clause was carried out, ``late_min`` after it fell due."""
    if urgency is Urgency.DEADLINE:
        return rate_deadline(deadline_min + max(late_min, 0.0), deadline_min)
    good, fair = PROMPT_MIN[urgency]
    if late_min <= good:
        return Rating.P
    return Rating.S if late_min <= fair else Rating.M


def expected(clause: Clause) -> Message:
    """Return how promptly the clause is due, in words."""
    if clause.urgency is Urgency.DEADLINE:
        condition = clause.condition
        minutes = condition.value if isinstance(condition, Compare) else 0.0
        late = minutes * (1 + SOME_CHALLENGES_LATENESS)
        return message("clause.expected_deadline", minutes=minutes, late=late)
    good, fair = PROMPT_MIN[clause.urgency]
    return message("clause.expected_at_once", good=good, fair=fair)


def clause_name(clause: Clause) -> Message:
    """Return the clause's name: the plan's words for built-in ones, the rule's own otherwise."""
    if clause.rule is None:
        action = message(f"action.{clause.do}")
        if clause.note:  # the hall's own clause, or a built-in one it re-worded
            return message("clause.own", note=clause.note, action=action)
        # A built-in clause has the plans' words; one of the hall's own without a note, its action.
        return message(clause.key) if clause.key in CATALOG else action
    action = message(f"action.{clause.do}")
    when = said(clause.condition)
    if clause.note:
        return message("rule.name", note=clause.note, action=action, when=when)
    return message("rule.name_plain", action=action, when=when)


# An action the hall could not carry out in a played day: (minute, action, the reason).
Failed = tuple[float, str, Message]


def _lines(
    log: DrillLog, failed: tuple[Failed, ...] = ()
) -> list[tuple[float, str, dict[str, object], str]]:
    """Return every line of the log as (time, action or step, its parameters, who).

    Decisions the played day could not carry out (``failed``) are no line: they did nothing.
    """
    nothing = {(time, action) for time, action, _reason in failed}
    lines = [
        (d.time_min, d.action, dict(d.params), d.who)
        for d in log.decisions
        if (d.time_min, d.action) not in nothing
    ]
    lines += [(s.time_min, s.do, {}, s.who) for s in log.steps]
    return sorted(lines, key=lambda line: line[0])


def _due(clause: Clause, timeline: Timeline, day: tuple[float, float]) -> float | None:
    """Return when ``clause`` fell due on the drill's timeline (None: its condition never held)."""
    condition = clause.condition
    times = timeline.candidates(condition, *day)
    return next((t for t in times if condition.evaluate(timeline.state(t))), None)


def _rate_clause(
    number: int,
    clause: Clause,
    timeline: Timeline,
    lines: list[tuple[float, str, dict[str, object], str]],
    day: tuple[float, float],
    until: float = math.inf,
    failed: tuple[Failed, ...] = (),
) -> ClauseRating:
    """Rate one clause on one occasion: lines from ``since`` up to ``until`` (the next one)."""
    condition = clause.condition
    name, when = clause_name(clause), said(condition)
    due = _due(clause, timeline, day)

    def rated(
        computed: Rating | None, evidence: Message, done: float | None = None, who: str = ""
    ) -> ClauseRating:
        return ClauseRating(
            number, clause, name, expected(clause), due, done, who, computed, evidence
        )

    if due is None:
        read = metrics_of(condition)
        measured = {m.measure for m in timeline.measured}
        unknown = {m for m in read & COUNTABLE if m not in measured}
        if unknown:
            metrics = tuple(message(f"clause.measure.{metric}") for metric in sorted(unknown))
            return rated(None, message("clause.na_unmeasured", when=when, metrics=metrics))
        return rated(None, message("clause.na_never", when=when))
    kinds = kinds_of(condition)
    running = timeline.running(tuple(kinds), due) if kinds else None
    if "outage_ended_min" in metrics_of(condition):
        since = due
    elif running is not None:
        since = running.start
    else:
        since = due - LOOKBACK_MIN
    deadline = due - running.start if running is not None else 0.0
    done = [
        (time, who)
        for time, action, params, who in lines
        if since <= time < until and _matches(clause, action, params)
    ]
    unable = [f for f in failed if since <= f[0] < until and f[1] == clause.do]
    if not done and unable:  # ordered, but the hall could not do it: not carried out
        time, _action, reason = unable[0]
        evidence = message("clause.did_nothing", due=_clock(due), done=_clock(time), reason=reason)
        return rated(Rating.U, evidence)
    if not done:
        # The same action with other identity (110 called, not 119): say so, not "nothing".
        near = [
            (time, params)
            for time, action, params, _who in lines
            if since <= time < until and action == clause.do
        ]
        if near and clause.match:
            time, params = near[0]
            key, wanted = clause.match[0]
            evidence = message(
                "clause.not_done_other",
                due=_clock(due),
                done=_clock(time),
                got=params.get(key, "—"),
                wanted=wanted,
            )
            return rated(Rating.U, evidence)
        return rated(Rating.U, message("clause.not_done", due=_clock(due)))
    time, who = done[0]
    late = time - due
    if clause.cutoff_min is not None and late > clause.cutoff_min:
        evidence = message(
            "clause.too_late", due=_clock(due), done=_clock(time), cutoff=clause.cutoff_min
        )
        return rated(Rating.U, evidence, time, who)
    rating = promptness(clause.urgency, late, deadline)
    key = "clause.done_early" if late <= 0 else "clause.done"
    evidence = message(
        key if who else key + "_anonymous", due=_clock(due), done=_clock(time), who=who, late=late
    )
    return rated(rating, evidence, time, who)


def _worst_occasion(found: list[ClauseRating]) -> ClauseRating:
    """Return the worst rated occasion of a clause, saying which when there were several."""
    rated = [r for r in found if r.computed is not None]
    if len(found) == 1 or not rated:
        return found[0]
    worst_one = max(rated, key=lambda r: r.computed.rank if r.computed else -1)
    evidence = message(
        "clause.occasion",
        occasion=found.index(worst_one) + 1,
        occasions=len(found),
        evidence=worst_one.evidence,
    )
    return replace(worst_one, evidence=evidence)


def _clock(minutes: float) -> str:
    whole = round(minutes * 60)
    hours, rest = divmod(whole, 3600)
    clock = f"{hours:02d}:{rest // 60:02d}"
    return clock if rest % 60 == 0 else f"{clock}:{rest % 60:02d}"


def _head_count(rating: ClauseRating, log: DrillLog) -> ClauseRating:
    """Mark a head count that found people missing as done with major challenges."""
    missing = [
        m for m in log.measurements if m.measure == "headcount_complete" and m.value is False
    ]
    if rating.clause.do != "head_count" or not missing or rating.computed is None:
        return rating
    computed = worst([rating.computed, Rating.M])
    evidence = message("clause.headcount_missing", evidence=rating.evidence)
    return ClauseRating(**{**rating.__dict__, "computed": computed, "evidence": evidence})


def _with_evaluator(rating: ClauseRating, log: DrillLog) -> ClauseRating:
    notes = [n for n in log.notes if n.clause in (rating.number, rating.clause.id)]
    if not notes:
        return rating
    given = [n.rating for n in notes if n.rating]
    text = "；".join(n.note for n in notes if n.note)
    evaluator = Rating(given[-1]) if given else None
    evidence = rating.evidence
    if evaluator is not None and rating.computed is None:  # most likely the wrong number
        evidence = message("clause.evaluator_on_na", evidence=evidence)
    changes = {"evaluator": evaluator, "evaluator_note": text, "evidence": evidence}
    return ClauseRating(**{**rating.__dict__, **changes})


def measured_ratings(log: DrillLog, scenario: Scenario) -> tuple[MeasuredRating, ...]:
    """Rate each measured outcome the scenario has a limit for (the largest queue counted)."""
    found = []
    for measure, limit_name in MEASURED_LIMITS.items():
        limit = getattr(scenario.limits, limit_name, None)
        values = [float(m.value) for m in log.measurements if m.measure == measure]
        if limit is None or not values:
            continue
        value = max(values)
        if value <= limit:
            rating = Rating.P
        elif value <= limit * (1 + SOME_CHALLENGES_LATENESS):
            rating = Rating.S
        else:
            rating = Rating.M
        found.append(MeasuredRating(measure, value, float(limit), rating))
    return tuple(found)


def score_observed(
    log: DrillLog, scenario: Scenario, failed: tuple[Failed, ...] = ()
) -> ObservedScore:
    """Rate the drill ``log`` of ``scenario`` clause by clause, then its measured outcomes.

    ``failed``: in a played day, the decisions the hall could not carry out (no reserve left,
    no free counter) and why; they count as not done, with that reason as evidence.

    One log line carries out one clause: clauses are taken in the order they fell due, and a
    line that carried out one (the call to IT at 10:32) is not counted again for a later one
    doing the same (the report due after 30 minutes).
    """
    periods = periods_of(log, scenario)
    timeline = Timeline(periods, log.measurements)
    day = (scenario.hours.open_min, scenario.hours.close_min + AFTER_CLOSING_MIN)
    clauses = list(enumerate(clauses_of(scenario), start=1))
    due = {number: _due(clause, timeline, day) for number, clause in clauses}
    order = sorted(clauses, key=lambda item: (due[item[0]] or math.inf, item[0]))
    lines = _lines(log, failed)
    rated: dict[int, ClauseRating] = {}
    for number, clause in order:
        kinds = kinds_of(clause.condition)
        occurrences = [p for p in periods if p.kind in kinds]
        # Each incident of the kind is its own occasion (two outages: two calls to IT); the
        # clause is as good as its worst occasion.
        timelines = [(timeline, math.inf)]
        if len(occurrences) > 1:
            # A line belongs to the occasion it falls in: up to the next one's start.
            starts = sorted(p.start for p in occurrences)
            timelines = [
                (
                    Timeline(
                        tuple(q for q in periods if q.kind not in kinds or q is p),
                        tuple(timeline.measured),
                    ),
                    next((start for start in starts if start > p.start), math.inf),
                )
                for p in occurrences
            ]
        found = []
        for occasion, until in timelines:
            rating = _rate_clause(number, clause, occasion, lines, day, until, failed)
            if rating.done_min is not None:
                used = next(
                    line
                    for line in lines
                    if line[0] == rating.done_min and _matches(clause, line[1], line[2])
                )
                lines = [line for line in lines if line is not used]
            found.append(rating)
        rating = _worst_occasion(found)
        rated[number] = _with_evaluator(_head_count(rating, log), log)
    ratings = tuple(rated[number] for number, _clause in clauses)
    return ObservedScore(periods, ratings, measured_ratings(log, scenario))


def with_rules_as_rated(log: DrillLog, observed: ObservedScore) -> DrillLog:
    """Return ``log`` with each decision tied to the playbook rule whose clause it carried out.

    A log line is matched to the first rule doing the same when it is read; the rating may give
    it to another (the 11:15 report after recovery to rule 6, not rule 4 whose report came at
    11:11). The simulation and the brief's decision record then say what the rating said.
    """
    decisions = list(log.decisions)
    taken: set[int] = set()
    for rated in observed.clauses:
        rule = rated.clause.rule
        if rule is None or rated.done_min is None:
            continue
        for index, decision in enumerate(decisions):
            if index in taken or decision.pinned or decision.time_min != rated.done_min:
                continue  # a rule: N the log pins stays that rule's
            if _matches(rated.clause, decision.action, dict(decision.params)):
                decisions[index] = replace(decision, rule=rule)
                taken.add(index)
                break
    return replace(log, decisions=tuple(decisions))


def failed_actions(events: list[Event]) -> tuple[Failed, ...]:
    """Return a played day's actions the hall was unable to carry out, and why."""
    return tuple(
        (event.time, event.name, message(f"reason.{event.result.reason.value}"))
        for event in events
        if event.kind is EventKind.ACTION
        and event.result is not None
        and event.result.unable
        and event.result.reason is not None
    )

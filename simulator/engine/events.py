"""The typed events of a simulated day: injects, decisions, actions with their results.

Everything above the engine (scoring, the brief, the charts, the tabletop console) learns what
happened from these records and never from text: an event says what it is (:class:`EventKind`),
which playbook rule and which scenario incident it belongs to (by index), whom it went to, and,
for an action, its :class:`ActionResult`: carried out, partly or not at all, why, and how much
("2 counters asked, 1 called"). ``detail`` is a sentence for people reading ``events.csv``;
nothing may parse it.

This module is plain data (no SimPy), so the run directory's reader can rebuild the same
events from ``events.csv`` that the engine produced.
"""

from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    """What sort of moment an event records."""

    INCIDENT = "incident"  # an incident begins: the inject
    INCIDENT_STEP = "incident_step"  # within it: detection, suppression, generator power
    INCIDENT_END = "incident_end"  # the incident is over
    TRIGGER = "trigger"  # a rule fires, or a person decides: an action is ordered
    RECOMMENDATION = "recommendation"  # in the shadow of people's decisions: a rule would fire
    ACTION = "action"  # an ordered action is carried out, or not: its result rides on it
    ACTION_END = "action_end"  # what an action put in force is lifted
    FOLLOW_UP = "follow_up"  # an action's later effect: staff arrive, a level answers
    PROCEDURE = "procedure"  # the incident's own procedure: alarm, 119, power cut, cordon


class ActionStatus(StrEnum):
    """Whether an action did what it was ordered to do."""

    CARRIED_OUT = "carried_out"
    PARTLY = "partly"  # it did some of it (1 of 2 counters); the reason says what was missing
    NOT_CARRIED_OUT = "not_carried_out"  # it changed nothing; the reason says why


class Reason(StrEnum):
    """Why an action was carried out only partly, or not at all.

    Two sorts: the hall was *unable* (no reserve, no free counter, no guide, no guard: a
    resource the plan relies on was missing), or there was *no occasion* (nobody to act on,
    nothing to close, already in force). Either way the action did nothing and is never counted
    as carried out; scoring holds only the first sort against the team (:attr:`unable`).
    """

    RESERVE_EXHAUSTED = "reserve_exhausted"  # no reserve staff left to call in
    NO_FREE_COUNTER = "no_free_counter"  # every counter position is staffed
    NO_GUIDE = "no_guide"  # no lobby guide on the floor
    NO_SECURITY = "no_security"  # no security guard at the door
    NO_MANAGER = "no_manager"  # the duty manager is taken up by an incident (the media)
    LAST_REGULAR_COUNTER = "last_regular_counter"  # a fast lane would take the last counter
    NOTHING_TO_CLOSE = "nothing_to_close"  # no called-in clerk to send back
    NOBODY_WAITING = "nobody_waiting"  # nobody in the queue to act on
    NOBODY_AGREED = "nobody_agreed"  # waiting customers were asked; none took it up
    NOBODY_ELIGIBLE = "nobody_eligible"  # in force, but nobody came whom it applies to
    ALREADY_IN_FORCE = "already_in_force"  # e.g. the hours were extended as far already
    NO_INCIDENT = "no_incident"  # an emergency call with no incident in progress it answers
    NOTHING_TO_EVACUATE = "nothing_to_evacuate"  # an evacuation ordered with no incident at all
    NOT_SAFE_YET = "not_safe_yet"  # evacuating while it shakes or the robbers are inside
    NEIGHBOR_DOWN = "neighbor_down"  # the neighbouring hall is down too (a regional outage)
    NEIGHBOR_FULL = "neighbor_full"  # the neighbouring hall can take no more this hour

    @property
    def unable(self) -> bool:
        """Return whether this reason is a missing resource (not merely no occasion to act)."""
        return self in UNABLE


UNABLE = frozenset(
    {
        Reason.RESERVE_EXHAUSTED,
        Reason.NO_FREE_COUNTER,
        Reason.NO_GUIDE,
        Reason.NO_SECURITY,
        Reason.NO_MANAGER,
        Reason.LAST_REGULAR_COUNTER,
        Reason.NEIGHBOR_DOWN,
        Reason.NEIGHBOR_FULL,
    }
)


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What an action achieved: its status, the reason when short, the amounts asked and done.

    ``asked`` is what the action asked for, where it is a number (counters); ``done`` what it
    achieved (counters called, customers redirected, pre-processed or turned away), in the
    unit its action implies. Either is None where it means nothing (a report to a superior).
    """

    status: ActionStatus
    reason: Reason | None = None
    asked: float | None = None
    done: float | None = None

    @property
    def carried_out(self) -> bool:
        """Return whether the action did anything at all (fully or partly)."""
        return self.status is not ActionStatus.NOT_CARRIED_OUT

    @property
    def unable(self) -> bool:
        """Return whether the action did nothing for want of staff, reserve or a position."""
        return not self.carried_out and self.reason is not None and self.reason.unable

    @classmethod
    def of(cls, asked: float | None, done: float, short: Reason | None) -> "ActionResult":
        """Return the result of an action that did ``done`` of ``asked``, limited by ``short``.

        Nothing done is not carried out; less than asked is partly; otherwise carried out.
        """
        if done <= 0 and short is not None:
            return cls(ActionStatus.NOT_CARRIED_OUT, short, asked, done)
        if asked is not None and done < asked:
            return cls(ActionStatus.PARTLY, short, asked, done)
        return cls(ActionStatus.CARRIED_OUT, None, asked, done)


DONE = ActionResult(ActionStatus.CARRIED_OUT)  # an action that cannot fall short (a report)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened at a moment of the day.

    ``rule`` and ``incident`` are indices into the scenario's playbook and incidents (a rule
    index past the last rule is a decision no rule foresaw); ``target`` is where an escalation,
    a call or a redirect went; ``who`` the person who decided (empty: the playbook).
    """

    time: float  # minutes since midnight
    kind: EventKind
    name: str  # the incident kind, the action, or the step ("fire_detected", "counters_opened")
    rule: int | None = None
    incident: int | None = None
    target: str = ""
    who: str = ""
    result: ActionResult | None = None
    detail: str = ""  # particulars in words, for people; never parsed

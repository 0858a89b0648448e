"""The alarm, and the team's order to evacuate: what it clears the hall for, and when it cannot.

An :class:`Alarm` is the order to evacuate with what the evacuation needs to know about its
cause (when the incident began, blocked exits, ASET, when responders arrive, who still fights
the fire). The automatic playbook sounds it where the scenario's incident model says
(:mod:`.emergencies`).

When people decide (a tabletop team, a drill's log replayed), :class:`Orders` keeps the
evacuation incidents in progress and what an order would do now:

- an order clears the hall for the incident whose alarm is *due* (the plan's moment has come:
  the fire out of control), else for the earliest one in progress; every exit an incident in
  progress blocks is blocked;
- while the shaking goes on or the robbers are in the hall an order cannot be carried out
  (``NOT_SAFE_YET``: the plans say shelter first, 就地避险; do not provoke);
- an alarm that falls due and is never ordered is sounded when the responders arrive: the
  ones the team called (their ``call_emergency`` with a response time), or else those the
  plan's own call would have brought.
"""

import math
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace

import simpy

from simulator.engine.events import EventKind, Reason
from simulator.engine.log import EventLog
from simulator.engine.situation import Situation


@dataclass(frozen=True)
class Alarm:
    """The order to evacuate, and what the evacuation needs to know about its cause."""

    cause: str
    incident: int  # its index among the scenario's incidents
    incident_min: float
    blocked: frozenset[str]
    asset_s: float
    responders_min: float  # when the fire brigade or police arrive (clock minutes); NaN if none
    fighters: dict[str, int] = field(default_factory=dict)  # staff still fighting the fire
    fight_left_s: float = 0.0  # how much longer they fight before they leave


# What the alarm of an incident would be if it were sounded now (and whether it cuts the power).
AlarmNow = Callable[[], tuple[Alarm, bool]]


@dataclass
class _Open:
    """An evacuation incident in progress, as an order would find it."""

    alarm_now: AlarmNow
    due: bool = False  # the plan's moment to evacuate has come
    hold: Reason | None = None  # why an order cannot be carried out now


class Orders:
    """The evacuation incidents an order of the team would clear the hall for."""

    def __init__(
        self,
        env: simpy.Environment,
        situation: Situation,
        log: EventLog,
        sound: Callable[[Alarm, bool], None],
        sounded: Callable[[], bool],
    ):
        self.env, self.situation, self.log = env, situation, log
        self._sound, self._sounded = sound, sounded
        self._open: dict[int, _Open] = {}

    def open(self, index: int, alarm_now: AlarmNow, hold: Reason | None = None) -> None:
        """From now on an order clears the hall for incident ``index`` so (unless ``hold``)."""
        due = self._open[index].due if index in self._open else False
        self._open[index] = _Open(alarm_now, due, hold)

    def close(self, index: int) -> None:
        """Incident ``index`` is over (the fire put out, the sheltered hall reopened)."""
        self._open.pop(index, None)

    def due(self, index: int, alarm_now: AlarmNow, responders_min: float) -> None:
        """Wait for the order: the plan's moment to evacuate for ``index`` has come.

        If it never comes, the responders clear the hall when they arrive: those the team
        called, if sooner, else at ``responders_min`` (at once if that is unknown).
        """
        self._open[index] = _Open(alarm_now, due=True)
        self.env.process(self._cleared_by_responders(index, responders_min))

    def responders(self, index: int, planned_min: float) -> float:
        """Return when responders reach incident ``index``: the team's call's, if sooner."""
        called = self.situation.arrival(index)
        if math.isnan(called):
            return planned_min
        return called if math.isnan(planned_min) else min(called, planned_min)

    def order(self) -> Alarm | Reason:
        """Sound the alarm for the team's order now; return it, or why it does nothing."""
        if self._sounded():
            return Reason.ALREADY_IN_FORCE
        ready = [(not item.due, index) for index, item in self._open.items() if item.hold is None]
        if ready:
            chosen = self._open[min(ready)[1]]
            alarm, cuts_power = chosen.alarm_now()
            blocked = alarm.blocked.union(
                *(item.alarm_now()[0].blocked for item in self._open.values())
            )
            alarm = replace(alarm, blocked=blocked)
        elif self._open:
            return next(item.hold for item in self._open.values() if item.hold is not None)
        else:
            # Any other incident: the team may clear the hall in a long power outage.
            in_progress = self.situation.in_progress()
            if not in_progress:
                return Reason.NOTHING_TO_EVACUATE
            index, kind = in_progress[0]
            now = self.env.now
            alarm, cuts_power = Alarm(kind, index, now, frozenset(), math.nan, math.nan), False
        self._sound(alarm, cuts_power)
        return alarm

    def _cleared_by_responders(self, index: int, planned_min: float) -> Generator[simpy.Event]:
        env = self.env
        at_min = self.responders(index, planned_min)
        wait = at_min - env.now if not math.isnan(at_min) else 0.0
        # The responders the team calls later may come sooner: their arrival ends the wait too.
        yield env.timeout(max(wait, 0.0)) | self.situation.handover(index)
        if self._sounded() or index not in self._open:
            return
        detail = "nobody ordered the evacuation; the responders clear the hall"
        self.log.record(
            EventKind.PROCEDURE, "evacuation_by_responders", incident=index, detail=detail
        )
        alarm, cuts_power = self._open[index].alarm_now()
        self._sound(alarm, cuts_power)

"""The incidents in progress: which have begun, since when, who was called to them.

One object owns this state. The parts that play incidents (:mod:`.incidents`,
:mod:`.emergencies`, the surges of :mod:`.hall`) say when one begins and ends; the playbook's
gauges read it (``illness_active``, ``siege_min``, ``outage_ended_min``, see
:data:`simulator.model.conditions.METRICS`); an emergency call is tied to the incident it is
about, and the responders' arrival ends an incident that ties staff up (the ambulance takes
over the customer taken ill, the police the disturbance).
"""

import math

import simpy

from simulator.model.incidents import OUTAGE_KINDS

# Which incidents each emergency number answers (the plans: 120 for illness and injury, 110
# for crime and disorder, 119 for fire).
ANSWERS: dict[int, frozenset[str]] = {
    110: frozenset(
        {"disorder", "siege", "fight", "robbery", "bomb_threat", "group_complaint", "media"}
    ),
    119: frozenset({"fire"}),
    120: frozenset({"illness"}),
}


class Situation:
    """The incidents in progress now, and when the last outage ended."""

    def __init__(self, env: simpy.Environment):
        self.env = env
        self._active: dict[int, tuple[str, float]] = {}  # incident index -> (kind, since)
        self._called: set[int] = set()  # incidents someone has called responders to
        self._arrival: dict[int, float] = {}  # when the responders called will be on site
        self._handover: dict[int, simpy.Event] = {}  # fired when the responders arrive
        self._outage_ended: float = math.nan

    def begin(self, index: int, kind: str) -> None:
        """Note that incident ``index`` (of ``kind``) begins now."""
        self._active[index] = (kind, self.env.now)

    def end(self, index: int) -> None:
        """Note that incident ``index`` is over."""
        kind, _ = self._active.pop(index, ("", 0.0))
        if kind in OUTAGE_KINDS:
            self._outage_ended = self.env.now

    def is_active(self, index: int) -> bool:
        """Return whether incident ``index`` is in progress."""
        return index in self._active

    def in_progress(self) -> list[tuple[int, str]]:
        """Return the incidents in progress as (index, kind), in the scenario's order."""
        return sorted((index, kind) for index, (kind, _since) in self._active.items())

    def minutes(self, kind: str) -> float:
        """Return how long the oldest ``kind`` incident in progress has lasted (0: none is)."""
        since = [start for active, start in self._active.values() if active == kind]
        return self.env.now - min(since) if since else 0.0

    def active(self, kind: str) -> bool:
        """Return whether an incident of ``kind`` is in progress."""
        return any(active == kind for active, _ in self._active.values())

    def minutes_since_outage(self) -> float:
        """Return the minutes since the last outage ended (NaN: none has; no comparison holds).

        While another outage is still on, the hall has not recovered: NaN too, so a rule on
        "just recovered" (``outage_ended_min <= 5``) waits for the last one to end.
        """
        if any(kind in OUTAGE_KINDS for kind, _ in self._active.values()):
            return math.nan
        return self.env.now - self._outage_ended

    def answered_by(self, number: int, named: frozenset[str] = frozenset()) -> int | None:
        """Return the incident in progress that a call to ``number`` is about (or None).

        A call goes first to the kinds the calling rule's ``when:`` names (``named``: a rule on
        ``fight_min`` calls about the fight, not the group complaint that began earlier, even
        if someone called about the fight already), then to an incident nobody has called
        about yet, then to the oldest.
        """
        kinds = ANSWERS.get(number, frozenset())
        candidates = [
            (kind not in named, index in self._called, start, index)
            for index, (kind, start) in self._active.items()
            if kind in kinds
        ]
        return min(candidates)[3] if candidates else None

    def called(self, index: int, arrival_min: float = math.nan) -> None:
        """Note that responders are on their way to incident ``index`` (due at ``arrival_min``)."""
        self._called.add(index)
        if not math.isnan(arrival_min):
            self._arrival[index] = min(self._arrival.get(index, math.inf), arrival_min)

    def arrival(self, index: int) -> float:
        """Return when the responders called to incident ``index`` arrive (NaN: none called)."""
        return self._arrival.get(index, math.nan)

    def was_called(self, index: int) -> bool:
        """Return whether responders were called to incident ``index``."""
        return index in self._called

    def handover(self, index: int) -> simpy.Event:
        """Return the event of the responders' arrival at incident ``index``."""
        if index not in self._handover:
            self._handover[index] = self.env.event()
        return self._handover[index]

    def responders_arrived(self, index: int) -> None:
        """Hand incident ``index`` over to the responders called to it, now on site."""
        event = self.handover(index)
        if not event.triggered:
            event.succeed()

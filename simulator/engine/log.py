"""The day's event log: the one owner of the events a simulated day produces.

Most events are complete when they happen. An action that puts something in force (a redirect,
pre-registration, door control) knows what it achieved only when it is lifted, yet its event
belongs at the moment it was ordered: :meth:`EventLog.open` keeps that place in the order and
:meth:`PendingAction.close` fills the event in later. Events come out ordered by time, and at
equal times in the order they were opened, so an action always follows the trigger that ordered
it.
"""

from collections.abc import Callable

from simulator.engine.events import ActionResult, Event, EventKind


class PendingAction:
    """An action event whose result is known only later (when what it put in force is lifted)."""

    __slots__ = ("_event", "_log", "_order", "closed")

    def __init__(self, log: "EventLog", order: int, event: Event):
        self._log, self._order, self._event = log, order, event
        self.closed = False

    def close(self, result: ActionResult, detail: str) -> None:
        """Write the event with its final ``result``; later calls change nothing."""
        if self.closed:
            return
        self.closed = True
        event = self._event
        self._log._place(
            self._order,
            Event(
                event.time,
                event.kind,
                event.name,
                event.rule,
                event.incident,
                event.target,
                event.who,
                result,
                detail,
            ),
        )


class EventLog:
    """The events of one day, in the order they happened."""

    def __init__(self, clock: Callable[[], float]):
        """Log at the times ``clock`` says (the simulation's ``now``)."""
        self._clock = clock
        self._placed: list[tuple[float, int, Event]] = []
        self._pending: list[tuple[PendingAction, Callable[[], tuple[ActionResult, str]]]] = []
        self._order = 0

    def _next(self) -> int:
        self._order += 1
        return self._order

    def _place(self, order: int, event: Event) -> None:
        self._placed.append((event.time, order, event))

    def record(
        self,
        kind: EventKind,
        name: str,
        *,
        rule: int | None = None,
        incident: int | None = None,
        target: str = "",
        who: str = "",
        result: ActionResult | None = None,
        detail: str = "",
        at: float | None = None,
    ) -> None:
        """Record an event now (or ``at`` a time already known, such as an evacuation's end)."""
        time = self._clock() if at is None else at
        event = Event(time, kind, name, rule, incident, target, who, result, detail)
        self._place(self._next(), event)

    def open(
        self,
        name: str,
        rule: int,
        final: Callable[[], tuple[ActionResult, str]],
        target: str = "",
        who: str = "",
    ) -> PendingAction:
        """Start the action event of rule ``rule`` now; ``final`` gives its result if never closed.

        ``final`` is asked at the end of the day for an action still in force then.
        """
        event = Event(self._clock(), EventKind.ACTION, name, rule, target=target, who=who)
        pending = PendingAction(self, self._next(), event)
        self._pending.append((pending, final))
        return pending

    def events(self) -> tuple[Event, ...]:
        """Return every event of the day in order, closing actions still in force."""
        for pending, final in self._pending:
            if not pending.closed:
                pending.close(*final())
        self._pending.clear()
        return tuple(event for _time, _order, event in sorted(self._placed, key=_by_time))


def _by_time(entry: tuple[float, int, Event]) -> tuple[float, int]:
    return entry[0], entry[1]

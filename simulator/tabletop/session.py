"""A tabletop exercise as data: the day so far, where it stops next, and the team's decisions.

The console never keeps a half-run simulation. Each time the team has decided, the whole day is
simulated again from the start with every decision so far (one day takes tens of milliseconds),
and the next stop is found in what it saw. Decisions only act from their own minute on, so the
day up to the stop is the same as before, and a session is, by construction, exactly what
``--decisions`` replays from its log.

The day stops for the team at opening, when an inject happens (an incident begins or ends), when
a playbook rule would fire (the playbook recommends it), when a clause of the plan falls due,
and otherwise every ``every`` minutes.
"""

from dataclasses import dataclass, field

from simulator.engine.control import Snapshot
from simulator.engine.events import Event, EventKind
from simulator.engine.hall import simulate_day
from simulator.engine.records import DayRecord
from simulator.engine.streams import Streams
from simulator.model.decisions import Decision
from simulator.model.scenario import Scenario

INJECTS = (EventKind.INCIDENT, EventKind.INCIDENT_STEP, EventKind.INCIDENT_END)


@dataclass(frozen=True)
class Moment:
    """What the team sees at one simulated minute: the engine's snapshot, and the injects."""

    snapshot: Snapshot
    injects: tuple[Event, ...] = ()  # incidents that began or ended since the minute before

    @property
    def time(self) -> float:
        """Return the minute of the day (minutes since midnight)."""
        return self.snapshot.time

    @property
    def recommended(self) -> tuple[int, ...]:
        """Return the rule indices the playbook would fire now."""
        return self.snapshot.recommended


@dataclass
class Rehearsal:
    """One simulated day with the decisions so far, seen minute by minute."""

    record: DayRecord
    moments: list[Moment] = field(default_factory=list)


def rehearse(scenario: Scenario, seed: int, script: tuple[Decision, ...]) -> Rehearsal:
    """Simulate day 0 of ``seed`` with ``script`` and keep what the team would see each minute."""
    seen: list[Snapshot] = []
    record = simulate_day(scenario, Streams(seed, 0), script, seen.append)
    injects = [event for event in record.events if event.kind in INJECTS]
    moments, before = [], -1.0
    for snapshot in seen:
        new = tuple(e for e in injects if before < e.time <= snapshot.time)
        moments.append(Moment(snapshot, new))
        before = snapshot.time
    return Rehearsal(record, moments)


def next_stop(
    moments: list[Moment], after: float | None, every: float, also: set[float] | None = None
) -> Moment | None:
    """Return the first moment after ``after`` (None: from opening) where the team decides.

    ``also`` are more minutes to stop at: when a clause of the plan falls due, say.
    """
    last, also = after, also or set()
    for moment in moments:
        if after is not None and moment.time <= after:
            continue
        if (
            last is None
            or moment.recommended
            or moment.injects
            or moment.time in also
            or moment.time - last >= every
        ):
            return moment
    return None

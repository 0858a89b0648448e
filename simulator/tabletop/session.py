"""A tabletop exercise as data: the day so far, where it stops next, and the team's decisions.

The console never keeps a half-run simulation. Each time the team has decided, the whole day is
simulated again from the start with every decision so far (one day takes tens of milliseconds),
and the next stop is found in what it saw. Decisions only act from their own minute on, so the
day up to the stop is the same as before, and a session is, by construction, exactly what
``--decisions`` replays from its log.

The day stops for the team at opening, when an inject happens (an incident begins or ends), when
a playbook rule would fire (the playbook recommends it), and otherwise every ``every`` minutes.
"""

from dataclasses import dataclass, field

from simulator.engine import Event, Streams, simulate_day
from simulator.engine.control import Playbook
from simulator.engine.policy import Step
from simulator.engine.records import DayRecord
from simulator.model.decisions import Decision
from simulator.model.scenario import Scenario


@dataclass(frozen=True)
class Moment:
    """What the team sees at one simulated minute, before that minute's decisions."""

    time: float
    state: dict[str, float]  # the quantities playbook conditions test (queue, density, ...)
    counters_open: int
    reserve_left: int
    on_the_way: int
    outages: int  # outages in progress
    recommended: tuple[int, ...]  # rule indices the playbook would fire now
    injects: tuple[Event, ...] = ()  # incidents that began or ended since the minute before


@dataclass
class Rehearsal:
    """One simulated day with the decisions so far, seen minute by minute."""

    record: DayRecord
    moments: list[Moment] = field(default_factory=list)


def rehearse(scenario: Scenario, seed: int, script: tuple[Decision, ...]) -> Rehearsal:
    """Simulate day 0 of ``seed`` with ``script`` and keep what the team would see each minute."""
    seen: list[Moment] = []

    def observe(playbook: Playbook, state: dict[str, float], recommended: list[Step]) -> None:
        hall = playbook.hall
        seen.append(
            Moment(
                time=hall.env.now,
                state=dict(state),
                counters_open=hall.counters.target,
                reserve_left=playbook.reserve_left,
                on_the_way=playbook.on_the_way,
                outages=len(hall.disruptions.active),
                recommended=tuple(step.index for step in recommended),
            )
        )

    record = simulate_day(scenario, Streams(seed, 0), script, observe)
    incidents = [event for event in record.events if event.kind == "incident"]
    moments, before = [], -1.0
    for moment in seen:
        injects = tuple(e for e in incidents if before < e.time <= moment.time)
        moments.append(Moment(**{**moment.__dict__, "injects": injects}))
        before = moment.time
    return Rehearsal(record, moments)


def next_stop(moments: list[Moment], after: float | None, every: float) -> Moment | None:
    """Return the first moment after ``after`` (None: from opening) where the team decides."""
    last = after
    for moment in moments:
        if after is not None and moment.time <= after:
            continue
        if last is None or moment.recommended or moment.injects or moment.time - last >= every:
            return moment
    return None

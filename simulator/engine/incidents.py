"""Incidents that disrupt service: outages, and incidents that take staff off their posts.

The seeds' 业务系统故障 plan: when the business system fails for all or part of the services,
counters stop that business; staff may go on with manual pre-acceptance (人工预受理) at a reduced
speed (``preaccept_speed``, a share of normal speed; omitted or 0 = not at all), and customers
who arrive meanwhile are asked to leave a phone number for a call-back (留下联系电话):
``callback_share`` of them do, and leave — deferred, not lost. A power outage (突发停电) stops
the systems and the kiosks; a generator, if the hall has one, restores them after
``generator_min`` while the mains stay out. The plan's 停电或系统瘫痪 clause prescribes manual
pre-acceptance and call-back numbers for both kinds, so both take the two keys.

A customer taken ill (突发疾病), a disturbance (寻衅滋事) or a crowd besieging the hall (围攻)
takes staff off their posts for the incident's ``duration_min``: ``takes: {guides, security,
counters}``, by default one guide for an illness, one security guard for a disturbance, and a
guide, a guard and one counter clerk for a siege. A counter whose clerk is taken closes after its
customer; guides away from the floor cannot steer customers to kiosks or pre-process them. Once
someone has called the responders (120 for the illness, 110 for the disturbance), the incident
ends when they arrive and take over, not before: the guide stays with the customer until the
ambulance comes. An incident nobody called anyone to ends after its ``duration_min``.

A fight (斗殴) or a group complaint (群体性投诉) may instead grow from long waits
(``from_waits``): from ``at`` on, each minute, each waiting customer whose wait has just passed
``over_min`` sets it off with probability ``chance``; a plan that keeps waits short makes it
rarer. A media visit (媒体采访) takes the manager, who makes the reports to superiors. A kiosk
outage (自助设备故障) stops the kiosks only; ``redirect to: counters`` steers kiosk customers to
the counters.

Start times (``at``, plus an optional ``start_delay_min`` distribution), durations and the
chances of growing from waits are drawn before the day from the ``incidents`` stream, one
stream per incident, so a plan variant never changes when an incident strikes or how long it
lasts (only whether long waits set one off).
"""

import math
from collections.abc import Callable, Generator
from dataclasses import dataclass, field

import numpy as np
import simpy

from simulator.engine.events import EventKind
from simulator.engine.log import EventLog
from simulator.engine.posts import Posts
from simulator.engine.situation import Situation
from simulator.engine.streams import Streams
from simulator.model.clock import format_clock
from simulator.model.incidents import (
    Fight,
    GroupComplaint,
    KioskOutage,
    PowerOutage,
    StaffIncident,
    SystemOutage,
)
from simulator.model.scenario import Scenario


@dataclass(frozen=True)
class Timing:
    """When one incident starts on a given day, and how long it lasts.

    ``growth_draws`` holds, for an incident that grows from long waits, one uniform per minute
    from ``start_min`` to closing: the day's chances, fixed before the day.
    """

    start_min: float
    duration_min: float
    growth_draws: np.ndarray | None = None


def draw_timings(scenario: Scenario, streams: Streams) -> dict[int, Timing]:
    """Draw the start (``at`` plus any ``start_delay_min``) and duration of each timed incident."""
    timings = {}
    for index, incident in enumerate(scenario.incidents):
        if not isinstance(incident, SystemOutage | PowerOutage | KioskOutage | StaffIncident):
            continue
        rng = streams.generator("incidents", index)
        # Duration first, then delay: adding a delay never changes the duration drawn.
        duration = float(incident.duration_min.sample(rng, 1)[0])
        delay = incident.start_delay_min
        start = incident.start_min + (float(delay.sample(rng, 1)[0]) if delay else 0.0)
        growth = None
        if isinstance(incident, Fight | GroupComplaint) and incident.from_waits is not None:
            minutes = max(math.ceil(scenario.hours.close_min - start), 0) + 1
            growth = streams.generator("incidents", index, 1).random(minutes)
        timings[index] = Timing(start, duration, growth)
    return timings


@dataclass
class Outage:
    """One outage in progress, and what it leaves to do once systems are back."""

    started: float
    services: frozenset[int] | None  # service indices it stops; None = every service
    speed: float  # share of normal speed at which counters still handle that business
    callback_share: float
    stops_kiosks: bool
    kiosks_only: bool = False  # a kiosk outage: not a system outage (outage_min ignores it)
    index: int = -1  # the scenario's incident index
    # Customers who left a number during it, and those whose business was pre-accepted by hand
    # (to be entered in the system afterwards), in the order it happened.
    numbers: list[int] = field(default_factory=list)
    by_hand: list[int] = field(default_factory=list)
    neighbors_down: frozenset[str] = frozenset()  # neighbouring halls it stops too (region)

    def stops(self, service: int) -> bool:
        """Return whether this outage stops ``service``."""
        return self.services is None or service in self.services


class Outages:
    """The outages in force now: stations ask it how fast business goes, the door who calls back."""

    def __init__(self, env: simpy.Environment):
        self.env = env
        # Outages in force; the hot path tests this list's truth directly, not through a method.
        self.active: list[Outage] = []
        self.power_out = False

    def begin(self, outage: Outage, power: bool) -> None:
        """Put ``outage`` in force (``power``: the mains are out too)."""
        self.active.append(outage)
        self.power_out = self.power_out or power

    def systems_back(self, outage: Outage) -> None:
        """End ``outage``'s stop of business (a generator may restore it before the mains)."""
        self.active.remove(outage)

    def mains_back(self) -> None:
        """Note that the mains are back."""
        self.power_out = False

    def speed(self, service: int, at_kiosk: bool) -> float:
        """Return the share of normal speed for ``service`` now (0 = it cannot be done)."""
        speed = 1.0
        for outage in self.active:
            if at_kiosk and outage.stops_kiosks:
                return 0.0
            if outage.stops(service):
                speed = min(speed, 0.0 if at_kiosk else outage.speed)
        return speed

    def callback_from(self, service: int) -> Outage | None:
        """Return the outage in force whose call-back arriving ``service`` customers are offered.

        (The one that asks most of them; None: none stops that business or asks for numbers.)
        """
        asking = [o for o in self.active if o.callback_share > 0 and o.stops(service)]
        return max(asking, key=lambda outage: outage.callback_share) if asking else None

    def neighbor_down(self, name: str) -> bool:
        """Return whether an outage in force has stopped the neighbouring hall ``name`` too."""
        return any(name in outage.neighbors_down for outage in self.active)

    def business_outage(self) -> Outage | None:
        """Return the oldest outage in force that stops business (not the kiosks alone)."""
        return next((o for o in self.active if not o.kiosks_only), None)

    def done_by_hand(self, customer: int, service: int) -> None:
        """Note that ``customer``'s business was pre-accepted by hand, to be entered later.

        It belongs to the slowest outage in force that stops ``service`` (the one whose
        systems it waits for).
        """
        stopping = [o for o in self.active if not o.kiosks_only and o.stops(service)]
        if stopping:
            min(stopping, key=lambda outage: outage.speed).by_hand.append(customer)

    def outage_minutes(self) -> float:
        """Return how long the oldest outage in force has lasted (0 when none is)."""
        started = [outage.started for outage in self.active if not outage.kiosks_only]
        return self.env.now - min(started) if started else 0.0


class Disruptions:
    """Plays the outages and the incidents that take staff away.

    It logs each incident's start, steps and end with the incident's index, puts outages in
    force in :class:`Outages` and lifts them, takes staff off their :class:`~.posts.Posts` and
    gives them back, and when systems come back calls ``on_recovered`` with the outage (its
    follow-through, :mod:`.follow_through`) and ``on_resume``, so idle counters and kiosks look
    at their queues again.
    """

    def __init__(
        self,
        env: simpy.Environment,
        scenario: Scenario,
        timings: dict[int, Timing],
        log: EventLog,
        outages: Outages,
        posts: Posts,
        situation: Situation,
        on_resume: Callable[[], None],
        long_waits: Callable[[float], int],
        on_recovered: Callable[[Outage], None] = lambda _outage: None,
    ):
        self.env, self.log, self.outages = env, log, outages
        self.posts, self.situation, self.on_resume = posts, situation, on_resume
        self.long_waits, self.on_recovered = long_waits, on_recovered
        names = [service.name for service in scenario.demand.services]
        self.neighbor_names = tuple(neighbor.name for neighbor in scenario.site.neighbors)
        for index, incident in enumerate(scenario.incidents):
            if isinstance(incident, SystemOutage | PowerOutage):
                env.process(self._play(index, incident, timings[index], names))
            elif isinstance(incident, KioskOutage):
                env.process(self._kiosks_down(index, timings[index]))
            elif isinstance(incident, StaffIncident):
                env.process(self._take_staff(index, incident, timings[index]))

    def _kiosks_down(self, index: int, timing: Timing) -> Generator[simpy.Event, None, None]:
        env, log = self.env, self.log
        yield env.timeout(timing.start_min - env.now)
        outage = Outage(env.now, frozenset(), 1.0, 0.0, stops_kiosks=True, kiosks_only=True)
        ends = format_clock(env.now + timing.duration_min)
        detail = f"kiosks stopped; counters work on; lasts until {ends}"
        log.record(EventKind.INCIDENT, "kiosk_outage", incident=index, detail=detail)
        self.situation.begin(index, "kiosk_outage")
        self.outages.begin(outage, power=False)
        yield env.timeout(timing.duration_min)
        self.outages.systems_back(outage)
        self.on_resume()
        detail = f"after {timing.duration_min:.0f} min"
        log.record(EventKind.INCIDENT_END, "kiosk_outage", incident=index, detail=detail)
        self.situation.end(index)

    def _grows(
        self, incident: Fight | GroupComplaint, timing: Timing
    ) -> Generator[simpy.Event, None, bool]:
        """Wait until long waits set the incident off (or closing comes first).

        Each minute, every waiting customer whose wait passed ``over_min`` in that minute
        starts it with probability ``chance``: k of them together with 1 - (1 - chance)^k.
        """
        assert incident.from_waits is not None and timing.growth_draws is not None
        link, draws = incident.from_waits, timing.growth_draws
        for draw in draws:
            yield self.env.timeout(1.0)
            crossed = self.long_waits(link.over_min)
            if crossed and draw < 1.0 - (1.0 - link.chance) ** crossed:
                return True
        return False

    def _play(
        self, index: int, incident: SystemOutage | PowerOutage, timing: Timing, names: list[str]
    ) -> Generator[simpy.Event, None, None]:
        env, log = self.env, self.log
        duration = timing.duration_min
        yield env.timeout(timing.start_min - env.now)
        power = isinstance(incident, PowerOutage)
        scope = incident.scope if isinstance(incident, SystemOutage) else "all"
        outage = Outage(
            started=env.now,
            services=None if scope == "all" else frozenset(names.index(name) for name in scope),
            speed=incident.preaccept_speed or 0.0,
            callback_share=incident.callback_share or 0.0,
            stops_kiosks=power or scope == "all",
            index=index,
            neighbors_down=incident.neighbors_down(self.neighbor_names),
        )
        ends = format_clock(env.now + duration)
        scope_text = "all business" if scope == "all" else "、".join(scope)
        detail = f"{scope_text} stopped; lasts until {ends}"
        log.record(EventKind.INCIDENT, incident.kind, incident=index, detail=detail)
        self.situation.begin(index, incident.kind)
        self.outages.begin(outage, power)
        generator = incident.generator_min if isinstance(incident, PowerOutage) else None
        systems_back = min(duration, generator) if generator is not None else duration
        yield env.timeout(systems_back)
        self.outages.systems_back(outage)
        self.on_recovered(outage)  # entry work queued before idle counters look again
        self.on_resume()
        if systems_back < duration:
            detail = "systems and kiosks back on generator power"
            log.record(EventKind.INCIDENT_STEP, "generator_on", incident=index, detail=detail)
            yield env.timeout(duration - systems_back)
        if power:
            self.outages.mains_back()
        detail = f"after {duration:.0f} min"
        log.record(EventKind.INCIDENT_END, incident.kind, incident=index, detail=detail)
        self.situation.end(index)

    def _take_staff(
        self, index: int, incident: StaffIncident, timing: Timing
    ) -> Generator[simpy.Event, bool, None]:
        env, log = self.env, self.log
        duration = timing.duration_min
        yield env.timeout(timing.start_min - env.now)
        if timing.growth_draws is not None:
            assert isinstance(incident, Fight | GroupComplaint)
            if not (yield env.process(self._grows(incident, timing))):
                return  # the waits never set it off
        takes = incident.takes.counts()
        taken = ", ".join(f"{count} {post}" for post, count in takes.items() if count)
        detail = f"takes {taken} for {duration:.0f} min"
        log.record(EventKind.INCIDENT, incident.kind, incident=index, detail=detail)
        situation = self.situation
        situation.begin(index, incident.kind)
        self.posts.take(takes)
        handover = situation.handover(index)
        yield env.timeout(duration) | handover
        if situation.was_called(index) and not handover.triggered:
            yield handover  # called for help: they stay with it until the responders come
        self.posts.take(takes, back=True)
        detail = "handed over to the responders" if handover.triggered else "staff back at posts"
        log.record(EventKind.INCIDENT_END, incident.kind, incident=index, detail=detail)
        situation.end(index)

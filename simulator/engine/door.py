"""The door: customers arriving, and what is in force where they come in.

Every customer drawn for the day reaches the door at their arrival time. There they may find the
doors closed (they never come), the hall closed off by an incident (a robbery's lockdown, a bomb
threat's cordon: they are turned away, outcome TURNED_AWAY), door control (they wait
outside), or come in. While entry is held (``stop_entry``) people wait
outside, in order, each for as long as their patience outside lasts; with entry metering
(``admit_below``) they are let in as room frees, and when the hold is lifted all of them are.
Those still outside at closing, at a cordon or at an alarm go away (outcome LEFT_OUTSIDE).

Inside, a kiosk customer goes to the kiosks; a counter customer may be asked for a phone
number during an outage, steered to the kiosks or sent to a neighbouring hall by a redirect,
walk out at the sight of the queue, or join it (pre-processed by a guide while
pre-registration is in force).

The playbook puts measures in force here (:class:`Measure`: a redirect, pre-registration, door
control) and lifts them; each measure counts the customers it acted on and those it could not
act on for want of a guide, which is what its action's result reports when it is lifted.
"""

from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Protocol, cast

import numpy as np
import simpy

from simulator.engine.customers import CustomerTable
from simulator.engine.demand import OutsidePatience
from simulator.engine.events import ActionResult, ActionStatus, Reason
from simulator.engine.incidents import Outage
from simulator.engine.log import PendingAction
from simulator.engine.neighbors import Neighbors
from simulator.engine.records import Outcome
from simulator.engine.station import Station

REDIRECT, PRE_REGISTER, STOP_ENTRY = "redirect", "pre_register", "stop_entry"
COUNTERS = "counters"  # a redirect's destination for kiosk customers (kiosks down)
MEASURES = (REDIRECT, PRE_REGISTER, STOP_ENTRY)  # the actions that stay in force until lifted
# Why a measure missed customers, as events.csv says it.
MISSED_BECAUSE = {
    Reason.NO_GUIDE: "no guide on the floor",
    Reason.NEIGHBOR_DOWN: "the neighbouring hall is down too",
    Reason.NEIGHBOR_FULL: "the neighbouring hall can take no more",
}


class Outages(Protocol):
    """What the door asks of the outages in force (see :class:`~.incidents.Outages`)."""

    @property
    def active(self) -> list:
        """Return the outages in force; empty (false) on an ordinary minute."""
        ...

    def callback_from(self, service: int) -> Outage | None:
        """Return the outage whose call-back arriving ``service`` customers are offered now."""
        ...

    def business_outage(self) -> Outage | None:
        """Return the oldest outage in force that stops business (not the kiosks alone)."""
        ...


class Guides(Protocol):
    """What the door asks of the staff at their posts (see :class:`~.posts.Posts`)."""

    def guides_on_floor(self) -> int:
        """Return the guides at their posts now."""
        ...


@dataclass
class Measure:
    """Something a playbook rule put in force at the door, and what it has done so far."""

    kind: str  # REDIRECT, PRE_REGISTER or STOP_ENTRY
    rule: int
    destination: str = ""  # a redirect's: "kiosks" or a neighbouring hall
    share: float = 0.0  # a redirect's share of counter customers
    factor: float = 1.0  # pre-registration's share of the service time that is left
    admit_below: int | None = None  # door control: let people in while fewer are inside
    per_guide_per_hour: float = 30.0  # pre-registration: customers a guide handles an hour
    needs_guide: bool = False  # it acts through a guide (steering to kiosks, pre-processing)
    applied: int = 0  # customers it acted on
    # What it needed and lacked when it was put in force: a guide on the floor, a neighbouring
    # hall that can take people (None: nothing was missing).
    missing: Reason | None = None
    event: PendingAction | None = None  # its action's event, written when it is lifted
    # Customers it should have acted on and could not, by why: no guide on the floor, the
    # neighbouring hall down or full.
    why_missed: dict[Reason, int] = field(default_factory=dict)

    @property
    def missed(self) -> int:
        """Return how many customers it should have acted on, and could not."""
        return sum(self.why_missed.values())

    def acted_on(self, customers: int = 1) -> None:
        """Count ``customers`` more it acted on."""
        self.applied += customers

    def missed_one(self, reason: Reason = Reason.NO_GUIDE) -> None:
        """Count one customer it should have acted on, and could not for ``reason``."""
        self.why_missed[reason] = self.why_missed.get(reason, 0) + 1

    def result(self) -> ActionResult:
        """Return what the measure achieved, short of what it should have done by ``missed``.

        A measure that acted on nobody did nothing: for want of what was missing when it was
        put in force (a guide, a neighbouring hall that is up and has room), else because
        nobody came whom it applies to. Of several reasons it missed customers
        for, the one that missed most is given.
        """
        if self.missed:
            status = ActionStatus.PARTLY if self.applied else ActionStatus.NOT_CARRIED_OUT
            reason = max(self.why_missed, key=self.why_missed.__getitem__)
            return ActionResult(status, reason, self.applied + self.missed, self.applied)
        if self.applied:
            return ActionResult(ActionStatus.CARRIED_OUT, done=self.applied)
        reason = self.missing or Reason.NOBODY_ELIGIBLE
        return ActionResult(ActionStatus.NOT_CARRIED_OUT, reason, done=0)

    def describe(self) -> str:
        """Return the measure's particulars for ``events.csv``."""
        if self.kind == REDIRECT:
            whose = "kiosk" if self.destination == COUNTERS else "counter"
            what = f"{self.share:.0%} of {whose} customers to {self.destination}"
            done = f"{self.applied} sent"
        elif self.kind == PRE_REGISTER:
            what, done = f"service time × {self.factor:g}", f"{self.applied} pre-processed"
        else:
            metered = f", let in below {self.admit_below} inside" if self.admit_below else ""
            what, done = f"entry held{metered}", f"{self.applied} held outside"
        missed = "".join(
            f"; {count} missed, {MISSED_BECAUSE[reason]}"
            for reason, count in self.why_missed.items()
        )
        return f"{what}; {done}{missed}"


class Door:
    """The arrival process and the measures in force at the door."""

    def __init__(
        self,
        env: simpy.Environment,
        customers: CustomerTable,
        counters: Station,
        kiosks: Station,
        outages: Outages,
        guides: Guides,
        closes_at: float,
        balk_at_queue: int | None,
        outside_patience: OutsidePatience | None = None,  # None: people wait until closing
        neighbors: Neighbors | None = None,  # None: every neighbouring hall takes anyone
    ):
        self.env = env
        self.customers = customers
        self.counters, self.kiosks = counters, kiosks
        self.outages, self.guides = outages, guides
        self.closes_at = closes_at  # extend_hours may push it later
        self.balk_at_queue = balk_at_queue
        self.cordoned = False  # an incident has closed the hall off: arrivals are turned away
        # In force now, by rule index, in the order they were put in force.
        self.measures: dict[int, Measure] = {}
        self._redirects: list[Measure] = []
        self._pre_registers: list[Measure] = []
        self._stops: list[Measure] = []
        self._outside: deque[int] = deque()  # held outside, in order (leavers dropped lazily)
        self._outside_patience = outside_patience
        self.neighbors = neighbors
        self._admitting = False
        self._closing_watched = False

    def put(self, measure: Measure, event: PendingAction) -> None:
        """Put ``measure`` in force, its result to be written on ``event`` when it is lifted.

        A measure its rule put in force before is closed and replaced in its place, so stacked
        redirects keep the order they were first put in force.
        """
        measure.event = event
        if measure.needs_guide and self.guides.guides_on_floor() == 0:
            measure.missing = Reason.NO_GUIDE
        elif self.neighbors is not None and measure.destination not in ("", "kiosks", COUNTERS):
            # A redirect to a neighbouring hall: the guide phones first. Down, or full?
            measure.missing = self.neighbors.refusal(measure.destination)
        earlier = self.measures.get(measure.rule)
        if earlier is not None and earlier.event is not None:
            earlier.event.close(earlier.result(), earlier.describe())
        self.measures[measure.rule] = measure
        self._sort()
        if measure.kind == STOP_ENTRY and earlier is not None:
            self._admit()  # it may let in more than the control it replaces

    def cordon(self) -> None:
        """Close the hall off (a robbery, a bomb threat): arrivals are turned away from now."""
        self.cordoned = True
        self.dismiss_outside()

    def reopen(self) -> None:
        """Lift a cordon: people come in again (a robbery's scene has been kept)."""
        self.cordoned = False

    def outside_count(self) -> int:
        """Return how many people wait outside the door now."""
        return len(self.customers.outside)

    def dismiss_outside(self) -> None:
        """Send everyone waiting outside away (closing time, a cordon, an alarm)."""
        customers, now = self.customers, self.env.now
        for customer in self._outside:
            if customer in customers.outside:
                customers.left_outside(customer, now)
        self._outside.clear()
        customers.on_leave = None

    def extend_until(self, minute: float) -> bool:
        """Keep the doors open until ``minute``; return False if they were open as long already."""
        if minute <= self.closes_at:
            return False
        self.closes_at = minute
        return True

    def lift(self, rule: int) -> Measure | None:
        """Lift what rule ``rule`` put in force; return it (None: nothing was in force)."""
        measure = self.measures.pop(rule, None)
        if measure is not None:
            if measure.event is not None:
                measure.event.close(measure.result(), measure.describe())
            self._sort()
            if measure.kind == STOP_ENTRY:
                self._admit()
        return measure

    def _sort(self) -> None:
        in_force = list(self.measures.values())
        self._redirects = [m for m in in_force if m.kind == REDIRECT]
        self._pre_registers = [m for m in in_force if m.kind == PRE_REGISTER]
        self._stops = [m for m in in_force if m.kind == STOP_ENTRY]

    def pre_registration(self) -> Measure | None:
        """Return the pre-registration in force that shortens service most (None: none is)."""
        if not self._pre_registers:
            return None
        return min(self._pre_registers, key=lambda measure: measure.factor)

    def is_closed_and_empty(self) -> bool:
        """Return whether the doors are closed and every customer has left."""
        customers = self.customers
        return self.env.now >= self.closes_at and customers.present == 0 and not customers.outside

    def _strictest_stop(self) -> Measure | None:
        """Return the door control in force that lets fewest in (None: entry is free).

        Two rules may hold entry at once; the strictest governs: a full stop over any
        metering, else the smallest ``admit_below``.
        """
        if not self._stops:
            return None
        return min(
            self._stops,
            key=lambda stop: -1 if stop.admit_below is None else stop.admit_below,
        )

    def _room(self) -> bool:
        """Return whether the next person outside may come in now."""
        stop = self._strictest_stop()
        if stop is None:
            return True
        return stop.admit_below is not None and self.customers.present < stop.admit_below

    def _hold(self, customer: int) -> None:
        """Keep ``customer`` outside, in line, for as long as their patience there lasts."""
        customers = self.customers
        customers.wait_outside(customer)
        self._outside.append(customer)
        customers.on_leave = self._admit
        stop = self._strictest_stop()
        if stop is not None:  # the control that kept them out (not a line left from before)
            stop.acted_on()
        # A call-back coming again has the patience drawn for them on their first visit.
        first = customers.first_visit.get(customer, customer)
        patience = self._outside_patience.of(first) if self._outside_patience else np.inf
        if patience != np.inf:
            timer = self.env.timeout(patience, customer)
            timer.callbacks.append(self._give_up_outside)
        if not self._closing_watched:
            self._closing_watched = True
            self.env.process(self._closing())

    def _give_up_outside(self, timer: simpy.Event) -> None:
        customer = cast(int, timer.value)
        if customer in self.customers.outside:
            self.customers.left_outside(customer, self.env.now)

    def _admit(self) -> None:
        """Let people in from outside, first come first, while there is room."""
        if self._admitting:  # someone let in left at once (a redirect): already admitting
            return
        self._admitting = True
        customers, outside = self.customers, self._outside
        while outside:
            customer = outside[0]
            if customer not in customers.outside:  # went away meanwhile
                outside.popleft()
                continue
            if not self._room():
                break
            outside.popleft()
            customers.admit(customer, self.env.now)
            self._come_in(customer, self.env.now)
        if not outside:
            customers.on_leave = None
        self._admitting = False

    def _closing(self) -> Generator[simpy.Event, None, None]:
        """At closing, those still waiting outside go home."""
        env = self.env
        while env.now < self.closes_at:  # extend_hours may move closing later meanwhile
            yield env.timeout(self.closes_at - env.now)
        self.dismiss_outside()
        # Hours extended after this closing may hold people again: watch the next closing.
        self._closing_watched = False

    def _to_counters(self, customer: int) -> Measure | None:
        """Return the redirect that steers this kiosk customer to the counters, if one does.

        It takes ``share`` of kiosk customers by their routing draw, and only with a guide on
        the floor to steer them (else it missed them).
        """
        for measure in self._redirects:
            if measure.destination == COUNTERS:
                if self.customers.routing[customer] >= measure.share:
                    return None
                if self.guides.guides_on_floor() > 0:
                    return measure
                measure.missed_one()
                return None
        return None

    def _redirected(self, customer: int) -> tuple[Measure | None, tuple[Measure, Reason] | None]:
        """Return the redirect that takes this counter customer, or the one that missed them.

        One uniform draw per customer serves every redirect in force without overlap: the
        first takes draws below its share, the next the following stretch, and so on. A
        customer whose draw falls in a kiosk redirect's stretch stays in the queue when their
        business needs a counter, or when no guide is on the floor to steer them (then the
        redirect missed them); they never spill into the next redirect's stretch, so each
        redirect takes at most its share. A neighbouring hall that is down too, or full, misses
        them likewise (see :mod:`.neighbors`).
        """
        customers = self.customers
        draw = customers.routing[customer]
        for measure in self._redirects:
            if measure.destination == COUNTERS:
                continue  # it acts on kiosk customers only
            if draw < measure.share:
                if measure.destination != "kiosks":  # a neighbouring hall, if it can take them
                    refusal = (
                        self.neighbors.refusal(measure.destination) if self.neighbors else None
                    )
                    return (measure, None) if refusal is None else (None, (measure, refusal))
                if not customers.kiosk_ok[customer]:
                    return None, None
                # Guides steer people to the kiosks; with none on the floor nobody is steered.
                if self.guides.guides_on_floor() > 0:
                    return measure, None
                return None, (measure, Reason.NO_GUIDE)
            draw -= measure.share
        return None, None

    def arrivals(self) -> Generator[simpy.Event, None, None]:
        """Bring each customer drawn for the day to the door at their arrival time (a process)."""
        env, arrival = self.env, self.customers.arrival
        for customer in range(self.customers.count):  # not the call-backs added later
            time = arrival[customer]
            yield env.timeout(time - env.now)
            self._arrive(customer, time)

    def call_back(self, customer: int, at: float) -> None:
        """Bring ``customer``, who left a number, to the door again at ``at`` as a new visit."""
        visit = self.customers.add_return(customer, at)
        self.counters.add_customer()
        self.kiosks.add_customer()
        timer = self.env.timeout(at - self.env.now, visit)
        timer.callbacks.append(self._comes_again)

    def _comes_again(self, timer: simpy.Event) -> None:
        self._arrive(cast(int, timer.value), self.env.now)

    def _arrive(self, customer: int, time: float) -> None:
        customers = self.customers
        if time >= self.closes_at:  # they never come
            customers.never_came(customer)
            return
        if self.cordoned:  # they come, find the hall closed off, and go: counted
            customers.turned_away(customer, time)
            return
        # Door control, or others still in line outside: they wait, behind those others.
        # With room and nobody outside they walk straight in: nobody held them.
        if (self._stops or self._outside) and (customers.outside or not self._room()):
            self._hold(customer)
            self._admit()
            return
        customers.enter()
        self._come_in(customer, time)

    def _come_in(self, customer: int, time: float) -> None:
        """Take ``customer``, now on the floor, to the kiosks, elsewhere or the queue."""
        customers, counters, kiosks = self.customers, self.counters, self.kiosks
        if customers.uses_kiosk[customer]:
            to_counters = self._to_counters(customer) if self._redirects else None
            if to_counters is None:
                kiosks.join(customer)
                return
            to_counters.acted_on()  # steered from the failed kiosks to a counter
        redirect, missed = self._redirected(customer) if self._redirects else (None, None)
        if self.outages.active:
            asking = self.outages.callback_from(customers.service[customer])
            if asking is not None and customers.callback[customer] < asking.callback_share:
                customers.finish(customer, Outcome.CALLBACK, time)  # left a number: deferred
                asking.numbers.append(customer)  # called back once systems are back
                return
        if missed is not None:
            missed[0].missed_one(missed[1])
        if redirect is not None:
            redirect.acted_on()
            if redirect.destination == "kiosks":
                kiosks.join(customer)
            else:  # sent to a neighbouring hall
                if self.neighbors is not None:
                    self.neighbors.send(redirect.destination)
                customers.finish(customer, Outcome.REDIRECTED, time)
        elif self.balk_at_queue is not None and counters.waiting >= self.balk_at_queue:
            customers.finish(customer, Outcome.BALKED, time)
        else:
            measure = self.pre_registration()
            if measure is not None:
                self._pre_register_arrival(customer, measure)
            counters.join(customer)

    def _pre_register_arrival(self, _customer: int, measure: Measure) -> None:
        # The guides on the floor get to them in turn (pre_registering); with none there
        # the measure misses them.
        if self.guides.guides_on_floor() == 0:
            measure.missed_one()

    def pre_registering(self, measure: Measure) -> Generator[simpy.Event, None, None]:
        """Pre-process waiting customers, oldest first, as fast as the guides on the floor can.

        Minute by minute each guide on the floor handles ``per_guide_per_hour / 60`` customers
        (a fraction carries over to the next minute, but idle guides bank no time). Runs while
        ``measure`` is in force; only the strongest pre-registration in force works.
        """
        env, customers = self.env, self.customers
        budget = 0.0
        # Until it is lifted, or the day is over (a measure still in force at closing must
        # not keep the simulation going).
        while self.measures.get(measure.rule) is measure and not self.is_closed_and_empty():
            yield env.timeout(1.0)
            if self.pre_registration() is not measure:
                continue
            guides = self.guides.guides_on_floor()
            if guides == 0:  # no guide on the floor: nobody pre-processes, nothing carries over
                budget = 0.0
                continue
            budget += guides * measure.per_guide_per_hour / 60.0
            if budget < 1.0:
                continue
            # Oldest first, by arrival (a call-back coming again is numbered last).
            waiting = sorted(self.counters.waiting_customers(), key=customers.arrival.__getitem__)
            for customer in waiting:
                if budget < 1.0:
                    break
                if customers.pre_process(customer, measure.factor):
                    measure.acted_on()
                    budget -= 1.0
            budget = min(budget, 1.0)  # nobody left to pre-process: guides bank no time

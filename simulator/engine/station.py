"""A bank of servers (counters or kiosks) and its queues.

Servers are SimPy processes that pull the next customer from priority queues: VIP, then
vulnerable, then regular customers, first come first served within a class. The lowest-numbered
servers may be a fast lane that serves only ``quick`` business. How many servers are on duty
follows the staffing plan, plus staff the playbook calls in, minus staff an incident takes away;
a server leaving duty finishes its customer first. Abandonment is lazy: a patience timer marks a
waiting customer gone, and servers skip such customers when they reach the head of a queue.

A station knows the customers only through the :class:`~simulator.engine.customers.CustomerTable`
and the outages only through :class:`ServiceSpeed`, so it can be tested with neither a hall nor
a playbook.
"""

from collections import deque
from collections.abc import Generator
from typing import Protocol, cast

import numpy as np
import simpy

from simulator.engine.customers import CustomerTable
from simulator.engine.records import Channel, Outcome

NO_CUSTOMER = -1


class ServiceSpeed(Protocol):
    """What a station asks of the outages in force (see :class:`~.incidents.Outages`)."""

    @property
    def active(self) -> list:
        """Return the outages in force; empty (false) on an ordinary minute."""
        ...

    def speed(self, service: int, at_kiosk: bool) -> float:
        """Return the share of normal speed for ``service`` now (0 = it cannot be done)."""
        ...

    def done_by_hand(self, customer: int, service: int) -> None:
        """Note that ``customer``'s business was pre-accepted by hand, to be entered later."""
        ...


class Station:
    """A bank of servers (counters or kiosks) with its queues; its size may change over the day."""

    def __init__(
        self,
        env: simpy.Environment,
        customers: CustomerTable,
        channel: Channel,
        outages: ServiceSpeed,
        fast_lane: int = 0,
    ):
        self.env = env
        self.customers = customers
        self.channel = channel
        self.outages = outages
        self.fast_lane = fast_lane
        self.scheduled = 0  # servers the staffing plan puts on duty now
        self.extra = 0  # servers called in by the playbook, on top of the plan
        self.diverted = 0  # servers whose staff an incident has taken away
        self.target = 0  # servers that should be on duty now: scheduled + extra - diverted
        self.waiting = 0  # customers in the queues who have not left
        self.waiting_by_priority = [0, 0, 0]
        # queues[priority] = (regular-service customers, quick-service customers)
        self.queues: list[tuple[deque[int], deque[int]]] = [(deque(), deque()) for _ in range(3)]
        self.in_queue = [False] * customers.count  # waiting here now (queues drop leavers lazily)
        self.joined = [False] * customers.count  # came to this station (served at once or queued)
        self.idle_fast: list[tuple[int, simpy.Event]] = []
        self.idle_regular: list[tuple[int, simpy.Event]] = []
        self.duty_calls: dict[int, simpy.Event] = {}
        self.duty_since: dict[int, float] = {}
        self.staffed_minutes = 0.0
        # (time, servers due on duty) at every change: the "counters open" line of the day.
        self.target_changes: list[tuple[float, int]] = []
        self.servers = 0  # server processes started so far (started when first needed)
        # Work pre-accepted by hand during an outage, to be entered once systems are back
        # ((minutes, service) each), and the (start, end) of every piece taken up.
        self.entries: deque[tuple[float, int]] = deque()
        self.entered: list[tuple[float, float]] = []

    def add_customer(self) -> None:
        """Make room for one more customer (a call-back coming again as a new visit)."""
        self.in_queue.append(False)
        self.joined.append(False)

    def add_entries(self, minutes: list[float], services: list[int]) -> None:
        """Queue pieces of entry work; regular servers take them before the next customer.

        The plan's "待系统恢复正常后,将立即为您办理": the pre-accepted business is done first.
        """
        self.entries.extend(zip(minutes, services, strict=True))
        self.wake_idle()

    def _next_entry(self) -> float | None:
        """Take the oldest piece of entry work whose business no outage stops now (None: none)."""
        entries = self.entries
        if not self.outages.active:
            return entries.popleft()[0]
        for position, (minutes, service) in enumerate(entries):
            if self.outages.speed(service, False) >= 1.0:  # its system is up
                del entries[position]
                return minutes
        return None

    def schedule(self, servers: int) -> None:
        """Follow the staffing plan: ``servers`` on duty from now, plus any called in."""
        self.scheduled = servers
        self._retarget()

    def add_extra(self, servers: int) -> None:
        """Put ``servers`` more (or, if negative, fewer) on duty on top of the plan."""
        self.extra += servers
        self._retarget()

    def divert(self, servers: int) -> None:
        """Take ``servers`` off duty for an incident (negative: give them back)."""
        self.diverted += servers
        self._retarget()

    def set_fast_lane(self, servers: int) -> None:
        """Reserve the ``servers`` lowest-numbered servers for quick services from now."""
        self.fast_lane = servers
        self.wake_idle()  # idle servers wait in the list of their old role: re-register

    def wake_idle(self) -> None:
        """Make every idle server look at the queues again (their situation has changed)."""
        for idle in (self.idle_fast, self.idle_regular):
            waking, idle[:] = list(idle), []
            for _, wake in waking:
                wake.succeed(NO_CUSTOMER)

    def _retarget(self) -> None:
        """Staff the servers now due; servers above that leave after their customer."""
        servers = max(self.scheduled + self.extra - self.diverted, 0)
        previous, self.target = self.target, servers
        self.target_changes.append((self.env.now, servers))
        for index in range(self.servers, servers):
            self.env.process(self._serve(index))
        self.servers = max(self.servers, servers)
        for index in range(previous, servers):
            call = self.duty_calls.pop(index, None)
            if call is not None:
                call.succeed(NO_CUSTOMER)
        if servers < previous:
            for idle in (self.idle_fast, self.idle_regular):
                leaving = [entry for entry in idle if entry[0] >= servers]
                idle[:] = [entry for entry in idle if entry[0] < servers]
                for _, wake in leaving:
                    wake.succeed(NO_CUSTOMER)

    def join(self, customer: int) -> None:
        """Hand ``customer`` to an idle server, or queue them (with a patience timer)."""
        customers = self.customers
        self.joined[customer] = True
        quick = customers.quick[customer]
        idle = self.idle_fast if quick and self.idle_fast else self.idle_regular
        if idle and not (self.outages.active and self._blocked(customer)):
            idle.pop()[1].succeed(customer)
            return
        priority = customers.priority[customer]
        self.queues[priority][quick].append(customer)
        self.in_queue[customer] = True
        self.waiting += 1
        self.waiting_by_priority[priority] += 1
        patience = customers.patience[customer]
        if patience != np.inf:
            timer = self.env.timeout(patience, customer)
            timer.callbacks.append(self._give_up)

    def _give_up(self, timer: simpy.Event) -> None:
        customer = cast(int, timer.value)  # the customer's number, given to the timer
        if self.in_queue[customer]:
            self._leave_queue(customer)
            self.customers.finish(customer, Outcome.ABANDONED, self.env.now)

    def waiting_customers(self) -> list[int]:
        """Return the customers waiting now, in no particular order."""
        in_queue = self.in_queue
        return [c for pair in self.queues for queue in pair for c in queue if in_queue[c]]

    def waits_passing(self, over_min: float, within_min: float) -> int:
        """Return how many waiting customers' waits passed ``over_min`` in the last minutes.

        (Those whose wait reached ``over_min`` within the last ``within_min`` minutes.)
        """
        now, arrival = self.env.now, self.customers.arrival
        return sum(
            1
            for customer in self.waiting_customers()
            if now - within_min < arrival[customer] + over_min <= now
        )

    def withdraw(self, customer: int) -> None:
        """Take a waiting customer out of the queue (they leave it for another reason)."""
        self._leave_queue(customer)  # servers skip and drop the queue entry lazily

    def _leave_queue(self, customer: int) -> None:
        self.in_queue[customer] = False
        self.waiting -= 1
        self.waiting_by_priority[self.customers.priority[customer]] -= 1

    def _blocked(self, customer: int) -> bool:
        """Return whether an outage stops this customer's business here altogether."""
        at_kiosk = self.channel == Channel.KIOSK
        return self.outages.speed(self.customers.service[customer], at_kiosk) == 0.0

    def _next_servable(self, fast: bool) -> int:
        """Like :meth:`_next_customer`, skipping customers whose business an outage stops.

        Scans the queues, so it is only used while an outage is in force.
        """
        in_queue, arrival = self.in_queue, self.customers.arrival
        for regular, quick in self.queues:
            best = None
            for queue in (quick,) if fast else (regular, quick):
                for position, customer in enumerate(queue):
                    if in_queue[customer] and not self._blocked(customer):
                        if best is None or arrival[customer] < arrival[best[1]]:
                            best = (queue, customer, position)
                        break
            if best is not None:
                queue, customer, position = best
                del queue[position]
                self._leave_queue(customer)
                return customer
        return NO_CUSTOMER

    def _next_customer(self, fast: bool) -> int:
        if self.outages.active:
            return self._next_servable(fast)
        in_queue, arrival = self.in_queue, self.customers.arrival
        for regular, quick in self.queues:
            while quick and not in_queue[quick[0]]:
                quick.popleft()
            if fast:
                if quick:
                    return self._take(quick)
                continue
            while regular and not in_queue[regular[0]]:
                regular.popleft()
            # First come first served across the two lines: by arrival, not by number, as a
            # call-back coming again is numbered after everyone drawn for the day.
            if regular and (not quick or arrival[regular[0]] < arrival[quick[0]]):
                return self._take(regular)
            if quick:
                return self._take(quick)
        return NO_CUSTOMER

    def _take(self, queue: deque[int]) -> int:
        customer = queue.popleft()
        self._leave_queue(customer)
        return customer

    def _serve(self, index: int) -> Generator[simpy.Event, int, None]:
        env, customers, outages = self.env, self.customers, self.outages
        outcome = Outcome.SERVED_KIOSK if self.channel == Channel.KIOSK else Outcome.SERVED
        at_kiosk = self.channel == Channel.KIOSK
        on_duty = False
        while True:
            fast = index < self.fast_lane  # the playbook may open fast lanes during the day
            if index >= self.target:
                if on_duty:  # a closing server has finished its customer
                    self.staffed_minutes += env.now - self.duty_since.pop(index)
                    on_duty = False
                call = self.duty_calls[index] = env.event()
                yield call
                continue
            if not on_duty:
                self.duty_since[index] = env.now
                on_duty = True
            entry = self._next_entry() if self.entries and not fast else None
            if entry is not None:
                self.entered.append((env.now, env.now + entry))  # cut short by an alarm
                yield env.timeout(entry)
                continue
            customer = self._next_customer(fast)
            if customer == NO_CUSTOMER:
                wake = env.event()
                (self.idle_fast if fast else self.idle_regular).append((index, wake))
                customer = yield wake
                if customer == NO_CUSTOMER:
                    continue
            channel = Channel.FAST_LANE if fast else self.channel
            minutes = customers.start_service(customer, env.now, channel)
            if outages.active:  # manual pre-acceptance is slower than the system
                service = customers.service[customer]
                minutes /= outages.speed(service, at_kiosk)
                if not at_kiosk:
                    outages.done_by_hand(customer, service)
            yield env.timeout(minutes)
            customers.finish(customer, outcome, env.now)

    def close_books(self, day_end: float) -> None:
        """Count servers still on duty until ``day_end`` into ``staffed_minutes``."""
        for since in self.duty_since.values():
            # Staff called in arrive after the last customer left: they staffed nothing.
            self.staffed_minutes += max(day_end - since, 0.0)
        self.duty_since.clear()

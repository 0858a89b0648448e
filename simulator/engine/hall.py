"""The hall as a SimPy model: the only module that imports SimPy.

Customers are not processes. They are indices into the arrays drawn by
:mod:`simulator.engine.demand`; servers (counters, kiosks) are the processes, pulling the next
customer from priority queues. That keeps the event count per customer at two or three
(arrival, service end, and a patience timer only for those who must wait), which is why the engine
can do more than a textbook SimPy loop at no more cost per customer.

Queue discipline: non-preemptive priority VIP > vulnerable > regular, first come first served
within a class. Fast-lane counters (the lowest-numbered ones) serve only ``quick`` services;
regular counters serve everyone. Abandonment is lazy: a waiting customer's patience timer marks
them gone, and servers skip such customers when they reach the head of a queue.
"""

from collections import deque

import numpy as np
import simpy

from simulator.engine.demand import Customers
from simulator.engine.records import Channel, DayRecord, Outcome
from simulator.model.scenario import Scenario

_NO_CUSTOMER = -1


class Station:
    """A bank of servers (counters or kiosks) with its queues; its size may change over the day."""

    def __init__(self, hall: "Hall", channel: Channel, servers: int, fast_lane: int = 0):
        self.hall = hall
        self.channel = channel
        self.fast_lane = fast_lane
        self.target = 0  # servers that should be on duty now
        self.waiting = 0  # customers in the queues who have not left
        # queues[priority] = (regular-service customers, quick-service customers)
        self.queues = [(deque(), deque()) for _ in range(3)]
        self.idle_fast: list[tuple[int, simpy.Event]] = []
        self.idle_regular: list[tuple[int, simpy.Event]] = []
        self.duty_calls: dict[int, simpy.Event] = {}
        self.duty_since: dict[int, float] = {}
        self.staffed_minutes = 0.0
        for index in range(servers):
            hall.env.process(self._serve(index))

    def set_target(self, servers: int) -> None:
        """Staff ``servers`` servers from now; servers above it leave after their customer."""
        previous, self.target = self.target, servers
        for index in range(previous, servers):
            call = self.duty_calls.pop(index, None)
            if call is not None:
                call.succeed(_NO_CUSTOMER)
        if servers < previous:
            for idle in (self.idle_fast, self.idle_regular):
                leaving = [entry for entry in idle if entry[0] >= servers]
                idle[:] = [entry for entry in idle if entry[0] < servers]
                for _, wake in leaving:
                    wake.succeed(_NO_CUSTOMER)

    def join(self, customer: int) -> None:
        """Hand ``customer`` to an idle server, or queue them (with a patience timer)."""
        hall = self.hall
        quick = hall.quick[customer]
        idle = self.idle_fast if quick and self.idle_fast else self.idle_regular
        if idle:
            idle.pop()[1].succeed(customer)
            return
        self.queues[hall.priority[customer]][quick].append(customer)
        hall.in_queue[customer] = True
        self.waiting += 1
        patience = hall.patience[customer]
        if patience != np.inf:
            timer = hall.env.timeout(patience, customer)
            timer.callbacks.append(self._give_up)

    def _give_up(self, timer: simpy.Event) -> None:
        customer = timer.value
        hall = self.hall
        if hall.in_queue[customer]:
            hall.in_queue[customer] = False
            self.waiting -= 1
            hall.outcome[customer] = Outcome.ABANDONED
            hall.end[customer] = hall.env.now

    def _next_customer(self, fast: bool) -> int:
        in_queue = self.hall.in_queue
        for regular, quick in self.queues:
            while quick and not in_queue[quick[0]]:
                quick.popleft()
            if fast:
                if quick:
                    return self._take(quick)
                continue
            while regular and not in_queue[regular[0]]:
                regular.popleft()
            if regular and (not quick or regular[0] < quick[0]):
                return self._take(regular)
            if quick:
                return self._take(quick)
        return _NO_CUSTOMER

    def _take(self, queue: deque) -> int:
        customer = queue.popleft()
        self.hall.in_queue[customer] = False
        self.waiting -= 1
        return customer

    def _serve(self, index: int):
        hall = self.hall
        env = hall.env
        fast = index < self.fast_lane
        channel = Channel.FAST_LANE if fast else self.channel
        outcome = Outcome.SERVED_KIOSK if self.channel == Channel.KIOSK else Outcome.SERVED
        idle = self.idle_fast if fast else self.idle_regular
        on_duty = False
        while True:
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
            customer = self._next_customer(fast)
            if customer == _NO_CUSTOMER:
                wake = env.event()
                idle.append((index, wake))
                customer = yield wake
                if customer == _NO_CUSTOMER:
                    continue
            hall.start[customer] = env.now
            hall.channel[customer] = channel
            yield env.timeout(hall.service_minutes[customer])
            hall.end[customer] = env.now
            hall.outcome[customer] = outcome

    def close_books(self, day_end: float) -> None:
        """Count servers still on duty until ``day_end`` into ``staffed_minutes``."""
        for since in self.duty_since.values():
            self.staffed_minutes += day_end - since
        self.duty_since.clear()


class Hall:
    """One day in one hall: arrivals, counters by time block, kiosks, balking and abandonment."""

    def __init__(self, scenario: Scenario, customers: Customers):
        self.scenario = scenario
        self.service_types = customers.service
        self.env = simpy.Environment(initial_time=scenario.hours.open_min)
        count = customers.arrival.size
        # Plain lists: scalar access from Python is several times faster than on numpy arrays.
        self.arrival = customers.arrival.tolist()
        self.priority = customers.priority.tolist()
        self.quick = customers.quick.tolist()
        self.uses_kiosk = customers.uses_kiosk.tolist()
        self.service_minutes = customers.service_minutes.tolist()
        self.patience = customers.patience.tolist()
        self.start = [np.nan] * count
        self.end = [np.nan] * count
        self.outcome = [Outcome.PENDING] * count
        self.channel = [Channel.NONE] * count
        self.in_queue = [False] * count
        self.queued_for_counter = [False] * count

        staff = scenario.staff
        most_counters = max(block.count for block in staff.counters)
        self.counters = Station(self, Channel.COUNTER, most_counters, staff.fast_lane)
        self.counters.set_target(staff.counters[0].count)
        self.kiosks = Station(self, Channel.KIOSK, scenario.site.kiosks)
        self.kiosks.set_target(scenario.site.kiosks)
        self.env.process(self._counter_schedule())
        self.env.process(self._arrivals())

    def _counter_schedule(self):
        env = self.env
        for block in self.scenario.staff.counters[1:]:
            yield env.timeout(block.start_min - env.now)
            self.counters.set_target(block.count)

    def _arrivals(self):
        env = self.env
        balk_at = self.scenario.demand.balk_at_queue
        counters, kiosks = self.counters, self.kiosks
        for customer, time in enumerate(self.arrival):
            yield env.timeout(time - env.now)
            if self.uses_kiosk[customer]:
                kiosks.join(customer)
            elif balk_at is not None and counters.waiting >= balk_at:
                self.outcome[customer] = Outcome.BALKED
                self.end[customer] = time
            else:
                self.queued_for_counter[customer] = True
                counters.join(customer)

    def run(self) -> DayRecord:
        """Play the day until the last customer has left and return the records."""
        self.env.run()
        hours = self.scenario.hours
        end = np.array(self.end)
        day_end = max(hours.close_min, float(np.nanmax(end)) if end.size else hours.close_min)
        self.counters.close_books(day_end)
        start = np.array(self.start)
        channel = np.array(self.channel, dtype=np.int8)
        at_counter = (channel == Channel.COUNTER) | (channel == Channel.FAST_LANE)
        busy = float(np.sum(end[at_counter] - start[at_counter]))
        staff = self.scenario.staff
        return DayRecord(
            open_min=hours.open_min,
            close_min=hours.close_min,
            arrival=np.array(self.arrival),
            service=self.service_types,
            priority=np.array(self.priority, dtype=np.int8),
            start=start,
            end=end,
            outcome=np.array(self.outcome, dtype=np.int8),
            channel=channel,
            queued_for_counter=np.array(self.queued_for_counter, dtype=bool),
            counter_busy_minutes=busy,
            counter_staffed_minutes=self.counters.staffed_minutes,
            floor_staff=staff.guides + staff.security,
            day_end_min=day_end,
        )

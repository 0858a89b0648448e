"""The day's customers: what was drawn for each of them, and how each visit went.

One object owns every customer's state. The draws made before the day (arrival time, service,
priority, patience, ...) are read-only lists indexed by customer number; what happens during
the day is written only through the methods here: :meth:`CustomerTable.start_service` when a
counter or kiosk takes a customer, and :meth:`CustomerTable.finish`, the one place a visit gets
its outcome. That makes the conservation law (every arrival ends in exactly one state) a
property of one class, and :meth:`CustomerTable.present` the count of people on the floor.
"""

from collections import deque
from collections.abc import Callable

import numpy as np

from simulator.engine.demand import Customers
from simulator.engine.floor import Spot
from simulator.engine.records import Channel, Outcome

RECENT_MIN = 15.0  # the window of "recent" live metrics (wait_p90_recent, abandoned_recent)


def percentile_90(values: list[float]) -> float:
    """Return the 90th percentile (numpy's default linear interpolation); 0 for no values.

    Called once a simulated minute on a few dozen values, where numpy's overhead dominated.
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    position = 0.9 * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


class CustomerTable:
    """Every customer of one day, indexed by customer number (arrival order)."""

    def __init__(self, customers: Customers, watched: bool):
        """Take the day's draws; ``watched``: keep the recent waits a playbook reads."""
        self.count = customers.arrival.size
        self.service_types = customers.service
        # Plain lists: scalar access from Python is several times faster than on numpy arrays.
        self.arrival: list[float] = customers.arrival.tolist()
        self.service: list[int] = customers.service.tolist()
        self.priority: list[int] = customers.priority.tolist()
        self.quick: list[bool] = customers.quick.tolist()
        self.uses_kiosk: list[bool] = customers.uses_kiosk.tolist()
        self.kiosk_ok: list[bool] = customers.kiosk_ok.tolist()
        self.routing: list[float] = customers.routing.tolist()
        self.callback: list[float] = customers.callback.tolist()
        self.service_minutes: list[float] = customers.service_minutes.tolist()
        self.patience: list[float] = customers.patience.tolist()
        self.prep_factor = [1.0] * self.count  # < 1 once their business was pre-processed
        self._start = [np.nan] * self.count
        self._end = [np.nan] * self.count
        self._outcome = [Outcome.PENDING] * self.count
        self._channel = [Channel.NONE] * self.count
        # False for customers who never came: due after the doors closed.
        self._came = [True] * self.count
        self.present = 0  # customers on the floor now
        # Customers held outside the door now, and when those held came in at last.
        self.outside: set[int] = set()
        self._entered: dict[int, float] = {}
        # Called when someone leaves the floor, while people wait outside for room (the door).
        self.on_leave: Callable[[], None] | None = None
        # Only a playbook reads recent waits and abandonments; without one, skip the bookkeeping.
        self._recent_waits: deque[tuple[float, float]] | None = deque() if watched else None
        self._recent_abandons: deque[float] | None = deque() if watched else None
        # Call-backs coming again: each a new visit, numbered after the day's customers,
        # by the number of the visit on which they left a number.
        self.return_of: dict[int, int] = {}
        # And the customer drawn for the day each such visit goes back to (through every
        # number left: a call-back may leave a number again in a later outage).
        self.first_visit: dict[int, int] = {}

    def add_return(self, customer: int, at: float) -> int:
        """Add the visit of ``customer``, who left a number, coming again at ``at``; its number.

        They come for the same business, served as long as drawn for them, with the same
        priority and patience; they come to the counters (their business needs one: that is
        why they were asked for a number) and do not leave a number twice.
        """
        visit = self.count
        self.count += 1
        self.return_of[visit] = customer
        self.first_visit[visit] = self.first_visit.get(customer, customer)
        self.arrival.append(at)
        self.service.append(self.service[customer])
        self.priority.append(self.priority[customer])
        self.quick.append(self.quick[customer])
        self.uses_kiosk.append(False)
        self.kiosk_ok.append(self.kiosk_ok[customer])
        self.routing.append(self.routing[customer])
        self.callback.append(1.0)  # never below a call-back share: no second number
        self.service_minutes.append(self.service_minutes[customer])
        self.patience.append(self.patience[customer])
        self.prep_factor.append(1.0)
        self._start.append(np.nan)
        self._end.append(np.nan)
        self._outcome.append(Outcome.PENDING)
        self._channel.append(Channel.NONE)
        self._came.append(True)
        return visit

    def enter(self) -> None:
        """Count one more customer on the floor."""
        self.present += 1

    def wait_outside(self, customer: int) -> None:
        """Note that ``customer`` waits outside the door (not on the floor)."""
        self.outside.add(customer)

    def admit(self, customer: int, now: float) -> None:
        """Let ``customer``, waiting outside, in at ``now``."""
        self.outside.discard(customer)
        self._entered[customer] = now
        self.present += 1

    def left_outside(self, customer: int, now: float) -> None:
        """End the visit of ``customer``, who went away from outside the door at ``now``."""
        self.outside.discard(customer)
        self._outcome[customer] = Outcome.LEFT_OUTSIDE
        self._end[customer] = now

    def turned_away(self, customer: int, now: float) -> None:
        """End the visit of ``customer``, turned away at ``now`` from a closed-off door."""
        self._outcome[customer] = Outcome.TURNED_AWAY
        self._end[customer] = now

    def never_came(self, customer: int) -> None:
        """Note that ``customer`` never came: they were due after the doors closed."""
        self._came[customer] = False

    def pre_process(self, customer: int, factor: float) -> bool:
        """Shorten ``customer``'s service to ``factor`` of its time; return whether it changed.

        A customer pre-processed already (as far) is not pre-processed twice.
        """
        if factor < self.prep_factor[customer]:
            self.prep_factor[customer] = factor
            return True
        return False

    def start_service(self, customer: int, now: float, channel: Channel) -> float:
        """Start serving ``customer`` at ``channel``; return their service minutes as drawn."""
        self._start[customer] = now
        self._channel[customer] = channel
        if self._recent_waits is not None:
            self._recent_waits.append((now, now - self.arrival[customer]))
        return self.service_minutes[customer] * self.prep_factor[customer]

    def finish(self, customer: int, outcome: Outcome, now: float) -> None:
        """End ``customer``'s visit with ``outcome`` at ``now``: the one writer of outcomes."""
        self._outcome[customer] = outcome
        self._end[customer] = now
        self.present -= 1
        if outcome == Outcome.ABANDONED and self._recent_abandons is not None:
            self._recent_abandons.append(now)
        if self.on_leave is not None:
            self.on_leave()

    def recent_wait_p90(self, now: float) -> float:
        """Return the 90th percentile of waits that ended in service in the last 15 minutes."""
        waits = self._recent_waits
        if waits is None:
            return 0.0
        while waits and waits[0][0] < now - RECENT_MIN:
            waits.popleft()
        return percentile_90([wait for _, wait in waits])

    def recent_abandons(self, now: float) -> int:
        """Return how many customers gave up waiting in the last 15 minutes."""
        abandons = self._recent_abandons
        if abandons is None:
            return 0
        while abandons and abandons[0] < now - RECENT_MIN:
            abandons.popleft()
        return len(abandons)

    def inside(self, now: float) -> list[int]:
        """Return the customers on the floor at ``now``: came in, and their visit not over."""
        return [
            customer
            for customer, outcome in enumerate(self._outcome)
            if outcome == Outcome.PENDING
            and self._came[customer]
            and self.arrival[customer] <= now
            and customer not in self.outside
        ]

    def spots(self, inside: list[int]) -> np.ndarray:
        """Return where each of ``inside`` stands (:class:`~.floor.Spot`).

        At a counter or a kiosk while served there, at the kiosks while waiting for one, else
        waiting in the queue area and the seats.
        """
        spot = np.full(len(inside), Spot.WAITING, dtype=np.int8)
        for position, customer in enumerate(inside):
            channel = self._channel[customer]
            if channel in (Channel.COUNTER, Channel.FAST_LANE):
                spot[position] = Spot.AT_COUNTER
            elif channel == Channel.KIOSK or self.uses_kiosk[customer]:
                spot[position] = Spot.AT_KIOSK
        return spot

    def entered(self) -> np.ndarray | None:
        """Return when each customer who came came in (None: nobody was held outside).

        That is their arrival, later for those held outside, NaN for those who left outside
        or were turned away.
        """
        outcomes = set(self._outcome)
        if not self._entered and not outcomes & {Outcome.LEFT_OUTSIDE, Outcome.TURNED_AWAY}:
            return None
        entered = np.array(self.arrival)
        for customer, time in self._entered.items():
            entered[customer] = time
        never_in = np.isin(np.array(self._outcome), (Outcome.LEFT_OUTSIDE, Outcome.TURNED_AWAY))
        entered[never_in] = np.nan
        return entered[np.array(self._came, dtype=bool)]

    def arrays(self) -> dict[str, np.ndarray]:
        """Return the records of the customers who came, as arrays for the day's record."""
        came = np.array(self._came, dtype=bool)
        # A returning visit names the row of the visit it comes again from (-1: a first visit).
        row = np.cumsum(came) - 1
        return_of = np.full(self.count, -1, dtype=np.int64)
        for visit, first in self.return_of.items():
            return_of[visit] = row[first]
        return {
            "came": came,
            "return_of": return_of[came],
            "arrival": np.array(self.arrival)[came],
            "service": np.array(self.service, dtype=self.service_types.dtype)[came],
            "priority": np.array(self.priority, dtype=np.int8)[came],
            "start": np.array(self._start)[came],
            "end": np.array(self._end)[came],
            "outcome": np.array(self._outcome, dtype=np.int8)[came],
            "channel": np.array(self._channel, dtype=np.int8)[came],
        }

"""After an outage (恢复营业后): the work pre-accepted by hand is entered, call-backs come back.

The plans: 采取人工预受理，待系统恢复正常后，再进行录入派单 — what counters accepted by hand
during the outage is entered in the system once it is back, and that takes counter time
(``entry_min`` per piece, :meth:`~.station.Station.add_entries`); and 恢复营业后…通知留下联系电话的
客户 / 及时通知客户在XX时刻再来 — the customers who left a number are called back and come
again (``call_back``: a share of them, from a stated time or a while after recovery, spread
evenly), as new visits at the door (:meth:`~.door.Door.call_back`).

The draws (entry times, who comes back and when) come from the ``follow_through`` stream of
the outage, in the order the work was done and the numbers were left.
"""

from typing import Protocol

import simpy

from simulator.engine.events import EventKind
from simulator.engine.incidents import Outage
from simulator.engine.log import EventLog
from simulator.engine.streams import Streams
from simulator.model.clock import format_clock
from simulator.model.incidents import CallBack, PowerOutage, SystemOutage
from simulator.model.scenario import Scenario


class Entries(Protocol):
    """What recovery asks of the counters (see :class:`~.station.Station`)."""

    def add_entries(self, minutes: list[float], services: list[int]) -> None:
        """Queue pieces of work (minutes, service each), entered before the next customers."""
        ...


class Returns(Protocol):
    """What recovery asks of the door (see :class:`~.door.Door`)."""

    closes_at: float

    def call_back(self, customer: int, at: float) -> None:
        """Bring ``customer``, who left a number, back to the door at ``at``."""
        ...


class FollowThrough:
    """What each outage leaves to do once its systems are back."""

    def __init__(
        self,
        env: simpy.Environment,
        scenario: Scenario,
        streams: Streams,
        log: EventLog,
        counters: Entries,
        door: Returns,
        service_of: list[int],
    ):
        """``service_of`` is each customer's service (the customer table's own list)."""
        self.env, self.scenario, self.streams, self.log = env, scenario, streams, log
        self.counters, self.door, self.service_of = counters, door, service_of
        self.deferred = 0  # pieces of entry work left for another day (systems back too late)

    def recovered(self, outage: Outage) -> None:
        """Systems are back after ``outage``: queue its entry work, call its customers back.

        Systems back after closing leave it all for another day: nobody stays to enter the
        work, and nobody is called back to a closed hall.
        """
        incident = self.scenario.incidents[outage.index]
        assert isinstance(incident, SystemOutage | PowerOutage)
        closed = self.env.now >= self.door.closes_at
        if incident.entry_min is not None and outage.by_hand:
            if closed:
                self.deferred += len(outage.by_hand)
                detail = f"systems back after closing: {len(outage.by_hand)} left to enter"
                self._step(outage, "work_left", detail)
            else:
                rng = self.streams.generator("follow_through", outage.index, 0)
                minutes = incident.entry_min.sample(rng, len(outage.by_hand)).tolist()
                services = [self.service_of[customer] for customer in outage.by_hand]
                self.counters.add_entries(minutes, services)
                detail = f"{len(minutes)} pre-accepted by hand to enter"
                self._step(outage, "work_to_enter", f"{detail}, {sum(minutes):.0f} counter-min")
        if incident.call_back is not None and outage.numbers:
            self._call_back(outage, incident.call_back)

    def _call_back(self, outage: Outage, call_back: CallBack) -> None:
        rng = self.streams.generator("follow_through", outage.index, 1)
        numbers = outage.numbers
        # Two draws per number whatever the share: who comes does not shift when they come.
        comes = rng.random(len(numbers)) < call_back.share
        offsets = rng.random(len(numbers)) * call_back.spread_min
        first = call_back.first_min(self.env.now)
        closes = self.door.closes_at
        back = [
            (first + offset, customer)
            for customer, yes, offset in zip(numbers, comes, offsets, strict=True)
            if yes and first + offset < closes
        ]
        for at, customer in back:
            self.door.call_back(customer, at)
        late = int(comes.sum()) - len(back)
        detail = f"{len(back)} of {len(numbers)} who left a number come back"
        if back:
            span = (min(at for at, _ in back), max(at for at, _ in back))
            detail += f", {format_clock(span[0])}–{format_clock(span[1])}"
        if late:
            detail += f"; {late} would come after closing: another day"
        self._step(outage, "callbacks_called", detail)

    def _step(self, outage: Outage, name: str, detail: str) -> None:
        self.log.record(EventKind.INCIDENT_STEP, name, incident=outage.index, detail=detail)

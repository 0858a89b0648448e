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

    def add_entries(self, minutes: list[float]) -> None:
        """Queue pieces of work of these minutes, to be entered before the next customers."""
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
    ):
        self.env, self.scenario, self.streams, self.log = env, scenario, streams, log
        self.counters, self.door = counters, door

    def recovered(self, outage: Outage) -> None:
        """Systems are back after ``outage``: queue its entry work, call its customers back."""
        incident = self.scenario.incidents[outage.index]
        assert isinstance(incident, SystemOutage | PowerOutage)
        if incident.entry_min is not None and outage.by_hand:
            rng = self.streams.generator("follow_through", outage.index, 0)
            minutes = incident.entry_min.sample(rng, len(outage.by_hand)).tolist()
            self.counters.add_entries(minutes)
            detail = f"{len(minutes)} pre-accepted by hand to enter, {sum(minutes):.0f} counter-min"
            self._step(outage, "work_to_enter", detail)
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

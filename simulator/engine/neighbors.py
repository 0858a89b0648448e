"""The neighbouring halls a redirect sends customers to, and whether they can take them now.

The plans' first step on a fault is to phone the other halls (打电话询问其它营业厅是否正常): a
neighbour that an outage has stopped too (the outage's ``region``) takes nobody, and one with
``spare_per_hour`` takes at most that many in any hour, on top of its own customers. A redirect
that could send nobody for these reasons has not been carried out for them (the reason is
counted). Each customer sent travels ``travel_min``: their cost, in ``redirect_travel_min``.
"""

from collections import deque
from typing import Protocol

import simpy

from simulator.engine.events import Reason
from simulator.model.hall import Site


class Outages(Protocol):
    """What the neighbours ask of the outages in force (see :class:`~.incidents.Outages`)."""

    def neighbor_down(self, name: str) -> bool:
        """Return whether an outage in force has stopped the neighbouring hall ``name`` too."""
        ...


class Neighbors:
    """The site's neighbouring halls: who can take a customer now, and what sending cost."""

    def __init__(self, env: simpy.Environment, site: Site, outages: Outages):
        self.env, self.outages = env, outages
        self._travel = {neighbor.name: neighbor.travel_min for neighbor in site.neighbors}
        self._spare = {neighbor.name: neighbor.spare_per_hour for neighbor in site.neighbors}
        self._sent: dict[str, deque[float]] = {name: deque() for name in self._travel}
        self.travel_min = 0.0  # minutes the customers sent spent on their way

    def refusal(self, name: str) -> Reason | None:
        """Return why hall ``name`` cannot take a customer now (None: it can)."""
        if self.outages.neighbor_down(name):
            return Reason.NEIGHBOR_DOWN
        spare = self._spare.get(name)
        if spare is not None:
            sent, hour_ago = self._sent[name], self.env.now - 60.0
            while sent and sent[0] <= hour_ago:
                sent.popleft()
            if len(sent) >= spare:
                return Reason.NEIGHBOR_FULL
        return None

    def send(self, name: str) -> None:
        """Note one customer sent to hall ``name`` now."""
        if name in self._sent:
            self._sent[name].append(self.env.now)
            self.travel_min += self._travel[name]

"""The live quantities a playbook condition can test, read off the hall's parts as they are now.

``queue``, ``queue_vip``, ``in_hall``, ``density``, ``outage_min``, ``power_out`` and ``time``
cost next to nothing; ``wait_p90_recent`` and ``abandoned_recent`` (the last 15 minutes), the
incidents' state (``illness_active``, ``siege_min``, ``outage_ended_min``) and the people
waiting outside are read only when some condition, or a console, needs them.
"""

from collections.abc import Callable

import simpy

from simulator.engine.customers import CustomerTable
from simulator.engine.demand import VIP
from simulator.engine.incidents import Outages
from simulator.engine.situation import Situation
from simulator.engine.station import Station
from simulator.model.conditions import INCIDENT_FLAGS, INCIDENT_MINUTES


class Gauges:
    """Reads the hall's state for the playbook once a simulated minute."""

    def __init__(
        self,
        env: simpy.Environment,
        customers: CustomerTable,
        counters: Station,
        outages: Outages,
        situation: Situation,
        outside: Callable[[], int],
        floor_staff: int,
        floor_area_m2: float,
    ):
        self.env, self.customers, self.counters = env, customers, counters
        self.outages, self.situation, self.outside = outages, situation, outside
        self.floor_staff = floor_staff  # guides and security, counted among people on the floor
        self.floor_area_m2 = floor_area_m2

    def read(self, needed: frozenset[str]) -> dict[str, float]:
        """Return the quantities conditions test now (the costly ones only if ``needed``)."""
        now = self.env.now
        in_hall = self.customers.present + self.floor_staff
        state = {
            "queue": self.counters.waiting,
            "queue_vip": self.counters.waiting_by_priority[VIP],
            "in_hall": in_hall,
            "density": in_hall / self.floor_area_m2,
            "outage_min": self.outages.outage_minutes(),
            "power_out": 1.0 if self.outages.power_out else 0.0,
            "time": now,
        }
        if "wait_p90_recent" in needed:
            state["wait_p90_recent"] = self.customers.recent_wait_p90(now)
        if "abandoned_recent" in needed:
            state["abandoned_recent"] = self.customers.recent_abandons(now)
        if "outside_queue" in needed:
            state["outside_queue"] = self.outside()
        if "outage_ended_min" in needed:
            state["outage_ended_min"] = self.situation.minutes_since_outage()
        situation = self.situation
        for name in needed:
            if name in INCIDENT_FLAGS:
                state[name] = 1.0 if situation.active(INCIDENT_FLAGS[name]) else 0.0
            elif name in INCIDENT_MINUTES:
                state[name] = situation.minutes(INCIDENT_MINUTES[name])
        return state

"""How much a run would simulate, said before it starts, so a typo cannot take the machine.

``-n 100000`` days of a hall with ``per_hour: 90000`` is a legal request that would run for
days. The estimate counts customers (each one is a handful of simulation events) and, on days
with an evacuation, the people walking out (each one is moved second by second, so it weighs
more); above :data:`LARGE_RUN` the command says how large the run would be and asks for
``--allow-large``.
"""

import math
from dataclasses import dataclass

from simulator.model.incidents import EVACUATION_KINDS
from simulator.model.plausibility import expected_customers, fluid_peak
from simulator.model.scenario import Scenario

# Work units at the most without --allow-large: about 20 million customers, some eight minutes
# on one core of the machine the benchmarks ran on (40,000 customers a second).
LARGE_RUN = 20_000_000
CUSTOMERS_PER_SECOND = 40_000
# An evacuee costs about as much as this many customers (per-second steps to an exit).
EVACUEE_WEIGHT = 10


@dataclass(frozen=True)
class Work:
    """The size of a run: customers and evacuees a day, days, and the work units they make."""

    customers_per_day: float
    evacuees_per_day: float
    days: int

    @property
    def units(self) -> float:
        """Return the work units: customers plus weighted evacuees, over all days."""
        return self.days * (self.customers_per_day + EVACUEE_WEIGHT * self.evacuees_per_day)

    @property
    def large(self) -> bool:
        """Return whether the run is above :data:`LARGE_RUN` and needs ``--allow-large``."""
        return self.units > LARGE_RUN

    def minutes(self, jobs: int) -> float:
        """Return roughly how many minutes it takes on ``jobs`` workers."""
        return self.units / CUSTOMERS_PER_SECOND / max(1, jobs) / 60


def estimate_work(scenario: Scenario, days: int) -> Work:
    """Return the size of ``days`` days of ``scenario`` (for several plans, the sum of days)."""
    evacuations = sum(1 for incident in scenario.incidents if incident.kind in EVACUATION_KINDS)
    # Everyone on the floor at the busiest moment: an upper bound of who is inside at an alarm.
    inside = fluid_peak(scenario)[0] if evacuations else 0.0
    return Work(expected_customers(scenario), evacuations * math.ceil(inside), days)

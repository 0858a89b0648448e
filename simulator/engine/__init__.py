"""The simulation engine: plays one day of a scenario and returns flat records.

This package is the only place SimPy is imported. Its input is a validated
:class:`~simulator.model.Scenario` and the replication's random :class:`Streams`; its output is a
:class:`DayRecord` that metrics read without knowing how it was produced.
"""

from simulator.engine.demand import draw_customers
from simulator.engine.hall import Hall
from simulator.engine.incidents import draw_timings
from simulator.engine.records import Channel, DayRecord, Event, Outcome
from simulator.engine.streams import SOURCES, Streams
from simulator.model.scenario import Scenario

__all__ = [
    "SIMULATED_INCIDENTS",
    "SOURCES",
    "Channel",
    "DayRecord",
    "Event",
    "Outcome",
    "Streams",
    "simulate_day",
    "unsimulated_parts",
]

# Incident kinds the engine plays; the validator knows more (they arrive in later releases).
SIMULATED_INCIDENTS = frozenset(
    {"surge", "system_outage", "power_outage", "illness", "disorder", "siege"}
)


def simulate_day(scenario: Scenario, streams: Streams) -> DayRecord:
    """Simulate one day of ``scenario`` with the random numbers of ``streams``."""
    timings = draw_timings(scenario, streams)
    return Hall(scenario, draw_customers(scenario, streams), timings, streams).run()


def unsimulated_parts(scenario: Scenario) -> list[str]:
    """Name the parts of ``scenario`` the engine validates but does not play yet."""
    parts = {i.kind for i in scenario.incidents if i.kind not in SIMULATED_INCIDENTS}
    if any(i.params.get("evacuate") for i in scenario.incidents):
        parts.add("evacuation")  # egress comes with the evacuation release
    return sorted(parts)

"""The simulation engine: plays one day of a scenario and returns flat records.

This package is the only place SimPy is imported. Its input is a validated
:class:`~simulator.model.Scenario` and the replication's random :class:`Streams`; its output is a
:class:`DayRecord` that metrics read without knowing how it was produced.
"""

from simulator.engine.control import Observer
from simulator.engine.demand import draw_customers
from simulator.engine.emergencies import draw_emergencies
from simulator.engine.hall import Hall
from simulator.engine.incidents import draw_timings
from simulator.engine.records import Channel, DayRecord, Event, Outcome
from simulator.engine.streams import SOURCES, Streams
from simulator.model.decisions import Decision
from simulator.model.scenario import Scenario

__all__ = [
    "SOURCES",
    "Channel",
    "DayRecord",
    "Event",
    "Outcome",
    "Streams",
    "simulate_day",
]


def simulate_day(
    scenario: Scenario,
    streams: Streams,
    script: tuple[Decision, ...] | None = None,
    observer: Observer | None = None,
) -> DayRecord:
    """Simulate one day of ``scenario`` with the random numbers of ``streams``.

    With a ``script``, its decisions replace the playbook's rules (which still say, in the
    shadow, what they would have done); ``observer`` is shown the hall once a simulated minute.
    """
    timings = draw_timings(scenario, streams)
    emergencies = draw_emergencies(scenario, streams)
    customers = draw_customers(scenario, streams)
    hall = Hall(scenario, customers, timings, streams, emergencies, script, observer)
    return hall.run()

"""The simulation engine: plays one day of a scenario and returns flat records.

This package is the only place SimPy is imported. Its input is a validated
:class:`~simulator.model.Scenario` and the replication's random
:class:`~simulator.engine.streams.Streams`; its output is a
:class:`~simulator.engine.records.DayRecord` (customers as arrays, typed
:class:`~simulator.engine.events.Event` records) that metrics read without knowing how it was
produced. :func:`simulator.engine.hall.simulate_day` plays a day.

The package's own import runs nothing and loads no SimPy, so the plain-data modules
(:mod:`.events`, :mod:`.records`) can be read by the run directory's schema on their own.
"""

"""A drill's timeline as its log shows it: when each incident ran, what was counted when.

The clauses of a drill (:mod:`simulator.scoring.observed`) are rated against this: the state
the ``when:`` language reads, at any time of the day, from the injects (an outage from 10:30
to 11:05) and the measurements (a queue of 23 at 10:45). A quantity the log cannot give is
NaN, and no comparison on it holds. A played day (``drill play``) gives its own incidents as
injects (:func:`injects_of_day`) and its hall minute by minute as counts (:func:`day_counts`).
"""

import bisect
import math
from dataclasses import dataclass

from simulator.engine.events import Event, EventKind
from simulator.model.conditions import (
    INCIDENT_FLAGS,
    INCIDENT_MINUTES,
    Condition,
    comparisons_of,
)
from simulator.model.drill_log import DrillLog
from simulator.model.drill_record import InjectRecord, Measurement
from simulator.model.incidents import OUTAGE_KINDS
from simulator.model.scenario import Scenario

# Quantities the log can give by measurement; and those it cannot give at all (a density, a
# recent 90th-percentile wait): a condition on either is "cannot tell" when it never held.
MEASURABLE = frozenset({"queue", "in_hall", "outside_queue"})
UNKNOWABLE = frozenset({"queue_vip", "density", "wait_p90_recent", "abandoned_recent"})
# A tabletop's day gives all of them, minute by minute (:func:`day_counts`).
COUNTABLE = MEASURABLE | UNKNOWABLE
_EPSILON = 1e-6


@dataclass(frozen=True)
class Period:
    """One incident as it ran in the drill: from its start inject to its end (None: not ended)."""

    kind: str
    incident: int
    start: float
    end: float | None
    assumed: bool = False  # no inject logged: the scenario's own time is taken


def periods_of(log: DrillLog, scenario: Scenario) -> tuple[Period, ...]:
    """Return each incident of the drill, from its injects (or the scenario's time if none).

    A fire with no end inject ends when ``fire_out_s`` says it was out; an incident that never
    ends in the log runs to the end of the day.
    """
    fire_out = [m.value for m in log.measurements if m.measure == "fire_out_s"]
    if log.injects or log.injects_complete:
        return _from_injects(log.injects, fire_out)
    periods = []
    for index, incident in enumerate(scenario.incidents):
        start = getattr(incident, "start_min", None)
        # One set off by long waits may not happen at all: only an inject says it did.
        if start is None or getattr(incident, "from_waits", None) is not None:
            continue
        end = getattr(incident, "until_min", None)  # a surge's own end
        if incident.kind == "fire" and fire_out:
            end = start + float(fire_out[0]) / 60
        periods.append(Period(incident.kind, index, start, end, assumed=True))
    return tuple(periods)


def _from_injects(
    injects: tuple[InjectRecord, ...], fire_out: list[float | bool]
) -> tuple[Period, ...]:
    open_: dict[int, InjectRecord] = {}
    periods = []
    for inject in injects:
        if inject.starts:
            open_[inject.incident] = inject
        elif inject.incident in open_:
            began = open_.pop(inject.incident)
            periods.append(Period(began.kind, began.incident, began.time_min, inject.time_min))
    for began in open_.values():
        end = None
        if began.kind == "fire" and fire_out:
            end = began.time_min + float(fire_out[0]) / 60
        periods.append(Period(began.kind, began.incident, began.time_min, end))
    return tuple(sorted(periods, key=lambda period: (period.start, period.incident)))


class Timeline:
    """The drill's state at any time, as the log shows it: what the ``when:`` language reads."""

    def __init__(self, periods: tuple[Period, ...], measurements: tuple[Measurement, ...]):
        self.periods = periods
        self.measured = sorted(
            (m for m in measurements if m.time_min is not None and m.measure in COUNTABLE),
            key=lambda m: m.time_min or 0.0,
        )
        # Per quantity, its counts in time order: the state at a time is the last one before
        # (found by bisection: a played day gives one count a minute).
        self._counts: dict[str, tuple[list[float], list[float]]] = {}
        for m in self.measured:
            times, values = self._counts.setdefault(m.measure, ([], []))
            times.append(m.time_min or 0.0)
            values.append(float(m.value))

    def running(self, kinds: frozenset[str] | tuple[str, ...], time: float) -> Period | None:
        """Return the incident of ``kinds`` in progress at ``time`` (the latest begun), if any."""
        running = [
            p
            for p in self.periods
            if p.kind in kinds and p.start <= time and (p.end is None or time < p.end)
        ]
        return running[-1] if running else None

    def state(self, time: float) -> dict[str, float]:
        """Return every quantity a condition may read at ``time`` (NaN: the log cannot say)."""
        state: dict[str, float] = {"time": time}
        for name, kind in INCIDENT_FLAGS.items():
            running = self.running((kind,), time)
            state[name] = 1.0 if running else 0.0
        for name, kind in INCIDENT_MINUTES.items():
            running = self.running((kind,), time)
            state[name] = time - running.start if running else 0.0
        outage = self.running(OUTAGE_KINDS, time)
        state["outage_min"] = time - outage.start if outage else 0.0
        state["power_out"] = 1.0 if self.running(("power_outage",), time) else 0.0
        ended = [
            p.end
            for p in self.periods
            if p.kind in OUTAGE_KINDS and p.end is not None and p.end <= time
        ]
        state["outage_ended_min"] = time - max(ended) if ended and not outage else math.nan
        for name in COUNTABLE:
            state[name] = math.nan
        for name, (times, values) in self._counts.items():
            at = bisect.bisect_right(times, time) - 1
            if at >= 0:
                state[name] = values[at]
        return state

    def candidates(self, condition: Condition, day_start: float, day_end: float) -> list[float]:
        """Return the times at which ``condition`` may start to hold, in order."""
        times = {day_start, *(p.start for p in self.periods)}
        times |= {p.end for p in self.periods if p.end}
        times |= {m.time_min for m in self.measured if m.time_min is not None}
        for compare in comparisons_of(condition):
            edges = [p.start for p in self.periods] + [p.end for p in self.periods if p.end]
            if compare.metric == "time":
                edges = [0.0]
            for edge in edges:
                times |= {edge + compare.value, edge + compare.value + _EPSILON}
        return sorted(t for t in times if day_start <= t <= day_end)


def injects_of_day(events: list[Event]) -> tuple[InjectRecord, ...]:
    """Return a simulated day's incidents as injects (a tabletop's day is its own timeline).

    A fire starts at ignition and ends when it was put out, if it was.
    """
    found = []
    for event in events:
        if event.incident is None:
            continue
        if event.kind in (EventKind.INCIDENT, EventKind.INCIDENT_END):
            starts = event.kind is EventKind.INCIDENT
            found.append(InjectRecord(event.time, event.name, starts, event.incident))
        elif event.kind is EventKind.INCIDENT_STEP and event.name == "fire_suppressed":
            found.append(InjectRecord(event.time, "fire", False, event.incident))
    return tuple(found)


def day_counts(series: dict[str, list[float]], grid: list[float]) -> tuple[Measurement, ...]:
    """Return a simulated day's per-minute counts as measurements (a tabletop sees the hall).

    ``series`` maps ``queue``, ``in_hall`` and ``outside_queue`` to one value per minute of
    ``grid``; only changes are kept, which is all the timeline needs.
    """
    found = []
    for measure, values in series.items():
        last = None
        for time, value in zip(grid, values, strict=False):
            if value != last:
                found.append(Measurement(measure, float(value), float(time)))
                last = value
    return tuple(found)

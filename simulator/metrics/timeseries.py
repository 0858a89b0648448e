"""Step functions of the day (customers in the counter queue, people on the floor) from records.

Each quantity is a set of entry and exit times; its value at time t counts entries at or before t
minus exits at or before t. Peaks are taken over every event, not over per-minute samples, so a
crowd that lasts thirty seconds is still seen.
"""

import numpy as np

from simulator.engine.intervals import level_at, peak_level
from simulator.engine.records import DayRecord

__all__ = ["level_at", "peak_level"]  # used from here by metrics; they live in the engine

# The per-minute series of a day, aggregated across replications.
SERIES = ("queue", "in_hall", "counters", "outside")
# Minutes after closing that the per-minute series keeps (the hall usually empties by then).
TAIL_MIN = 60


def queue_intervals(record: DayRecord) -> tuple[np.ndarray, np.ndarray]:
    """Return (entry, exit) times of everyone who waited in the counter queue."""
    joined = record.queued_for_counter
    entry = record.entered_at[joined]
    # Served customers leave the queue when service starts; the others when they give up.
    left = np.where(np.isnan(record.start[joined]), record.end[joined], record.start[joined])
    if record.evacuation is not None:  # at the alarm the queue dissolves into the evacuation
        left = np.minimum(left, record.evacuation.alarm_min)
    return entry, left


def hall_intervals(record: DayRecord) -> tuple[np.ndarray, np.ndarray]:
    """Return (entry, exit) times of every customer on the public floor."""
    if record.entered is None:
        return record.arrival, record.end
    came_in = ~np.isnan(record.entered)
    return record.entered[came_in], record.end[came_in]


def outside_intervals(record: DayRecord) -> tuple[np.ndarray, np.ndarray]:
    """Return (arrival, leaving the line) times of everyone held outside the door."""
    if record.entered is None:
        return np.zeros(0), np.zeros(0)
    left = np.where(np.isnan(record.entered), record.end, record.entered)
    held = left > record.arrival
    return record.arrival[held], left[held]


def area(entry: np.ndarray, exit_: np.ndarray) -> float:
    """Return the integral of the level over time (customer-minutes)."""
    return float(np.sum(exit_ - entry))


def minute_grid(open_min: float, close_min: float) -> np.ndarray:
    """Return the sample times of the per-minute series: opening to closing plus the tail."""
    return np.arange(open_min, close_min + TAIL_MIN + 1, 1.0)


def minute_series(record: DayRecord, grid: np.ndarray) -> dict[str, np.ndarray]:
    """Return queue, people on the floor and outside, and counters open at each ``grid`` time."""
    queue = level_at(*queue_intervals(record), grid)
    floor_staff = np.full(grid.size, record.floor_staff)
    if record.evacuation is not None:  # the staff leave with everyone else
        floor_staff[grid >= record.evacuation.complete_min] = 0
    in_hall = level_at(*hall_intervals(record), grid) + floor_staff
    return {
        "queue": queue.astype(np.int64),
        "in_hall": in_hall.astype(np.int64),
        "counters": counters_at(record, grid),
        "outside": level_at(*outside_intervals(record), grid).astype(np.int64),
    }


def counters_at(record: DayRecord, grid: np.ndarray) -> np.ndarray:
    """Return the counters due on duty at each time of ``grid`` (the last change at or before)."""
    if record.counters_due.size == 0:
        return np.zeros(grid.size, dtype=np.int64)
    latest = np.searchsorted(record.counter_change_min, grid, side="right") - 1
    return np.where(latest >= 0, record.counters_due[np.maximum(latest, 0)], 0).astype(np.int64)

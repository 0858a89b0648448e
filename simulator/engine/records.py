"""What the engine hands to metrics: one flat record per customer, plus staffing totals.

Records are numpy arrays indexed by customer number, so metrics are vectorised pure functions
and nothing here knows about SimPy.
"""

from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

import numpy as np


class Outcome(IntEnum):
    """How a customer's visit ended. ``PENDING`` after a run means a customer was lost (a bug)."""

    PENDING = 0
    SERVED = 1
    SERVED_KIOSK = 2
    ABANDONED = 3
    BALKED = 4
    REDIRECTED = 5
    CALLBACK = 6
    EVACUATED = 7


class Channel(IntEnum):
    """Where a customer was served."""

    NONE = 0
    COUNTER = 1
    FAST_LANE = 2
    KIOSK = 3


class Event(NamedTuple):
    """Something that happened at a moment of the day: an inject, a trigger, an action."""

    time: float  # minutes since midnight
    kind: str  # "incident", "trigger", "action", "escalation", "emergency_call"
    name: str  # e.g. "surge", "open_counters"
    detail: str  # human-readable particulars


@dataclass(frozen=True)
class DayRecord:
    """Everything one replication produced."""

    open_min: float
    close_min: float
    arrival: np.ndarray
    service: np.ndarray
    priority: np.ndarray
    start: np.ndarray  # service start; NaN if never served
    end: np.ndarray  # when the customer left the hall
    outcome: np.ndarray  # Outcome codes
    channel: np.ndarray  # Channel codes
    queued_for_counter: np.ndarray  # bool: joined the counter queue (balkers did not)
    counter_busy_minutes: float
    counter_staffed_minutes: float
    floor_staff: int  # guides and security on the public floor
    day_end_min: float  # last departure, or closing time if later
    events: tuple[Event, ...] = ()

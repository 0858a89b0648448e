"""What the engine hands to metrics: one flat record per customer, plus staffing totals.

Records are numpy arrays indexed by customer number, so metrics are vectorised pure functions
and nothing here knows about SimPy. The day's events are typed (:mod:`simulator.engine.events`).
"""

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from simulator.engine.events import Event
from simulator.model.decisions import Decision


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
    LEFT_OUTSIDE = 8  # waited outside a held door and went before being let in
    TURNED_AWAY = 9  # came to a door an incident had closed off (a robbery, a bomb threat)


class Channel(IntEnum):
    """Where a customer was served."""

    NONE = 0
    COUNTER = 1
    FAST_LANE = 2
    KIOSK = 3


@dataclass(frozen=True)
class EvacuationRecord:
    """One evacuation: who was in the hall, when each got out, and the crowd at each exit.

    Times in seconds are counted from ``incident_min``, the moment the incident began (ignition,
    the threat, the first shock), so ``out_s.max()`` is the required safe egress time (RSET) in
    the SFPE sense: detection + alarm + pre-movement + movement.
    """

    cause: str  # the incident kind that led to it ("fire", "bomb_threat", ...)
    incident_min: float
    alarm_min: float
    group: np.ndarray  # per person: 0 customer, 1 staff
    out_s: np.ndarray  # per person: seconds from the incident until they were out
    exit_index: np.ndarray  # per person: which exit they used
    exit_names: tuple[str, ...]
    blocked: tuple[str, ...]
    exit_peak_queue: np.ndarray  # per exit
    exit_peak_density: np.ndarray  # per exit, persons/m² in its approach area
    asset_s: float  # available safe egress time from the incident; NaN if not given
    responders_s: float  # fire brigade or police on site, from the incident; NaN if none
    # RSET had the doors passed people at the other flow (design ↔ measured), the same draws.
    other_flow_rset_s: float = float("nan")
    escorted: int = 0  # people who could not leave alone and were helped out by staff

    @property
    def rset_s(self) -> float:
        """Return the seconds from the incident until the last person was out."""
        if self.out_s.size:
            return float(self.out_s.max())
        return (self.alarm_min - self.incident_min) * 60  # nobody inside: done at the alarm

    @property
    def complete_min(self) -> float:
        """Return the clock minute at which the last person was out."""
        return self.incident_min + self.rset_s / 60


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
    evacuation: EvacuationRecord | None = None  # the day ended in an evacuation
    # Counters due on duty: from counter_change_min[i] on, counters_due[i] (a step function).
    counter_change_min: np.ndarray = field(default_factory=lambda: np.zeros(0))
    counters_due: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # What was decided: the playbook's own decisions, or the script that was played.
    decisions: tuple[Decision, ...] = ()
    # When each customer came through the door: their arrival, later for those held outside
    # (entry stopped or metered), NaN for those who left outside. None: nobody waited outside.
    entered: np.ndarray | None = None
    # For each visit, the row of the visit on which this customer left a number, coming again
    # now that systems are back (-1: a first visit). None: no call-back came again.
    return_of: np.ndarray | None = None
    # Work pre-accepted by hand during an outage: counter minutes spent entering it afterwards
    # (part of counter_busy_minutes), pieces entered, and pieces still not entered at day end.
    entry_minutes: float = 0.0
    entries_entered: int = 0
    entries_left: int = 0
    # Minutes the customers sent to neighbouring halls spent on their way there.
    redirect_travel_min: float = 0.0

    @property
    def entered_at(self) -> np.ndarray:
        """Return when each customer came in (NaN: never; they left outside)."""
        return self.arrival if self.entered is None else self.entered

"""Metrics of a day's evacuation: RSET against ASET, responders, crowding at the exits.

``evacuation_s`` is the required safe egress time (RSET) in the SFPE sense, counted from the
moment the incident began (ignition): detection, any attempt to put the fire out, the alarm,
pre-movement and movement. It is what ASET is compared with. ``egress_s`` counts from the alarm
only: what a drill's stopwatch measures from the bell to the last person out.

All are undefined (NaN) on a day without an evacuation, for instance when staff put the fire
out; limits and objectives on them are judged over the days that had one (see
:data:`CONDITIONAL_METRICS`).

Crowding at an exit is the queue in front of it over its approach area, classed by Fruin's level
of service for queuing areas (space per person: A ≥ 1.2 m², B ≥ 0.9, C ≥ 0.6, D ≥ 0.3, E ≥ 0.2,
F below), and flagged at 3.33 persons/m² (warning: Fruin E, movement within the crowd is
restricted) and 5.5 persons/m² (danger: crowd pressure can injure).
"""

import math

import numpy as np

from simulator.engine.records import DayRecord, EvacuationRecord

EVACUATION_METRICS = (
    "evacuation_s",
    "egress_s",
    "evacuated",
    "rset_exceeds_aset",
    "inside_at_responders",
    "exit_peak_density_per_m2",
    "escorted",
)
# Metrics defined only on days with an evacuation.
CONDITIONAL_METRICS = frozenset(EVACUATION_METRICS)

DENSITY_WARNING = 3.33  # persons/m²: Fruin queuing level E begins (0.3 m² each)
DENSITY_DANGER = 5.5  # persons/m²: crowd crush risk
# Fruin's queuing levels of service: the least space per person (m²) of each level.
FRUIN_QUEUING = (("A", 1.2), ("B", 0.9), ("C", 0.6), ("D", 0.3), ("E", 0.2))

CURVE_STEP_S = 5
CURVE_HORIZON_S = 3600  # the evacuation curve covers the first hour after the incident


def fruin_level(density_per_m2: float) -> str:
    """Return Fruin's queuing level of service (A–F) at ``density_per_m2``."""
    if density_per_m2 <= 0:
        return "A"
    space = 1 / density_per_m2
    for level, least_space in FRUIN_QUEUING:
        if space >= least_space:
            return level
    return "F"


def density_flag(density_per_m2: float) -> str:
    """Return "danger", "warning" or "" for a crowd density."""
    if density_per_m2 >= DENSITY_DANGER:
        return "danger"
    if density_per_m2 >= DENSITY_WARNING:
        return "warning"
    return ""


def evacuation_metrics(record: DayRecord) -> dict[str, float]:
    """Return the evacuation metrics of one day (NaN for each when there was none)."""
    evacuation = record.evacuation
    if evacuation is None:
        return dict.fromkeys(EVACUATION_METRICS, math.nan)
    rset = evacuation.rset_s
    asset, responders = evacuation.asset_s, evacuation.responders_s
    return {
        "evacuation_s": rset,
        "egress_s": rset - (evacuation.alarm_min - evacuation.incident_min) * 60,
        "evacuated": float(evacuation.group.size),
        "rset_exceeds_aset": math.nan if math.isnan(asset) else float(rset > asset),
        "inside_at_responders": (
            math.nan if math.isnan(responders) else float(np.sum(evacuation.out_s > responders))
        ),
        "exit_peak_density_per_m2": float(np.nanmax(evacuation.exit_peak_density)),
        "escorted": float(evacuation.escorted),
    }


def exit_flows(evacuation: EvacuationRecord) -> np.ndarray:
    """Return per exit (rows): people out by it, mean flow (persons/s) and last out (s from alarm).

    See :func:`exit_table`; times are counted from the alarm, as a drill's stopwatch does.
    """
    since_alarm = evacuation.out_s - (evacuation.alarm_min - evacuation.incident_min) * 60
    return exit_table(since_alarm, evacuation.exit_index, len(evacuation.exit_names))


def exit_table(out_s: np.ndarray, exit_index: np.ndarray, exits: int) -> np.ndarray:
    """Return per exit (rows): people out by it, mean flow (persons/s) and last out (s).

    The flow is the people after the first over the time between the first and the last to
    pass (NaN with fewer than two); an exit nobody used has 0 people and NaN times.
    """
    table = np.full((exits, 3), math.nan)
    for index in range(exits):
        out = np.sort(out_s[exit_index == index])
        table[index, 0] = out.size
        if out.size:
            table[index, 2] = out[-1]
        if out.size > 1 and out[-1] > out[0]:
            table[index, 1] = (out.size - 1) / (out[-1] - out[0])
    return table


def curve_grid() -> np.ndarray:
    """Return the times (s after the incident began) at which the evacuation curve is sampled."""
    return np.arange(0, CURVE_HORIZON_S + CURVE_STEP_S, CURVE_STEP_S, dtype=float)


def evacuation_curve(evacuation: EvacuationRecord) -> np.ndarray:
    """Return how many people are still inside at each time of :func:`curve_grid`.

    Before the alarm everyone evacuated later counts as inside.
    """
    out = np.sort(evacuation.out_s)
    left = np.searchsorted(out, curve_grid(), side="right")
    return (out.size - left).astype(np.int64)

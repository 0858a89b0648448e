"""Counting overlapping intervals: how many people are in a queue or a room at once.

Used by the engine (queues in front of exits) and by metrics (the counter queue, the hall), so
it lives here, below both: the engine never imports metrics.
"""

import numpy as np


def level_at(entry: np.ndarray, exit_: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Return how many intervals contain each of ``times`` (entries and exits at t both count)."""
    entered = np.searchsorted(np.sort(entry), times, side="right")
    left = np.searchsorted(np.sort(exit_), times, side="right")
    return entered - left


def peak_level(entry: np.ndarray, exit_: np.ndarray) -> int:
    """Return the largest number of simultaneously open intervals.

    At equal times exits are counted before entries, so a customer who starts service the
    moment they arrive never counts as waiting.
    """
    if entry.size == 0:
        return 0
    times = np.concatenate([exit_, entry])
    steps = np.concatenate([-np.ones(exit_.size), np.ones(entry.size)])
    order = np.lexsort((steps, times))
    return int(np.max(np.cumsum(steps[order]), initial=0))

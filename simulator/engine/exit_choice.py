"""Which exit each person takes, and who gives up a long queue for another.

The choice of :mod:`simulator.engine.egress`, apart from its queueing: people decide in the
order they start to move, by the walk and the wait they expect, each with what they can know
(everyone heading for each door, or only the crowd standing at it); at the door, one who
finds the queue will hold them longer than their patience walks on if that gets them out
sooner. Both keep helpers with the people they help.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PassageWalk:
    """The ways through the counter passage, as a chooser weighs them (P × E, in seconds)."""

    crosses: np.ndarray  # the door lies beyond the counter line
    to_s: np.ndarray  # walk to the passage
    from_s: np.ndarray  # walk on from it to the door
    headway_s: float  # the passage passes one person every this many seconds


def choose_exits(
    premovement: np.ndarray,
    walk: np.ndarray,
    headway: np.ndarray,
    usable: np.ndarray,
    chooses: np.ndarray,
    to_main: np.ndarray,
    bonus: np.ndarray,
    sees_all: np.ndarray,
    follows: np.ndarray,
    passage: PassageWalk | None = None,
) -> np.ndarray:
    """Return each person's exit, deciding in the order people start to move.

    People who choose by the expected wait count, less the seconds ``bonus`` they would give
    for a door they know, either the queues of everyone who set off before them (``sees_all``:
    ``free_at``, when each door will have let everyone assigned so far through) or only the
    people standing at each door when they set off, one headway each. A helper takes the
    door of the person they help (``follows``: that person, or −1), who has chosen already.
    A door beyond the counter line is reached through its ``passage``, whose queue (of all who
    were sent through it) everyone counts: it stands in front of them.
    """
    people, exits = walk.shape
    chosen = np.zeros(people, dtype=int)
    free_at = np.zeros(exits)
    # Who has been sent where so far, when they reach their door and when they pass it.
    sent_to = np.zeros(people, dtype=int)
    reach = np.zeros(people)
    passes = np.zeros(people)
    blocked_walk = np.where(usable, walk, np.inf)
    passage_free = 0.0  # when the passage will have let everyone sent through it so far
    for sent, person in enumerate(np.argsort(premovement, kind="stable")):
        start = premovement[person]
        arrive = start + blocked_walk[person]
        crossing = passage is not None and bool(passage.crosses[person].any())
        if crossing:
            assert passage is not None  # (for the type checker: crossing says so)
            at_passage = start + passage.to_s[person]
            through = np.maximum(at_passage, passage_free) + passage.headway_s
            crosses = passage.crosses[person] & usable
            arrive = np.where(crosses, through + passage.from_s[person], arrive)
        if follows[person] >= 0:
            exit_index = int(chosen[follows[person]])
        elif chooses[person]:
            if sees_all[person]:
                ready = free_at
            else:
                standing = (reach[:sent] <= start) & (passes[:sent] > start)
                queue = np.bincount(sent_to[:sent][standing], minlength=exits)
                ready = np.where(queue > 0, start + queue * headway, 0.0)
            expected = np.maximum(arrive, ready) + headway - bonus[person]
            exit_index = int(np.argmin(expected))
        elif to_main[person]:
            exit_index = 0
        else:
            exit_index = int(np.argmin(blocked_walk[person]))
        chosen[person] = exit_index
        if crossing and passage is not None and passage.crosses[person, exit_index]:
            passage_free = max(float(at_passage[exit_index]), passage_free) + passage.headway_s
        free_at[exit_index] = max(arrive[exit_index], free_at[exit_index]) + headway[exit_index]
        sent_to[sent], reach[sent], passes[sent] = (
            exit_index,
            arrive[exit_index],
            free_at[exit_index],
        )
    return chosen


def rerouted(
    arrive: np.ndarray,
    chosen: np.ndarray,
    headway: np.ndarray,
    usable: np.ndarray,
    walks: np.ndarray,
    patience_s: float,
    follows: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return exits, arrivals and exit times when people re-route from a long queue.

    People reach their doors in time order. One who finds that the queue will keep them more
    than ``patience_s`` goes on to the door that gets them out first, walking there from the
    door they gave up (``walks``: P × E × E seconds, door to door), if one does; everyone
    passes a door first come, first served, one every headway.
    """
    chosen, arrive = chosen.copy(), arrive.copy()
    out = np.empty_like(arrive)
    free_at = np.zeros(headway.size)
    for person in np.argsort(arrive, kind="stable"):
        door, at = int(chosen[person]), float(arrive[person])
        if follows[person] >= 0:  # a helper stays with the person they help
            led = follows[person]
            door, at = int(chosen[led]), float(arrive[led])
            chosen[person], arrive[person] = door, at
        elif free_at[door] - at > patience_s:
            there = at + walks[person, door]
            leave = np.where(usable, np.maximum(there, free_at) + headway, np.inf)
            leave[door] = max(at, free_at[door]) + headway[door]
            better = int(np.argmin(leave))
            if better != door:
                door, at = better, float(there[better])
                chosen[person], arrive[person] = door, at
        out[person] = max(at, free_at[door]) + headway[door]
        free_at[door] = out[person]
    return chosen, arrive, out

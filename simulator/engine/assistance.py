"""Who cannot leave alone, who helps them out, and when each pair sets off.

Of the vulnerable customers, ``egress.needs_help_share`` cannot leave on their own (a wheelchair
user, someone frail). A member of staff goes to each, readies them (``egress.help_s``) and
leaves with them, at their pace, through the same door right behind them. Helpers are the
staff on the public floor first (guides, guards), then the clerks, each the earliest free
first. With more people needing help than staff, a helper who has taken one person out comes
back for the next: they set off again once the helper has passed the door, walked back to
them and readied them. With nobody of the staff inside, they go on their own, slowly.

This is a documented simplification: a helper's earlier passages through the door are not
counted against it, and a helper walks to the person in ``help_s`` rather than across the floor.
"""

from dataclasses import dataclass

import numpy as np

from simulator.engine.floor import Spot


@dataclass(frozen=True)
class Escorts:
    """The pairs of one evacuation: person helped, helper, and the helper's trip (0 first)."""

    needy: np.ndarray  # indices of the people who cannot leave alone and get a helper
    helper: np.ndarray  # the staff member who takes each out
    trip: np.ndarray  # 0: the helper's first; 1: they came back for a second; ...
    help_s: np.ndarray  # per pair: the time to ready the person

    @property
    def trips(self) -> int:
        """Return how many rounds of trips the helpers make (0: nobody needs help)."""
        return int(self.trip.max()) + 1 if self.trip.size else 0

    def escorted(self, people: int) -> np.ndarray:
        """Return the mask of the people who were helped out."""
        mask = np.zeros(people, dtype=bool)
        mask[self.needy] = True
        return mask


def plan_escorts(
    needs_help: np.ndarray,
    is_staff: np.ndarray,
    premovement: np.ndarray,
    spot: np.ndarray | None,
    help_s: np.ndarray,
) -> Escorts:
    """Pair each person who ``needs_help`` with a helper of the staff, in trips."""
    needy = np.flatnonzero(needs_help)
    staff = np.flatnonzero(is_staff)
    if needy.size == 0 or staff.size == 0:
        empty = np.zeros(0, dtype=int)
        return Escorts(empty, empty, empty, np.zeros(0))
    on_floor = spot[staff] == Spot.ON_FLOOR if spot is not None else np.ones(staff.size, bool)
    # The floor staff before the clerks, each group the earliest free first.
    helpers = staff[np.lexsort((premovement[staff], ~on_floor))]
    order = np.arange(needy.size)
    return Escorts(needy, helpers[order % helpers.size], order // helpers.size, help_s[needy])


def set_off(
    escorts: Escorts,
    trip: int,
    premovement: np.ndarray,
    distance: np.ndarray,
    free_speed: np.ndarray,
    own_speed: np.ndarray,
    follows: np.ndarray,
    last: tuple[np.ndarray, np.ndarray] | None,
) -> list[tuple[int, int]]:
    """Make the pairs of ``trip`` set off together; return them, (person, helper) each.

    Each helper takes their person's place on the floor and pace (``distance`` and
    ``free_speed`` rows) and follows them out (``follows``). On a first trip the pair sets off
    when both are ready and the person has been readied; on a later one when the helper,
    out with the previous person at ``last`` (exit times, exits chosen), has walked back at
    their own pace (``own_speed``).
    """
    copied = []
    for needy, helper, help_s in zip(
        escorts.needy[escorts.trip == trip],
        escorts.helper[escorts.trip == trip],
        escorts.help_s[escorts.trip == trip],
        strict=True,
    ):
        if last is None:
            ready = max(premovement[helper], premovement[needy])
        else:
            out, chosen = last
            back = distance[needy, chosen[helper]] / own_speed[helper]
            ready = out[helper] + back
        premovement[needy] = premovement[helper] = ready + help_s
        distance[helper] = distance[needy]
        free_speed[helper] = free_speed[needy]
        follows[helper] = needy
        copied.append((int(needy), int(helper)))
    return copied

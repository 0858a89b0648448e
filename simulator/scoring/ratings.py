"""P/S/M/U ratings and the rules that give them (written out for people in docs/scoring.md).

The scale is the after-action-report one: **P** performed without challenges, **S** performed
with some challenges, **M** performed with major challenges, **U** unable to perform. An
objective takes the worst rating of its critical tasks. Over many simulated days a task's rating
is the one it reached on at least the scenario's ``target_share`` of days (90 % by default): the
plan must work on a bad-but-ordinary day, not only on average.
"""

import math
from collections.abc import Sequence
from enum import Enum


class Rating(Enum):
    """The four ratings, best first."""

    P = "P"
    S = "S"
    M = "M"
    U = "U"

    @property
    def rank(self) -> int:
        """Return 0 for P up to 3 for U."""
        return list(Rating).index(self)


LABELS = {
    Rating.P: "performed without challenges",
    Rating.S: "performed with some challenges",
    Rating.M: "performed with major challenges",
    Rating.U: "unable to perform",
}

# Limits: how far below the target share a limit may hold before the rating drops.
SOME_CHALLENGES_BELOW_TARGET = 0.10
MAJOR_CHALLENGES_SHARE = 0.50
# Deadlines: lateness, as a share of the deadline, still counted as "some challenges".
SOME_CHALLENGES_LATENESS = 1 / 3


def rate_limit(held_share: float, target_share: float) -> Rating:
    """Rate a limit by the share of days on which it held.

    P at or above the target share; S up to ten points below it; M while it still held on at
    least half the days; U below that.
    """
    if held_share >= target_share:
        return Rating.P
    if held_share >= target_share - SOME_CHALLENGES_BELOW_TARGET:
        return Rating.S
    if held_share >= MAJOR_CHALLENGES_SHARE:
        return Rating.M
    return Rating.U


def rate_deadline(delay_min: float | None, deadline_min: float) -> Rating:
    """Rate one escalation against its deadline (minutes after the outage began).

    P on time; S up to a third of the deadline late (a 30-minute rule: by minute 40); M later;
    U if it never happened although the outage outlasted the deadline. Never "unable" merely
    for being late: the report was made.
    """
    if delay_min is None or math.isnan(delay_min):
        return Rating.U
    if delay_min <= deadline_min:
        return Rating.P
    if delay_min <= deadline_min * (1 + SOME_CHALLENGES_LATENESS):
        return Rating.S
    return Rating.M


def rate_share(successes: int, trials: int) -> Rating:
    """Rate a task carried out ``successes`` times out of ``trials`` attempts.

    P when it always succeeded; S when it failed at most one time in ten; M when it succeeded
    at least half the time; U otherwise.
    """
    share = successes / trials
    if share == 1:
        return Rating.P
    if share >= 0.9:
        return Rating.S
    if share >= 0.5:
        return Rating.M
    return Rating.U


def worst(ratings: Sequence[Rating]) -> Rating:
    """Return the worst of ``ratings`` (an objective is as good as its weakest task)."""
    return max(ratings, key=lambda rating: rating.rank)


def reached_on_share(ratings: Sequence[Rating], share: float) -> Rating:
    """Return the best rating reached on at least ``share`` of the days.

    With ratings P on 85 % of days and M on 15 %, at share 0.9 the answer is M: only "M or
    better" covers 90 % of the days.
    """
    ordered = sorted(ratings, key=lambda rating: rating.rank)
    needed = max(math.ceil(share * len(ordered) - 1e-9), 1)
    return ordered[needed - 1]

"""When a playbook rule fires: once per episode, re-armed when its condition clears.

An *episode* is a stretch of time in which the condition holds. A rule fires at the first check
of an episode (a queue that stays above 25 for an hour calls the reserve once, not sixty times),
and, for actions that put something in force (redirecting customers, stopping entry), the end of
the episode is when that stops. ``cooldown_min`` is the least time between two firings: a new
episode that starts sooner fires when the cooldown has passed, if the condition still holds.
"""

import math
from dataclasses import dataclass
from enum import Enum


class Change(Enum):
    """What a check of the condition means for the rule."""

    NONE = "none"
    FIRE = "fire"  # take the action now
    CLEAR = "clear"  # the episode in which the rule fired has ended


@dataclass
class Trigger:
    """The firing state of one rule."""

    cooldown_min: float = 0.0
    last_fired: float = -math.inf
    fired_this_episode: bool = False

    def check(self, now: float, holds: bool) -> Change:
        """Record the condition's value at ``now`` and say whether the rule fires or clears."""
        if not holds:
            if self.fired_this_episode:
                self.fired_this_episode = False
                return Change.CLEAR
            return Change.NONE
        if self.fired_this_episode or now - self.last_fired < self.cooldown_min:
            return Change.NONE
        self.fired_this_episode = True
        self.last_fired = now
        return Change.FIRE

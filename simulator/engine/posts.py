"""Who is at their post now: guides on the floor, security at the door, clerks, managers.

Incidents take staff away (a customer taken ill needs a guide, a disturbance a guard, a fire its
fighters) and give them back; the playbook's actions ask whether anyone is there to act (a
redirect to the kiosks needs a guide to steer people, door control a guard, a report to a
superior the duty manager, whom a media visit takes). This object is the
one that knows; clerks taken from their counters are handed on to the counter station, which
closes a counter after its current customer.
"""

from typing import Protocol

from simulator.model.scenario import Staff

POSTS = ("guides", "security", "counters", "managers")


class CounterDuty(Protocol):
    """What the posts ask of the counter station (see :class:`~.station.Station`)."""

    @property
    def target(self) -> int:
        """Return the counters due on duty now."""
        ...

    def divert(self, servers: int) -> None:
        """Take ``servers`` clerks off duty (negative: give them back)."""
        ...


class Posts:
    """The guides, security staff and counter clerks at their posts now."""

    def __init__(self, staff: Staff, counters: CounterDuty):
        self.guides = staff.guides
        self.security = staff.security
        self.counters = counters
        self.managers = staff.managers
        self.guides_away = 0
        self.security_away = 0
        self.managers_away = 0

    def guides_on_floor(self) -> int:
        """Return the guides at their posts now."""
        return max(self.guides - self.guides_away, 0)

    def security_at_door(self) -> int:
        """Return the security staff at their posts now."""
        return max(self.security - self.security_away, 0)

    def managers_present(self) -> int:
        """Return the managers at their posts now."""
        return max(self.managers - self.managers_away, 0)

    def available(self) -> dict[str, int]:
        """Return how many of each post are there now (counters: clerks on duty)."""
        return {
            "guides": self.guides_on_floor(),
            "security": self.security_at_door(),
            "counters": self.counters.target,
            "managers": self.managers_present(),
        }

    def take(self, takes: dict[str, int], back: bool = False) -> None:
        """Take guides, security and counter clerks off their posts (``back``: return them)."""
        sign = -1 if back else 1
        self.guides_away += sign * takes.get("guides", 0)
        self.security_away += sign * takes.get("security", 0)
        self.managers_away += sign * takes.get("managers", 0)
        self.counters.divert(sign * takes.get("counters", 0))

"""The playbook at work: conditions checked over live hall state, actions taken with their delays.

Once a simulated minute every rule's condition is evaluated over :meth:`Hall.live_state`; a rule
fires once per episode (see :mod:`simulator.playbook.triggers`) and its action is looked up in
:data:`ACTIONS`. Every firing and every effect is logged with its simulated time, so a drill can
be scored against deadlines ("escalate within 30 minutes").

Actions and what they do here:

- ``open_counters``: call ``count`` staff from the reserve; they staff counters ``call_in_min``
  later. Capped by the reserve still available; asking an empty reserve is logged as
  ``reserve_exhausted``.
- ``close_counters``: send up to ``count`` called-in staff back to the reserve (after their
  customer); the staffing plan's own counters are never closed by the playbook.
- ``open_fast_lane``: reserve ``count`` more counters for quick services, keeping one regular.
- ``redirect``: while the condition holds, send ``share`` of arriving counter customers to the
  kiosks (only those whose business a kiosk can do) or to a neighbouring hall (at most the share
  it accepts); they leave this hall's queue.
- ``notify_customers``, ``escalate``, ``call_emergency``: logged, for scoring.

``pre_register``, ``take_callbacks``, ``extend_hours`` and ``stop_entry`` are validated but not
yet played (:data:`UNPLAYED_ACTIONS`); runs say so.
"""

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

import simpy

from simulator.model.clock import format_clock
from simulator.model.scenario import PlaybookRule
from simulator.playbook.triggers import Change, Trigger

if TYPE_CHECKING:
    from simulator.engine.hall import Hall

CHECK_EVERY_MIN = 1.0
UNPLAYED_ACTIONS = frozenset({"pre_register", "take_callbacks", "extend_hours", "stop_entry"})


class Playbook:
    """Watches the hall and carries out the scenario's playbook rules."""

    def __init__(self, hall: "Hall"):
        self.hall = hall
        self.rules = hall.scenario.playbook
        self.triggers = [Trigger(cooldown_min=rule.cooldown_min or 0.0) for rule in self.rules]
        self.reserve_left = hall.scenario.staff.reserve.count
        self.called_in = 0  # reserve staff on duty now (or on their way)

    def run(self) -> Generator[simpy.Event, None, None]:
        """Check every rule once a simulated minute until the hall is closed and empty."""
        env = self.hall.env
        while not self.hall.is_empty_after_closing():
            state = self.hall.live_state()
            for index, (rule, trigger) in enumerate(zip(self.rules, self.triggers, strict=True)):
                change = trigger.check(env.now, rule.condition.evaluate(state))
                if change is Change.FIRE and rule.action not in UNPLAYED_ACTIONS:
                    self.hall.log("trigger", f"rule {index + 1}", f"{rule.when} → {rule.action}")
                    ACTIONS[rule.action](self, index, rule)
                elif change is Change.CLEAR and index in self.hall.redirects:
                    del self.hall.redirects[index]
                    self.hall.log(
                        "action", "redirect_end", f"rule {index + 1}: {rule.when} no longer holds"
                    )
            yield env.timeout(CHECK_EVERY_MIN)

    def _arrive_later(self, staff: int, delay: float) -> Generator[simpy.Event, None, None]:
        yield self.hall.env.timeout(delay)
        self.hall.counters.add_extra(staff)
        self.hall.log("action", "counters_opened", f"+{staff} counters staffed")


def _open_counters(playbook: Playbook, _index: int, rule: PlaybookRule) -> None:
    hall = playbook.hall
    wanted = rule.params["count"]
    staff = min(wanted, playbook.reserve_left)
    if staff == 0:
        hall.log("action", "reserve_exhausted", f"open_counters asked for {wanted}; none left")
        return
    playbook.reserve_left -= staff
    playbook.called_in += staff
    delay = hall.scenario.staff.reserve.call_in_min
    arrival = format_clock(hall.env.now + delay)
    hall.log(
        "action", "open_counters", f"called {staff} of {wanted} from the reserve; due {arrival}"
    )
    hall.env.process(playbook._arrive_later(staff, delay))


def _close_counters(playbook: Playbook, _index: int, rule: PlaybookRule) -> None:
    hall = playbook.hall
    staff = min(rule.params["count"], hall.counters.extra)
    hall.counters.add_extra(-staff)
    playbook.reserve_left += staff
    playbook.called_in -= staff
    hall.log("action", "close_counters", f"sent {staff} called-in staff back to the reserve")


def _open_fast_lane(playbook: Playbook, _index: int, rule: PlaybookRule) -> None:
    counters = playbook.hall.counters
    lanes = min(counters.fast_lane + rule.params["count"], max(counters.target - 1, 0))
    opened = max(lanes - counters.fast_lane, 0)
    counters.set_fast_lane(counters.fast_lane + opened)
    playbook.hall.log("action", "open_fast_lane", f"{opened} more; {counters.fast_lane} in all")


def _redirect(playbook: Playbook, index: int, rule: PlaybookRule) -> None:
    hall = playbook.hall
    destination, share = rule.params["to"], rule.params["share"]
    for neighbor in hall.scenario.site.neighbors:
        if neighbor.name == destination:
            share = min(share, neighbor.accepts_share)
    hall.redirects[index] = (destination, share)
    hall.log("action", "redirect", f"{share:.0%} of counter customers to {destination}")


def _log_only(kind: str, parameter: str | None) -> Callable[[Playbook, int, PlaybookRule], None]:
    def act(playbook: Playbook, _index: int, rule: PlaybookRule) -> None:
        detail = str(rule.params.get(parameter, "")) if parameter else ""
        playbook.hall.log(kind, rule.action, detail)

    return act


ACTIONS: dict[str, Callable[[Playbook, int, PlaybookRule], None]] = {
    "open_counters": _open_counters,
    "close_counters": _close_counters,
    "open_fast_lane": _open_fast_lane,
    "redirect": _redirect,
    "notify_customers": _log_only("action", "message"),
    "escalate": _log_only("escalation", "to"),
    "call_emergency": _log_only("emergency_call", "number"),
}

"""The playbook at work: conditions checked over live hall state, actions taken with their delays.

Once a simulated minute every rule's condition is evaluated over :meth:`Hall.live_state`; a rule
fires once per episode (see :mod:`simulator.playbook.triggers`) and its action is looked up in
:data:`ACTIONS`. Every firing and every effect is logged with its simulated time, so a drill can
be scored against deadlines ("escalate within 30 minutes").

Actions and what they do here:

- ``open_counters``: call ``count`` staff from the reserve; they staff counters ``call_in_min``
  later. Capped by the reserve still available and by the hall's counter positions
  (``site.counters``); failures are logged as ``reserve_exhausted`` or ``no_free_counter``.
- ``close_counters``: send up to ``count`` called-in staff back to the reserve (after their
  customer); the staffing plan's own counters are never closed by the playbook.
- ``open_fast_lane``: reserve ``count`` more counters for quick services, keeping one regular.
- ``redirect``: while the condition holds, send ``share`` of arriving counter customers to the
  kiosks (only those whose business a kiosk can do) or to a neighbouring hall (at most the share
  it accepts); they leave this hall's queue.
- ``pre_register``: while the condition holds, guides pre-process waiting customers (预处理):
  their service takes ``factor`` of its time. Needs a guide on the floor.
- ``take_callbacks``: ``share`` (default all) of the customers waiting now leave a phone number
  and go (outcome CALLBACK: deferred, not lost).
- ``stop_entry``: while the condition holds, arrivals are turned away at the door (counted as
  balking). Needs a security guard at the door.
- ``escalate``: logged; with ``response_min`` and ``releases_reserve`` the level answers after a
  sampled delay by releasing that many more reserve staff.
- ``call_emergency``: logged; with ``response_min`` the service's arrival is logged after a
  sampled delay (the scenario gives the local response time; drill assumes none).
- ``notify_customers``: logged, for scoring.

- ``extend_hours``: keep the doors open ``minutes`` past closing; customers keep coming at the
  last block's rate (see :func:`simulator.engine.demand.after_hours`).

An action whose staff is missing is logged as a failure (``no_guide``, ``no_security``,
``reserve_exhausted``), which scoring counts against the rule.
"""

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

import numpy as np
import simpy

from simulator.engine.policy import PLAYBOOK, RulePolicy, ScriptPolicy, Step
from simulator.engine.records import Outcome
from simulator.model.clock import format_clock
from simulator.model.conditions import METRICS, metrics_of
from simulator.model.scenario import PlaybookRule
from simulator.playbook.triggers import Change

if TYPE_CHECKING:
    from simulator.engine.hall import Hall

CHECK_EVERY_MIN = 1.0
# Called once a simulated minute, before that minute's decisions, with the playbook, the hall's
# state and the rules the playbook recommends now (a tabletop console shows them).
Observer = Callable[["Playbook", dict[str, float], list[Step]], None]


class Playbook:
    """Watches the hall and carries out what its policy decides: the rules, or a script."""

    def __init__(
        self,
        hall: "Hall",
        policy: RulePolicy | ScriptPolicy | None = None,
        observer: Observer | None = None,
    ):
        self.hall = hall
        self.rules = hall.scenario.playbook
        self.policy = policy or RulePolicy(self.rules)
        self.observer = observer
        needed = frozenset().union(*(metrics_of(rule.condition) for rule in self.rules))
        self.needed = frozenset(METRICS) if observer else needed
        self.reserve_left = hall.scenario.staff.reserve.count
        self.on_the_way = 0  # called staff not yet at their counters
        self.response_draws: dict[int, np.random.Generator] = {}

    def label(self, index: int) -> str:
        """Return how events name rule ``index`` (``rule 3``), or a decision no rule foresaw."""
        count = len(self.rules)
        return f"rule {index + 1}" if index < count else f"own decision {index - count + 1}"

    def run(self) -> Generator[simpy.Event, None, None]:
        """Ask the policy once a simulated minute until the hall is closed and empty."""
        env, hall = self.hall.env, self.hall
        while not hall.is_empty_after_closing():
            state = hall.live_state(self.needed)
            recommended: list[Step] = []
            if isinstance(self.policy, ScriptPolicy):
                recommended = self.policy.recommendations(env.now, state)
                for step in recommended:
                    detail = f"{step.rule.when} → {step.rule.action}"
                    hall.log("recommendation", self.label(step.index), detail)
            if self.observer is not None:
                self.observer(self, state, recommended)
            for step in self.policy.steps(env.now, state):
                if step.change is Change.FIRE:
                    by = step.rule.when if step.who == PLAYBOOK else step.who
                    hall.log("trigger", self.label(step.index), f"{by} → {step.rule.action}")
                    ACTIONS[step.rule.action](self, step.index, step.rule)
                else:
                    self._end(step.index, step.rule)
            yield env.timeout(CHECK_EVERY_MIN)

    def _end(self, index: int, rule: PlaybookRule) -> None:
        """Lift what a fired rule put in force, now that its condition no longer holds."""
        hall = self.hall
        for in_force in (hall.redirects, hall.pre_register):
            in_force.pop(index, None)
        hall.entry_stopped.discard(index)
        if rule.action in ("redirect", "pre_register", "stop_entry"):
            detail = f"{self.label(index)}: {rule.when} no longer holds"
            hall.log("action", f"{rule.action}_end", detail)

    def _respond_later(self, index: int, rule: PlaybookRule) -> Generator[simpy.Event, None, None]:
        if index not in self.response_draws:
            self.response_draws[index] = self.hall.streams_for_rule(index)
        draws = self.response_draws[index]
        delay = float(rule.params["response_min"].sample(draws, 1)[0])
        yield self.hall.env.timeout(delay)
        if rule.action == "call_emergency":
            number = rule.params["number"]
            self.hall.log(
                "emergency_call", "emergency_arrival", f"{number} on site after {delay:.0f} min"
            )
            return
        released = rule.params.get("releases_reserve", 0)
        self.reserve_left += released
        detail = f"{rule.params['to']} answered after {delay:.0f} min"
        self.hall.log("escalation", "escalation_response", detail + f"; +{released} reserve staff")

    def _arrive_later(self, staff: int, delay: float) -> Generator[simpy.Event, None, None]:
        yield self.hall.env.timeout(delay)
        self.on_the_way -= staff
        self.hall.counters.add_extra(staff)
        self.hall.log("action", "counters_opened", f"+{staff} counters staffed")


def _open_counters(playbook: Playbook, _index: int, rule: PlaybookRule) -> None:
    hall = playbook.hall
    wanted = rule.params["count"]
    positions = hall.scenario.site.counters
    free = positions - hall.counters.target - playbook.on_the_way if positions else wanted
    if free <= 0:
        hall.log("action", "no_free_counter", f"open_counters asked for {wanted}; all staffed")
        return
    staff = min(wanted, playbook.reserve_left, free)
    if staff == 0:
        hall.log("action", "reserve_exhausted", f"open_counters asked for {wanted}; none left")
        return
    playbook.on_the_way += staff
    playbook.reserve_left -= staff
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


def _pre_register(playbook: Playbook, index: int, rule: PlaybookRule) -> None:
    hall = playbook.hall
    if hall.disruptions.guides_on_floor() == 0:
        hall.log("action", "no_guide", "pre_register: no guide on the floor")
        return
    factor = rule.params["factor"]
    hall.pre_register[index] = factor
    waiting = hall.counters.waiting_customers()
    for customer in waiting:
        hall.prep_factor[customer] = min(hall.prep_factor[customer], factor)
    hall.log("action", "pre_register", f"{len(waiting)} waiting customers pre-processed")


def _take_callbacks(playbook: Playbook, _index: int, rule: PlaybookRule) -> None:
    hall = playbook.hall
    share = rule.params.get("share", 1.0)
    taken = [c for c in hall.counters.waiting_customers() if hall.callback[c] < share]
    for customer in taken:
        hall.counters.withdraw(customer)
        hall.outcome[customer] = Outcome.CALLBACK
        hall.end[customer] = hall.env.now
        hall.leave(customer)
    hall.log("action", "take_callbacks", f"{len(taken)} customers left a phone number")


def _stop_entry(playbook: Playbook, index: int, _rule: PlaybookRule) -> None:
    hall = playbook.hall
    if hall.scenario.staff.security - hall.disruptions.security_away <= 0:
        hall.log("action", "no_security", "stop_entry: no security guard at the door")
        return
    hall.entry_stopped.add(index)
    hall.log("action", "stop_entry", "arrivals turned away at the door")


def _escalate(playbook: Playbook, index: int, rule: PlaybookRule) -> None:
    playbook.hall.log("escalation", "escalate", rule.params["to"])
    if "response_min" in rule.params:
        playbook.hall.env.process(playbook._respond_later(index, rule))


def _call_emergency(playbook: Playbook, index: int, rule: PlaybookRule) -> None:
    playbook.hall.log("emergency_call", "call_emergency", str(rule.params["number"]))
    if "response_min" in rule.params:  # police, fire brigade or ambulance on their way
        playbook.hall.env.process(playbook._respond_later(index, rule))


def _extend_hours(playbook: Playbook, _index: int, rule: PlaybookRule) -> None:
    hall = playbook.hall
    hall.doors_close = max(hall.doors_close, hall.scenario.hours.close_min + rule.params["minutes"])
    hall.log("action", "extend_hours", f"doors open until {format_clock(hall.doors_close)}")


def _notify_customers(playbook: Playbook, _index: int, rule: PlaybookRule) -> None:
    playbook.hall.log("action", "notify_customers", rule.params.get("message", ""))


ACTIONS: dict[str, Callable[[Playbook, int, PlaybookRule], None]] = {
    "open_counters": _open_counters,
    "close_counters": _close_counters,
    "open_fast_lane": _open_fast_lane,
    "redirect": _redirect,
    "notify_customers": _notify_customers,
    "extend_hours": _extend_hours,
    "escalate": _escalate,
    "pre_register": _pre_register,
    "take_callbacks": _take_callbacks,
    "stop_entry": _stop_entry,
    "call_emergency": _call_emergency,
}

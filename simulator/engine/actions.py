"""The playbook's actions as the hall carries them out, each returning what it achieved.

An action either has its result at once (:class:`Done`: counters called, customers taking a
call-back, a report made) or puts a :class:`~.door.Measure` in force at the door (a redirect,
pre-registration, door control), whose result is known when it is lifted. An action that can do
nothing says so, with the reason: no reserve left, no free counter position, no guide on the
floor, no guard at the door, nothing to close, hours already extended. Scoring counts only what
was carried out.

- ``open_counters``: call ``count`` staff from the reserve; they staff counters ``call_in_min``
  later. Capped by the reserve still available and by the hall's counter positions
  (``site.counters``).
- ``close_counters``: send up to ``count`` called-in staff back to the reserve (after their
  customer); the staffing plan's own counters are never closed by the playbook.
- ``open_fast_lane``: reserve ``count`` more counters for quick services, keeping one regular;
  ``close_fast_lane`` gives ``count`` (default all) of them back to all business.
- ``redirect``: while in force, send ``share`` of arriving counter customers to the kiosks (only
  those whose business a kiosk can do, and only with a guide on the floor to steer them) or to a
  neighbouring hall (at most the share it accepts); ``to: counters`` steers ``share`` of the
  kiosk customers to the counters (the kiosks are down; a guide is needed).
- ``pre_register``: while in force, the guides on the floor pre-process waiting customers
  (预处理), oldest first, each guide ``per_guide_per_hour`` an hour: a pre-processed
  customer's service takes ``factor`` of its time. Customers who come while no guide is on
  the floor are missed.
- ``take_callbacks``: ``share`` (default all) of the customers waiting now leave a phone number
  and go (outcome CALLBACK: deferred, not lost).
- ``stop_entry``: while in force, arrivals wait outside the door (see :mod:`.door`); with
  ``admit_below`` they are let in as room frees. Needs a security guard at the door.
- ``escalate``: a report, made by the duty manager (none at their post: not carried out); with
  ``response_min`` and ``releases_reserve`` the level answers after a sampled delay by
  releasing that many more reserve staff.
- ``call_emergency``: a call about the incident in progress that the number answers (120 an
  illness, 110 a disturbance, a siege or a bomb threat, 119 a fire; see
  :data:`~.situation.ANSWERS`; one nobody has called about yet first, then the kind the
  rule's ``when:`` names); with none in progress there is nothing to call about and the
  call is not carried out. With ``response_min`` the service arrives after a sampled delay (the
  scenario gives the local response time; drill assumes none) and takes the incident over,
  which ends an incident that ties staff up.
- ``notify_customers``: an announcement, logged for scoring.
- ``evacuate``: the order to clear the hall (:meth:`~.emergencies.Emergencies.order_evacuation`):
  the alarm sounds for the evacuation incident in progress (a fire, even one still being fought:
  the fighters fight on while the others leave), or for any incident in progress; with none
  there is nothing to evacuate from, and while it shakes or the robbers are inside it is not
  safe yet: the order is not carried out (see :class:`~.alarms.Orders`).
- ``extend_hours``: keep the doors open ``minutes`` past closing; customers keep coming at the
  last block's rate (see :func:`simulator.engine.demand.after_hours`).
"""

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import simpy

from simulator.engine.customers import CustomerTable
from simulator.engine.door import PRE_REGISTER, REDIRECT, STOP_ENTRY, Door, Measure
from simulator.engine.emergencies import Emergencies
from simulator.engine.events import DONE, ActionResult, ActionStatus, EventKind, Reason
from simulator.engine.log import EventLog
from simulator.engine.posts import Posts
from simulator.engine.records import Outcome
from simulator.engine.situation import Situation
from simulator.engine.station import Station
from simulator.engine.streams import Streams
from simulator.model import actions as act
from simulator.model.clock import format_clock
from simulator.model.conditions import INCIDENT_FLAGS, INCIDENT_MINUTES, metrics_of
from simulator.model.scenario import Scenario


@dataclass(frozen=True)
class Done:
    """An action's result, known as soon as it is taken."""

    result: ActionResult
    detail: str
    target: str = ""  # where a report or call went
    incident: int | None = None  # the incident it was about (an emergency call)


@dataclass
class Reserve:
    """The reserve staff: how many can still be called in, and how many are on their way."""

    left: int
    call_in_min: float
    on_the_way: int = 0


@dataclass
class Hall:
    """The parts of the hall that actions work on, and the day's log and random streams."""

    env: simpy.Environment
    scenario: Scenario
    log: EventLog
    customers: CustomerTable
    counters: Station
    door: Door
    posts: Posts
    reserve: Reserve
    situation: Situation
    streams: Streams
    emergencies: Emergencies
    _rule_draws: dict[int, np.random.Generator] = field(default_factory=dict)

    def rule_stream(self, index: int) -> np.random.Generator:
        """Return the random stream of rule ``index`` for the day (its response delays)."""
        if index not in self._rule_draws:
            self._rule_draws[index] = self.streams.generator("playbook", index)
        return self._rule_draws[index]


Action = Callable[[Hall, int, Any], Done | Measure]  # each takes the rule of its own action


def _open_counters(hall: Hall, index: int, rule: act.OpenCounters) -> Done:
    reserve = hall.reserve
    wanted = rule.count
    positions = hall.scenario.site.counters
    free = positions - hall.counters.target - reserve.on_the_way if positions else wanted
    if free <= 0:
        result = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NO_FREE_COUNTER, wanted, 0)
        return Done(result, f"open_counters asked for {wanted}; all staffed")
    staff = min(wanted, reserve.left, free)
    short = Reason.NO_FREE_COUNTER if free < min(wanted, reserve.left) else Reason.RESERVE_EXHAUSTED
    if staff == 0:
        result = ActionResult(ActionStatus.NOT_CARRIED_OUT, short, wanted, 0)
        return Done(result, f"open_counters asked for {wanted}; none left")
    reserve.on_the_way += staff
    reserve.left -= staff
    arrival = format_clock(hall.env.now + reserve.call_in_min)
    hall.env.process(_arrive_later(hall, index, staff))
    detail = f"called {staff} of {wanted} from the reserve; due {arrival}"
    return Done(ActionResult.of(wanted, staff, short), detail)


def _arrive_later(hall: Hall, index: int, staff: int) -> Generator[simpy.Event, None, None]:
    yield hall.env.timeout(hall.reserve.call_in_min)
    hall.reserve.on_the_way -= staff
    hall.counters.add_extra(staff)
    result = ActionResult(ActionStatus.CARRIED_OUT, done=staff)
    detail = f"+{staff} counters staffed"
    hall.log.record(
        EventKind.FOLLOW_UP, "counters_opened", rule=index, result=result, detail=detail
    )


def _close_counters(hall: Hall, _index: int, rule: act.CloseCounters) -> Done:
    wanted = rule.count
    staff = min(wanted, hall.counters.extra)
    if staff:
        hall.counters.add_extra(-staff)
        hall.reserve.left += staff
    detail = f"sent {staff} called-in staff back to the reserve"
    return Done(ActionResult.of(wanted, staff, Reason.NOTHING_TO_CLOSE), detail)


def _open_fast_lane(hall: Hall, _index: int, rule: act.OpenFastLane) -> Done:
    counters = hall.counters
    wanted = rule.count
    lanes = min(counters.fast_lane + wanted, max(counters.target - 1, 0))
    opened = max(lanes - counters.fast_lane, 0)
    counters.set_fast_lane(counters.fast_lane + opened)
    detail = f"{opened} more; {counters.fast_lane} in all"
    return Done(ActionResult.of(wanted, opened, Reason.LAST_REGULAR_COUNTER), detail)


def _close_fast_lane(hall: Hall, _index: int, rule: act.CloseFastLane) -> Done:
    counters = hall.counters
    wanted = rule.count if rule.count is not None else counters.fast_lane
    closed = min(wanted, counters.fast_lane)
    counters.set_fast_lane(counters.fast_lane - closed)
    detail = f"{closed} closed; {counters.fast_lane} left"
    asked = wanted if rule.count is not None else None
    return Done(ActionResult.of(asked, closed, Reason.NOTHING_TO_CLOSE), detail)


def _redirect(hall: Hall, index: int, rule: act.Redirect) -> Measure:
    destination, share = rule.to, rule.share
    for neighbor in hall.scenario.site.neighbors:
        if neighbor.name == destination:
            share = min(share, neighbor.accepts_share)
    return Measure(
        REDIRECT,
        index,
        destination=destination,
        share=share,
        needs_guide=destination in ("kiosks", "counters"),
    )


def _pre_register(hall: Hall, index: int, rule: act.PreRegister) -> Done | Measure:
    if hall.posts.guides_on_floor() == 0:
        result = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NO_GUIDE)
        return Done(result, "pre_register: no guide on the floor")
    measure = Measure(
        PRE_REGISTER,
        index,
        factor=rule.factor,
        needs_guide=True,
        per_guide_per_hour=rule.per_guide_per_hour,
    )
    hall.env.process(hall.door.pre_registering(measure))
    return measure


def _take_callbacks(hall: Hall, index: int, rule: act.TakeCallbacks) -> Done:
    share = rule.share if rule.share is not None else 1.0
    waiting = sorted(hall.counters.waiting_customers())
    # Each waiting customer is asked now, with a fresh draw from the rule's own stream: the
    # draw made at arrival decides only whether they left a number at the door during an
    # outage, and reusing it would ask again exactly those who had already said no.
    agrees = hall.rule_stream(index).random(len(waiting)) < share
    taken = [customer for customer, yes in zip(waiting, agrees, strict=True) if yes]
    # During an outage they are called back once its systems are back (its call_back);
    # at any other time nothing says when: another day.
    outage = hall.door.outages.business_outage()
    for customer in taken:
        hall.counters.withdraw(customer)
        hall.customers.finish(customer, Outcome.CALLBACK, hall.env.now)
        if outage is not None:
            outage.numbers.append(customer)
    short = Reason.NOBODY_AGREED if waiting else Reason.NOBODY_WAITING
    detail = f"{len(taken)} of {len(waiting)} waiting customers left a phone number"
    return Done(ActionResult.of(None, len(taken), short), detail)


def _stop_entry(hall: Hall, index: int, rule: act.StopEntry) -> Done | Measure:
    if hall.posts.security_at_door() <= 0:
        result = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NO_SECURITY)
        return Done(result, "stop_entry: no security guard at the door")
    return Measure(STOP_ENTRY, index, admit_below=rule.admit_below)


def _response_delay(hall: Hall, index: int, rule: act.Escalate | act.CallEmergency) -> float:
    """Draw how long the level or the service called takes to answer (from the rule's stream)."""
    assert rule.response_min is not None  # only drawn when the rule gives one
    return float(rule.response_min.sample(hall.rule_stream(index), 1)[0])


def _respond_later(
    hall: Hall,
    index: int,
    rule: act.Escalate | act.CallEmergency,
    delay: float,
    incident: int | None = None,
) -> Generator[simpy.Event]:
    yield hall.env.timeout(delay)
    if isinstance(rule, act.CallEmergency):
        number = str(rule.number)
        detail = f"{number} on site after {delay:.0f} min"
        hall.log.record(
            EventKind.FOLLOW_UP,
            "emergency_arrival",
            rule=index,
            incident=incident,
            target=number,
            detail=detail,
        )
        if incident is not None:
            hall.situation.responders_arrived(incident)
        return
    assert isinstance(rule, act.Escalate)  # the only other action that answers later
    released = rule.releases_reserve or 0
    hall.reserve.left += released
    to = rule.to
    detail = f"{to} answered after {delay:.0f} min; +{released} reserve staff"
    result = ActionResult(ActionStatus.CARRIED_OUT, done=released)
    hall.log.record(
        EventKind.FOLLOW_UP,
        "escalation_response",
        rule=index,
        target=to,
        result=result,
        detail=detail,
    )


def _escalate(hall: Hall, index: int, rule: act.Escalate) -> Done:
    if hall.posts.managers_present() == 0:  # the manager who reports is with the media, say
        result = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NO_MANAGER)
        return Done(result, f"no manager at their post to report to {rule.to}", target=rule.to)
    if rule.response_min is not None:
        hall.env.process(_respond_later(hall, index, rule, _response_delay(hall, index, rule)))
    to = rule.to
    return Done(DONE, to, target=to)


def _kinds_named(rule: act.Action) -> frozenset[str]:
    """Return the incident kinds the rule's ``when:`` tests (``fight_active``, ``siege_min``)."""
    if not isinstance(rule, act.Rule) or rule.condition is None:  # a decision no rule foresaw
        return frozenset()
    named = metrics_of(rule.condition)
    return frozenset(
        kind
        for metric, kind in (*INCIDENT_FLAGS.items(), *INCIDENT_MINUTES.items())
        if metric in named
    )


def _call_emergency(hall: Hall, index: int, rule: act.CallEmergency) -> Done:
    number = str(rule.number)
    incident = hall.situation.answered_by(rule.number, _kinds_named(rule))
    if incident is None:  # a call "for the illness" two hours before anyone fell ill
        result = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NO_INCIDENT)
        return Done(result, f"{number}: no incident in progress to call about", target=number)
    if rule.response_min is not None:  # police, fire brigade or ambulance on their way
        delay = _response_delay(hall, index, rule)
        hall.situation.called(incident, hall.env.now + delay)
        hall.env.process(_respond_later(hall, index, rule, delay, incident))
    return Done(DONE, number, target=number, incident=incident)


def _extend_hours(hall: Hall, _index: int, rule: act.ExtendHours) -> Done:
    door = hall.door
    if not door.extend_until(hall.scenario.hours.close_min + rule.minutes):
        result = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.ALREADY_IN_FORCE)
        return Done(result, f"doors already open until {format_clock(door.closes_at)}")
    return Done(DONE, f"doors open until {format_clock(door.closes_at)}")


def _evacuate(hall: Hall, _index: int, _rule: act.Evacuate) -> Done:
    alarm = hall.emergencies.order_evacuation()
    if isinstance(alarm, Reason):
        result = ActionResult(ActionStatus.NOT_CARRIED_OUT, alarm)
        return Done(result, f"evacuate: {alarm.value}")
    return Done(DONE, f"everyone out ({alarm.cause})", incident=alarm.incident)


def _notify_customers(_hall: Hall, _index: int, rule: act.NotifyCustomers) -> Done:
    return Done(DONE, rule.message)


# The handler of every action of the model's registry (simulator.model.actions.ACTIONS), by name;
# a test checks that the two agree, name for name and model for model.
HANDLERS: dict[str, Action] = {
    "open_counters": _open_counters,
    "close_counters": _close_counters,
    "open_fast_lane": _open_fast_lane,
    "close_fast_lane": _close_fast_lane,
    "redirect": _redirect,
    "notify_customers": _notify_customers,
    "extend_hours": _extend_hours,
    "escalate": _escalate,
    "pre_register": _pre_register,
    "take_callbacks": _take_callbacks,
    "stop_entry": _stop_entry,
    "call_emergency": _call_emergency,
    "evacuate": _evacuate,
}

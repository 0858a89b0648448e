"""Incidents that end in an evacuation: fire, bomb threat, earthquake, or ``evacuate: true``.

Each follows the seeds' plans up to the moment the alarm sounds; the evacuation itself is
:func:`~simulator.engine.evacuation.evacuate_hall` with the egress model of
:mod:`simulator.engine.egress`.

- **Fire** (火灾应急预案): the fire is detected ``detection_s`` after ignition; staff
  (``fighters``, by default a clerk and the security guard) attack it with extinguishers until
  three minutes after *ignition* (the plan's "力争…起火后3分钟之内将初燃火灾扑灭"), so a fire
  found late leaves them less time, and one found after three minutes none. With probability
  ``suppressed_prob`` their attack works, taking ``suppression_s``; if that ends within the three
  minutes the fire is out and they go back to their posts: the day goes on. Otherwise, at three
  minutes from ignition, the hall calls 119, cuts the power (``cuts_power``, "迅速切断营业厅电源")
  and evacuates. With ``alarm: detection`` the alarm sounds and 119 is called at detection (the
  break-glass procedure of one plan) while the fighters go on trying; they leave last.
  ``blocks_exit`` names an exit the fire makes unusable; ``asset_min`` is the available safe
  egress time from ignition; the brigade arrives ``brigade_min`` after the call.
- **Bomb threat** (涉枪涉爆): the hall calls 110 and stops letting people in at once; the order
  to evacuate follows ``decision_min`` later; the police arrive ``police_min`` after the call.
- **Earthquake**: evacuation starts when the shaking (``shaking_s``) stops.
- **Robbery** (抢劫): the silent alarm goes to the back office at once (防抢报警), the counters
  are locked (every clerk leaves their counter after the current customer, cash locked away)
  and nobody more comes in; 110 is called once the robbers leave (``robbers_min``, "抢劫犯
  离去后立即报警"). Then the customers are evacuated (the default, "将无关的人员、客户疏散
  离场"), or, with ``evacuate: false``, sheltered: the hall stays shut until the police arrive
  (``police_min``) and ``closed_min`` more, then reopens.
- **Any other incident with** ``evacuate: true``: the alarm sounds when the incident starts.

When people decide (a tabletop session, a drill log replayed: ``team_orders``), the alarm of a
fire, a bomb threat or a robbery is theirs to sound: the ``evacuate`` action
(:meth:`Emergencies.order_evacuation`) orders everyone out at the minute they chose, early or
late. Where the automatic playbook would have sounded it, the incident now waits for them; if
they never do, the fire brigade or the police order the hall cleared when they arrive, as if
called at the moment the plan calls for it (by the alarm company or a passer-by: the team's
own 110/119 is its ``call_emergency``, rated from the log), so a hesitant team is paid for in
people still inside past ASET. An earthquake is left as the automatic playbook
plays it: people do not wait for an order to leave a shaking building.

Every random quantity of an incident is drawn before the day, each from its own sub-stream of
the incident's stream, so a plan variant never changes the fire itself. The fire fighters are
the staff at their posts at detection, up to ``fighters``; with none, the alarm sounds at once.
"""

import math
from collections.abc import Generator
from dataclasses import dataclass

import simpy
from simpy.core import StopSimulation

from simulator.engine.alarms import Alarm, AlarmNow, Orders
from simulator.engine.door import Door
from simulator.engine.events import EventKind, Reason
from simulator.engine.incidents import Timing
from simulator.engine.log import EventLog
from simulator.engine.posts import Posts
from simulator.engine.situation import Situation
from simulator.engine.streams import Streams
from simulator.model.distributions import Distribution
from simulator.model.incidents import (
    SUPPRESSION_WINDOW_S,
    BombThreat,
    Earthquake,
    Evacuation,
    Fire,
    Incident,
    Robbery,
)
from simulator.model.scenario import Scenario

# The order fire fighters are named in (a clerk first: the one who sees it from the counter).
FIGHTER_ORDER = ("counters", "security", "guides", "managers")
RESPONDERS = {"fire": "119", "bomb_threat": "110", "robbery": "110"}


@dataclass(frozen=True)
class EmergencyDraws:
    """The random quantities of one evacuation incident on one day (seconds or minutes)."""

    start_min: float
    detection_s: float
    suppressed: bool
    suppression_s: float
    asset_s: float  # NaN when the scenario gives no ASET
    responders_min: float  # after the emergency call
    decision_min: float
    shaking_s: float
    robbers_min: float = 0.0
    closed_min: float = 0.0


def draw_emergencies(scenario: Scenario, streams: Streams) -> dict[int, EmergencyDraws]:
    """Draw the timings of every fire, bomb threat and earthquake in ``scenario``."""
    draws = {}
    for index, incident in enumerate(scenario.incidents):
        if not isinstance(incident, Evacuation):
            continue

        def draw(purpose: int, dist: Distribution | None, index: int = index) -> float:
            # One sub-stream per quantity: giving one of them in a variant, or a distribution
            # that uses more or fewer variates, never shifts another (common random numbers).
            # A quantity the kind does not have is not drawn (0: never read).
            if dist is None:
                return 0.0
            return float(dist.sample(streams.generator("incidents", index, purpose), 1)[0])

        fire = incident if isinstance(incident, Fire) else None
        threat = incident if isinstance(incident, BombThreat) else None
        quake = incident if isinstance(incident, Earthquake) else None
        robbery = incident if isinstance(incident, Robbery) else None
        responders = (
            fire.brigade_min
            if fire
            else threat.police_min
            if threat
            else robbery.police_min
            if robbery
            else None
        )
        delay, asset = incident.start_delay_min, incident.asset_min
        suppressed = streams.generator("incidents", index, 2).uniform()
        draws[index] = EmergencyDraws(
            start_min=incident.start_min + draw(0, delay),
            detection_s=draw(1, fire.detection_s if fire else None),
            suppressed=bool(suppressed < (fire.suppressed_prob if fire else 0.0)),
            suppression_s=draw(3, fire.suppression_s if fire else None),
            asset_s=draw(4, asset) * 60 if asset else math.nan,
            responders_min=draw(5, responders),
            decision_min=draw(6, threat.decision_min if threat else None),
            shaking_s=draw(7, quake.shaking_s if quake else None),
            robbers_min=draw(8, robbery.robbers_min if robbery else None),
            closed_min=draw(9, robbery.closed_min if robbery else None),
        )
    return draws


class Emergencies:
    """Plays the scenario's evacuation incidents; the alarm it sounds stops the day.

    The alarm stops the simulation by SimPy's own mechanism for ``run(until=...)``; the hall
    then evacuates whoever is inside (:mod:`simulator.engine.evacuation`). A bomb threat's
    cordon is put on the :class:`~.door.Door`; fire fighters are taken off their
    :class:`~.posts.Posts`.
    """

    def __init__(
        self,
        env: simpy.Environment,
        scenario: Scenario,
        draws: dict[int, EmergencyDraws],
        timings: dict[int, Timing],
        log: EventLog,
        posts: Posts,
        door: Door,
        situation: Situation,
        team_orders: bool = False,
    ):
        """``team_orders``: the evacuation of a fire, bomb threat or robbery waits for people."""
        self.env, self.log, self.posts, self.door = env, log, posts, door
        self.situation = situation
        self.team_orders = team_orders
        self.alarm: Alarm | None = None
        self.orders = Orders(env, situation, log, self.sound_alarm, lambda: self.alarm is not None)
        self._stop = env.event()
        self._stop.callbacks.append(StopSimulation.callback)
        for index, incident in enumerate(scenario.incidents):
            if isinstance(incident, Fire):
                env.process(self._fire(index, incident, draws[index]))
            elif isinstance(incident, BombThreat):
                env.process(self._bomb_threat(index, incident, draws[index]))
            elif isinstance(incident, Earthquake):
                env.process(self._earthquake(index, incident, draws[index]))
            elif isinstance(incident, Robbery):
                env.process(self._robbery(index, incident, draws[index]))
            elif incident.evacuate:
                start = timings[index].start_min if index in timings else incident.start_min
                env.process(self._evacuate_at(index, incident, start))

    def sound_alarm(self, alarm: Alarm, cuts_power: bool = False) -> None:
        """Order everyone out: the day stops here and the hall plays the evacuation."""
        if self.alarm is not None:  # a second incident at the same moment: already going
            return
        self.alarm = alarm
        if cuts_power:
            detail = "mains switched off; emergency lighting"
            self.log.record(
                EventKind.PROCEDURE, "power_cut", incident=alarm.incident, detail=detail
            )
        self.log.record(
            EventKind.PROCEDURE, "evacuation_alarm", incident=alarm.incident, detail=alarm.cause
        )
        self._stop.succeed()

    def order_evacuation(self) -> Alarm | Reason:
        """Order everyone out now (the ``evacuate`` action); see :class:`~.alarms.Orders`."""
        return self.orders.order()

    def _open(self, index: int, alarm_now: AlarmNow, hold: Reason | None = None) -> None:
        if self.team_orders:
            self.orders.open(index, alarm_now, hold)

    def _alarm_due(self, index: int, alarm_now: AlarmNow) -> None:
        """Sound the alarm the plan calls for now; when people decide, wait for their order.

        Their order, or else the responders' arrival (the alarm's ``responders_min``).
        """
        alarm, cuts_power = alarm_now()
        if not self.team_orders:
            self.sound_alarm(alarm, cuts_power=cuts_power)
            return
        self.orders.due(index, alarm_now, alarm.responders_min)

    def _alarm(self, index: int, incident: Evacuation, draws: EmergencyDraws, **extra) -> Alarm:
        blocked = incident.blocks_exit
        return Alarm(
            cause=incident.kind,
            incident=index,
            incident_min=draws.start_min,
            blocked=frozenset({blocked} if blocked else ()),
            asset_s=draws.asset_s,
            **extra,
        )

    def _crew(self, wanted: dict[str, int]) -> dict[str, int]:
        """Return the fire fighters the hall can spare now: never more than are at their posts."""
        available = self.posts.available()
        crew = {post: min(count, available[post]) for post, count in wanted.items()}
        return {post: count for post, count in crew.items() if count > 0}

    def _step(self, index: int, name: str, detail: str) -> None:
        self.log.record(EventKind.INCIDENT_STEP, name, incident=index, detail=detail)

    def _fire(self, index: int, incident: Fire, draws: EmergencyDraws) -> Generator[simpy.Event]:
        env = self.env
        yield env.timeout(draws.start_min - env.now)
        self.log.record(EventKind.INCIDENT, "fire", incident=index, detail="ignition")
        cuts_power = incident.cuts_power
        # Were it not put out, the brigade would be called when the three minutes ran out.
        brigade = draws.start_min + SUPPRESSION_WINDOW_S / 60 + draws.responders_min

        def alarm_now(
            planned: float, fighters: dict[str, int] | None = None, fight_end: float = 0.0
        ) -> AlarmNow:
            return lambda: (
                self._alarm(
                    index,
                    incident,
                    draws,
                    responders_min=self.orders.responders(index, planned),
                    fighters=fighters or {},
                    fight_left_s=max(fight_end - env.now, 0.0) * 60,
                ),
                cuts_power,
            )

        self._open(index, alarm_now(brigade))  # they saw it start (the inject)
        yield env.timeout(draws.detection_s / 60)
        # Rules react to the fire once someone has seen it (fire_active, fire_min from detection).
        self.situation.begin(index, "fire")
        # The three minutes run from ignition: what is left of them when the fire is found.
        window_s = max(SUPPRESSION_WINDOW_S - draws.detection_s, 0.0)
        fighters = self._crew(incident.fighters.counts(FIGHTER_ORDER)) if window_s else {}
        # Nobody fights, nobody puts it out; an attack that needs longer than the window fails.
        suppressed = draws.suppressed and bool(fighters) and draws.suppression_s <= window_s
        attempt_s = draws.suppression_s if suppressed else window_s
        crew = ", ".join(f"{count} {post}" for post, count in fighters.items()) or "nobody"
        self._step(index, "fire_detected", f"after {draws.detection_s:.0f} s; {crew} fight it")
        if (incident.alarm == "detection" or not fighters) and not self.team_orders:
            self._call(index, "119")
            self.posts.take(fighters)  # they fight on while the others leave
            alarm = self._alarm(
                index,
                incident,
                draws,
                responders_min=env.now + draws.responders_min,
                fighters=fighters,
                fight_left_s=attempt_s if fighters else 0.0,
            )
            self.sound_alarm(alarm, cuts_power=cuts_power)
            return
        self.posts.take(fighters)
        # Ordered out while they fight: they fight on, the others leave.
        self._open(index, alarm_now(brigade, fighters, env.now + attempt_s / 60))
        yield env.timeout(attempt_s / 60)
        self.posts.take(fighters, back=True)  # put out, or they give up and leave
        since_ignition = draws.detection_s + attempt_s
        if suppressed:
            self._step(index, "fire_suppressed", f"put out {since_ignition:.0f} s after ignition")
            self.situation.end(index)
            self.orders.close(index)
            return
        detail = f"not out {since_ignition:.0f} s after ignition"
        self._step(index, "fire_out_of_control", detail)
        if not self.team_orders:  # people's own call is theirs (an action of their script)
            self._call(index, "119")
        self._alarm_due(index, alarm_now(env.now + draws.responders_min))

    def _bomb_threat(
        self, index: int, incident: BombThreat, draws: EmergencyDraws
    ) -> Generator[simpy.Event]:
        env = self.env
        yield env.timeout(draws.start_min - env.now)
        self.log.record(EventKind.INCIDENT, "bomb_threat", incident=index, detail="threat received")
        self.situation.begin(index, "bomb_threat")
        if not self.team_orders:
            self._call(index, "110")
        self.door.cordon()  # later arrivals are turned away (not balking)
        detail = "entry stopped; the area is cordoned off"
        self.log.record(EventKind.PROCEDURE, "isolate", incident=index, detail=detail)
        police = draws.start_min + draws.responders_min

        def alarm_now() -> tuple[Alarm, bool]:
            responders = self.orders.responders(index, police)
            return self._alarm(index, incident, draws, responders_min=responders), False

        self._open(index, alarm_now)
        yield env.timeout(draws.decision_min)
        self._alarm_due(index, alarm_now)

    def _earthquake(
        self, index: int, incident: Earthquake, draws: EmergencyDraws
    ) -> Generator[simpy.Event]:
        env = self.env
        yield env.timeout(draws.start_min - env.now)
        detail = f"shaking for {draws.shaking_s:.0f} s"
        self.log.record(EventKind.INCIDENT, "earthquake", incident=index, detail=detail)
        self.situation.begin(index, "earthquake")
        alarm = self._alarm(index, incident, draws, responders_min=math.nan)
        # While it shakes, people shelter where they are (就地避险): no order moves them.
        self._open(index, lambda: (alarm, False), hold=Reason.NOT_SAFE_YET)
        yield env.timeout(draws.shaking_s / 60)
        # Nobody waits for an order to leave a building that has just shaken.
        self.sound_alarm(alarm)

    def _robbery(
        self, index: int, incident: Robbery, draws: EmergencyDraws
    ) -> Generator[simpy.Event]:
        env, log = self.env, self.log
        yield env.timeout(draws.start_min - env.now)
        log.record(EventKind.INCIDENT, "robbery", incident=index, detail="robbers in the hall")
        self.situation.begin(index, "robbery")
        police = math.nan  # known once the robbers have left and 110 is called

        def alarm_now() -> tuple[Alarm, bool]:
            responders = self.orders.responders(index, police)
            return self._alarm(index, incident, draws, responders_min=responders), False

        # Not while the robbers are in the hall: the plan is not to provoke them.
        self._open(index, alarm_now, hold=Reason.NOT_SAFE_YET)
        log.record(EventKind.PROCEDURE, "silent_alarm", incident=index, detail="to the back office")
        clerks = {"counters": self.posts.available()["counters"]}
        self.posts.take(clerks)  # counters locked: each clerk leaves after the current customer
        self.door.cordon()  # nobody more comes in; those waiting outside go
        detail = f"{clerks['counters']} counters locked; entry stopped"
        log.record(EventKind.PROCEDURE, "lockdown", incident=index, detail=detail)
        yield env.timeout(draws.robbers_min)
        self._step(index, "robbers_left", f"after {draws.robbers_min:.0f} min")
        if not self.team_orders:
            self._call(index, "110")
        police = env.now + draws.responders_min
        if incident.evacuate is not False:  # 将无关的人员、客户疏散离场
            self._alarm_due(index, alarm_now)
            return
        self._open(index, alarm_now)  # sheltering: the team may still clear the hall
        yield env.timeout(draws.responders_min)
        self._step(index, "police_arrived", f"after {draws.responders_min:.0f} min")
        yield env.timeout(draws.closed_min)
        self.posts.take(clerks, back=True)
        self.door.reopen()
        detail = f"reopened after the scene was kept {draws.closed_min:.0f} min"
        log.record(EventKind.INCIDENT_END, "robbery", incident=index, detail=detail)
        self.situation.end(index)
        self.orders.close(index)

    def _evacuate_at(
        self, index: int, incident: Incident, start_min: float
    ) -> Generator[simpy.Event]:
        yield self.env.timeout(start_min - self.env.now)
        alarm = Alarm(incident.kind, index, start_min, frozenset(), math.nan, math.nan)
        self.sound_alarm(alarm)

    def _call(self, index: int, number: str) -> None:
        self.log.record(EventKind.PROCEDURE, "call_emergency", incident=index, target=number)
        self.situation.called(index)  # a rule's later call goes to another incident first

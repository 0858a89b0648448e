"""Incidents that end in an evacuation: fire, bomb threat, earthquake, or ``evacuate: true``.

Each follows the seeds' plans up to the moment the alarm sounds; the evacuation itself is
:meth:`Hall.evacuate` with the egress model of :mod:`simulator.engine.egress`.

- **Fire** (火灾应急预案): the fire is detected ``detection_s`` after ignition; staff
  (``fighters``, by default a clerk and the security guard) attack it with extinguishers for up
  to three minutes (the plan's "起火后3分钟之内"). With probability ``suppressed_prob`` they put it
  out after ``suppression_s`` and go back to their posts: the day goes on. Otherwise, at three
  minutes, the hall calls 119, cuts the power (``cuts_power``, "迅速切断营业厅电源") and
  evacuates. With ``alarm: detection`` the alarm sounds and 119 is called at detection (the
  break-glass procedure of one plan) while the fighters go on trying; they leave last.
  ``blocks_exit`` names an exit the fire makes unusable; ``asset_min`` is the available safe
  egress time from ignition; the brigade arrives ``brigade_min`` after the call.
- **Bomb threat** (涉枪涉爆): the hall calls 110 and stops letting people in at once; the order
  to evacuate follows ``decision_min`` later; the police arrive ``police_min`` after the call.
- **Earthquake**: evacuation starts when the shaking (``shaking_s``) stops.
- **Any other incident with** ``evacuate: true``: the alarm sounds when the incident starts.

Every random quantity of an incident is drawn before the day from that incident's own stream
(always all of them, in a fixed order), so a plan variant never changes the fire itself.
"""

import math
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import simpy

from simulator.engine.incidents import Timing
from simulator.engine.streams import Streams
from simulator.model.distributions import Distribution
from simulator.model.events import EVACUATION_KINDS
from simulator.model.scenario import Incident, Scenario

if TYPE_CHECKING:
    from simulator.engine.hall import Hall

SUPPRESSION_WINDOW_S = 180.0  # the plans' three minutes of first-aid fire fighting
DEFAULTS = {
    "detection_s": Distribution("uniform", low=30.0, high=120.0),
    "suppression_s": Distribution("uniform", low=20.0, high=SUPPRESSION_WINDOW_S),
    # Urban fire stations aim to reach their area within 5 min of dispatch; add the call.
    "brigade_min": Distribution("lognormal", mean=8.0, sd=3.0),
    "police_min": Distribution("lognormal", mean=10.0, sd=4.0),
    "decision_min": Distribution("uniform", low=1.0, high=5.0),
    "shaking_s": Distribution("uniform", low=10.0, high=40.0),
}
DEFAULT_FIGHTERS = {"counters": 1, "security": 1}
RESPONDERS = {"fire": "119", "bomb_threat": "110"}


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


@dataclass(frozen=True)
class Alarm:
    """The order to evacuate, and what the evacuation needs to know about its cause."""

    cause: str
    incident_min: float
    blocked: frozenset[str]
    asset_s: float
    responders_min: float  # when the fire brigade or police arrive (clock minutes); NaN if none
    fighters: dict[str, int] = field(default_factory=dict)  # staff still fighting the fire
    fight_left_s: float = 0.0  # how much longer they fight before they leave


def _draw(dist: Distribution | None, name: str, rng: np.random.Generator) -> float:
    """Draw one value of ``dist``, or of the default for ``name`` when it is None."""
    return float((dist or DEFAULTS[name]).sample(rng, 1)[0])


def draw_emergencies(scenario: Scenario, streams: Streams) -> dict[int, EmergencyDraws]:
    """Draw the timings of every fire, bomb threat and earthquake in ``scenario``."""
    draws = {}
    for index, incident in enumerate(scenario.incidents):
        if incident.kind not in EVACUATION_KINDS:
            continue
        params = incident.params
        rng = streams.generator("incidents", index)
        delay = params.get("start_delay_min")
        asset = params.get("asset_min")
        # A fixed order of draws, all of them every day, whatever the kind uses.
        draws[index] = EmergencyDraws(
            start_min=incident.start_min + (_draw(delay, "", rng) if delay else 0.0),
            detection_s=_draw(params.get("detection_s"), "detection_s", rng),
            suppressed=bool(rng.uniform() < params.get("suppressed_prob", 0.0)),
            suppression_s=min(
                _draw(params.get("suppression_s"), "suppression_s", rng), SUPPRESSION_WINDOW_S
            ),
            asset_s=_draw(asset, "", rng) * 60 if asset else math.nan,
            responders_min=_draw(
                params.get("brigade_min") or params.get("police_min"),
                "brigade_min" if incident.kind == "fire" else "police_min",
                rng,
            ),
            decision_min=_draw(params.get("decision_min"), "decision_min", rng),
            shaking_s=_draw(params.get("shaking_s"), "shaking_s", rng),
        )
    return draws


class Emergencies:
    """Plays the scenario's evacuation incidents and sounds the alarm in the hall."""

    def __init__(self, hall: "Hall", draws: dict[int, EmergencyDraws], timings: dict[int, Timing]):
        self.hall = hall
        for index, incident in enumerate(hall.scenario.incidents):
            if incident.kind == "fire":
                hall.env.process(self._fire(incident, draws[index]))
            elif incident.kind == "bomb_threat":
                hall.env.process(self._bomb_threat(incident, draws[index]))
            elif incident.kind == "earthquake":
                hall.env.process(self._earthquake(incident, draws[index]))
            elif incident.params.get("evacuate"):
                start = timings[index].start_min if index in timings else incident.start_min
                hall.env.process(self._evacuate_at(incident, start))

    def _alarm(self, incident: Incident, draws: EmergencyDraws, **extra) -> Alarm:
        blocked = incident.params.get("blocks_exit")
        return Alarm(
            cause=incident.kind,
            incident_min=draws.start_min,
            blocked=frozenset({blocked} if blocked else ()),
            asset_s=draws.asset_s,
            **extra,
        )

    def _fire(self, incident: Incident, draws: EmergencyDraws) -> Generator[simpy.Event]:
        env, hall = self.hall.env, self.hall
        params = incident.params
        yield env.timeout(draws.start_min - env.now)
        hall.log("incident", "fire", "ignition")
        yield env.timeout(draws.detection_s / 60)
        fighters = {**DEFAULT_FIGHTERS, **params.get("fighters", {})}
        attempt_s = draws.suppression_s if draws.suppressed else SUPPRESSION_WINDOW_S
        crew = ", ".join(f"{count} {post}" for post, count in fighters.items() if count)
        hall.log("incident", "fire_detected", f"after {draws.detection_s:.0f} s; {crew} fight it")
        if params.get("alarm") == "detection":
            self._call("119", draws)
            alarm = self._alarm(
                incident,
                draws,
                responders_min=env.now + draws.responders_min,
                fighters=fighters,
                fight_left_s=attempt_s,
            )
            hall.sound_alarm(alarm, cuts_power=params.get("cuts_power", True))
            return
        hall.disruptions.take_staff(fighters)
        yield env.timeout(attempt_s / 60)
        if draws.suppressed:
            hall.disruptions.take_staff(fighters, back=True)
            hall.log("incident", "fire_suppressed", f"put out after {attempt_s:.0f} s")
            return
        hall.disruptions.take_staff(fighters, back=True)  # they stop fighting and evacuate
        hall.log("incident", "fire_out_of_control", f"not out after {attempt_s:.0f} s")
        self._call("119", draws)
        alarm = self._alarm(incident, draws, responders_min=env.now + draws.responders_min)
        hall.sound_alarm(alarm, cuts_power=params.get("cuts_power", True))

    def _bomb_threat(self, incident: Incident, draws: EmergencyDraws) -> Generator[simpy.Event]:
        env, hall = self.hall.env, self.hall
        yield env.timeout(draws.start_min - env.now)
        hall.log("incident", "bomb_threat", "threat received")
        self._call("110", draws)
        hall.isolate()
        yield env.timeout(draws.decision_min)
        responders = draws.start_min + draws.responders_min
        hall.sound_alarm(self._alarm(incident, draws, responders_min=responders))

    def _earthquake(self, incident: Incident, draws: EmergencyDraws) -> Generator[simpy.Event]:
        env, hall = self.hall.env, self.hall
        yield env.timeout(draws.start_min - env.now)
        hall.log("incident", "earthquake", f"shaking for {draws.shaking_s:.0f} s")
        yield env.timeout(draws.shaking_s / 60)
        hall.sound_alarm(self._alarm(incident, draws, responders_min=math.nan))

    def _evacuate_at(self, incident: Incident, start_min: float) -> Generator[simpy.Event]:
        env, hall = self.hall.env, self.hall
        yield env.timeout(start_min - env.now)
        alarm = Alarm(incident.kind, start_min, frozenset(), math.nan, math.nan)
        hall.sound_alarm(alarm)

    def _call(self, number: str, draws: EmergencyDraws) -> None:
        self.hall.log("emergency_call", "call_emergency", number)

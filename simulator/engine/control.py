"""The playbook at work: once a simulated minute its policy decides, and the actions are taken.

Every minute the hall's gauges are read (:mod:`simulator.engine.gauges`); the policy (the
scenario's rules, or a script of people's decisions, see :mod:`simulator.engine.policy`) says
which rules fire and which in-force measures to lift; each firing is logged as a trigger and its
action (:mod:`simulator.engine.actions`) is carried out, its result logged on the action's own
event. Every firing and every effect carries its simulated time and rule index, so a drill can
be scored against deadlines ("escalate within 30 minutes").

An observer (the tabletop console) is shown a :class:`Snapshot` each minute, before that
minute's decisions: plain values, never the live hall.
"""

from collections.abc import Callable, Generator
from dataclasses import dataclass

import simpy

from simulator.engine.actions import HANDLERS, Done, Hall
from simulator.engine.door import Measure
from simulator.engine.events import EventKind
from simulator.engine.gauges import Gauges
from simulator.engine.policy import PLAYBOOK, RulePolicy, ScriptPolicy, Step
from simulator.model.conditions import METRICS, metrics_of
from simulator.playbook.triggers import Change

CHECK_EVERY_MIN = 1.0


@dataclass(frozen=True)
class Snapshot:
    """What the hall looks like at one simulated minute, before that minute's decisions."""

    time: float
    state: dict[str, float]  # the quantities playbook conditions test (queue, density, ...)
    counters_open: int
    reserve_left: int
    on_the_way: int
    outages: int  # outages in progress
    recommended: tuple[int, ...]  # rule indices the playbook would fire now


Observer = Callable[[Snapshot], None]


class Playbook:
    """Watches the hall and carries out what its policy decides: the rules, or a script."""

    def __init__(
        self,
        hall: Hall,
        gauges: Gauges,
        policy: RulePolicy | ScriptPolicy,
        observer: Observer | None = None,
    ):
        self.hall, self.gauges, self.policy, self.observer = hall, gauges, policy, observer
        rules = hall.scenario.playbook
        needed = frozenset[str]().union(
            *(metrics_of(rule.condition) for rule in rules if rule.condition is not None)
        )
        self.needed = frozenset(METRICS) if observer else needed

    def run(self) -> Generator[simpy.Event, None, None]:
        """Ask the policy once a simulated minute until the hall is closed and empty."""
        hall = self.hall
        env, log = hall.env, hall.log
        while not hall.door.is_closed_and_empty():
            state = self.gauges.read(self.needed)
            recommended: list[Step] = []
            if isinstance(self.policy, ScriptPolicy):
                recommended = self.policy.recommendations(env.now, state)
                for step in recommended:
                    detail = f"{step.rule.when} → {step.rule.action}"
                    log.record(
                        EventKind.RECOMMENDATION, step.rule.action, rule=step.index, detail=detail
                    )
            if self.observer is not None:
                self.observer(self._snapshot(state, recommended))
            for step in self.policy.steps(env.now, state):
                if step.change is Change.FIRE:
                    self._fire(step)
                else:
                    self._lift(step)
            yield env.timeout(CHECK_EVERY_MIN)

    def _snapshot(self, state: dict[str, float], recommended: list[Step]) -> Snapshot:
        hall = self.hall
        return Snapshot(
            time=hall.env.now,
            state=dict(state),
            counters_open=hall.counters.target,
            reserve_left=hall.reserve.left,
            on_the_way=hall.reserve.on_the_way,
            outages=len(self.gauges.outages.active),
            recommended=tuple(step.index for step in recommended),
        )

    def _fire(self, step: Step) -> None:
        """Log the trigger, take the action and log its result on the action's own event."""
        log, rule = self.hall.log, step.rule
        who = "" if step.who == PLAYBOOK else step.who
        detail = f"{who or rule.when} → {rule.action}"
        log.record(EventKind.TRIGGER, rule.action, rule=step.index, who=who, detail=detail)
        effect = HANDLERS[rule.action](self.hall, step.index, rule)
        if isinstance(effect, Done):
            log.record(
                EventKind.ACTION,
                rule.action,
                rule=step.index,
                incident=effect.incident,
                target=effect.target,
                who=who,
                result=effect.result,
                detail=effect.detail,
            )
            return
        measure: Measure = effect
        event = log.open(
            rule.action,
            step.index,
            lambda: (measure.result(), measure.describe()),
            target=measure.destination,
            who=who,
        )
        self.hall.door.put(measure, event)

    def _lift(self, step: Step) -> None:
        """Lift what a fired rule put in force, now that its condition no longer holds."""
        if self.hall.door.lift(step.index) is not None:
            detail = f"{step.rule.when} no longer holds"
            self.hall.log.record(
                EventKind.ACTION_END, step.rule.action, rule=step.index, detail=detail
            )

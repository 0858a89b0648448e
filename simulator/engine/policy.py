"""Who decides what the playbook does each minute: the scenario's rules, or a script.

The playbook process (:mod:`simulator.engine.control`) asks its policy once a simulated minute
which actions to take and which in-force actions to lift, and carries them out in the order given.

* :class:`RulePolicy` is the automatic playbook: each rule fires once per episode of its
  condition. It also records what it decided as :class:`~simulator.model.decisions.Decision`
  rows, so an automatic day can be written out as a script.
* :class:`ScriptPolicy` plays a script: a tabletop team's decisions, a real drill's log, or a
  recorded automatic day. Beside it the rules run in the shadow, only to log what the playbook
  would have recommended (scoring compares the two). A script recorded from the rules replays to
  the very same day when its alarms are left to the scenario (``team_orders=False`` of
  :func:`~simulator.engine.hall.simulate_day`; people's scripts order the evacuation
  themselves): decisions come out in the order the rules gave them, and each uses its
  rule's index, hence its random stream for response delays.
"""

from collections import defaultdict
from dataclasses import dataclass

from simulator.model.actions import Rule
from simulator.model.decisions import IN_FORCE, Decision
from simulator.playbook.triggers import Change, Trigger

PLAYBOOK = "playbook"  # who decided, for the automatic playbook's own decisions


@dataclass(frozen=True)
class Step:
    """One thing to do now: fire rule ``index`` (as ``rule``) or lift what it put in force."""

    index: int
    rule: Rule
    change: Change
    who: str = PLAYBOOK


class RulePolicy:
    """The automatic playbook: rules fire on their conditions (and are recorded)."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        self.triggers = [Trigger(cooldown_min=rule.cooldown_min or 0.0) for rule in rules]
        self.decisions: list[Decision] = []
        self._open: dict[int, int] = {}  # rule index -> its decision still in force

    def steps(self, now: float, state: dict[str, float]) -> list[Step]:
        """Return the rules that fire or clear at ``now`` given the hall's ``state``."""
        steps = []
        for index, (rule, trigger) in enumerate(zip(self.rules, self.triggers, strict=True)):
            holds = rule.condition is not None and rule.condition.evaluate(state)
            change = trigger.check(now, holds)
            if change is Change.NONE:
                continue
            steps.append(Step(index, rule, change))
            if change is Change.FIRE:
                self._open[index] = len(self.decisions)
                self.decisions.append(Decision(now, rule, rule=index, who=PLAYBOOK))
            elif index in self._open:
                # Only what stays in force has an end worth writing down; lifting anything
                # else does nothing (see Playbook._end).
                position = self._open.pop(index)
                if rule.action in IN_FORCE:
                    self.decisions[position] = self.decisions[position].lifted_at(now)
        return steps


class ScriptPolicy:
    """Plays a script of decisions; the rules run in the shadow to say what they recommend."""

    def __init__(self, rules: tuple[Rule, ...], script: tuple[Decision, ...]):
        self.shadow = RulePolicy(rules)
        self.rules = rules
        self.script = script
        self.due: dict[float, list[tuple[int, int, int, Step]]] = defaultdict(list)
        for order, decision in enumerate(script):
            rule = decision.as_rule(rules)
            fire = Step(decision.rule, rule, Change.FIRE, decision.who or PLAYBOOK)
            # Within a minute: by rule index, a lift before a firing, then in script order;
            # the same order the rules themselves give.
            self.due[decision.time_min].append((decision.rule, 1, order, fire))
            if decision.until_min is not None:
                lift = Step(decision.rule, rule, Change.CLEAR, decision.who or PLAYBOOK)
                self.due[decision.until_min].append((decision.rule, 0, order, lift))

    def recommendations(self, now: float, state: dict[str, float]) -> list[Step]:
        """Return the rules the automatic playbook would fire at ``now``."""
        return [step for step in self.shadow.steps(now, state) if step.change is Change.FIRE]

    def steps(self, now: float, _state: dict[str, float]) -> list[Step]:
        """Return the script's decisions due at ``now``, in the rules' own order."""
        return [step for *_key, step in sorted(self.due.pop(now, []), key=lambda d: d[:3])]

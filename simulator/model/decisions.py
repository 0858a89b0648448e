"""A decision: an action taken at a clock time, by the playbook, a tabletop team or a real drill.

Decisions are what ``drill play`` records, what ``drill score`` reads from a drill's log and what
``--decisions`` replays. Each one is tied to a playbook rule by index (:attr:`Decision.rule`):
a decision that carries out a rule takes that rule's parameters (the escalation's response time,
say) unless it states its own, counts for that rule's objective when scored, and draws from that
rule's random stream, so replaying the playbook's own decisions reproduces its day exactly. A
decision no rule foresaw gets an index past the last rule.
"""

from dataclasses import dataclass, replace
from typing import Any

from simulator.model.actions import IN_FORCE, Action, Rule
from simulator.model.clock import format_clock

__all__ = ["IN_FORCE", "Decision", "matching_rule"]


@dataclass(frozen=True)
class Decision:
    """``taken`` (an action with the parameters it states) at ``time_min``, by ``who``."""

    time_min: float
    taken: Action
    rule: int = 0  # index of the playbook rule it carries out (>= len(rules): none)
    until_min: float | None = None  # when an in-force action is lifted; None: not lifted
    who: str = ""
    line: int | None = None  # its line in the log file it was read from
    pinned: bool = False  # the log names its rule (``rule: 3``): never matched to another

    @property
    def action(self) -> str:
        """Return the action's name (``escalate``)."""
        return self.taken.do

    @property
    def params(self) -> dict[str, Any]:
        """Return the parameters the decision states itself (for showing and writing it)."""
        return self.taken.stated()

    def lifted_at(self, time_min: float) -> "Decision":
        """Return this decision lifted at ``time_min``."""
        return replace(self, until_min=time_min)

    def as_rule(self, rules: tuple[Rule, ...]) -> Rule:
        """Return the rule the engine carries out: the matched rule with these parameters."""
        if self.rule < len(rules) and rules[self.rule].do == self.action:
            base = rules[self.rule]
            return base.model_copy(update=self.params)
        return Rule.unforeseen(self.taken, f"decision at {format_clock(self.time_min)}")


def matching_rule(rules: tuple[Rule, ...], taken: Action) -> int:
    """Return the index of the first rule doing ``taken``'s action whose parameters agree.

    Only parameters both state are compared (a log says ``escalate to 营业中心负责人``, not
    the response-time distribution). Returns -1 when no rule matches.
    """
    stated = taken.stated()
    for index, rule in enumerate(rules):
        if rule.do != taken.do:
            continue
        own = rule.stated()
        if all(stated[key] == own[key] for key in stated.keys() & own.keys()):
            return index
    return -1

"""A decision: an action taken at a clock time, by the playbook, a tabletop team or a real drill.

Decisions are what ``drill play`` records, what ``drill score`` reads from a drill's log and what
``--decisions`` replays. Each one is tied to a playbook rule by index (:attr:`Decision.rule`):
a decision that carries out a rule takes that rule's parameters (the escalation's response time,
say) unless it states its own, counts for that rule's objective when scored, and draws from that
rule's random stream, so replaying the playbook's own decisions reproduces its day exactly. A
decision no rule foresaw gets an index past the last rule.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from simulator.model.clock import format_clock
from simulator.model.scenario import PlaybookRule

# Actions that stay in force until lifted (``until``), as a rule's do while its condition holds.
IN_FORCE = frozenset({"redirect", "pre_register", "stop_entry"})


@dataclass(frozen=True)
class Decision:
    """``action`` with ``params`` at ``time_min`` (minutes since midnight), by ``who``."""

    time_min: float
    action: str
    params: dict[str, Any] = field(default_factory=dict)
    rule: int = 0  # index of the playbook rule it carries out (>= len(rules): none)
    until_min: float | None = None  # when an in-force action is lifted; None: not lifted
    who: str = ""
    line: int | None = None  # its line in the log file it was read from

    def lifted_at(self, time_min: float) -> "Decision":
        """Return this decision lifted at ``time_min``."""
        return replace(self, until_min=time_min)

    def as_rule(self, rules: tuple[PlaybookRule, ...]) -> PlaybookRule:
        """Return the rule the engine carries out: the matched rule with these parameters."""
        if self.rule < len(rules) and rules[self.rule].action == self.action:
            base = rules[self.rule]
            return replace(base, params={**base.params, **self.params})
        when = f"decision at {format_clock(self.time_min)}"
        return PlaybookRule(when, None, self.action, dict(self.params))


def matching_rule(rules: tuple[PlaybookRule, ...], action: str, params: dict[str, Any]) -> int:
    """Return the index of the first rule with ``action`` whose parameters agree with ``params``.

    Only keys both give are compared (a log says ``escalate to 营业中心负责人``, not the
    response-time distribution). Returns -1 when no rule matches.
    """
    for index, rule in enumerate(rules):
        shared = params.keys() & rule.params.keys()
        if rule.action == action and all(params[key] == rule.params[key] for key in shared):
            return index
    return -1

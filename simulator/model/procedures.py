"""The plans' procedures as clauses: what the team must do, when, for each kind of incident.

A clause says *do this* (an action of the playbook, :data:`~simulator.model.actions.ACTIONS`,
or a procedure step the engine does not play, :data:`STEPS`) *when that holds* (a condition in
the playbook's ``when:`` language, ``fire_min >= 3``), and how promptly (:class:`Urgency`). A
real drill is rated clause by clause against what its log shows
(:mod:`simulator.scoring.observed`).

Each playbook rule is a clause (``rule-3``), and each kind of incident brings the procedure of
the seed plans (``fire-119``, ``outage-60``): 003 part 4 and 001 §4 for fire, 003 §4 and 001 §2
for outages, 001 §7 for illness, 001 §3 and 003 for robbery and bomb threats. A built-in clause
gives way to the scenario's own rules: when the playbook already has a rule doing that action on
that kind of incident (the outage scenario's three ``escalate`` rules), the rules are the clauses.
"""

from dataclasses import dataclass
from enum import Enum

from simulator.model.actions import Rule
from simulator.model.conditions import (
    INCIDENT_FLAGS,
    INCIDENT_MINUTES,
    Compare,
    Condition,
    metrics_of,
    parse_condition,
)
from simulator.model.incidents import OUTAGE_KINDS, Fire
from simulator.model.scenario import Scenario

# Steps of the plans that a drill log records but the engine does not play (yet).
STEPS = (
    "sound_alarm",
    "fight_fire",
    "cut_power",
    "evacuate",
    "secure_cash",
    "guide_brigade",
    "head_count",
    "isolate_area",
    "keep_order",
    "contact_family",
)
# The parameters that say *which* action it is (an escalation to whom, which number was
# called): a log line counts for a clause only if these agree. Others (how many counters, the
# announcement's wording) do not decide whether the clause was carried out.
IDENTITY = {"escalate": ("to",), "call_emergency": ("number",), "redirect": ("to",)}
# Conditions on these metrics are about the outage in progress, whichever kind it is.
OUTAGE_METRICS = frozenset({"outage_min", "outage_ended_min", "power_out"})


class Urgency(Enum):
    """How promptly a clause is due once its condition holds (scales in docs/scoring.md)."""

    LIFE = "life"  # life safety, at once: P within 1 minute, S within 2
    SERVICE = "service"  # service, at once (立即、及时): P within 5 minutes, S within 10
    DEADLINE = "deadline"  # a report due D minutes into the incident: S up to D/3 late


@dataclass(frozen=True)
class Clause:
    """One thing the plan requires: ``do`` (matching ``match``) once ``when`` holds.

    ``key`` names its wording in the catalogue (``clause.fire-119``) for built-in clauses;
    a rule's clause is worded from the rule. ``cutoff_min``: later than this after it fell
    due, the step no longer counts (first-aid fire fighting after the three minutes).
    """

    id: str
    do: str
    when: str
    urgency: Urgency
    match: tuple[tuple[str, object], ...] = ()
    rule: int | None = None  # the playbook rule's index, for a rule's clause
    cutoff_min: float | None = None
    note: str = ""  # the plan's own words, as the scenario quotes them (rules)

    @property
    def condition(self) -> Condition:
        """Return the parsed ``when``."""
        return parse_condition(self.when)

    @property
    def key(self) -> str:
        """Return the catalogue key of the clause's wording (built-in clauses)."""
        return f"clause.{self.id}"


def _clause(
    id: str,
    do: str,
    when: str,
    urgency: Urgency,
    cutoff_min: float | None = None,
    **match: object,
) -> Clause:
    return Clause(id, do, when, urgency, tuple(match.items()), cutoff_min=cutoff_min)


LIFE, SERVICE, DEADLINE = Urgency.LIFE, Urgency.SERVICE, Urgency.DEADLINE


def _fire(alarm_at_detection: bool) -> tuple[Clause, ...]:
    # 起火后3分钟之内: what must happen when the first-aid attempt has not put it out.
    failed = "fire_min >= 3"
    return (
        _clause("fire-report", "escalate", "fire_active >= 1", LIFE),
        _clause("fire-fight", "fight_fire", "fire_active >= 1", LIFE, cutoff_min=3.0),
        _clause(
            "fire-alarm", "sound_alarm", "fire_active >= 1" if alarm_at_detection else failed, LIFE
        ),
        _clause("fire-119", "call_emergency", failed, LIFE, number=119),
        _clause("fire-power", "cut_power", failed, LIFE),
        _clause("fire-evacuate", "evacuate", failed, LIFE),
        _clause("fire-cash", "secure_cash", failed, LIFE),
        _clause("fire-guide", "guide_brigade", failed, SERVICE),
        _clause("fire-headcount", "head_count", failed, SERVICE),
    )


def _outage(kind: str) -> tuple[Clause, ...]:
    started = f"{kind}_active >= 1"
    return (
        _clause(f"{kind}-contact", "escalate", started, SERVICE),
        _clause(f"{kind}-notify", "notify_customers", started, SERVICE),
        _clause(f"{kind}-callbacks", "take_callbacks", started, SERVICE),
        _clause(f"{kind}-30", "escalate", "outage_min >= 30", DEADLINE),
        _clause(f"{kind}-60", "escalate", "outage_min >= 60", DEADLINE),
    )


BUILT_IN: dict[str, tuple[Clause, ...]] = {
    "system_outage": _outage("system_outage"),
    "power_outage": _outage("power_outage"),
    "illness": (
        _clause("illness-120", "call_emergency", "illness_active >= 1", LIFE, number=120),
        _clause("illness-order", "keep_order", "illness_active >= 1", SERVICE),
        _clause("illness-family", "contact_family", "illness_active >= 1", SERVICE),
    ),
    "bomb_threat": (
        _clause("bomb_threat-110", "call_emergency", "bomb_threat_active >= 1", LIFE, number=110),
        _clause("bomb_threat-isolate", "isolate_area", "bomb_threat_active >= 1", LIFE),
        _clause("bomb_threat-evacuate", "evacuate", "bomb_threat_active >= 1", LIFE),
        _clause("bomb_threat-report", "escalate", "bomb_threat_active >= 1", SERVICE),
    ),
    "robbery": (
        _clause("robbery-cash", "secure_cash", "robbery_active >= 1", LIFE),
        _clause("robbery-110", "call_emergency", "robbery_active >= 1", LIFE, number=110),
        _clause("robbery-report", "escalate", "robbery_active >= 1", SERVICE),
    ),
    "earthquake": (
        _clause("earthquake-evacuate", "evacuate", "earthquake_active >= 1", LIFE),
        _clause("earthquake-headcount", "head_count", "earthquake_active >= 1", SERVICE),
    ),
}
# Fire clauses depend on the fire's own alarm setting; the catalogue has wording for both.
BUILT_IN["fire"] = _fire(alarm_at_detection=False)
CLAUSE_IDS = frozenset(
    clause.id for clauses in (*BUILT_IN.values(), _fire(True)) for clause in clauses
)


def kinds_of(condition: Condition) -> frozenset[str]:
    """Return the incident kinds a condition is about (an outage metric: both outage kinds)."""
    kinds = set()
    for metric in metrics_of(condition):
        if metric in INCIDENT_FLAGS:
            kinds.add(INCIDENT_FLAGS[metric])
        elif metric in INCIDENT_MINUTES:
            kinds.add(INCIDENT_MINUTES[metric])
        elif metric in OUTAGE_METRICS:
            kinds.update(OUTAGE_KINDS)
    return frozenset(kinds)


def _urgency(rule: Rule) -> Urgency:
    """Return how promptly a rule is due: a report D minutes into an outage is a deadline."""
    condition = rule.condition
    if (
        rule.do == "escalate"
        and isinstance(condition, Compare)
        and condition.metric in ("outage_min", *INCIDENT_MINUTES)
        and condition.op in (">=", ">")
        and condition.value > 1
    ):
        return DEADLINE
    life = {"fire", "bomb_threat", "robbery", "earthquake", "illness"}
    if rule.do == "call_emergency" or (condition is not None and kinds_of(condition) & life):
        return LIFE
    return SERVICE


def rule_clause(index: int, rule: Rule) -> Clause:
    """Return playbook rule ``index`` as a clause."""
    match = tuple(
        (name, value) for name, value in rule.stated().items() if name in IDENTITY.get(rule.do, ())
    )
    return Clause(
        f"rule-{index + 1}", rule.do, rule.when, _urgency(rule), match, index, None, rule.note
    )


def clauses_of(scenario: Scenario) -> tuple[Clause, ...]:
    """Return every clause a drill of ``scenario`` is rated on, numbered by their order.

    The playbook's rules come first, so rule 3 is clause 3 (as a log's ``rule: 3`` says), then
    the built-in procedure of each kind of incident in the scenario, in the order they come,
    without those the playbook covers itself.
    """
    clauses = [rule_clause(index, rule) for index, rule in enumerate(scenario.playbook)]
    covered = {
        (rule.do, kind)
        for rule in scenario.playbook
        if rule.condition is not None
        for kind in kinds_of(rule.condition)
    }
    seen: set[str] = set()
    for incident in scenario.incidents:
        if incident.kind in seen or incident.kind not in BUILT_IN:
            continue
        seen.add(incident.kind)
        built_in = BUILT_IN[incident.kind]
        if isinstance(incident, Fire):
            built_in = _fire(alarm_at_detection=incident.alarm == "detection")
        clauses += [c for c in built_in if (c.do, incident.kind) not in covered]
    return tuple(clauses)

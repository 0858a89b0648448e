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
Last, the scenario's ``procedure:`` drops, changes or adds clauses
(:class:`~simulator.model.clauses.ClauseChange`).
"""

from dataclasses import replace

from simulator.model.actions import Rule
from simulator.model.clauses import (
    BUILT_IN,
    DEADLINE,
    IDENTITY,
    LIFE,
    OUTAGE_METRICS,
    SERVICE,
    Clause,
    ClauseChange,
    Urgency,
    fire_clauses,
)
from simulator.model.conditions import (
    INCIDENT_FLAGS,
    INCIDENT_MINUTES,
    Compare,
    Condition,
    metrics_of,
)
from simulator.model.incidents import OUTAGE_KINDS, Fire
from simulator.model.scenario import Scenario


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
    # A rule covers a built-in clause doing the same on the same incident, and saying the same
    # where the clause says which (a rule calling 110 does not cover the call to 119).
    covered = {
        (rule.do, kind, identity)
        for rule in scenario.playbook
        if rule.condition is not None
        for kind in kinds_of(rule.condition)
        for identity in (rule_clause(0, rule).match, ())
    }
    seen: set[str] = set()
    for incident in scenario.incidents:
        if incident.kind in seen or incident.kind not in BUILT_IN:
            continue
        seen.add(incident.kind)
        built_in = BUILT_IN[incident.kind]
        if isinstance(incident, Fire):
            built_in = fire_clauses(alarm_at_detection=incident.alarm == "detection")
        clauses += [c for c in built_in if (c.do, incident.kind, c.match) not in covered]
    return tuple(_changed(clauses, scenario.procedure))


def _changed(clauses: list[Clause], changes: tuple[ClauseChange, ...]) -> list[Clause]:
    """Apply the scenario's ``procedure:``: drop or change built-in clauses, add its own.

    A change to a built-in clause the scenario does not bring (a fire clause in an outage
    scenario, or one its playbook covers) changes nothing.
    """
    by_id = {clause.id: index for index, clause in enumerate(clauses)}
    dropped = set()
    for change in changes:
        if change.clause is not None:
            if change.clause not in by_id:
                continue
            index = by_id[change.clause]
            if change.drop:
                dropped.add(index)
                continue
            clause = clauses[index]
            clauses[index] = replace(
                clause,
                when=change.when or clause.when,
                urgency=change.urgency_of() or clause.urgency,
                match=change.match() or clause.match,
                do=change.do or clause.do,
                note=change.note or clause.note,
            )
        else:
            urgency = change.urgency_of() or Urgency.SERVICE
            own = Clause(str(change.id), str(change.do), str(change.when), urgency, change.match())
            clauses.append(replace(own, note=change.note))
    return [clause for index, clause in enumerate(clauses) if index not in dropped]

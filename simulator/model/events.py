"""Validation of a scenario's ``incidents`` and ``playbook``, driven by two tables.

Each incident kind and each playbook action is one entry in a table of its keys (see
:class:`~simulator.model.reader.Param`), so adding a kind or an action is adding a row, and
the messages for unknown or missing keys come for free. A few keys need facts about the rest of
the scenario (service names, exits, neighbours, opening hours); :class:`Facts` carries them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.model.clock import format_clock
from simulator.model.conditions import ConditionSyntaxError, parse_condition
from simulator.model.reader import Param, Section, show, span, suggest
from simulator.model.scenario import Hours, Incident, PlaybookRule


@dataclass(frozen=True)
class Facts:
    """What incidents and actions may refer to (empty, or ``None``, where it is itself wrong)."""

    hours: Hours | None
    services: frozenset[str]
    exits: frozenset[str]
    neighbors: frozenset[str]
    kiosks: int | None


_AT = Param("clock", required=True)
_DURATION = Param("distribution", required=True)
_SHARE = Param("number", within="[0, 1]")
# Minutes after ``at`` at which the incident really starts, drawn per simulated day.
_DELAY = Param("distribution")
_STAFF_INCIDENT = {
    "at": _AT,
    "start_delay_min": _DELAY,
    "duration_min": _DURATION,
    "takes": Param("takes"),
}

# Keys every incident may have, then the keys of each kind.
INCIDENT_COMMON = {"note": Param("text"), "evacuate": Param("flag", default=None)}
INCIDENTS: dict[str, dict[str, Param]] = {
    "surge": {
        "from": Param("clock", required=True),
        "until": Param("clock", required=True),
        "factor": Param("number", required=True, within="> 0"),
    },
    "system_outage": {
        "at": _AT,
        "start_delay_min": _DELAY,
        "duration_min": _DURATION,
        "scope": Param("scope", default="all"),
        "preaccept_speed": _SHARE,
        "callback_share": _SHARE,
    },
    "power_outage": {
        "at": _AT,
        "start_delay_min": _DELAY,
        "duration_min": _DURATION,
        "generator_min": Param("number", within=">= 0"),
    },
    "illness": _STAFF_INCIDENT,
    "disorder": _STAFF_INCIDENT,
    "siege": _STAFF_INCIDENT,
    "fire": {
        "at": _AT,
        "start_delay_min": _DELAY,
        "detection_s": Param("distribution"),
        "suppressed_prob": Param("number", within="[0, 1]", default=0.0),
        "suppression_s": Param("distribution"),
        "fighters": Param("takes"),
        "alarm": Param("alarm", default="after_suppression"),
        "asset_min": Param("distribution"),
        "blocks_exit": Param("exit"),
        "brigade_min": Param("distribution"),
        "cuts_power": Param("flag", default=True),
    },
    "bomb_threat": {
        "at": _AT,
        "start_delay_min": _DELAY,
        "decision_min": Param("distribution"),
        "police_min": Param("distribution"),
        "asset_min": Param("distribution"),
        "blocks_exit": Param("exit"),
    },
    "earthquake": {
        "at": _AT,
        "start_delay_min": _DELAY,
        "shaking_s": Param("distribution"),
        "asset_min": Param("distribution"),
        "blocks_exit": Param("exit"),
    },
}
# Incidents that always end in an evacuation (a fire only if staff cannot put it out).
EVACUATION_KINDS = frozenset({"fire", "bomb_threat", "earthquake"})
# Incidents that stop business (the systems, or the power), and those that take staff away.
OUTAGE_KINDS = frozenset({"system_outage", "power_outage"})
STAFF_KINDS = frozenset({"illness", "disorder", "siege"})
ALARMS = ("after_suppression", "detection")

_COUNT = Param("integer", required=True, within=">= 1")
_POSITIVE_SHARE = Param("number", required=True, within="(0, 1]")
# Keys every playbook rule has, then the parameters of each action.
RULE_KEYS = ("when", "do", "cooldown_min", "note")
ACTIONS: dict[str, dict[str, Param]] = {
    "open_counters": {"count": _COUNT},
    "close_counters": {"count": _COUNT},
    "open_fast_lane": {"count": Param("integer", within=">= 1", default=1)},
    "pre_register": {"factor": _POSITIVE_SHARE},
    "redirect": {"to": Param("target", required=True), "share": _POSITIVE_SHARE},
    "extend_hours": {"minutes": Param("number", required=True, within="> 0")},
    "take_callbacks": {"share": Param("number", within="(0, 1]")},
    "notify_customers": {"message": Param("text")},
    "escalate": {
        "to": Param("text", required=True),
        "response_min": Param("distribution"),
        "releases_reserve": Param("integer", within=">= 0"),
    },
    "call_emergency": {
        "number": Param("phone", required=True),
        "response_min": Param("distribution"),
    },
    "stop_entry": {},
}
EMERGENCY_NUMBERS = {110: "police", 119: "fire", 120: "ambulance"}


def _scope(entry: Section, key: str, param: Param, facts: Facts) -> Any:
    value = entry.raw(key)
    if value is None:
        return param.default
    if value == "all":
        return "all"
    if not isinstance(value, list) or not value:
        entry.report(key, f"must be 'all' or a list of service names, got {show(value)}")
        return None
    for name in value:
        if not isinstance(name, str):
            entry.report(key, f"must list service names, got {show(name)}")
            return None
        if facts.services and name not in facts.services:
            entry.report(key, suggest(name, sorted(facts.services), "service"))
            return None
    return tuple(value)


def _exit(entry: Section, key: str, param: Param, facts: Facts) -> Any:
    if not facts.exits:  # site.exits is itself wrong and reported; do not pile on
        return entry.text(key)
    name = entry.choice(key, sorted(facts.exits), what="exit name")
    if name is not None and len(facts.exits) == 1:
        entry.report(key, f"{name!r} is the only exit; blocking it leaves nobody a way out")
        return None
    return name


def _alarm(entry: Section, key: str, param: Param, facts: Facts) -> Any:
    return entry.choice(key, ALARMS, what="alarm", default=param.default)


def _target(entry: Section, key: str, param: Param, facts: Facts) -> Any:
    value = entry.choice(
        key, ["kiosks", *sorted(facts.neighbors)], what="redirect target", required=param.required
    )
    if value == "kiosks" and facts.kiosks == 0:
        entry.report(key, "the site has no kiosks (site.kiosks is 0), so nobody can be sent there")
        return None
    return value


def _phone(entry: Section, key: str, param: Param, facts: Facts) -> Any:
    value = entry.raw(key, required=param.required)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in EMERGENCY_NUMBERS:
        known = ", ".join(f"{n} ({what})" for n, what in EMERGENCY_NUMBERS.items())
        entry.report(key, f"must be one of {known}, got {show(value)}")
        return None
    return value


def _takes(entry: Section, key: str, param: Param, facts: Facts) -> Any:
    taken = entry.section(key)
    if taken is None:
        return None
    roles = ("guides", "security", "counters")
    taken.allow(roles)
    counts = {role: taken.integer(role, within=">= 0") for role in roles if role in taken.data}
    return {role: count for role, count in counts.items() if count is not None}


_SPECIAL: dict[str, Callable[[Section, str, Param, Facts], Any]] = {
    "scope": _scope,
    "exit": _exit,
    "target": _target,
    "phone": _phone,
    "takes": _takes,
    "alarm": _alarm,
}


def read_table(entry: Section, table: dict[str, Param], facts: Facts) -> dict[str, Any]:
    """Read every key of ``table`` from ``entry``; absent keys without a default are left out."""
    values = {}
    for key, param in table.items():
        special = _SPECIAL.get(param.kind)
        value = special(entry, key, param, facts) if special else entry.read(key, param)
        if value is not None:
            values[key] = value
    return values


def _check_times(entry: Section, values: dict[str, Any], hours: Hours | None) -> None:
    """Every time lies within opening hours; ``until`` may equal closing and follows ``from``."""
    until = values.get("until")
    if until is not None and "from" in values and until <= values["from"]:
        entry.report(
            "until",
            f"must be later than from ({format_clock(values['from'])}), got {format_clock(until)}",
        )
        until = None  # one problem with it is enough
    if hours is None:  # wrong opening hours are reported already
        return
    within = span(hours.open_min, hours.close_min)
    for key in ("at", "from"):
        if key in values and not hours.open_min <= values[key] < hours.close_min:
            entry.report(key, f"{format_clock(values[key])} is outside opening hours {within}")
    if until is not None and not hours.open_min < until <= hours.close_min:
        entry.report("until", f"{format_clock(until)} is outside opening hours {within}")


def read_incidents(document: Section, facts: Facts) -> tuple[Incident, ...]:
    """Validate ``incidents`` and return them (reporting every problem on the way)."""
    incidents = []
    example = ' like {kind: surge, from: "10:00", until: "12:00", factor: 2}'
    for entry in document.items("incidents", example=example):
        kind = entry.choice("kind", INCIDENTS, what="incident kind", required=True)
        if kind is None:
            continue  # without a kind, nothing else in the entry can be judged
        table = INCIDENTS[kind]
        entry.allow(["kind", *INCIDENT_COMMON, *table], what=f"{kind} key")
        values = read_table(entry, {**table, **INCIDENT_COMMON}, facts)
        _check_times(entry, values, facts.hours)
        if kind in EVACUATION_KINDS and values.get("evacuate") is False:
            entry.report("evacuate", f"a {kind} always ends in an evacuation; leave the key out")
        start = values.pop("at", values.pop("from", None))
        end = values.pop("until", None)
        incidents.append(Incident(kind, start, end, values))
    return tuple(incidents)


def _condition(rule: Section) -> Any:
    """Parse ``when:``; a syntax error is reported at its line and column in the file."""
    text = rule.raw("when", required=True)
    if text is None:
        return None
    if not isinstance(text, str):
        rule.report("when", f'must be a condition like "queue >= 25", got {show(text)}')
        return None
    try:
        return parse_condition(text)
    except ConditionSyntaxError as error:
        spot = rule.value_spot("when")
        # The parser counts from the start of the text; the text starts one column after an
        # opening quote. Folded or multi-line text does not map onto columns, so give none
        # (escapes such as \t in double quotes can still shift the column; they are rare here).
        column = None
        if spot.single_line:
            column = spot.column + error.column - 1 + (1 if spot.quoted else 0)
        rule.checker.report(spot.line, rule.path_of("when"), f"{error} in {text!r}", column)
        return None


def read_playbook(document: Section, facts: Facts) -> tuple[PlaybookRule, ...]:
    """Validate ``playbook`` and return its rules (reporting every problem on the way)."""
    rules = []
    example = ' like {when: "queue >= 25", do: open_counters, count: 2}'
    for rule in document.items("playbook", example=example):
        condition = _condition(rule)
        action = rule.choice("do", ACTIONS, what="action", required=True)
        cooldown = rule.number("cooldown_min", within=">= 0")
        note = rule.text("note") or ""
        if action is None:
            continue  # the parameters of an unknown action cannot be judged
        rule.allow([*RULE_KEYS, *ACTIONS[action]], what=f"{action} parameter")
        params = read_table(rule, ACTIONS[action], facts)
        when = str(rule.data.get("when"))
        rules.append(PlaybookRule(when, condition, action, params, cooldown, note))
    return tuple(rules)

"""A scenario as plain, comparable data: what the engine is given, whatever the loader's types.

Used to check that a new loader builds, for every shipped scenario, exactly what the old one
built (``tests/golden/scenarios/*.json`` were written by the loader before the typed models).
Since then they changed once, deliberately: the staff an incident takes and a fire's fighters
are written out in full (``guides: 0``), as the models now hold every default the engine
used to fill in; and again when managers became a post (``managers: 0``) and guides got a
pre-processing rate (``per_guide_per_hour: 30``).
"""

import math
from typing import Any


def _value(value: Any) -> Any:
    """Return ``value`` as JSON data: distributions and mappings as dicts, tuples as lists."""
    if hasattr(value, "model_dump"):  # a typed model (a distribution, staff taken, ...)
        return _value(value.model_dump(exclude_none=True))
    if hasattr(value, "dist") and hasattr(value, "sample"):  # the old Distribution dataclass
        fields = ("mean", "sd", "low", "mode", "high", "value")
        data = {"dist": value.dist, **{f: getattr(value, f) for f in fields}}
        if value.values:
            data["values"] = list(value.values)
        return {key: item for key, item in data.items() if item is not None}
    if isinstance(value, dict):
        return {str(key): _value(item) for key, item in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_value(item) for item in value]
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    return value


def _plain(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: _value(getattr(obj, field)) for field in fields}


def canonical(scenario: Any) -> dict[str, Any]:
    """Return what the engine is given of ``scenario`` (and its variants), as plain data."""
    site, staff, demand, limits = scenario.site, scenario.staff, scenario.demand, scenario.limits
    planned = getattr(site, "floor", None) is not None  # a floor plan: only where one is given
    exit_fields = ("name", "width_m", "distance_m", "approach_m2", *(("wall", "at_m") * planned))
    return {
        "schema": getattr(scenario, "schema_version", None) or scenario.schema,
        "name": scenario.name,
        "language": scenario.language,
        "site": {
            **_plain(site, ("name", "location", "floor_area_m2", "kiosks", "counters")),
            "exits": [_plain(e, exit_fields) for e in site.exits],
            **({"floor": site.floor.model_dump(mode="json")} if planned else {}),
            "neighbors": [
                _plain(n, ("name", "travel_min", "accepts_share")) for n in site.neighbors
            ],
        },
        "hours": [scenario.hours.open_min, scenario.hours.close_min],
        "staff": {
            "counters": [[b.start_min, b.count] for b in staff.counters],
            **_plain(staff, ("fast_lane", "guides", "security")),
            "reserve": [staff.reserve.count, staff.reserve.call_in_min],
        },
        "demand": {
            "arrivals": [[b.start_min, b.per_hour] for b in demand.arrivals],
            "services": [
                _plain(s, ("name", "share", "minutes", "kiosk", "quick")) for s in demand.services
            ],
            **_plain(
                demand,
                ("vip_share", "vulnerable_share", "patience_min", "balk_at_queue", "kiosk_uptake"),
            ),
        },
        "incidents": [_incident(incident) for incident in scenario.incidents],
        "playbook": [_rule(rule) for rule in scenario.playbook],
        "limits": {
            "items": [[i.name, i.metric, i.threshold, i.direction] for i in limits.items],
            **_plain(limits, ("target_share", "wait_min", "vulnerable_wait_min")),
        },
        "egress": _egress(scenario.egress),
        "variants": {name: canonical(v) for name, v in sorted(scenario.variants.items())},
    }


def _incident(incident: Any) -> dict[str, Any]:
    if hasattr(incident, "params"):
        params = dict(incident.params)
    else:
        params = incident.model_dump(exclude_none=True, exclude={"kind", "start_min", "until_min"})
    params = {key: value for key, value in params.items() if value not in (None, "")}
    return {
        "kind": incident.kind,
        "start_min": incident.start_min,
        "end_min": incident.end_min,
        "params": _value(params),
    }


def _rule(rule: Any) -> dict[str, Any]:
    if hasattr(rule, "params"):
        params = dict(rule.params)
    else:
        params = rule.model_dump(
            exclude_none=True, exclude={"when", "do", "cooldown_min", "note", "condition"}
        )
    params = {key: value for key, value in params.items() if value not in (None, "")}
    return {
        "when": rule.when,
        "action": rule.action,
        "params": _value(params),
        "cooldown_min": rule.cooldown_min,
        "note": rule.note,
    }


def _egress(egress: Any) -> dict[str, Any]:
    if hasattr(egress, "premovement_customers_s"):
        customers, staff = egress.premovement_customers_s, egress.premovement_staff_s
    else:
        customers, staff = egress.premovement_s.customers, egress.premovement_s.staff
    return {
        "premovement_customers_s": _value(customers),
        "premovement_staff_s": _value(staff),
        **_plain(
            egress,
            (
                "speed_mps",
                "guided_factor",
                "people_per_guide",
                "familiar_share",
                "position_spread",
                "secure_cash_s",
            ),
        ),
    }

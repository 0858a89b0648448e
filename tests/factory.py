"""Build scenarios in code for engine and metric tests (the YAML loader has its own tests)."""

from simulator.model.conditions import parse_condition
from simulator.model.distributions import Distribution
from simulator.model.scenario import (
    CounterBlock,
    Demand,
    Egress,
    Exit,
    Hours,
    Incident,
    Limit,
    Limits,
    Neighbor,
    PlaybookRule,
    RateBlock,
    Reserve,
    Scenario,
    Service,
    Site,
    Staff,
)

OPEN = 540.0  # 09:00


def exponential(mean: float) -> Distribution:
    return Distribution("exponential", mean=mean)


def fixed(value: float) -> Distribution:
    return Distribution("fixed", value=value)


def hall(
    per_min: float = 1.0,
    counters: int | list[tuple[float, int]] = 2,
    services: list[Service] | None = None,
    hours: float = 8.0,
    arrivals: list[tuple[float, float]] | None = None,
    incidents: tuple[Incident, ...] = (),
    wait_limit: float = 20.0,
    floor_area_m2: float = 200.0,
    playbook: tuple[PlaybookRule, ...] = (),
    reserve: Reserve | None = None,
    neighbors: tuple[Neighbor, ...] = (),
    exits: tuple[Exit, ...] = (Exit("door", 1.8),),
    egress: Egress | None = None,
    limits: tuple[Limit, ...] = (),
    **demand_options,
) -> Scenario:
    """Build a hall open from 09:00; times in ``counters`` and ``arrivals`` count from 09:00."""
    blocks = [(0.0, counters)] if isinstance(counters, int) else counters
    rates = arrivals or [(0.0, per_min)]
    return Scenario(
        schema=1,
        name="test hall",
        language="en",
        site=Site(
            name="test",
            floor_area_m2=floor_area_m2,
            exits=exits,
            kiosks=demand_options.pop("kiosks", 0),
            neighbors=neighbors,
        ),
        hours=Hours(OPEN, OPEN + 60 * hours),
        staff=Staff(
            counters=tuple(CounterBlock(OPEN + start, count) for start, count in blocks),
            fast_lane=demand_options.pop("fast_lane", 0),
            guides=demand_options.pop("guides", 0),
            security=demand_options.pop("security", 0),
            reserve=reserve or Reserve(),
        ),
        demand=Demand(
            arrivals=tuple(RateBlock(OPEN + start, rate * 60) for start, rate in rates),
            services=tuple(services or [Service("any", 1.0, exponential(1.0))]),
            **demand_options,
        ),
        incidents=incidents,
        playbook=playbook,
        limits=Limits(
            items=(Limit("wait_p90_min", "wait_p90_min", wait_limit, "max"), *limits),
            wait_min=wait_limit,
        ),
        egress=egress,
    )


def surge(start: float, end: float, factor: float) -> Incident:
    """Return a surge from ``start`` to ``end`` minutes after opening."""
    return Incident("surge", OPEN + start, OPEN + end, {"factor": factor})


def rule(when: str, action: str, cooldown_min: float | None = None, **params) -> PlaybookRule:
    """Return a playbook rule, as the loader would build it from ``{when: ..., do: ...}``."""
    return PlaybookRule(when, parse_condition(when), action, params, cooldown_min)


def outage(start: float, minutes: float, kind: str = "system_outage", **params) -> Incident:
    """Return an outage of fixed length ``minutes`` starting ``start`` minutes after opening."""
    return Incident(kind, OPEN + start, None, {"duration_min": fixed(minutes), **params})


def staff_incident(kind: str, start: float, minutes: float, **takes) -> Incident:
    """Return an incident that takes staff away for ``minutes`` from ``start`` after opening."""
    params = {"duration_min": fixed(minutes)}
    if takes:
        params["takes"] = takes
    return Incident(kind, OPEN + start, None, params)


def emergency(kind: str, start: float, **params) -> Incident:
    """Return a fire, bomb threat or earthquake ``start`` minutes after opening."""
    return Incident(kind, OPEN + start, None, params)

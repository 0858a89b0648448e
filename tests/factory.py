"""Build scenarios in code for engine and metric tests (the YAML loader has its own tests)."""

from simulator.model.actions import RULES, Rule
from simulator.model.distributions import Distribution, Exponential, Fixed
from simulator.model.incidents import INCIDENTS, Incident, Surge
from simulator.model.scenario import (
    DEFAULT_EGRESS,
    CounterBlock,
    Demand,
    Egress,
    Exit,
    Hours,
    Limit,
    Limits,
    Neighbor,
    RateBlock,
    Reserve,
    Scenario,
    Service,
    Site,
    Staff,
)

OPEN = 540.0  # 09:00
KINDS = {cls.model_fields["kind"].default: cls for cls in INCIDENTS}


def exponential(mean: float) -> Distribution:
    return Exponential(mean=mean)


def fixed(value: float) -> Distribution:
    return Fixed(value=value)


def hall(
    per_min: float = 1.0,
    counters: int | list[tuple[float, int]] = 2,
    services: list[Service] | None = None,
    hours: float = 8.0,
    arrivals: list[tuple[float, float]] | None = None,
    incidents: tuple[Incident, ...] = (),
    wait_limit: float = 20.0,
    floor_area_m2: float = 200.0,
    playbook: tuple[Rule, ...] = (),
    reserve: Reserve | None = None,
    neighbors: tuple[Neighbor, ...] = (),
    exits: tuple[Exit, ...] = (Exit(name="door", width_m=1.8),),
    egress: Egress | None = None,
    limits: tuple[Limit, ...] = (),
    unchecked_staff: bool = False,
    **demand_options,
) -> Scenario:
    """Build a hall open from 09:00; times in ``counters`` and ``arrivals`` count from 09:00.

    ``unchecked_staff`` builds a rota the loader would refuse (a fast lane taking a block's
    only counter): the engine must still cope, as when an incident takes clerks away.
    """
    blocks = [(0.0, counters)] if isinstance(counters, int) else counters
    rates = arrivals or [(0.0, per_min)]
    staff = (Staff.model_construct if unchecked_staff else Staff)(
        counters=tuple(
            CounterBlock(start_min=OPEN + start, count=count) for start, count in blocks
        ),
        fast_lane=demand_options.pop("fast_lane", 0),
        guides=demand_options.pop("guides", 0),
        security=demand_options.pop("security", 0),
        reserve=reserve or Reserve(),
    )
    scenario = Scenario(
        schema_version=1,
        name="test hall",
        language="en",
        site=Site(
            name="test",
            floor_area_m2=floor_area_m2,
            exits=exits,
            kiosks=demand_options.pop("kiosks", 0),
            neighbors=neighbors,
        ),
        hours=Hours(open_min=OPEN, close_min=OPEN + 60 * hours),
        staff=staff if not unchecked_staff else Staff(counters=staff.counters),
        demand=Demand(
            arrivals=tuple(
                RateBlock(start_min=OPEN + start, per_hour=rate * 60) for start, rate in rates
            ),
            services=tuple(services or [Service(name="any", share=1.0, minutes=exponential(1.0))]),
            **demand_options,
        ),
        incidents=incidents,
        playbook=playbook,
        limits=Limits.of((Limit("wait_p90_min", "wait_p90_min", wait_limit, "max"), *limits)),
        egress=egress or DEFAULT_EGRESS,
    )
    return scenario.with_changes(staff=staff) if unchecked_staff else scenario


def surge(start: float, end: float, factor: float) -> Incident:
    """Return a surge from ``start`` to ``end`` minutes after opening."""
    return Surge(start_min=OPEN + start, until_min=OPEN + end, factor=factor)


def rule(when: str, action: str, cooldown_min: float | None = None, **params) -> Rule:
    """Return a playbook rule, as the loader would build it from ``{when: ..., do: ...}``."""
    return RULES[action](when=when, cooldown_min=cooldown_min, **params)


def outage(start: float, minutes: float, kind: str = "system_outage", **params) -> Incident:
    """Return an outage of fixed length ``minutes`` starting ``start`` minutes after opening."""
    return KINDS[kind](start_min=OPEN + start, duration_min=fixed(minutes), **params)


def staff_incident(kind: str, start: float, minutes: float, **takes) -> Incident:
    """Return an incident that takes staff away for ``minutes`` from ``start`` after opening."""
    extra = {"takes": takes} if takes else {}
    return KINDS[kind](start_min=OPEN + start, duration_min=fixed(minutes), **extra)


def emergency(kind: str, start: float, **params) -> Incident:
    """Return a fire, bomb threat or earthquake ``start`` minutes after opening."""
    return KINDS[kind](start_min=OPEN + start, **params)

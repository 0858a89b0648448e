"""The scenario: one hall, its staffing, its demand, incidents, playbook and limits.

These frozen dataclasses are the only thing the engine, metrics and reports know about a scenario
file. Clock times are minutes since midnight; durations are minutes unless a name ends in ``_s``.
They are built by :mod:`simulator.model.load` after validation, so every invariant the validator
checks (shares sum to one, blocks ordered and inside opening hours, ...) can be relied on here.
"""

from dataclasses import dataclass, field
from typing import Any

from simulator.model.conditions import Condition
from simulator.model.distributions import Distribution


@dataclass(frozen=True)
class Exit:
    """A door customers can leave through in an evacuation."""

    name: str
    width_m: float
    distance_m: float | None = None  # mean walk from the floor; None = derived from the area
    approach_m2: float | None = None  # floor in front of it where a queue stands; None = derived


@dataclass(frozen=True)
class Neighbor:
    """A nearby hall customers can be sent to."""

    name: str
    travel_min: float
    accepts_share: float


@dataclass(frozen=True)
class Site:
    """The physical hall."""

    name: str
    floor_area_m2: float
    exits: tuple[Exit, ...]
    location: str = ""
    kiosks: int = 0
    neighbors: tuple[Neighbor, ...] = ()
    counters: int | None = None  # counter positions; None = as many as there are staff


@dataclass(frozen=True)
class Hours:
    """Opening hours; arrivals happen only between them, service goes on until the hall is empty."""

    open_min: float
    close_min: float


@dataclass(frozen=True)
class CounterBlock:
    """From ``start_min`` on (until the next block), ``count`` counters are staffed."""

    start_min: float
    count: int


@dataclass(frozen=True)
class Reserve:
    """Staff who can be called in, and how long they take to arrive."""

    count: int = 0
    call_in_min: float = 0.0


@dataclass(frozen=True)
class Staff:
    """Who works the hall."""

    counters: tuple[CounterBlock, ...]
    fast_lane: int = 0
    guides: int = 0
    security: int = 0
    reserve: Reserve = Reserve()

    def counters_at(self, minute: float) -> int:
        """Return the number of counters the schedule staffs at ``minute``."""
        count = self.counters[0].count
        for block in self.counters:
            if block.start_min <= minute:
                count = block.count
        return count


@dataclass(frozen=True)
class RateBlock:
    """From ``start_min`` on (until the next block), customers arrive at ``per_hour``."""

    start_min: float
    per_hour: float


@dataclass(frozen=True)
class Service:
    """One kind of business a customer comes for."""

    name: str
    share: float
    minutes: Distribution
    kiosk: bool = False
    quick: bool = False


@dataclass(frozen=True)
class Demand:
    """Who comes, when, for what, and how long they are willing to wait."""

    arrivals: tuple[RateBlock, ...]
    services: tuple[Service, ...]
    vip_share: float = 0.0
    vulnerable_share: float = 0.0
    patience_min: Distribution | None = None
    balk_at_queue: int | None = None
    kiosk_uptake: float = 0.5


@dataclass(frozen=True)
class Incident:
    """Something injected into the day: a surge, an outage, a fire, ...

    ``start_min``/``end_min`` come from ``at``/``from``/``until``; the remaining keys of the
    incident, validated against its kind, are in ``params`` (distributions already parsed).
    """

    kind: str
    start_min: float
    end_min: float | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PlaybookRule:
    """When ``condition`` becomes true, do ``action`` with ``params``."""

    when: str
    condition: Condition | None  # None: a decision people took that no rule foresaw
    action: str
    params: dict[str, Any] = field(default_factory=dict)
    cooldown_min: float | None = None
    note: str = ""  # the plan's own wording, quoted in briefs


@dataclass(frozen=True)
class Limit:
    """A threshold on one metric: ``max`` limits must not be exceeded, ``min`` must be reached."""

    name: str
    metric: str
    threshold: float
    direction: str  # "max" or "min"

    def held_by(self, value: float) -> bool:
        """Return whether one replication's metric value keeps this limit (NaN never does)."""
        if value != value:  # NaN: the metric was undefined, e.g. nobody was served
            return False
        return value <= self.threshold if self.direction == "max" else value >= self.threshold


@dataclass(frozen=True)
class Limits:
    """The limits a plan must keep, and in what share of replications it must keep them."""

    items: tuple[Limit, ...]
    target_share: float = 0.9
    wait_min: float = 20.0
    vulnerable_wait_min: float | None = None


@dataclass(frozen=True)
class Egress:
    """How people leave the hall in an evacuation (see :mod:`simulator.engine.egress`).

    Defaults are documented in :mod:`simulator.model.egress_keys`, where they are read.
    """

    premovement_customers_s: Distribution
    premovement_staff_s: Distribution
    speed_mps: Distribution
    guided_factor: float  # customers' pre-movement is multiplied by this when guided
    people_per_guide: int  # customers one guide on the floor can direct
    familiar_share: float  # unguided customers who head for the main door they came in by
    position_spread: float  # how far a person's distance to an exit varies around its mean
    secure_cash_s: Distribution  # clerks lock cash away before they leave


@dataclass(frozen=True)
class Scenario:
    """A validated scenario file."""

    schema: int
    name: str
    language: str
    site: Site
    hours: Hours
    staff: Staff
    demand: Demand
    incidents: tuple[Incident, ...] = ()
    playbook: tuple[PlaybookRule, ...] = ()
    limits: Limits = Limits(items=())
    egress: Egress | None = None  # None only for scenarios built in code without one
    variants: dict[str, "Scenario"] = field(default_factory=dict)
    source: str = "<memory>"
    sha256: str = ""

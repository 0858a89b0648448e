"""The customers of one simulated day, drawn before the day is played.

Arrivals are a non-homogeneous Poisson process sampled by thinning (Lewis & Shedler, 1979):
candidates at the peak rate, each kept with probability rate(t) / peak, so a surge of any length,
however short, is represented exactly. Every customer's attributes (service, priority, kiosk choice,
service time, patience) are drawn here as arrays, a fixed number of draws per customer from its own
stream, so the same replication shows the same customers to every plan variant.
"""

from dataclasses import dataclass

import numpy as np

from simulator.engine.streams import Streams
from simulator.model.actions import ExtendHours
from simulator.model.incidents import Surge
from simulator.model.scenario import Scenario

VIP, VULNERABLE, REGULAR = 0, 1, 2


@dataclass(frozen=True)
class RateProfile:
    """Piecewise-constant arrival rate: ``per_minute[k]`` holds from ``starts[k]`` on."""

    starts: np.ndarray
    per_minute: np.ndarray
    close_min: float

    def at(self, minutes: np.ndarray) -> np.ndarray:
        """Return the rate (customers per minute) at each time in ``minutes``."""
        return self.per_minute[np.searchsorted(self.starts, minutes, side="right") - 1]

    def expected_arrivals(self) -> float:
        """Return the integral of the rate over the opening hours."""
        ends = np.append(self.starts[1:], self.close_min)
        return float(np.sum(self.per_minute * (ends - self.starts)))


SURGE_PURPOSE = 0  # a surge's sub-stream of "incidents" (index, purpose): its start delay


def surge_times(
    scenario: Scenario, streams: Streams | None = None
) -> dict[int, tuple[float, float]]:
    """Return each surge's (start, end) on the day of ``streams``, by incident index.

    A surge with ``start_delay_min`` starts that much later, drawn from its own sub-stream (so
    every plan variant sees the same surge), keeping its length, and ends by closing. Without
    ``streams`` (the Erlang estimate) every surge is where the scenario writes it.
    """
    close = scenario.hours.close_min
    times = {}
    for index, incident in enumerate(scenario.incidents):
        if not isinstance(incident, Surge):
            continue
        delay = 0.0
        if incident.start_delay_min is not None and streams is not None:
            rng = streams.generator("incidents", index, SURGE_PURPOSE)
            delay = max(float(incident.start_delay_min.sample(rng, 1)[0]), 0.0)
        start = min(incident.start_min + delay, close)
        times[index] = (start, min(incident.until_min + delay, close))
    return times


def rate_profile(
    scenario: Scenario, surges: dict[int, tuple[float, float]] | None = None
) -> RateProfile:
    """Combine the arrival blocks with every ``surge`` incident's factor (at ``surges``' times)."""
    times = surges if surges is not None else surge_times(scenario)
    factors = [
        (times[index], incident.factor)
        for index, incident in enumerate(scenario.incidents)
        if isinstance(incident, Surge) and index in times
    ]
    close = scenario.hours.close_min
    breaks = {block.start_min for block in scenario.demand.arrivals}
    for (start, until), _factor in factors:
        breaks.update(t for t in (start, until) if t < close)
    starts = np.array(sorted(breaks))
    blocks = scenario.demand.arrivals
    block_starts = np.array([block.start_min for block in blocks])
    base = np.array([block.per_hour / 60.0 for block in blocks])
    rates = base[np.searchsorted(block_starts, starts, side="right") - 1]
    for (start, until), factor in factors:
        inside = (starts >= start) & (starts < until)
        rates[inside] *= factor
    return RateProfile(starts=starts, per_minute=rates, close_min=close)


def thin_arrivals(profile: RateProfile, rng: np.random.Generator) -> np.ndarray:
    """Sample arrival times in [first start, close) by thinning a peak-rate Poisson process."""
    peak = float(profile.per_minute.max())
    open_min = float(profile.starts[0])
    length = profile.close_min - open_min
    if peak <= 0.0:
        return np.empty(0)
    candidates = np.sort(rng.uniform(open_min, profile.close_min, rng.poisson(peak * length)))
    keep = rng.random(candidates.size) * peak < profile.at(candidates)
    return candidates[keep]


@dataclass(frozen=True)
class Customers:
    """Arrays indexed by customer number (which is arrival order)."""

    arrival: np.ndarray
    service: np.ndarray  # index into scenario.demand.services
    priority: np.ndarray  # VIP, VULNERABLE or REGULAR
    uses_kiosk: np.ndarray  # bool
    quick: np.ndarray  # bool: may use a fast-lane counter
    service_minutes: np.ndarray
    patience: np.ndarray  # minutes; inf when nobody abandons
    kiosk_ok: np.ndarray  # bool: the service can be done at a kiosk
    routing: np.ndarray  # one uniform each, for playbook decisions such as redirecting
    callback: np.ndarray  # one uniform each: leaves a phone number during an outage if < share


def after_hours(scenario: Scenario, profile: RateProfile, rng: np.random.Generator) -> np.ndarray:
    """Sample who would come after closing, for as long as the playbook could extend the hours.

    The last block's rate goes on past closing; these customers only come in if an
    ``extend_hours`` action has kept the doors open (the engine turns none of them away: for a
    closed hall they simply never arrive).
    """
    extension = max(
        (rule.minutes for rule in scenario.playbook if isinstance(rule, ExtendHours)),
        default=0.0,
    )
    rate = float(profile.per_minute[-1])
    if extension <= 0 or rate <= 0:
        return np.empty(0)
    close = profile.close_min
    return np.sort(rng.uniform(close, close + extension, rng.poisson(rate * extension)))


def draw_customers(scenario: Scenario, streams: Streams) -> Customers:
    """Draw one day's customers for ``scenario`` from ``streams``.

    Customers are drawn in arrival order and each source fills its arrays in that order, so the
    after-hours customers of an ``extend_hours`` rule, appended last from a sub-stream of their
    own, leave every other customer exactly as it would be without them.
    """
    demand = scenario.demand
    profile = rate_profile(scenario, surge_times(scenario, streams))
    arrival = thin_arrivals(profile, streams.generator("arrivals"))
    arrival = np.append(arrival, after_hours(scenario, profile, streams.generator("arrivals", 1)))
    count = arrival.size

    # Three uniforms per customer, always, so adding kiosks or VIPs never shifts other draws.
    uniforms = streams.generator("customers").random((count, 3))
    shares = np.cumsum([service.share for service in demand.services])
    service = np.minimum(np.searchsorted(shares, uniforms[:, 0], side="right"), len(shares) - 1)
    priority = np.full(count, REGULAR, dtype=np.int8)
    priority[uniforms[:, 1] < demand.vip_share + demand.vulnerable_share] = VULNERABLE
    priority[uniforms[:, 1] < demand.vip_share] = VIP
    kiosk_ok = np.array([s.kiosk for s in demand.services], dtype=bool)[service]
    uses_kiosk = kiosk_ok & (uniforms[:, 2] < demand.kiosk_uptake) & (scenario.site.kiosks > 0)
    quick = np.array([s.quick for s in demand.services], dtype=bool)[service]

    # One stream and one full-length draw per service type: customer i of type k takes draw i.
    service_minutes = np.empty(count)
    for index, spec in enumerate(demand.services):
        draws = spec.minutes.sample(streams.generator("services", index), count)
        mine = service == index
        service_minutes[mine] = draws[mine]

    if demand.patience_min is None:
        patience = np.full(count, np.inf)
    else:
        patience = demand.patience_min.sample(streams.generator("patience"), count)
    # Its own stream: whether the playbook redirects anyone never shifts the other draws.
    routing = streams.generator("routing").random(count)
    callback = streams.generator("callbacks").random(count)
    return Customers(
        arrival,
        service,
        priority,
        uses_kiosk,
        quick,
        service_minutes,
        patience,
        kiosk_ok,
        routing,
        callback,
    )


class OutsidePatience:
    """How long each customer would wait outside a held door, drawn on first need.

    Drawn for every customer at once from the ``outside`` stream the first time anybody is
    held outside, so customer *i* has the same patience in every plan variant, and a day on
    which nobody is held costs nothing.
    """

    def __init__(self, scenario: Scenario, streams: Streams, count: int):
        demand = scenario.demand
        self._distribution = demand.outside_patience_min or demand.patience_min
        self._streams, self._count = streams, count
        self._drawn: list[float] | None = None

    def of(self, customer: int) -> float:
        """Return how many minutes ``customer`` waits outside before going (inf: until closing)."""
        if self._distribution is None:
            return np.inf
        if self._drawn is None:
            rng = self._streams.generator("outside")
            self._drawn = self._distribution.sample(rng, self._count).tolist()
        return self._drawn[customer]

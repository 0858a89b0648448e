"""Egress: how long everyone in the hall takes to get out, by the SFPE hydraulic model.

When the alarm sounds, each person in the hall (customers in the queue, at counters and kiosks,
and the staff) goes through three phases:

1. **Pre-movement**: a lognormal time per group (customers, staff) before they start to move.
   Guides on the floor shorten customers' pre-movement (``guided_factor``); staff who fight the
   fire or lock the cash away start later (``extra_delay_s``).
2. **Walking** to the chosen exit at their free speed, slowed by crowd density per SFPE:
   S = 1.40·(1 − 0.266·D) m/s for 0.54 ≤ D ≤ 3.8 persons/m² (nobody walks faster than their free
   speed; below 0.54 persons/m² density does not slow anyone).
3. **The door**: each exit is a first-come-first-served queue. ``egress.flow: design`` (the
   default, a conservative assessment) lets people through at SFPE's 1.3 persons/s per metre of
   effective width (width − 0.30 m); ``measured`` at the 1.6 persons/s per metre of clear width
   of bottleneck experiments; a number at that many persons/s per metre of clear width (a
   hall's own stopwatch). A door passes one person every headway, never faster. Where streams
   merge at a door they pass in the order they reach it (first come, first served), so a
   late, slow walker never holds back those already at the door. Vulnerable customers walk at
   ``vulnerable_speed_factor`` of their drawn speed.

Exit choice: blocked exits are out. With a floor plan (``site.floor``, :mod:`.floor`) each
person stands somewhere, and everyone takes the exit they expect to leave by first — walk plus
the wait at the door. Staff, and customers a guide directs (a guide sees who is heading
where), count the queue of everyone who set off before them; an unguided customer sees only
the people standing at each door as they set off, and counts the main door they came in by
``familiarity_bonus_s`` nearer. One who then finds their door's queue will hold them more than
``reroute_wait_s`` walks on to another exit if that gets them out sooner. Whoever must cross
the counter line queues at its passage as at a door, and counts that queue in choosing.
Without a floor plan, staff and guided customers choose so (a guide sends people to a free
exit); other customers head for the main door (``familiar_share`` of them) or else the
nearest exit by each exit's mean distance.

This is deterministic queueing once the random draws are made, so it is computed directly, not
as SimPy processes: each door is the recursion out_k = max(arrive_k, out_(k−1)) + headway, which
numpy evaluates for a whole door at once. A 300-person evacuation costs about a millisecond.

Density depends on how many are still inside, which depends on everyone's speed: the first pass
takes the density at the alarm for everyone, the second the density each person meets when they
start to walk, read off the first pass (one fixed-point step; a further step moves the result by
well under a second in the shipped scenarios).
"""

import math
from dataclasses import dataclass

import numpy as np

from simulator.engine.assistance import plan_escorts, set_off
from simulator.engine.exit_choice import PassageWalk, choose_exits, rerouted
from simulator.engine.floor import (
    Legs,
    Spot,
    door_segments,
    door_to_door,
    layout,
    legs_to_doors,
    positions,
)
from simulator.engine.intervals import peak_level
from simulator.engine.streams import Streams
from simulator.model.floor_plan import Floor
from simulator.model.hall import Site
from simulator.model.scenario import Egress, Exit

CUSTOMER, STAFF = 0, 1

DOOR_FLOW_PER_M = 1.3  # persons per second per metre of effective width (SFPE)
BOUNDARY_LAYER_M = 0.3  # effective width = width − 0.3 m (0.15 m each side)
# Specific flow through a bottleneck as measured in experiments, per metre of clear width:
# 1.6–1.9 persons/(m·s) in Seyfried et al., "New insights into pedestrian flow through
# bottlenecks", Transportation Science 43(3), 2009, 395–406, and the studies it reviews; drill
# takes the low end, an assessment's side of the range. JuPedSim's collision-free speed model
# passes 1.2–1.3 with its default time gap (1 s) and 1.5–1.7 with one of 0.6 s
# (benchmarks/egress_vs_microscopic.py). Neither this nor SFPE's conservative design figure is
# wrong; the brief says which one a run used.
MEASURED_FLOW_PER_M = 1.6
SPEED_K, SPEED_A = 1.40, 0.266  # S = k·(1 − a·D), SFPE, for doorway-free level floors
SLOWING_DENSITY, JAM_DENSITY = 0.54, 3.8  # persons/m² where density starts to slow / stops
CRAWL_SPEED = 0.1  # m/s: in a jam people still shuffle forward; keeps times finite
APPROACH_DEPTH_M = 2.0  # the queue in front of a door: a half-disc this far beyond the jambs
# Fruin: around 7 persons/m² a crowd becomes a fluid mass; nobody stands denser than that.
MAX_DENSITY = 7.0


def door_headway_s(width_m: float, flow: str | float = "design") -> float:
    """Return the seconds between two people passing a door of ``width_m``.

    ``flow``: ``design`` (SFPE, per metre of effective width), ``measured`` (bottleneck
    experiments, per metre of clear width) or persons/s per metre of clear width.
    """
    if flow == "design":
        return 1.0 / (DOOR_FLOW_PER_M * (width_m - BOUNDARY_LAYER_M))
    per_m = MEASURED_FLOW_PER_M if flow == "measured" else float(flow)
    return 1.0 / (per_m * width_m)


def sfpe_speed(density: np.ndarray | float) -> np.ndarray:
    """Return the SFPE walking speed (m/s) at ``density`` persons/m² (inf below 0.54: free)."""
    density = np.asarray(density, dtype=float)
    slowed = SPEED_K * (1 - SPEED_A * np.minimum(density, JAM_DENSITY))
    return np.where(density < SLOWING_DENSITY, np.inf, np.maximum(slowed, CRAWL_SPEED))


def default_distance_m(floor_area_m2: float) -> float:
    """Return the mean straight-line distance from a square floor to the middle of one wall.

    The wall's midpoint splits the square into two halves of which it is a corner, so this is
    the mean distance to a corner of a ½ × 1 rectangle: 0.5932 × the side of the square.
    """
    return _mean_corner_distance(0.5, 1.0) * math.sqrt(floor_area_m2)


def _mean_corner_distance(a: float, b: float) -> float:
    """Return the mean distance from a uniform point of an a×b rectangle to one of its corners."""
    d = math.hypot(a, b)
    return (2 * a * b * d + a**3 * math.log((b + d) / a) + b**3 * math.log((a + d) / b)) / (
        6 * a * b
    )


def approach_area_m2(exit_: Exit, floor_area_m2: float) -> float:
    """Return the floor in front of ``exit_`` where its queue stands (m²)."""
    if exit_.approach_m2 is not None:
        return exit_.approach_m2
    return queue_area_m2(exit_.width_m, floor_area_m2)


def queue_area_m2(width_m: float, floor_area_m2: float) -> float:
    """Return the half-disc :data:`APPROACH_DEPTH_M` beyond an opening's jambs (m²)."""
    radius = width_m / 2 + APPROACH_DEPTH_M
    return min(math.pi * radius**2 / 2, floor_area_m2)


@dataclass(frozen=True)
class EgressResult:
    """One evacuation: per person (in the order given) and per exit."""

    group: np.ndarray  # CUSTOMER or STAFF
    premovement_s: np.ndarray  # from the alarm until they start to walk (including delays)
    exit_index: np.ndarray  # the exit each person left by
    out_s: np.ndarray  # from the alarm until they passed the exit
    exit_peak_queue: np.ndarray  # per exit: most people queuing in front of it at once
    exit_peak_density: np.ndarray  # per exit: that queue over its approach area; NaN if blocked
    escorted: np.ndarray  # who could not leave alone and was taken out by staff
    passage_s: np.ndarray  # when each passed the counter passage; NaN: did not
    passage_peak_density: float = math.nan  # its queue at its fullest over its approach area

    @property
    def total_s(self) -> float:
        """Return the time from the alarm until the last person was out (0 if nobody was in)."""
        return float(self.out_s.max()) if self.out_s.size else 0.0


class _Draws:
    """The random quantities of one evacuation, each from its own stream (see below)."""

    def __init__(self, streams: Streams, people: int, exits: int, egress: Egress):
        # One sub-stream per quantity, so the quantities do not shift one another. Draws follow
        # the order of the people given (customers by arrival, then staff): with one more
        # customer inside, the staff's draws move along by one.
        def generator(purpose: int) -> np.random.Generator:
            return streams.generator("egress", purpose)

        self.premovement_customers = egress.premovement_s.customers.sample(generator(0), people)
        self.premovement_staff = egress.premovement_s.staff.sample(generator(1), people)
        self.speed = egress.speed_mps.sample(generator(2), people)
        self.position = generator(3).uniform(-1.0, 1.0, (people, exits))
        self.familiar = generator(4).uniform(size=people)
        self.guided = generator(5).uniform(size=people)
        # 6 is the clerks' cash (simulator.engine.evacuation); 7 where people stand on a plan;
        # 8 the study's vulnerable customers (simulator.analysis.egress_study).
        self.place = generator(7).uniform(size=(people, 2))
        self.needs_help = generator(9).uniform(size=people)
        self.help_s = egress.help_s.sample(generator(10), people)


def evacuate(
    group: np.ndarray,
    extra_delay_s: np.ndarray,
    guides_on_floor: int,
    exits: tuple[Exit, ...],
    blocked: frozenset[str],
    floor_area_m2: float,
    egress: Egress,
    streams: Streams,
    floor: Floor | None = None,
    slow: np.ndarray | None = None,
    spot: np.ndarray | None = None,
) -> EgressResult:
    """Evacuate the people described by ``group`` (CUSTOMER/STAFF) and ``extra_delay_s``.

    ``exits`` are the site's exits, the first being the main door; ``blocked`` names those
    nobody can use. Times are in seconds from the alarm. With a ``floor`` plan, each person's
    distances come from where they stand and everyone picks the exit they expect to leave by
    first (unguided customers with a bonus for the main door); without one, from each exit's
    mean distance, and unguided customers head for the main door or the nearest exit.
    ``slow`` marks the vulnerable customers, who walk at ``vulnerable_speed_factor`` of their
    drawn speed; ``spot``, on a floor plan, where each stands (:class:`~.floor.Spot`;
    default: customers anywhere on the public floor, staff behind the counter line).
    """
    people = group.size
    draws = _Draws(streams, people, len(exits), egress)
    customers = group == CUSTOMER
    premovement = np.where(customers, draws.premovement_customers, draws.premovement_staff)
    covered = guides_on_floor * egress.people_per_guide
    guided_share = min(1.0, covered / max(int(customers.sum()), 1))
    guided = customers & (draws.guided < guided_share)
    premovement = premovement * np.where(guided, egress.guided_factor, 1.0) + extra_delay_s

    speed_factor = np.where(slow, egress.vulnerable_speed_factor, 1.0) if slow is not None else 1.0
    free_speed = np.maximum(draws.speed * speed_factor, CRAWL_SPEED)
    headway = np.array([door_headway_s(e.width_m, egress.flow) for e in exits])
    usable = np.array([e.name not in blocked for e in exits])
    if not usable.any():  # the loader refuses this; never let people out through a blocked door
        raise ValueError("every exit is blocked")
    bonus = np.zeros((people, len(exits)))
    if floor is not None:
        if spot is None:
            spot = np.where(customers, Spot.ON_FLOOR, Spot.BEHIND)
        plan = layout(floor, exits[0].wall or "south")
        segments = door_segments(floor, exits)
        legs = legs_to_doors(plan, positions(plan, spot, draws.place), segments)
        distance = legs.total_m
        passage_headway = door_headway_s(floor.counter_passage_width_m, egress.flow)
        # Everyone weighs walk and wait. An unguided customer knows the main door best and
        # sees only the queues standing at the doors as they set off; staff and guided
        # customers (a guide sees who is heading where) also count those still on their way.
        chooses = np.ones(people, dtype=bool)
        to_main = np.zeros(people, dtype=bool)
        bonus[customers & ~guided, 0] = egress.familiarity_bonus_s
        sees_all = ~customers | guided
        # From the door given up to another, around the counter line if it is in the way.
        gaps = door_to_door(plan, segments)  # E × E
    else:
        gaps, legs, passage_headway = None, None, 0.0
        default_distance = default_distance_m(floor_area_m2)
        mean_distance = np.array([e.distance_m or default_distance for e in exits])
        distance = mean_distance * (1 + egress.position_spread * draws.position)
        # Who chooses by the expected wait (staff, guided customers), who goes to the main door.
        chooses = ~customers | guided
        to_main = customers & ~guided & (draws.familiar < egress.familiar_share) & usable[0]
        sees_all = chooses

    # Who cannot leave alone, and which of the staff takes them out (simulator.engine.assistance).
    needs_help = (
        slow & (draws.needs_help < egress.needs_help_share)
        if slow is not None and egress.needs_help_share > 0
        else np.zeros(people, dtype=bool)
    )
    escorts = plan_escorts(needs_help, ~customers, premovement, spot, draws.help_s)
    passage_s = np.full(people, np.nan)  # when each passed the counter passage (NaN: did not)
    passage_queue = 0  # the most people queuing at it at once
    follows = np.full(people, -1)
    own_speed = free_speed.copy()
    last: tuple[np.ndarray, np.ndarray] | None = None
    for trip in range(max(escorts.trips, 1)):
        if escorts.trips:
            for needy, helper in set_off(
                escorts, trip, premovement, distance, free_speed, own_speed, follows, last
            ):
                if legs is not None:
                    legs = legs.with_row(helper, needy)
        density = np.full(people, people / floor_area_m2)  # pass 1: all inside, as at the alarm
        for _ in range(2):
            speed = np.minimum(free_speed, sfpe_speed(density))
            walk = distance / speed[:, None]
            crossing = None
            if legs is not None and legs.crosses.any():
                to_s, from_s = (
                    legs.to_passage_m / speed[:, None],
                    legs.from_passage_m / speed[:, None],
                )
                crossing = PassageWalk(legs.crosses, to_s, from_s, passage_headway)
            chosen = choose_exits(
                premovement,
                walk,
                headway,
                usable,
                chooses,
                to_main,
                bonus,
                sees_all,
                follows,
                crossing,
            )
            arrive = premovement + walk[np.arange(people), chosen]
            if legs is not None and legs.crosses.any():
                arrive, passage_s, passage_queue = _through_passage(
                    premovement, speed, legs, chosen, passage_headway
                )
            if gaps is None:
                out = _through_doors(arrive, chosen, headway)
            else:
                walks = gaps / speed[:, None, None]
                chosen, arrive, out = rerouted(
                    arrive, chosen, headway, usable, walks, egress.reroute_wait_s, follows
                )
            # Pass 2: the density each person meets as they start to walk, from pass 1.
            still_inside = people - np.searchsorted(np.sort(out), premovement, side="right")
            density = still_inside / floor_area_m2
        last = (out, chosen)

    peak_queue = np.zeros(len(exits), dtype=int)
    for index in range(len(exits)):
        at_door = chosen == index
        peak_queue[index] = peak_level(arrive[at_door], out[at_door])
    areas = np.array([approach_area_m2(e, floor_area_m2) for e in exits])
    peak_density = np.minimum(peak_queue / areas, MAX_DENSITY)
    peak_density[~usable] = np.nan  # a blocked exit has no crowd: it is not an exit that day
    escorted = escorts.escorted(people)
    passage_density = math.nan
    if floor is not None and floor.counter_passage_at_m is not None:
        # Its queue stands in a half-disc before the opening, as at a door of its width.
        passage_area = queue_area_m2(floor.counter_passage_width_m, floor_area_m2)
        passage_density = min(passage_queue / passage_area, MAX_DENSITY)
    return EgressResult(
        group,
        premovement,
        chosen,
        out,
        peak_queue,
        peak_density,
        escorted,
        passage_s,
        passage_density,
    )


@dataclass(frozen=True)
class Occupants:
    """Who is inside at the alarm, in order: customers first, then staff."""

    group: np.ndarray  # CUSTOMER or STAFF
    extra_delay_s: np.ndarray  # staff's own delays (cash, fire fighting) before they move
    slow: np.ndarray  # vulnerable customers, who walk slower
    spot: np.ndarray  # on a floor plan: where each stands (simulator.engine.floor.Spot)


def evacuate_site(
    occupants: Occupants,
    guides_on_floor: int,
    site: Site,
    blocked: frozenset[str],
    egress: Egress,
    streams: Streams,
) -> EgressResult:
    """Evacuate ``occupants`` from ``site`` (its exits, floor area and any floor plan)."""
    return evacuate(
        occupants.group,
        occupants.extra_delay_s,
        guides_on_floor,
        site.exits,
        blocked,
        site.floor_area_m2,
        egress,
        streams,
        site.floor,
        occupants.slow,
        occupants.spot,
    )


def _through_passage(
    premovement: np.ndarray, speed: np.ndarray, legs: Legs, chosen: np.ndarray, headway: float
) -> tuple[np.ndarray, np.ndarray, int]:
    """Return arrivals at the doors, passing times at the passage (or NaN) and its peak queue.

    Those crossing the counter line queue at its passage on the way: first come, first served,
    one every ``headway``, as at a door.
    """
    people = np.arange(chosen.size)
    arrive = premovement + legs.total_m[people, chosen] / speed
    crossing = legs.crosses[people, chosen]
    passed = np.full(chosen.size, np.nan)
    if crossing.any():
        at_passage = premovement + legs.to_passage_m[people, chosen] / speed
        through = _through_doors(
            at_passage[crossing], np.zeros(int(crossing.sum()), dtype=int), np.array([headway])
        )
        on_from = legs.from_passage_m[people, chosen] / speed
        arrive[crossing] = through + on_from[crossing]
        passed[crossing] = through
        return arrive, passed, peak_level(at_passage[crossing], through)
    return arrive, passed, 0


def _through_doors(arrive: np.ndarray, chosen: np.ndarray, headway: np.ndarray) -> np.ndarray:
    """Return when each person passes their door: FCFS, one every ``headway`` s per door.

    out_k = max(arrive_k, out_(k−1)) + h unrolls to out_k = (k + 1)·h + max_(j≤k)(arrive_j − j·h)
    for the k-th arrival at a door (k from 0), a running maximum numpy computes in one call.
    """
    out = np.empty_like(arrive)
    for index, h in enumerate(headway):
        people = np.flatnonzero(chosen == index)
        if people.size == 0:
            continue
        order = people[np.argsort(arrive[people], kind="stable")]
        steps = np.arange(order.size)
        out[order] = (steps + 1) * h + np.maximum.accumulate(arrive[order] - steps * h)
    return out

"""An egress-only study (``drill evacuate``): N people in the hall, evacuated R times.

A safety officer asks "what if 300 people are inside?", which a simulated day rarely answers:
its occupants are whoever the day left in the hall at the alarm. Here the hall holds a chosen
number of people from the alarm on — the staff of the opening hour (clerks, guides, guards) and
customers for the rest — and only the evacuation is played, each time with its own draws of
pre-movement, speeds and, on a floor plan, positions. The exits named blocked (``--blocked``:
smoke at the main door, a fire exit locked) are out of use in every repetition; no other is.

Without ``--occupants`` the number is the design occupant load of the public floor: its area
over :data:`DESIGN_SPACE_M2`, NFPA 101's occupant load factor for a mercantile street floor
(30 ft² gross per person, Table 7.3.1.2), the use a service hall's public floor resembles most.
"""

import math
from dataclasses import dataclass

import numpy as np

from simulator.engine.egress import CUSTOMER, STAFF, EgressResult, Occupants, evacuate_site
from simulator.engine.floor import Spot
from simulator.engine.streams import Streams
from simulator.metrics.evacuation import CURVE_STEP_S, exit_table
from simulator.model.scenario import Scenario

DESIGN_SPACE_M2 = 30 * 0.3048**2  # 2.79 m² a person (NFPA 101, mercantile, street floor)
SECURE_CASH_STREAM = 6  # the clerks' cash, as in a simulated day (simulator.engine.evacuation)
VULNERABLE_STREAM = 8  # which customers are elderly, disabled or pregnant
MOST_OCCUPANTS = 100_000


def design_occupants(scenario: Scenario) -> int:
    """Return the design occupant load of the hall's public floor (at least its staff)."""
    return max(math.ceil(scenario.site.floor_area_m2 / DESIGN_SPACE_M2), 1)


@dataclass(frozen=True)
class EgressStudy:
    """The evacuations of an egress-only study, one :class:`EgressResult` a repetition."""

    scenario: Scenario
    occupants: int
    staff: int
    seed: int
    results: tuple[EgressResult, ...]
    # The same people and draws at the other door flow (design ↔ measured), as ``drill run``
    # does: when the two differ little, the slowest starters, not the doors, set the time.
    other_totals_s: np.ndarray
    blocked: frozenset[str] = frozenset()  # exits out of use in every repetition

    @property
    def other_flow(self) -> str:
        """Return the door flow the other evacuations used: ``design`` or ``measured``."""
        return "measured" if self.scenario.egress.flow == "design" else "design"

    @property
    def totals_s(self) -> np.ndarray:
        """Return each evacuation's time from the alarm until the last person was out."""
        return np.array([result.total_s for result in self.results])

    def exit_tables(self) -> np.ndarray:
        """Return per evacuation and exit: people, mean flow (persons/s), last out (s)."""
        exits = len(self.scenario.site.exits)
        return np.stack([exit_table(r.out_s, r.exit_index, exits) for r in self.results])

    def inside(self, seconds: np.ndarray) -> np.ndarray:
        """Return people still inside (repetitions × seconds) and, per exit, those bound for it.

        The result is repetitions × (1 + exits) × seconds: the whole hall first.
        """
        exits = len(self.scenario.site.exits)
        table = np.zeros((len(self.results), 1 + exits, seconds.size))
        for row, result in enumerate(self.results):
            for column, chosen in enumerate([None, *range(exits)]):
                out = result.out_s if chosen is None else result.out_s[result.exit_index == chosen]
                table[row, column] = out.size - np.searchsorted(np.sort(out), seconds, "right")
        return table

    def curve_seconds(self) -> np.ndarray:
        """Return the times (s after the alarm) the curves are read at: until all are out."""
        last = float(self.totals_s.max()) if self.results else 0.0
        return np.arange(0, last + 2 * CURVE_STEP_S, CURVE_STEP_S, dtype=float)


def study_evacuation(
    scenario: Scenario,
    occupants: int | None,
    repetitions: int,
    seed: int,
    blocked: frozenset[str] = frozenset(),
) -> EgressStudy:
    """Evacuate ``occupants`` (default: the design load) from the hall ``repetitions`` times.

    ``blocked`` names exits nobody can use (the caller checks they are the hall's, not all).
    """
    people = design_occupants(scenario) if occupants is None else occupants
    staff_plan = scenario.staff
    clerks = staff_plan.counters_at(scenario.hours.open_min)
    floor_staff = staff_plan.guides + staff_plan.security
    staff = min(clerks + floor_staff, people)
    customers = people - staff
    clerks = min(clerks, staff)
    group = np.concatenate([np.full(customers, CUSTOMER), np.full(staff, STAFF)]).astype(np.int8)
    guides = min(staff_plan.guides, max(staff - clerks, 0))
    egress = scenario.egress
    # A customer at each staffed counter and each kiosk, the rest waiting; clerks behind the
    # counter line; guides and guards anywhere on the public floor.
    at_counters = min(clerks, customers)
    at_kiosks = min(scenario.site.kiosks, customers - at_counters)
    spot = np.concatenate(
        [
            np.full(at_counters, Spot.AT_COUNTER),
            np.full(at_kiosks, Spot.AT_KIOSK),
            np.full(customers - at_counters - at_kiosks, Spot.WAITING),
            np.full(clerks, Spot.BEHIND),
            np.full(staff - clerks, Spot.ON_FLOOR),
        ]
    ).astype(np.int8)
    results, others = [], []
    other_flow = "measured" if egress.flow == "design" else "design"
    for repetition in range(repetitions):
        streams = Streams(seed, repetition)
        cash = egress.secure_cash_s.sample(streams.generator("egress", SECURE_CASH_STREAM), clerks)
        delays = np.concatenate([np.zeros(customers), cash, np.zeros(staff - clerks)])
        draw = streams.generator("egress", VULNERABLE_STREAM).uniform(size=customers)
        slow = np.concatenate([draw < scenario.demand.vulnerable_share, np.zeros(staff, bool)])
        inside = Occupants(group, delays, slow, spot)
        results.append(evacuate_site(inside, guides, scenario.site, blocked, egress, streams))
        other = egress.model_copy(update={"flow": other_flow})
        others.append(evacuate_site(inside, guides, scenario.site, blocked, other, streams).total_s)
    return EgressStudy(
        scenario, people, staff, seed, tuple(results), np.array(others), frozenset(blocked)
    )

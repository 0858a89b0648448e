"""The cheapest shifts that cover a requirement per block: an integer program (``drill roster``).

A **pattern** is one way to work a shift template: a start time from its window and, if it has
a break, a break start from the break window, on the block grid. A person on a pattern covers a
block when they are at their post for the whole of it (a shift starting mid-block, or a break
touching it, does not count: the cover is never overstated).

The program, for one role (clerks, guides or guards), with ``x_p`` people on pattern ``p``:

    minimise   Σ cost_p·x_p + PENALTY·Σ short_b + SMOOTH·Σ |cover_b − cover_b+1|
    such that  cover_b = Σ a_bp·x_p,   serve_b + short_b ≥ required_b   (every block b)
               serve_b ≤ min(cover_b, positions)  (clerks at counters: never more than there are)
               Σ x_p ≤ available                    (the people there are)
               Σ_part-time x_p ≤ share·Σ x_p        (the most part-time work)
               x_p ≥ 0 integer,  short_b ≥ 0

``short_b`` makes it always solvable: when the people or the positions cannot meet a block's
requirement, the solution says by how much (the shortfall) and is the best roster there is.
The penalty outweighs any roster's cost, so a shortfall is only ever what cannot be helped; the
smoothing term, far below the cost of an hour, picks among equally cheap rosters the one whose
cover changes least from block to block. Solved by HiGHS through :func:`scipy.optimize.milp`.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from simulator.model.roster import ShiftRules, ShiftTemplate

SMOOTH = 1e-3  # per counter of change between blocks, in cost units (hours when unpriced)
TIME_LIMIT_S = 30.0


class ShiftsError(ValueError):
    """The shift rules allow no pattern at all for a role (no template fits the day)."""


@dataclass(frozen=True)
class Pattern:
    """One way to work a template: its start, its break, and the blocks it covers."""

    template: ShiftTemplate
    start_min: float
    break_min: float | None  # when its break starts (None: no break)
    cover: np.ndarray  # per block: 1 if at the post the whole block, else 0

    @property
    def end_min(self) -> float:
        """Return when the shift ends."""
        return self.start_min + self.template.length_h * 60

    @property
    def part_time(self) -> bool:
        """Return whether the template is a part-time one."""
        return self.template.part_time


def patterns(rules: ShiftRules, role: str, edges: np.ndarray) -> list[Pattern]:
    """Return every pattern of the templates ``role`` may work, on the block grid ``edges``."""
    step = float(edges[1] - edges[0]) if edges.size > 1 else 30.0
    starts, ends = edges[:-1], edges[1:]
    found = []
    for template in rules.templates_for(role):
        for start in template.starts():
            end = start + template.length_h * 60
            on_shift = (starts >= start - 1e-9) & (ends <= end + 1e-9)
            rule = template.break_
            if rule is None:
                found.append(Pattern(template, start, None, on_shift.astype(np.int64)))
                continue
            offset = rule.earliest_h * 60
            while offset <= rule.latest_h * 60 + 1e-9:
                pause, resume = start + offset, start + offset + rule.length_min
                away = (starts < resume - 1e-9) & (ends > pause + 1e-9)
                cover = (on_shift & ~away).astype(np.int64)
                found.append(Pattern(template, start, pause, cover))
                offset += step
    if not found:
        raise ShiftsError(f"no shift template may be worked by {role}")
    return found


def pattern_cost(pattern: Pattern, hourly: float) -> float:
    """Return what a pattern costs: its paid hours (break included) at ``hourly`` (1: hours)."""
    return pattern.template.length_h * (hourly if hourly > 0 else 1.0)


@dataclass(frozen=True)
class Cover:
    """The solved cover of one role: people per pattern, the cover per block, what is short."""

    patterns: list[Pattern]
    people: np.ndarray  # per pattern
    cover: np.ndarray  # per block: people at their post the whole block
    short: np.ndarray  # per block: the requirement the roster could not meet
    cost: float
    positions: int | None = None  # clerks beyond these are on shift but at no counter
    optimal: bool = True  # False: the solver's time limit came first (the best found)

    @property
    def headcount(self) -> int:
        """Return how many people the roster has."""
        return int(self.people.sum())

    @property
    def serving(self) -> np.ndarray:
        """Return per block the people who can serve: at most the positions."""
        return self.cover if self.positions is None else np.minimum(self.cover, self.positions)


def solve_cover(
    candidates: list[Pattern],
    required: np.ndarray,
    hourly: float,
    positions: int | None = None,
    available: int | None = None,
    part_time_share: float = 1.0,
) -> Cover:
    """Return the cheapest integer cover of ``required`` (per block) by ``candidates``.

    With ``positions``, only that many of those on shift serve in a block: a shift that covers
    a thin block may also run over a block already at every counter (its extra clerk waits).
    """
    blocks, count = required.size, len(candidates)
    a = np.array([pattern.cover for pattern in candidates], dtype=float).T  # blocks × patterns
    cost = np.array([pattern_cost(pattern, hourly) for pattern in candidates])
    # One more person costs at most the dearest pattern and takes at least one off a block's
    # shortfall: a dearer penalty leaves short only what no one more could cover.
    penalty = 10.0 * float(cost.max(initial=1.0)) + 1.0
    # Variables: x (people per pattern), serve (blocks: clerks at counters), short (blocks),
    # diff (blocks − 1: the change in people on shift between neighbouring blocks).
    gaps = max(blocks - 1, 0)
    c = np.concatenate([cost, np.zeros(blocks), np.full(blocks, penalty), np.full(gaps, SMOOTH)])
    rows, lower, upper = [], [], []
    nothing = np.zeros(count + 2 * blocks + gaps)

    def add(parts: dict[str, tuple[int, np.ndarray | float]], low: float, high: float) -> None:
        row = nothing.copy()
        offsets = {"x": 0, "serve": count, "short": count + blocks, "diff": count + 2 * blocks}
        for name, (index, values) in parts.items():
            start = offsets[name] + index
            width = np.size(values)
            row[start : start + width] = values
        rows.append(row)
        lower.append(low)
        upper.append(high)

    for block in range(blocks):
        # serve ≤ people on shift; serve + short ≥ required (serve ≤ positions: its bound).
        add({"x": (0, a[block]), "serve": (block, -1.0)}, 0.0, np.inf)
        add({"serve": (block, 1.0), "short": (block, 1.0)}, float(required[block]), np.inf)
    for gap in range(gaps):
        for sign in (1.0, -1.0):  # diff ≥ ±(on shift_b − on shift_b+1)
            add({"x": (0, -sign * (a[gap] - a[gap + 1])), "diff": (gap, 1.0)}, 0.0, np.inf)
    if available is not None:
        add({"x": (0, np.ones(count))}, -np.inf, float(available))
    if part_time_share < 1.0:
        part = np.array([1.0 if pattern.part_time else 0.0 for pattern in candidates])
        add({"x": (0, part - part_time_share)}, -np.inf, 0.0)
    upper_bounds = np.full(c.size, np.inf)
    if positions is not None:
        upper_bounds[count : count + blocks] = positions
    integrality = np.concatenate([np.ones(count), np.zeros(2 * blocks + gaps)])
    solution = milp(
        c,
        constraints=LinearConstraint(np.array(rows), lower, upper),
        integrality=integrality,
        bounds=Bounds(0, upper_bounds),
        # A gap far below the smoothing term, so the smoothest of the cheapest is found.
        options={"time_limit": TIME_LIMIT_S, "mip_rel_gap": 1e-9},
    )
    if solution.x is None:  # x = 0, short = required is always feasible: only a time-out
        raise ShiftsError(f"the shift cover could not be solved: {solution.message}")
    people = np.round(solution.x[:count]).astype(np.int64)
    cover = (a @ people).astype(np.int64)
    serving = cover if positions is None else np.minimum(cover, positions)
    short = np.maximum(required - serving, 0).astype(np.int64)
    return Cover(
        candidates, people, cover, short, float(cost @ people), positions, solution.status == 0
    )

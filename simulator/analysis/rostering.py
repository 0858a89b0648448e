"""A roster that holds the targets: shifts solved, then checked and raised by simulation.

``drill roster`` plans people, not head counts (in the spirit of Atlason, Epelman & Henderson
2004, simulation-based staffing with shifts):

1. **Start.** Each block's clerks at counters from the Erlang estimate of ``drill staff``
   (:func:`~simulator.analysis.staffing.erlang_plan`); guides and guards at the least the
   shift rules ask (``staff.shifts.least``).
2. **Solve.** The cheapest cover of those requirements by the allowed shifts
   (:func:`~simulator.analysis.shifts.solve_cover`): clerks never more than the positions;
   guides and guards held at one headcount all day (the engine's floor staff are constant), the
   roster relieving their breaks.
3. **Simulate** the roster on the same ``days`` (common random numbers). A block that keeps its
   targets on fewer than ``share`` of the days has its requirement raised to one above what the
   roster gave it; if a playbook action failed for want of a guide (or guard) on more than
   ``1 − share`` of the days, one more guide (guard) is required all day. Solve again, until
   every block holds, or the positions and the people available are used up.
4. **Check on fresh days**: the roster found is simulated on as many days it never saw (those of
   the next seed), and that out-of-sample share is what is reported, so the search does not
   flatter itself; ``drill roster``'s run directory plays those same fresh days.

Surges whose start is drawn (``start_delay_min``) are drawn anew each day, so the roster is
held across them. Every step is a function of the seed: the same seed gives the same roster
whatever the executor.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from simulator.analysis.shifts import Cover, pattern_cost, patterns, solve_cover
from simulator.analysis.staffing import block_loads, erlang_plan
from simulator.analysis.targets import Target, block_labels, block_values, held, holds_as_well
from simulator.engine.events import EventKind, Reason
from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.i18n import Message, message
from simulator.metrics.statistics import wilson_interval
from simulator.model.roster import ROLE_POSTS, Break, RosterEntry, ShiftRules
from simulator.model.scenario import Scenario
from simulator.model.staff import fewest_on_duty, rostered_counters
from simulator.runner import Executor, SerialExecutor

MAX_ROUNDS = 60  # solve–simulate rounds; each raises at least one requirement
FRESH_SEED_STEP = 1  # the verification days are those of the next seed: never searched on
FLOOR_ROLES = ("guide", "security")
Namer = Callable[[str, int], str]  # (role, number from 1) -> the name on the roster


class RosterError(ValueError):
    """The shift rules cannot make a roster: none given, or no shift reaches some blocks.

    ``message`` is the catalogue's, for the caller to say in the scenario's language.
    """

    def __init__(self, message: Message):
        super().__init__(message.text("en"))
        self.message = message


@dataclass(frozen=True)
class DayCheck:
    """One simulated day of a roster: its block measures, and what its floor staff met."""

    values: np.ndarray  # (blocks, targets)
    lacked_guide: bool  # an action failed, wholly or partly, for want of a guide
    lacked_guard: bool
    needed_guide: bool  # an action that needs a guide was taken at all
    needed_guard: bool


# What works only with a guide on the floor (pre-registering; steering people to the kiosks
# or the counters), or a guard at the door (door control).
GUIDED = frozenset({"kiosks", "counters"})


def roster_day(
    plan: Scenario, seed: int, edges: np.ndarray, targets: tuple[Target, ...], index: int
) -> DayCheck:
    """Simulate day ``index``: its block measures, and whether it lacked a guide or a guard."""
    record = simulate_day(plan, Streams(seed, index))
    reasons = {event.result.reason for event in record.events if event.result is not None}
    taken = [event for event in record.events if event.kind is EventKind.ACTION]
    return DayCheck(
        values=block_values(record, edges, targets),
        lacked_guide=Reason.NO_GUIDE in reasons,
        lacked_guard=Reason.NO_SECURITY in reasons,
        needed_guide=any(
            event.name == "pre_register" or (event.name == "redirect" and event.target in GUIDED)
            for event in taken
        ),
        needed_guard=any(event.name == "stop_entry" for event in taken),
    )


@dataclass(frozen=True)
class Judged:
    """A roster simulated on a set of days."""

    met_share: np.ndarray  # per block: share of days every target held
    met_days: np.ndarray  # per block: how many days
    days: int
    short_guide: float  # share of days an action lacked a guide
    short_security: float
    needed_guide: float  # share of days an action needing a guide was taken at all
    needed_security: float


@dataclass(frozen=True)
class RosterResult:
    """What ``drill roster`` found: the roster, its cover, and how it held."""

    edges: np.ndarray
    targets: tuple[Target, ...]
    share: float
    days: int
    seed: int
    rows: tuple[RosterEntry, ...]
    clerks: Cover
    floor: dict[str, Cover]  # guides and security
    required: np.ndarray  # per block, the clerks' final requirement
    floor_required: dict[str, int]
    erlang: np.ndarray  # per block, the Erlang start
    arrivals_per_hour: np.ndarray  # per block, everyone coming through the door
    search: Judged  # on the search's days
    fresh: Judged  # on days the search never saw (those of ``fresh_seed``)
    fresh_seed: int
    rounds: int
    converged: bool  # False: MAX_ROUNDS came first, some block might still be raised
    scenario: Scenario  # the input scenario with the roster

    def fresh_interval(self, block: int) -> tuple[float, float]:
        """Return the Wilson 95 % interval of block ``block``'s out-of-sample met share."""
        return wilson_interval(int(self.fresh.met_days[block]), self.fresh.days)

    def unmet(self) -> list[int]:
        """Return the blocks the roster could not make hold on the search's days."""
        return [b for b, met in enumerate(self.search.met_share) if met < self.share - 1e-12]


def rostered(
    scenario: Scenario, rows: tuple[RosterEntry, ...], decides: tuple[str, ...] = ()
) -> Scenario:
    """Return ``scenario`` staffed by ``rows``: counters, guides and guards as they follow.

    A floor role in ``decides`` the roster plans even when it has nobody in it (none then);
    others it has no rows of keep the scenario's count.
    """
    hours, staff = scenario.hours, scenario.staff
    roles = {row.role for row in rows}
    update: dict[str, object] = {
        "roster": rows,
        "counters": rostered_counters(
            rows, hours.open_min, hours.close_min, scenario.site.counters
        ),
    }
    for role in FLOOR_ROLES:
        if role in roles:
            update[ROLE_POSTS[role]] = fewest_on_duty(rows, role, hours.open_min, hours.close_min)
        elif role in decides:
            update[ROLE_POSTS[role]] = 0
    return scenario.with_changes(staff=staff.model_copy(update=update))


def roster_rows(covers: dict[str, Cover], name: Namer) -> tuple[RosterEntry, ...]:
    """Return the named rows of the covers: each role's people in order of their start."""
    rows = []
    for role, cover in covers.items():
        shifts = [
            pattern
            for pattern, people in zip(cover.patterns, cover.people, strict=True)
            for _ in range(int(people))
        ]
        shifts.sort(key=lambda p: (p.start_min, p.break_min or 0.0, p.template.name))
        for number, pattern in enumerate(shifts, start=1):
            rule = pattern.template.break_
            breaks: tuple[Break, ...] = ()
            if pattern.break_min is not None and rule is not None:
                breaks = (
                    Break.model_construct(
                        start_min=pattern.break_min, until_min=pattern.break_min + rule.length_min
                    ),
                )
            rows.append(
                RosterEntry.model_construct(
                    name=name(role, number),
                    role=role,
                    start_min=pattern.start_min,
                    until_min=pattern.end_min,
                    breaks=breaks,
                    shift=pattern.template.name,
                )
            )
    return tuple(rows)


class RosterSearch:
    """Solves and simulates rosters on common days until every block holds."""

    def __init__(
        self,
        scenario: Scenario,
        rules: ShiftRules,
        edges: np.ndarray,
        targets: tuple[Target, ...],
        share: float,
        days: int,
        seed: int,
        executor: Executor,
        name: Namer,
    ):
        self.scenario, self.rules, self.edges, self.targets = scenario, rules, edges, targets
        self.share, self.days, self.seed, self.executor = share, days, seed, executor
        self.name = name
        rates = scenario.staff.cost_per_hour
        self.hourly = {
            role: float(getattr(rates, ROLE_POSTS[role])) if rates is not None else 0.0
            for role in ("clerk", *FLOOR_ROLES)
        }
        self.patterns = {role: patterns(rules, role, edges) for role in ("clerk", *FLOOR_ROLES)}

    def solve(self, role: str, required: np.ndarray) -> Cover:
        """Return the cheapest cover of ``required`` by ``role``'s shifts."""
        positions = self.scenario.site.counters if role == "clerk" else None
        return solve_cover(
            self.patterns[role],
            required,
            self.hourly[role],
            positions=positions,
            available=self.rules.available.of(role),
            part_time_share=self.rules.max_part_time_share,
        )

    def trim(
        self, clerks: Cover, covers: dict[str, Cover], judged: Judged
    ) -> tuple[Cover, tuple[RosterEntry, ...], Scenario, Judged]:
        """Take shifts off the roster, dearest and most comfortable first, while it holds.

        The Erlang start is pessimistic: a clerk's shift is dropped when the roster without it
        still holds every block it held, on the same days (and keeps a regular counter open).
        """
        least = self.scenario.staff.fast_lane + 1
        covers = dict(covers)
        rows = roster_rows(covers, self.name)
        plan = rostered(self.scenario, rows, decides=FLOOR_ROLES)
        tried: set[tuple[int, ...]] = set()
        while True:
            options = []
            for index, pattern in enumerate(clerks.patterns):
                if clerks.people[index] == 0:
                    continue
                blocks = pattern.cover.astype(bool)
                comfort = float(judged.met_share[blocks].min()) if blocks.any() else 1.0
                options.append((-pattern_cost(pattern, 1.0), -comfort, index))
            for *_key, index in sorted(options):
                people = clerks.people.copy()
                people[index] -= 1
                cover = clerks.cover - clerks.patterns[index].cover
                serving = cover if clerks.positions is None else np.minimum(cover, clerks.positions)
                if tuple(people) in tried or serving.min(initial=least) < least:
                    continue
                part = sum(n for p, n in zip(clerks.patterns, people, strict=True) if p.part_time)
                if part > self.rules.max_part_time_share * people.sum() + 1e-9:
                    continue  # dropping a full-time shift would leave too much part-time work
                tried.add(tuple(people))
                candidate = replace(
                    clerks,
                    people=people,
                    cover=cover,
                    cost=clerks.cost - pattern_cost(clerks.patterns[index], self.hourly["clerk"]),
                )
                trial = {**covers, "clerk": candidate}
                trial_rows = roster_rows(trial, self.name)
                trial_plan = rostered(self.scenario, trial_rows, decides=FLOOR_ROLES)
                tried_days = self.judge(trial_plan, 0)
                if holds_as_well(tried_days.met_share, judged.met_share, self.share):
                    clerks, covers, rows, plan = candidate, trial, trial_rows, trial_plan
                    judged = tried_days
                    break
            else:
                return clerks, rows, plan, judged

    def judge(self, plan: Scenario, first_day: int, seed: int | None = None) -> Judged:
        """Simulate ``plan`` on ``days`` days from ``first_day`` (of ``seed``), every block."""
        task = partial(
            roster_day, plan, self.seed if seed is None else seed, self.edges, self.targets
        )
        results = list(self.executor.map(task, range(first_day, first_day + self.days)))
        values = np.stack([day.values for day in results])
        met = held(values, self.targets).all(axis=2)
        return Judged(
            met_share=met.mean(axis=0),
            met_days=met.sum(axis=0),
            days=self.days,
            short_guide=float(np.mean([day.lacked_guide for day in results])),
            short_security=float(np.mean([day.lacked_guard for day in results])),
            needed_guide=float(np.mean([day.needed_guide for day in results])),
            needed_security=float(np.mean([day.needed_guard for day in results])),
        )


def find_roster(
    scenario: Scenario,
    targets: tuple[Target, ...],
    edges: np.ndarray,
    share: float,
    days: int,
    seed: int,
    name: Namer,
    executor: Executor | None = None,
    on_round: Callable[[int, Judged], None] | None = None,
) -> RosterResult:
    """Find the cheapest roster of the scenario's shift rules that keeps ``targets``."""
    rules = scenario.staff.shifts
    if rules is None:
        raise RosterError(message("roster.no_rules"))
    search = RosterSearch(
        scenario, rules, edges, targets, share, days, seed, executor or SerialExecutor(), name
    )
    reached = np.any([pattern.cover for pattern in search.patterns["clerk"]], axis=0)
    if not reached.all():  # no clerk could ever be at a counter then: nobody would serve
        labels = block_labels(edges)
        missed = [labels[block] for block in np.flatnonzero(~reached)]
        raise RosterError(message("roster.uncovered", blocks=", ".join(missed)))
    loads = block_loads(scenario, edges)
    erlang = np.array(erlang_plan(scenario, loads, targets))
    positions = scenario.site.counters
    required = np.minimum(erlang, positions) if positions else erlang.copy()
    floor = {role: rules.least.of(role) or 0 for role in FLOOR_ROLES}
    blocks = edges.size - 1
    converged = False
    for rounds in range(1, MAX_ROUNDS + 1):
        clerks = search.solve("clerk", required)
        covers = {"clerk": clerks}
        covers.update(
            {role: search.solve(role, np.full(blocks, floor[role])) for role in FLOOR_ROLES}
        )
        rows = roster_rows(covers, name)
        plan = rostered(scenario, rows, decides=FLOOR_ROLES)
        judged = search.judge(plan, 0)
        if on_round is not None:
            on_round(rounds, judged)
        raised = False
        for block in range(blocks):
            serving = clerks.serving[block]
            room = positions is None or serving < positions
            if judged.met_share[block] < share - 1e-12 and room and not clerks.short[block]:
                required[block] = serving + 1
                raised = True
        for role, lacking in (("guide", judged.short_guide), ("security", judged.short_security)):
            most = rules.available.of(role)
            if lacking > 1 - share + 1e-12 and (most is None or floor[role] < most):
                floor[role] += 1
                raised = True
        if not raised:
            converged = True
            break
    clerks, rows, plan, judged = search.trim(clerks, covers, judged)
    fresh_seed = seed + FRESH_SEED_STEP
    fresh = search.judge(plan, 0, fresh_seed)
    return RosterResult(
        edges=edges,
        targets=targets,
        share=share,
        days=days,
        seed=seed,
        rows=rows,
        clerks=clerks,
        floor={role: covers[role] for role in FLOOR_ROLES},
        required=required,
        floor_required=floor,
        erlang=erlang,
        arrivals_per_hour=np.array([load.arrivals_per_hour for load in loads]),
        search=judged,
        fresh=fresh,
        fresh_seed=fresh_seed,
        rounds=rounds,
        converged=converged,
        scenario=plan,
    )

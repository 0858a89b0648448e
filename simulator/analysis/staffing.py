"""Finding the fewest counters per time block that keep the targets: ``drill staff``.

**Start: the Erlang estimate, block by block.** Each block is treated as its own steady state:
the counter arrival rate λ is the mean arrival rate over the block (surges included, they are
planned demand) times the share of customers who need a counter (kiosk services go to a kiosk
with probability ``kiosk_uptake`` when the hall has kiosks; fast-lane business is counter work
too, since the fast lane is one of the counters), and the service rate μ is one over the mean
counter service time. For each target the fewest counters c are taken such that, in M/M/c:

* ``wait_pNN_min <= T``: P(Wq > T) ≤ 1 − NN/100, by Erlang C (every customer waits in line, the
  pessimistic case: impatience only shortens the queue);
* ``wait_mean_min <= T``: E[Wq] ≤ T, by Erlang C;
* ``abandon_rate <= a``: P(abandon) ≤ a, by Erlang A with the mean patience as 1/θ (no patience
  in the scenario means nobody abandons, and any c that serves keeps this target).

The block gets the largest c its targets ask for, and at least ``fast_lane + 1``, so a regular
counter stays open beside the fast lane.

**Then: correct by simulation.** A plan is judged on the same ``days`` simulated days (common
random numbers: day *i* always brings the same customers), with the playbook, incidents and
time-varying demand the formulas do not see. A block keeps its targets when they hold on at least
``share`` of the days. While some block fails, one counter is added where it helps most: to the
failing block or the block before it (a queue left over from the previous block is often the
cause), whichever leaves the smaller total shortfall. When every block holds, counters are taken
away, most comfortable block first, wherever every block still holds without them, until none
can go. Last, the reserve is cut to the fewest call-ins that still keep every block.

This is a greedy local search, not a proof of optimality, but it ends in a plan where one counter
fewer in any block, or one reserve call-in fewer, breaks a target on the simulated days.
Because every plan is judged on the same days, the search takes the same path for a given seed
whatever the executor or the number of jobs.
"""

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from simulator.analysis.erlang import erlang_a, erlang_c_mean_wait, erlang_c_wait_exceeds
from simulator.analysis.targets import (
    Target,
    block_values,
    held,
    holds_as_well,
    value_in_share,
)
from simulator.engine.demand import rate_profile
from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.model.scenario import CounterBlock, Reserve, Scenario
from simulator.runner import Executor, SerialExecutor

ERLANG_SEARCH_LIMIT = 500  # counters; far beyond any hall, it only bounds a runaway loop


@dataclass(frozen=True)
class BlockLoad:
    """The demand on the counters in one block, as the Erlang formulas see it."""

    arrivals_per_hour: float  # everyone coming through the door (surges included)
    counter_per_min: float  # λ: those who need a counter
    service_min: float  # 1/μ: their mean service time


def counter_share_and_service(scenario: Scenario) -> tuple[float, float]:
    """Return the share of arrivals who need a counter and their mean service minutes."""
    demand = scenario.demand
    uptake = demand.kiosk_uptake if scenario.site.kiosks > 0 else 0.0
    weights = [s.share * (1 - uptake if s.kiosk else 1.0) for s in demand.services]
    share = sum(weights)
    if share <= 0:
        return 0.0, 0.0
    minutes = sum(w * s.minutes.expected() for w, s in zip(weights, demand.services, strict=True))
    return share, minutes / share


def block_loads(scenario: Scenario, edges: np.ndarray) -> list[BlockLoad]:
    """Return the counter load of each block between ``edges``."""
    profile = rate_profile(scenario)
    share, service_min = counter_share_and_service(scenario)
    loads = []
    for start, end in itertools.pairwise(edges):
        # The rate is a step function: integrate it exactly over the block.
        cuts = np.unique(np.clip(np.append(profile.starts, [start, end]), start, end))
        widths = np.diff(cuts)
        per_min = float(np.sum(profile.at(cuts[:-1]) * widths) / (end - start))
        loads.append(BlockLoad(per_min * 60, per_min * share, service_min))
    return loads


def erlang_counters(load: BlockLoad, target: Target, mean_patience_min: float | None) -> int:
    """Return the fewest counters M/M/c (or M/M/c+M) needs to keep ``target`` at ``load``."""
    lam, mu = load.counter_per_min, 1 / load.service_min if load.service_min > 0 else 0.0
    if lam <= 0 or mu <= 0:
        return 0
    if target.metric == "abandon_rate" and mean_patience_min is None:
        return 1  # nobody gives up, whatever the queue
    quantile = target.quantile or 0.5  # wait_pNN targets always have one
    # Erlang C needs utilisation below one; Erlang A does not, but start there too.
    servers = max(1, math.floor(lam / mu) + 1)
    while servers < ERLANG_SEARCH_LIMIT:
        if target.metric == "abandon_rate":
            patience = mean_patience_min or math.inf
            kept = erlang_a(lam, mu, servers, 1 / patience).abandon_probability
            if kept <= target.threshold:
                return servers
        elif target.metric == "wait_mean_min":
            if erlang_c_mean_wait(lam, mu, servers) <= target.threshold:
                return servers
        elif erlang_c_wait_exceeds(lam, mu, servers, target.threshold) <= 1 - quantile:
            return servers
        servers += 1
    return servers


def erlang_plan(
    scenario: Scenario, loads: list[BlockLoad], targets: tuple[Target, ...]
) -> list[int]:
    """Return the Erlang estimate of counters per block (at least ``fast_lane + 1``)."""
    patience = scenario.demand.patience_min
    mean_patience = patience.expected() if patience is not None else None
    least = scenario.staff.fast_lane + 1
    return [
        max([least, *(erlang_counters(load, target, mean_patience) for target in targets)])
        for load in loads
    ]


def staffed(scenario: Scenario, edges: np.ndarray, counters: list[int], reserve: int) -> Scenario:
    """Return ``scenario`` with ``counters`` per block (merged where equal) and ``reserve``."""
    blocks: list[CounterBlock] = []
    for start, count in zip(edges[:-1], counters, strict=True):
        if not blocks or blocks[-1].count != count:
            blocks.append(CounterBlock(start_min=float(start), count=int(count)))
    staff = scenario.staff.model_copy(
        update={
            "counters": tuple(blocks),
            "reserve": Reserve(count=reserve, call_in_min=scenario.staff.reserve.call_in_min),
        }
    )
    return scenario.with_changes(staff=staff)


def staffing_day(
    scenario: Scenario, seed: int, edges: np.ndarray, targets: tuple[Target, ...], index: int
) -> np.ndarray:
    """Simulate day ``index`` and return its ``(blocks, targets)`` measures (a worker task)."""
    return block_values(simulate_day(scenario, Streams(seed, index)), edges, targets)


@dataclass(frozen=True)
class Evaluation:
    """A plan judged on the simulated days."""

    counters: tuple[int, ...]
    reserve: int
    values: np.ndarray  # (days, blocks, targets)
    met_share: np.ndarray  # per block: share of days on which every target held

    def shortfall(self, share: float) -> float:
        """Return how far the blocks fall short of ``share``, summed."""
        return float(np.sum(np.maximum(share - self.met_share, 0.0)))


@dataclass(frozen=True)
class StaffingResult:
    """What ``drill staff`` found, and where it started."""

    edges: np.ndarray
    loads: list[BlockLoad]
    targets: tuple[Target, ...]
    share: float
    days: int
    seed: int
    max_counters: int
    given: Evaluation  # the scenario's own staffing (counters shown at each block's start)
    erlang: Evaluation
    found: Evaluation
    scenario: Scenario  # the input scenario with the found staffing
    evaluations: int  # plans simulated during the search

    def unreachable(self) -> list[int]:
        """Return the blocks that miss the share even at the most counters allowed."""
        return [i for i, met in enumerate(self.found.met_share) if met < self.share - 1e-12]

    def kept_values(self) -> np.ndarray:
        """Return, per block and target, the found plan's value kept on ``share`` of days."""
        return value_in_share(self.found.values, self.share)


class StaffingSearch:
    """Judges plans on common days, remembering each, and walks towards the fewest counters."""

    def __init__(
        self,
        scenario: Scenario,
        edges: np.ndarray,
        targets: tuple[Target, ...],
        share: float,
        days: int,
        seed: int,
        executor: Executor,
        on_evaluated: Callable[[Evaluation], None] | None = None,
    ):
        self.scenario, self.edges, self.targets = scenario, edges, targets
        self.share, self.days, self.seed = share, days, seed
        self.executor = executor
        self.on_evaluated = on_evaluated
        self.seen: dict[tuple[tuple[int, ...], int], Evaluation] = {}

    def evaluate(self, counters: list[int] | tuple[int, ...], reserve: int) -> Evaluation:
        """Simulate the plan on the common days (once; later calls are remembered)."""
        key = (tuple(counters), reserve)
        if key not in self.seen:
            plan = staffed(self.scenario, self.edges, list(counters), reserve)
            self.seen[key] = self.judge(plan, key[0], reserve)
        return self.seen[key]

    def judge(self, plan: Scenario, counters: tuple[int, ...], reserve: int) -> Evaluation:
        """Simulate ``plan`` on the common days and measure every block."""
        task = partial(staffing_day, plan, self.seed, self.edges, self.targets)
        values = np.stack(list(self.executor.map(task, range(self.days))))
        met = held(values, self.targets).all(axis=2).mean(axis=0)
        evaluation = Evaluation(counters, reserve, values, met)
        if self.on_evaluated is not None:
            self.on_evaluated(evaluation)
        return evaluation

    def keeps(self, candidate: Evaluation, current: Evaluation) -> bool:
        """Return whether ``candidate`` holds what ``current`` holds and does no worse elsewhere.

        A block ``current`` cannot hold may keep only the counters that help it.
        """
        return holds_as_well(candidate.met_share, current.met_share, self.share)

    def add_until_met(self, start: list[int], reserve: int, most: int) -> Evaluation:
        """Add counters one at a time where they cut the shortfall most, until all blocks hold."""
        current = self.evaluate(start, reserve)
        while True:
            failing = [
                i
                for i, met in enumerate(current.met_share)
                if met < self.share - 1e-12 and current.counters[i] < most
            ]
            if not failing:
                return current
            worst = min(failing, key=lambda i: (current.met_share[i], i))
            options = []
            for block in sorted({worst, max(worst - 1, 0)}):
                if current.counters[block] < most:
                    counters = list(current.counters)
                    counters[block] += 1
                    options.append(self.evaluate(counters, reserve))
            current = min(options, key=lambda e: (e.shortfall(self.share), sum(e.counters)))

    def trim(self, current: Evaluation, least: int) -> Evaluation:
        """Take counters away, most comfortable block first, while :meth:`keeps` allows it."""
        changed = True
        while changed:
            changed = False
            order = sorted(range(len(current.counters)), key=lambda i: (-current.met_share[i], i))
            for block in order:
                if current.counters[block] <= least:
                    continue
                counters = list(current.counters)
                counters[block] -= 1
                candidate = self.evaluate(counters, current.reserve)
                if self.keeps(candidate, current):
                    current, changed = candidate, True
        return current

    def cut_reserve(self, current: Evaluation) -> Evaluation:
        """Lower the reserve while :meth:`keeps` allows it."""
        while current.reserve > 0:
            candidate = self.evaluate(current.counters, current.reserve - 1)
            if not self.keeps(candidate, current):
                break
            current = candidate
        return current


def find_staffing(
    scenario: Scenario,
    targets: tuple[Target, ...],
    edges: np.ndarray,
    share: float,
    days: int,
    seed: int,
    executor: Executor | None = None,
    on_evaluated: Callable[[Evaluation], None] | None = None,
) -> StaffingResult:
    """Find the fewest counters per block, then the fewest reserve, that keep ``targets``."""
    loads = block_loads(scenario, edges)
    start = erlang_plan(scenario, loads, targets)
    least = scenario.staff.fast_lane + 1
    # Without counter positions in the scenario, allow well past what the formulas ask.
    most = scenario.site.counters or max(2 * max(start), max(start) + 10)
    start = [min(count, most) for count in start]
    search = StaffingSearch(
        scenario, edges, targets, share, days, seed, executor or SerialExecutor(), on_evaluated
    )
    reserve = scenario.staff.reserve.count
    own = tuple(scenario.staff.counters_at(minute) for minute in edges[:-1])
    given = search.judge(scenario.with_changes(), own, reserve)
    erlang = search.evaluate(start, reserve)
    found = search.cut_reserve(search.trim(search.add_until_met(start, reserve, most), least))
    return StaffingResult(
        edges=edges,
        loads=loads,
        targets=targets,
        share=share,
        days=days,
        seed=seed,
        max_counters=most,
        given=given,
        erlang=erlang,
        found=found,
        scenario=staffed(scenario, edges, list(found.counters), found.reserve),
        evaluations=len(search.seen) + 1,
    )

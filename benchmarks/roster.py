"""What ``drill roster`` buys against the two-step method and against rounding ``drill staff``.

Run: ``python benchmarks/roster.py [--days 40] [--jobs 2]``

On ``scenarios/promotion_day.yaml`` (its shift rules, 30-minute blocks), three rosters of the
same shift templates, each then simulated on the same *fresh* days (day numbers no search saw):

(a) ``drill roster``: Erlang start, integer-program cover, raised and trimmed by simulation;
(b) the two-step method of the common workforce tools: Erlang C per block, then the minimum-cost
    shift cover, no simulation: pyworkforce's ``MinRequiredResources`` (OR-Tools CP-SAT),
    installed by this script into ``benchmarks/.packages`` (else our own integer program);
(c) today's ``drill staff`` per-block search, its counters per block rounded up to whole shifts
    by the same integer program.

For each: the cost, the people, and the share of fresh days each block kept its targets (the
worst block, and how many blocks reach the target share). Wall time of (a) on ``--jobs``
processes, also as a ratio to a bare SimPy M/M/8 day timed in the same run.
"""

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
from compare import bare_day_seconds  # benchmarks/ is the script's directory
from packages import bench_import

from simulator.analysis.rostering import FLOOR_ROLES, RosterSearch, find_roster, roster_rows
from simulator.analysis.rostering import rostered as with_roster
from simulator.analysis.shifts import Cover, pattern_cost
from simulator.analysis.staffing import block_loads, erlang_plan, find_staffing
from simulator.analysis.targets import block_edges, default_targets
from simulator.model import load_scenario
from simulator.runner import make_executor

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "promotion_day.yaml"


def name(role: str, number: int) -> str:
    return f"{role} {number}"


def load_pyworkforce() -> Any:
    """Return pyworkforce's MinRequiredResources (installed beside this script), or None."""
    scheduling = bench_import("pyworkforce.scheduling", "pyworkforce")
    return None if scheduling is None else scheduling.MinRequiredResources


def pyworkforce_cover(search: RosterSearch, required: np.ndarray) -> Cover | None:
    """Return the two-step cover as pyworkforce's MinRequiredResources solves it (cost-weighted).

    pyworkforce has no part-time share and no people available; it gets the same patterns,
    their costs and the positions.
    """
    solver_class = load_pyworkforce()
    if solver_class is None:
        return None
    candidates = search.patterns["clerk"]
    coverage = {f"p{index}": pattern.cover.tolist() for index, pattern in enumerate(candidates)}
    hourly = search.hourly["clerk"]
    costs = {f"p{index}": round(pattern_cost(p, hourly)) for index, p in enumerate(candidates)}
    positions = search.scenario.site.counters or int(required.max()) * 3
    solver = solver_class(
        num_days=1,
        periods=required.size,
        shifts_coverage=coverage,
        required_resources=[required.tolist()],
        max_period_concurrency=positions,
        max_shift_concurrency=positions,
        cost_dict=costs,
        max_search_time=60.0,
        num_search_workers=2,
    )
    solution = solver.solve()
    people = np.zeros(len(candidates), dtype=np.int64)
    for entry in solution["resources_shifts"]:
        if entry["shift"] in coverage:
            people[int(entry["shift"][1:])] = entry["resources"]
    cover = np.array([p.cover for p in candidates]).T @ people
    cost = float(sum(pattern_cost(p, hourly) * n for p, n in zip(candidates, people, strict=True)))
    short = np.maximum(required - cover, 0)
    return Cover(candidates, people, cover, short, cost)


def report(label: str, search: RosterSearch, covers: dict, fresh_from: int, share: float) -> None:
    rows = roster_rows(covers, name)
    plan = with_roster(search.scenario, rows, decides=FLOOR_ROLES)
    judged = search.judge(plan, fresh_from)
    cost = sum(cover.cost for cover in covers.values())
    held = int(np.sum(judged.met_share >= share - 1e-12))
    clerks = covers["clerk"]
    part = sum(n for p, n in zip(clerks.patterns, clerks.people, strict=True) if p.part_time)
    part_share = part / max(clerks.headcount, 1)
    most = search.rules.max_part_time_share
    kept = "kept" if part_share <= most + 1e-9 else f"BREAKS the {most:.0%} rule"
    print(
        f"  {label:<34} cost {cost:8,.0f}  people {len(rows):3d}  "
        f"worst block {judged.met_share.min():5.0%}  blocks held {held}/{judged.met_share.size}"
        f"  part-time {part_share:4.0%} ({kept})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    scenario = load_scenario(SCENARIO)
    targets = default_targets(scenario)
    share = scenario.limits.target_share
    edges = block_edges(scenario, 30)
    rules = scenario.staff.shifts
    assert rules is not None, "promotion_day.yaml has shift rules"
    baseline = bare_day_seconds()
    executor = make_executor(options.jobs)
    try:
        started = time.perf_counter()
        found = find_roster(scenario, targets, edges, share, options.days, 1, name, executor)
        seconds = time.perf_counter() - started
        search = RosterSearch(
            scenario, rules, edges, targets, share, options.days, 1, executor, name
        )
        floor = {
            role: search.solve(role, np.full(edges.size - 1, found.floor_required[role]))
            for role in FLOOR_ROLES
        }
        fresh = 2 * options.days  # days neither search saw (a's own check used days..2·days)
        print(
            f"{SCENARIO.name}: {', '.join(map(str, targets))} on >= {share:.0%} of days, "
            f"{options.days} days per check; every roster judged on days {fresh}–"
            f"{fresh + options.days - 1}"
        )
        report("(a) drill roster", search, {"clerk": found.clerks, **found.floor}, fresh, share)
        erlang = np.array(erlang_plan(scenario, block_loads(scenario, edges), targets))
        two_step = pyworkforce_cover(search, erlang)
        if two_step is not None:
            label = "(b) Erlang C, pyworkforce cover"
        else:
            two_step, label = search.solve("clerk", erlang), "(b) Erlang C, then shift cover"
            print("      (pyworkforce unavailable: the cover is drill's own integer program)")
        report(label, search, {"clerk": two_step, **floor}, fresh, share)
        ours = search.solve("clerk", erlang)
        print(f"      the same cover by drill's integer program: cost {ours.cost:,.0f}")
        staffed = find_staffing(scenario, targets, edges, share, options.days, 1, executor)
        rounded = search.solve("clerk", np.array(staffed.found.counters))
        report(
            "(c) drill staff, rounded to shifts", search, {"clerk": rounded, **floor}, fresh, share
        )
        print(
            f"  (a) wall time on {options.jobs} processes: {seconds:.1f} s "
            f"(= {seconds / baseline:,.0f} bare SimPy days; target under 60 s), "
            f"{found.rounds} rounds"
        )
    finally:
        executor.close()


if __name__ == "__main__":
    main()

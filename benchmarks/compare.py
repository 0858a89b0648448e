"""What ``drill compare --precision`` and ``drill staff`` cost, and what common random numbers buy.

Run: ``python benchmarks/compare.py [--precision 0.5] [--skip-jobs] [--skip-staff]``

1. ``drill compare --precision 0.5`` on ``scenarios/promotion_day.yaml`` with its three variants,
   once with common random numbers and once with independent seeds: simulated days per plan
   needed to know every paired difference of ``wait_p90_min`` to ±0.5 min, and wall time.
2. The same comparison at a fixed 40 days per plan on one and on two worker processes: speed-up.
3. ``drill staff`` on promotion day (40 days, 30-minute blocks): plans simulated and wall time.

Every wall time is also given as a ratio to a bare SimPy M/M/8 day (``benchmarks/engine.py``'s
textbook loop) timed in the same run, so figures from different machines can be compared.
"""

import argparse
import os
import time
from pathlib import Path

from engine import bare_simpy_day  # benchmarks/ is the script's directory, hence on sys.path

from simulator.analysis.compare import BASE, run_comparison
from simulator.analysis.staffing import find_staffing
from simulator.analysis.targets import block_edges, default_targets
from simulator.model import load_scenario
from simulator.runner import make_executor

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "promotion_day.yaml"
BASELINE_DAYS = 20


def bare_day_seconds() -> float:
    """Return the wall seconds of one bare SimPy M/M/8 day (mean over a few)."""
    started = time.perf_counter()
    for seed in range(BASELINE_DAYS):
        bare_simpy_day(seed)
    return (time.perf_counter() - started) / BASELINE_DAYS


def timed(function):
    """Return (result, wall seconds) of ``function()``."""
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def compare_precision(arms, precision: float, baseline: float) -> None:
    print(f"drill compare --precision {precision} on {SCENARIO.name}, 3 variants, by wait_p90_min")
    measured = {}
    for label, independent in (("common random numbers", False), ("independent seeds", True)):
        comparison, seconds = timed(
            lambda independent=independent: run_comparison(
                arms, 20, 1, "wait_p90_min", precision=precision, independent=independent
            )
        )
        days = comparison.replications
        measured[label] = (days, seconds)
        print(
            f"  {label:<22} {days:>5} days per plan  {seconds:7.1f} s  "
            f"(= {seconds / baseline:,.0f} bare SimPy days)  precision met: "
            f"{comparison.precision_met}"
        )
    (crn_days, crn_s), (ind_days, ind_s) = measured.values()
    print(
        f"  independent / CRN: {ind_days / crn_days:.1f}× the days, {ind_s / crn_s:.1f}× the time"
    )


def compare_jobs(arms, baseline: float) -> None:
    print(f"drill compare -n 40 on {SCENARIO.name} (4 plans × 40 days), by number of processes")
    seconds = {}
    for jobs in (1, 2):
        executor = make_executor(jobs)
        try:
            _, seconds[jobs] = timed(
                lambda executor=executor: run_comparison(arms, 40, 1, "wait_p90_min", executor)
            )
        finally:
            executor.close()
        print(
            f"  --jobs {jobs}: {seconds[jobs]:6.1f} s  "
            f"(= {seconds[jobs] / baseline:,.0f} bare days)"
        )
    cpus = os.cpu_count()
    print(f"  speed-up of 2 jobs over 1: {seconds[1] / seconds[2]:.2f}× ({cpus} CPUs here)")


def staff(scenario, baseline: float) -> None:
    print(f"drill staff on {SCENARIO.name}: 40 days, 30-minute blocks, 2 processes")
    executor = make_executor(2)
    try:
        targets = default_targets(scenario)
        edges = block_edges(scenario, 30)
        result, seconds = timed(
            lambda: find_staffing(scenario, targets, edges, 0.9, 40, 1, executor)
        )
    finally:
        executor.close()
    print(
        f"  {result.evaluations} plans simulated ({result.evaluations * 40} days) in "
        f"{seconds:.1f} s  (= {seconds / baseline:,.0f} bare SimPy days)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.5)
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--skip-staff", action="store_true")
    options = parser.parse_args()
    scenario = load_scenario(SCENARIO)
    arms = [(BASE, scenario), *scenario.variants.items()]
    baseline = bare_day_seconds()
    print(f"bare SimPy M/M/8 day (benchmarks/engine.py): {baseline * 1000:.1f} ms\n")
    compare_precision(arms, options.precision, baseline)
    if not options.skip_jobs:
        print()
        compare_jobs(arms, baseline)
    if not options.skip_staff:
        print()
        staff(scenario, baseline)


if __name__ == "__main__":
    main()

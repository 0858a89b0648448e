"""How often the 95 % interval drill reports contains the truth, measured on M/M/c days.

Run: ``python benchmarks/intervals.py [--repetitions 500] [--days 30] [--jobs 2] [--truth]``

For three M/M/c days whose daily means are skewed (8 hours, opening empty: M/M/1 at
utilisation 0.9, M/M/2 at 0.98, M/M/3 at 0.9), ``--repetitions`` runs of ``--days`` days each
(root seeds 1000, 1001, …) report the mean wait and the 90th-percentile wait with drill's interval
(the bootstrap-t of :func:`simulator.metrics.statistics.mean_interval`) and, for comparison,
Student's t on the same days. The script prints the share of runs whose interval contains the
truth, and the misses below (interval under the truth) and above. Then the same for days that are
exactly zero on most days (a rate such as balking), where drill uses the BCa interval.

The truth is the mean over 60,000 days (``Streams(1, 0 … 59999)``), as stored below and in
``tests/test_statistics.py``; ``--truth`` computes it again (about five minutes with two jobs).
"""

import argparse
import math
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from scipy.special import stdtrit

from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.metrics.statistics import mean_interval
from simulator.model import Scenario, load_scenario_text
from simulator.runner import run_replications

METRICS = ("wait_mean_min", "wait_p90_min")
# (label, arrivals per minute, mean service minutes, servers) → stored truth per metric.
CASES = {
    ("M/M/1 ρ 0.90", 0.3, 3.0, 1): {"wait_mean_min": 16.2449, "wait_p90_min": 34.0210},
    ("M/M/2 ρ 0.98", 0.6533333, 3.0, 2): {"wait_mean_min": 16.0765, "wait_p90_min": 31.4163},
    ("M/M/3 ρ 0.90", 0.9, 3.0, 3): {"wait_mean_min": 6.3775, "wait_p90_min": 14.9001},
}
TRUTH_SEED, TRUTH_DAYS = 1, 60_000

DAY = """\
schema: 1
name: M/M/c
language: en
site: {{name: hall, floor_area_m2: 200, exits: [{{name: door, width_m: 1.8}}]}}
hours: {{open: "09:00", close: "17:00"}}
staff: {{counters: [{{from: "09:00", count: {servers}}}]}}
demand:
  arrivals: [{{from: "09:00", per_hour: {per_hour}}}]
  services: [{{name: any, share: 1.0, minutes: {{dist: exponential, mean: {mean}}}}}]
limits: {{wait_p90_min: 20}}
"""


def mm_c_day(per_min: float, mean_service: float, servers: int) -> Scenario:
    """Return an 8-hour M/M/c day opening empty, with no patience limit and no incidents."""
    text = DAY.format(servers=servers, per_hour=per_min * 60, mean=mean_service)
    return load_scenario_text(text, "<M/M/c>")


def _covered(case: tuple, repetition: int, days: int) -> list[tuple[int, int]]:
    """Return, per metric, (bootstrap-t, Student t) as -1 below, 0 covered, 1 above the truth."""
    _, per_min, mean_service, servers = case
    result = run_replications(mm_c_day(per_min, mean_service, servers), days, 1000 + repetition)
    outcome = []
    for metric in METRICS:
        truth = CASES[case][metric]
        estimate = result.estimate(metric)
        values = np.asarray(result.values[metric], dtype=float)
        half = float(stdtrit(days - 1, 0.975)) * float(np.std(values, ddof=1)) / math.sqrt(days)
        student = (values.mean() - half, values.mean() + half)
        outcome.append(
            tuple(
                -1 if high < truth else 1 if low > truth else 0
                for low, high in ((estimate.ci_low, estimate.ci_high), student)
            )
        )
    return outcome


def _truth_chunk(case: tuple, start: int, count: int) -> np.ndarray:
    _, per_min, mean_service, servers = case
    scenario = mm_c_day(per_min, mean_service, servers)
    rows = []
    for index in range(start, start + count):
        metrics = day_metrics(scenario, simulate_day(scenario, Streams(TRUTH_SEED, index)))
        rows.append([metrics[metric] for metric in METRICS])
    return np.array(rows)


def measure_truth(jobs: int) -> None:
    """Print each case's long-run daily means with their standard errors."""
    chunk = 1000
    with ProcessPoolExecutor(jobs) as pool:
        for case in CASES:
            starts = range(0, TRUTH_DAYS, chunk)
            parts = pool.map(_truth_chunk, [case] * len(starts), starts, [chunk] * len(starts))
            values = np.concatenate(list(parts))
            for column, metric in enumerate(METRICS):
                estimate = mean_interval(values[:, column])
                error = np.std(values[:, column], ddof=1) / math.sqrt(len(values))
                print(f"{case[0]}  {metric:<14} {estimate.mean:.4f} ± {error:.4f} (SE)")


def measure_coverage(repetitions: int, days: int, jobs: int) -> None:
    """Print, per case and metric, how often each interval contains the truth."""
    print(
        f"{repetitions} runs of {days} days each; share containing the truth (misses below/above)"
    )
    with ProcessPoolExecutor(jobs) as pool:
        for case in CASES:
            outcomes = np.array(
                list(
                    pool.map(
                        _covered, [case] * repetitions, range(repetitions), [days] * repetitions
                    )
                )
            )  # repetition × metric × (bootstrap-t, t)
            for column, metric in enumerate(METRICS):
                cells = []
                for method in (0, 1):
                    sides = outcomes[:, column, method]
                    cells.append(
                        f"{np.mean(sides == 0):6.1%} ({np.mean(sides < 0):.1%} / "
                        f"{np.mean(sides > 0):.1%})"
                    )
                print(f"{case[0]}  {metric:<14} bootstrap-t {cells[0]}   Student t {cells[1]}")


# Shares of days at zero for the zero-inflated days (a rate such as balking: 0 on most days,
# exponential with mean 1 otherwise, so the truth is 1 − share).
ZERO_SHARES = (0.5, 0.8, 0.9)


def measure_zero_inflated(repetitions: int, days: int) -> None:
    """Print how often each interval covers the mean of days that are mostly exactly zero."""
    rng = np.random.default_rng(7)
    for zero_share in ZERO_SHARES:
        truth = 1 - zero_share
        sides = np.zeros((repetitions, 2))
        for repetition in range(repetitions):
            values = np.where(rng.random(days) < zero_share, 0.0, rng.exponential(1.0, days))
            estimate = mean_interval(values)
            half = float(stdtrit(days - 1, 0.975)) * float(np.std(values, ddof=1)) / math.sqrt(days)
            for method, (low, high) in enumerate(
                ((estimate.ci_low, estimate.ci_high), (values.mean() - half, values.mean() + half))
            ):
                sides[repetition, method] = -1 if high < truth else 1 if low > truth else 0
        cells = [
            f"{np.mean(sides[:, m] == 0):6.1%} ({np.mean(sides[:, m] < 0):.1%} / "
            f"{np.mean(sides[:, m] > 0):.1%})"
            for m in (0, 1)
        ]
        print(f"{zero_share:.0%} of days zero  drill {cells[0]}   Student t {cells[1]}")


def main() -> None:
    """Parse the options and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=500)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--truth", action="store_true", help="compute the truth again")
    options = parser.parse_args()
    if options.truth:
        measure_truth(options.jobs)
    measure_coverage(options.repetitions, options.days, options.jobs)
    print(f"zero-inflated days: {2 * options.repetitions} runs of {options.days} days each")
    measure_zero_inflated(2 * options.repetitions, options.days)


if __name__ == "__main__":
    main()

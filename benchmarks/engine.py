"""Engine cost per customer against a bare SimPy loop, and memory against replication count.

Run: ``python benchmarks/engine.py [--repeats 5] [--skip-memory]``

1. The same M/M/8 day (λ = 5/min, mean service 1.43 min, 10 h) runs through a textbook 20-line
   SimPy loop and through drill's engine, alternately in this process; the script prints customers
   per second for each and the ratio (target: drill costs at most 1.5× the bare loop per customer).
   drill is timed twice: the engine alone (``simulate_day``) and a whole replication as ``drill
   run`` does it (engine + metrics + per-minute series).
2. Peak resident memory of fresh processes running 100 and 1,000 replications of
   ``scenarios/promotion_day.yaml`` (target: the same, since results are aggregated as they come).
"""

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import simpy

from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.model import load_scenario
from simulator.model.distributions import Exponential
from simulator.model.scenario import (
    CounterBlock,
    Demand,
    Exit,
    Hours,
    RateBlock,
    Scenario,
    Service,
    Site,
    Staff,
)
from simulator.runner import run_replication

ARRIVALS_PER_MIN, MEAN_SERVICE_MIN, SERVERS, DAY_MIN = 5.0, 1.43, 8, 600.0
ROOT = Path(__file__).resolve().parent.parent


def bare_simpy_day(seed: int) -> int:
    """Simulate a plain SimPy M/M/c day: a process per customer, a Resource for the counters."""
    rng = random.Random(seed)
    env = simpy.Environment()
    counters = simpy.Resource(env, SERVERS)
    waits = []

    def customer():
        arrived = env.now
        with counters.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(1 / MEAN_SERVICE_MIN))

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(ARRIVALS_PER_MIN))
            if env.now >= DAY_MIN:
                return
            env.process(customer())

    env.process(arrivals())
    env.run()
    return len(waits)


def mmc_scenario() -> Scenario:
    """Return the same day as a drill scenario (09:00–19:00)."""
    return Scenario(
        schema=1,
        name="M/M/8 benchmark",
        language="en",
        site=Site(name="bench", floor_area_m2=300.0, exits=(Exit(name="door", width_m=1.8),)),
        hours=Hours(open_min=540.0, close_min=540.0 + DAY_MIN),
        staff=Staff(counters=(CounterBlock(start_min=540.0, count=SERVERS),)),
        demand=Demand(
            arrivals=(RateBlock(start_min=540.0, per_hour=ARRIVALS_PER_MIN * 60),),
            services=(Service(name="any", share=1.0, minutes=Exponential(mean=MEAN_SERVICE_MIN)),),
        ),
    )


def customers_per_second(day, seeds: range) -> float:
    """Run ``day(seed)`` for each seed; return customers simulated per wall-clock second."""
    started = time.perf_counter()
    customers = sum(day(seed) for seed in seeds)
    return customers / (time.perf_counter() - started)


def time_engines(repeats: int, days: int) -> None:
    scenario = mmc_scenario()
    promotion = load_scenario(ROOT / "scenarios" / "promotion_day.yaml")
    contenders = {
        "bare SimPy loop": bare_simpy_day,
        "drill engine (simulate_day)": lambda s: simulate_day(scenario, Streams(s, 0)).arrival.size,
        "drill replication (+metrics)": lambda s: int(
            run_replication(scenario, s, 0).metrics["arrivals"]
        ),
        "drill engine, promotion day": lambda s: (
            simulate_day(promotion, Streams(s, 0)).arrival.size
        ),
    }
    rates = {name: [] for name in contenders}
    for repeat in range(repeats):  # alternate so drift in machine speed hits all alike
        for name, day in contenders.items():
            rates[name].append(customers_per_second(day, range(repeat * days, (repeat + 1) * days)))
    bare = statistics.median(rates["bare SimPy loop"])
    print(f"M/M/{SERVERS} day, λ={ARRIVALS_PER_MIN}/min, {days} days × {repeats} repeats (median)")
    for name, values in rates.items():
        median = statistics.median(values)
        print(f"  {name:<30} {median:>10,.0f} customers/s   cost per customer ×{bare / median:.2f}")


MEMORY_PROBE = """
import resource, sys
from pathlib import Path
from simulator.model import load_scenario
from simulator.runner import run_replications
scenario = load_scenario(Path(sys.argv[1]))
run_replications(scenario, int(sys.argv[2]), seed=1)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def measure_memory() -> None:
    scenario = ROOT / "scenarios" / "promotion_day.yaml"
    print(
        f"Peak resident memory, {scenario.name}, one process, replications aggregated as they come"
    )
    for replications in (100, 1000):
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(scenario), str(replications)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        seconds = time.perf_counter() - started
        print(
            f"  {replications:>5} replications: {int(output) / 1024:7.1f} MiB   ({seconds:.1f} s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--days", type=int, default=10, help="days per timing")
    parser.add_argument("--skip-memory", action="store_true")
    arguments = parser.parse_args()
    time_engines(arguments.repeats, arguments.days)
    if not arguments.skip_memory:
        measure_memory()


if __name__ == "__main__":
    main()

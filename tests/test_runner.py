"""Replications: same seed, same numbers, whichever executor and however many workers."""

import numpy as np

from simulator.engine.streams import Streams
from simulator.rundir.writer import summary_dict
from simulator.runner import ProcessExecutor, SerialExecutor, run_replication, run_replications
from simulator.scoring import check_limits
from tests.factory import exponential, hall

SCENARIO = hall(
    per_min=2.2, counters=[(0, 3), (200, 2)], patience_min=exponential(15), balk_at_queue=20
)


def test_two_worker_processes_give_bit_identical_results():
    serial = run_replications(SCENARIO, 12, seed=5, executor=SerialExecutor())
    executor = ProcessExecutor(2)
    try:
        parallel = run_replications(SCENARIO, 12, seed=5, executor=executor)
    finally:
        executor.close()
    assert serial.values.keys() == parallel.values.keys()
    for name, values in serial.values.items():  # exact equality (NaN equals NaN), day by day
        np.testing.assert_array_equal(values, parallel.values[name])
    for name in serial.series:
        np.testing.assert_array_equal(
            serial.series[name].histogram, parallel.series[name].histogram
        )
    assert summary_dict(serial, check_limits(serial)) == summary_dict(
        parallel, check_limits(parallel)
    )


def test_a_replication_does_not_depend_on_the_others():
    alone = run_replication(SCENARIO, 5, 7)
    batch = run_replications(SCENARIO, 8, seed=5)
    assert {name: values[7] for name, values in batch.values.items()} == alone.metrics


def test_seeds_and_replications_give_independent_streams():
    draws = {
        (seed, index): Streams(seed, index).generator("arrivals").random(4).tolist()
        for seed in (1, 2)
        for index in (0, 1)
    }
    assert len({tuple(values) for values in draws.values()}) == 4
    assert (
        Streams(1, 0).generator("arrivals").random() != Streams(1, 0).generator("services").random()
    )


def test_progress_callback_sees_every_replication_in_order():
    seen = []
    run_replications(SCENARIO, 5, seed=1, on_done=lambda result: seen.append(result.index))
    assert seen == [0, 1, 2, 3, 4]

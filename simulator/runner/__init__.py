"""Replications: many independent days of one scenario, run here or in worker processes."""

from simulator.runner.executors import (
    EXECUTORS,
    MOST_JOBS,
    DaskExecutor,
    Executor,
    ExecutorUnavailable,
    ProcessExecutor,
    SerialExecutor,
    make_executor,
)
from simulator.runner.replicate import (
    ReplicationResult,
    RunResult,
    add_replications,
    run_replication,
    run_replications,
)

__all__ = [
    "EXECUTORS",
    "MOST_JOBS",
    "DaskExecutor",
    "Executor",
    "ExecutorUnavailable",
    "ProcessExecutor",
    "ReplicationResult",
    "RunResult",
    "SerialExecutor",
    "add_replications",
    "make_executor",
    "run_replication",
    "run_replications",
]

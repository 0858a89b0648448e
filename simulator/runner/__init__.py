"""Replications: many independent days of one scenario, run here or in worker processes."""

from simulator.runner.executors import Executor, ProcessExecutor, SerialExecutor, make_executor
from simulator.runner.replicate import (
    ReplicationResult,
    RunResult,
    run_replication,
    run_replications,
)

__all__ = [
    "Executor",
    "ProcessExecutor",
    "ReplicationResult",
    "RunResult",
    "SerialExecutor",
    "make_executor",
    "run_replication",
    "run_replications",
]

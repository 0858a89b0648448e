"""Executors: where replications run.

An executor maps a picklable function over items and yields results *in item order*; callers
aggregate in that order, which is what makes a run bit-identical whatever the number of workers.
The interface is deliberately tiny so a Dask executor can implement it without touching callers.
"""

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Executor(Protocol):
    """Runs ``function`` over ``items`` and yields the results in the items' order."""

    jobs: int

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """Yield ``function(item)`` for each item, in order."""
        ...

    def close(self) -> None:
        """Release workers."""
        ...


class SerialExecutor:
    """Runs everything in this process: simplest to debug, no start-up cost."""

    jobs = 1

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """Yield ``function(item)`` for each item, in order."""
        return map(function, items)

    def close(self) -> None:
        """Nothing to release."""


class ProcessExecutor:
    """Runs items in ``jobs`` local worker processes."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs)

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """Yield ``function(item)`` for each item, in order, computed in the workers."""
        items = list(items)
        # A few chunks per worker: enough to balance load, few enough to keep pickling cheap.
        chunk = max(1, len(items) // (self.jobs * 4))
        return self._pool.map(function, items, chunksize=chunk)

    def close(self) -> None:
        """Shut the workers down."""
        self._pool.shutdown(cancel_futures=True)


def make_executor(jobs: int) -> Executor:
    """Return a serial executor for one job, local processes otherwise (0 = one per CPU)."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    return SerialExecutor() if jobs == 1 else ProcessExecutor(jobs)

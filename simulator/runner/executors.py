"""Executors: where replications run.

An executor maps a picklable function over items and yields results *in item order*; callers
aggregate in that order, which is what makes a run bit-identical whatever the number of workers.
The interface is deliberately tiny, so the Dask executor implements it without touching callers.
"""

import os
import socket
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


class ExecutorUnavailable(Exception):
    """The executor asked for cannot be started (not installed, scheduler unreachable)."""


def _run_chunk(function: Callable[[Item], Result], chunk: list[Item]) -> list[Result]:
    return [function(item) for item in chunk]


def _check_listening(scheduler: str) -> None:
    """Fail at once when nothing listens at ``scheduler``, rather than after Dask's timeout.

    A refused or unresolvable address answers in milliseconds; only a scheduler that accepts
    the connection is then given Dask's own handshake time.
    """
    address = scheduler.split("://", 1)[-1]
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ExecutorUnavailable(f"cannot reach the Dask scheduler {scheduler}: not host:port")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=2.0):
            pass
    except OSError as error:
        raise ExecutorUnavailable(
            f"cannot reach the Dask scheduler {scheduler}: {error.strerror or error}"
        ) from None


class DaskExecutor:
    """Runs items on a Dask cluster: the one at ``scheduler``, or a new local one.

    Items go out in chunks (a replication takes milliseconds, a Dask task costs about one) and
    results come back in item order, so the run is bit-identical to a local one. Workers need
    ``drill`` installed, in the same version, to unpickle the tasks.
    """

    def __init__(self, jobs: int, scheduler: str | None = None):
        try:
            from dask.distributed import Client, LocalCluster  # optional: pip install .[dask]
        except ImportError:
            raise ExecutorUnavailable(
                "the Dask executor needs Dask: pip install -e '.[dask]'"
            ) from None
        self._cluster = None
        try:
            if scheduler:
                _check_listening(scheduler)
                self._client = Client(scheduler, timeout="5s")
            else:
                # Processes, one thread each: the simulation is pure Python and holds the GIL.
                self._cluster = LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self._client = Client(self._cluster)
        except OSError as error:
            raise ExecutorUnavailable(
                f"cannot reach the Dask scheduler {scheduler}: {error}"
            ) from None
        self.jobs = max(1, len(self._client.scheduler_info()["workers"]))

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """Yield ``function(item)`` for each item, in order, computed on the cluster."""
        items = list(items)
        size = max(1, len(items) // (self.jobs * 4))
        chunks = [items[start : start + size] for start in range(0, len(items), size)]
        futures = self._client.map(_run_chunk, [function] * len(chunks), chunks, pure=False)
        for future in futures:  # in submission order, whatever order they finish in
            yield from future.result()

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this executor started one."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


EXECUTORS = ("local", "dask")


def make_executor(jobs: int, kind: str = "local", scheduler: str | None = None) -> Executor:
    """Return an executor of ``kind`` (0 jobs = one per CPU).

    Local: in this process for one job, worker processes otherwise. Dask: the cluster at
    ``scheduler``, or a ``LocalCluster`` of ``jobs`` workers when no address is given.
    """
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if kind == "dask":
        return DaskExecutor(jobs, scheduler)
    return SerialExecutor() if jobs == 1 else ProcessExecutor(jobs)

"""Executors: where replications run.

An executor maps a picklable function over items and yields results *in item order*; callers
aggregate in that order, which is what makes a run bit-identical whatever the number of workers.
The interface is deliberately tiny, so the Dask executor implements it without touching callers.
"""

import os
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
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


# Days per task at the most: a worker holds a task's results until the task is done, so an
# unbounded chunk (a quarter of -n per worker) made worker memory grow with -n.
CHUNK_MOST = 16
# Tasks in flight per worker: enough to keep every worker busy, few enough that results not
# yet folded in by the parent stay a bounded handful whatever -n is.
AHEAD = 3


def _start_worker() -> None:
    """Prepare a worker process: Ctrl-C is the parent's to handle, and it dies with its parent.

    A worker blocks reading its task pipe; when the parent is killed outright (SIGKILL, the
    out-of-memory killer) nothing closes that pipe, and the worker would wait for ever. So a
    thread watches the parent (the process that started this worker, whatever the start
    method) and ends the worker the moment it has gone.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="drill-parent-watch", daemon=True).start()


class ProcessExecutor:
    """Runs items in ``jobs`` local worker processes, a bounded number of chunks at a time."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None  # started by the first map
        self._workers = 0

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """Yield ``function(item)`` for each item, in order, computed in the workers."""
        items = list(items)
        # A few chunks per worker to balance load, each small enough to keep memory flat.
        size = min(CHUNK_MOST, max(1, len(items) // (self.jobs * 4)))
        # No more workers than there are chunks to give them; a later, larger map (a
        # comparison adding days) gets a larger pool, up to the jobs asked for.
        workers = min(self.jobs, max(1, -(-len(items) // size)))
        if self._pool is None or workers > self._workers:
            if self._pool is not None:
                self._pool.shutdown()
            self._pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
            self._workers = workers
        pool = self._pool
        chunks = (items[start : start + size] for start in range(0, len(items), size))
        pending: deque[Future[list[Result]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_run_chunk, function, chunk))
            if len(pending) >= self.jobs * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def close(self) -> None:
        """Shut the workers down, cancelling what has not started."""
        if self._pool is not None:
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
# Workers at the most, local or a LocalCluster: more than a machine's cores only costs memory.
MOST_JOBS = 64


def make_executor(jobs: int, kind: str = "local", scheduler: str | None = None) -> Executor:
    """Return an executor of ``kind`` (0 jobs = one per CPU).

    Local: in this process for one job, worker processes otherwise. Dask: the cluster at
    ``scheduler``, or a ``LocalCluster`` of ``jobs`` workers when no address is given.
    """
    if jobs == 0:
        jobs = os.cpu_count() or 1
    jobs = min(jobs, MOST_JOBS)
    if kind == "dask":
        return DaskExecutor(jobs, scheduler)
    return SerialExecutor() if jobs == 1 else ProcessExecutor(jobs)

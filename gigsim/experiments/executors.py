"""Where runs execute: the calling process, a local process pool, or a Dask cluster.

Every executor takes the same jobs and the same function and yields results
as they complete; the runner sorts them afterwards, so results never depend
on the executor or the number of workers. Dask (``distributed``) is an
optional extra, imported only when asked for.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

from gigsim.errors import BadInput
from gigsim.experiments.pool import ProcessPool, pool_context

JobFn = Callable[[Any], dict[str, Any]]
DASK_MISSING = "Dask is not installed: pip install 'gigsim[dask]'"
CONNECT_TIMEOUT_S = 5.0
CLOSE_TIMEOUT_S = 5.0


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Executor(Protocol):
    workers: int

    def run(self, fn: JobFn, jobs: Sequence[Any]) -> Iterator[dict[str, Any]]: ...

    def close(self, abort: bool = False) -> None:
        """Release the workers; ``abort``: at once, dropping the jobs in progress."""


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored meanwhile (in the main thread), so that processes started inherit it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


class LocalExecutor:
    """A pool of ``workers`` processes (see ``pool``); one worker runs in the calling process."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPool | None = None

    def run(self, fn: JobFn, jobs: Sequence[Any]) -> Iterator[dict[str, Any]]:
        if self.workers == 1:
            for job in jobs:
                yield fn(job)
            return
        if self._pool is None:
            self._pool = ProcessPool(self.workers, pool_context())
        yield from self._pool.map_unordered(fn, jobs)

    def close(self, abort: bool = False) -> None:
        if self._pool is not None:
            self._pool.close(abort)
            self._pool = None


class DaskExecutor:
    """Runs on a Dask cluster at ``address``, or on a LocalCluster of ``workers`` processes."""

    def __init__(self, address: str | None, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BadInput("--executor", None, DASK_MISSING) from None
        self._cluster: Any = None
        self._closed = False
        if address:
            try:
                self.client = Client(address, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError, ValueError) as e:
                why = " ".join(str(e).split()) or type(e).__name__
                raise BadInput(
                    "--scheduler", None, f"cannot reach a Dask scheduler at {address}: {why}"
                ) from None
        else:
            with _sigint_ignored():  # its processes inherit it: Ctrl-C is the batch's to handle
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    # its HTTP server on any free port: no warning when 8787 is taken
                    dashboard_address=":0",
                    silence_logs=logging.CRITICAL,  # failures reach us as exceptions, not log lines
                )
            self.client = Client(self._cluster)
        self.workers = max(1, sum(self.client.nthreads().values()))

    def run(self, fn: JobFn, jobs: Sequence[Any]) -> Iterator[dict[str, Any]]:
        from distributed import as_completed as dask_completed

        if not jobs:
            return
        futures = self.client.map(fn, list(jobs), pure=False)
        try:
            for _, result in dask_completed(futures, with_results=True):
                yield result
        finally:
            self.client.cancel(futures)

    def close(self, abort: bool = False) -> None:
        if self._closed:
            return
        self._closed = True
        if abort:
            # stopping mid-run makes Dask log every cancelled task and closed connection
            for name in ("distributed", "tornado", "asyncio"):
                logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        with contextlib.suppress(Exception) if abort else contextlib.nullcontext():
            self.client.close(timeout=CLOSE_TIMEOUT_S if abort else None)
            if self._cluster is not None:
                self._cluster.close(timeout=CLOSE_TIMEOUT_S if abort else None)


def make_executor(kind: str, workers: int, scheduler: str | None) -> Executor:
    if kind == "local":
        if scheduler:
            raise BadInput("--scheduler", None, "only with --executor dask")
        return LocalExecutor(workers)
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    raise BadInput("--executor", None, f"unknown executor {kind!r} (known: local, dask)")

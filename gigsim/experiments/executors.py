"""Where runs execute: the calling process, a local process pool, or a Dask cluster.

Every executor takes the same jobs and the same function and yields results
as they complete; the runner sorts them afterwards, so results never depend
on the executor or the number of workers. Dask (``distributed``) is an
optional extra, imported only when asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, Protocol

from gigsim.errors import BadInput

JobFn = Callable[[Any], dict[str, Any]]
DASK_MISSING = "Dask is not installed: pip install 'gigsim[dask]'"
CONNECT_TIMEOUT_S = 5.0


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Executor(Protocol):
    workers: int

    def run(self, fn: JobFn, jobs: Sequence[Any]) -> Iterator[dict[str, Any]]: ...

    def close(self) -> None: ...


def _ignore_sigint() -> None:
    # Ctrl-C is the parent's to handle: it stops handing out jobs and keeps what finished.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalExecutor:
    """A process pool over ``workers`` cores; one worker runs in the calling process."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            # forkserver: safe with threads in the parent (the progress bar), cheap per worker
            ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            if ctx.get_start_method() == "forkserver":
                ctx.set_forkserver_preload(["gigsim.experiments.runs", "gigsim.report"])
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_ignore_sigint
            )
        return self._pool

    def run(self, fn: JobFn, jobs: Sequence[Any]) -> Iterator[dict[str, Any]]:
        if self.workers == 1:
            for job in jobs:
                yield fn(job)
            return
        pool = self._get_pool()
        futures: list[Future[dict[str, Any]]] = [pool.submit(fn, job) for job in jobs]
        try:
            for fut in as_completed(futures):
                yield fut.result()
        finally:
            for fut in futures:
                fut.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor:
    """Runs on a Dask cluster at ``address``, or on a LocalCluster of ``workers`` processes."""

    def __init__(self, address: str | None, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BadInput("--executor", None, DASK_MISSING) from None
        self._cluster: Any = None
        if address:
            try:
                self.client = Client(address, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError, ValueError) as e:
                why = " ".join(str(e).split()) or type(e).__name__
                raise BadInput(
                    "--scheduler", None, f"cannot reach a Dask scheduler at {address}: {why}"
                ) from None
        else:
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
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

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(kind: str, workers: int, scheduler: str | None) -> Executor:
    if kind == "local":
        if scheduler:
            raise BadInput("--scheduler", None, "only with --executor dask")
        return LocalExecutor(workers)
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    raise BadInput("--executor", None, f"unknown executor {kind!r} (known: local, dask)")

"""Where runs execute: the calling process, a local process pool, or a Dask cluster.

Every executor takes the same jobs and the same function and yields results
as they complete; the runner sorts them afterwards, so results never depend
on the executor or the number of workers. Dask (``distributed``) is an
optional extra, imported only when asked for.

Jobs go out in bounded chunks: an executor never holds more than about two
jobs per worker outstanding, so that a long experiment does not queue
every job (and its scenario) at once and an interruption has little to
cancel. ``FuturesExecutor`` runs on any ``concurrent.futures.Executor``
the caller owns; ``DaskExecutor`` on a Dask cluster (``--scheduler``, else
``DASK_SCHEDULER_ADDRESS``, else a local cluster) or on a caller's
``distributed.Client``, after checking that its workers run the same
gigsim and model version.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

import gigsim
from gigsim.errors import BadInput
from gigsim.experiments.pool import ProcessPool, pool_context
from gigsim.i18n import _, lazy

JobFn = Callable[[Any], dict[str, Any]]
DASK_MISSING = lazy("Dask is not installed: pip install 'gigsim[dask]'")
CONNECT_TIMEOUT_S = 5.0
CLOSE_TIMEOUT_S = 5.0
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
"""The environment variable naming a Dask scheduler when ``--scheduler`` is not given."""
JOBS_PER_WORKER = 2
"""Jobs outstanding per worker: enough to keep every worker busy, few enough to cancel."""


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
    """A pool of ``workers`` processes (see ``pool``); one worker runs in the calling process.

    With ``stop`` (asked every tenth of a second; True raises ``pool.Stopped``), even one worker
    is a process, so that stopping never waits for a job to finish.
    """

    def __init__(self, workers: int, stop: Callable[[], bool] | None = None) -> None:
        self.workers = workers
        self.stop = stop
        self._pool: ProcessPool | None = None

    def run(self, fn: JobFn, jobs: Sequence[Any]) -> Iterator[dict[str, Any]]:
        if self.workers == 1 and self.stop is None:
            for job in jobs:
                yield fn(job)
            return
        if self._pool is None:
            self._pool = ProcessPool(self.workers, pool_context())
        yield from self._pool.map_unordered(fn, jobs, self.stop)

    def close(self, abort: bool = False) -> None:
        if self._pool is not None:
            self._pool.close(abort)
            self._pool = None


def bounded(
    submit: Callable[[Any], Any],
    wait_first: Callable[[set[Any]], tuple[set[Any], set[Any]]],
    result: Callable[[Any], dict[str, Any]],
    jobs: Sequence[Any],
    limit: int,
) -> Iterator[dict[str, Any]]:
    """Results of ``jobs`` as they complete, with at most ``limit`` submitted and not yet done.

    ``submit`` returns a future for a job, ``wait_first`` splits the
    outstanding futures into (done, not done) once one is done, and
    ``result`` reads a done one. The executor cancels what is outstanding
    when its caller stops early.
    """
    todo = iter(jobs)
    outstanding: set[Any] = set()
    while True:
        for job in todo:
            outstanding.add(submit(job))
            if len(outstanding) >= limit:
                break
        if not outstanding:
            return
        done, outstanding = wait_first(outstanding)
        for future in done:
            yield result(future)


class FuturesExecutor:
    """Any ``concurrent.futures.Executor``, owned by the caller: this never shuts it down."""

    def __init__(self, pool: Any, workers: int | None = None) -> None:
        self.pool = pool
        self.workers = workers or getattr(pool, "_max_workers", None) or default_jobs()
        self.limit = max(1, JOBS_PER_WORKER * self.workers)
        self._outstanding: set[Any] = set()

    def run(self, fn: JobFn, jobs: Sequence[Any]) -> Iterator[dict[str, Any]]:
        from concurrent.futures import FIRST_COMPLETED, wait

        def submit(job: Any) -> Any:
            future = self.pool.submit(fn, job)
            self._outstanding.add(future)
            return future

        def wait_first(outstanding: set[Any]) -> tuple[set[Any], set[Any]]:
            done, rest = wait(outstanding, return_when=FIRST_COMPLETED)
            self._outstanding.difference_update(done)
            return set(done), set(rest)

        try:
            yield from bounded(submit, wait_first, lambda f: f.result(), jobs, self.limit)
        finally:
            self._cancel()

    def _cancel(self) -> None:
        for future in self._outstanding:
            future.cancel()
        self._outstanding.clear()

    def close(self, abort: bool = False) -> None:
        self._cancel()


def worker_versions() -> tuple[str, str]:
    """(gigsim version, model version) where this runs: what a Dask worker reports."""
    return gigsim.__version__, gigsim.MODEL_VERSION


def check_workers(client: Any, expected: tuple[str, str] | None = None) -> None:
    """Refuse a cluster whose workers run another gigsim or model version (one line, exit 2).

    Results would silently mix two models otherwise; a worker without gigsim
    at all cannot even read the check.
    """
    mine = expected or worker_versions()
    try:
        theirs = client.run(worker_versions)
    except Exception as e:  # a worker that cannot import gigsim fails to unpickle the check
        why = " ".join(str(e).split()) or type(e).__name__
        raise BadInput(
            "--scheduler",
            None,
            _("the Dask workers cannot run gigsim ({kind}: {why})").format(
                kind=type(e).__name__, why=why
            ),
        ) from None
    for worker, found in sorted(theirs.items()):
        if tuple(found) != tuple(mine):
            raise BadInput(
                "--scheduler",
                None,
                _(
                    "Dask worker {worker} runs gigsim {theirs} (model {their_model}), this is "
                    "gigsim {mine} (model {my_model}): install the same gigsim on every worker"
                ).format(
                    worker=worker,
                    theirs=found[0],
                    their_model=found[1],
                    mine=mine[0],
                    my_model=mine[1],
                ),
            )


class DaskExecutor:
    """Runs on a Dask cluster: a caller's ``client``, the scheduler at ``address`` (else
    ``DASK_SCHEDULER_ADDRESS``), or a LocalCluster of ``workers`` processes."""

    def __init__(self, address: str | None, workers: int, client: Any = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BadInput("--executor", None, str(DASK_MISSING)) from None
        self._cluster: Any = None
        self._closed = False
        self._own_client = client is None
        address = address or os.environ.get(SCHEDULER_ENV) or None
        if client is not None:
            self.client = client
        elif address:
            try:
                self.client = Client(address, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError, ValueError) as e:
                why = " ".join(str(e).split()) or type(e).__name__
                raise BadInput(
                    "--scheduler",
                    None,
                    _("cannot reach a Dask scheduler at {address}: {why}").format(
                        address=address, why=why
                    ),
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
        if self._cluster is None:
            try:
                check_workers(self.client)
            except BadInput:
                self.close()
                raise
        self.workers = max(1, sum(self.client.nthreads().values()))
        self._outstanding: set[Any] = set()

    def run(self, fn: JobFn, jobs: Sequence[Any]) -> Iterator[dict[str, Any]]:
        from distributed import wait as dask_wait

        def submit(job: Any) -> Any:
            future = self.client.submit(fn, job, pure=False)
            self._outstanding.add(future)
            return future

        def wait_first(outstanding: set[Any]) -> tuple[set[Any], set[Any]]:
            done, rest = dask_wait(list(outstanding), return_when="FIRST_COMPLETED")
            self._outstanding.difference_update(done)
            return set(done), set(rest)

        limit = max(1, JOBS_PER_WORKER * self.workers)
        try:
            yield from bounded(submit, wait_first, lambda f: f.result(), jobs, limit)
        finally:
            if self._outstanding:
                self.client.cancel(list(self._outstanding))
                self._outstanding.clear()

    def close(self, abort: bool = False) -> None:
        if self._closed:
            return
        self._closed = True
        if not self._own_client:
            if self._outstanding:
                with contextlib.suppress(Exception):
                    self.client.cancel(list(self._outstanding))
            return  # the caller's client: theirs to close
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
            raise BadInput("--scheduler", None, _("only with --executor dask"))
        return LocalExecutor(workers)
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    problem = _("unknown executor {name!r} (known: local, dask)").format(name=kind)
    raise BadInput("--executor", None, problem)

"""A process pool whose workers never outlive the batch that started them.

Each worker has its own pipe to the batch: it takes a job, runs it and sends
back the record, so a worker that dies (killed, out of memory) breaks only
its own pipe and is reported, and stopping the pool never waits on a job in
progress longer than it takes to end a process.

A worker exits when the batch dies, whatever killed it (kill -9 included):

- on Linux the kernel sends it SIGKILL when its parent dies
  (``prctl(PR_SET_PDEATHSIG)``); with the forkserver start method the parent
  is the fork server, which itself exits as soon as the batch is gone;
- a watchdog thread in every worker checks twice a second that its parent
  is still the one it started with (a dead parent's children are given to
  another process), for systems without ``prctl`` and for the moment
  between the fork and the ``prctl`` call;
- an idle worker also sees its pipe close.

Workers ignore Ctrl-C: the terminal sends it to the whole process group, and
it is the batch's to handle (it keeps finished runs and stops the workers).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from gigsim.experiments.interrupts import shielded

WATCH_EVERY_S = 0.5
STOP_WAIT_S = 2.0
STOP_POLL_S = 0.1
PR_SET_PDEATHSIG = 1


class WorkerDied(Exception):
    """A worker process ended while it had a job (killed, out of memory)."""


class Stopped(Exception):
    """The caller's stop check said to stop (``map_unordered``'s ``stop``): close the pool."""


def _die_with_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still ends the worker
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_EVERY_S)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="gigsim-parent-watch", daemon=True).start()


@contextlib.contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """``sys.stderr`` as a real file meanwhile, if it is not one (the game's, which Textual
    captures, has no descriptor): multiprocessing's helper processes are started with it, and
    refuse a stream without one ("bad value(s) in fds_to_keep")."""
    try:
        ok = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        ok = False
    if ok or sys.__stderr__ is None:
        yield
        return
    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = captured


def _portable(e: BaseException) -> BaseException:
    """The exception itself when it can be sent back to the batch, else a description of it."""
    try:
        pickle.loads(pickle.dumps(e))
    except Exception:
        return RuntimeError(f"{type(e).__name__}: {e}")
    return e


def _worker_main(conn: multiprocessing.connection.Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the batch is gone
        if message is None:
            return
        fn, job = message
        try:
            reply: tuple[str, Any] = ("ok", fn(job))
        except Exception as e:
            reply = ("error", _portable(e))
        try:
            conn.send(reply)
        except OSError:
            return


@dataclass
class _Worker:
    process: Any
    conn: multiprocessing.connection.Connection


def _death(process: Any) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        return f"a worker process was killed by signal {-code}"
    return f"a worker process exited unexpectedly (exit code {code})"


class ProcessPool:
    """``workers`` processes of the multiprocessing context ``ctx``, started on first use."""

    def __init__(self, workers: int, ctx: Any) -> None:
        self._ctx = ctx
        self._size = workers
        self._workers: list[_Worker] = []
        self._busy = False

    def _start(self) -> None:
        while len(self._workers) < self._size:
            mine, theirs = self._ctx.Pipe(duplex=True)
            process = self._ctx.Process(
                target=_worker_main, args=(theirs,), name="gigsim-worker", daemon=True
            )
            # A signal during start() takes effect once the worker is started and tracked,
            # so that close() ends it (a half-started process cannot be joined).
            with shielded(), _stderr_with_a_descriptor():
                process.start()
                self._workers.append(_Worker(process, mine))
                theirs.close()

    def map_unordered(
        self,
        fn: Callable[[Any], Any],
        jobs: Sequence[Any],
        stop: Callable[[], bool] | None = None,
    ) -> Iterator[Any]:
        """Run ``fn`` on every job; yield results as they come. Exceptions of ``fn`` re-raise.

        ``stop`` is asked every ``STOP_POLL_S`` while jobs run (for a caller in another
        thread than the one that must stop it, such as the game's); when it says True,
        ``Stopped`` is raised and the caller closes the pool, which ends the jobs in progress.
        """
        self._start()
        pending = deque(jobs)
        idle = list(self._workers)
        busy: dict[Any, _Worker] = {}
        self._busy = True
        while pending or busy:
            while idle and pending:
                w = idle.pop()
                try:
                    w.conn.send((fn, pending.popleft()))
                except OSError:  # it died after its last result, before this job (broken pipe)
                    w.process.join(STOP_WAIT_S)
                    raise WorkerDied(_death(w.process)) from None
                busy[w.conn] = w
            if stop is not None and stop():
                raise Stopped()
            waits = [*busy, *(w.process.sentinel for w in busy.values())]
            ready = multiprocessing.connection.wait(waits, None if stop is None else STOP_POLL_S)
            for w in [busy[r] for r in ready if r in busy]:
                del busy[w.conn]
                try:
                    kind, value = w.conn.recv()
                except (EOFError, OSError):
                    w.process.join(STOP_WAIT_S)
                    raise WorkerDied(_death(w.process)) from None
                if kind == "error":
                    raise value if isinstance(value, BaseException) else RuntimeError(value)
                idle.append(w)
                yield value
            for w in busy.values():
                if w.process.sentinel in ready and not w.conn.poll():
                    w.process.join(STOP_WAIT_S)
                    raise WorkerDied(_death(w.process))
        self._busy = False

    def close(self, abort: bool = False) -> None:
        """Stop the workers: politely when idle, at once when ``abort`` or a job is running."""
        abort = abort or self._busy
        self._workers = [w for w in self._workers if w.process.pid is not None]  # started ones
        for w in self._workers:
            if abort:
                if w.process.is_alive():
                    w.process.terminate()
            else:
                with contextlib.suppress(OSError):
                    w.conn.send(None)
        deadline = time.monotonic() + STOP_WAIT_S
        for w in self._workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()
        self._workers = []
        self._busy = False


def pool_context() -> Any:
    """forkserver where there is one (safe with the progress bar's thread, cheap per worker)."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(
            ["gigsim.experiments.runs", "gigsim.headless", "gigsim.experiments.strategy_play"]
        )
    return ctx

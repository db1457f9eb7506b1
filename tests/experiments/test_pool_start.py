"""A signal that lands while the pool starts its workers still stops the batch cleanly.

Ctrl-C in the first moments of a batch arrives while a worker process is
being started; the worker must then be tracked and ended, not left
half-known to the pool (which made closing it fail with "can only join a
started process").
"""

from __future__ import annotations

import os
import signal

import pytest

from gigsim.experiments import pool
from gigsim.experiments.interrupts import Interrupted, SignalGuard


def _double(x: int) -> int:
    return 2 * x


STARTED: list[object] = []


class SignalledDuringStart(pool.pool_context().Process):  # type: ignore[misc, name-defined]
    """A worker process whose start() is interrupted by the terminal's Ctrl-C."""

    def start(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        super().start()
        STARTED.append(self)


def test_ctrl_c_during_a_worker_start_ends_that_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = pool.pool_context()
    STARTED.clear()
    monkeypatch.setattr(ctx, "Process", SignalledDuringStart)
    workers = pool.ProcessPool(2, ctx)
    with SignalGuard(), pytest.raises(Interrupted):
        list(workers.map_unordered(_double, [1, 2, 3]))
    workers.close(abort=True)  # what the batch does on its way out: no AssertionError
    assert len(STARTED) == 1  # the signal took effect once the first worker was tracked
    assert all(not p.is_alive() for p in STARTED)  # type: ignore[attr-defined]


def test_a_pool_closes_when_nothing_was_started() -> None:
    workers = pool.ProcessPool(2, pool.pool_context())
    workers.close(abort=True)
    workers.close()


def test_a_worker_killed_between_two_jobs_is_a_dead_worker_not_a_broken_pipe() -> None:
    """A worker that dies after handing in a result fails the next send: that is WorkerDied."""
    from gigsim.experiments.runs import month_kpi_kind

    p = pool.ProcessPool(1, pool.pool_context())
    results = p.map_unordered(month_kpi_kind, ["rating", "label", "orders"])
    try:
        assert next(results) == "float"
        worker = p._workers[0].process
        worker.kill()  # between two jobs: its pipe is closed when the next one is sent
        worker.join()
        with pytest.raises(pool.WorkerDied, match="killed by signal 9"):
            next(results)
    finally:
        p.close(abort=True)


STDERR_WITHOUT_A_DESCRIPTOR = """
import io, sys
from gigsim.experiments import pool, runs

class Captured(io.StringIO):  # as Textual's capture of print() in the game: no descriptor
    def fileno(self) -> int:
        return -1

sys.stderr = Captured()
workers = pool.ProcessPool(2, pool.pool_context())
try:
    print(sorted(workers.map_unordered(runs.month_kpi_kind, ["rating", "label"])))
finally:
    workers.close()
print(type(sys.stderr).__name__)
"""


def test_the_pool_starts_where_stderr_has_no_descriptor() -> None:
    """The game's luck check starts the pool under Textual, whose stderr has no descriptor:
    multiprocessing's helpers refused it ("bad value(s) in fds_to_keep"). A fresh process,
    so that no helper started by another test hides it."""
    import subprocess
    import sys

    from .helpers import ROOT, subprocess_env

    done = subprocess.run(
        [sys.executable, "-c", STDERR_WITHOUT_A_DESCRIPTOR],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=subprocess_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["['float', 'str']", "Captured"]

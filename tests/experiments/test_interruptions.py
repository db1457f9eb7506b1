"""Ctrl-C (twice), SIGTERM and kill -9 of a real batch: no hang, no traceback, no process left.

Each test starts ``gigsim batch`` in its own session, waits until the
journal shows finished runs (progress it can see, not a sleep), signals it,
and then requires: the batch exits by itself with one line on stderr, the
manifest says "interrupted" (kill -9: "running", it cannot say more), every
finished run is still in the journal, no process of the session survives
it by more than a few seconds, and ``--resume`` gives the files of an
uninterrupted run.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .helpers import batch, manifest, outputs
from .procs import assert_session_ends, finish, lines, session_processes, start_batch, wait_until

ARGS = ["default", "--months", "2", "--reps", "12", "--seed", "3", "--jobs", "2"]
"""Runs long enough that signals land while some are in progress."""


def _records(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines()]


def _resumes_to_a_clean_run(capsys: pytest.CaptureFixture[str], out: Path, clean: Path) -> None:
    kept = _records(out)
    code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
    assert code == 0, err
    assert manifest(out)["status"] == "complete"
    final = _records(out)
    assert all(r in final for r in kept), "a finished run was lost"
    if not clean.exists():
        assert batch(capsys, *ARGS, "--out", str(clean))[0] == 0
    assert outputs(out) == outputs(clean)
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clean") / "out"


@pytest.mark.parametrize(("presses", "gap_s"), [(2, 0.05), (2, 0.2), (3, 0.1)])
def test_ctrl_c_twice_stops_at_once_with_one_line_and_resumes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: Path, presses: int, gap_s: float
) -> None:
    out = tmp_path / "out"
    proc = start_batch([*ARGS, "--out", str(out)])
    wait_until(lambda: lines(out / "runs.jsonl") >= 2, proc, "two runs were journalled")
    for _ in range(presses):
        if proc.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):  # as the terminal does: to the whole group
            os.killpg(proc.pid, signal.SIGINT)
        time.sleep(gap_s)
    code, err = finish(proc)
    assert code == 130, err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("interrupted; ") and "--resume finishes the rest" in err
    assert manifest(out)["status"] == "interrupted"
    assert_session_ends(proc.pid)
    _resumes_to_a_clean_run(capsys, out, clean)


def test_sigterm_is_handled_like_ctrl_c(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: Path
) -> None:
    out = tmp_path / "out"
    proc = start_batch([*ARGS, "--out", str(out)])
    wait_until(lambda: lines(out / "runs.jsonl") >= 2, proc, "two runs were journalled")
    proc.terminate()  # the batch only, as `kill PID` does
    code, err = finish(proc)
    assert code == 128 + signal.SIGTERM, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("interrupted; "), err
    assert manifest(out)["status"] == "interrupted"
    assert_session_ends(proc.pid)
    _resumes_to_a_clean_run(capsys, out, clean)


def test_workers_die_with_a_batch_killed_outright(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: Path
) -> None:
    out = tmp_path / "out"
    proc = start_batch([*ARGS, "--out", str(out)], stderr=subprocess.DEVNULL)
    wait_until(lambda: lines(out / "runs.jsonl") >= 2, proc, "two runs were journalled")
    assert len(session_processes(proc.pid)) >= 3, "the batch, its fork server and workers"
    proc.kill()  # the batch only, as the out-of-memory killer does: workers get no signal
    proc.wait(timeout=30)
    assert_session_ends(proc.pid, within_s=10)
    assert manifest(out)["status"] == "running"
    _resumes_to_a_clean_run(capsys, out, clean)


def _ppid(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def test_a_worker_killed_mid_run_is_one_line_and_the_rest_stops(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: Path
) -> None:
    out = tmp_path / "out"
    proc = start_batch([*ARGS, "--out", str(out)])
    wait_until(lambda: lines(out / "runs.jsonl") >= 2, proc, "two runs were journalled")
    pids = [int(p.split()[0]) for p in session_processes(proc.pid)]
    # workers are the fork server's children; the fork server and resource tracker the batch's
    workers = [p for p in pids if p != proc.pid and _ppid(_ppid(p)) == proc.pid]
    assert len(workers) == 2, pids
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer picks one
    code, err = finish(proc)
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: a worker process was killed by signal 9; "), err
    assert manifest(out)["status"] == "interrupted"
    assert_session_ends(proc.pid)
    _resumes_to_a_clean_run(capsys, out, clean)

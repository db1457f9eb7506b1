"""Ctrl-C (twice), SIGTERM and kill -9 of a real ``gigsim luck``: one line, no process left.

Each test starts ``gigsim luck`` in its own session, waits until its worker processes run
(they are what must not outlive it), signals it, and requires the command to exit by itself
with one line on stderr and every process of its session to be gone within seconds.
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

from .helpers import PYTHON, ROOT, subprocess_env
from .players import play
from .procs import assert_session_ends, finish, session_processes, wait_until

WORKERS = 2


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("luck")
    path = folder / "game.json"
    path.write_text(json.dumps(play(folder, months=1)))
    return path


def _start(save: Path) -> subprocess.Popen[bytes]:
    args = [PYTHON, "-m", "gigsim", "luck", str(save), "--seeds", "400", "--jobs", str(WORKERS)]
    return subprocess.Popen(
        args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=subprocess_env(),
        start_new_session=True,
    )


def _running(proc: subprocess.Popen[bytes]) -> None:
    """Wait until the workers run: the command, multiprocessing's two helpers, the workers."""
    wait_until(lambda: len(session_processes(proc.pid)) >= 3 + WORKERS, proc, "the workers ran")
    time.sleep(0.5)  # and have taken their first jobs


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_stops_it_at_once_with_one_line(save: Path, presses: int) -> None:
    proc = _start(save)
    _running(proc)
    for _ in range(presses):
        with contextlib.suppress(ProcessLookupError):  # as the terminal does: to the whole group
            os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.05)
    code, err = finish(proc)
    assert code == 130, err
    assert err.strip() == "interrupted", err
    assert_session_ends(proc.pid)


def test_sigterm_is_handled_like_ctrl_c(save: Path) -> None:
    proc = _start(save)
    _running(proc)
    proc.send_signal(signal.SIGTERM)
    code, err = finish(proc)
    assert code == 143, err
    assert err.strip() == "interrupted", err
    assert_session_ends(proc.pid)


def test_kill_9_leaves_no_worker_behind(save: Path) -> None:
    proc = _start(save)
    _running(proc)
    proc.kill()
    proc.wait()
    assert_session_ends(proc.pid)

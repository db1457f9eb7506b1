"""Ctrl-C, SIGTERM and kill -9 of a real ``gigsim class collect`` during its luck checks: one
line, no process left, nothing written (an earlier debrief stays as it was)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.classroom.helpers import hand_in, small_pack
from tests.experiments.helpers import PYTHON, ROOT, subprocess_env
from tests.experiments.procs import assert_session_ends, finish, session_processes, wait_until

WORKERS = 2


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("collect") / "results"
    pack = small_pack()
    for student in ("Aiko", "Ben", "Chie"):
        hand_in(pack, 1, student, "hand", folder)
    return folder


def _start(results: Path, out: Path) -> subprocess.Popen[bytes]:
    args = [PYTHON, "-m", "gigsim", "class", "collect", str(results), "--out", str(out)]
    args += ["--luck-seeds", "3000", "--jobs", str(WORKERS)]
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


def _earlier(out: Path) -> Path:
    out.mkdir()
    page = out / "class-debrief.html"
    page.write_text("an earlier debrief", encoding="utf-8")
    return page


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_stops_it_with_one_line_and_writes_nothing(
    results: Path, tmp_path: Path, presses: int
) -> None:
    page = _earlier(tmp_path / "out")
    proc = _start(results, tmp_path / "out")
    _running(proc)
    for _ in range(presses):
        with contextlib.suppress(ProcessLookupError):  # as the terminal does: to the whole group
            os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.05)
    code, err = finish(proc)
    assert code == 130 and err.strip() == "interrupted", err
    assert_session_ends(proc.pid)
    assert page.read_text("utf-8") == "an earlier debrief"
    assert sorted(p.name for p in page.parent.iterdir()) == ["class-debrief.html"]


def test_sigterm_is_handled_like_ctrl_c(results: Path, tmp_path: Path) -> None:
    page = _earlier(tmp_path / "out")
    proc = _start(results, tmp_path / "out")
    _running(proc)
    proc.send_signal(signal.SIGTERM)
    code, err = finish(proc)
    assert code == 143 and err.strip() == "interrupted", err
    assert_session_ends(proc.pid)
    assert page.read_text("utf-8") == "an earlier debrief"


def test_kill_9_leaves_no_worker_behind(results: Path, tmp_path: Path) -> None:
    page = _earlier(tmp_path / "out")
    proc = _start(results, tmp_path / "out")
    _running(proc)
    proc.kill()
    proc.wait()
    assert_session_ends(proc.pid)
    assert page.read_text("utf-8") == "an earlier debrief"

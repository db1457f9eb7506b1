"""Real batches in a subprocess: start one, wait for progress, signal it, find what it left running."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from .helpers import PYTHON, ROOT, subprocess_env

WAIT_S = 120.0
"""Generous: how long a condition may take on a slow, busy machine before the test fails."""


def start_batch(args: Sequence[str], **popen: object) -> subprocess.Popen[bytes]:
    """``gigsim batch ARGS`` as the leader of a new session (its workers stay in that session)."""
    opts: dict[str, object] = {
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.PIPE,
        "cwd": ROOT,
        "env": subprocess_env(),
        "start_new_session": True,
    }
    opts.update(popen)
    return subprocess.Popen([PYTHON, "-m", "gigsim", "batch", *args], **opts)  # type: ignore[call-overload,no-any-return]


def lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def wait_until(condition: object, proc: subprocess.Popen[bytes] | None, what: str) -> None:
    """Poll ``condition()`` until it holds; fail if ``proc`` ends first or the wait is too long."""
    deadline = time.monotonic() + WAIT_S
    while not condition():  # type: ignore[operator]
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            pytest.fail(f"the batch ended (exit {proc.returncode}) before {what}: {err}")
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT_S:.0f} s for {what}")
        time.sleep(0.005)


def session_processes(sid: int) -> list[str]:
    """Live (not zombie) processes of session ``sid``, as "pid name"."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :]
        fields = rest.split()
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.append(f"{d.name} {name}")
    return found


def assert_session_ends(sid: int, within_s: float = 15.0) -> None:
    """Every process of the session is gone within ``within_s`` seconds (then they are killed)."""
    deadline = time.monotonic() + within_s
    left = session_processes(sid)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = session_processes(sid)
    if left:
        for entry in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(entry.split()[0]), signal.SIGKILL)
    assert not left, f"still running {within_s:.0f} s after the batch ended: {left}"


def finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    """Wait for the batch to exit (it must, without help); its exit code and stderr."""
    try:
        _, err = proc.communicate(timeout=WAIT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the batch hung after the signal")
    return proc.returncode, err.decode("utf-8", "replace")

"""The real `gigsim` command in a pseudo-terminal: the dashboard appears and ctrl+q exits 0."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pty = pytest.importorskip("pty")


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_gigsim_starts_on_the_dashboard_and_quits_with_ctrl_q(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        TERM="xterm-256color",
        COLUMNS="80",
        LINES="24",
        GIGSIM_SAVE_DIR=str(tmp_path),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    env.pop("TEXTUAL", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command, as a player starts it
        os.execve(sys.executable, [sys.executable, "-m", "gigsim"], env)
    try:
        screen = _read_until(fd, b"Reputation", timeout=60)
        assert b"Reputation" in screen, screen[-2000:]
        os.write(fd, b"\x11")  # ctrl+q
        deadline = time.monotonic() + 20
        done, status = 0, 0
        while not done and time.monotonic() < deadline:
            _read_until(fd, b"\x00never", timeout=0.2)  # keep draining the terminal
            done, status = os.waitpid(pid, os.WNOHANG)
        assert done == pid and os.WIFEXITED(status), "gigsim did not exit"
        assert os.WEXITSTATUS(status) == 0
    finally:
        try:
            os.kill(pid, 9)  # only if it is still there
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)

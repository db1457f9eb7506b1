"""``gigsim serve`` in a subprocess for the tests: started on a free port, its games found
among the processes of its session, stopped by a signal."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.experiments.helpers import PYTHON, ROOT, subprocess_env
from tests.experiments.procs import assert_session_ends, session_processes

WAIT_S = 60.0
"""Generous: how long a server or a game may take on a slow, busy machine."""

QUIET = (
    "--set",
    "mechanisms.competitors=false",
    "--set",
    "mechanisms.public_requests=false",
    "--set",
    "mechanisms.inquiries=false",
    "--set",
    "mechanisms.risks=false",
)
"""A market where a month closes without a decision stopping time."""


@dataclass
class Served:
    proc: subprocess.Popen[str]
    url: str
    saves: Path

    def games(self) -> list[int]:
        """The game processes this server runs now (its session's processes but itself)."""
        pids = [int(entry.split()[0]) for entry in session_processes(self.proc.pid)]
        return [pid for pid in pids if pid != self.proc.pid]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(args: Sequence[str], saves: Path, lang: str = "en") -> Served:
    """``gigsim serve ARGS --port P`` on a free port, as the leader of a new session;
    returns once it listens. Another test taking the port first is retried on another."""
    env = subprocess_env()
    env["GIGSIM_SAVE_DIR"] = str(saves)
    env["GIGSIM_LANG"] = lang
    for _attempt in range(5):
        port = free_port()
        proc = subprocess.Popen(
            [PYTHON, "-m", "gigsim", "serve", *args, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the server's first line, once it listens
        if first.startswith("gigsim serve:"):
            return Served(proc, f"http://127.0.0.1:{port}/", saves)
        _, err = proc.communicate(timeout=WAIT_S)
        if "already in use" not in err:
            pytest.fail(f"gigsim serve did not start (exit {proc.returncode}): {first}{err}")
    pytest.fail("no free port for gigsim serve in 5 attempts")


def wait_for(condition: object, what: str, served: Served | None = None) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():  # type: ignore[operator]
        if served is not None and served.proc.poll() is not None:
            pytest.fail(f"the server ended (exit {served.proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT_S:.0f} s for {what}")
        time.sleep(0.05)


def stop(served: Served, number: int = signal.SIGINT) -> tuple[int, str]:
    """Signal the server; its exit code and stderr once it has ended by itself."""
    served.proc.send_signal(number)
    try:
        _, err = served.proc.communicate(timeout=WAIT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the server did not end within {WAIT_S:.0f} s of signal {number}")
    return served.proc.returncode, err


@contextlib.contextmanager
def serving(args: Sequence[str], saves: Path, lang: str = "en") -> Iterator[Served]:
    """A server for the length of a block; whatever happens in it, nothing is left running."""
    served = start_server(args, saves, lang)
    try:
        yield served
    finally:
        if served.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(served.proc.pid, signal.SIGKILL)
            served.proc.communicate()
        assert_session_ends(served.proc.pid)

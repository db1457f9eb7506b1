"""The Dask executor gives the same files as the local one, and an unreachable scheduler is bad input."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import distributed  # in the test extras (dask[distributed]): missing, these tests fail
import pytest

from .helpers import batch, manifest, outputs
from .procs import assert_session_ends, finish, lines, start_batch, wait_until


def test_dask_local_cluster_matches_local_pool(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["default", "--months", "1", "--reps", "4", "--seed", "6"]
    args += ["--sweep", "player.hours.weekday=1,3"]
    assert batch(capsys, *args, "--jobs", "2", "--out", str(tmp_path / "local"))[0] == 0
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        code, _, err = batch(
            capsys, *args, "--executor", "dask", "--scheduler", cluster.scheduler_address,
            "--out", str(tmp_path / "dask"),
        )  # fmt: skip
    assert code == 0, err
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")


def test_unreachable_scheduler_is_one_line_exit_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gigsim.experiments import executors

    monkeypatch.setattr(executors, "CONNECT_TIMEOUT_S", 1.0)
    out = tmp_path / "nowhere"
    code, _, err = batch(
        capsys, "textbook-queue", "--reps", "2", "--executor", "dask",
        "--scheduler", "tcp://127.0.0.1:9", "--out", str(out),
    )  # fmt: skip
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: --scheduler: cannot reach a Dask scheduler at tcp://127.0.0.1:9")
    assert not out.exists()


def test_ctrl_c_with_a_local_dask_cluster_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["default", "--months", "2", "--reps", "12", "--jobs", "2", "--executor", "dask"]
    proc = start_batch([*args, "--out", str(out)])
    wait_until(lambda: lines(out / "runs.jsonl") >= 2, proc, "two runs were journalled")
    os.killpg(proc.pid, signal.SIGINT)  # the terminal's Ctrl-C reaches every Dask process too
    code, err = finish(proc)
    assert code == 130
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("interrupted; ")
    assert manifest(out)["status"] == "interrupted"
    assert_session_ends(proc.pid)


def test_a_local_cluster_is_quiet_when_the_dashboard_port_is_taken(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import socket
    import warnings

    held = socket.socket()
    try:
        held.bind(("127.0.0.1", 8787))
        held.listen()
    except OSError:
        pass  # something else holds it already: the same situation
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code, _, err = batch(
                capsys, "textbook-queue", "--reps", "2", "--months", "1", "--executor", "dask",
                "--jobs", "1", "--out", str(tmp_path / "o"),
            )  # fmt: skip
    finally:
        held.close()
    assert code == 0, err
    assert "already in use" not in err
    assert not [w for w in caught if "already in use" in str(w.message)]

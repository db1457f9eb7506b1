"""Results do not depend on the number of workers, and a killed run resumes to the same files."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from .helpers import PYTHON, ROOT, batch, manifest, outputs
from .procs import lines, start_batch, wait_until

SWEEP = ("--sweep", "player.listings.0.price=3000,6000")


def test_one_worker_and_two_give_identical_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    common = ["default", "--months", "2", "--reps", "5", "--seed", "4", *SWEEP]
    assert batch(capsys, *common, "--jobs", "1", "--out", str(tmp_path / "j1"))[0] == 0
    assert batch(capsys, *common, "--jobs", "2", "--out", str(tmp_path / "j2"))[0] == 0
    one, two = outputs(tmp_path / "j1"), outputs(tmp_path / "j2")
    assert set(one) >= {"runs.csv", "months.csv", "summary.csv", "report.html", "runs.jsonl"}
    assert one == two


def _run_and_kill(out: Path, args: list[str], after_lines: int) -> None:
    """Start the batch, freeze it as soon as ``after_lines`` runs are journalled, then kill it.

    SIGSTOP first: the kill lands where the batch was seen, however fast the machine.
    """
    proc = start_batch([*args, "--out", str(out)], stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: lines(out / "runs.jsonl") >= after_lines, proc, "runs were journalled")
        os.killpg(proc.pid, signal.SIGSTOP)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def test_resume_after_a_kill_gives_the_files_of_an_uninterrupted_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["default", "default", "--months", "2", "--reps", "16", "--seed", "9", "--jobs", "2"]
    killed = tmp_path / "killed"
    _run_and_kill(killed, args, after_lines=4)
    kept = (killed / "runs.jsonl").read_bytes().count(b"\n")
    assert 4 <= kept < 32, "the kill should land in the middle of the run"
    assert manifest(killed)["status"] == "running"
    assert not (killed / "runs.csv").exists()

    # without --resume the folder is refused, untouched
    before = (killed / "runs.jsonl").read_bytes()
    code, _, err = batch(capsys, *args, "--out", str(killed))
    assert code == 2 and "--resume" in err and len(err.strip().splitlines()) == 1
    assert (killed / "runs.jsonl").read_bytes() == before

    code, _, _ = batch(capsys, *args, "--out", str(killed), "--resume")
    assert code == 0
    clean = tmp_path / "clean"
    assert batch(capsys, *args, "--out", str(clean))[0] == 0
    assert outputs(killed) == outputs(clean)
    assert manifest(killed)["status"] == "complete"


def test_torn_last_journal_line_is_cut_and_rerun(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["textbook-queue", "--months", "1", "--reps", "6", "--jobs", "1"]
    full, torn = tmp_path / "full", tmp_path / "torn"
    assert batch(capsys, *args, "--out", str(full))[0] == 0
    assert batch(capsys, *args, "--out", str(torn))[0] == 0
    lines = (torn / "runs.jsonl").read_bytes().splitlines(keepends=True)
    (torn / "runs.jsonl").write_bytes(b"".join(lines[:3]) + lines[3][:20])
    (torn / "runs.csv").unlink()
    assert batch(capsys, *args, "--out", str(torn), "--resume")[0] == 0
    assert outputs(torn) == outputs(full)


def test_batch_benchmark_quick_runs_and_prints_the_speed_up() -> None:
    proc = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "batch.py"), "--quick", "--workers", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "speed-up 2 workers / 1:" in proc.stdout
    assert "identical results: yes" in proc.stdout

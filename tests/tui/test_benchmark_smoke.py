"""Smoke test: benchmarks/game.py runs and prints its figures (speed is reported, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_game_benchmark_quick_runs() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "game.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "ratio gigsim / minimal:" in proc.stdout
    assert "advance a week on default" in proc.stdout

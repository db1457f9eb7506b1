"""Smoke test: the engine benchmark script runs and prints its ratios.

No timing is asserted: speed is reported by ``benchmarks/engine.py``, never tested.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_engine_benchmark_quick_runs_and_prints_ratios() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "engine.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "ratio engine/default / baseline:" in out
    assert "ratio engine/5000 / engine/50:" in out
    assert "ratio engine/100x50 / engine/50:" in out
    assert "baseline: bare SimPy M/M/1/K" in out

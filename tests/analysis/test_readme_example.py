"""The README's Python API example runs as written (so that it cannot rot)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the Python API section has one python example"
    return blocks[0]


def test_the_readme_example_runs_and_prints_its_tables() -> None:
    code = _example()
    assert "gigsim.run(" in code and "gigsim.batch(" in code
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "net_income" in out and "ci95_low" in out and "competitors" in out
    assert re.search(r"^\d+ \d+ events \d+ competitors$", out, flags=re.M), out

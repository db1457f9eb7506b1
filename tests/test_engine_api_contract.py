"""The engine's door: outside the engine, only gigsim.engine.api may be imported.

An import-linter contract in pyproject.toml forbids the command line, the
analyst API, the game, the batch and the headless run every other module
of ``gigsim.engine``. These tests check that the contract lists every such
module (a new engine module cannot slip past it) and that it does break
when one of them is imported.
"""

from __future__ import annotations

import json
import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import gigsim.engine

ROOT = Path(__file__).resolve().parents[1]
NAME = "Only gigsim.engine.api is the engine's door"
CONSUMERS = {
    "gigsim.cli",
    "gigsim.analysis",
    "gigsim.tui",
    "gigsim.experiments",
    "gigsim.headless",
    "gigsim.web",
    "gigsim.handin",
    "gigsim.classroom",
}


def _contract() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = [c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == NAME]
    assert len(found) == 1, f"pyproject.toml has no contract named {NAME!r}"
    return found[0]


def test_the_contract_forbids_every_engine_module_but_the_api() -> None:
    contract = _contract()
    on_disk = {
        f"gigsim.engine.{m.name}" for m in pkgutil.iter_modules(list(gigsim.engine.__path__))
    }
    assert "gigsim.engine.api" in on_disk
    expected = on_disk - {"gigsim.engine.api"}
    listed = set(contract["forbidden_modules"])  # type: ignore[arg-type]
    missing, extra = sorted(expected - listed), sorted(listed - expected)
    assert not missing, f"add {missing} to forbidden_modules of {NAME!r} in pyproject.toml"
    assert not extra, f"remove {extra} (no such module) from {NAME!r} in pyproject.toml"
    assert set(contract["source_modules"]) == CONSUMERS  # type: ignore[arg-type]
    assert contract["type"] == "forbidden"


def _lint(tree: Path, config: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "lint-imports"
    env = dict(os.environ, PYTHONPATH=str(tree))
    return subprocess.run(
        [str(tool if tool.exists() else "lint-imports"), str(config), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_contract_breaks_on_an_import_of_an_engine_module(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "gigsim", tree / "gigsim", ignore=shutil.ignore_patterns("__pycache__", "*.mo")
    )
    lines = [
        "[tool.importlinter]",
        'root_package = "gigsim"',
        "",
        "[[tool.importlinter.contracts]]",
    ]
    contract = _contract()
    for key, value in contract.items():
        lines.append(f"{key} = {json.dumps(value)}")  # JSON values are TOML values here
    config = tmp_path / "contract.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good = _lint(tree, config)
    assert good.returncode == 0, good.stdout + good.stderr

    headless = tree / "gigsim" / "headless.py"
    text = headless.read_text(encoding="utf-8")
    headless.write_text(
        text.replace(
            "from gigsim.errors import",
            "from gigsim.engine.facade import Engine as _E\nfrom gigsim.errors import",
            1,
        ),
        encoding="utf-8",
    )
    bad = _lint(tree, config)
    assert bad.returncode != 0, bad.stdout
    assert "BROKEN" in bad.stdout and "gigsim.headless -> gigsim.engine.facade" in bad.stdout

"""The layers hold, and the static checks pass: import contracts, ruff, mypy.

Nothing below the TUI imports Textual. Each check runs its tool from the
environment the tests run in (the test extras install them); a tool that is
missing, or a module the contracts name that does not exist, fails the test
instead of skipping it, so that no check can quietly stop being made.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

IMPORT_EVERYTHING_BELOW_THE_TUI = """
import importlib, pkgutil, sys
import gigsim, gigsim.model.scenario, gigsim.scenarios, gigsim.cli, gigsim.headless
import gigsim.engine, gigsim.model, gigsim.text, gigsim.web, gigsim.lessons, gigsim.handin
import gigsim.cli_lessons, gigsim.cli_class, gigsim.classroom
for pkg in (gigsim.engine, gigsim.model, gigsim.scenarios, gigsim.text, gigsim.web, gigsim.lessons,
            gigsim.handin, gigsim.classroom):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
# textual_serve (gigsim serve) is not Textual: it runs the game in processes of their own
textual = ("textual", "textual_plotext")
leaked = sorted(m for m in sys.modules if m.split(".")[0] in textual)
print("\\n".join(leaked))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _tool(name: str) -> str:
    """A console script from the running interpreter's environment, else from PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the test extras (pip install '.[test]')")
    return found


def test_model_engine_and_cli_do_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING_BELOW_THE_TUI],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"textual imported by: {result.stdout}"


def test_import_linter_contracts_hold() -> None:
    """Every contract is checked and kept (a contract naming a missing module fails too)."""
    result = subprocess.run(
        # no cache: a cache left by an earlier tree (a module since removed) fails or hides a contract
        [_tool("lint-imports"), "--no-cache"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", result.stdout)
    assert kept is not None and int(kept.group(1)) == _contracts(), result.stdout


def _contracts() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return len(config["tool"]["importlinter"]["contracts"])


def test_a_contract_on_a_missing_module_fails_rather_than_passes(tmp_path: Path) -> None:
    """import-linter itself says so when a contract names a module that is not there."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "gigsim"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "a module that does not exist"\ntype = "forbidden"\n'
        'source_modules = ["gigsim.no_such_module"]\nforbidden_modules = ["textual"]\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [_tool("lint-imports"), str(config), "--no-cache"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0, result.stdout
    assert "gigsim.no_such_module' does not exist" in result.stdout + result.stderr


def test_a_missing_tool_fails_the_check() -> None:
    with pytest.raises(pytest.fail.Exception, match="not installed"):
        _tool("gigsim-no-such-tool")


def test_mypy_finds_no_errors() -> None:
    """The type check configured in pyproject.toml (``[tool.mypy]``, the gigsim package).

    Its cache is the project's own ``.mypy_cache``, so a run after the first
    takes a second or two.
    """
    result = subprocess.run(
        [_tool("mypy")], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout, result.stdout


def test_ruff_is_clean() -> None:
    targets = [t for t in ("gigsim", "tests", "benchmarks") if (ROOT / t).is_dir()]
    result = subprocess.run(
        [_tool("ruff"), "check", *targets], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr

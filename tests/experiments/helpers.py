"""Shared helpers for the batch tests: run ``gigsim batch`` and compare output folders."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from gigsim.cli import main

ROOT = Path(__file__).resolve().parents[2]
TIMES = ("started", "finished")


def batch(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["batch", *args])
    out, err = capsys.readouterr()
    return code, out, err


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file of an --out folder, the manifest without its times."""
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    manifest = json.loads(files.pop("manifest.json"))
    for k in TIMES:
        manifest.pop(k)
    files["manifest.json"] = json.dumps(manifest, sort_keys=True).encode()
    return files


def manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "manifest.json").read_text())
    return data


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


PYTHON = sys.executable

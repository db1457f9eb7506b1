"""``gigsim luck SAVE``: its report in English and Japanese, and one line for every bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from gigsim import MODEL_VERSION
from gigsim.cli import main
from gigsim.engine import api
from gigsim.engine.api import Engine
from gigsim.scenarios import load_scenario

from .players import play


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("luck")
    path = folder / "game.json"
    path.write_text(json.dumps(play(folder, months=1), ensure_ascii=False, indent=1))
    return path


def luck(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["luck", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_report_in_each_language_fits_80_columns(
    capsys: pytest.CaptureFixture[str], save: Path, lang: str
) -> None:
    code, out, err = luck(capsys, str(save), "--seeds", "5", "--jobs", "2", "--lang", lang)
    assert code == 0, err
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    words = {
        "en": ("Luck check", "percentile", "your strategy", "default policy", "◀ your game"),
        "ja": (
            "運のチェック",
            "パーセンタイル",
            "あなたの戦略",
            "方針 default",
            "◀ あなたのゲーム",
        ),
    }[lang]
    for word in words:
        assert word in out, word
    assert "on 5 other seeds" in out if lang == "en" else "別のシード 5個" in out


def test_the_report_says_where_the_game_falls(
    capsys: pytest.CaptureFixture[str], save: Path
) -> None:
    code, out, err = luck(capsys, str(save), "--seeds", "5", "--jobs", "1", "--policy", "passive")
    assert code == 0, err
    assert "passive policy" in out and "default policy" not in out
    assert "Your strategy replayed on your own seed: the same result, exactly." in out
    histogram = [line for line in out.splitlines() if line.startswith("  ") and " to " in line]
    assert sum(int(line.split("◀")[0].split()[-1]) for line in histogram) == 5  # every seed
    assert sum("◀ your game" in line for line in histogram) == 1


def _edited(save: Path, folder: Path, change: Any) -> Path:
    data = json.loads(save.read_text())
    change(data)
    path = folder / "edited.json"
    path.write_text(json.dumps(data))
    return path


def _model(data: dict[str, Any]) -> None:
    data["model_version"] = "0.0-old"


def _seed(data: dict[str, Any]) -> None:
    data["seed"] += 1  # the journal then belongs to another market


def test_bad_saves_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], save: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(save.read_text()[:500])
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    fresh = tmp_path / "fresh.json"
    api.save_game(Engine(load_scenario("default"), 1, policy=None), fresh)
    cases = {
        str(tmp_path / "missing.json"): "no such file",
        str(broken): "corrupted or not JSON",
        str(tmp_path): "is a directory",
        str(fifo): "not a regular file",
        str(_edited(save, tmp_path, _model)): f"this gigsim runs model {MODEL_VERSION}",
        str(fresh): "no month of this game has closed yet",
    }
    for path, problem in cases.items():
        code, out, err = luck(capsys, path)
        assert code == 2, (path, err)
        assert err.count("\n") == 1 and err.startswith(f"error: {path}: "), err
        assert problem in err, err
        assert out == ""
    code, _, err = luck(capsys, str(_edited(save, tmp_path, _seed)))
    assert code == 2 and err.count("\n") == 1 and "does not replay" in err, err


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["--seeds", "4"], "error: --seeds: must be between 5 and 10000 (got 4)"),
        (["--seeds", "10001"], "error: --seeds: must be between 5 and 10000 (got 10001)"),
        (["--seeds", "many"], "error: gigsim luck: argument --seeds: must be a whole number"),
        (["--jobs", "0"], "error: --jobs: must be at least 1 (got 0)"),
        (["--policy", "lucky"], "error: --policy: unknown policy 'lucky'"),
        (["--policy", "fixed", "--policy", "active", "--policy", "passive"], "error: --policy:"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], save: Path, args: list[str], start: str
) -> None:
    code, out, err = luck(capsys, str(save), *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(start), err

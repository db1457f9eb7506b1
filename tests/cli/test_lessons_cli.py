"""`gigsim lessons` in both languages, and `gigsim play --lesson N` (the game is stood in for:
the command line is checked to start it on the lesson's scenario, seed and number)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from gigsim.cli import main
from gigsim.lessons import lesson, lessons


def test_lessons_lists_number_title_months_and_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lessons", "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    heads = [line for line in out if re.match(r"^ ?\d ", line)]
    assert len(heads) == 9 == len(lessons())
    assert heads[0] == " 1  The cold start and the first review (3 months)"
    assert heads[2] == " 3  Capacity and overcommitting (4 months)"
    assert out[1] == "    Why nobody buys from a new listing, and what the first review changes."
    assert all(cell_len(line) <= 80 for line in out)


def test_lessons_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "ja", "lessons"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == " 1  最初の注文と最初の評価 (3か月)"
    assert " 9  副業収入と税金 (6か月)" in out
    assert "    仮払いは何からあなたを守るのか、トラブルは何をもたらすのか。" in out
    assert all(cell_len(line) <= 80 for line in out)
    assert not re.search(r"[A-Za-z]{4,}", "".join(out))  # no English left


class Calls(list[dict[str, Any]]):
    folders: list[Any]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """What the command line starts the game with, instead of starting it (and in ``folders``,
    where its reports to hand in go)."""
    calls = Calls()

    def run_game(
        scenario: Any, seed: int = 1, source: str = "", lesson: int | None = None, **kw: Any
    ) -> int:
        calls.append({"scenario": scenario.name, "seed": seed, "source": source, "lesson": lesson})
        folders.append(kw.get("reports"))
        return 0

    folders: list[Any] = []
    calls.folders = folders

    import gigsim.tui.app

    monkeypatch.setattr(gigsim.tui.app, "run_game", run_game)
    return calls


def test_play_lesson_starts_the_lesson_on_its_scenario_and_seed(started: Calls) -> None:
    x = lesson(3)
    assert main(["play", "--lesson", "3"]) == 0
    assert main(["play", "--lesson", "3", "--seed", "7"]) == 0
    assert main(["play", "--lesson", "3", "--set", "player.listings.0.cap=3"]) == 0
    assert main(["play", "--seed", "5"]) == 0  # no lesson: as before
    assert started == [
        {"scenario": "lesson-3", "seed": x.seed, "source": "lesson-3", "lesson": 3},
        {"scenario": "lesson-3", "seed": 7, "source": "lesson-3", "lesson": 3},
        {"scenario": "lesson-3", "seed": x.seed, "source": "lesson-3", "lesson": 3},
        {"scenario": "default", "seed": 5, "source": "default", "lesson": None},
    ]
    assert started.folders == [Path.cwd()] * 4  # reports go where the game was started


def test_a_served_games_reports_stay_in_its_own_saves_folder(
    started: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A room's games run in the server's folder with the same names: `gigsim serve` gives each
    a saves folder of its own, and the game's reports go there (None: among its saves)."""
    import gigsim.web.child

    monkeypatch.setattr(gigsim.web.child, "exit_with_server", lambda: True)
    assert main(["play", "--lesson", "1"]) == 0
    assert started.folders == [None]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--lesson", "12"], "error: --lesson: no lesson 12: the lessons are 1 to 9"),
        (["--lesson", "0"], "error: --lesson: no lesson 0: the lessons are 1 to 9"),
        (["--lesson", "x"], "error: gigsim play: argument --lesson: must be a whole number"),
        (["default", "--lesson", "1"], "error: --lesson: a lesson is played on its own scenario"),
        (["--lesson", "1", "--seed", "-1"], "error: --seed: must be a whole number >= 0"),
        (["--lesson", "1", "--set", "player.listings.0.cap=99"], "error: --set: player.listings"),
    ],
)
def test_a_bad_lesson_is_one_line_and_exit_2(
    args: list[str], line: str, started: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(line) and err.count("\n") == 1, err
    assert started == []

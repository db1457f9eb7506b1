"""`gigsim class new` and `class validate`, `gigsim play --class PACK` (the game stood in for:
it is checked to start on the pack's lesson, seed, months and weights) and `gigsim serve
--class PACK` (each game's command); the weights change the score of the same game."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from gigsim.cli import main
from gigsim.engine.api import Engine
from gigsim.handin import build
from gigsim.lessons import Scorecard, lesson
from gigsim.lessons.pack import load_pack
from gigsim.lessons.progress import LessonProgress
from gigsim.scenarios import load_scenario
from gigsim.web.server import ServeOptions, game_argv

PACK = """\
name: Week 3
note: Read the card first.
lessons:
  - {lesson: 1, seed: 4, months: 2}
  - lesson: price-and-fees
    seed: 8
    months: 1
    weights: {hourly_wage: 25, net_income: 25}
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "week3.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def test_class_new_writes_a_pack_that_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["class", "new", "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "wrote class.yaml" and all(cell_len(x) <= 80 for x in out[:-1])
    pack = load_pack("class.yaml")
    assert pack.name == "My class" and [x.number for x in pack.lessons] == [1, 2, 3]
    assert [x.seed for x in pack.lessons] == [lesson(n).seed for n in (1, 2, 3)]
    argv = ["class", "new", "w.yaml", "--lessons", "capacity,8", "--seed", "7", "--months", "2",
            "--name", "Side gigs 101", "--note", "Bring headphones."]  # fmt: skip
    assert main(argv) == 0
    capsys.readouterr()
    pack = load_pack("w.yaml")
    assert [(x.number, x.seed, x.mission.months) for x in pack.lessons] == [(3, 7, 2), (8, 7, 2)]
    assert (pack.name, pack.note) == ("Side gigs 101", "Bring headphones.")
    assert main(["class", "validate", "w.yaml"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("ok: w.yaml\nclass 'Side gigs 101', pack " + pack.digest[:12])
    assert " 3  Capacity and overcommitting: seed 7, 2 months, pass mark 75" in shown


def test_class_new_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("a teacher's own pack", encoding="utf-8")
    assert main(["class", "new", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {path}: already exists: choose another name, or add --force to " \
                  "replace it\n"  # fmt: skip
    assert path.read_text("utf-8") == "a teacher's own pack"
    assert main(["class", "new", str(path), "--force", "--lessons", "4"]) == 0
    assert [x.number for x in load_pack(path).lessons] == [4]
    os.mkfifo(tmp_path / "fifo.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    for target, problem in (
        (tmp_path / "fifo.yaml", "is a FIFO"),
        (link, "is a symbolic link"),
        (tmp_path, "is a directory"),
        (tmp_path / "no" / "x.yaml", "does not exist"),
    ):
        assert main(["class", "new", str(target), "--force"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: {target}: ") and problem in err and err.count("\n") == 1
    assert link.is_symlink() and [x.number for x in load_pack(path).lessons] == [4]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--lessons", "1,12"], "error: --lessons: no lesson 12"),
        (["--lessons", "1,,2"], "error: --lessons: a comma-separated list"),
        (["--lessons", "1,1"], "error: --lessons: lesson 1 is in the pack twice"),
        (["--seed", "-3"], "error: --seed: must be >= 0"),
        (["--months", "40"], "error: --months: must be <= 36"),
        (["--name", ""], "error: --name: must not be empty"),
    ],
)
def test_class_new_bad_options_are_one_line(
    args: list[str], line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "p.yaml"
    assert main(["class", "new", str(target), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(line) and err.count("\n") == 1, err
    assert not target.exists()


def test_class_validate_a_bad_pack_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nlessons:\n  - {lesson: 1, weights: {rating: 50}}\n", "utf-8")
    assert main(["class", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}: lessons.0.weights (line 3): the weights add up to 135")
    assert err.count("\n") == 1


class Started(list[dict[str, Any]]):
    pass


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Started:
    calls = Started()

    def run_game(scenario: Any, seed: int = 1, source: str = "", lesson: Any = None, **_: Any):  # type: ignore[no-untyped-def]
        calls.append({"scenario": scenario.name, "seed": seed, "progress": lesson})
        return 0

    import gigsim.tui.app

    monkeypatch.setattr(gigsim.tui.app, "run_game", run_game)
    return calls


def test_play_class_starts_the_packs_lesson_on_its_seed_months_and_weights(
    pack: Path, started: Started
) -> None:
    assert main(["play", "--class", str(pack)]) == 0  # the pack's first lesson
    assert main(["play", "--class", str(pack), "--lesson", "2", "--student", " Aiko  Sato "]) == 0
    first, second = started
    assert (first["scenario"], first["seed"]) == ("lesson-1", 4)
    p1: LessonProgress = first["progress"]
    room = p1.classroom
    assert room is not None and p1.number == 1 and room.name == "Week 3" and room.student == ""
    assert room.digest == load_pack(pack).digest and room.note == "Read the card first."
    assert p1.lesson.mission.months == 2  # the pack's, not the lesson's 3
    assert (second["scenario"], second["seed"]) == ("lesson-2", 8)
    p2: LessonProgress = second["progress"]
    assert p2.classroom is not None and p2.classroom.student == "Aiko Sato"
    weights = {t.measure: t.weight for t in p2.lesson.mission.lines()}
    assert (weights["hourly_wage"], weights["net_income"]) == (25, 25)
    assert p2.save_fields()["class"]["weights"] == weights


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--lesson", "5"], "error: --lesson: lesson 5 is not in the class pack 'Week 3' "
                            "(its lessons: 1, 2)"),
        (["--seed", "3"], "error: --class: a class pack fixes each lesson's scenario and seed"),
        (["--set", "player.hours.weekday=3"], "error: --class: a class pack fixes"),
        (["default"], "error: --class: a class pack fixes"),
        (["--student", ""], "error: --student: must not be empty"),
        (["--student", "x" * 41], "error: --student: at most 40 characters"),
    ],
)  # fmt: skip
def test_a_bad_class_game_is_one_line(
    args: list[str], line: str, pack: Path, started: Started, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", "--class", str(pack), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(line) and err.count("\n") == 1, err
    assert started == []


def test_student_without_a_class_and_a_missing_pack(
    tmp_path: Path, started: Started, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", "--student", "Aiko"]) == 2
    assert capsys.readouterr().err == "error: --student: is for a class game: add --class PACK\n"
    missing = tmp_path / "none.yaml"
    assert main(["play", "--class", str(missing)]) == 2
    assert capsys.readouterr().err == f"error: {missing}: no such file\n"
    assert started == []


def test_serve_class_gives_each_game_the_pack_and_its_lesson(
    pack: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[ServeOptions] = []
    import gigsim.web.server

    monkeypatch.setattr(gigsim.web.server, "serve", lambda o, _root: served.append(o) or 0)
    monkeypatch.chdir(pack.parent)
    assert main(["serve", "--class", pack.name, "--lesson", "2"]) == 0
    assert main(["serve", "--lesson", "3"]) == 0
    assert main(["serve", "--class", pack.name]) == 0
    assert main(["serve", "--class", pack.name, "--no-tour"]) == 0
    with_pack, a_lesson, first, no_tour = served
    argv = game_argv(with_pack)
    assert argv[-4:] == ["--class", str(pack.resolve()), "--lesson", "2"]  # its full path
    assert "--seed" not in argv and "--set" not in argv
    assert game_argv(a_lesson)[-4:] == ["--lesson", "3", "--seed", str(lesson(3).seed)]
    assert game_argv(first)[-2:] == ["--lesson", "1"]
    assert game_argv(no_tour)[-5:] == ["--class", str(pack.resolve()), "--lesson", "1", "--no-tour"]
    assert main(["serve", "--class", pack.name, "--lesson", "7"]) == 2  # before serving
    assert "lesson 7 is not in the class pack" in capsys.readouterr().err
    assert len(served) == 4


def _card(pack_text: str, tmp_path: Path, engine: Engine) -> Scorecard:
    path = tmp_path / "p.yaml"
    path.write_text(pack_text, encoding="utf-8")
    pack = load_pack(path)
    report = build(engine, LessonProgress(2, classroom=pack.game(2, "Aiko")))
    assert report.scorecard is not None
    return report.scorecard


def test_the_packs_weights_change_the_score_of_the_same_game(tmp_path: Path) -> None:
    """One game (the same seed, the same play), scored with the lesson's weights and with a
    pack's that moves weight from the hourly wage to the net income and the rating."""
    x = lesson(2)
    engine = Engine(load_scenario(x.scenario), x.seed, policy="cheap-start")
    engine.advance_to(engine.month_end(1))
    own = _card("name: w\nlessons: [{lesson: 2, months: 1}]\n", tmp_path, engine)
    moved = _card(
        "name: w\nlessons:\n  - lesson: 2\n    months: 1\n"
        "    weights: {hourly_wage: 5, net_income: 25, rating: 30}\n",
        tmp_path,
        engine,
    )
    met = {line.target.measure: line.passed for line in own.lines}
    assert not met["hourly_wage"] and not met["net_income"] and met["rating"]
    assert [line.passed for line in moved.lines] == list(met.values())  # the same lines met
    assert own.score == sum(t.weight for t in lesson(2).mission.lines() if met[t.measure])
    assert moved.score == sum(line.target.weight for line in moved.lines if line.passed)
    assert moved.score == own.score - 10 + 30  # rating's weight 10 -> 30; the wage is not met
    assert moved.score > own.score

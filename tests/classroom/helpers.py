"""A class's results made by playing small headless games with the shipped policies, through
the public API, as a student's game writes them (``gigsim.handin``)."""

from __future__ import annotations

from pathlib import Path

from gigsim.engine.api import Engine
from gigsim.handin import build, write_report
from gigsim.lessons.pack import ClassPack, new_pack
from gigsim.lessons.progress import LessonProgress
from gigsim.scenarios import load_scenario

PLAYERS = {"Aiko": "cheap-start", "Ben": "passive", "Chie": "active"}
"""Three students, each played by a shipped policy."""


def small_pack(name: str = "Side gigs 101", seed: int | None = None) -> ClassPack:
    """Lessons 1 and 2 for one month each: quick games."""
    return new_pack([1, 2], name, "Play each lesson once.", seed=seed, months=1)


def play(
    pack: ClassPack, number: int, student: str, policy: str, seed: int | None = None
) -> Engine:
    """The student's game of the pack's lesson, played to its time limit by ``policy``."""
    x = pack.find(number)
    e = Engine(load_scenario(x.lesson.scenario), x.seed if seed is None else seed, policy=policy)
    e.advance_to(e.month_end(x.mission.months))
    return e


def hand_in(
    pack: ClassPack,
    number: int,
    student: str,
    policy: str,
    folder: Path,
    seed: int | None = None,
    stem: str | None = None,
) -> Path:
    """Play and write the student's result into ``folder``; its path."""
    e = play(pack, number, student, policy, seed)
    progress = LessonProgress(number, classroom=pack.game(number, student))
    folder.mkdir(parents=True, exist_ok=True)
    (path,) = write_report(
        build(e, progress), folder, stem or f"{student}-lesson{number}", ["json"]
    )
    return path


def class_folder(folder: Path, pack: ClassPack) -> dict[tuple[str, int], Path]:
    """Every student's result of lesson 1, and Aiko's and Ben's of lesson 2."""
    out = {}
    for student, policy in PLAYERS.items():
        out[(student, 1)] = hand_in(pack, 1, student, policy, folder)
    for student in ("Aiko", "Ben"):
        out[(student, 2)] = hand_in(pack, 2, student, PLAYERS[student], folder / "lesson2")
    return out

"""A class's results made by playing small headless games through the public API, as a
student's game writes them (``gigsim.handin``): played by the shipped policies, or by hand (a
script answering as a person at the keyboard would, which the luck check can replay)."""

from __future__ import annotations

from pathlib import Path

from gigsim.engine.api import AnswerDecision, EditListing, Engine
from gigsim.handin import build, write_report
from gigsim.lessons.pack import ClassPack
from gigsim.lessons.pack_file import new_pack
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


HANDS = {  # by hand: a price at the start, then how each public request is answered
    "Aiko": (2500, "propose_low"),
    "Ben": (5000, "skip"),
    "Chie": (3500, "propose_budget"),
}


def by_hand(pack: ClassPack, number: int, student: str) -> Engine:
    """The student's game played as a person would: the listing's price set on the first
    evening, every decision answered when time stops for it, to the mission's end."""
    x = pack.find(number)
    price, proposal = HANDS[student]
    e = Engine(load_scenario(x.lesson.scenario), x.seed, policy=None)
    end = e.month_end(x.mission.months)
    e.advance_to(0.8)
    e.apply(EditListing(e.snapshot().listings[0].id, price=price))
    while e.now < end:
        e.advance_until_decision(end)
        for d in e.snapshot().decisions:
            option = proposal if d.kind == "public_request" else d.options[0]
            e.apply(AnswerDecision(d.id, option if option in d.options else d.default))
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
    """Play (by ``policy``, or ``"hand"``) and write the student's result into ``folder``."""
    e = (
        by_hand(pack, number, student)
        if policy == "hand"
        else play(pack, number, student, policy, seed)
    )
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

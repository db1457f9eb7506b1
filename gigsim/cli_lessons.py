"""The command line's lessons and report: ``gigsim lessons``, ``gigsim play --lesson N``,
``gigsim play --class PACK`` and ``gigsim report SAVE``, beside ``gigsim.cli``.

Cheap to import, like ``gigsim.cli``: the lessons' files, the engine and
the report's modules load only inside the commands that use them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from gigsim.cli_args import DEFAULT_SEED, int_arg
from gigsim.errors import BadInput, ExitCode
from gigsim.i18n import _

Command = Callable[..., argparse.ArgumentParser]


def add_lessons(command: Command) -> None:
    command(
        "lessons",
        _("list the lessons: number, title, months and what each is about"),
        _(
            "List the shipped lessons in the order they build on each other. Start one with "
            "`gigsim play --lesson N`: the game shows its card, tracks its mission and ends "
            "with a mission report."
        ),
    )


def add_lesson_option(play: argparse.ArgumentParser, student: bool = True) -> None:
    """``--lesson N`` and ``--class PACK`` (and, for ``play``, ``--student NAME``)."""
    play.add_argument(
        "--lesson",
        type=int_arg,
        default=None,
        metavar="N",
        help=_(
            "play lesson N (see `gigsim lessons`) on its own scenario and, without --seed, "
            "its own seed; with --class, lesson N of the pack (default: none, or the pack's "
            "first lesson; e.g. --lesson 3)"
        ),
    )
    play.add_argument(
        "--class",
        dest="class_pack",
        default=None,
        metavar="PACK",
        help=_(
            "play a class pack (`gigsim class new` writes one): its lesson, its seed, its "
            "months and its scorecard weights, so that every student of the class faces the "
            "same market (default: none; e.g. --class week3.yaml)"
        ),
    )
    if student:
        play.add_argument(
            "--student",
            default=None,
            metavar="NAME",
            help=_(
                "with --class, your name as your teacher will see it in the collected "
                "results; without it, the game asks (default: none; e.g. --student 'Aiko Sato')"
            ),
        )


def add_report(command: Command) -> None:
    p = command(
        "report",
        _("write a game's report to hand in: Markdown, CSV and JSON, from a save"),
        _(
            "Write the report of a saved game: the scenario, the lesson and its mission's "
            "scorecard if it plays one, the monthly table and your decisions with their "
            "dates, as SAVE's name with .md, -months.csv and -decisions.csv, and the result "
            "a teacher collects (`gigsim class collect`) as -result.json. The save is "
            "replayed first; the files are written whole or not at all."
        ),
    )
    p.add_argument(
        "save",
        metavar="SAVE",
        help=_("a save file of the game (e.g. ~/.local/share/gigsim/saves/autosave-….json)"),
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help=_(
            "folder to write into, created if missing (default: the current folder; e.g. --out report)"
        ),
    )
    p.add_argument(
        "--format",
        default="md,csv,json",
        metavar="md,csv,json",
        help=_(
            "which files: md, csv, json or several, comma-separated (default: md,csv,json; "
            "e.g. --format md)"
        ),
    )


def cmd_lessons(args: argparse.Namespace) -> int:
    from gigsim.lessons.texts import lesson_list

    for line in lesson_list():
        print(line)
    return int(ExitCode.OK)


def cmd_report(args: argparse.Namespace) -> int:
    from gigsim.handin import report_command

    return report_command(args.save, args.out, args.format)


def lesson_game(args: argparse.Namespace) -> tuple[Any, int, str, Any] | None:
    """For ``play --lesson N`` or ``play --class PACK``: (scenario, seed, source, progress);
    None without either. The progress is the lesson's number, or with ``--class`` its
    ``LessonProgress`` on the pack.

    A SCENARIO beside ``--lesson`` is refused: the lesson names its own.
    """
    if getattr(args, "class_pack", None) is not None:
        return class_game(args)
    if getattr(args, "student", None) is not None:
        raise BadInput("--student", None, _("is for a class game: add --class PACK"))
    number = getattr(args, "lesson", None)
    if number is None:
        return None
    if getattr(args, "scenario", None) is not None:
        raise BadInput(
            "--lesson",
            None,
            _("a lesson is played on its own scenario: give either SCENARIO or --lesson"),
        )
    from gigsim.lessons import lesson
    from gigsim.scenarios import load_scenario

    chosen = lesson(number)
    scenario = load_scenario(chosen.scenario, getattr(args, "overrides", None) or ())
    seed = args.seed if args.seed is not None else chosen.seed
    return scenario, seed, chosen.scenario, number


def class_game(args: argparse.Namespace) -> tuple[Any, int, str, Any]:
    """For ``play --class PACK [--lesson N]``: the pack's lesson (its first by default) on its
    scenario and the pack's seed, months and weights. The pack fixes the market: a SCENARIO,
    ``--seed`` or ``--set`` beside it is refused."""
    for given, option in (
        (getattr(args, "scenario", None), "SCENARIO"),
        (getattr(args, "seed", None), "--seed"),
        (getattr(args, "overrides", None) or None, "--set"),
    ):
        if given is not None:
            raise BadInput(
                "--class",
                None,
                _(
                    "a class pack fixes each lesson's scenario and seed, so that every student "
                    "faces the same market: give no {option} beside it"
                ).format(option=option),
            )
    from gigsim.lessons.pack import check_student, load_pack
    from gigsim.lessons.progress import LessonProgress
    from gigsim.scenarios import load_scenario

    pack = load_pack(args.class_pack)
    number = getattr(args, "lesson", None)
    chosen = pack.lessons[0] if number is None else pack.find(number)
    student = getattr(args, "student", None)
    name = "" if student is None else check_student(student, "--student")
    progress = LessonProgress(chosen.number, classroom=pack.game(chosen.number, name))
    scenario = load_scenario(chosen.lesson.scenario)
    return scenario, chosen.seed, chosen.lesson.scenario, progress


def play_seed(args: argparse.Namespace) -> int:
    """The seed of a game without a lesson: ``--seed``, else the default."""
    seed = getattr(args, "seed", None)
    return DEFAULT_SEED if seed is None else int(seed)

"""The command line's lessons and report: ``gigsim lessons``, ``gigsim play --lesson N`` and
``gigsim report SAVE``, beside ``gigsim.cli``.

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


def add_lesson_option(play: argparse.ArgumentParser) -> None:
    play.add_argument(
        "--lesson",
        type=int_arg,
        default=None,
        metavar="N",
        help=_(
            "play lesson N (see `gigsim lessons`) on its own scenario and, without --seed, "
            "its own seed (default: none; e.g. --lesson 3)"
        ),
    )


def add_report(command: Command) -> None:
    p = command(
        "report",
        _("write a game's report to hand in: Markdown and CSV, from a save"),
        _(
            "Write the report of a saved game: the scenario, the lesson and its mission's "
            "scorecard if it plays one, the monthly table and your decisions with their "
            "dates, as SAVE's name with .md, -months.csv and -decisions.csv. The save is "
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
        default="md,csv",
        metavar="md,csv",
        help=_("which files: md, csv or both, comma-separated (default: md,csv; e.g. --format md)"),
    )


def cmd_lessons(args: argparse.Namespace) -> int:
    from gigsim.lessons.texts import lesson_list

    for line in lesson_list():
        print(line)
    return int(ExitCode.OK)


def cmd_report(args: argparse.Namespace) -> int:
    from gigsim.handin import report_command

    return report_command(args.save, args.out, args.format)


def lesson_game(args: argparse.Namespace) -> tuple[Any, int, str, int] | None:
    """For ``play --lesson N``: (scenario, seed, source, N); None without ``--lesson``.

    A SCENARIO beside ``--lesson`` is refused: the lesson names its own.
    """
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


def play_seed(args: argparse.Namespace) -> int:
    """The seed of a game without a lesson: ``--seed``, else the default."""
    seed = getattr(args, "seed", None)
    return DEFAULT_SEED if seed is None else int(seed)

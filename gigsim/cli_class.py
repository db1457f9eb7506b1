"""The command line's class: ``gigsim class new``, ``class validate`` and ``class collect``.

Cheap to import, like ``gigsim.cli``: the lessons, the engine and the
collector load only inside the commands (``gigsim.classroom.command``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from gigsim.cli_args import help_formatter, int_arg
from gigsim.i18n import _

Command = Callable[..., argparse.ArgumentParser]
DEFAULT_PACK = "class.yaml"
LUCK_SEEDS = 30
"""Other seeds of each student's luck check (``gigsim.classroom.luck.DEFAULT_SEEDS``)."""
DEFAULT_LESSONS = "1,2,3"


def add_class(command: Command, add_lang: Callable[[argparse.ArgumentParser], None]) -> None:
    p = command(
        "class",
        _("for teachers: write a class pack, check it, collect the students' results"),
        _(
            "A class pack is one YAML file: lessons, the seed of each (every student faces the "
            "same market), months and scorecard weights. `gigsim class new` writes one; "
            "students play it with `gigsim play --class PACK` (or in browsers, `gigsim serve "
            "--class PACK`) and hand in the result the report writes (e in the game); "
            "`gigsim class collect DIR` merges those results into a table, a leaderboard and "
            "a debrief page."
        ),
    )
    sub = p.add_subparsers(
        dest="class_command", metavar="ACTION", required=True, title=_("actions")
    )

    def action(name: str, help: str, description: str) -> argparse.ArgumentParser:
        a: argparse.ArgumentParser = sub.add_parser(
            name, help=help, description=description, formatter_class=help_formatter()
        )
        add_lang(a)
        return a

    _add_new(action)
    v = action(
        "validate",
        _("check a class pack and print its lessons, seeds, months and weights"),
        _("Check a class pack and print what it plays: each lesson, its seed, months, pass mark "
          "and weights, and the pack's digest, which every result of it carries."),
    )  # fmt: skip
    v.add_argument("pack", metavar="PACK", help=_("a class pack file (e.g. week3.yaml)"))
    _add_collect(action)


def _add_new(action: Callable[..., argparse.ArgumentParser]) -> None:
    n = action(
        "new",
        _("write a class pack: lessons, seeds, months, weights, a name and a note"),
        _(
            "Write a class pack with every value spelt out, ready to edit: each lesson's seed, "
            "months, pass mark and scorecard weights (the lesson's own unless given here). "
            "Written whole or not at all, and never over an existing file without --force."
        ),
    )
    n.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        default=DEFAULT_PACK,
        help=_("the file to write (default: {name})").format(name=DEFAULT_PACK),
    )
    n.add_argument(
        "--lessons",
        default=DEFAULT_LESSONS,
        metavar="N,N,…",
        help=_(
            "the lessons, by number or id, comma-separated (see `gigsim lessons`) "
            "(default: {lessons}; e.g. --lessons 1,capacity,8)"
        ).format(lessons=DEFAULT_LESSONS),
    )
    n.add_argument(
        "--seed",
        type=int_arg,
        default=None,
        help=_("one seed for every lesson (default: each lesson's own; e.g. --seed 7)"),
    )
    n.add_argument(
        "--months",
        type=int_arg,
        default=None,
        help=_("every lesson's months, 1-36 (default: each lesson's own; e.g. --months 3)"),
    )
    n.add_argument(
        "--name",
        default=None,
        help=_("the class's name (default: 'My class'; e.g. --name 'Side gigs 101')"),
    )
    n.add_argument(
        "--note",
        default="",
        help=_("a note to the students, shown on each lesson's card (default: none)"),
    )
    n.add_argument(
        "--force", action="store_true", help=_("replace PATH if it exists (default: off)")
    )


def _add_collect(action: Callable[..., argparse.ArgumentParser]) -> None:
    c = action(
        "collect",
        _("merge the students' results: a table, a leaderboard and a debrief page"),
        _(
            "Read every result (a file named …-result.json) in DIR and its subfolders (the "
            "saves folder of a room's served games too), keep the results of one class "
            "pack (each replayed from the save it carries, so that no figure is taken on "
            "trust), one per student and lesson, and write a tidy table (class-results.csv: "
            "a row a student and lesson) and a debrief page (class-debrief.html), and print "
            "a leaderboard. A file from another pack, a second result of a student's lesson "
            "or a damaged file is left out with one warning line."
        ),
    )
    c.add_argument("dir", metavar="DIR", help=_("the folder of the students' results"))
    c.add_argument(
        "--pack",
        metavar="PACK",
        default=None,
        help=_(
            "the class pack the results must be of (default: the pack most results name; "
            "e.g. --pack week3.yaml)"
        ),
    )
    c.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help=_(
            "folder to write class-results.csv and class-debrief.html into, created if missing "
            "(default: the current folder; e.g. --out debrief)"
        ),
    )
    c.add_argument(
        "--luck-seeds",
        type=int_arg,
        default=LUCK_SEEDS,
        metavar="N",
        help=_(
            "other seeds each student's luck check plays their strategy on, 5-10000, or 0 for "
            "no luck check (default: {n}; e.g. --luck-seeds 100)"
        ).format(n=LUCK_SEEDS),
    )
    c.add_argument(
        "--jobs",
        type=int_arg,
        default=None,
        metavar="N",
        help=_("worker processes for the luck checks (default: all cores; e.g. --jobs 2)"),
    )


def cmd_class(args: argparse.Namespace) -> int:
    from gigsim.classroom.command import class_command  # lazy: lessons and engine load here

    return class_command(args)

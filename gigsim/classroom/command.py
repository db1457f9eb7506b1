"""``gigsim class new``, ``class validate`` and ``class collect``: the teacher's commands.

Every file is written atomically after every target has been checked
(``gigsim.fileio``); a refused option, pack or folder is one ``BadInput``
line and nothing is written.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from gigsim.classroom.board import leaderboard, tidy_csv
from gigsim.classroom.collect import Collected, collect
from gigsim.classroom.debrief import debrief_html
from gigsim.classroom.luck import percentiles
from gigsim.errors import BadInput, ExitCode
from gigsim.experiments.luck import check_seeds
from gigsim.experiments.luck_command import Stopped, on_pool
from gigsim.fileio import check_target, remove_temps, write_atomic
from gigsim.i18n import _
from gigsim.lessons.pack import DIGEST_SHOWN, ClassPack, load_pack
from gigsim.lessons.pack_file import new_pack, pack_yaml
from gigsim.lessons.texts import SHORT, months_text
from gigsim.text.wrap import WIDTH, wrap

TABLE, PAGE = "class-results.csv", "class-debrief.html"
INTERRUPTED = 130


def pack_summary(pack: ClassPack) -> list[str]:
    """What a pack plays, a lesson on two lines: its number, title, seed, months and pass mark,
    then its weights."""
    out = wrap(
        _("class {name!r}, pack {digest}").format(
            name=pack.name, digest=pack.digest[:DIGEST_SHOWN]
        ),
        WIDTH,
    )
    for x in pack.lessons:
        m = x.mission
        facts = _("seed {seed}, {months}, pass mark {mark}").format(
            seed=x.seed, months=months_text(m.months), mark=m.pass_score
        )
        out += wrap(f"{x.number:>2}  {x.lesson.title}: {facts}", WIDTH)
        weights = " · ".join(f"{SHORT[t.measure]} {t.weight}" for t in m.lines())
        out += ["    " + line for line in wrap(weights, WIDTH - 4)]
    return out


def _lessons(text: str) -> list[int | str]:
    parts = [p.strip() for p in text.split(",")]
    if not all(parts):
        raise BadInput("--lessons", None, _("a comma-separated list of lessons (e.g. 1,2,3)"))
    return [int(p) if p.isdigit() else p for p in parts]


def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.path)
    check_target(path, "PATH")
    if path.exists() and not args.force:
        raise BadInput(
            str(path), None, _("already exists: choose another name, or add --force to replace it")
        )
    name = args.name if args.name is not None else _("My class")
    pack = new_pack(_lessons(args.lessons), name, args.note, args.seed, args.months)
    write_atomic(path, [pack_yaml(pack, path.name)], "PATH")
    print(_("wrote {path}").format(path=path))
    for line in pack_summary(pack):
        print(line)
    print(
        _(
            "Students: `gigsim play --class {file}`; a room in browsers: `gigsim serve --class {file}`"
        ).format(file=path)
    )
    return int(ExitCode.OK)


def cmd_validate(args: argparse.Namespace) -> int:
    pack = load_pack(args.pack)
    print(_("ok: {file}").format(file=args.pack))
    for line in pack_summary(pack):
        print(line)
    return int(ExitCode.OK)


def _out_folder(out: str | None) -> Path:
    folder = Path(out) if out else Path(".")
    if not folder.is_dir() and (folder.exists() or folder.is_symlink()):
        raise BadInput(str(folder), None, _("not a folder"))
    for name in (TABLE, PAGE):
        if folder.is_dir():
            check_target(folder / name, "--out")
    return folder


def write_collected(c: Collected, folder: Path) -> list[Path]:
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True)
        except OSError as e:
            problem = _("cannot create the folder: {why}").format(why=e.strerror or e)
            raise BadInput(str(folder), None, problem) from None
    paths = [folder / TABLE, folder / PAGE]
    for p in paths:
        check_target(p, "--out")
    write_atomic(paths[0], [tidy_csv(c)], "--out")
    write_atomic(paths[1], [debrief_html(c)], "--out")
    with contextlib.suppress(OSError):  # what a writer killed outright (kill -9) left of them
        remove_temps(folder, [p.name for p in paths])
    return paths


def _check_luck(args: argparse.Namespace) -> int:
    n = int(args.luck_seeds)
    if n != 0:
        check_seeds(n, "--luck-seeds")
    if args.jobs is not None and args.jobs < 1:
        raise BadInput("--jobs", None, _("must be at least 1 (got {n})").format(n=args.jobs))
    return n


def _warn(line: str) -> None:
    print("warning: " + line, file=sys.stderr, flush=True)


def luck_checks(c: Collected, n: int, jobs: int | None) -> int | None:
    """Each student's luck check on the batch runner's pool, with its progress bar; an exit
    code if it was stopped (Ctrl-C, SIGTERM: the workers end, nothing is written), else None."""
    luck = on_pool(jobs, lambda executor, bar: percentiles(c.results, n, executor, bar, _warn))
    if isinstance(luck, Stopped):
        return luck.code
    c.luck, c.luck_seeds = luck, n
    return None


def cmd_collect(args: argparse.Namespace) -> int:
    n = _check_luck(args)
    pack = load_pack(args.pack) if args.pack is not None else None
    folder = _out_folder(args.out)
    source = Path(args.dir)
    c = collect(source, pack)
    for line in c.warnings:
        _warn(line)
    if not c.results:
        raise BadInput(
            str(source),
            None,
            _("none of its results is of {what}").format(
                what=repr(pack.name) if pack is not None else _("a class pack")
            ),
        )
    if n:
        stopped = luck_checks(c, n, args.jobs)
        if stopped is not None:
            return stopped
    for line in leaderboard(c):
        print(line)
    print()
    for p in write_collected(c, folder):
        print(_("wrote {path}").format(path=p))
    return int(ExitCode.OK)


def class_command(args: argparse.Namespace) -> int:
    action = {"new": cmd_new, "validate": cmd_validate, "collect": cmd_collect}
    return action[args.class_command](args)

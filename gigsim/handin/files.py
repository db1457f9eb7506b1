"""Writing the hand-in report: ``<stem>.md``, ``<stem>-months.csv``, ``<stem>-decisions.csv`` and
``<stem>-result.json`` (the result a teacher collects).

Every file is written atomically (``gigsim.fileio.write_atomic``) after every
target has been checked, so a refused target (a folder, a link, a FIFO
under one of the names) writes nothing, and a failure never leaves half a
file. ``gigsim report SAVE`` replays the save first: a save that is missing,
damaged or not a regular file is one ``BadInput`` line and nothing is written.
The temporary files a writer killed outright (kill -9) left of the same
targets are removed once they are written whole; others' files stay.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from gigsim.engine import api
from gigsim.errors import BadInput, ExitCode
from gigsim.fileio import check_target, remove_temps, write_atomic
from gigsim.handin.build import Report, build
from gigsim.handin.render import decisions_csv, markdown, months_csv
from gigsim.handin.result import SUFFIX, result_json
from gigsim.i18n import _
from gigsim.lessons.progress import from_save

FORMATS = ("md", "csv", "json")
"""``--format`` values: the Markdown page; the two CSV tables; the result for the teacher."""


def parse_formats(text: str, option: str = "--format") -> tuple[str, ...]:
    """'md,csv' as a tuple of known formats, in the order given, each once."""
    chosen: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if part not in FORMATS:
            raise BadInput(
                option,
                None,
                _("unknown format {name!r} (known: {known})").format(
                    name=part, known=", ".join(FORMATS)
                ),
            )
        if part not in chosen:
            chosen.append(part)
    return tuple(chosen)


def report_paths(folder: Path, stem: str, formats: Sequence[str]) -> list[Path]:
    out = []
    if "md" in formats:
        out.append(folder / f"{stem}.md")
    if "csv" in formats:
        out += [folder / f"{stem}-months.csv", folder / f"{stem}-decisions.csv"]
    if "json" in formats:
        out.append(folder / f"{stem}{SUFFIX}")
    return out


def write_report(report: Report, folder: Path, stem: str, formats: Sequence[str]) -> list[Path]:
    """Write the report's files into ``folder`` (which must exist); return their paths."""
    paths = report_paths(folder, stem, formats)
    for p in paths:
        check_target(p, "--out")
    texts = {
        ".md": markdown,
        "-months.csv": months_csv,
        "-decisions.csv": decisions_csv,
        SUFFIX: result_json,
    }
    for p in paths:
        render = next(f for end, f in texts.items() if p.name.endswith(end))
        write_atomic(p, [render(report)], "--out")
    with contextlib.suppress(OSError):  # what a writer killed outright (kill -9) left of them
        remove_temps(folder, [p.name for p in paths])
    return paths


def _check_folder(out: str | None) -> Path:
    """The ``--out`` folder: refused at once when something else stands there."""
    folder = Path(out) if out else Path(".")
    if not folder.is_dir() and (folder.exists() or folder.is_symlink()):
        raise BadInput(str(folder), None, _("not a folder"))
    return folder


def _make_folder(folder: Path) -> Path:
    if folder.is_dir():
        return folder
    try:
        folder.mkdir(parents=True)
    except OSError as e:
        problem = _("cannot create the folder: {why}").format(why=e.strerror or e)
        raise BadInput(str(folder), None, problem) from None
    return folder


def load(path: Path) -> tuple[api.Engine, Report]:
    """Replay a save and read its report; every problem with the file is one ``BadInput``."""
    src = str(path)
    progress = from_save(api.read_header(path), src)
    try:
        engine = api.load_game(path)
    except BadInput:
        raise
    except Exception as e:  # a save that breaks the replay is still only a bad file
        problem = _("cannot replay: {error}").format(error=f"{type(e).__name__}: {e}")
        raise BadInput(src, None, problem) from None
    return engine, build(engine, progress)


def report_command(save: str, out: str | None, formats: str) -> int:
    """``gigsim report SAVE [--out DIR] [--format md,csv]``."""
    chosen = parse_formats(formats)
    path = Path(save)
    folder = _check_folder(out)
    _engine, report = load(path)
    folder = _make_folder(folder)
    paths = report_paths(folder, path.stem, chosen)
    for p in paths:
        if p.exists() and p.resolve() == path.resolve():
            raise BadInput(
                "--out", None, _("{path} is the save being read: choose another").format(path=p)
            )
    for p in write_report(report, folder, path.stem, chosen):
        print(_("wrote {path}").format(path=p))
    return int(ExitCode.OK)

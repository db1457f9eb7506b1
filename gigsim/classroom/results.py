"""Reading the results students hand in (``<stem>-result.json``), trusting only their games.

A result carries its game's save. Reading one replays that save (a few
tenths of a second for a lesson) and computes everything again from the
replay, with the very code that wrote it (``gigsim.handin``): the scorecard,
the months, the settings. A result whose figures differ from its replay was
edited, and is refused; so is one whose save does not replay to its
fingerprint. What the teacher sees is what the game did.

A result is checked against the class pack: its class's digest, its lesson
in the pack, its seed and its mission (months, pass mark, weights) the
pack's. Every refusal is a ``Skipped`` with one line saying why, never an
exception out of ``read_result``.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gigsim.engine import api
from gigsim.errors import BadInput
from gigsim.handin import build
from gigsim.handin.result import RESULT_FORMAT, RESULT_VERSION, result_dict
from gigsim.handin.settings import MonthSettings
from gigsim.i18n import _
from gigsim.lessons import Lesson, Scorecard
from gigsim.lessons.pack import DIGEST_SHOWN, ClassPack
from gigsim.lessons.progress import from_save

MAX_RESULT_BYTES = 40 * 1024 * 1024
"""A result is a save and its figures: a save may be 32 MiB."""
CHECKED = ("student", "seed", "scorecard", "months", "settings")
"""The keys of a result that must be what its replay gives."""


class Skipped(Exception):
    """A file that is not a result of this class, with why (one line)."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(why)
        self.path, self.why = path, why

    def line(self) -> str:
        return _("skipped {file}: {why}").format(file=self.path, why=" ".join(self.why.split()))


@dataclass(frozen=True)
class StudentResult:
    """One student's result of one lesson, as its replay gives it."""

    path: Path
    student: str
    lesson: Lesson  # with the pack's mission
    seed: int
    class_name: str
    digest: str
    scorecard: Scorecard
    currency: str
    months: tuple[dict[str, Any], ...]  # every closed month
    settings: tuple[MonthSettings, ...]  # every closed month
    save: dict[str, Any]
    t: float  # the game's day when the result was written

    @property
    def key(self) -> tuple[str, int]:
        """Who and which lesson: a second result of the same is a duplicate."""
        return (" ".join(self.student.split()).casefold(), self.lesson.number)

    @property
    def finished(self) -> bool:
        return self.scorecard.over

    @property
    def mission_months(self) -> tuple[dict[str, Any], ...]:
        return self.months[: self.lesson.mission.months]

    @property
    def mission_settings(self) -> tuple[MonthSettings, ...]:
        return self.settings[: self.lesson.mission.months]

    def value(self, measure: str) -> float | None:
        line = next((x for x in self.scorecard.lines if x.target.measure == measure), None)
        return None if line is None else line.value

    @property
    def net_income(self) -> int:
        return sum(int(m.get("net_income", 0)) for m in self.mission_months)


def _read(path: Path) -> Any:
    try:
        st = os.lstat(path)
    except OSError as e:
        raise Skipped(path, _("cannot read: {why}").format(why=e.strerror or e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise Skipped(path, _("not a regular file"))
    if st.st_size > MAX_RESULT_BYTES:
        raise Skipped(path, _("too large for a result ({n} bytes)").format(n=st.st_size))
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_RESULT_BYTES + 1)
        return json.loads(raw.decode("utf-8-sig"))
    except OSError as e:
        raise Skipped(path, _("cannot read: {why}").format(why=e.strerror or e)) from None
    except (UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        raise Skipped(path, _("corrupted or not JSON")) from None


def _check_shape(path: Path, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise Skipped(path, _("not a gigsim result (`gigsim report` and e in the game write one)"))
    if data.get("version") != RESULT_VERSION:
        shown = str(data.get("version"))[:20]
        raise Skipped(path, _("result version {v} is not supported").format(v=shown))
    room = data.get("class")
    if not isinstance(room, dict) or not isinstance(room.get("digest"), str):
        raise Skipped(
            path, _("not from a class pack (its game was not started with `--class PACK`)")
        )
    if not isinstance(data.get("save"), dict):
        raise Skipped(path, _("corrupted: it carries no save of its game"))
    return data


def _replay(path: Path, save: dict[str, Any]) -> tuple[api.Engine, Any]:
    src = _("{file}: its save").format(file=path)
    try:
        progress = from_save(save, src)
        engine = api.load_data(save, src)
    except BadInput as e:
        raise Skipped(path, e.line().removeprefix("error: ").removeprefix(src + ": ")) from None
    except Exception as e:  # a save that breaks the replay is still only a bad file
        raise Skipped(
            path, _("its save cannot be replayed: {error}").format(error=f"{type(e).__name__}: {e}")
        ) from None
    if progress is None or progress.classroom is None:
        raise Skipped(path, _("its save is not of a class game"))
    return engine, progress


def _normal(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


def _against_pack(path: Path, progress: Any, seed: int, pack: ClassPack | None) -> None:
    room = progress.classroom
    if pack is None:
        return
    if room.digest != pack.digest:
        raise Skipped(
            path,
            _("from another class pack ({name!r}, {digest}; this one is {mine})").format(
                name=room.name, digest=room.digest[:DIGEST_SHOWN], mine=pack.digest[:DIGEST_SHOWN]
            ),
        )
    mine = next((x for x in pack.lessons if x.number == progress.number), None)
    if mine is None:
        raise Skipped(path, _("lesson {n} is not in the pack").format(n=progress.number))
    if seed != mine.seed:
        raise Skipped(
            path,
            _("played on seed {got}; the pack's lesson {n} is seed {want}").format(
                got=seed, n=mine.number, want=mine.seed
            ),
        )
    if room.mission != mine.mission:
        raise Skipped(path, _("its mission is not the pack's (months, pass mark or weights)"))


def read_result(path: Path, pack: ClassPack | None = None) -> StudentResult:
    """A result file, replayed and checked (against ``pack`` if given); ``Skipped`` if not."""
    data = _check_shape(path, _read(path))
    engine, progress = _replay(path, data["save"])
    room = progress.classroom
    if data["class"].get("digest") != room.digest:
        raise Skipped(path, _("its class is not its save's: the file was edited"))
    _against_pack(path, progress, engine.seed, pack)
    report = build(engine, progress)
    again = result_dict(report)
    edited = [k for k in CHECKED if _normal(data.get(k)) != _normal(again[k])]
    if edited:
        raise Skipped(
            path,
            _("its {field} differs from its game's replay: the file was edited").format(
                field=edited[0]
            ),
        )
    assert report.lesson is not None and report.scorecard is not None  # a class game's
    return StudentResult(
        path=path,
        student=report.student,
        lesson=report.lesson,
        seed=engine.seed,
        class_name=room.name,
        digest=room.digest,
        scorecard=report.scorecard,
        currency=report.currency,
        months=report.months,
        settings=report.settings,
        save=data["save"],
        t=engine.now,
    )

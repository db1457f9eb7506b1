"""A class pack: one YAML file a teacher writes, so that a room plays the same lessons.

A pack names its lessons (by number or id), the seed of each (every student
faces the same market), each lesson's months (the mission's time limit),
its pass mark and its scorecard's weights (the lesson's own unless the pack
says otherwise), a class name and an optional teacher's note. It is read
and checked like a scenario file: one ``BadInput`` line naming the file, the
field (with its line) and the problem.

The pack's digest is a SHA-256 of its content once resolved (lessons by
number, every default filled in), not of its bytes: a comment or a layout
changed keeps it, a seed, a month, a weight or the note changed does not.
A game started on the pack records its name and digest (``ClassGame``), so
that a result collected later is checked against the pack.

Imports neither the engine nor the game.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from gigsim.errors import BadInput
from gigsim.i18n import _
from gigsim.lessons.catalogue import Lesson, Mission, TargetSpec, lessons
from gigsim.lessons.scorecard import MEASURES
from gigsim.scenarios.loading import validation_problem
from gigsim.scenarios.yaml_io import Path_, dotted, parse, read_file

PACK_VERSION = 1
NAME_LENGTH = 80
NOTE_LENGTH = 2000
STUDENT_LENGTH = 40
DIGEST_SHOWN = 12
"""Hex digits of the digest a table shows (the files keep all 64)."""


def _one_line(value: Any, most: int) -> Any:
    if not isinstance(value, str):
        return value
    text = " ".join(value.split())
    if not text:
        raise ValueError(_("must not be empty"))
    if len(text) > most:
        raise ValueError(_("at most {n} characters (got {got})").format(n=most, got=len(text)))
    if any(not c.isprintable() for c in text):
        raise ValueError(_("must be printable text"))
    return text


class PackLesson(BaseModel):
    """One lesson of a pack; what it leaves out is the lesson's own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lesson: StrictInt | str
    """The lesson's number or id (see ``gigsim lessons``)."""
    seed: StrictInt | None = Field(None, ge=0, le=2**32 - 1)
    months: StrictInt | None = Field(None, ge=1, le=36)
    pass_score: StrictInt | None = Field(None, ge=1, le=100)
    weights: dict[str, Annotated[StrictInt, Field(ge=1, le=100)]] | None = None
    """Weights of the scorecard's lines; a line left out keeps the lesson's weight."""


class PackFile(BaseModel):
    """A pack file as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: StrictInt = PACK_VERSION
    name: str
    note: str = ""
    lessons: list[PackLesson] = Field(min_length=1, max_length=99)

    @field_validator("version")
    @classmethod
    def _version(cls, value: int) -> int:
        if value != PACK_VERSION:
            raise ValueError(
                _("pack version {got} is not supported (this gigsim reads {want})").format(
                    got=value, want=PACK_VERSION
                )
            )
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: Any) -> Any:
        return _one_line(value, NAME_LENGTH)

    @field_validator("note")
    @classmethod
    def _note(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if len(value) > NOTE_LENGTH:
                raise ValueError(
                    _("at most {n} characters (got {got})").format(n=NOTE_LENGTH, got=len(value))
                )
            if any(not (c.isprintable() or c == "\n") for c in value):
                raise ValueError(_("must be printable text"))
        return value


@dataclass(frozen=True)
class ClassLesson:
    """A lesson as the pack plays it: the lesson, its seed and its mission (months, pass mark,
    weights)."""

    lesson: Lesson
    seed: int
    mission: Mission

    @property
    def number(self) -> int:
        return self.lesson.number


@dataclass(frozen=True)
class ClassPack:
    name: str
    note: str
    lessons: tuple[ClassLesson, ...]
    digest: str

    def find(self, number: int, option: str = "--lesson") -> ClassLesson:
        """The pack's lesson of that number, or one ``BadInput`` line listing the pack's."""
        for x in self.lessons:
            if x.number == number:
                return x
        listed = ", ".join(str(x.number) for x in self.lessons)
        raise BadInput(
            option,
            None,
            _("lesson {n} is not in the class pack {name!r} (its lessons: {listed})").format(
                n=number, name=self.name, listed=listed
            ),
        )

    def game(self, number: int, student: str = "") -> ClassGame:
        x = self.find(number)
        return ClassGame(self.name, self.digest, x.mission, self.note, student)

    def content(self) -> dict[str, Any]:
        """The resolved content the digest is taken of (and ``pack_yaml`` writes)."""
        return {
            "version": PACK_VERSION,
            "name": self.name,
            "note": self.note,
            "lessons": [
                {
                    "lesson": x.number,
                    "seed": x.seed,
                    "months": x.mission.months,
                    "pass_score": x.mission.pass_score,
                    "weights": {t.measure: t.weight for t in x.mission.lines()},
                }
                for x in self.lessons
            ],
        }


@dataclass(frozen=True)
class ClassGame:
    """What a game started on a pack keeps of it (the save's ``class`` field): the pack's name,
    digest and note, the lesson's mission as the pack sets it, and the student's name."""

    name: str
    digest: str
    mission: Mission
    note: str = ""
    student: str = ""

    @property
    def short_digest(self) -> str:
        return self.digest[:DIGEST_SHOWN]

    def to_save(self) -> dict[str, Any]:
        m = self.mission
        return {
            "name": self.name,
            "digest": self.digest,
            "note": self.note,
            "student": self.student,
            "months": m.months,
            "pass_score": m.pass_score,
            "weights": {t.measure: t.weight for t in m.lines()},
        }


def check_student(name: str, source: str) -> str:
    """A student's name as the results show it: one line of printable text, not too long."""
    try:
        return str(_one_line(name, STUDENT_LENGTH))
    except ValueError as e:
        raise BadInput(source, None, str(e)) from None


def digest_of(content: Mapping[str, Any]) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class MissionError(ValueError):
    """A pack's mission refused: ``key`` is the field of the pack's lesson at fault."""

    def __init__(self, key: tuple[str, ...], problem: str) -> None:
        super().__init__(problem)
        self.key = key


def class_mission(
    lesson: Lesson,
    months: int | None = None,
    pass_score: int | None = None,
    weights: Mapping[str, int] | None = None,
) -> Mission:
    """The lesson's mission with a pack's months, pass mark and weights (the lesson's own where
    they are None), checked as a lesson's mission is; ``MissionError`` says what is wrong."""
    own = lesson.mission
    given = dict(weights or {})
    for measure, weight in given.items():
        if measure not in own.targets:
            close = difflib.get_close_matches(measure, list(own.targets), n=1)
            hint = _("; did you mean {name!r}?").format(name=close[0]) if close else ""
            problem = _("lesson {n} has no {name!r} line (its lines: {known}){hint}").format(
                n=lesson.number, name=measure[:40], known=", ".join(own.targets), hint=hint
            )
            raise MissionError(("weights", measure), problem)
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 100:
            problem = _("must be a whole number from 1 to 100 (got {value})")
            raise MissionError(("weights", measure), problem.format(value=str(weight)[:20]))
    targets = {
        m: TargetSpec(target=t.target, weight=given.get(m, t.weight))
        for m, t in own.targets.items()
    }
    total = sum(t.weight for t in targets.values())
    if total != 100:
        own_weights = ", ".join(f"{m} {t.weight}" for m, t in own.targets.items())
        problem = _("the weights add up to {total}, not 100 (lesson {n}'s own: {weights})").format(
            total=total, n=lesson.number, weights=own_weights
        )
        raise MissionError(("weights",), problem)
    mark = own.pass_score if pass_score is None else pass_score
    idle = sum(t.weight for m, t in targets.items() if MEASURES[m] == "at_most")
    if idle >= mark:
        problem = _(
            "a player who does nothing meets the lines worth {idle} (no dispute, no overtime, "
            "…), which passes {mark}: raise the pass mark or lower those lines' weights"
        ).format(idle=idle, mark=mark)
        raise MissionError(("pass_score",) if pass_score is not None else ("weights",), problem)
    return Mission(
        months=own.months if months is None else months, pass_score=mark, targets=targets
    )


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def _field(path: Path_, lines: Mapping[Path_, int]) -> str | None:
    for n in range(len(path), 0, -1):
        line = lines.get(path[:n])
        if line:
            return dotted(path) + " (" + _("line {n}").format(n=line) + ")"
    return dotted(path) or None


def _find_lesson(value: int | str) -> Lesson:
    found = lessons()
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int):
        if 1 <= value <= len(found):
            return found[value - 1]
        raise ValueError(
            _("no lesson {n}: the lessons are 1 to {last} (see `gigsim lessons`)").format(
                n=value, last=len(found)
            )
        )
    for x in found:
        if x.id == value.strip():
            return x
    close = difflib.get_close_matches(value, [x.id for x in found], n=1)
    hint = _("; did you mean {name!r}?").format(name=close[0]) if close else ""
    raise ValueError(_("no lesson {name!r}{hint}").format(name=value[:40], hint=hint))


def resolve(file: PackFile, source: str, lines: Mapping[Path_, int]) -> ClassPack:
    """A checked pack file as the pack it plays: each lesson found, its defaults filled in."""
    out: list[ClassLesson] = []
    for i, entry in enumerate(file.lessons):
        try:
            lesson = _find_lesson(entry.lesson)
        except ValueError as e:
            raise BadInput(source, _field(("lessons", i, "lesson"), lines), str(e)) from None
        if any(x.number == lesson.number for x in out):
            raise BadInput(
                source,
                _field(("lessons", i, "lesson"), lines),
                _("lesson {n} is in the pack twice").format(n=lesson.number),
            )
        try:
            mission = class_mission(lesson, entry.months, entry.pass_score, entry.weights)
        except MissionError as e:
            raise BadInput(source, _field(("lessons", i, *e.key), lines), str(e)) from None
        seed = lesson.seed if entry.seed is None else entry.seed
        out.append(ClassLesson(lesson, seed, mission))
    pack = ClassPack(file.name, file.note, tuple(out), "")
    return ClassPack(pack.name, pack.note, pack.lessons, digest_of(pack.content()))


def parse_pack(text: str, source: str) -> ClassPack:
    """A pack from its YAML text; every problem is one ``BadInput`` line."""
    data, lines = parse(text, source)
    if not isinstance(data, dict):
        raise BadInput(source, None, _("a class pack is a mapping (name:, lessons:, …)"))
    try:
        file = PackFile.model_validate(data)
    except ValidationError as e:
        errors = sorted(e.errors(), key=lambda err: err["type"] != "extra_forbidden")
        err = errors[0]  # a misspelt key first: it is why a field seems missing
        loc: Path_ = tuple(err["loc"])
        if len(loc) == 4 and loc[2] == "lesson":  # the number-or-id union names its branch
            loc = loc[:3]
        raise BadInput(source, _field(loc, lines), _pack_problem(err, loc)) from None
    return resolve(file, source, lines)


def _pack_problem(err: Any, loc: Path_) -> str:
    if loc[-1:] == ("lesson",) and len(loc) == 3 and err["type"] != "missing":
        return _("must be a lesson's number or id (got {value})").format(
            value=str(err.get("input"))[:40]
        )
    if err["type"] == "too_short":
        return _("must list at least one lesson")
    if err["type"] == "too_long":
        return _("lists more than {n} lessons").format(n=err.get("ctx", {}).get("max_length"))
    if err["type"] == "extra_forbidden":
        fields = PackLesson.model_fields if "lessons" in loc[:1] and len(loc) > 2 else None
        known = list(fields or PackFile.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        if close:
            return _("unknown key; did you mean {name!r}?").format(name=close[0])
        return _("unknown key")
    return validation_problem(err)


def load_pack(path: str | Path, option: str | None = None) -> ClassPack:
    """Read and check a pack file (``option`` names the command line's option in errors about
    the file's existence; the file's own problems name the file)."""
    p = Path(path)
    if p.is_dir():
        raise BadInput(str(p), None, _("is a directory, not a class pack"))
    return parse_pack(read_file(p, str(p)), str(p))

"""The lesson a game is playing, as its save file keeps it (the ``lesson`` and ``class`` fields).

A save of a lesson game holds ``{"number": 3, "id": "capacity", "reported":
false}`` beside the engine's own fields: which lesson, and whether the
mission report has been shown (a game loaded after its time limit does not
show it again). A game started on a class pack also holds the pack's name,
digest and note, the student's name and the mission as the pack sets it
(months, pass mark, weights) under ``class``, so that it loads and scores
the same without the pack file. A save without the fields is a game without
a lesson, as every save made before lessons existed is. A field that names
no lesson, a lesson played on another scenario than the save's, or a class
whose mission the lesson cannot have, is one ``BadInput`` line, like any
other damage to a save.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gigsim.errors import BadInput
from gigsim.lessons.catalogue import Lesson, lessons
from gigsim.lessons.pack import NAME_LENGTH, NOTE_LENGTH, STUDENT_LENGTH, ClassGame, MissionError
from gigsim.lessons.pack import class_mission as _class_mission

SAVE_KEY = "lesson"
"""The save file's field that holds a lesson game's progress."""
CLASS_KEY = "class"
"""The save file's field that holds the class pack a lesson game was started on."""


@dataclass(frozen=True)
class LessonProgress:
    number: int
    reported: bool = False
    """Whether the mission report was shown when the time limit was reached."""
    classroom: ClassGame | None = None
    """The class pack the game was started on, if any: its mission replaces the lesson's."""

    @property
    def lesson(self) -> Lesson:
        """The lesson, with the class pack's mission when the game plays one."""
        own = lessons()[self.number - 1]
        if self.classroom is None:
            return own
        return own.model_copy(update={"mission": self.classroom.mission})

    def with_student(self, name: str) -> LessonProgress:
        if self.classroom is None:
            return self
        return replace(self, classroom=replace(self.classroom, student=name))

    def shown(self) -> LessonProgress:
        return replace(self, reported=True)

    def rewound(self, month: int) -> LessonProgress:
        """The progress of a game rewound to the start of ``month`` (1-based): a mission whose
        last month is played again reports again."""
        return replace(self, reported=self.reported and month > self.lesson.mission.months)

    def to_save(self) -> dict[str, Any]:
        return {"number": self.number, "id": self.lesson.id, "reported": self.reported}

    def save_fields(self) -> dict[str, Any]:
        """The save's fields of this progress: the lesson's, and the class's if any."""
        fields = {SAVE_KEY: self.to_save()}
        if self.classroom is not None:
            fields[CLASS_KEY] = self.classroom.to_save()
        return fields


def from_save(data: dict[str, Any], src: str) -> LessonProgress | None:
    """A save's lesson (None for a game without one), checked against the save's scenario."""
    value = data.get(SAVE_KEY)
    if value is None:
        return None
    found = lessons()
    if not isinstance(value, dict):
        raise BadInput(src, SAVE_KEY, "must be a mapping with the lesson's number")
    number = value.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= len(found):
        raise BadInput(
            src, f"{SAVE_KEY}.number", f"{str(number)[:20]} is not a lesson (1 to {len(found)})"
        )
    lesson = found[number - 1]
    if value.get("id") not in (None, lesson.id):
        raise BadInput(
            src,
            f"{SAVE_KEY}.id",
            f"lesson {number} is {lesson.id!r}, not {str(value['id'])[:40]!r}",
        )
    reported = value.get("reported", False)
    if not isinstance(reported, bool):
        raise BadInput(src, f"{SAVE_KEY}.reported", "must be true or false")
    summary = data.get("summary")
    scenario = data.get("scenario")
    name = (
        summary.get("scenario_name")
        if isinstance(summary, dict)
        else scenario.get("name")
        if isinstance(scenario, dict)
        else None
    )
    if name != lesson.scenario:
        raise BadInput(
            src,
            SAVE_KEY,
            f"lesson {number} is played on {lesson.scenario}, but this save's scenario is "
            f"{str(name)[:60]}",
        )
    return LessonProgress(number, reported, class_from_save(data, lesson, src))


def _text(value: dict[str, Any], key: str, most: int, src: str, one_line: bool = True) -> str:
    text = value.get(key, "")
    if not isinstance(text, str) or len(text) > most or (one_line and "\n" in text):
        raise BadInput(src, f"{CLASS_KEY}.{key}", f"must be text of at most {most} characters")
    return text


def class_from_save(data: dict[str, Any], lesson: Lesson, src: str) -> ClassGame | None:
    """A save's class (None for a game started without a pack), its mission checked against
    the lesson's as a pack's is."""
    value = data.get(CLASS_KEY)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadInput(src, CLASS_KEY, "must be a mapping with the class pack's name and digest")
    digest = value.get("digest")
    if (
        not isinstance(digest, str)
        or len(digest) != 64
        or not all(c in "0123456789abcdef" for c in digest)
    ):
        raise BadInput(src, f"{CLASS_KEY}.digest", "must be a SHA-256 digest (64 hex digits)")
    name = _text(value, "name", NAME_LENGTH, src)
    note = _text(value, "note", NOTE_LENGTH, src, one_line=False)
    student = _text(value, "student", STUDENT_LENGTH, src)
    weights = value.get("weights")
    if not isinstance(weights, dict):
        raise BadInput(src, f"{CLASS_KEY}.weights", "must be a mapping of line to weight")
    numbers = {}
    for key in ("months", "pass_score"):
        n = value.get(key)
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 100:
            raise BadInput(src, f"{CLASS_KEY}.{key}", "must be a whole number from 1 to 100")
        numbers[key] = n
    if numbers["months"] > 36:
        raise BadInput(src, f"{CLASS_KEY}.months", "must be a whole number from 1 to 36")
    try:
        mission = _class_mission(lesson, numbers["months"], numbers["pass_score"], weights)
    except MissionError as e:
        raise BadInput(src, ".".join((CLASS_KEY, *e.key)), str(e)) from None
    if set(weights) != set(mission.targets):
        raise BadInput(src, f"{CLASS_KEY}.weights", "must give every line of the lesson a weight")
    return ClassGame(name, digest, mission, note, student)

"""The lesson a game is playing, as its save file keeps it (the ``lesson`` field).

A save of a lesson game holds ``{"number": 3, "id": "capacity", "reported":
false}`` beside the engine's own fields: which lesson, and whether the
mission report has been shown (a game loaded after its time limit does not
show it again). A save without the field is a game without a lesson, as
every save made before lessons existed is. A field that names no lesson, or
a lesson played on another scenario than the save's, is one ``BadInput``
line, like any other damage to a save.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gigsim.errors import BadInput
from gigsim.lessons.catalogue import Lesson, lessons

SAVE_KEY = "lesson"
"""The save file's field that holds a lesson game's progress."""


@dataclass(frozen=True)
class LessonProgress:
    number: int
    reported: bool = False
    """Whether the mission report was shown when the time limit was reached."""

    @property
    def lesson(self) -> Lesson:
        return lessons()[self.number - 1]

    def shown(self) -> LessonProgress:
        return replace(self, reported=True)

    def rewound(self, month: int) -> LessonProgress:
        """The progress of a game rewound to the start of ``month`` (1-based): a mission whose
        last month is played again reports again."""
        return replace(self, reported=self.reported and month > self.lesson.mission.months)

    def to_save(self) -> dict[str, Any]:
        return {"number": self.number, "id": self.lesson.id, "reported": self.reported}


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
    return LessonProgress(number, reported)

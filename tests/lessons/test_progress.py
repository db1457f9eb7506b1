"""A lesson game's progress in its save file: read back, checked against the save, rewound."""

from __future__ import annotations

from typing import Any

import pytest

from gigsim.errors import BadInput
from gigsim.lessons.progress import SAVE_KEY, LessonProgress, from_save


def save(lesson: Any, scenario: str = "lesson-3") -> dict[str, Any]:
    data: dict[str, Any] = {"summary": {"scenario_name": scenario}}
    if lesson is not ...:
        data[SAVE_KEY] = lesson
    return data


def test_a_lesson_game_reads_back_and_an_old_save_has_none() -> None:
    p = LessonProgress(3)
    assert p.to_save() == {"number": 3, "id": "capacity", "reported": False}
    assert from_save(save(p.to_save()), "a.json") == p
    assert from_save(save(p.shown().to_save()), "a.json") == LessonProgress(3, reported=True)
    assert from_save(save(...), "old.json") is None  # a save from before lessons
    assert from_save(save(None), "a.json") is None


@pytest.mark.parametrize(
    ("lesson", "scenario", "field", "problem"),
    [
        ("three", "lesson-3", "lesson", "must be a mapping"),
        ({"number": 12}, "lesson-3", "lesson.number", "12 is not a lesson (1 to 9)"),
        ({"number": True}, "lesson-3", "lesson.number", "is not a lesson"),
        ({"number": 3, "id": "tax"}, "lesson-3", "lesson.id", "lesson 3 is 'capacity'"),
        ({"number": 3, "reported": "yes"}, "lesson-3", "lesson.reported", "true or false"),
        ({"number": 3}, "default", "lesson", "played on lesson-3, but this save's scenario is"),
    ],
)
def test_a_damaged_lesson_field_is_one_line(
    lesson: Any, scenario: str, field: str, problem: str
) -> None:
    with pytest.raises(BadInput) as info:
        from_save(save(lesson, scenario), "a.json")
    assert info.value.source == "a.json" and info.value.field == field
    assert problem in info.value.problem


def test_rewinding_into_the_mission_shows_its_report_again() -> None:
    done = LessonProgress(3, reported=True)  # lesson 3 lasts four months
    assert done.rewound(2) == LessonProgress(3, reported=False)
    assert done.rewound(4) == LessonProgress(3, reported=False)
    assert done.rewound(5) == done  # the mission was over before that month
    assert LessonProgress(3).rewound(5) == LessonProgress(3)

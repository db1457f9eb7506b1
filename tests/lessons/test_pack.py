"""A class pack: read and checked like a scenario (one line naming the file, the field and its
line, and the problem), resolved with the lessons' own values where it says nothing, and a
digest of its content that a comment does not change and a seed or a weight does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gigsim.errors import BadInput
from gigsim.lessons import lesson
from gigsim.lessons.pack import load_pack, parse_pack
from gigsim.lessons.pack_file import new_pack, pack_yaml
from gigsim.lessons.progress import LessonProgress, from_save

GOOD = """\
# a comment
name: Side gigs 101
note: |
  Play each lesson once.
  Hand in the result.
lessons:
  - lesson: 1
  - lesson: capacity
    seed: 9
    months: 2
    pass_score: 80
    weights: {on_time_rate: 25, rating: 25}
"""


def test_a_good_pack_fills_in_each_lessons_own_values() -> None:
    pack = parse_pack(GOOD, "week.yaml")
    assert pack.name == "Side gigs 101"
    assert pack.note == "Play each lesson once.\nHand in the result."
    first, third = pack.lessons
    assert (first.number, first.seed, first.mission) == (1, lesson(1).seed, lesson(1).mission)
    assert (third.number, third.seed, third.mission.months) == (3, 9, 2)
    assert third.mission.pass_score == 80
    weights = {t.measure: t.weight for t in third.mission.lines()}
    own = {t.measure: t.weight for t in lesson(3).mission.lines()}
    assert weights == {**own, "on_time_rate": 25, "rating": 25}
    targets = {t.measure: t.target for t in third.mission.lines()}
    assert targets == {t.measure: t.target for t in lesson(3).mission.lines()}  # kept
    assert len(pack.digest) == 64


def test_the_digest_is_of_the_content_not_of_the_bytes() -> None:
    pack = parse_pack(GOOD, "week.yaml")
    spelt_out = pack_yaml(pack, "week.yaml")  # every default written, comments, another layout
    assert "# a comment" not in spelt_out
    assert parse_pack(spelt_out, "again.yaml").digest == pack.digest
    by_number = GOOD.replace("lesson: capacity", "lesson: 3")
    assert parse_pack(by_number, "w.yaml").digest == pack.digest
    for changed in (
        GOOD.replace("seed: 9", "seed: 10"),
        GOOD.replace("rating: 25", "rating: 20, disputes: 20"),
        GOOD.replace("Hand in", "Send"),
        GOOD.replace("months: 2", "months: 3"),
    ):
        assert parse_pack(changed, "w.yaml").digest != pack.digest, changed


def test_new_pack_and_its_file() -> None:
    pack = new_pack([1, "price-and-fees"], "Week 3", seed=7, months=2)
    assert [(x.number, x.seed, x.mission.months) for x in pack.lessons] == [(1, 7, 2), (2, 7, 2)]
    text = pack_yaml(pack, "week3.yaml")
    assert "`gigsim play --class week3.yaml`" in text and "`gigsim class collect DIR" in text
    assert "  - lesson: 1  #" in text and "      net_income: 20" in text
    assert parse_pack(text, "week3.yaml") == pack


BAD = {
    "not a mapping": ("- 1\n", None, "a class pack is a mapping"),
    "name missing": ("lessons: [{lesson: 1}]\n", "name", "required field is missing"),
    "misspelt key": ("nmae: x\nlessons: [{lesson: 1}]\n", "nmae (line 1)", "did you mean 'name'"),
    "misspelt lesson key": ("name: x\nlessons: [{lessn: 1}]\n", "lessons.0.lessn (line 2)",
                            "did you mean 'lesson'"),
    "empty name": ("name: ' '\nlessons: [{lesson: 1}]\n", "name (line 1)", "must not be empty"),
    "long name": (f"name: {'x' * 81}\nlessons: [{{lesson: 1}}]\n", "name (line 1)",
                  "at most 80 characters"),
    "control in name": ('name: "a\\x07"\nlessons: [{lesson: 1}]\n', "name (line 1)",
                        "printable"),
    "long note": (f"name: x\nnote: {'y' * 2001}\nlessons: [{{lesson: 1}}]\n", "note (line 2)",
                  "at most 2000 characters"),
    "version": ("version: 2\nname: x\nlessons: [{lesson: 1}]\n", "version (line 1)",
                "pack version 2 is not supported"),
    "no lessons": ("name: x\nlessons: []\n", "lessons (line 2)", "at least one lesson"),
    "lessons not a list": ("name: x\nlessons: 3\n", "lessons (line 2)", "must be a list"),
    "no such number": ("name: x\nlessons: [{lesson: 12}]\n", "lessons.0.lesson (line 2)",
                       "no lesson 12: the lessons are 1 to 9"),
    "no such id": ("name: x\nlessons: [{lesson: capacit}]\n", "lessons.0.lesson (line 2)",
                   "did you mean 'capacity'"),
    "a bool for a lesson": ("name: x\nlessons: [{lesson: true}]\n", "lessons.0.lesson (line 2)",
                            "must be a lesson's number or id"),
    "twice": ("name: x\nlessons:\n  - {lesson: 1}\n  - {lesson: cold-start}\n",
              "lessons.1.lesson (line 4)", "lesson 1 is in the pack twice"),
    "seed": ("name: x\nlessons: [{lesson: 1, seed: -1}]\n", "lessons.0.seed (line 2)",
             "must be >= 0"),
    "huge seed": ("name: x\nlessons: [{lesson: 1, seed: 99999999999}]\n",
                  "lessons.0.seed (line 2)", "must be <= 4294967295"),
    "months": ("name: x\nlessons: [{lesson: 1, months: 37}]\n", "lessons.0.months (line 2)",
               "must be <= 36"),
    "months a fraction": ("name: x\nlessons: [{lesson: 1, months: 1.5}]\n",
                          "lessons.0.months (line 2)", "must be a whole number"),
    "weights sum": ("name: x\nlessons: [{lesson: 1, weights: {net_income: 40}}]\n",
                    "lessons.0.weights (line 2)", "the weights add up to 120, not 100"),
    "weight zero": ("name: x\nlessons: [{lesson: 1, weights: {net_income: 0}}]\n",
                    "lessons.0.weights.net_income (line 2)", "must be >= 1"),
    "unknown line": ("name: x\nlessons: [{lesson: 2, weights: {reviews: 10}}]\n",
                     "lessons.0.weights.reviews (line 2)", "lesson 2 has no 'reviews' line"),
    "standing still passes": ("name: x\nlessons: [{lesson: 1, pass_score: 20}]\n",
                              "lessons.0.pass_score (line 2)",
                              "a player who does nothing meets the lines worth 20"),
    "alias": ("name: &a x\nlessons: [{lesson: 1}]\nnote: *a\n", None, "anchors and aliases"),
    "yaml": ("name: [x\n", None, "not valid YAML"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_kind_of_bad_pack_is_one_line_naming_the_field(case: str) -> None:
    text, field, problem = BAD[case]
    with pytest.raises(BadInput) as caught:
        parse_pack(text, "week.yaml")
    e = caught.value
    assert e.source == "week.yaml" and problem in e.problem, e.line()
    if field is not None:
        assert e.field == field, e.line()
    assert "\n" not in e.line()


def test_a_hostile_file_is_one_line(tmp_path: Path) -> None:
    cases = {
        "folder.yaml": ("dir", "is a directory"),
        "fifo.yaml": ("fifo", "not a regular file"),
        "binary.yaml": (b"name: x\0", "binary file"),
        "big.yaml": (b"#" * (1024 * 1024 + 1), "file too large"),
        "missing.yaml": (None, "no such file"),
        "latin1.yaml": ("name: caf\xe9\n".encode("latin-1"), "not UTF-8"),
    }
    for name, (content, problem) in cases.items():
        path = tmp_path / name
        if content == "dir":
            path.mkdir()
        elif content == "fifo":
            os.mkfifo(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        with pytest.raises(BadInput) as caught:
            load_pack(path)
        assert caught.value.source == str(path) and problem in caught.value.problem, name


def test_new_pack_names_the_option_at_fault() -> None:
    for args, option, problem in (
        (([12], "x"), "--lessons", "no lesson 12"),
        (([1], "x", "", -1), "--seed", "must be >= 0"),
        (([1], "x", "", None, 0), "--months", "must be >= 1"),
        (([1], " "), "--name", "must not be empty"),
        (([1, 1], "x"), "--lessons", "in the pack twice"),
    ):
        with pytest.raises(BadInput) as caught:
            new_pack(*args)  # type: ignore[arg-type]
        assert (caught.value.source, caught.value.field) == (option, None), caught.value.line()
        assert problem in caught.value.problem


def _save_with(progress: LessonProgress, scenario: str) -> dict[str, object]:
    return {**progress.save_fields(), "summary": {"scenario_name": scenario}}


def test_a_save_keeps_the_class_and_a_hostile_class_field_is_one_line() -> None:
    pack = parse_pack(GOOD, "week.yaml")
    progress = LessonProgress(3, classroom=pack.game(3, "Aiko"))
    data = _save_with(progress, "lesson-3")
    back = from_save(data, "a.json")
    assert back == progress and back is not None
    assert back.lesson.mission == pack.lessons[1].mission  # the pack's, not the lesson's own
    assert back.lesson.mission != lesson(3).mission
    room = data["class"]
    assert isinstance(room, dict)
    for key, value, problem in (
        ("digest", "x" * 64, "SHA-256"),
        ("student", "a\nb", "text of at most 40"),
        ("months", 0, "from 1 to 100"),
        ("months", 40, "from 1 to 36"),
        ("weights", {"on_time_rate": 99}, "add up to"),
        ("weights", {**room["weights"], "reviews": 5}, "no 'reviews' line"),  # type: ignore[dict-item]
        ("pass_score", True, "whole number"),
    ):
        hostile = {**data, "class": {**room, key: value}}
        with pytest.raises(BadInput) as caught:
            from_save(hostile, "a.json")
        assert caught.value.field is not None and caught.value.field.startswith("class."), key
        assert problem in caught.value.problem, (key, caught.value.line())
    partial = {**data, "class": {**room, "weights": {"on_time_rate": 25, "rating": 25}}}
    partial["class"]["weights"] = {  # type: ignore[index]
        k: v
        for k, v in room["weights"].items()
        if k != "disputes"  # type: ignore[union-attr]
    }
    with pytest.raises(BadInput):
        from_save(partial, "a.json")

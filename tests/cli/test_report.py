"""`gigsim report SAVE`: the Markdown page and the two CSV tables of a saved game, written
whole; a bad save or a bad target is one line, exit 2, nothing written."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from gigsim.cli import main
from gigsim.engine.api import (
    AnswerDecision,
    EditListing,
    Engine,
    SetDisclosure,
    SetHours,
    load_data,
    save_game,
)
from gigsim.lessons import lesson
from gigsim.lessons.progress import LessonProgress
from gigsim.scenarios import load_scenario


def played(months: int = 3) -> Engine:
    """Lesson 1 played by a person: a price change, new hours, an answer, then months."""
    x = lesson(1)
    e = Engine(load_scenario(x.scenario), x.seed, policy=None)
    lid = e.snapshot().listings[0].id
    e.advance_to(2.5)
    e.apply(EditListing(lid, price=3500, cap=2))
    e.apply(SetHours(weekday=1.5, weekend=3.0))
    while not e.snapshot().decisions:
        e.advance_until_decision(e.now + 5.0)
    first = e.snapshot().decisions[0]
    e.apply(AnswerDecision(first.id, first.options[0]))
    e.advance_to(e.month_end(months))
    return e


@pytest.fixture(scope="module")
def game() -> Engine:
    return played()


def saved(e: Engine, path: Path, lesson_field: object = ...) -> Path:
    extra = {"lesson": LessonProgress(1).to_save()} if lesson_field is ... else None
    if lesson_field not in (..., None):
        extra = {"lesson": lesson_field}
    return save_game(e, path, extra=extra)


def test_report_writes_the_page_and_both_tables(
    game: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = saved(game, tmp_path / "mine.json")
    assert main(["report", str(save), "--out", str(tmp_path / "out"), "--lang", "en"]) == 0
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "mine-decisions.csv", "mine-months.csv", "mine-result.json", "mine.md",
    ]  # fmt: skip
    assert capsys.readouterr().out.count("wrote ") == 4
    page = (out / "mine.md").read_text("utf-8")
    assert page.startswith("# gigsim report: You on lesson-1\n")
    assert "## Lesson 1: The cold start and the first review" in page
    for line in (
        "| Net income |",
        "| Effective hourly wage |",
        "| Rating |",
        "| On-time deliveries |",
        "| Disputes |",
        "| Hours over budget |",
        "| Reviews |",
    ):
        assert line in page, line  # fmt: skip
    assert "pass mark 65): mission" in page
    assert "| 2026-01 |" in page and "| 2026-03 |" in page
    assert (
        "Listing #1 published: Illustrations and simple designs (Illustration & design), " in page
    )
    assert "Listing #1 changed: ¥3,500, cap 2, delivery in 5 days" in page
    assert "Hours: 1.5 h each weekday evening, 3 h each weekend day" in page
    months = list(csv.DictReader(io.StringIO((out / "mine-months.csv").read_text("utf-8"))))
    assert [m["label"] for m in months] == ["2026-01", "2026-02", "2026-03"]
    records = game.month_records()
    assert [int(m["net_income"]) for m in months] == [r["net_income"] for r in records]
    assert "hours.work" in months[0] and "lost_buyers.not_seen" in months[0]
    rows = list(csv.DictReader(io.StringIO((out / "mine-decisions.csv").read_text("utf-8"))))
    kinds = [r["kind"] for r in rows]
    decided = {"listing_published", "listing_changed", "hours_changed", "decision_answered",
               "decision_defaulted", "withdrawal_requested", "listing_refused"}  # fmt: skip
    assert kinds == [e.kind for e in game.events() if e.kind in decided]
    assert kinds[:3] == ["listing_published", "listing_changed", "hours_changed"]
    answered = next(r for r in rows if r["kind"] == "decision_answered")
    assert answered["decision_kind"] and answered["option"] and answered["date"].startswith("2026-")


def test_the_report_in_japanese_and_a_save_without_a_lesson(game: Engine, tmp_path: Path) -> None:
    save = saved(game, tmp_path / "old.json", lesson_field=None)
    assert main(["--lang", "ja", "report", str(save), "--out", str(tmp_path)]) == 0
    page = (tmp_path / "old.md").read_text("utf-8")
    assert page.startswith("# gigsim レポート: あなた (lesson-1)")
    assert "(締めた月: 3か月)" in page
    assert "出品 #1 を公開: イラストとかんたんなデザイン (イラスト・デザイン)、5,000円" in page
    assert "## 月ごとの数字" in page and "## あなたの判断" in page
    assert "レッスン" not in page.split("\n## ")[1]  # no lesson: no scorecard
    assert "時給 (実質)" not in page  # nor its lines
    tax = next(line for line in page.splitlines() if line.startswith("- 2026年の副業所得"))
    assert "。 " not in tax and tax.endswith("。")  # Japanese: no space after 。


@pytest.mark.parametrize(
    ("formats", "files"),
    [
        ("md", ["x.md"]),
        ("csv", ["x-decisions.csv", "x-months.csv"]),
        ("json", ["x-result.json"]),
        ("csv,md,json", None),
    ],
)
def test_format_chooses_the_files(
    game: Engine, tmp_path: Path, formats: str, files: list[str] | None
) -> None:
    save = saved(game, tmp_path / "x.json")
    out = tmp_path / "out"
    assert main(["report", str(save), "--out", str(out), "--format", formats]) == 0
    expected = files or ["x-decisions.csv", "x-months.csv", "x-result.json", "x.md"]
    assert sorted(p.name for p in out.iterdir()) == expected


def _one_line_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], start: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(start) and err.count("\n") == 1, err


@pytest.mark.parametrize(
    "name",
    ["missing.json", "folder.json", "fifo.json", "garbage.json", "edited.json", "lesson.json"],
)
def test_a_bad_save_is_one_line_and_writes_nothing(
    game: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    good = json.loads(saved(game, tmp_path / "good.json").read_text("utf-8"))
    content = {
        "folder.json": "dir",
        "fifo.json": "fifo",
        "garbage.json": "{not json",
        "edited.json": json.dumps({**good, "fingerprint": "0" * 16}),
        "lesson.json": json.dumps({**good, "lesson": {"number": 99}}),
    }.get(name)
    problem = {
        "missing.json": "no such file",
        "folder.json": "is a directory",
        "fifo.json": "not a regular file",
        "garbage.json": "not a gigsim save (corrupted or not JSON",
        "edited.json": "fingerprint: the file was edited or damaged",
        "lesson.json": "lesson.number: 99 is not a lesson",
    }[name]
    src = tmp_path / name
    if content == "dir":
        src.mkdir()
    elif content == "fifo":
        os.mkfifo(src)
    elif content is not None:
        src.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {src}") and problem in err and err.count("\n") == 1, err
    assert not out.exists()  # nothing written, not even the folder


def test_a_bad_target_is_one_line_and_writes_nothing(
    game: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = saved(game, tmp_path / "g.json")
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep", encoding="utf-8")
    _one_line_exit_2(
        capsys, ["report", str(save), "--out", str(a_file)], f"error: {a_file}: not a folder"
    )
    out = tmp_path / "out"
    (out / "g-months.csv").mkdir(parents=True)  # a folder where one of the files goes
    (out / "g.md").write_text("an earlier report", encoding="utf-8")
    _one_line_exit_2(
        capsys, ["report", str(save), "--out", str(out)], f"error: {out / 'g-months.csv'}"
    )
    assert (out / "g.md").read_text("utf-8") == "an earlier report"  # untouched
    assert sorted(p.name for p in out.iterdir()) == ["g-months.csv", "g.md"]
    _one_line_exit_2(
        capsys, ["report", str(save), "--format", "pdf"], "error: --format: unknown format 'pdf'"
    )
    md_save = save_game(game, tmp_path / "r.md")  # a save named like the page it would write
    _one_line_exit_2(capsys, ["report", str(md_save), "--out", str(tmp_path)], "error: --out: ")
    assert json.loads(md_save.read_text("utf-8"))["format"] == "gigsim-save"


def test_leftovers_of_a_killed_writer_go_and_others_files_stay(
    game: Engine, tmp_path: Path
) -> None:
    save = saved(game, tmp_path / "k.json")
    out = tmp_path / "out"
    out.mkdir()
    left = [out / ".k.md.abcd1234.tmp", out / ".k-months.csv.zz99zz99.tmp"]
    others = [out / ".other.md.abcd1234.tmp", out / "notes.txt"]
    for p in left + others:
        p.write_text("x", encoding="utf-8")
    assert main(["report", str(save), "--out", str(out)]) == 0
    assert not any(p.exists() for p in left) and all(p.exists() for p in others)


def test_a_change_of_disclosure_is_one_of_the_players_decisions() -> None:
    from gigsim.handin.build import decisions

    x = lesson(6)
    e = Engine(load_scenario(x.scenario), x.seed, policy=None)
    e.advance_to(3.0)
    assert e.apply(SetDisclosure(0.3)).ok
    (d,) = [d for d in decisions(e) if d.kind == "disclosure_changed"]
    assert d.t == 3.0 and d.text == "You now disclose 30% about yourself."


def test_a_save_that_breaks_the_replay_is_one_line_in_the_players_language(
    game: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    import gigsim.engine.api as api

    def broken(path: object) -> Engine:
        raise ValueError("step 7 went wrong")

    save = saved(game, tmp_path / "mine.json")
    monkeypatch.setattr(api, "load_game", broken)
    assert main(["--lang", "ja", "report", str(save), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {save}: 再現できません: ValueError: step 7 went wrong\n", err
    assert not (tmp_path / "out").exists()


def test_the_result_for_the_teacher_holds_the_game_and_its_settings_month_by_month(
    game: Engine, tmp_path: Path
) -> None:
    """-result.json: who, which lesson and seed, the scorecard line by line, the months, the
    settings over time (price and cap averaged over each month's time, hours, proposals) and
    the save, which replays to the very game."""
    save = saved(game, tmp_path / "mine.json")
    assert main(["report", str(save), "--out", str(tmp_path), "--format", "json"]) == 0
    result = json.loads((tmp_path / "mine-result.json").read_text("utf-8"))
    assert (result["format"], result["version"]) == ("gigsim-result", 1)
    assert result["student"] == result["seller"] == "You" and result["class"] is None
    assert result["lesson"] == {"number": 1, "id": "cold-start", "scenario": "lesson-1"}
    assert (result["seed"], result["months_closed"]) == (1, 3)
    card = result["scorecard"]
    assert [x["measure"] for x in card["lines"]] == [t.measure for t in lesson(1).mission.lines()]
    assert card["over"] and card["score"] == sum(x["weight"] for x in card["lines"] if x["met"])
    assert result["months"] == json.loads(json.dumps(game.month_records()))
    first, *_ = settings = result["settings"]
    assert [s["label"] for s in settings] == ["2026-01", "2026-02", "2026-03"]
    # ¥5,000 and cap 3 for the first 2.5 days of January, then ¥3,500 and cap 2
    assert first["price"] == pytest.approx((5000 * 2.5 + 3500 * 28.5) / 31, abs=0.01)
    assert first["cap"] == pytest.approx((3 * 2.5 + 2 * 28.5) / 31, abs=0.001)
    assert [s["price"] for s in settings[1:]] == [3500, 3500]
    sent = [e for e in game.events() if e.kind == "proposal_sent"]
    assert sum(s["proposals_sent"] for s in settings) == len(sent) > 0
    records = game.month_records()
    assert [s["hours_worked"] for s in settings] == [r["hours_worked"] for r in records]
    again = load_data(result["save"], "result")
    assert again.fingerprint() == game.fingerprint()

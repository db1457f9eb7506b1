"""A lesson game: the card first, the mission on the dashboard, its report at the time limit
(go on or quit), its progress in the saves, and the report to hand in (``e``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from textual.widgets import Static

from gigsim.engine.api import save_game
from gigsim.lessons import lesson
from gigsim.lessons.progress import LessonProgress
from gigsim.scenarios import load_scenario
from gigsim.text.sentences import DECISION_TITLE
from gigsim.tui import session
from gigsim.tui.app import GigsimApp, make_app
from gigsim.tui.messages import LoadRequested, RewindRequested
from gigsim.tui.palette import game_commands
from gigsim.tui.screens.lesson import LessonCardScreen, MissionReportScreen
from gigsim.tui.screens.report import MonthReportScreen
from tests.tui.conftest import app_for, finish_loading, screen_text, settle, sync

SIZE = (80, 24)


def lesson_app(save_dir: Path, number: int = 1) -> GigsimApp:
    x = lesson(number)
    app = make_app(
        load_scenario(x.scenario), x.seed, x.scenario, save_dir=save_dir, lesson=number,
        reports=save_dir.parent / "reports",
    )  # fmt: skip
    app.game.quiet = frozenset(DECISION_TITLE)  # decisions wait in the inbox; time goes on
    return app


def mission_line(app: GigsimApp) -> str:
    line = app.main.query_one("#dash-mission", Static)
    return str(line.render()) if line.has_class("-on") else ""


def stack(app: GigsimApp) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack]


async def month(pilot, app: GigsimApp) -> None:  # type: ignore[no-untyped-def]
    """Close the month in progress with the key a player presses (time runs in the worker)."""
    await pilot.press("m")
    await settle(pilot, app, timeout=60.0)


async def to_the_end(pilot, app: GigsimApp, months: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(months):
        await month(pilot, app)
        while isinstance(app.screen, MonthReportScreen):  # read, then continue
            await pilot.press("enter")
            await pilot.pause()
        if isinstance(app.screen, MissionReportScreen):
            return


@sync
async def test_a_lesson_starts_with_its_card_and_l_shows_it_again(save_dir: Path) -> None:
    app = lesson_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack(app) == ["MainScreen", "LessonCardScreen"]
        text = screen_text(app)
        assert "Lesson 1: The cold start and the first review" in text and "What it is" in text
        await pilot.press("enter")
        await pilot.pause()
        assert stack(app) == ["MainScreen"]
        assert mission_line(app).startswith("Lesson 1 mission · 3 months left · score ")
        assert "net ¥0/≥¥5,000 ✗" in mission_line(app) and "disputes 0/≤0 ✓" in mission_line(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonCardScreen)
        await pilot.press("escape")
        await pilot.pause()
        titles = [c.title for c in game_commands(app)]
        assert {"Lesson card", "Mission report", "Write the report"} <= set(titles)


@sync
async def test_the_mission_report_comes_at_the_time_limit_and_the_game_goes_on(
    save_dir: Path,
) -> None:
    app = lesson_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the card
        for n in (1, 2):
            await month(pilot, app)
            assert stack(app) == ["MainScreen", "MonthReportScreen"], n  # no mission report yet
            await pilot.press("enter")
            await pilot.pause()
            assert f"{3 - n} month" in mission_line(app)
        await month(pilot, app)  # the third and last month of the mission
        assert stack(app) == ["MainScreen", "MissionReportScreen", "MonthReportScreen"]
        await pilot.press("enter")  # the month is read first, then the mission
        await pilot.pause()
        report = app.screen
        assert isinstance(report, MissionReportScreen) and report.card.over
        text = screen_text(app)
        for line in ("Net income", "Effective hourly wage", "Rating", "On-time deliveries",
                     "Disputes", "Hours over budget", "Reviews"):  # fmt: skip
            assert line in text, line
        assert "Score " in text and "pass mark 65" in text and "Quit (q)" in text
        saved = json.loads(app.game.last_autosave.read_text("utf-8"))  # type: ignore[union-attr]
        assert saved["lesson"] == {"number": 1, "id": "cold-start", "reported": True}
        await pilot.press("enter")  # go on playing
        await pilot.pause()
        assert stack(app) == ["MainScreen"] and app.is_running
        assert mission_line(app).startswith("Lesson 1 mission over: ")
        await month(pilot, app)  # a month after the limit: its report only
        assert stack(app) == ["MainScreen", "MonthReportScreen"]


@sync
async def test_quit_from_the_mission_report(save_dir: Path) -> None:
    app = lesson_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await to_the_end(pilot, app, 3)
        assert isinstance(app.screen, MissionReportScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.internal_errors


@sync
async def test_a_load_resumes_the_lesson_and_a_rewind_into_it_reports_again(
    save_dir: Path,
) -> None:
    app = lesson_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await month(pilot, app)
        await pilot.press("enter")
        early = app.game.save("early.json")  # before the time limit
        await to_the_end(pilot, app, 2)
        await pilot.press("enter")
        done = app.game.last_autosave
        assert done is not None
        assert session.load(done, save_dir).lesson == LessonProgress(1, reported=True)

        app.post_message(LoadRequested(early))
        await finish_loading(pilot, app)
        assert app.game.lesson == LessonProgress(1) and stack(app) == ["MainScreen"]
        assert "lesson 1 goes on (l: its card)" in str(app.main.query_one("#message").render())
        app.game.quiet = frozenset(DECISION_TITLE)
        await to_the_end(pilot, app, 2)
        assert isinstance(app.screen, MissionReportScreen)  # the loaded lesson ends as well
        await pilot.press("enter")
        await pilot.pause()

        app.post_message(RewindRequested(2))
        await finish_loading(pilot, app)
        assert app.game.lesson == LessonProgress(1, reported=False)
        app.game.quiet = frozenset(DECISION_TITLE)
        await to_the_end(pilot, app, 2)
        assert isinstance(app.screen, MissionReportScreen)


@sync
async def test_a_save_past_the_limit_whose_report_was_not_shown_shows_it_on_load(
    save_dir: Path,
) -> None:
    app = lesson_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await to_the_end(pilot, app, 3)
        await pilot.press("enter")
        data = json.loads(app.game.last_autosave.read_text("utf-8"))  # type: ignore[union-attr]
        data["lesson"]["reported"] = False  # quit before the report could be shown
        unseen = save_dir / "unseen.json"
        unseen.write_text(json.dumps(data, indent=1), encoding="utf-8")
        app.post_message(LoadRequested(unseen))
        await finish_loading(pilot, app)
        assert stack(app) == ["MainScreen", "MissionReportScreen"]


@sync
async def test_e_writes_the_report_to_hand_in(save_dir: Path) -> None:
    app = lesson_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await month(pilot, app)
        await pilot.press("enter")
        await pilot.press("e")
        await pilot.pause()
        folder = save_dir.parent / "reports"
        names = sorted(p.name for p in folder.iterdir())
        stem = "report-You-lesson-1-seed1-2026-02-01"
        assert names == [
            f"{stem}-decisions.csv", f"{stem}-months.csv", f"{stem}-result.json", f"{stem}.md"
        ]  # fmt: skip
        page = (folder / f"{stem}.md").read_text("utf-8")
        assert "## Lesson 1: The cold start and the first review" in page
        assert "Score so far " in page  # the mission is not over yet
        message = str(app.main.query_one("#message").render())
        written = f"report written: {stem}.md (-months.csv, -decisions.csv, -result.json) in"
        assert f"{written} {folder}" in " ".join(message.split())


@sync
async def test_e_at_the_mission_report_writes_the_report_and_says_so_there(
    save_dir: Path,
) -> None:
    app = lesson_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await to_the_end(pilot, app, 3)
        assert isinstance(app.screen, MissionReportScreen)
        assert "e writes the report to hand in" in " ".join(screen_text(app).split())
        await pilot.press("e")  # as the report says, without closing it first
        await pilot.pause()
        assert isinstance(app.screen, MissionReportScreen)  # still read, not closed
        (result,) = (save_dir.parent / "reports").glob("*-result.json")
        assert json.loads(result.read_text("utf-8"))["scorecard"]["over"]
        text = " ".join(screen_text(app).split())
        assert f"report written: {result.name.removesuffix('-result.json')}.md" in text


@sync
async def test_a_game_without_a_lesson_has_no_card_nor_mission(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack(app) == ["MainScreen"] and mission_line(app) == ""
        await pilot.press("l")
        await pilot.pause()
        assert stack(app) == ["MainScreen"]
        assert "this game plays no lesson" in str(app.main.query_one("#message").render())
        assert "Lesson card" not in [c.title for c in game_commands(app)]


@sync
async def test_the_lesson_in_japanese_fits_80_columns(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    language("ja")
    app = lesson_app(save_dir, 5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        card = screen_text(app)
        assert "レッスン 5: 難しい購入者・トラブル・仮払い" in card and "どんなレッスンか" in card
        await pilot.press("enter")
        await pilot.pause()
        line = mission_line(app)
        assert line.startswith("レッスン 5 の課題 · 残り 4か月 · 得点 ")
        assert all(cell_len(x) <= 78 for x in line.splitlines()) and len(line.splitlines()) <= 3
        assert "トラブル 0/≤1 ✓" in line
        await to_the_end(pilot, app, 4)
        assert isinstance(app.screen, MissionReportScreen)
        text = screen_text(app)
        assert "課題のレポート: レッスン 5" in text and "合格点 70点" in text
        assert "続けて遊ぶ (enter)" in text and "終了 (q)" in text
        lines = text.splitlines()
        assert len(lines) == 24 and all(cell_len(x) == 80 for x in lines)


@sync
async def test_a_second_report_of_the_same_day_keeps_the_first(save_dir: Path) -> None:
    app = lesson_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        first = app.game.write_report()
        before = [p.read_text("utf-8") for p in first]
        await pilot.press("e")
        await pilot.pause()
        names = sorted(p.name for p in first[0].parent.iterdir())
        assert names == sorted(
            [p.name for p in first] + [p.name.replace("-01-01", "-01-01-2", 1) for p in first]
        )
        assert [p.read_text("utf-8") for p in first] == before


@sync
async def test_every_line_of_the_mission_shows_when_it_takes_four(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    """Japanese figures are wide: lesson 1's seven targets take three lines under the heading
    once they have values, and the last (the reviews, the lesson's heaviest) must show too."""
    from tests.cli.test_report import played

    language("ja")
    save_dir.mkdir(parents=True)
    done = save_game(
        played(3),
        save_dir / "done.json",
        extra={"lesson": LessonProgress(1, reported=True).to_save()},
    )
    app = lesson_app(save_dir, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the card
        app.post_message(LoadRequested(done))
        await finish_loading(pilot, app)
        assert stack(app) == ["MainScreen"]
        lines = mission_line(app).splitlines()
        assert len(lines) == 4 and lines[-1].startswith("評価数 "), lines
        text = screen_text(app)
        for line in lines:
            assert line in text, line

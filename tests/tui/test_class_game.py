"""A class game: the student's name asked first (kept in the save), the class's name and the
teacher's note on the card, the class on the dashboard's mission line, the pack's months as
the time limit, and the result for the teacher written by ``e``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from textual.widgets import Input

from gigsim.lessons.pack_file import new_pack
from gigsim.lessons.progress import LessonProgress
from gigsim.scenarios import load_scenario
from gigsim.text.sentences import DECISION_TITLE
from gigsim.tui import session
from gigsim.tui.app import GigsimApp, make_app
from gigsim.tui.screens.lesson import LessonCardScreen, MissionReportScreen
from gigsim.tui.screens.student import StudentScreen
from tests.tui.conftest import screen_text, sync
from tests.tui.test_lessons import mission_line, month, stack, to_the_end

SIZE = (80, 24)


def class_app(save_dir: Path, student: str = "", tour: bool = False) -> GigsimApp:
    pack = new_pack([1, 2], "Side gigs 101", "Read the card first.", months=1)
    x = pack.find(2)
    progress = LessonProgress(2, classroom=pack.game(2, student))
    app = make_app(
        load_scenario(x.lesson.scenario), x.seed, x.lesson.scenario, save_dir=save_dir,
        lesson=progress, reports=save_dir.parent / "reports", tour=tour,
    )  # fmt: skip
    app.game.quiet = frozenset(DECISION_TITLE)
    return app


@sync
async def test_a_class_game_asks_the_students_name_then_shows_the_card(save_dir: Path) -> None:
    app = class_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack(app) == ["MainScreen", "StudentScreen"]
        assert "Class: Side gigs 101" in screen_text(app)
        await pilot.press("enter")  # no name: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, StudentScreen) and "must not be empty" in screen_text(app)
        await pilot.press(*"Aiko Sato", "enter")
        await pilot.pause()
        assert stack(app) == ["MainScreen", "LessonCardScreen"]
        card = screen_text(app)
        assert "Class: Side gigs 101" in card and "Student: Aiko Sato" in card
        assert "Read the card first." in card
        saved = json.loads(app.game.last_autosave.read_text("utf-8"))  # type: ignore[union-attr]
        assert saved["class"]["student"] == "Aiko Sato" and saved["class"]["months"] == 1
        assert saved["lesson"]["number"] == 2
        await pilot.press("enter")
        await pilot.pause()
        line = mission_line(app)
        assert line.startswith("Side gigs 101 · Lesson 2 mission · 1 month left · score ")
        loaded = session.load(app.game.last_autosave, save_dir)  # type: ignore[arg-type]
        assert loaded.lesson == app.game.lesson  # the class and the name come back with it


@sync
async def test_the_packs_months_end_the_mission_and_e_writes_the_result(save_dir: Path) -> None:
    app = class_app(save_dir, student="Ben")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack(app) == ["MainScreen", "LessonCardScreen"]  # the name was given
        assert app.screen.query("#card-class-mission")  # the pack's mission, not the goal's
        await pilot.press("enter")
        await to_the_end(pilot, app, 1)  # lesson 2 lasts four months; the pack says one
        assert isinstance(app.screen, MissionReportScreen) and app.screen.card.limit == 1
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        folder = save_dir.parent / "reports"
        result = next(folder.glob("*-result.json"))
        assert result.name == "report-Ben-lesson-2-seed1-2026-02-01-result.json"
        data = json.loads(result.read_text("utf-8"))
        assert data["student"] == "Ben" and data["class"]["name"] == "Side gigs 101"
        assert data["scorecard"]["limit"] == 1 and data["scorecard"]["over"]
        page = next(folder.glob("*.md")).read_text("utf-8")
        assert "- Class: Side gigs 101 (pack " in page and "- Student: Ben" in page


@sync
async def test_a_name_put_off_is_asked_before_the_report(save_dir: Path) -> None:
    app = class_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # later
        await pilot.pause()
        assert stack(app) == ["MainScreen", "LessonCardScreen"]
        await pilot.press("enter")
        await month(pilot, app)
        while len(app.screen_stack) > 1:
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, StudentScreen)
        app.screen.query_one(Input).value = "Chie"
        await pilot.press("enter")
        await pilot.pause()
        assert stack(app) == ["MainScreen"]
        (result,) = (save_dir.parent / "reports").glob("*-result.json")
        assert json.loads(result.read_text("utf-8"))["student"] == "Chie"


@sync
async def test_a_name_put_off_is_asked_by_e_at_the_mission_report(save_dir: Path) -> None:
    app = class_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # later
        await pilot.pause()
        await pilot.press("enter")
        await to_the_end(pilot, app, 1)
        assert isinstance(app.screen, MissionReportScreen)
        await pilot.press("e")
        await pilot.pause()
        assert stack(app) == ["MainScreen", "MissionReportScreen", "StudentScreen"]
        app.screen.query_one(Input).value = "Dai"
        await pilot.press("enter")
        await pilot.pause()
        assert stack(app) == ["MainScreen", "MissionReportScreen"]
        (result,) = (save_dir.parent / "reports").glob("*-result.json")
        assert json.loads(result.read_text("utf-8"))["student"] == "Dai"
        assert "report written: report-Dai-lesson-2-" in " ".join(screen_text(app).split())


@sync
async def test_the_class_game_in_japanese_fits_80_columns(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    language("ja")
    app = class_app(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "クラス: Side gigs 101" in text
        assert all(cell_len(x) == 80 for x in text.splitlines())
        await pilot.press(*"Aiko", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonCardScreen)
        assert "生徒: Aiko" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        line = mission_line(app)
        assert line.startswith("Side gigs 101 · レッスン 2 の課題 · 残り 1か月 · 得点 ")
        assert all(cell_len(x) <= 78 for x in line.splitlines())


@sync
async def test_after_the_tour_the_name_then_the_card(save_dir: Path) -> None:
    app = class_app(save_dir, tour=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack(app) == ["MainScreen", "TourScreen"]
        await pilot.press("escape")  # skip the tour
        await pilot.pause()
        assert stack(app) == ["MainScreen", "StudentScreen"]
        await pilot.press(*"Dai", "enter")
        await pilot.pause()
        assert stack(app) == ["MainScreen", "LessonCardScreen"]


@sync
async def test_the_rules_opened_from_the_tour_lead_to_the_name_then_the_card(
    save_dir: Path,
) -> None:
    app = class_app(save_dir, tour=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert stack(app) == ["MainScreen", "TourScreen"]
        await pilot.press("p")  # "Open the rules (p)", as every page of the tour offers
        await pilot.pause()
        assert stack(app) == ["MainScreen", "RulesScreen"]
        await pilot.press("escape")
        await pilot.pause()
        assert stack(app) == ["MainScreen", "StudentScreen"]
        await pilot.press(*"Eri", "enter")
        await pilot.pause()
        assert stack(app) == ["MainScreen", "LessonCardScreen"]
        assert "Read the card first." in screen_text(app)

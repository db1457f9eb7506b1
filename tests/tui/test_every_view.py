"""Every tab, chart, screen and dialog of the game, opened before and after months have closed.

``VIEWS`` is the one list of what the player can open. A test walks
``gigsim.tui`` and fails when a screen class, a tab or a chart exists that
``VIEWS`` does not name, so a new view cannot be forgotten. Each view is
opened through the keys a player would press (or the message the game posts),
then the whole screen is rendered (``export_screenshot``), which is where a
widget that fails to draw (plotext on a date-like label, say) raises.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Select, Tabs

import gigsim.tui
from gigsim.engine.api import CancelFn, Cancelled, Progress, ProgressFn
from gigsim.handin import engine_scorecard
from gigsim.lessons import lesson
from gigsim.lessons.pack_file import new_pack
from gigsim.text.sentences import DECISION_TITLE
from gigsim.tui.app import GigsimApp
from gigsim.tui.messages import MonthClosed
from gigsim.tui.screens.lesson import LessonCardScreen, MissionReportScreen
from gigsim.tui.screens.loading import LoadingScreen
from gigsim.tui.screens.main import TABS
from gigsim.tui.screens.student import StudentScreen
from gigsim.tui.session import Game
from gigsim.tui.widgets.charts import CHARTS, Charts, chart_spec
from tests.tui.conftest import QUIET, app_for, screen_text, sync
from tests.tui.test_glyphs import missing

Opener = Callable[[Pilot[int], GigsimApp], Awaitable[None]]
SIZE = (80, 24)


def _tab(key: str) -> Opener:
    async def open_(pilot: Pilot[int], app: GigsimApp) -> None:
        await pilot.press(str([k for k, _ in TABS].index(key) + 1))
        assert app.main.tab == key

    return open_


def _chart(key: str) -> Opener:
    async def open_(pilot: Pilot[int], app: GigsimApp) -> None:
        await pilot.press("6")
        await pilot.pause()
        app.main.query_one("#chart-tabs", Tabs).active = f"chart-{key}"
        await pilot.pause()
        assert app.main.query_one(Charts).chart_key == key

    return open_


def _keys(*keys: str, screen: str) -> Opener:
    async def open_(pilot: Pilot[int], app: GigsimApp) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        assert type(app.screen).__name__ == screen

    return open_


async def _month_report(pilot: Pilot[int], app: GigsimApp) -> None:
    months = app.main.view.snapshot.months if app.main.view else ()
    month = months[-1] if months else app.game.view().snapshot.month_so_far
    app.post_message(MonthClosed(dict(month), None, tuple(months)))
    await pilot.pause()
    assert type(app.screen).__name__ == "MonthReportScreen"


async def _loading(pilot: Pilot[int], app: GigsimApp) -> None:
    """The progress dialog of a load, held open: its replay waits until the dialog closes."""

    def replay(progress: ProgressFn, cancelled: CancelFn) -> Game:
        progress(Progress(1, 3))
        while not cancelled():
            time.sleep(0.005)
        raise Cancelled()

    app.push_screen(LoadingScreen("Loading a save", replay))
    await pilot.pause()
    assert type(app.screen).__name__ == "LoadingScreen"


CLASS = new_pack([9], "Side gigs 101", "Read the card first.", months=2).game(9, "Aiko Sato")
"""A class pack's lesson, as a class game plays it (tests/tui/test_class_game.py)."""


async def _lesson_card(pilot: Pilot[int], app: GigsimApp) -> None:
    """A lesson's card, of a class pack's lesson (a lesson game opens it with ``l``:
    tests/tui/test_lessons.py)."""
    x = lesson(9).model_copy(update={"mission": CLASS.mission})
    app.push_screen(LessonCardScreen(x, app.game.scenario.currency, CLASS))
    await pilot.pause()
    assert type(app.screen).__name__ == "LessonCardScreen"


async def _student(pilot: Pilot[int], app: GigsimApp) -> None:
    """A class game's question of the student's name (asked at its start)."""
    app.push_screen(StudentScreen(CLASS.name))
    await pilot.pause()
    assert type(app.screen).__name__ == "StudentScreen"


async def _mission_report(pilot: Pilot[int], app: GigsimApp) -> None:
    """A mission's report on this game's months (a lesson game shows it at its time limit)."""
    x = lesson(1)
    card = engine_scorecard(app.game.engine, x)
    app.push_screen(MissionReportScreen(x, card, app.game.scenario.currency))
    await pilot.pause()
    assert type(app.screen).__name__ == "MissionReportScreen"


async def _tour(pilot: Pilot[int], app: GigsimApp) -> None:
    """The tour a new game opens with (these tests' apps start without it)."""
    app.tour_pending = True
    app.show_tour()
    await pilot.pause()
    assert type(app.screen).__name__ == "TourScreen"


async def _palette_no_match(pilot: Pilot[int], app: GigsimApp) -> None:
    """The palette searched for a command that does not exist: "No matches found"."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"qqqq")
    for _ in range(500):  # Textual shows it after half a second without a match
        await pilot.pause(0.02)
        if any(o.id == "--no-matches" for o in app.screen.query_one(CommandList).options):
            return
    raise AssertionError("no 'No matches found' line")


async def _theme_palette(pilot: Pilot[int], app: GigsimApp) -> None:
    app.search_themes()  # what the palette's "Theme" command opens
    await pilot.pause()
    assert type(app.screen).__name__ == "Palette"


def _keys_panel(*keys: str, focus: str = "") -> Opener:
    """The keys panel (the palette's "Keys") beside a tab, with a widget focused or none."""

    async def open_(pilot: Pilot[int], app: GigsimApp) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        if focus:
            app.screen.query_one(focus).focus()
        app.action_show_help_panel()
        await pilot.pause()
        assert app.screen.query("HelpPanel"), "the keys panel did not open"

    return open_


async def _quit_notice(pilot: Pilot[int], app: GigsimApp) -> None:
    """ctrl+c, pressed to quit out of habit: a notice says which key quits."""
    await pilot.press("ctrl+c")
    await pilot.pause()
    assert len(app._notifications) == 1, "no notice"  # run_test draws no toasts: the text is here


def _select(where: str, select_id: str, screen_keys: tuple[str, ...]) -> Opener:
    """A Select's dropdown (an overlay of options) opened with enter."""

    async def open_(pilot: Pilot[int], app: GigsimApp) -> None:
        await pilot.press(*screen_keys)
        await pilot.pause()
        select = app.screen.query_one(f"#{select_id}", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert select.expanded, f"the {where} dropdown did not open"

    return open_


VIEWS: dict[str, Opener] = {
    **{f"tab:{key}": _tab(key) for key, _ in TABS},
    **{f"chart:{key}": _chart(key) for key, _ in CHARTS},
    "screen:HelpScreen": _keys("question_mark", screen="HelpScreen"),
    "screen:HoursScreen": _keys("h", screen="HoursScreen"),
    "screen:RequestRuleScreen": _keys("r", screen="RequestRuleScreen"),
    "screen:NewGameScreen": _keys("ctrl+n", screen="NewGameScreen"),
    "screen:SavesScreen": _keys("ctrl+o", screen="SavesScreen"),
    "screen:SettingsScreen": _keys("f2", screen="SettingsScreen"),
    "screen:RulesScreen": _keys("p", screen="RulesScreen"),
    "screen:TourScreen": _tour,
    "screen:MonthReportScreen": _month_report,
    "screen:LoadingScreen": _loading,
    "screen:LessonCardScreen": _lesson_card,
    "screen:MissionReportScreen": _mission_report,
    "screen:LuckScreen": _keys("k", screen="LuckScreen"),
    "screen:StudentScreen": _student,
    "dialog:command-palette": _keys("ctrl+p", screen="Palette"),
    "dialog:theme-palette": _theme_palette,
    "dialog:palette-no-match": _palette_no_match,
    # before the listing's dropdown, which stays open on the main screen and takes letter keys
    "dialog:hours-disclosure": _select("disclosure", "disclosure", ("h",)),
    "dialog:rule-switch": _select("rule's switch", "rule-on", ("r",)),
    "dialog:rule-others": _select("other requests", "rule-others", ("r",)),
    "dialog:listing-category": _select("category", "f-category", ("2",)),
    "dialog:new-game-scenario": _select("scenario", "scenario", ("ctrl+n",)),
    "dialog:settings-language": _select("language", "language", ("f2",)),
    "dialog:settings-tour": _select("tour", "tour", ("f2",)),
    "panel:keys": _keys_panel("1"),
    "panel:keys-field": _keys_panel("2", focus="#f-title"),
    "panel:keys-table": _keys_panel("2", focus="#listing-table"),
    "panel:keys-dialog": _keys_panel("h", focus="#h-weekday"),
    "panel:keys-rule": _keys_panel("r", focus="#rule-from"),
    "notice:how-to-quit": _quit_notice,
}
NOT_OPENED_ALONE = {
    "MainScreen",  # always open underneath
    "Palette",  # the command palette: dialog:command-palette and dialog:theme-palette
    "FormScreen",  # the base of the hours and request rule dialogs, opened as those
}


def _screen_classes() -> set[str]:
    names = set()
    for info in pkgutil.walk_packages(gigsim.tui.__path__, "gigsim.tui."):
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Screen) and obj.__module__ == module.__name__:
                names.add(name)
    return names


def test_views_lists_every_screen_tab_and_chart() -> None:
    screens = {v.removeprefix("screen:") for v in VIEWS if v.startswith("screen:")}
    assert _screen_classes() - NOT_OPENED_ALONE == screens
    assert {v for v in VIEWS if v.startswith("tab:")} == {f"tab:{k}" for k, _ in TABS}
    assert {v for v in VIEWS if v.startswith("chart:")} == {f"chart:{k}" for k, _ in CHARTS}


async def _visit_all(pilot: Pilot[int], app: GigsimApp) -> list[str]:
    visited = []
    for name, open_ in VIEWS.items():
        try:
            await open_(pilot, app)
            app.export_screenshot()  # renders every visible widget: a drawing error raises here
        except Exception as e:  # the game's own report of what failed says more
            raise AssertionError(f"{name}: {app.internal_errors or e!r}") from e
        assert not missing(screen_text(app)), (name, "symbols a browser shows as empty boxes")
        assert app.is_running and not app.internal_errors, (name, app.internal_errors)
        await close_views(pilot, app)
        visited.append(name)
    return visited


async def close_views(pilot: Pilot[int], app: GigsimApp) -> None:
    """Back to the dashboard alone: dialogs closed, the keys panel and notices gone."""
    while len(app.screen_stack) > 1:
        app.pop_screen()
        await pilot.pause()
    app.action_hide_help_panel()
    app.clear_notifications()
    app.main.set_focus(None)
    await pilot.pause()
    await pilot.press("1")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("months", [0, 2])
@sync
async def test_every_view_opens_and_draws(
    save_dir: Path, months: int, lang: str, language: Callable[[str], None]
) -> None:
    """In English and in Japanese (double-width text in every label and column)."""
    language(lang)
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        app.game.quiet = frozenset(DECISION_TITLE)  # decisions wait in the inbox; time goes on
        for _ in range(months):
            outcome = app.game.advance("month")  # what the time worker does for `m`
            assert outcome.stop == "month"
        app.refresh_view()
        await pilot.pause()
        assert len(app.main.view.snapshot.months) == months
        assert await _visit_all(pilot, app) == list(VIEWS)
        if months:  # the charts had something to draw, the rating a line
            shown = app.main.view.snapshot.months
            assert chart_spec("rating", shown, "JPY").kind == "line"
            assert chart_spec("net", shown, "JPY").kind == "bar"

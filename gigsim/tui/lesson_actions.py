"""The game's lesson keys and the report to hand in, for the App's thin actions.

``l`` shows the lesson's card, the palette's "Mission" entry the scorecard
so far, ``e`` writes the report to hand in; the mission report comes by
itself when the month of the time limit closes (or when a game loaded past
it has not shown it yet), under that month's report so that the month is
read first. A class game asks the student's name first, at its start (then
the card) and, if it was put off, before the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from gigsim.errors import BadInput
from gigsim.i18n import _
from gigsim.tui.screens.lesson import LessonCardScreen, MissionReportScreen
from gigsim.tui.screens.main import MainScreen
from gigsim.tui.screens.student import StudentScreen

if TYPE_CHECKING:
    from gigsim.tui.app import GigsimApp
    from gigsim.tui.mission import MissionView


def _mission(app: GigsimApp) -> MissionView | None:
    mission = app.game.view().mission
    if mission is None:
        app.say(_("this game plays no lesson: `gigsim play --lesson N` starts one"), ok=False)
    return mission


def show_card(app: GigsimApp) -> None:
    """The lesson's card, over the main screen."""
    mission = _mission(app)
    if mission is not None and isinstance(app.screen, MainScreen):
        cur = app.game.scenario.currency
        app.push_screen(LessonCardScreen(mission.lesson, cur, mission.classroom))


def start(app: GigsimApp) -> None:
    """A lesson game's start: the student's name for a class game, then the card."""
    ask_student(app, lambda: show_card(app))


def ask_student(app: GigsimApp, then: Callable[[], None]) -> None:
    """Ask a class game's student for their name if it has none yet, then go on with ``then``
    (whether the name was given or put off)."""
    room = app.game.lesson.classroom if app.game.lesson is not None else None
    # asked over the main screen, or over the mission report whose ``e`` writes the report
    if room is None or room.student or not isinstance(app.screen, MainScreen | MissionReportScreen):
        then()
        return

    def given(name: str | None) -> None:
        if name:
            app.game.set_student(name)
            app.game.autosave()  # the save has the name from now on
            app.refresh_view()
        then()

    app.push_screen(StudentScreen(room.name), callback=given)


def show_mission(app: GigsimApp) -> None:
    """The scorecard as it stands (the final one once the time limit is reached)."""
    mission = _mission(app)
    if mission is not None and isinstance(app.screen, MainScreen):
        cur = app.game.scenario.currency
        app.push_screen(MissionReportScreen(mission.lesson, mission.card, cur))


def mission_due(app: GigsimApp) -> bool:
    """Show the mission's report if its time limit is reached and it has not been shown.

    The save says it has from now on, written again at once: quitting from the report
    must not bring it back at the next load.
    """
    mission = app.game.view().mission
    if mission is None or not mission.due:
        return False
    app.game.mission_reported()
    cur = app.game.scenario.currency
    app.push_screen(MissionReportScreen(mission.lesson, mission.card, cur))
    app.game.autosave()
    return True


def write_report(app: GigsimApp) -> None:
    """Write the report to hand in: Markdown, CSV and the result for the teacher, into the
    game's reports folder (a class game's student named first)."""
    ask_student(app, lambda: _write_report(app))


def _write_report(app: GigsimApp) -> None:
    try:
        paths = app.game.write_report()
    except BadInput as e:
        _said(app, e.short(), ok=False)
        return
    first, *rest = paths
    stem = first.name.removesuffix(".md")
    others = ", ".join(p.name.removeprefix(stem) for p in rest)
    line = _("report written: {file} ({others}) in {folder}")
    _said(app, line.format(file=first.name, others=others, folder=first.parent))


def _said(app: GigsimApp, line: str, ok: bool = True) -> None:
    """On the status line, and in the mission report if ``e`` was pressed there."""
    app.say(line, ok)
    if isinstance(app.screen, MissionReportScreen):
        app.screen.written(line if ok else f"! {line}")

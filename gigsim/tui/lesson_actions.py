"""The game's lesson keys and the report to hand in, for the App's thin actions.

``l`` shows the lesson's card, the palette's "Mission" entry the scorecard
so far, ``e`` writes the report to hand in; the mission report comes by
itself when the month of the time limit closes (or when a game loaded past
it has not shown it yet), under that month's report so that the month is
read first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gigsim.errors import BadInput
from gigsim.i18n import _
from gigsim.tui.screens.lesson import LessonCardScreen, MissionReportScreen
from gigsim.tui.screens.main import MainScreen

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
        app.push_screen(LessonCardScreen(mission.lesson, app.game.scenario.currency))


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
    """Write the report to hand in: Markdown and CSV, into the game's reports folder."""
    try:
        paths = app.game.write_report()
    except BadInput as e:
        app.say(e.short(), ok=False)
        return
    first, *rest = paths
    stem = first.name.removesuffix(".md")
    others = ", ".join(p.name.removeprefix(stem) for p in rest)
    app.say(
        _("report written: {file} ({others}) in {folder}").format(
            file=first.name, others=others, folder=first.parent
        )
    )

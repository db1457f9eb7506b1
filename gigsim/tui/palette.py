"""The game's entries in the command palette (ctrl+p): every action by name, in the game's language.

Built each time the palette opens, so that a change of language shows at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from gigsim.i18n import _
from gigsim.tui.language import language_name, other_language
from gigsim.tui.screens.main import TABS

if TYPE_CHECKING:
    from gigsim.tui.app import GigsimApp


def game_commands(app: GigsimApp) -> Iterator[SystemCommand]:
    """The language switch, settings, hours, the request rule, time, tabs, games and help."""
    main = app.main
    yield SystemCommand(
        _("Language: {name}").format(name=language_name(other_language())),
        _("Show the game in {name} now (until it quits: the game keeps no settings file)").format(
            name=language_name(other_language())
        ),
        app.action_language,
    )
    yield SystemCommand(
        _("Settings"), _("Language and theme; applies at once"), app.action_settings
    )
    yield SystemCommand(
        _("Your hours and profile"),
        _("Change weekly hours, reply speed and what you disclose about yourself"),
        app.action_hours,
    )
    yield SystemCommand(
        _("Rule for public requests"),
        _("Propose to buyers' requests by rule, so that time stops less (r)"),
        app.action_request_rule,
    )
    yield SystemCommand(
        _("Platform rules"),
        _("Fees on your own price, escrow, deadlines, payouts, ranks"),
        app.action_rules,
    )
    yield SystemCommand(_("Run"), _("Run until something needs you"), main.action_run)
    yield SystemCommand(
        _("Advance a day"), _("Move time on by a day"), lambda: main.action_time("day")
    )
    yield SystemCommand(
        _("Advance a week"), _("Move time on by a week"), lambda: main.action_time("week")
    )
    yield SystemCommand(
        _("Advance to month end"),
        _("Run to the month's close"),
        lambda: main.action_time("month"),
    )
    for key, label in TABS:
        yield SystemCommand(
            _("Show {tab}").format(tab=label),
            _("Open the {tab} tab").format(tab=label),
            lambda k=key: main.action_tab(k),
        )
    yield SystemCommand(
        _("New game"), _("Choose a scenario, name, hours and seed"), app.action_new_game
    )
    yield SystemCommand(_("Save game"), _("Save now"), app.action_save)
    yield SystemCommand(_("Load or rewind"), _("Load a save or rewind to a month"), app.action_load)
    if app.game.lesson is not None:
        yield SystemCommand(
            _("Lesson card"),
            _("What the lesson is about, and its mission (l)"),
            app.action_lesson_card,
        )
        yield SystemCommand(
            _("Mission report"), _("The mission's scorecard so far"), app.action_mission_report
        )
    yield SystemCommand(
        _("Write the report"),
        _("The report to hand in: Markdown and CSV, with your decisions (e)"),
        app.action_write_report,
    )
    yield SystemCommand(
        _("Luck check"),
        _("Your strategy replayed on other seeds: was it skill or luck?"),
        app.action_luck,
    )
    yield SystemCommand(_("Help"), _("Every key"), app.action_help)

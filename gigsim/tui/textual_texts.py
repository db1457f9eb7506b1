"""Textual's own texts on the game's screens, in the game's language.

Textual writes a few texts of its own: the command palette's prompt and its
"No matches found", the theme search's prompt, the note that ctrl+c does not
quit, and the keys panel's descriptions. The app shows them through these
functions, each text marked in ``gigsim.tui.language.TEXTUAL_WORDS`` (or here),
so that a Japanese game has no English left in Textual's parts.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.theme import ThemeProvider
from textual.widgets.option_list import Option

from gigsim.i18n import _
from gigsim.tui.widgets.keys_panel import KeysHelp


class Palette(CommandPalette):
    """Textual's command palette with its "No matches found" in the game's language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own (command.py), its one English text translated
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def open_command_palette(app: App[int]) -> None:
    """The palette of every command (ctrl+p), its prompt in the game's language."""
    if app.use_command_palette and not CommandPalette.is_open(app):  # type: ignore[arg-type]
        app.push_screen(Palette(id="--command-palette", placeholder=_("Search for commands…")))


def open_theme_search(app: App[int]) -> None:
    """The palette's "Theme" search (theme names are Textual's own, as written)."""
    app.push_screen(Palette(providers=[ThemeProvider], placeholder=_("Search for themes…")))


def show_keys(app: App[int]) -> None:
    """The keys panel beside the screen (the palette's "Keys")."""
    try:
        app.screen.query_one(KeysHelp)
    except NoMatches:
        app.screen.query("HelpPanel").remove()  # Textual's own, should it be there
        app.screen.mount(KeysHelp())


def tell_how_to_quit(app: App[int]) -> None:
    """ctrl+c copies in Textual; pressed out of habit to quit, it says which key quits."""
    for active in app.active_bindings.values():
        if active.binding.action in ("quit", "app.quit"):
            app.notify(
                _("Press {key} to quit the game").format(key=app.get_key_display(active.binding)),
                title=_("Do you want to quit?"),
                markup=False,
            )
            return

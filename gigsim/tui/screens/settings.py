"""Settings: the language the game is shown in, the light or dark theme, and the tour.

A choice applies at once: the app draws every screen again in the new
language. The game keeps no settings file, so a choice lasts until the game
quits (the note on the screen says how to start in a language).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from gigsim.i18n import N_, _, language
from gigsim.tui.language import choices
from gigsim.tui.messages import LanguageRequested

THEMES = (("textual-dark", N_("dark")), ("textual-light", N_("light")))
TOUR = ((True, N_("on a new game")), (False, N_("never")))


class SettingsScreen(ModalScreen[None]):
    CSS_PATH = "settings.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", N_("Close"))]

    def compose(self) -> ComposeResult:
        with Vertical(id="settings"):
            yield Static(_("Settings"), id="settings-title")
            with Horizontal(classes="field"):
                yield Label(_("Language"), classes="label")
                yield Select(
                    choices(), value=language(), allow_blank=False, id="language", compact=True
                )
            with Horizontal(classes="field"):
                yield Label(_("Theme"), classes="label")
                yield Select(
                    [(_(name), key) for key, name in THEMES],
                    value="textual-light" if not self.app.current_theme.dark else "textual-dark",
                    allow_blank=False,
                    id="theme",
                    compact=True,
                )
            yield Static(
                _(
                    "Applies at once. The game keeps no settings file: to start in a "
                    "language, use --lang ja|en or GIGSIM_LANG."
                ),
                id="settings-note",
            )
            # last, above the button: its open list covers no text
            with Horizontal(classes="field"):
                yield Label(_("Tour"), classes="label")
                yield Select(
                    [(_(name), key) for key, name in TOUR],
                    value=bool(getattr(self.app, "tour", False)),
                    allow_blank=False,
                    id="tour",
                    compact=True,
                )
            with Horizontal(id="settings-buttons"):
                yield Button(_("Close"), id="close", variant="primary", compact=True)

    @on(Select.Changed, "#language")
    def _language(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != language():
            self.app.post_message(LanguageRequested(event.value))

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.app.theme:
            self.app.theme = event.value

    @on(Select.Changed, "#tour")
    def _tour(self, event: Select.Changed) -> None:
        if isinstance(event.value, bool):
            self.app.tour = event.value  # type: ignore[attr-defined]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

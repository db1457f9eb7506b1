"""New game: scenario or platform preset, seller name, weekly hours and the seed."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from gigsim.i18n import N_, _, lazy
from gigsim.text.wrap import wrap
from gigsim.tui.messages import NewGameRequested
from gigsim.tui.widgets.number_input import NumberInput

DESC_WIDTH = 68
"""Cells of a line of the scenario's description in the dialog (72 wide, its border and padding
aside)."""
FIELDS = (
    ("name", lazy("Seller name"), "text"),
    ("weekday", lazy("Hours, weekday evening"), "number"),
    ("weekend", lazy("Hours, weekend day"), "number"),
    ("seed", lazy("Seed"), "integer"),
)


def _field(key: str, kind: str, value: str) -> Input:
    """Text for the name; numbers through patterns that cannot freeze on long input
    (Textual's own number types backtrack exponentially, see ``NumberInput``)."""
    if kind == "number":
        return NumberInput(value, id=key, compact=True)
    if kind == "integer":
        return Input(value, id=key, restrict=r"\d*", max_length=12, compact=True)
    return Input(value, id=key, compact=True)


class NewGameScreen(ModalScreen[None]):
    CSS_PATH = "new_game.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        scenarios: list[tuple[str, str]],
        current: str,
        name: str,
        weekday: float,
        weekend: float,
        seed: int,
    ) -> None:
        super().__init__()
        self.scenarios = scenarios
        self.values = {
            "name": _(name),  # the scenario's "You" as the player's language says it
            "weekday": f"{weekday:g}",
            "weekend": f"{weekend:g}",
            "seed": str(seed),
        }
        self.current = current if any(n == current for n, _ in scenarios) else scenarios[0][0]

    def compose(self) -> ComposeResult:
        with Vertical(id="new-game"):
            yield Static(_("New game"), id="new-title")
            with Horizontal(classes="field"):
                yield Label(_("Scenario"), classes="label")
                yield Select(
                    [(name, name) for name, _desc in self.scenarios],
                    value=self.current,
                    allow_blank=False,
                    id="scenario",
                    compact=True,
                )
            yield Static(id="scenario-desc", markup=False)
            for key, label, kind in FIELDS:
                with Horizontal(classes="field"):
                    yield Label(str(label), classes="label")
                    yield _field(key, kind, self.values[key])
            yield Static(
                _("The seed fixes the market's luck: same seed and choices, same game."),
                id="seed-note",
            )
            yield Static("", id="new-error", markup=False)
            with Horizontal(id="new-buttons"):
                yield Button(_("Start"), id="start", variant="primary", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self._describe()

    def on_select_changed(self) -> None:
        self._describe()

    def _describe(self) -> None:
        name = self.query_one("#scenario", Select).value
        desc = next((d for n, d in self.scenarios if n == name), "")
        if cell_len(desc) != len(desc):  # Japanese: broken between characters, not at a space
            desc = "\n".join(wrap(desc, DESC_WIDTH))
        self.query_one("#scenario-desc", Static).update(desc)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            if self.app.screen is self:  # a burst of keys may ask twice
                self.dismiss(None)
            return
        self.start()

    def on_input_submitted(self) -> None:
        self.start()

    def start(self) -> None:
        get = lambda key: self.query_one(f"#{key}", Input).value.strip()  # noqa: E731
        try:
            weekday, weekend = float(get("weekday")), float(get("weekend"))
            seed = int(get("seed"))
        except ValueError:
            self.query_one("#new-error", Static).update("✗ " + _("hours and seed must be numbers"))
            return
        if not (0 <= weekday <= 24 and 0 <= weekend <= 24) or seed < 0:
            self.query_one("#new-error", Static).update(
                "✗ " + _("hours 0–24 a day; seed 0 or more")
            )
            return
        scenario = self.query_one("#scenario", Select).value
        self.app.post_message(
            NewGameRequested(str(scenario), get("name") or _("You"), weekday, weekend, seed)
        )
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

    def action_cancel(self) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

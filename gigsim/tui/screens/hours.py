"""Your hours: weekday evenings, weekend days, overtime and how fast you answer messages."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from gigsim.engine.api import SetHours
from gigsim.i18n import N_, _, lazy
from gigsim.tui.messages import ActionRequested
from gigsim.tui.widgets.number_input import NumberInput

FIELDS = (
    ("weekday", lazy("Hours, weekday evening"), 24.0),
    ("weekend", lazy("Hours, weekend day"), 24.0),
    ("overtime", lazy("Overtime, hours a week"), 100.0),
    ("reply", lazy("Answer messages within (h)"), 720.0),
)


class HoursScreen(ModalScreen[None]):
    CSS_PATH = "hours.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, hours: tuple[float, float, float, float]) -> None:
        super().__init__()
        self.values = dict(zip((k for k, _, _ in FIELDS), hours, strict=True))

    def compose(self) -> ComposeResult:
        with Vertical(id="hours"):
            yield Static(_("Your hours for the side gig"), id="hours-title")
            for key, label, _top in FIELDS:
                with Horizontal(classes="field"):
                    yield Label(str(label), classes="label")
                    yield NumberInput(f"{self.values[key]:g}", id=f"h-{key}", compact=True)
            yield Static(
                _(
                    "More hours carry more orders; overtime is used only when an order would be "
                    "late, and tires you (quality falls). Slow answers lose buyers who ask first."
                ),
                id="hours-note",
            )
            yield Static("", id="hours-error", markup=False)
            with Horizontal(id="hours-buttons"):
                yield Button(_("Apply"), id="apply", variant="primary", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def action_cancel(self) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.action_cancel()
        else:
            self.apply()

    def on_input_submitted(self) -> None:
        self.apply()

    def apply(self) -> None:
        got: dict[str, float] = {}
        for key, label, top in FIELDS:
            try:
                value = float(self.query_one(f"#h-{key}", Input).value.strip())
            except ValueError:
                value = -1.0
            if not 0 <= value <= top:
                self.query_one("#hours-error", Static).update(
                    "✗ "
                    + _("{field}: a number from 0 to {top}").format(field=label, top=f"{top:g}")
                )
                return
            got[key] = value
        action = SetHours(got["weekday"], got["weekend"], got["overtime"], got["reply"])
        self.app.post_message(ActionRequested(action, origin="hours"))
        self.action_cancel()

"""Your hours and profile: weekday evenings, weekend days, overtime, how fast you answer
messages, and how much you disclose about yourself (with its trade-off, from the model)."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from gigsim.engine.api import SetDisclosure, SetHours
from gigsim.i18n import _, lazy
from gigsim.model.scenario import Scenario
from gigsim.text.platform_rules import disclosure_lines, percent
from gigsim.text.wrap import wrap
from gigsim.tui.messages import ActionRequested
from gigsim.tui.screens.form import FormScreen
from gigsim.tui.widgets.number_input import NumberInput

FIELDS = (
    ("weekday", lazy("Hours, weekday evening"), 24.0),
    ("weekend", lazy("Hours, weekend day"), 24.0),
    ("overtime", lazy("Overtime, hours a week"), 100.0),
    ("reply", lazy("Answer messages within (h)"), 720.0),
)
TEXT_WIDTH = 60  # cells of a line inside the dialog
LEVELS = (
    (0.0, lazy("nothing")),
    (0.25, lazy("a little")),
    (0.5, lazy("some")),
    (0.75, lazy("much")),
    (1.0, lazy("everything")),
)
"""The disclosure levels offered (the scenario's own level is offered too)."""


def level_choices(current: float) -> list[tuple[str, float]]:
    """'50% · some' for each level, the current one among them."""
    levels = dict(LEVELS)
    shown = sorted({*levels, current})
    return [(f"{percent(x)} · {levels[x]}" if x in levels else percent(x), x) for x in shown]


class HoursScreen(FormScreen):
    CSS_PATH = "hours.tcss"

    def __init__(
        self, hours: tuple[float, float, float, float], disclosure: float, scenario: Scenario
    ) -> None:
        super().__init__()
        self.values = dict(zip((k for k, _, _ in FIELDS), hours, strict=True))
        self.disclosure = disclosure
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with Vertical(id="hours"):
            yield Static(_("Your hours and profile"), id="hours-title")
            for key, label, _top in FIELDS:
                with Horizontal(classes="field", id=f"h-{key}-field"):
                    yield Label(str(label), classes="label")
                    yield NumberInput(f"{self.values[key]:g}", id=f"h-{key}", compact=True)
            yield Static(
                _(
                    "More hours carry more orders; overtime is used only when an order would be "
                    "late, and tires you (quality falls). Slow answers lose buyers who ask first."
                ),
                id="hours-note",
            )
            # the choice last, above the buttons: its open list covers no text
            yield Static(self._tradeoff(self.disclosure), id="disclosure-note", markup=False)
            with Horizontal(classes="field", id="disclosure-field"):
                yield Label(_("What you disclose"), classes="label")
                yield Select(
                    level_choices(self.disclosure),
                    value=self.disclosure,
                    allow_blank=False,
                    id="disclosure",
                    compact=True,
                )
            yield Static("", id="hours-error", markup=False)
            with Horizontal(id="hours-buttons"):
                yield Button(_("Apply"), id="apply", variant="primary", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def _tradeoff(self, level: float) -> str:
        """The trade-off of ``level``; Japanese broken between characters (Textual breaks
        only at spaces)."""
        lines = disclosure_lines(level, self.scenario)
        return "\n".join(
            part
            for line in lines
            for part in (wrap(line, TEXT_WIDTH) if cell_len(line) != len(line) else [line])
        )

    @on(Select.Changed, "#disclosure")
    def _disclosure(self, event: Select.Changed) -> None:
        if isinstance(event.value, float):
            self.query_one("#disclosure-note", Static).update(self._tradeoff(event.value))

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
        level = self.query_one("#disclosure", Select).value
        if isinstance(level, float) and level != self.disclosure:
            self.app.post_message(ActionRequested(SetDisclosure(level), origin="hours"))
        self.action_cancel()

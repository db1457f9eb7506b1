"""A class game's student name: asked once, kept in the save, written in the results.

The teacher collects the results by this name, so a class game asks for it
before the lesson's card (a game ``gigsim serve`` started cannot be given
``--student``) and again before the report to hand in if it was put off.
Escape puts it off; the name is one line of printable text.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from gigsim.errors import BadInput
from gigsim.i18n import N_, _
from gigsim.lessons.pack import STUDENT_LENGTH, check_student
from gigsim.tui.screens.lesson import paragraph

TEXT_WIDTH = 64
"""Cells a line of the dialog's text has (its box, border and padding aside)."""


class StudentScreen(ModalScreen[str | None]):
    """Your name for the class: dismissed with the name, or None when put off."""

    CSS_PATH = "student.tcss"
    AUTO_FOCUS = "#student-name"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "later", N_("Later"))]

    def __init__(self, class_name: str) -> None:
        super().__init__()
        self.class_name = class_name

    def compose(self) -> ComposeResult:
        with Vertical(id="student"):
            title = _("Class: {name}").format(name=self.class_name)
            yield Static(paragraph(title, TEXT_WIDTH), id="student-title", markup=False)
            yield Static(
                paragraph(
                    _(
                        "Your name, as your teacher will see it beside your results (the "
                        "report to hand in, e, carries it):"
                    ),
                    TEXT_WIDTH,
                ),
                markup=False,
            )
            with Horizontal(id="student-field"):
                yield Label(_("Your name"), id="student-label")
                yield Input("", id="student-name", max_length=STUDENT_LENGTH, compact=True)
            yield Static("", id="student-error", markup=False)
            with Horizontal(id="student-buttons"):
                yield Button(_("OK (enter)"), id="student-ok", variant="primary", compact=True)
                yield Button(_("Later (escape)"), id="student-later", compact=True)

    def on_input_submitted(self) -> None:
        self._ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "student-later":
            self.action_later()
        else:
            self._ok()

    def _ok(self) -> None:
        try:
            name = check_student(self.query_one("#student-name", Input).value, "student")
        except BadInput as e:
            self.query_one("#student-error", Static).update("✗ " + e.problem)
            return
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(name)

    def action_later(self) -> None:
        if self.app.screen is self:
            self.dismiss(None)

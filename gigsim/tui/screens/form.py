"""A dialog of fields applied together: Apply (or enter in a field) applies, Cancel or
escape closes without a change. The hours and the request rule dialogs are such forms."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button

from gigsim.i18n import N_


class FormScreen(ModalScreen[None]):
    """A form: its buttons are ``#apply`` and ``#cancel``; ``apply`` reads the fields, posts
    the actions and closes (or shows what is wrong and stays)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def apply(self) -> None:
        raise NotImplementedError

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

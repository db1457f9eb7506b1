"""Load a save, or rewind to the start of a past month and play on from there (a branch)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gigsim.i18n import N_, _
from gigsim.text.units import month_label
from gigsim.tui.messages import LoadRequested, RewindRequested
from gigsim.tui.session import SaveInfo


class SavesScreen(ModalScreen[None]):
    CSS_PATH = "saves.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", N_("Close"))]

    def __init__(self, saves: list[SaveInfo], folder: Path, months: list[tuple[int, str]]) -> None:
        super().__init__()
        self.saves = saves
        self.folder = folder
        self.months = months  # (1-based month, label) that can be rewound to

    def compose(self) -> ComposeResult:
        with Vertical(id="saves"):
            yield Static(
                _("Load a save  ({folder})").format(folder=self.folder),
                classes="heading",
                markup=False,
            )
            options = [
                Option(info.title, id=f"save-{i}", disabled=False)
                for i, info in enumerate(self.saves)
            ]
            # titles hold file names and labels from the files: text, never markup
            yield OptionList(*options, id="save-list", markup=False)
            if not self.saves:
                yield Static(
                    _("No saves yet: the game autosaves at every month end."), markup=False
                )
            yield Static(_("Rewind this game to the start of a month"), classes="heading")
            yield OptionList(
                *(
                    Option(
                        _("start of {label} (month {month})").format(
                            label=month_label(label), month=m
                        ),
                        id=f"month-{m}",
                    )
                    for m, label in self.months
                ),
                id="month-list",
            )
            yield Static("", id="saves-error", markup=False)
            yield Static(_("enter: choose · tab: switch list · escape: close"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#save-list" if self.saves else "#month-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("save-"):
            info = self.saves[int(oid.removeprefix("save-"))]
            if not info.ok:
                self.show_error(info.title.removeprefix("✗ "))
                return
            self.app.post_message(LoadRequested(info.path))
        else:
            self.app.post_message(RewindRequested(int(oid.removeprefix("month-"))))
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

    def show_error(self, line: str) -> None:
        self.query_one("#saves-error", Static).update(f"✗ {line}")

    def action_close(self) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

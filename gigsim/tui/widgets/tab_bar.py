"""The main screen's row of tabs: one line of labels drawn by one widget.

Textual's ``TabbedContent`` builds about fifteen widgets (tabs, an animated
underline, scroll containers, a pane per tab) and was a third of the game's
start-up. The main screen needs less: a line of labels that shows which tab
is open and which ones need attention, and a click that asks for a tab. The
screen owns the panes and says which tab is active; this widget only draws.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class TabRequested(Message):
    """The player clicked a tab's label."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


Label = tuple[str, str, bool, str, str]  # key, label, whether it alerts, short, tiny labels


class TabBar(Widget):
    """Labels ``(key, label, alert, short, tiny)``; active and alerting ones styled in main.tcss.

    Drawn at the first width that fits: each label with a space either side, with one
    space, then the short labels (beside the keys panel, say), then the tiny ones (the
    tab's number and its count), never a tab dropped.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"tab-bar--active", "tab-bar--alert"}

    labels: reactive[tuple[Label, ...]] = reactive(())
    active: reactive[str] = reactive("")

    def __init__(self, labels: tuple[Label, ...], active: str, id: str) -> None:
        super().__init__(id=id)
        self.set_reactive(TabBar.labels, labels)
        self.set_reactive(TabBar.active, active)
        self._spans: list[tuple[int, int, str]] = []

    def _layout(self) -> tuple[int, str]:
        """Which label (1 long, 3 short, 4 tiny) and which padding fit; the tiniest at worst."""
        for index, pad in ((1, " "), (1, ""), (3, " "), (3, ""), (4, "")):
            # a label takes its padding either side, or one trailing space without padding
            total = sum(cell_len(str(lb[index])) + (2 * len(pad) or 1) for lb in self.labels)
            if total <= self.size.width:
                return index, pad
        return 4, ""

    def render(self) -> Text:
        index, pad = self._layout()
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for label in self.labels:
            key, alert = label[0], label[2]
            style = self.get_component_rich_style("tab-bar--alert", partial=True) if alert else None
            if key == self.active:
                active = self.get_component_rich_style("tab-bar--active", partial=True)
                style = active if style is None else style + active
            start = len(text)
            text.append(f"{pad}{label[index]}{pad}" if pad else f"{label[index]} ", style or "")
            self._spans.append((start, len(text), key))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.post_message(TabRequested(key))
                return

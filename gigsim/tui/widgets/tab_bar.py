"""The main screen's row of tabs: one line of labels drawn by one widget.

Textual's ``TabbedContent`` builds about fifteen widgets (tabs, an animated
underline, scroll containers, a pane per tab) and was a third of the game's
start-up. The main screen needs less: a line of labels that shows which tab
is open and which ones need attention, and a click that asks for a tab. The
screen owns the panes and says which tab is active; this widget only draws.
"""

from __future__ import annotations

from typing import ClassVar

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


class TabBar(Widget):
    """Labels ``(key, label, alert)``; the active one and the alerting ones are styled in main.tcss."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"tab-bar--active", "tab-bar--alert"}

    labels: reactive[tuple[tuple[str, str, bool], ...]] = reactive(())
    active: reactive[str] = reactive("")

    def __init__(self, labels: tuple[tuple[str, str, bool], ...], active: str, id: str) -> None:
        super().__init__(id=id)
        self.set_reactive(TabBar.labels, labels)
        self.set_reactive(TabBar.active, active)
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        # A space each side of a label, as Textual's tabs; one space when that is too wide.
        roomy = sum(len(label) + 2 for _, label, _ in self.labels) <= self.size.width
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for key, label, alert in self.labels:
            style = self.get_component_rich_style("tab-bar--alert", partial=True) if alert else None
            if key == self.active:
                active = self.get_component_rich_style("tab-bar--active", partial=True)
                style = active if style is None else style + active
            start = len(text)
            text.append(f" {label} " if roomy else f"{label} ", style or "")
            self._spans.append((start, len(text), key))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.post_message(TabRequested(key))
                return

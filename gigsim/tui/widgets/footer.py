"""The footer of keys: the screen's shown bindings on one line, drawn by one widget.

Textual's ``Footer`` is a scrolling container with a widget per key, each
with its own styles, and it rebuilds them all whenever focus moves or a
screen resumes. On the main screen that was a third of start-up. This footer
draws the same line itself (each key, then what it does; the command palette
key on the right), redraws only when the keys it shows change, and a click on
a key presses it, as on Textual's.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from gigsim.i18n import _


class Key(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


def shown_keys(screen: Screen[object]) -> tuple[tuple[Key, ...], Key | None]:
    """The keys a footer on ``screen`` shows, one per action, and the command palette's key."""
    app = screen.app
    keys: list[Key] = []
    actions: set[str] = set()
    palette = None
    for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
        item = Key(key, app.get_key_display(binding), _(binding.description), enabled)
        if key == app.COMMAND_PALETTE_BINDING:
            palette = item if app.ENABLE_COMMAND_PALETTE else None
        elif binding.show and binding.action not in actions:
            actions.add(binding.action)
            keys.append(item)
    return tuple(keys), palette


class KeyFooter(Widget):
    """Styled in main.tcss with Textual's footer colours."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--separator",
    }

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[tuple[Key, ...], Key | None] = ((), None)
        self._spans: list[tuple[int, int, Key]] = []

    def on_mount(self) -> None:
        self._keys = shown_keys(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        keys = shown_keys(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        description = self.get_component_rich_style("key-footer--description", partial=True)
        keys, palette = self._keys
        right = Text(end="")
        if palette is not None:
            dim = Style() if palette.enabled else Style(dim=True)
            right.append("▏", self.get_component_rich_style("key-footer--separator", partial=True))
            right.append(palette.display, key_style + dim)
            right.append(f" {palette.description}", description + dim)
        width = self.size.width
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for item in keys:
            # Whole keys only: a key cut in half at the edge reads as a different key.
            if (
                text.cell_len + cell_len(item.display + item.description) + 3
                > width - right.cell_len
            ):
                break
            start = text.cell_len
            self._append(text, item, key_style, description)
            self._spans.append((start, text.cell_len, item))
        if palette is not None:
            text.append(" " * max(0, width - text.cell_len - right.cell_len))
            self._spans.append((text.cell_len, text.cell_len + right.cell_len, palette))
            text.append_text(right)
        return text

    @staticmethod
    def _append(text: Text, item: Key, key_style: Style, description: Style) -> None:
        dim = Style() if item.enabled else Style(dim=True)
        text.append(f" {item.display} ", key_style + dim)
        text.append(f"{item.description} ", description + dim)

    def on_click(self, event: events.Click) -> None:
        for start, end, item in self._spans:
            if start <= event.x < end:
                if item.enabled:
                    self.app.simulate_key(item.key)
                else:
                    self.app.bell()
                return

"""The footer of keys, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds all its key widgets whenever a screen's bindings
*may* have changed: when focus moves, when the screen resumes, after each
``set_focus``. At start-up that is three rebuilds in a row of the same keys,
each paid for with a round of styling and layout. The keys it shows depend
only on the active bindings, so this footer keeps at most one rebuild waiting
and skips it when the keys it would show are the ones it last drew.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen[object]) -> tuple[Hashable, ...]:
    """What a footer on ``screen`` would draw: its shown bindings and their state."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (key, b.action, b.description, b.key_display, b.group, enabled, tooltip)
        for key, (_, b, enabled, tooltip) in screen.active_bindings.items()
        if b.show or key == palette
    )


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._drawn: tuple[Hashable, ...] | None = None
        self._rebuild_pending = False

    def compose(self) -> ComposeResult:
        # Textual's Footer draws nothing until the screen first reports its bindings,
        # then rebuilds; the screen's bindings are already known here, so draw them now.
        self.set_reactive(Footer._bindings_ready, True)
        self._drawn = shown_keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Like Footer's, but at most one rebuild waits at a time, and none for the same keys."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        # A rebuild that is already waiting reads the bindings when it runs.
        if self._rebuild_pending or shown_keys(screen) == self._drawn:
            return
        self._rebuild_pending = True
        self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()

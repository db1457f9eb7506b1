"""A widget that renders the latest ``GameView`` it is given.

The screen hands its ``view`` down to these widgets by setting theirs; a
widget re-renders in ``render_view`` and never reaches into the game.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget

from gigsim.tui.session import GameView


class ViewWidget(Widget):
    view: reactive[GameView | None] = reactive(None, init=False)

    def watch_view(self, view: GameView | None) -> None:
        if view is not None and self.is_mounted:
            self.render_view(view)

    def on_mount(self) -> None:
        if self.view is not None:
            self.render_view(self.view)

    def render_view(self, view: GameView) -> None:
        raise NotImplementedError

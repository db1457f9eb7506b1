"""The two Textual bugs the game guards against: each shown on Textual's own code, then guarded.

When a Textual release fixes one, the first half of its test fails: then the
guard can go (see ``gigsim/tui/textual_fixes.py``).
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult, ScreenStackError
from textual.command import CommandPalette
from textual.widgets import OptionList

from gigsim.tui import textual_fixes
from tests.tui.conftest import sync


class _Lists(App[None]):
    def compose(self) -> ComposeResult:
        hidden = OptionList(*(f"option {i}" for i in range(30)), id="hidden")
        hidden.display = False  # no size yet, as the palette's list before it is laid out
        yield hidden


@sync
async def test_page_down_on_a_list_without_size() -> None:
    async with _Lists().run_test() as pilot:
        options = pilot.app.query_one("#hidden", OptionList)
        options.highlighted = 0
        with pytest.raises(KeyError):
            textual_fixes._original_move_page(options, 1)
        textual_fixes._guarded_move_page(options, 1)
        assert options.highlighted == 29
        textual_fixes._guarded_move_page(options, -1)
        assert options.highlighted == 0


@sync
async def test_a_palette_dismissed_twice() -> None:
    async with App[None]().run_test() as pilot:
        app = pilot.app
        palette = CommandPalette()
        await app.push_screen(palette)
        textual_fixes._original_dismiss(palette)
        await pilot.pause()
        with pytest.raises(ScreenStackError):  # the second Enter, queued before the first
            textual_fixes._original_dismiss(palette)

        again = CommandPalette()
        await app.push_screen(again)
        textual_fixes._guarded_dismiss(again)
        await pilot.pause()
        textual_fixes._guarded_dismiss(again)  # not on top any more: nothing happens
        await pilot.pause()
        assert len(app.screen_stack) == 1


def test_the_game_installs_both_guards() -> None:
    textual_fixes.install()
    assert OptionList._move_page is textual_fixes._guarded_move_page
    assert CommandPalette.dismiss is textual_fixes._guarded_dismiss

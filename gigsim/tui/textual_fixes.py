"""Guards around two Textual bugs that random keys reach (found on Textual 8.2.8, the newest).

Both are reported upstream in the words of the commit that added this module;
each guard is a no-op when Textual behaves, and ``tests/tui/test_textual_fixes.py``
shows each bug on Textual's own code before showing the guard.

1. ``OptionList._move_page`` (PageUp/PageDown) reads ``_index_to_line``, which
   stays empty while the list has no size yet (``_update_lines`` returns early
   when ``scrollable_content_region`` is empty): ``KeyError: 0``. The command
   palette's list and a ``Select`` overlay are in that state between being
   filled and being laid out, so ctrl+p followed at once by PageDown crashes.
   The guard moves to the first or last option instead, as PageUp/PageDown do
   when nothing is highlighted.
2. ``Screen.dismiss`` pops whatever screen is on top. The command palette
   handles a second Enter that was queued before its first one dismissed it,
   and dismisses again: ``ScreenStackError`` with only the main screen left, or
   the wrong screen popped. Every command palette (ctrl+p, and the theme and
   key searches Textual opens as palettes) is guarded to dismiss only while it
   is the active screen.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.widgets import OptionList

_original_move_page = OptionList._move_page
_original_dismiss = CommandPalette.dismiss


def _guarded_move_page(self: OptionList, direction: Any) -> None:
    highlighted = self.highlighted or 0
    if self.option_count and highlighted not in self._index_to_line:
        # Not laid out yet: a page from here is as far as the list goes.
        (self.action_first if direction < 0 else self.action_last)()
        return
    _original_move_page(self, direction)


def _guarded_dismiss(self: CommandPalette, result: Any = None) -> AwaitComplete:
    if not self.is_active:  # already dismissed, or another screen is on top
        return AwaitComplete.nothing()
    return _original_dismiss(self, result)


def install() -> None:
    """Put both guards in place (idempotent); the app calls it when it is built."""
    OptionList._move_page = _guarded_move_page  # type: ignore[method-assign]
    CommandPalette.dismiss = _guarded_dismiss  # type: ignore[method-assign,assignment]

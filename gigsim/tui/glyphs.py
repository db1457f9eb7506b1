"""Symbols the game draws, chosen to show in a terminal and in a browser alike.

In a browser (``gigsim serve``) the game is drawn by xterm.js with the fonts of
the student's machine. Symbols outside the common fonts' range come out as
empty boxes there; Debian's Chromium, with its default fonts, lacks the media
signs (⏸ U+23F8 and its neighbours), Textual's ⭘ and every emoji (🔎). The game
writes ‖ for "paused" (in its status line, a translated text) and puts ``>``
in front of the command palette's search field where Textual draws 🔎.
``tests/tui/test_glyphs.py`` keeps those out of every view and every text.
"""

from __future__ import annotations

from typing import Any

from textual.command import SearchIcon

SEARCH = ">"  # before the command palette's search field (Textual's own: 🔎)

_original_init = SearchIcon.__init__


def _search_icon_init(self: SearchIcon, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    self.set_reactive(SearchIcon.icon, SEARCH)


def install() -> None:
    """Every command palette (ctrl+p, and the theme and key searches) shows ``SEARCH``."""
    SearchIcon.__init__ = _search_icon_init  # type: ignore[method-assign,assignment]

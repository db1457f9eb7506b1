"""The game draws no symbol that a browser shows as an empty box (``gigsim.tui.glyphs``).

Served to a browser (``gigsim serve``), the game is drawn by xterm.js with the
browser's fonts. Debian's Chromium with its default fonts draws nothing for
these (seen on screenshots of the served game): the media signs U+23E9-U+23FA
(⏸ among them), ⌚ ⌛ ✅ ❌ ⭐ ⭘, and every character beyond the Basic
Multilingual Plane (emoji such as 🔎, which need a colour-emoji font). The
symbols the game does use (¥ · • … arrows ★ ▲ ▼ ▶ ✓ ✗ ‖, box drawing, blocks,
braille) all showed. Every view's screen is checked by
``tests/tui/test_every_view.py``; this checks every text the game can show
(its string literals and the Japanese catalogue), whether or not a view test
reaches the moment it is shown.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import gigsim

ROOT = Path(gigsim.__file__).parent
MISSING_IN_BROWSERS = frozenset(
    [chr(c) for c in range(0x23E9, 0x23FB)] + list("\u231a\u231b\u2705\u274c\u2b50\u2b58")
)
"""Symbols Chromium's default fonts lack (besides everything beyond U+FFFF: ``missing``)."""


def missing(text: str) -> set[str]:
    """The symbols of ``text`` a browser may show as empty boxes."""
    return {ch for ch in text if ch in MISSING_IN_BROWSERS or ord(ch) > 0xFFFF}


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module, but its docstrings (which no player sees)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _catalogue_texts() -> list[tuple[str, str]]:
    """(message, translation) for every translation in the Japanese catalogue."""
    with (ROOT / "locale" / "ja" / "LC_MESSAGES" / "gigsim.po").open("rb") as f:
        catalogue = read_po(f)
    out = []
    for message in catalogue:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        out += [(str(message.id), text) for text in texts if text]
    return out


def game_characters() -> set[str]:
    """Every character beyond ASCII the game's own texts hold, in either language."""
    texts = [text for package in ("tui", "text") for path in sorted((ROOT / package).rglob("*.py"))
             for _line, text in _strings(path)]  # fmt: skip
    texts += [text for _id, text in _catalogue_texts()]
    return {ch for text in texts for ch in text if ord(ch) > 0x7F and not ch.isspace()}


@pytest.mark.parametrize("package", ["tui", "text"])
def test_no_text_in_the_code_has_a_symbol_browsers_lack(package: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {sorted(missing(text))}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, text in _strings(path)
        if missing(text)
    ]
    assert not found


def test_no_translation_has_a_symbol_browsers_lack() -> None:
    found = [(id_, sorted(missing(text))) for id_, text in _catalogue_texts() if missing(text)]
    assert not found


def test_the_check_knows_the_symbols_it_replaced() -> None:
    """The symbols the game drew before, so that the check above is not an empty one."""
    assert missing("⏸ paused") == {"⏸"}
    assert missing("🔎") == {"🔎"}
    assert missing("‖ paused ▶ running ✓ ✗ ★ ¥ … →") == set()

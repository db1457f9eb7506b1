"""The game's language switch: the languages on offer, their names, and Textual's own words.

The game's texts are translated where they are drawn (``gigsim.i18n``), so a
switch takes effect once every screen is drawn again (``GigsimApp.switch_language``).
The game keeps no settings file: a language chosen in the game lasts until it
quits; ``--lang`` or ``GIGSIM_LANG`` chooses the language a game starts in.

Imports no Textual, so that the names and the choice can be tested on their own.
"""

from __future__ import annotations

from gigsim.i18n import N_, available, language

NAMES = {"en": "English", "ja": "日本語"}
"""Each language by its own name, as a language menu shows it (never translated)."""

TEXTUAL_WORDS = (
    N_("palette"),
    N_("Dismiss menu"),
    N_("Exit the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's own command-palette entries, marked so that the palette shows them translated."""


def language_name(code: str) -> str:
    return NAMES.get(code, code)


def choices() -> list[tuple[str, str]]:
    """(name, code) of every language the game can be shown in: the shipped catalogues, and
    the current language whatever it is (a translator's catalogue in ``GIGSIM_LOCALEDIR``)."""
    codes = [code for code in available() if code in NAMES or code == language()]
    return [(language_name(code), code) for code in codes]


def other_language() -> str:
    """The language a one-key switch goes to: the next one on offer after the current one."""
    codes = [code for _, code in choices()]
    if language() not in codes:
        return codes[0]
    return codes[(codes.index(language()) + 1) % len(codes)]

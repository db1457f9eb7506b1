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
    # the keys panel: Textual's bindings of the widgets the game shows, and their tooltips
    N_("Quit the app and return to the command prompt."),
    N_("Open the command palette"),
    N_("Input"),  # the input field's group of keys
    N_("Bottom"),
    N_("Copy selected text"),
    N_("Cursor down"),
    N_("Cursor left"),
    N_("Cursor right"),
    N_("Cursor up"),
    N_("Cut selected text"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete left to start of word"),
    N_("Delete right to start of word"),
    N_("Down"),
    N_("End"),
    N_("First"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Go to bottom"),
    N_("Go to end"),
    N_("Go to start"),
    N_("Go to top"),
    N_("Home"),
    N_("Last"),
    N_("Move cursor left"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor left and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Next command"),
    N_("Next page"),
    N_("Next tab"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Page Up"),
    N_("Page down"),
    N_("Page up"),
    N_("Paste text from the clipboard"),
    N_("Press button"),
    N_("Previous command"),
    N_("Previous page"),
    N_("Previous tab"),
    N_("Scroll Down"),
    N_("Scroll End"),
    N_("Scroll Home"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Up"),
    N_("Select"),
    N_("Select all"),
    N_("Select line end"),
    N_("Select line start"),
    N_("Show menu"),
    N_("Submit"),
    N_("Toggle"),  # a checkbox's key
    N_("Top"),
    N_("Up"),
)
"""Textual's own texts: its command-palette entries and the descriptions of its widgets' keys,
marked so that the palette and the keys panel show them translated."""


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

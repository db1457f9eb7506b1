"""An input for a non-negative decimal number (an amount, hours).

Not Textual's ``Input(type="number")``: its pattern for that type nests
repeated groups, and matching it against a long run of digits followed by a
character it refuses backtracks exponentially (sixteen digits and a letter
take half a second, twenty take over ten, in Textual 8.2). A player, or a
cat on the keyboard, could freeze the game. This input refuses the same
characters with a pattern that cannot backtrack like that, and caps the
length; the screens still parse the value and say when it is out of range.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

DECIMAL = r"\d*\.?\d*"


class NumberInput(Input):
    def __init__(self, value: str = "", *, max_length: int = 12, **kwargs: Any) -> None:
        super().__init__(value, restrict=DECIMAL, max_length=max_length, **kwargs)

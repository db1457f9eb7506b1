"""The main screen's top line: date, whether time runs, balance, scenario and seed.

It is given the same line in several lengths, most complete first, and draws
the longest that fits its width: at 80 columns the whole line, beside the
keys panel (a third of the screen) a shorter one, never a line cut in half.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    forms: reactive[tuple[str, ...]] = reactive(())

    def render(self) -> Text:
        room = self.size.width - 2  # the padding
        fits = next((f for f in self.forms if cell_len(f) <= room), None)
        text = fits if fits is not None else (self.forms[-1] if self.forms else "")
        return Text(text, no_wrap=True, overflow="ellipsis", end="")

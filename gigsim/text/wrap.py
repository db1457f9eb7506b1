"""Text in lines of at most 80 terminal cells, Japanese included.

A Japanese character is two cells wide (``rich.cells.cell_len``) and a Japanese
sentence has no spaces to break at: it breaks between any two characters,
except that a closing mark (、。)」 … and 円, %) never starts a line, an opening
one never ends it, and a number or a word in Latin letters stays whole.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len

WIDTH = 80


def wrap(text: str, width: int = WIDTH, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` cells; Japanese, without spaces, breaks anywhere."""
    out: list[str] = []
    for para in text.split("\n"):
        if cell_len(para) == len(para):  # no double-width character
            out.extend(textwrap.wrap(para, width, subsequent_indent=indent) or [""])
            continue
        ranges = line_ranges(para, width, cell_len(indent))
        out.extend((indent if k else "") + para[a:b] for k, (a, b) in enumerate(ranges))
    return out


def line_ranges(para: str, width: int, indent: int = 0) -> list[tuple[int, int]]:
    """Where each line of ``para`` starts and ends (spaces at a break left out); lines after
    the first are ``indent`` cells narrower."""
    ranges: list[tuple[int, int]] = []
    start = cells = i = 0
    while i < len(para):
        w = cell_len(para[i])
        if cells + w > width - (indent if ranges else 0) and i > start:
            cut = start + _cut(para[start:i], para[i])
            ranges.append((start, len(para[start:cut].rstrip()) + start))
            start = cut
            while start < len(para) and para[start] == " ":
                start += 1
            cells = cell_len(para[start:i])
            continue
        cells += w
        i += 1
    ranges.append((start, len(para[start:].rstrip()) + start))
    return ranges


_NO_LINE_START = "、。,.)」』】〉》!?:;ー円%"
_NO_LINE_END = "(「『【〈《"


def _may_break(before: str, after: str) -> bool:
    """Whether a line may end with ``before`` and the next start with ``after``."""
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    # a number, a word or an option in Latin letters stays whole: "165", "--out"
    return not (before.isascii() and after.isascii() and not before.isspace())


def _cut(line: str, after: str) -> int:
    """Where to end ``line`` so that the text from there, then ``after``, goes down."""
    i, nxt = len(line), after
    while i > 1 and not _may_break(line[i - 1], nxt):
        i -= 1
        nxt = line[i]
    return i if i > 1 else len(line)


def join_sentences(lines: list[str]) -> str:
    """Sentences one after the other: with a space in English, none after Japanese '。'."""
    out = ""
    for line in lines:
        out += ("" if not out or out.endswith("。") else " ") + line
    return out

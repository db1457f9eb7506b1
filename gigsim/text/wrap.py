"""Text in lines of at most 80 terminal cells, Japanese included.

A Japanese character is two cells wide (``rich.cells.cell_len``) and a Japanese
sentence has no spaces to break at: it breaks between any two characters, but
for the rules of Japanese line breaking (kinsoku): a closing mark (、。)」』 …),
a small kana (ャ, ッ, ァ …), the long-vowel mark ー and the iteration marks never
start a line, an opening mark never ends it; and a number stays with what
follows it without a space (its counter or unit: 5件, 3日, 48時間, 5,000円, 20%), a word
in Latin letters stays whole.
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
            # a path or an option is never cut: a line may run over the width instead
            lines = textwrap.wrap(
                para, width, subsequent_indent=indent, break_long_words=False,
                break_on_hyphens=False,
            )  # fmt: skip
            out.extend(lines or [""])
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


_NO_LINE_START = (
    "、。,.)]}」』】〕〉》）］｝〙〗〟’”!?:;！？：；・…‥ー〜～"  # closing marks and the like
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"  # small kana
    "ゝゞヽヾ々〻゛゜"  # iteration and sound marks
)
_NO_LINE_END = "(「『【〈《〔（［｛〘〖〝‘“"


_COUNTERS = ("時間", "日間", "週間", "か月", "ヶ月", "カ月", "行目", "列目", "回目", "番目")
"""Counters of two characters: kept whole after their number (48時間, 3か月, 2行目)."""


def _may_break(before: str, after: str, earlier: str = "") -> bool:
    """Whether a line may end with ``before`` (``earlier`` the character before it) and the
    next start with ``after``."""
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    if before.isdigit() and not after.isspace():  # a number and its counter: 1人, 5,000円
        return False
    if earlier.isdigit() and before + after in _COUNTERS:
        return False
    # a number, a word or an option in Latin letters stays whole: "165", "--out"
    return not (before.isascii() and after.isascii() and not before.isspace())


def _cut(line: str, after: str) -> int:
    """Where to end ``line`` so that the text from there, then ``after``, goes down."""
    i, nxt = len(line), after
    while i > 1 and not _may_break(line[i - 1], nxt, line[i - 2]):
        i -= 1
        nxt = line[i]
    return i if i > 1 else len(line)


def join_sentences(lines: list[str]) -> str:
    """Sentences one after the other: with a space in English, none after Japanese '。'."""
    out = ""
    for line in lines:
        out += ("" if not out or out.endswith("。") else " ") + line
    return out

"""The debrief page's charts, inline SVG drawn by hand (no script, no network).

A strip shows the spread of one figure over the class: one dot a student,
dots of nearly the same value stacked, the median and a mark (the pass mark)
as lines. A scatter puts each student's net income against their luck-check
percentile: high on the right means a good result in a good market.
Numbers are printed with fixed precision, so the same class gives the same
bytes; colour is never the only carrier of meaning (lines are labelled).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from statistics import median

from gigsim.experiments.svg import LINE, MUTED, NEG, Fmt, nice_ticks
from gigsim.i18n import _, ngettext

W = 640
LEFT, RIGHT, TOP = 30, 30, 34
DOT = 5.0


def _n(x: float) -> str:
    return f"{x:.1f}"


def _frame(title: str, body: list[str], height: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {_n(height)}" width="{W}" '
        f'height="{_n(height)}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def _empty(title: str) -> str:
    nothing = escape(_("no data"))
    return _frame(title, [f'<text x="{LEFT}" y="60">{nothing}</text>'], 80)


def _scale(
    values: Sequence[float], lo: float | None = None, hi: float | None = None
) -> list[float]:
    low = min(values) if lo is None else lo
    high = max(values) if hi is None else hi
    if high <= low:
        high = low + 1.0
    return nice_ticks(low, high)


def strip(
    points: Sequence[tuple[float, str]],
    title: str,
    fmt: Fmt,
    mark: tuple[float, str] | None = None,
    bounds: tuple[float, float] | None = None,
) -> str:
    """One dot a (value, name); nearly equal values stack upwards; the median dashed, ``mark``
    (value, label) solid."""
    if not points:
        return _empty(title)
    values = [v for v, _name in points]
    extra = [mark[0]] if mark else []
    ticks = _scale([*values, *extra], *(bounds or (None, None)))
    lo, hi = ticks[0], ticks[-1]

    def x(v: float) -> float:
        return LEFT + (W - LEFT - RIGHT) * (v - lo) / (hi - lo)

    columns: dict[int, int] = {}
    dots = []
    for v, name in sorted(points):
        column = int(x(v) // (2 * DOT))
        level = columns.get(column, 0)
        columns[column] = level + 1
        dots.append((x(v), level, v, name))
    rows = max(columns.values())
    base = TOP + 16 + 2 * DOT * rows
    height = base + 44
    body = [f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{_n(base + DOT)}" y2="{_n(base + DOT)}" '
            f'stroke="#999"/>']  # fmt: skip
    for t in ticks:
        body.append(
            f'<text x="{_n(x(t))}" y="{_n(base + DOT + 16)}" font-size="10" '
            f'text-anchor="middle">{escape(fmt(t))}</text>'
        )
    lines = [(median(values), MUTED, "4,3", _("median {value}").format(value=fmt(median(values))))]
    if mark:
        lines.append((mark[0], NEG, "", mark[1]))
    for i, (v, colour, dash, label) in enumerate(lines):
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<line x1="{_n(x(v))}" x2="{_n(x(v))}" y1="{TOP + 4}" y2="{_n(base + DOT)}" '
            f'stroke="{colour}"{dashed}/>'
            f'<text x="{_n(x(v) + 3)}" y="{TOP + 4 + 11 * i}" font-size="10" '
            f'fill="{colour}">{escape(label)}</text>'
        )
    for cx, level, v, name in dots:
        cy = base - 2 * DOT * level
        body.append(
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(DOT - 0.5)}" fill="{LINE}" '
            f'opacity="0.8"><title>{escape(name)}: {escape(fmt(v))}</title></circle>'
        )
    n = len(points)
    legend = ngettext("{n} student: one dot each", "{n} students: one dot each", n).format(n=n)
    body.append(
        f'<text x="{W // 2}" y="{_n(height - 6)}" font-size="11" text-anchor="middle">'
        f"{escape(legend)}</text>"
    )
    return _frame(title, body, height)


def scatter(points: Sequence[tuple[float, float, str]], title: str, fmt: Fmt) -> str:
    """(luck percentile, value, name): the percentile across (0 to 100), the value up."""
    height = 300
    bottom, left = 44, 80
    if not points:
        return _empty(title)
    ticks = _scale([p[1] for p in points])
    lo, hi = ticks[0], ticks[-1]

    def x(p: float) -> float:
        return left + (W - left - RIGHT) * p / 100.0

    def y(v: float) -> float:
        return height - bottom - (height - TOP - bottom - 10) * (v - lo) / (hi - lo)

    body = []
    for t in ticks:
        body.append(
            f'<line x1="{left}" x2="{W - RIGHT}" y1="{_n(y(t))}" y2="{_n(y(t))}" stroke="#eee"/>'
            f'<text x="{left - 6}" y="{_n(y(t) + 4)}" font-size="10" text-anchor="end">'
            f"{escape(fmt(t))}</text>"
        )
    for p in (0, 25, 50, 75, 100):
        dash = ' stroke-dasharray="4,3"' if p == 50 else ""
        body.append(
            f'<line x1="{_n(x(p))}" x2="{_n(x(p))}" y1="{TOP}" y2="{height - bottom}" '
            f'stroke="{MUTED if p == 50 else "#eee"}"{dash}/>'
            f'<text x="{_n(x(p))}" y="{height - bottom + 14}" font-size="10" '
            f'text-anchor="middle">{p}</text>'
        )
    for luck, v, name in points:
        if not (math.isfinite(luck) and math.isfinite(v)):
            continue
        body.append(
            f'<circle cx="{_n(x(luck))}" cy="{_n(y(v))}" r="{_n(DOT)}" fill="{LINE}" '
            f'opacity="0.8"><title>{escape(name)}: {escape(fmt(v))}, {luck:.0f}</title></circle>'
        )
    legend = _(
        "luck-check percentile: to the left, a worse result than the student's strategy "
        "usually gets; to the right, a better one"
    )
    body.append(
        f'<text x="{(left + W - RIGHT) // 2}" y="{height - 8}" font-size="11" '
        f'text-anchor="middle">{escape(legend)}</text>'
    )
    return _frame(title, body, height)

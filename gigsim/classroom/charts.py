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
from collections.abc import Callable, Sequence
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
    """Round ticks over the values (or ``lo`` to ``hi``); a single value gets room around it."""
    low = min(values) if lo is None else lo
    high = max(values) if hi is None else hi
    if high - low < 1.0:
        pad = max(1.0, abs(low) * 0.1)
        low, high = low - pad, high + pad
    ticks = nice_ticks(low, high)
    if len(ticks) > 1 and ticks[-1] < high:  # the axis ends on a round number past the last value
        ticks.append(round(2 * ticks[-1] - ticks[-2], 10))
    return ticks


Scale = Callable[[float], float]


def _stacked(points: Sequence[tuple[float, str]], x: Scale) -> list[tuple[float, int, float, str]]:
    """Each (value, name) at its x, with its level in the stack of dots that share its place."""
    columns: dict[int, int] = {}
    dots = []
    for v, name in sorted(points):
        column = int(x(v) // (2 * DOT))
        level = columns.get(column, 0)
        columns[column] = level + 1
        dots.append((x(v), level, v, name))
    return dots


def _marks(lines: Sequence[tuple[float, str, str, str]], x: Scale, bottom: float) -> list[str]:
    """Vertical lines (value, colour, dash, label), each labelled at the top."""
    out = []
    for i, (v, colour, dash, label) in enumerate(lines):
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{_n(x(v))}" x2="{_n(x(v))}" y1="{TOP + 4}" y2="{_n(bottom)}" '
            f'stroke="{colour}"{dashed}/>'
            f'<text x="{_n(x(v) + 3)}" y="{TOP + 4 + 11 * i}" font-size="10" '
            f'fill="{colour}">{escape(label)}</text>'
        )
    return out


def _dot(cx: float, cy: float, r: float, tip: str) -> str:
    return (
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{LINE}" opacity="0.8">'
        f"<title>{escape(tip)}</title></circle>"
    )


def _legend(text: str, x: float, y: float) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="11" text-anchor="middle">{escape(text)}</text>'
    )


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
    lo, hi = min(ticks[0], *values, *extra), max(ticks[-1], *values, *extra)

    def x(v: float) -> float:
        return LEFT + (W - LEFT - RIGHT) * (v - lo) / (hi - lo)

    dots = _stacked(points, x)
    base = TOP + 16 + 2 * DOT * (max(level for _x, level, _v, _s in dots) + 1)
    axis = base + DOT
    body = [f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{_n(axis)}" y2="{_n(axis)}" stroke="#999"/>']
    body += [
        f'<text x="{_n(x(t))}" y="{_n(axis + 16)}" font-size="10" text-anchor="middle">'
        f"{escape(fmt(t))}</text>"
        for t in ticks
    ]
    middle = median(values)
    lines = [(middle, MUTED, "4,3", _("median {value}").format(value=fmt(middle)))]
    if mark:
        lines.append((mark[0], NEG, "", mark[1]))
    body += _marks(lines, x, axis)
    body += [
        _dot(cx, base - 2 * DOT * lv, DOT - 0.5, f"{name}: {fmt(v)}") for cx, lv, v, name in dots
    ]
    n = len(points)
    legend = ngettext("{n} student: one dot each", "{n} students: one dot each", n).format(n=n)
    body.append(_legend(legend, W / 2, base + 38))
    return _frame(title, body, base + 44)


def scatter(points: Sequence[tuple[float, float, str]], title: str, fmt: Fmt) -> str:
    """(luck percentile, value, name): the percentile across (0 to 100), the value up."""
    height, bottom, left = 300, 44, 80
    shown = [p for p in points if math.isfinite(p[0]) and math.isfinite(p[1])]
    if not shown:
        return _empty(title)
    values = [p[1] for p in shown]
    ticks = _scale(values)
    lo, hi = min(ticks[0], *values), max(ticks[-1], *values)

    def x(p: float) -> float:
        return left + (W - left - RIGHT) * p / 100.0

    def y(v: float) -> float:
        return height - bottom - (height - TOP - bottom - 10) * (v - lo) / (hi - lo)

    body = [
        f'<line x1="{left}" x2="{W - RIGHT}" y1="{_n(y(t))}" y2="{_n(y(t))}" stroke="#eee"/>'
        f'<text x="{left - 6}" y="{_n(y(t) + 4)}" font-size="10" text-anchor="end">'
        f"{escape(fmt(t))}</text>"
        for t in ticks
    ]
    for p in (0, 25, 50, 75, 100):
        dash, colour = (' stroke-dasharray="4,3"', MUTED) if p == 50 else ("", "#eee")
        body.append(
            f'<line x1="{_n(x(p))}" x2="{_n(x(p))}" y1="{TOP}" y2="{height - bottom}" '
            f'stroke="{colour}"{dash}/>'
            f'<text x="{_n(x(p))}" y="{height - bottom + 14}" font-size="10" '
            f'text-anchor="middle">{p}</text>'
        )
    body += [_dot(x(luck), y(v), DOT, f"{name}: {fmt(v)}, {luck:.0f}") for luck, v, name in shown]
    legend = _(
        "luck-check percentile: to the left, a worse result than the student's strategy "
        "usually gets; to the right, a better one"
    )
    body.append(_legend(legend, (left + W - RIGHT) / 2, height - 8))
    return _frame(title, body, height)

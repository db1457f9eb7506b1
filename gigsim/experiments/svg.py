"""Small inline SVG charts for the HTML report, drawn by hand (no JavaScript, no network).

Each function returns one ``<svg>`` element as text. Numbers are printed
with fixed precision so that the same data always gives the same bytes.
Colour is never the only carrier of meaning: lines and bands are labelled.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

from gigsim.i18n import _

Fmt = Callable[[float], str]

W, H = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 34, 40
BAND = "#9ecae1"
LINE = "#08519c"
MUTED = "#636363"
POS = "#31a354"
NEG = "#de2d26"


def _n(x: float) -> str:
    return f"{x:.1f}"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0]
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(1, count)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _frame(title: str, body: list[str], height: int = H) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="{W}" '
        f'height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def fan_chart(
    months: Sequence[int],
    p10: Sequence[float],
    p50: Sequence[float],
    p90: Sequence[float],
    mean: Sequence[float],
    title: str,
    fmt: Fmt,
) -> str:
    """Monthly values: a P10–P90 band, the median and the mean."""
    if not months:
        empty = escape(_("no data"))
        return _frame(title, [f'<text x="80" y="60">{empty}</text>'])
    lo = min(0.0, *p10)
    hi = max(*p90, *mean, lo + 1.0)
    ticks = nice_ticks(lo, hi)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    n = len(months)

    def x(i: int) -> float:
        return LEFT + (W - LEFT - RIGHT) * (i / max(1, n - 1) if n > 1 else 0.5)

    def y(v: float) -> float:
        return H - BOTTOM - (H - TOP - BOTTOM) * (v - lo) / (hi - lo)

    body = []
    for t in ticks:
        body.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{_n(y(t))}" y2="{_n(y(t))}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{_n(y(t) + 4)}" font-size="11" text-anchor="end">'
            f"{escape(fmt(t))}</text>"
        )
    upper = [f"{_n(x(i))},{_n(y(v))}" for i, v in enumerate(p90)]
    lower = [f"{_n(x(i))},{_n(y(v))}" for i, v in reversed(list(enumerate(p10)))]
    body.append(f'<polygon points="{" ".join(upper + lower)}" fill="{BAND}" opacity="0.7"/>')
    med = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in enumerate(p50))
    avg = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in enumerate(mean))
    body.append(f'<polyline points="{med}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    body.append(
        f'<polyline points="{avg}" fill="none" stroke="{MUTED}" stroke-width="1.5" '
        'stroke-dasharray="5,4"/>'
    )
    step = max(1, n // 12)
    for i, m in enumerate(months):
        if i % step == 0 or i == n - 1:
            body.append(
                f'<text x="{_n(x(i))}" y="{H - BOTTOM + 16}" font-size="11" '
                f'text-anchor="middle">{m}</text>'
            )
    legend = escape(_("month — band: P10 to P90; solid line: median; dashed line: mean"))
    body.append(
        f'<text x="{(LEFT + W - RIGHT) // 2}" y="{H - 6}" font-size="11" text-anchor="middle">'
        f"{legend}</text>"
    )
    return _frame(title, body)


CHAR_W = 6.4  # width of one character at font-size 11, near enough for a label column
MAX_LABEL_W = 340


def _label_width(labels: Sequence[str]) -> float:
    """Room for the longest row label (bounded: longer ones are cut, see ``_label``)."""
    return min(MAX_LABEL_W, max(120.0, 14 + CHAR_W * max((len(t) for t in labels), default=0)))


def _label(text: str, y: float) -> str:
    """A row's label at the left, cut with an ellipsis to its column; the whole one as a tooltip."""
    room = int((MAX_LABEL_W - 14) / CHAR_W)
    shown = text if len(text) <= room else text[: room - 1] + "…"
    return (
        f'<text x="6" y="{_n(y)}" font-size="11"><title>{escape(text)}</title>'
        f"{escape(shown)}</text>"
    )


def _axis_x(
    lo: float, hi: float, fmt: Fmt, height: int, label_w: float = 210.0
) -> tuple[Callable[[float], float], list[str]]:
    ticks = nice_ticks(lo, hi)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])

    def x(v: float) -> float:
        return label_w + (W - label_w - RIGHT) * (v - lo) / (hi - lo)

    body = [
        f'<line x1="{_n(x(t))}" x2="{_n(x(t))}" y1="{TOP}" y2="{height - BOTTOM}" stroke="#eee"/>'
        f'<text x="{_n(x(t))}" y="{height - BOTTOM + 14}" font-size="10" text-anchor="middle">'
        f"{escape(fmt(t))}</text>"
        for t in ticks
    ]
    return x, body


def forest(
    rows: Sequence[tuple[str, float, float | None, float | None, str]], title: str, fmt: Fmt
) -> str:
    """Paired differences with their CIs: (label, mean, low, high, note) per row, zero marked."""
    height = TOP + BOTTOM + 26 * max(1, len(rows)) + 10
    vals = [v for r in rows for v in (r[1], r[2], r[3]) if v is not None] or [0.0]
    width = _label_width([r[0] for r in rows])
    x, body = _axis_x(min(0.0, *vals), max(0.0, *vals), fmt, height, width)
    body.append(
        f'<line x1="{_n(x(0))}" x2="{_n(x(0))}" y1="{TOP}" y2="{height - BOTTOM}" '
        f'stroke="{MUTED}" stroke-dasharray="3,3"/>'
    )
    for i, (label, mean, low, high, note) in enumerate(rows):
        yy = TOP + 16 + 26 * i
        colour = (
            POS
            if (low is not None and low > 0)
            else NEG
            if (high is not None and high < 0)
            else MUTED
        )
        body.append(_label(label, yy + 4))
        if low is not None and high is not None:
            body.append(
                f'<line x1="{_n(x(low))}" x2="{_n(x(high))}" y1="{yy}" y2="{yy}" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
        body.append(f'<circle cx="{_n(x(mean))}" cy="{yy}" r="4" fill="{colour}"/>')
        if note:
            body.append(
                f'<text x="{_n(x(mean))}" y="{yy - 7}" font-size="9" text-anchor="middle">'
                f"{escape(note)}</text>"
            )
    return _frame(title, body, height)


def ranking(rows: Sequence[tuple[str, float, float | None]], title: str, fmt: Fmt) -> str:
    """Horizontal bars, largest first: (label, value, ± error or None)."""
    height = TOP + BOTTOM + 24 * max(1, len(rows)) + 10
    vals = [v for r in rows for v in (r[1], r[1] + (r[2] or 0.0), r[1] - (r[2] or 0.0))] or [0.0]
    width = _label_width([r[0] for r in rows])
    x, body = _axis_x(min(0.0, *vals), max(0.0, *vals), fmt, height, width)
    for i, (label, value, err) in enumerate(rows):
        yy = TOP + 8 + 24 * i
        x0, x1 = sorted((x(0), x(value)))
        body.append(_label(label, yy + 12))
        body.append(
            f'<rect x="{_n(x0)}" y="{yy}" width="{_n(max(0.5, x1 - x0))}" height="16" fill="{LINE}"/>'
        )
        if err:
            body.append(
                f'<line x1="{_n(x(value - err))}" x2="{_n(x(value + err))}" y1="{yy + 8}" '
                f'y2="{yy + 8}" stroke="{MUTED}" stroke-width="1.5"/>'
            )
    return _frame(title, body, height)


def tornado(rows: Sequence[tuple[str, float, float]], base: float, title: str, fmt: Fmt) -> str:
    """Each factor's bar from its lowest to its highest mean, around the baseline (dashed)."""
    height = TOP + BOTTOM + 24 * max(1, len(rows)) + 10
    vals = [base, *(v for r in rows for v in r[1:])]
    x, body = _axis_x(min(vals), max(vals), fmt, height, _label_width([r[0] for r in rows]))
    body.append(
        f'<line x1="{_n(x(base))}" x2="{_n(x(base))}" y1="{TOP}" y2="{height - BOTTOM}" '
        f'stroke="{MUTED}" stroke-dasharray="3,3"/>'
    )
    for i, (label, low, high) in enumerate(rows):
        yy = TOP + 8 + 24 * i
        body.append(_label(label, yy + 12))
        body.append(
            f'<rect x="{_n(x(low))}" y="{yy}" width="{_n(max(0.5, x(high) - x(low)))}" '
            f'height="16" fill="{BAND}" stroke="{LINE}"/>'
        )
    return _frame(title, body, height)

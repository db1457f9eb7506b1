"""Charts (textual-plotext): net income, orders, rating, utilisation, buyers lost by reason.

``chart_spec`` turns the closed months into what a chart shows (positions,
series, tick labels in yen or whole numbers) as plain data, so that every
chart can be checked without drawing it; ``Charts`` only hands that to
plotext. Months sit at x = 1, 2, … with their labels as ticks: plotext reads
string x values of a line plot as dates and fails on ``26-01``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, Tab, Tabs
from textual_plotext import PlotextPlot

from gigsim.i18n import _, lazy
from gigsim.text.units import minor_units, money, month_label
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget

CHARTS = (
    ("net", lazy("Net income")),
    ("orders", lazy("Orders")),
    ("rating", lazy("Rating")),
    ("util", lazy("Utilisation")),
    ("lost", lazy("Buyers lost")),
)
# Legend names short enough for an 80-column chart.
LOST_LEGEND = {
    "not_seen": lazy("not seen"),
    "full": lazy("full"),
    "price": lazy("price"),
    "trust": lazy("trust"),
    "slow_reply": lazy("slow reply"),
    "delivery_time": lazy("delivery time"),
}
MAX_X_LABELS = 8
LEGEND_COLORS = ("red", "yellow", "green", "cyan", "blue", "magenta")
"""The stacked chart's colours, in ``LOST_LEGEND``'s order: plotext draws the bars in them and
the legend line under the chart names them (plotext counts a Japanese character as one cell,
so text with one goes outside the plot: the title above it, the legend below)."""


@dataclass(frozen=True)
class ChartSpec:
    """One chart as data: plotext draws it, tests read it."""

    kind: Literal["bar", "line", "stacked", "empty"]
    title: str
    x: tuple[int, ...] = ()
    series: tuple[tuple[float, ...], ...] = ()
    legend: tuple[str, ...] = ()
    xticks: tuple[tuple[int, ...], tuple[str, ...]] = ((), ())
    yticks: tuple[tuple[float, ...], tuple[str, ...]] = ((), ())
    ylim: tuple[float, float] = (0.0, 1.0)
    months: int = 0  # x runs over 1..months, whether or not every month has a value
    note: str = ""  # shown instead of a chart when kind is "empty"


def nice_step(span: float, steps: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) that covers ``span`` in about ``steps``."""
    raw = max(span, 1e-9) / steps
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def value_ticks(lo: float, hi: float, whole: bool, minimum_step: float = 1.0) -> list[float]:
    """Ticks from a round value at or below ``lo`` to one at or above ``hi``, zero included."""
    lo, hi = min(0.0, lo), max(0.0, hi)
    step = max(nice_step(hi - lo), minimum_step if whole else 0.0) or 1.0
    if hi == lo:
        hi = lo + step
    first = math.floor(lo / step) * step
    last = math.ceil(hi / step) * step
    n = round((last - first) / step)
    return [first + i * step for i in range(n + 1)]


def _x_ticks(labels: Sequence[str]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    n = len(labels)
    every = max(1, math.ceil(n / MAX_X_LABELS))
    idx = [i for i in range(n) if i % every == 0]
    return tuple(i + 1 for i in idx), tuple(labels[i] for i in idx)


def _count_ticks(values: Sequence[float]) -> tuple[tuple[float, ...], tuple[str, ...]]:
    ticks = value_ticks(min(values, default=0.0), max(values, default=0.0), whole=True)
    return tuple(ticks), tuple(f"{t:.0f}" for t in ticks)


def chart_spec(key: str, months: Sequence[Mapping[str, Any]], currency: str) -> ChartSpec:
    """What chart ``key`` shows for the closed ``months``.

    The x axis writes a month as 26-01; a language that writes months with characters
    plotext cannot place (2026年1月: it counts a Japanese character as one cell) keeps that
    short form on the axis, and the title says which month its first tick is.
    """
    spec = replace(_spec(key, months, currency), months=len(months))
    if spec.kind != "empty" and spec.xticks[1]:
        first = month_label(str(months[0]["label"]))
        if cell_len(first) != len(first):
            spec = replace(
                spec,
                title=_("{title} · x axis: {tick} is {month}").format(
                    title=spec.title, tick=spec.xticks[1][0], month=first
                ),
            )
    return spec


def _spec(key: str, months: Sequence[Mapping[str, Any]], currency: str) -> ChartSpec:
    title = str(dict(CHARTS).get(key, key))
    if not months:
        return ChartSpec("empty", title, note=_("Charts appear when the first month has closed."))
    labels = [str(m["label"])[2:] for m in months]  # 26-01: short enough for 80 columns
    x = tuple(range(1, len(months) + 1))
    xticks = _x_ticks(labels)
    if key == "net":
        values = tuple(float(m["net_income"]) for m in months)
        ticks = value_ticks(  # ticks at whole dollars or whole yen
            min(values), max(values), whole=True, minimum_step=minor_units(currency)
        )
        title, amounts = _("Net income per month"), tuple(money(t, currency) for t in ticks)
        if any(
            cell_len(amount) != len(amount) for amount in amounts
        ):  # 5,000円: the unit in the title
            per = minor_units(currency)
            amounts = tuple(f"{t / per:,.0f}" for t in ticks)
            title = _("{title} ({unit})").format(title=title, unit=_("yen"))
        return ChartSpec(
            "bar", title, x, (values,), xticks=xticks, yticks=(tuple(ticks), amounts),
            ylim=(ticks[0], ticks[-1]),
        )  # fmt: skip
    if key == "orders":
        values = tuple(float(m["orders"]) for m in months)
        yt = _count_ticks(values)
        return ChartSpec(
            "bar", _("Orders per month"), x, (values,), xticks=xticks, yticks=yt,
            ylim=(yt[0][0], yt[0][-1]),
        )  # fmt: skip
    if key == "rating":
        rated = [(i + 1, float(m["rating"])) for i, m in enumerate(months) if m.get("reviews")]
        if not rated:
            return ChartSpec("empty", title, note=_("No reviews yet: the rating starts with one."))
        stars = (1.0, 2.0, 3.0, 4.0, 5.0)
        return ChartSpec(
            "line", _("Rating at month end (months with reviews)"),
            tuple(i for i, _ in rated), (tuple(r for _, r in rated),), xticks=xticks,
            yticks=(stars, tuple(f"{t:.0f}★" for t in stars)), ylim=(1.0, 5.0),
        )  # fmt: skip
    if key == "util":
        used = tuple(float(round(100 * float(m["utilisation"]))) for m in months)
        ticks = value_ticks(0.0, max(100.0, *used), whole=True, minimum_step=25.0)
        return ChartSpec(
            "bar", _("Hours worked, % of available (over 100 = overtime)"), x, (used,),
            xticks=xticks, yticks=(tuple(ticks), tuple(f"{t:.0f}%" for t in ticks)),
            ylim=(0.0, ticks[-1]),
        )  # fmt: skip
    reasons = list(LOST_LEGEND)
    series = tuple(
        tuple(float(m.get("lost_buyers", {}).get(r, 0)) for m in months) for r in reasons
    )
    totals = [sum(col) for col in zip(*series, strict=True)]
    yt = _count_ticks(totals)
    return ChartSpec(
        "stacked", _("Buyers lost, by reason"), x, series,
        legend=tuple(str(LOST_LEGEND[r]) for r in reasons), xticks=xticks, yticks=yt,
        ylim=(0.0, yt[0][-1]),
    )  # fmt: skip


class Charts(ViewWidget):
    def compose(self) -> ComposeResult:
        yield Tabs(*(Tab(str(label), id=f"chart-{key}") for key, label in CHARTS), id="chart-tabs")
        yield Static("", id="chart-empty", markup=False)
        yield Static("", id="chart-title", markup=False)
        yield PlotextPlot(id="chart")
        yield Static("", id="chart-legend", markup=False)

    @on(Tabs.TabActivated)
    def _tab(self) -> None:
        if self.view is not None:
            self.render_view(self.view)

    @property
    def chart_key(self) -> str:
        active = self.query_one(Tabs).active or "chart-net"
        return active.removeprefix("chart-")

    def render_view(self, view: GameView) -> None:
        spec = chart_spec(self.chart_key, view.snapshot.months, view.currency)
        plot = self.query_one(PlotextPlot)
        empty = self.query_one("#chart-empty", Static)
        empty.update(spec.note)
        empty.display = spec.kind == "empty"
        title = self.query_one("#chart-title", Static)
        legend = self.query_one("#chart-legend", Static)
        for widget in (plot, title):
            widget.display = spec.kind != "empty"
        legend.display = spec.kind == "stacked"
        if spec.kind == "empty":
            return
        title.update(spec.title)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        x = list(spec.x)
        if spec.kind == "bar":
            plt.bar(x, list(spec.series[0]))
        elif spec.kind == "line":
            plt.plot(x, list(spec.series[0]), marker="braille")
        else:
            colors = list(LEGEND_COLORS[: len(spec.series)])
            plt.stacked_bar(x, [list(s) for s in spec.series], color=colors)  # type: ignore[arg-type]  # stub lags
            legend.update(legend_text(spec.legend))
        plt.xticks(list(spec.xticks[0]), list(spec.xticks[1]))
        plt.yticks(list(spec.yticks[0]), list(spec.yticks[1]))
        plt.ylim(*spec.ylim)
        plt.xlim(0.5, spec.months + 0.5)
        plot.refresh()


def legend_text(names: Sequence[str]) -> Text:
    """'██ not seen  ██ full …' with each block in its series' colour, bottom of the stack first."""
    text = Text()
    for name, color in zip(names, LEGEND_COLORS, strict=False):
        text.append("██", style=color)
        text.append(f" {name}  ")
    return text

"""Charts (textual-plotext): net income, orders, rating, utilisation, buyers lost by reason."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, Tab, Tabs
from textual_plotext import PlotextPlot

from gigsim.explain import REASON_TEXT, money
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget

CHARTS = (
    ("net", "Net income"),
    ("orders", "Orders"),
    ("rating", "Rating"),
    ("util", "Utilisation"),
    ("lost", "Buyers lost"),
)


class Charts(ViewWidget):
    def compose(self) -> ComposeResult:
        yield Tabs(*(Tab(label, id=f"chart-{key}") for key, label in CHARTS), id="chart-tabs")
        yield Static("Charts appear when the first month has closed.", id="chart-empty")
        yield PlotextPlot(id="chart")

    @on(Tabs.TabActivated)
    def _tab(self) -> None:
        if self.view is not None:
            self.render_view(self.view)

    def render_view(self, view: GameView) -> None:
        months = view.snapshot.months
        plot = self.query_one(PlotextPlot)
        self.query_one("#chart-empty", Static).display = not months
        plot.display = bool(months)
        if not months:
            return
        active = self.query_one(Tabs).active or "chart-net"
        key = active.removeprefix("chart-")
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        labels = [str(m["label"])[2:] for m in months]  # 26-01: short enough for 80 columns
        if key == "net":
            scale = 100 if view.currency == "USD" else 1
            values = [m["net_income"] / scale for m in months]
            plt.bar(labels, values)
            lo, hi = min(0.0, *values), max(0.0, *values)
            if hi > lo:
                ticks = [lo + (hi - lo) * i / 4 for i in range(5)]
                plt.yticks(ticks, [money(t * scale, view.currency) for t in ticks])
            plt.title("Net income per month")
        elif key == "orders":
            plt.bar(labels, [m["orders"] for m in months])
            plt.title("Orders per month")
        elif key == "rating":
            plt.plot(labels, [m["rating"] or 0 for m in months], marker="braille")
            plt.ylim(0, 5)
            plt.title("Rating at month end (0 = no reviews)")
        elif key == "util":
            used = [round(100 * m["utilisation"]) for m in months]
            plt.bar(labels, used)
            plt.ylim(0, max(100, *used))  # over 100%: overtime
            plt.title("Hours worked, % of available (over 100 = overtime)")
        else:
            reasons = list(months[0]["lost_buyers"])
            series = [[m["lost_buyers"].get(r, 0) for m in months] for r in reasons]
            names = [REASON_TEXT.get(r, r)[:16] for r in reasons]
            plt.stacked_bar(labels, series, labels=names)  # type: ignore[call-arg]  # stub lags
            plt.title("Buyers lost, by reason")
        plot.refresh()

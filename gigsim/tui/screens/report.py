"""Month-end report: the month's P&L, hours and wage, the model's 'why', hints, and the year end."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gigsim.text.explain import MonthReport, YearEnd, closes_year, month_report, year_end

ALWAYS_SHOWN = {"Gross sales", "Platform fee", "Net income"}


def report_text(report: MonthReport) -> str:
    """The P&L on the left (lines that are ¥0 left out, but for the three that always matter),
    hours and wage on the right: a month report fits 80x24 with its 'why' and hints."""
    pnl = [(n, v) for n, v in report.pnl if n in ALWAYS_SHOWN or n not in report.zero]
    width = max(len(name) for name, _ in pnl)
    left = [f"{name.ljust(width)}  {value:>10}" for name, value in pnl]
    right = ["Hours", report.hours, "Effective wage", report.wage]
    pad = max(len(line) for line in left) + 3
    rows = max(len(left), len(right))
    left += [""] * (rows - len(left))
    right += [""] * (rows - len(right))
    return "\n".join(f"{a.ljust(pad)}{b}".rstrip() for a, b in zip(left, right, strict=True))


class MonthReportScreen(ModalScreen[None]):
    CSS_PATH = "report.tcss"
    AUTO_FOCUS = "#continue"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Continue"),
        # the report scrolls whichever widget has focus (Continue has it at first)
        Binding("down", "scroll('down')", "Scroll down", show=False),
        Binding("up", "scroll('up')", "Scroll up", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("home", "scroll('home')", "Top", show=False),
        Binding("end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(
        self,
        month: dict[str, Any],
        previous: dict[str, Any] | None,
        all_months: tuple[dict[str, Any], ...],
        currency: str,
    ) -> None:
        super().__init__()
        self.report = month_report(month, previous, currency)
        self.year: YearEnd | None = None
        if closes_year(month):
            self.year = year_end(list(all_months), str(month["label"])[:4], currency)

    def compose(self) -> ComposeResult:
        with Vertical(id="report"):
            yield Static(f"Month report: {self.report.label}", id="report-title")
            with VerticalScroll(id="report-body"):
                yield Static(report_text(self.report), id="pnl", markup=False)
                yield Static("Why", classes="heading")
                yield Static("\n".join(f"• {w}" for w in self.report.why), id="why", markup=False)
                if self.report.hints:
                    yield Static("Try this", classes="heading")
                    yield Static(
                        "\n".join(f"→ {h}" for h in self.report.hints), id="hints", markup=False
                    )
                if self.year is not None:
                    yield Static(f"Year end {self.year.year} (illustration)", classes="heading")
                    yield Static("\n".join(self.year.lines), id="year", markup=False)
            yield Button("Continue (enter)", id="continue", compact=True, variant="primary")

    def action_scroll(self, how: str) -> None:
        for body in self.query("#report-body").results(VerticalScroll):
            getattr(body, f"scroll_{how}")(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

    async def action_dismiss(self, result: None = None) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

"""Month-end report: the month's P&L, hours and wage, the model's 'why', hints, and the year end."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gigsim.explain import MonthReport, YearEnd, closes_year, month_report, year_end


def report_text(report: MonthReport) -> str:
    width = max(len(name) for name, _ in report.pnl)
    lines = [f"{name.ljust(width)}  {value:>12}" for name, value in report.pnl]
    lines += ["", f"Hours: {report.hours}", f"Effective wage: {report.wage}"]
    return "\n".join(lines)


class MonthReportScreen(ModalScreen[None]):
    CSS_PATH = "report.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Continue"),
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

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

    async def action_dismiss(self, result: None = None) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

"""Month-end report: the month's P&L, hours and wage, the model's 'why', hints, and the year end."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gigsim.i18n import N_, _
from gigsim.text.explain import MonthReport, YearEnd, closes_year, month_report, year_end
from gigsim.text.tax import TaxSoFar, tax_so_far
from gigsim.text.units import month_label
from gigsim.text.wrap import wrap

ALWAYS_SHOWN = (N_("Gross sales"), N_("Platform fee"), N_("Net income"))


TEXT_WIDTH = 72
"""Cells a line of the report's body has at 80 columns (its box, border, padding and scroll bar
aside)."""


def bullets(mark: str, lines: list[str], width: int = TEXT_WIDTH) -> str:
    """Lines each after ``mark``; Japanese ones broken here, between characters, to ``width``
    (Textual breaks only at spaces, and would push a whole sentence without one down a line)."""
    out = []
    for line in lines:
        text = f"{mark} {line}"
        wide = cell_len(text) != len(text)
        out.extend(wrap(text, width, indent=" " * cell_len(mark + " ")) if wide else [text])
    return "\n".join(out)


def _ljust(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def report_text(report: MonthReport) -> str:
    """The P&L on the left (lines that are ¥0 left out, but for the three that always matter),
    hours and wage on the right: a month report fits 80x24 with its 'why' and hints.
    Columns by terminal cells: a Japanese line name is two cells a character."""
    always = {_(name) for name in ALWAYS_SHOWN}
    pnl = [(n, v) for n, v in report.pnl if n in always or n not in report.zero]
    width = max(cell_len(name) for name, _v in pnl)
    wide = max(10, *(cell_len(v) for _n, v in pnl))
    left = [f"{_ljust(name, width)}  {' ' * (wide - cell_len(v))}{v}" for name, v in pnl]
    right = [_("Hours"), report.hours, _("Effective wage"), report.wage]
    pad = max(cell_len(line) for line in left) + 3
    rows = max(len(left), len(right))
    left += [""] * (rows - len(left))
    right += [""] * (rows - len(right))
    return "\n".join(f"{_ljust(a, pad)}{b}".rstrip() for a, b in zip(left, right, strict=True))


class MonthReportScreen(ModalScreen[None]):
    CSS_PATH = "report.tcss"
    AUTO_FOCUS = "#continue"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", N_("Continue")),
        # the report scrolls whichever widget has focus (Continue has it at first)
        Binding("down", "scroll('down')", N_("Scroll down"), show=False),
        Binding("up", "scroll('up')", N_("Scroll up"), show=False),
        Binding("pagedown", "scroll('page_down')", N_("Page down"), show=False),
        Binding("pageup", "scroll('page_up')", N_("Page up"), show=False),
        Binding("home", "scroll('home')", N_("Top"), show=False),
        Binding("end", "scroll('end')", N_("Bottom"), show=False),
    ]

    def __init__(
        self,
        month: dict[str, Any],
        previous: dict[str, Any] | None,
        all_months: tuple[dict[str, Any], ...],
        currency: str,
        salaried: bool = True,
    ) -> None:
        super().__init__()
        self.month, self.previous, self.all_months = month, previous, all_months
        self.currency = currency
        self.salaried = salaried
        self.report = month_report(month, previous, currency)
        self.year: YearEnd | None = None
        self.tax: TaxSoFar | None = None

    def compose(self) -> ComposeResult:
        # built here, so that a change of language draws the report again in the new one
        month, currency = self.month, self.currency
        self.report = month_report(month, self.previous, currency)
        if closes_year(month):
            year = str(month["label"])[:4]
            self.year = year_end(list(self.all_months), year, currency, self.salaried)
        else:  # the year so far, up to this month
            so_far = [m for m in self.all_months if m.get("month", 0) <= month.get("month", 0)]
            self.tax = tax_so_far(so_far, month, currency, self.salaried)
        with Vertical(id="report"):
            yield Static(
                _("Month report: {label}").format(label=month_label(self.report.label)),
                id="report-title",
            )
            with VerticalScroll(id="report-body"):
                yield Static(report_text(self.report), id="pnl", markup=False)
                yield Static(_("Why"), classes="heading")
                yield Static(bullets("•", self.report.why), id="why", markup=False)
                if self.report.hints:
                    yield Static(_("Try this"), classes="heading")
                    yield Static(bullets("→", self.report.hints), id="hints", markup=False)
                yield from self._tax()
            yield Button(_("Continue (enter)"), id="continue", compact=True, variant="primary")

    def _tax(self) -> ComposeResult:
        """The year so far against the tax threshold; in December, the year end."""
        if self.tax is not None:
            yield Static(
                _("Side income and tax: {year} so far (illustration)").format(year=self.tax.year),
                classes="heading",
            )
            lines = [self.tax.headline, *self.tax.notes, self.tax.caveat]
            yield Static(bullets("·", lines), id="tax", markup=False)
        if self.year is not None:
            yield Static(
                _("Year end {year} (illustration)").format(year=self.year.year),
                classes="heading",
            )
            yield Static(
                "\n".join(
                    "\n".join(wrap(line, TEXT_WIDTH)) if cell_len(line) != len(line) else line
                    for line in self.year.lines
                ),
                id="year",
                markup=False,
            )

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

"""Money: balance, clearing, escrow, in transit, bank, a withdrawal with its fee shown first,
and the year's profit so far against the tax threshold (an illustration)."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, Input, Label, Static

from gigsim.engine.api import Withdraw
from gigsim.i18n import _, lazy, ngettext
from gigsim.text.sentences import lapse_lines
from gigsim.text.tax import tax_so_far
from gigsim.text.units import field_unit, money, to_minor, typed
from gigsim.text.wrap import wrap
from gigsim.tui.messages import ActionRequested, PreviewRequested
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget
from gigsim.tui.widgets.number_input import NumberInput

PROMPT = lazy("Type an amount to see the fee and the date it reaches your bank.")
LINES = (
    (lazy("Balance on the platform"), lazy("(you can withdraw this)")),
    (lazy("Clearing"), lazy("(not yet withdrawable)")),
    (lazy("In escrow (your orders)"), lazy("(paid when done)")),
    (lazy("In transit to the bank"), None),
    (lazy("In your bank"), None),
)
"""The money summary's lines, in the order of the snapshot's amounts below, with a note."""


def _lines(amounts: tuple[str, ...]) -> list[str]:
    """Names padded to one width in terminal cells, amounts right-aligned, notes after."""
    names = [str(name) for name, _note in LINES]
    width = max(cell_len(n) for n in names)
    wide = max(12, *(cell_len(a) for a in amounts))
    out = []
    for name, (_name, note), amount in zip(names, LINES, amounts, strict=True):
        line = name + " " * (width - cell_len(name) + 2) + " " * (wide - cell_len(amount)) + amount
        out.append(line + (f"  {note}" if note is not None else ""))
    return out


class MoneyPanel(ViewWidget):
    preview: reactive[str] = reactive("", init=False)

    def compose(self) -> ComposeResult:
        # scrolls: with parts of the balance about to lapse, the tax lines may go below the fold
        with VerticalScroll(id="money-box"):
            yield Static(id="money-summary", markup=False)
            yield Static(_("Withdraw to your bank"), classes="heading")
            with Horizontal(classes="field"):
                yield Label(_("Amount"), classes="label", id="amount-label")
                yield NumberInput(id="amount", compact=True, placeholder=_("how much"))
            yield Static(str(PROMPT), id="preview", markup=False)
            with Horizontal(id="money-buttons"):
                yield Button(_("Withdraw"), id="withdraw", compact=True, variant="primary")
                yield Button(_("Fill in all"), id="all", compact=True)
            yield Static(
                _("Side income and tax (an illustration, not tax advice)"), classes="heading"
            )
            yield Static(id="tax", markup=False)

    def render_view(self, view: GameView) -> None:
        s, cur = view.snapshot, view.currency
        self.query_one("#amount-label", Label).update(
            _("Amount ({unit})").format(unit=field_unit(cur))
        )
        amounts = (s.balance, s.clearing, s.escrow_player, s.in_transit, s.bank)
        lines = _lines(tuple(money(a, cur) for a in amounts))
        lapses = lapse_lines(s.balance_lapses, s.t, view.start, cur)
        if lapses:
            lines.append(_("Unclaimed balance lapses to the platform:"))
            lines += [f"  {line}" for line in lapses[:3]]
            if len(lapses) > 3:
                n = len(lapses) - 3
                lines.append(
                    "  " + ngettext("and {n} later part", "and {n} later parts", n).format(n=n)
                )
        self.query_one("#money-summary", Static).update("\n".join(lines))
        tax = tax_so_far(s.months, s.month_so_far, cur, view.salaried)
        self.query_one("#tax", Static).update(
            "\n".join(line for text in (tax.headline, *tax.notes) for line in fold(text))
        )
        self.query_one("#money-summary").set_class(
            any(t - s.t <= 31 for _, t in s.balance_lapses), "-lapse-soon"
        )
        amount = self.amount()
        if amount is not None:  # time moved: the fee and the pay date may have too
            self.post_message(PreviewRequested(amount))

    def watch_preview(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#preview", Static).update(text or str(PROMPT))

    def amount(self) -> int | None:
        text = self.query_one("#amount", Input).value.strip()
        try:
            value = float(text)
        except ValueError:
            return None
        if not value > 0:
            return None
        return to_minor(value, self.view.currency) if self.view is not None else round(value)

    def withdrawn(self) -> None:
        """A withdrawal went through: the field empties, ready for the next one."""
        self.query_one("#amount", Input).value = ""
        self.preview = str(PROMPT)

    @on(Input.Changed, "#amount")
    def _changed(self) -> None:
        amount = self.amount()
        if amount is None:
            self.preview = str(PROMPT)
        else:
            self.post_message(PreviewRequested(amount))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "all" and self.view is not None:
            self.query_one("#amount", Input).value = typed(
                self.view.snapshot.balance, self.view.currency
            )
            return
        amount = self.amount()
        if amount is None:
            self.app.notify(_("Type an amount first."), severity="warning")
            return
        self.post_message(ActionRequested(Withdraw(amount), origin="money"))


def fold(text: str, width: int = 78) -> list[str]:
    """Japanese broken between characters (Textual breaks only at spaces); English as given."""
    return wrap(text, width) if cell_len(text) != len(text) else [text]

"""Money: balance, clearing, escrow, in transit, bank, and a withdrawal with its fee shown first."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Button, Input, Label, Static

from gigsim.engine.api import Withdraw
from gigsim.text.sentences import lapse_lines
from gigsim.text.units import money, symbol, to_minor, typed
from gigsim.tui.messages import ActionRequested, PreviewRequested
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget
from gigsim.tui.widgets.number_input import NumberInput

PROMPT = "Type an amount to see the fee and the date it reaches your bank."


class MoneyPanel(ViewWidget):
    preview: reactive[str] = reactive("", init=False)

    def compose(self) -> ComposeResult:
        with Vertical(id="money-box"):
            yield Static(id="money-summary", markup=False)
            yield Static("Withdraw to your bank", classes="heading")
            with Horizontal(classes="field"):
                yield Label("Amount", classes="label", id="amount-label")
                yield NumberInput(id="amount", compact=True, placeholder="how much")
            yield Static(PROMPT, id="preview", markup=False)
            with Horizontal(id="money-buttons"):
                yield Button("Withdraw", id="withdraw", compact=True, variant="primary")
                yield Button("Fill in all", id="all", compact=True)

    def render_view(self, view: GameView) -> None:
        s, cur = view.snapshot, view.currency
        self.query_one("#amount-label", Label).update(f"Amount ({symbol(cur)})")
        lines = [
            f"Balance on the platform  {money(s.balance, cur):>12}  (you can withdraw this)",
            f"Clearing                 {money(s.clearing, cur):>12}  (not yet withdrawable)",
            f"In escrow (your orders)  {money(s.escrow_player, cur):>12}  (paid when done)",
            f"In transit to the bank   {money(s.in_transit, cur):>12}",
            f"In your bank             {money(s.bank, cur):>12}",
        ]
        lapses = lapse_lines(s.balance_lapses, s.t, view.start, cur)
        if lapses:
            lines.append("Unclaimed balance lapses to the platform:")
            lines += [f"  {line}" for line in lapses[:3]]
            if len(lapses) > 3:
                lines.append(f"  and {len(lapses) - 3} later parts")
        self.query_one("#money-summary", Static).update("\n".join(lines))
        self.query_one("#money-summary").set_class(
            any(t - s.t <= 31 for _, t in s.balance_lapses), "-lapse-soon"
        )
        amount = self.amount()
        if amount is not None:  # time moved: the fee and the pay date may have too
            self.post_message(PreviewRequested(amount))

    def watch_preview(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#preview", Static).update(text or PROMPT)

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
        self.preview = PROMPT

    @on(Input.Changed, "#amount")
    def _changed(self) -> None:
        amount = self.amount()
        if amount is None:
            self.preview = PROMPT
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
            self.app.notify("Type an amount first.", severity="warning")
            return
        self.post_message(ActionRequested(Withdraw(amount), origin="money"))

"""Dashboard: this month so far, reputation, workload, money and the event log."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from gigsim.explain import money, stars
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget


class Dashboard(ViewWidget):
    def compose(self) -> ComposeResult:
        with Vertical(id="dash-left"):
            yield Static("This month", classes="heading")
            yield Static(id="dash-month", markup=False)
            yield Static("Reputation", classes="heading")
            yield Static(id="dash-rep", markup=False)
            yield Static("Workload", classes="heading")
            yield Static(id="dash-work", markup=False)
            yield Static("Money", classes="heading")
            yield Static(id="dash-money", markup=False)
        with VerticalScroll(id="dash-log-box"):
            yield Static("Recent events (newest first)", classes="heading")
            yield Static(id="dash-log", markup=False)

    def render_view(self, view: GameView) -> None:
        s, cur = view.snapshot, view.currency
        m = s.month_so_far
        self.query_one("#dash-month", Static).update(
            f"{m.get('label', '')} so far: {m.get('orders', 0)} orders\n"
            f"gross {money(m.get('gross_sales', 0), cur)} · net {money(m.get('net_income', 0), cur)}\n"
            f"worked {m.get('hours_worked', 0.0):.1f} h of {m.get('hours_available', 0.0):.1f} h"
        )
        needs = "; ".join(s.next_rank_needs) if s.next_rank_needs else "top rank"
        self.query_one("#dash-rep", Static).update(
            f"rating {stars(s.rating, s.reviews)}\n"
            f"rank {s.rank} · next needs: {needs}\n"
            f"completion {s.completion_rate:.0%}"
            + (f" · {s.warnings} warning(s) !" if s.warnings else "")
        )
        in_progress = sum(lst.in_progress for lst in s.listings)
        cap = sum(lst.cap for lst in s.listings if lst.status != "paused")
        overloaded = s.hours_needed > s.hours_week or any(o.will_be_late for o in s.orders)
        lines = [
            f"work waiting {s.hours_needed:.1f} h · you have {s.hours_week:.1f} h/week",
            f"orders in progress {in_progress}/{cap}",
        ]
        if overloaded:
            lines.append("! OVERLOADED: orders will be late")
        if s.storm:
            lines.append("! social-media storm: fewer buyers")
        if s.suspended:
            lines.append("! account suspended")
        work = self.query_one("#dash-work", Static)
        work.update("\n".join(lines))
        work.set_class(overloaded, "-overloaded")
        self.query_one("#dash-money", Static).update(
            f"balance {money(s.balance, cur)} · escrow {money(s.escrow_player, cur)}\n"
            f"in transit {money(s.in_transit, cur)} · bank {money(s.bank, cur)}"
        )
        self.query_one("#dash-log", Static).update("\n".join(view.log[:40]) or "Nothing yet.")

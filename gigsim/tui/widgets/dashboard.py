"""Dashboard: this month so far, reputation, workload, money and the event log.

It is the tab on show at start-up, so it is built from few widgets: the four
summary sections are drawn by one widget (``Summary``) rather than a static
per heading and per section, which halves what start-up has to mount.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from gigsim.text.units import money, stars
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget

Section = tuple[str, str, bool]  # heading, body, whether the body is a warning


class Summary(Widget):
    """Headed sections of text; headings and warnings are styled in main.tcss."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"summary--heading", "summary--warning"}

    sections: reactive[tuple[Section, ...]] = reactive(())

    def render(self) -> Text:
        heading = self.get_component_rich_style("summary--heading", partial=True)
        warning = self.get_component_rich_style("summary--warning", partial=True)
        text = Text(end="")
        for i, (title, body, warn) in enumerate(self.sections):
            text.append(("\n" if i else "") + title, heading)
            text.append("\n" + body, warning if warn else "")
        return text


def rank_line(rank: str, next_rank: str, needs: tuple[str, ...]) -> str:
    """'none · Regular needs 1 more sale', 'Gold · top rank', 'none · Regular on the 1st'."""
    if not next_rank:
        return f"{rank} · top rank" if rank != "none" else "none (no ranks in this scenario)"
    if not needs:
        return f"{rank} · {next_rank} at the next monthly review (the 1st)"
    return f"{rank} · {next_rank} needs " + "; ".join(needs)


class Dashboard(ViewWidget):
    def compose(self) -> ComposeResult:
        yield Summary(id="dash-left")
        with VerticalScroll(id="dash-log-box"):
            yield Static("Recent events (newest first)", classes="heading")
            yield Static(id="dash-log", markup=False)

    def render_view(self, view: GameView) -> None:
        s, cur = view.snapshot, view.currency
        m = s.month_so_far
        month = (
            f"{m.get('label', '')} so far: {m.get('orders', 0)} orders\n"
            f"gross {money(m.get('gross_sales', 0), cur)} · net {money(m.get('net_income', 0), cur)}\n"
            f"worked {m.get('hours_worked', 0.0):.1f} h of {m.get('hours_available', 0.0):.1f} h"
        )
        reputation = (
            f"rating {stars(s.rating, s.reviews)}\n"
            f"rank {rank_line(s.rank, s.next_rank, s.next_rank_needs)}\n"
            f"completion {s.completion_rate:.0%}"
            + (f" · {s.warnings} warning(s) !" if s.warnings else "")
        )
        in_progress = sum(lst.in_progress for lst in s.listings)
        cap = sum(lst.cap for lst in s.listings if lst.status != "paused")
        overloaded = s.hours_needed > s.hours_week or any(o.will_be_late for o in s.orders)
        work = [
            f"work waiting {s.hours_needed:.1f} h · you have {s.hours_week:.1f} h/week",
            f"orders in progress {in_progress}/{cap}",
        ]
        if overloaded:
            work.append("! OVERLOADED: orders will be late")
        if s.storm:
            work.append("! social-media storm: fewer buyers")
        if s.suspended:
            work.append("! account suspended")
        balances = (
            f"balance {money(s.balance, cur)} · escrow {money(s.escrow_player, cur)}\n"
            f"in transit {money(s.in_transit, cur)} · bank {money(s.bank, cur)}"
        )
        self.query_one(Summary).sections = (
            ("This month", month, False),
            ("Reputation", reputation, False),
            ("Workload", "\n".join(work), overloaded),
            ("Money", balances, False),
        )
        self.query_one("#dash-log", Static).update("\n".join(view.log[:40]) or "Nothing yet.")
        newest = view.log[0] if view.log else ""
        if newest != getattr(self, "_newest", ""):
            self._newest = newest  # new events: back to the top, where the newest one is
            self.query_one("#dash-log-box", VerticalScroll).scroll_home(animate=False)

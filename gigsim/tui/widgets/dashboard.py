"""Dashboard: this month so far, reputation, workload, money and the event log.

It is the tab on show at start-up, so it is built from few widgets: the four
summary sections are drawn by one widget (``Summary``) rather than a static
per heading and per section, which halves what start-up has to mount.
"""

from __future__ import annotations

import math
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from gigsim.engine.api import Snapshot
from gigsim.i18n import _, ngettext
from gigsim.lessons.texts import mission_lines
from gigsim.text.codes import rank_need_text
from gigsim.text.run_tables import rank_name
from gigsim.text.units import hours, money, month_label, stars
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


def needs_text(s: Snapshot, currency: str) -> tuple[str, ...]:
    """What the player's next rank still needs, in words (the snapshot holds codes)."""
    return tuple(
        rank_need_text((code, dict(args)), lambda a: money(a, currency))
        for code, args in s.next_rank_needs
    )


def rank_line(rank: str, next_rank: str, needs: tuple[str, ...]) -> str:
    """'none · Regular needs 1 more sale', 'Gold · top rank', 'none · Regular on the 1st'."""
    if not next_rank:
        if rank == "none":
            return _("none (no ranks in this scenario)")
        return _("{rank} · top rank").format(rank=rank_name(rank))
    if not needs:
        return _("{rank} · {next} at the next monthly review (the 1st)").format(
            rank=rank_name(rank), next=rank_name(next_rank)
        )
    return _("{rank} · {next} needs {needs}").format(
        rank=rank_name(rank), next=rank_name(next_rank), needs=_("; ").join(needs)
    )


MISSION_WIDTH = 78
"""Cells the mission line has at 80 columns (its padding aside)."""


def storm_line(view: GameView) -> str:
    """The storm under way: until when, and how much demand it takes (its notice's numbers)."""
    storm = next((n for n in reversed(view.notices) if n.kind == "storm"), None)
    if storm is None:
        return _("! social-media storm: fewer buyers")
    days = max(1, math.ceil(storm.get("until") - view.snapshot.t))
    return ngettext(
        "! storm (炎上): demand down {down}, {n} more day",
        "! storm (炎上): demand down {down}, {n} more days",
        days,
    ).format(down=f"{1 - storm.get('kept'):.0%}", n=days)


class Dashboard(ViewWidget):
    def compose(self) -> ComposeResult:
        yield Static(id="dash-mission", markup=False)
        with Horizontal(id="dash-row"):
            yield Summary(id="dash-left")
            with VerticalScroll(id="dash-log-box"):
                yield Static(_("Recent events (newest first)"), classes="heading")
                yield Static(id="dash-log", markup=False)

    def _mission(self, view: GameView) -> None:
        line = self.query_one("#dash-mission", Static)
        m = view.mission
        line.set_class(m is not None, "-on")
        if m is not None:
            room = m.classroom.name if m.classroom is not None else ""
            lines = mission_lines(m.lesson, m.card, view.currency, MISSION_WIDTH, room)
            line.update("\n".join(lines))

    def render_view(self, view: GameView) -> None:
        self._mission(view)
        s, cur = view.snapshot, view.currency
        m = s.month_so_far
        orders = int(m.get("orders", 0))
        month = "\n".join(
            (
                ngettext("{label} so far: {n} order", "{label} so far: {n} orders", orders).format(
                    label=month_label(str(m.get("label", ""))), n=orders
                ),
                _("gross {gross} · net {net}").format(
                    gross=money(m.get("gross_sales", 0), cur),
                    net=money(m.get("net_income", 0), cur),
                ),
                _("worked {worked} of {available}").format(
                    worked=hours(m.get("hours_worked", 0.0)),
                    available=hours(m.get("hours_available", 0.0)),
                ),
            )
        )
        reputation = "\n".join(
            (
                _("rating {stars}").format(stars=stars(s.rating, s.reviews)),
                _("rank {rank}").format(rank=rank_line(s.rank, s.next_rank, needs_text(s, cur))),
                _("completion {share}").format(share=f"{s.completion_rate:.0%}")
                + (
                    ngettext(" · {n} warning !", " · {n} warnings !", s.warnings).format(
                        n=s.warnings
                    )
                    if s.warnings
                    else ""
                ),
            )
        )
        in_progress = sum(lst.in_progress for lst in s.listings)
        cap = sum(lst.cap for lst in s.listings if lst.status != "paused")
        overloaded = s.hours_needed > s.hours_week or any(o.will_be_late for o in s.orders)
        work = [
            _("work waiting {needed} · you have {week}/week").format(
                needed=hours(s.hours_needed), week=hours(s.hours_week)
            ),
            _("orders in progress {n}/{cap}").format(n=in_progress, cap=cap),
        ]
        if overloaded:
            work.append(_("! OVERLOADED: orders will be late"))
        if s.storm:
            work.append(storm_line(view))
        if s.suspended:
            work.append(_("! account suspended"))
        balances = "\n".join(
            (
                _("balance {balance} · escrow {escrow}").format(
                    balance=money(s.balance, cur), escrow=money(s.escrow_player, cur)
                ),
                _("in transit {transit} · bank {bank}").format(
                    transit=money(s.in_transit, cur), bank=money(s.bank, cur)
                ),
            )
        )
        self.query_one(Summary).sections = (
            (_("This month"), month, False),
            (_("Reputation"), reputation, False),
            (_("Workload"), "\n".join(work), overloaded),
            (_("Money"), balances, False),
        )
        self.query_one("#dash-log", Static).update("\n".join(view.log[:40]) or _("Nothing yet."))
        newest = view.log[0] if view.log else ""
        if newest != getattr(self, "_newest", ""):
            self._newest = newest  # new events: back to the top, where the newest one is
            self.query_one("#dash-log-box", VerticalScroll).scroll_home(animate=False)

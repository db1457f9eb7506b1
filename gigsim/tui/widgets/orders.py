"""Orders board: open orders by stage, due date, hours left and a visible late mark."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from gigsim.i18n import _, lazy, ngettext
from gigsim.text.sentences import buyer_type
from gigsim.text.units import clock, hours, money, until
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget

STAGES = (
    ("awaiting_reply", lazy("Awaiting your reply")),
    ("in_work", lazy("In work")),
    ("in_revision", lazy("In revision")),
    ("delivered", lazy("Delivered, waiting for the buyer")),
    ("disputed", lazy("Disputed")),
)


class Orders(ViewWidget):
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="orders-scroll"):
            yield Static(_("No open orders."), id="orders-empty")

    def _rows(self, view: GameView) -> list[tuple[str, set[str]]]:
        s, cur = view.snapshot, view.currency
        rows: list[tuple[str, set[str]]] = []
        for stage, title in STAGES:
            orders = sorted((o for o in s.orders if o.stage == stage), key=lambda o: o.due)
            if not orders:
                continue
            rows.append((f"{title} ({len(orders)})", {"heading"}))
            for o in orders:
                mark, classes = "", set()
                if o.late:
                    mark, classes = "  " + _("LATE!"), {"-late"}
                elif o.will_be_late:
                    mark, classes = "  " + _("will be late !"), {"-will-be-late"}
                amount = money(o.amount, cur)
                rows.append(
                    (
                        f"#{o.id:<6} {' ' * (9 - cell_len(amount))}{amount}  "
                        + _("due {when} ({until})  {hours} left").format(
                            when=clock(o.due, view.start),
                            until=until(o.due, s.t),
                            hours=hours(o.hours_left),
                        )
                        + (_("  rev {n}").format(n=o.revisions) if o.revisions else "")
                        + (f"  {buyer_type(o.buyer_type)}" if o.buyer_type != "ordinary" else "")
                        + mark,
                        classes,
                    )
                )
        done = sum(m.get("completed", 0) for m in s.months) + s.month_so_far.get("completed", 0)
        rows.append(
            (
                ngettext(
                    "Done so far: {n} order completed.", "Done so far: {n} orders completed.", done
                ).format(n=done),
                {"footnote"},
            )
        )
        return rows

    def render_view(self, view: GameView) -> None:
        scroll = self.query_one("#orders-scroll", VerticalScroll)
        rows = self._rows(view)
        self.query_one("#orders-empty", Static).display = not view.snapshot.orders
        pool = [w for w in scroll.query(".order-row").results(Static)]
        while len(pool) < len(rows):
            row = Static(classes="order-row", markup=False)
            pool.append(row)
            scroll.mount(row)
        for i, row in enumerate(pool):
            if i < len(rows):
                text, classes = rows[i]
                row.update(text)
                row.display = True
                for cls in ("heading", "-late", "-will-be-late", "footnote"):
                    row.set_class(cls in classes, cls)
            else:
                row.display = False

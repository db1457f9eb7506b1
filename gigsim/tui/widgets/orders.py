"""Orders board: open orders by stage, due date, hours left and a visible late mark."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from gigsim.text.units import clock, money, until
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget

STAGES = (
    ("awaiting_reply", "Awaiting your reply"),
    ("in_work", "In work"),
    ("in_revision", "In revision"),
    ("delivered", "Delivered, waiting for the buyer"),
    ("disputed", "Disputed"),
)


class Orders(ViewWidget):
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="orders-scroll"):
            yield Static("No open orders.", id="orders-empty")

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
                    mark, classes = "  LATE!", {"-late"}
                elif o.will_be_late:
                    mark, classes = "  will be late !", {"-will-be-late"}
                rows.append(
                    (
                        f"#{o.id:<6} {money(o.amount, cur):>9}  due {clock(o.due, view.start)} "
                        f"({until(o.due, s.t)})  {o.hours_left:.1f} h left"
                        + (f"  rev {o.revisions}" if o.revisions else "")
                        + (f"  {o.buyer_type}" if o.buyer_type != "ordinary" else "")
                        + mark,
                        classes,
                    )
                )
        done = sum(m.get("completed", 0) for m in s.months) + s.month_so_far.get("completed", 0)
        rows.append((f"Done so far: {done} orders completed.", {"footnote"}))
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

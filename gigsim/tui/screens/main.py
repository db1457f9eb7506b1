"""The main screen: a status line, six tabs over the latest view, a message line, the footer."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from gigsim.engine.actions import AnswerDecision
from gigsim.explain import clock, money
from gigsim.tui.messages import ActionApplied, ActionRequested, PauseRequested, TimeRequested
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget
from gigsim.tui.widgets.charts import Charts
from gigsim.tui.widgets.dashboard import Dashboard
from gigsim.tui.widgets.footer import KeyFooter
from gigsim.tui.widgets.inbox import Inbox
from gigsim.tui.widgets.listings import Listings
from gigsim.tui.widgets.money_panel import MoneyPanel
from gigsim.tui.widgets.orders import Orders

TABS = (
    ("dashboard", "Dashboard"),
    ("listings", "Listings"),
    ("inbox", "Inbox"),
    ("orders", "Orders"),
    ("money", "Money"),
    ("charts", "Charts"),
)

PANES: dict[str, type[ViewWidget]] = {
    "listings": Listings,
    "inbox": Inbox,
    "orders": Orders,
    "money": MoneyPanel,
    "charts": Charts,
}


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "run", "Run/Pause"),
        Binding("d", "time('day')", "+Day"),
        Binding("w", "time('week')", "+Week"),
        Binding("m", "time('month')", "+Month"),
        *(Binding(k, f"answer({i})", f"Answer {k}", show=False) for i, k in enumerate("abc")),
        *(
            Binding(str(i + 1), f"tab('{key}')", label, show=False)
            for i, (key, label) in enumerate(TABS)
        ),
    ]

    view: reactive[GameView | None] = reactive(None, init=False)
    preview: reactive[str] = reactive("", init=False)

    def __init__(self, view: GameView | None = None) -> None:
        super().__init__()
        self.set_reactive(MainScreen.view, view)

    def compose(self) -> ComposeResult:
        yield Static(id="status", markup=False)
        with TabbedContent(id="tabs"):
            for i, (key, label) in enumerate(TABS):
                with TabPane(f"{i + 1} {label}", id=key):
                    if key == "dashboard":
                        yield Dashboard().data_bind(MainScreen.view)
        yield Static("Welcome! Press space to run time, ? for help.", id="message", markup=False)
        yield KeyFooter()

    @on(TabbedContent.TabActivated)
    def _fill_tab(self, event: TabbedContent.TabActivated) -> None:
        """Build a tab's widget when it is first shown: start-up only pays for the dashboard."""
        pane = event.pane
        if pane.children or pane.id not in PANES:
            return
        widget = PANES[pane.id]()
        widget.data_bind(MainScreen.view)
        if isinstance(widget, MoneyPanel):
            widget.data_bind(MainScreen.preview)
        pane.mount(widget)

    def on_mount(self) -> None:
        if self.view is not None:
            self.render_view(self.view)

    def watch_view(self, view: GameView | None) -> None:
        if view is not None and self.is_mounted:
            self.render_view(view)

    def render_view(self, view: GameView) -> None:
        s = view.snapshot
        state = "▶ running" if view.running else "⏸ paused"
        waiting = len(s.decisions)
        self.query_one("#status", Static).update(
            f"{view.player} · {view.scenario} · seed {view.seed} │ {clock(s.t, view.start)} "
            f"month {s.month} │ {state} │ balance {money(s.balance, view.currency)}"
        )
        self.query_one("#status").set_class(view.running, "-running")
        tabs = self.query_one(TabbedContent)
        inbox = tabs.get_tab("inbox")
        inbox.label = f"3 Inbox ({waiting}!)" if waiting else "3 Inbox"
        inbox.set_class(bool(waiting), "-waiting")
        late = sum(1 for o in s.orders if o.late or o.will_be_late)
        orders = tabs.get_tab("orders")
        orders.label = f"4 Orders ({late} late!)" if late else f"4 Orders ({len(s.orders)})"
        orders.set_class(bool(late), "-late")

    def say(self, text: str, ok: bool = True) -> None:
        line = self.query_one("#message", Static)
        line.update(("✓ " if ok else "✗ ") + text)
        line.set_class(not ok, "-error")

    @on(ActionApplied)
    def _applied(self, event: ActionApplied) -> None:
        r = event.result
        self.say(r.message if r.ok else f"refused: {r.message}", r.ok)

    def action_run(self) -> None:
        if self.view is not None and self.view.running:
            self.post_message(PauseRequested())
        else:
            self.post_message(TimeRequested("until"))

    def action_time(self, mode: str) -> None:
        if mode in ("day", "week", "month"):
            self.post_message(TimeRequested(mode))  # type: ignore[arg-type]

    def action_answer(self, index: int) -> None:
        """Answer the most urgent waiting decision with its option a, b or c."""
        if self.view is None or not self.view.snapshot.decisions:
            self.say("nothing is waiting for an answer", ok=False)
            return
        first = min(self.view.snapshot.decisions, key=lambda d: d.deadline)
        if index >= len(first.options):
            self.say(f"that decision has {len(first.options)} options", ok=False)
            return
        self.post_message(
            ActionRequested(AnswerDecision(first.id, first.options[index]), origin="keys")
        )

    def action_tab(self, key: str) -> None:
        self.query_one(TabbedContent).active = key

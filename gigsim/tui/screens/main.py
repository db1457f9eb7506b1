"""The main screen: a status line, six tabs over the latest view, a message line, the footer.

A tab's pane is built the first time it is shown, so start-up pays for the
dashboard only. The screen holds the latest view and hands it to every pane
built so far.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Static

from gigsim.engine.api import AnswerDecision
from gigsim.i18n import N_, _, lazy, ngettext
from gigsim.text.results import action_message
from gigsim.text.units import clock, money
from gigsim.tui.messages import ActionApplied, ActionRequested, PauseRequested, TimeRequested
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget
from gigsim.tui.widgets.dashboard import Dashboard
from gigsim.tui.widgets.footer import KeyFooter
from gigsim.tui.widgets.inbox import Inbox, new_explanations, notices
from gigsim.tui.widgets.listings import Listings
from gigsim.tui.widgets.money_panel import MoneyPanel
from gigsim.tui.widgets.orders import Orders
from gigsim.tui.widgets.status_line import StatusLine
from gigsim.tui.widgets.tab_bar import TabBar, TabRequested

TABS = (
    ("dashboard", lazy("Dashboard")),
    ("listings", lazy("Listings")),
    ("inbox", lazy("Inbox")),
    ("orders", lazy("Orders")),
    ("money", lazy("Money")),
    ("charts", lazy("Charts")),
)


def _charts(id: str) -> ViewWidget:
    # textual-plotext and plotext take about 20 ms to import: paid when the tab is first opened.
    from gigsim.tui.widgets.charts import Charts

    return Charts(id=id)


PANES: dict[str, Callable[..., ViewWidget]] = {
    "dashboard": Dashboard,
    "listings": Listings,
    "inbox": Inbox,
    "orders": Orders,
    "money": MoneyPanel,
    "charts": _charts,
}


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # descriptions marked only: the footer shows them translated (``_(description)``)
        Binding("space", "run", N_("Run/Pause")),
        Binding("d", "time('day')", N_("+Day")),
        Binding("w", "time('week')", N_("+Week")),
        Binding("m", "time('month')", N_("+Month")),
        Binding("a", "answer(0)", N_("Answer a"), show=False),
        Binding("b", "answer(1)", N_("Answer b"), show=False),
        Binding("c", "answer(2)", N_("Answer c"), show=False),
        *(
            Binding(str(i + 1), f"tab('{key}')", label.message, show=False)
            for i, (key, label) in enumerate(TABS)
        ),
        Binding("escape", "leave_field", N_("Leave the field"), show=False),
        # a focused field or chart selector keeps its own left/right
        Binding("left", "step_tab(-1)", N_("Previous tab"), show=False),
        Binding("right", "step_tab(1)", N_("Next tab"), show=False),
    ]

    view: reactive[GameView | None] = reactive(None, init=False)
    # always passed on: the money pane may have shown its prompt since the same text came
    preview: reactive[str] = reactive("", init=False, always_update=True)

    def __init__(self, view: GameView | None = None) -> None:
        super().__init__()
        self.set_reactive(MainScreen.view, view)
        self._building: list[AwaitMount] = []  # panes asked for whose mount may be pending

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield TabBar(tab_labels(self.view), "dashboard", id="tab-bar")
        with ContentSwitcher(id="tabs", initial="dashboard"):
            yield self._pane("dashboard")
        yield Static(
            _("Welcome! Press space to run time, p for the platform's rules, ? for help."),
            id="message",
            markup=False,
        )
        yield KeyFooter()

    def _pane(self, key: str) -> ViewWidget:
        # The screen hands its view down itself rather than with data_bind, which binds
        # to whatever is running the caller: action_tab is also called by the app.
        pane = PANES[key](id=key)
        pane.set_reactive(ViewWidget.view, self.view)
        if isinstance(pane, MoneyPanel):
            pane.set_reactive(MoneyPanel.preview, self.preview)
        return pane

    @property
    def tab(self) -> str:
        """The key of the tab on show."""
        return self.query_one("#tabs", ContentSwitcher).current or "dashboard"

    def on_mount(self) -> None:
        if self.view is not None:
            self.render_view(self.view)

    def watch_view(self, view: GameView | None) -> None:
        if view is not None and self.is_mounted:
            self.render_view(view)
            for pane in self.query_one("#tabs", ContentSwitcher).children:
                if isinstance(pane, ViewWidget):
                    pane.view = view

    def watch_preview(self, preview: str) -> None:
        for pane in self.query(MoneyPanel):
            pane.preview = preview

    def render_view(self, view: GameView) -> None:
        s = view.snapshot
        state = _("▶ running") if view.running else _("‖ paused")
        # most needed first, so that at 80 columns only a long scenario name is cut
        # (the seller's name is in the saves list and the new-game form)
        when, balance = clock(s.t, view.start), money(s.balance, view.currency)
        status = self.query_one("#status", StatusLine)
        short = clock(s.t, view.start, short=True)
        status.forms = (
            _("{when} · month {month} │ {state} │ balance {balance} │ {scenario} · seed {seed}").format(
                when=when, month=s.month, state=state, balance=balance, scenario=view.scenario,
                seed=view.seed,
            ),
            _("{when} · month {month} │ {state} │ balance {balance}").format(
                when=when, month=s.month, state=state, balance=balance
            ),
            _("{when} · m{month} │ {state} │ {balance}").format(
                when=short, month=s.month, state=state.split()[0], balance=balance
            ),
        )  # fmt: skip
        status.set_class(view.running, "-running")
        self.query_one(TabBar).labels = tab_labels(view)

    def say(self, text: str, ok: bool = True) -> None:
        line = self.query_one("#message", Static)
        line.update(("✓ " if ok else "✗ ") + text)
        line.set_class(not ok, "-error")

    @on(ActionApplied)
    def _applied(self, event: ActionApplied) -> None:
        r = event.result
        text = action_message(r, self.view.currency if self.view is not None else "JPY")
        self.say(text if r.ok else _("refused: {why}").format(why=text), r.ok)
        if r.ok and event.origin == "money":
            for pane in self.query(MoneyPanel):
                pane.withdrawn()

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
            self.say(_("nothing is waiting for an answer"), ok=False)
            return
        first = min(self.view.snapshot.decisions, key=lambda d: d.deadline)
        if index >= len(first.options):
            n = len(first.options)
            self.say(
                ngettext("that decision has {n} option", "that decision has {n} options", n).format(
                    n=n
                ),
                ok=False,
            )
            return
        self.post_message(
            ActionRequested(AnswerDecision(first.id, first.options[index]), origin="keys")
        )

    def action_leave_field(self) -> None:
        """Escape from a field: the game's keys (time, tabs, answers) work again."""
        self.set_focus(None)

    def action_step_tab(self, step: int) -> None:
        """Show the tab before or after the current one (wrapping around)."""
        keys = [key for key, _ in TABS]
        current = self.query_one("#tabs", ContentSwitcher).current or keys[0]
        i = keys.index(current) if current in keys else 0
        self.action_tab(keys[(i + step) % len(keys)])

    def action_tab(self, key: str) -> None:
        """Show a tab, building its pane the first time."""
        switcher = self.query_one("#tabs", ContentSwitcher)
        if key not in PANES or switcher.current == key:
            return
        try:
            switcher.get_child_by_id(key)
        except NoMatches:
            pane = self._pane(key)
            pane.display = False
            self._building.append(switcher.mount(pane))
        hidden = switcher.visible_content
        switcher.current = key
        self.query_one(TabBar).active = key
        # Keys must not go on to a field the player can no longer see.
        if hidden is not None and self.focused is not None and hidden in self.focused.ancestors:
            self.set_focus(None)

    async def panes_built(self) -> None:
        """Wait until every pane a tab key asked for has mounted.

        A recompose (the language switch) must not remove a pane whose mount is still
        pending: keys come in bursts, and a pane pruned before it mounted would mount
        with no children and fail to find its own widgets.
        """
        building, self._building = self._building, []
        for mounting in building:
            await mounting

    @on(TabRequested)
    def _tab_clicked(self, event: TabRequested) -> None:
        self.action_tab(event.key)


SHORT = {
    "dashboard": lazy("Dash"),
    "listings": lazy("List"),
    "inbox": lazy("Inbox"),
    "orders": lazy("Ord"),
    "money": lazy("Money"),
    "charts": lazy("Chart"),
}


def tab_labels(view: GameView | None) -> tuple[tuple[str, str, bool, str, str], ...]:
    """``(key, label, alert, short, tiny)`` for each tab; inbox and orders count what needs you."""
    labels = []
    for i, (key, name) in enumerate(TABS):
        suffix, short_suffix, alert = "", "", False
        waiting = (
            len(view.snapshot.decisions) + len(notices(view)) + len(new_explanations(view))
            if view is not None
            else 0
        )
        if key == "inbox" and waiting:
            suffix, short_suffix, alert = f" ({waiting}!)", f"({waiting}!)", True
        elif view is not None and key == "orders":
            orders = view.snapshot.orders
            late = sum(1 for o in orders if o.late or o.will_be_late)
            if late:
                suffix = _(" ({n} late!)").format(n=late)
                short_suffix, alert = f"({late}!)", True
            else:
                suffix = f" ({len(orders)})"
        n = i + 1
        short = f"{n} {SHORT[key]}{short_suffix}"
        labels.append((key, f"{n} {name}{suffix}", alert, short, f"{n}{short_suffix}"))
    return tuple(labels)

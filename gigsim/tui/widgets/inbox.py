"""Inbox: warnings that need an action, each waiting decision with its facts, deadline,
options and default, and the explanations of what happened for the first time."""

from __future__ import annotations

import datetime as dt
import math

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from gigsim.engine.api import AnswerDecision, DecisionView, Notice, option_text
from gigsim.i18n import _
from gigsim.text.notices import notice_text
from gigsim.text.sentences import DECISION_TITLE, decision_facts
from gigsim.text.units import clock, day, money, until
from gigsim.text.wrap import wrap
from gigsim.tui.messages import ActionRequested
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget

MAX_OPTIONS = 3


class DecisionCard(Vertical):
    """One decision; reused for another when the inbox changes."""

    def __init__(self) -> None:
        super().__init__(classes="card")
        self.decision: int | None = None
        self.options: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(classes="card-title", markup=False)
        yield Static(classes="card-facts", markup=False)
        for _i in range(MAX_OPTIONS):
            yield Button("", compact=True, classes="option")
        yield Static(classes="card-default", markup=False)

    def show(self, d: DecisionView, view: GameView, number: int) -> None:
        self.decision = d.id
        self.options = d.options
        now = view.snapshot.t
        self.query_one(".card-title", Static).update(
            f"{number}. {DECISION_TITLE.get(d.kind, d.kind)}"
        )
        urgent = d.deadline - now < 0.5
        self.set_class(urgent, "-urgent")
        self.query_one(".card-facts", Static).update(
            decision_facts(
                d.info, view.currency, {m.category: _(m.name) for m in view.snapshot.markets}
            )
            + "\n"
            + _("answer by {when} ({until})").format(
                when=clock(d.deadline, view.start), until=until(d.deadline, now)
            )
            + (_(" ! soon") if urgent else "")
        )
        buttons = list(self.query(".option").results(Button))
        for i, button in enumerate(buttons):
            if i < len(d.options):
                opt = d.options[i]
                key = f"({'abc'[i]}) " if number == 1 else ""
                button.label = key + _(option_text(d.kind, opt))
                button.display = True
            else:
                button.display = False
        self.query_one(".card-default", Static).update(
            _("if you do nothing: {option}").format(option=_(option_text(d.kind, d.default)))
        )

    @on(Button.Pressed, ".option")
    def _answer(self, event: Button.Pressed) -> None:
        event.stop()
        buttons = list(self.query(".option").results(Button))
        i = buttons.index(event.button)
        if self.decision is not None and i < len(self.options):
            self.post_message(
                ActionRequested(AnswerDecision(self.decision, self.options[i]), origin="inbox")
            )


NOTICE_DAYS = 62.0  # balance lapsing within two months is announced here


def notices(view: GameView) -> list[str]:
    """Warnings that need no answer but an action: balance about to lapse, in one line."""
    s = view.snapshot
    soon = sorted((t, amount) for amount, t in s.balance_lapses if t - s.t <= NOTICE_DAYS)
    if not soon:
        return []
    t, first = soon[0]
    when = view.start + dt.timedelta(days=math.floor(t + 1e-9))
    total = sum(amount for _, amount in soon)
    cur = view.currency
    lead = (
        _(
            "! {total} of your balance lapses within two months, the first {first} on {day} "
            "({until}): withdraw it on the Money tab (5)."
        )
        if len(soon) > 1
        else _(
            "! {first} of your balance lapses on {day} ({until}): withdraw it on the Money tab (5)."
        )
    )
    return [
        lead.format(
            total=money(total, cur), first=money(first, cur), day=day(when), until=until(t, s.t)
        )
    ]


NEW_DAYS = 14.0  # an explanation is new (counted on the tab) for two weeks after it came
TEXT_WIDTH = 76  # cells of an explanation's line at 80 columns


def explained(view: GameView) -> list[Notice]:
    """The explanations to show, newest first: one of each kind, and of storms the first
    (which explains them) and the latest."""
    shown: dict[str, Notice] = {}
    for n in view.notices:
        shown.setdefault(n.kind, n)
        if n.kind == "storm":
            shown["storm:latest"] = n
    if shown.get("storm:latest") is shown.get("storm"):
        shown.pop("storm:latest", None)
    return sorted(shown.values(), key=lambda n: -n.t)


def new_explanations(view: GameView) -> list[Notice]:
    """The explanations that came in the last two weeks: the tab counts them."""
    now = view.snapshot.t
    return [n for n in explained(view) if now - n.t <= NEW_DAYS]


def explanation_lines(view: GameView) -> str:
    """Each explanation: its heading (with 'new' and its day), then its text, indented."""
    out = []
    now = view.snapshot.t
    for n in explained(view):
        title, body = notice_text(n.kind, dict(n.info), view.currency, view.start)
        when = view.start + dt.timedelta(days=math.floor(n.t + 1e-9))
        head = f"{title} · {day(when)}"
        if now - n.t <= NEW_DAYS:
            head = _("new · {heading}").format(heading=head)
        out.append("\n".join([head, *wrap("  " + body, TEXT_WIDTH, indent="  ")]))
    return "\n\n".join(out)


class Inbox(ViewWidget):
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="inbox-scroll"):
            yield Static("", id="inbox-notices", markup=False)
            yield Static(_("Nothing waiting for you."), id="inbox-empty")
            yield Static(
                _("What happened, explained"), id="inbox-explained-title", classes="heading"
            )
            yield Static("", id="inbox-explained", markup=False)

    def render_view(self, view: GameView) -> None:
        decisions = sorted(view.snapshot.decisions, key=lambda d: d.deadline)
        notes = notices(view)
        box = self.query_one("#inbox-notices", Static)
        box.update("\n".join(notes))
        box.display = bool(notes)
        scroll = self.query_one("#inbox-scroll", VerticalScroll)
        cards = list(scroll.query(DecisionCard).results(DecisionCard))
        while len(cards) < len(decisions):
            card = DecisionCard()
            cards.append(card)
            scroll.mount(card, before="#inbox-explained-title")
        self.query_one("#inbox-empty", Static).display = not decisions and not notes
        text = explanation_lines(view)
        self.query_one("#inbox-explained", Static).update(text)
        self.query_one("#inbox-explained-title").display = bool(text)
        self.query_one("#inbox-explained").display = bool(text)
        for i, card in enumerate(cards):
            if i < len(decisions):
                card.display = True
                if card.is_mounted and card.children:
                    card.show(decisions[i], view, i + 1)
                else:
                    card.call_after_refresh(card.show, decisions[i], view, i + 1)
            else:
                card.display = False
                card.decision = None

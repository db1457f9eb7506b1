"""Help: every key, and what the game is about."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gigsim.i18n import N_, _, lazy

KEYS = lazy("""\
Time
  space      run until something needs you; press again to pause
  d / w / m  advance a day / a week / to the end of the month
Tabs
  1 Dashboard   2 Listings   3 Inbox   4 Orders   5 Money   6 Charts
  ← / →      previous / next tab
  tab / shift+tab move between fields and buttons; enter presses a button
Decisions
  a / b / c  answer the most urgent decision: its 1st / 2nd / 3rd option
  r          rule for public requests: proposes to the ones it covers,
             asks or passes the others (time stops only when it asks)
Game
  h          your hours and profile: evenings, weekends, overtime, reply speed,
             what you disclose about yourself
  p          the platform's rules: fees on your price, escrow, payouts, ranks
  ctrl+n     new game (scenario, name, hours, seed)
  ctrl+s     save now (the game also autosaves at every month end)
  ctrl+o     load a save, or rewind to the start of a past month
  k          luck check: your strategy replayed on other seeds
  ctrl+t     light / dark theme
  ctrl+l     language: English / 日本語      f2  settings (language, theme)
  ctrl+p     command palette (every action by name)
  ? or f1    this help            ctrl+q  quit at once
escape: leaves a field (the game's keys work again), or closes a dialog.

How it works: buyers arrive in every category, search, and choose among
the listings they see, or buy nothing. Your listing starts with no
reviews, so most buyers never see or trust it. Proposals to buyers'
public requests (inbox) are the usual road to a first order. Orders take
your evening hours; take too many and they run late, and late orders cost
stars. Each month's report explains, from the model's own records, why
buyers chose someone else.
""")


LESSON_KEYS = lazy("""\
Lessons and reports
  l          the lesson's card (`gigsim play --lesson N` starts a lesson)
  e          write the report to hand in: Markdown and CSV of your game""")


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", N_("Close")),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(_("gigsim: keys and help  (↑ ↓ scroll · esc closes)"), id="help-title")
            yield Static(str(KEYS), markup=False)
            yield Static(str(LESSON_KEYS), markup=False)

    def action_close(self) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

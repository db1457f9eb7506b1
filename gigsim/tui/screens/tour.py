"""The first-time tour: a few short pages a new game opens with, pointing at the rules view.

Shown once, on a new game (never after a load or a rewind); ``--no-tour`` or
the setting skips it, and so does escape. Its last page opens the platform's
rules (``p``, any time in the game).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gigsim.i18n import N_, _, lazy
from gigsim.scenarios.texts import text as scenario_text
from gigsim.text.wrap import wrap

PAGES = (
    (
        lazy("Welcome: your side gig on {platform}"),
        lazy(
            "You sell a skill on {platform}, a simulated skill marketplace. Buyers find your "
            "listing, or not; orders take your evening hours; the platform holds each buyer's "
            "money until the work is done and keeps its fee. Time runs when you press space."
        ),
    ),
    (
        lazy("The platform's rules (p)"),
        lazy(
            "Press p at any time for {platform}'s rules, worked out on your own price: what "
            "the buyer pays, what the platform keeps, what reaches you and what a withdrawal "
            "costs; escrow, deadlines, payouts and ranks."
        ),
    ),
    (
        lazy("Your inbox (3)"),
        lazy(
            "Decisions wait in the inbox and stop time: a, b or c answers the first. The first "
            "time something happens to you (the money held in escrow, an automatic approval, a "
            "dispute, a storm on social media), the inbox explains it with its numbers."
        ),
    ),
    (
        lazy("Your hours, your profile, your money"),
        lazy(
            "h sets your hours, how fast you reply and how much you disclose about yourself "
            "(more trust, more harassment). The Money tab (5) shows your balance, withdrawals "
            "and this year's profit against the tax threshold. ? lists every key."
        ),
    ),
)
"""(heading, text) of each page; ``{platform}`` is the scenario's platform."""

TEXT_WIDTH = 60


class TourScreen(ModalScreen[bool]):
    """Dismissed with True when the player asks for the rules view next."""

    CSS_PATH = "tour.tcss"
    AUTO_FOCUS = "#tour-next"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", N_("Skip")),
        Binding("p", "rules", N_("Rules")),
        Binding("right", "next", N_("Next"), show=False),
        Binding("left", "back", N_("Back"), show=False),
    ]

    def __init__(self, platform: str) -> None:
        """``platform``: the scenario's platform name, as written (shown translated)."""
        super().__init__()
        self.platform = platform
        self.page = 0

    def compose(self) -> ComposeResult:
        # built from the page on show, so that a change of language draws it again in the new one
        title, text, next_label = self._page()
        with Vertical(id="tour"):
            yield Static(title, id="tour-title", markup=False)
            yield Static(text, id="tour-text", markup=False)
            with Horizontal(id="tour-buttons"):
                yield Button(next_label, id="tour-next", variant="primary", compact=True)
                yield Button(_("Open the rules (p)"), id="tour-rules", compact=True)
                yield Button(_("Skip the tour (esc)"), id="tour-skip", compact=True)

    def _page(self) -> tuple[str, str, str]:
        """(heading, text, the next button's label) of the page on show."""
        heading, body = PAGES[self.page]
        platform = scenario_text(self.platform)
        text = str(body).format(platform=platform)
        if cell_len(text) != len(text):  # Japanese: broken between characters
            text = "\n".join(wrap(text, TEXT_WIDTH))
        title = f"{self.page + 1}/{len(PAGES)}  " + str(heading).format(platform=platform)
        last = self.page == len(PAGES) - 1
        return title, text, _("Start playing") if last else _("Next")

    def show_page(self) -> None:
        title, text, next_label = self._page()
        self.query_one("#tour-title", Static).update(title)
        self.query_one("#tour-text", Static).update(text)
        self.query_one("#tour-next", Button).label = next_label

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "tour-next":
            self.action_next()
        elif event.button.id == "tour-rules":
            self.action_rules()
        else:
            self.action_skip()

    def action_next(self) -> None:
        if self.page < len(PAGES) - 1:
            self.page += 1
            self.show_page()
        else:
            self._close(False)

    def action_back(self) -> None:
        if self.page > 0:
            self.page -= 1
            self.show_page()

    def action_rules(self) -> None:
        self._close(True)

    def action_skip(self) -> None:
        self._close(False)

    def _close(self, rules: bool) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(rules)

"""The platform's rules: fees on your own price, escrow, deadlines, payouts, ranks, conduct.

Built from the scenario's platform and the player's listings when opened (and
again when the language changes); the money is worked out by the model's rules
and the withdrawal by the engine's payout preview (``gigsim.text.platform_rules``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gigsim.i18n import N_, _
from gigsim.model.scenario import Category, Scenario
from gigsim.scenarios.texts import text
from gigsim.text.platform_rules import fee_example, rules_sections
from gigsim.text.wrap import wrap
from gigsim.tui.session import Game
from gigsim.tui.widgets.dashboard import needs_text, rank_line

TEXT_WIDTH = 72
"""Cells a line has inside the dialog at 80 columns (border, padding, indent and scroll bar
aside)."""


@dataclass(frozen=True)
class RulesFacts:
    """What the view is built from: the scenario, the player's listings and standing now."""

    scenario: Scenario
    listings: tuple[tuple[int, int], ...]  # (id, price) of the player's listings shown to buyers
    category: Category  # whose median price is the example when the player has no listing
    withdrawal: tuple[int, dt.date]  # the engine's fee and pay day for the first one's net amount
    rank: tuple[str, str, tuple[str, ...]]  # the player's rank, the next one, what it needs
    disclosure: float


def rules_facts(game: Game) -> RulesFacts:
    """The facts of the rules view for the game as it is now."""
    s = game.view().snapshot
    sc = game.scenario
    listings = tuple((lst.id, lst.price) for lst in s.listings if lst.status != "removed")
    category = next((c for c in sc.categories if c.status == "allowed"), sc.categories[0])
    price = listings[0][1] if listings else category.median_price
    fee, date = game.payout_preview(fee_example(price, sc.platform).to_you)
    return RulesFacts(
        sc,
        listings,
        category,
        (fee, dt.date.fromisoformat(date)),
        (s.rank, s.next_rank, needs_text(s, sc.currency)),
        s.disclosure,
    )


def lines_of(text: str) -> str:
    """``text`` as lines of a section (indented by its style): Japanese broken between
    characters (Textual breaks only at spaces), English left to Textual."""
    if cell_len(text) == len(text):
        return text
    return "\n".join(wrap(text, TEXT_WIDTH))


class RulesScreen(ModalScreen[None]):
    CSS_PATH = "rules.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p,q", "close", N_("Close")),
    ]

    def __init__(self, facts: RulesFacts) -> None:
        super().__init__()
        self.facts = facts

    def compose(self) -> ComposeResult:
        f = self.facts
        sc = f.scenario
        if f.listings:
            prices = [(_("your listing #{id}").format(id=i), price) for i, price in f.listings]
        else:
            name = text(f.category.name)
            prices = [(_("a listing in {category}").format(category=name), f.category.median_price)]
        standing = rank_line(*f.rank)
        sections = rules_sections(sc, prices, f.withdrawal, standing, f.disclosure)
        with Vertical(id="rules"):
            yield Static(
                _("How {platform} works  (↑ ↓ scroll · esc closes)").format(
                    platform=text(sc.platform.name)
                ),
                id="rules-title",
                markup=False,
            )
            with VerticalScroll(id="rules-body"):
                for heading, lines in sections:
                    yield Static(heading, classes="heading", markup=False)
                    for line in lines:
                        yield Static(lines_of(line), classes="rules-text", markup=False)

    def action_close(self) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

"""A running marketplace: the shared state and the subsystems that change it, wired together.

``World`` is the run's ``State`` (``gigsim.engine.state``: the kernel, the
scenario, the calendar, sellers, listings, markets, open orders, decisions)
with one object per part of the market, each given the state and the
collaborators it calls, lowest first:

- ``Work`` (each seller's working time), ``Competitors`` (computer sellers:
  the field, entries, exits, pricing strategies);
- ``Money`` (escrow, settlement, disputes, payouts), ``Risks``
  (harassment, storms, off-platform offers);
- ``Lateness`` (a badly late order's cancellation), then ``Orders`` (the
  order cycle), then ``Buyers`` (arrivals, search, inquiries, requests);
- ``MonthCloser`` (month closes and ranks) and ``SettleEffects`` (what
  follows a settled order), both told of a settled order by the bus;
- ``Firsts`` (the first time each mechanism happens to a player), which
  only listens to the players' events on the bus.

None of them imports this module or a subsystem above it (an import-linter
contract in ``pyproject.toml``). It is driven only through
``gigsim.engine.facade.Engine``; nothing in it prints: the subsystems emit
domain events and update the month's figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from gigsim.engine.buyers import Buyers
from gigsim.engine.competitors import Competitors
from gigsim.engine.controllers import Policy, Review
from gigsim.engine.entities import Listing, Order
from gigsim.engine.firsts import Firsts
from gigsim.engine.lateness import Lateness
from gigsim.engine.money import Money
from gigsim.engine.months import MonthCloser
from gigsim.engine.orders import Orders
from gigsim.engine.risks import Risks
from gigsim.engine.settle_effects import SettleEffects
from gigsim.engine.setup import make_player
from gigsim.engine.state import PLAYER, State
from gigsim.engine.work import Work
from gigsim.model.scenario import Player, Scenario


class World(State):
    """One run: its state and its subsystems, built and started."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        player_policy: tuple[Policy, Review | None] | None,
        competitor_policy: Policy,
        planned_competitors: bool = True,
        humans: Sequence[Player] = (),
    ) -> None:
        """``player_policy`` (its answers and its weekly review) drives the scenario's player
        (None: a human does); each of ``humans`` is one more human-controlled seller in the
        same market. ``competitor_policy`` answers the computer sellers."""
        super().__init__(scenario, seed, competitor_policy, planned_competitors)
        self.work = Work(self)
        self.competitors = Competitors(self)
        self.money = Money(self, self.work)
        self.risks = Risks(self, self.work)
        self.lateness = Lateness(self, self.money)
        self.orders = Orders(self, self.work, self.money, self.lateness)
        self.buyers = Buyers(self, self.work, self.orders)
        # the bus calls what follows a settled order in this order: ranks, then the rest
        self.month_closer = MonthCloser(self, self.money, self.competitors)
        self.effects = SettleEffects(self, self.buyers, self.orders, self.competitors, self.risks)
        self.firsts = Firsts(self)
        make_player(self, self.money, scenario.player, PLAYER, player_policy)
        for n, spec in enumerate(humans, start=2):
            make_player(self, self.money, spec, f"{PLAYER}{n}", None)
        self.competitors.make_all()
        for c in scenario.categories:
            self.buyers.start_arrivals(c)
        self.kernel.start(self.month_closer.run)
        if scenario.mechanisms.risks:
            self.risks.start()

    def place_order(
        self, lst: Listing, btype: str, via: str, price: int | None = None
    ) -> Order | None:
        """A buyer orders from ``lst`` now (``Orders.place``); for tests that set up an order."""
        return self.orders.place(lst, btype, via, price)

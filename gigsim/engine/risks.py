"""The risks of selling in the open: harassment, review storms, off-platform offers, warnings.

Harassing messages come more often the more the seller discloses and cost
hours; a furious one-star buyer may start a storm that keeps buyers away; a
buyer may offer to pay outside the platform, and a seller caught taking it
is warned, the listing taken down, and after enough warnings suspended.
Collaborators: the run's state and ``Work`` (the hours harassment takes).
"""

from __future__ import annotations

from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.accounts import BUYERS
from gigsim.engine.controllers import Books
from gigsim.engine.decisions import DecisionKind
from gigsim.engine.entities import Activity, Order, Seller
from gigsim.engine.state import State
from gigsim.engine.work import Work
from gigsim.i18n import N_
from gigsim.model import market_rules


class Risks:
    def __init__(self, state: State, work: Work) -> None:
        self.w = state
        self.work = work
        self.r = state.sc.market.risks
        self._waits: dict[str, int] = {}  # the number of each player's wait for harassment

    def start(self) -> None:
        """Start the harassment of each player (with the risks mechanism on)."""
        for b in self.w.books:
            self.w.kernel.start(partial(self._harassment_wait, self.w.sellers[b.seller_id], b))

    def _harassment_wait(self, s: Seller, b: Books, wait: int = 0) -> None:
        """Harassing messages arrive more often the more the seller discloses.

        ``wait`` numbers the seller's waits: a change of disclosure starts a new one
        (``disclosure_changed``), and the timers of the old one then do nothing.
        """
        w = self.w
        if self._waits.get(s.id, 0) != wait:
            return
        rate = market_rules.harassment_per_month(self.r, s.disclosure) / market_rules.DAYS_PER_MONTH
        if rate <= 0:
            w.at(market_rules.DAYS_PER_MONTH, partial(self._harassment_wait, s, b, wait))
        else:
            w.at(w.rng("risks").expovariate(rate), partial(self._harassment, s, b, wait))

    def _harassment(self, s: Seller, b: Books, wait: int = 0) -> None:
        w, r = self.w, self.r
        if self._waits.get(s.id, 0) != wait:
            return
        b.emit(ev.HARASSMENT, hours=r.harassment_hours)
        if r.harassment_hours > 0:
            self.work.enqueue(s, self.work.new_item(w.now, r.harassment_hours, Activity.harassment))
        self._harassment_wait(s, b, wait)

    def disclosure_changed(self, s: Seller) -> None:
        """The player's disclosure changed: the wait for harassment starts again at the new rate
        (the waits are memoryless, so this is the exact process at the new rate)."""
        if not self.w.sc.mechanisms.risks:
            return
        wait = self._waits[s.id] = self._waits.get(s.id, 0) + 1
        self._harassment_wait(s, s.books, wait)

    def start_storm(self, s: Seller) -> None:
        """A review storm: buyers stay away from the seller for a while."""
        r = self.r
        s.storm_until = self.w.now + r.storm_days
        s.books.emit(ev.STORM_STARTED, days=r.storm_days, demand_kept=r.storm_demand_factor)

    def after_sale(self, o: Order) -> None:
        """After the player's completed order, the buyer may offer to pay outside next time."""
        w = self.w
        if w.rng("risks").random() < self.r.off_platform_offer_prob:
            self.off_platform_offer(o)

    def off_platform_offer(self, o: Order) -> None:
        """The buyer offers to pay outside the platform next time, to save the fee."""
        w = self.w
        w.request_decision(
            DecisionKind.off_platform_offer,
            o.seller,
            self.r.off_platform_reply_hours,
            {"order": o.id, "amount": o.amount, "listing": o.listing.id},
            partial(self._off_platform_answered, o),
        )

    def _off_platform_answered(self, o: Order, option: str) -> None:
        if option != "accept":
            return
        w = self.w
        b: Books = o.seller.books  # offered only to a followed seller (``after_sale``)
        # the next job is paid in cash outside the platform: no fee, no escrow, no protection
        w.ledger.transfer(BUYERS, b.off_platform, o.amount)
        b.cur.off_platform_income += o.amount
        if w.rng("risks").random() < w.sc.platform.rules.off_platform_detection:
            self.warn(o.seller, N_("accepted payment outside the platform"), o.listing.id)

    def warn(self, s: Seller, reason: str, listing_id: int) -> None:
        """A warning: the listing comes down; enough warnings suspend the account."""
        w = self.w
        b: Books = s.books  # warned only for what a followed seller did
        rules_ = w.sc.platform.rules
        s.warnings += 1
        for lst in s.listings:
            if lst.id == listing_id and lst.status != "removed":
                lst.status = "removed"
                w.markets[lst.category.id].remove(lst)
                b.emit(ev.LISTING_TAKEN_DOWN, listing=lst.id, reason=reason)
        b.emit(ev.ACCOUNT_WARNING, reason=reason, warnings=s.warnings)
        if s.warnings >= rules_.warnings_before_suspension:
            s.suspended_until = w.now + rules_.suspension_days
            b.emit(ev.ACCOUNT_SUSPENDED, days=rules_.suspension_days)
            w.refresh_seller(s)
            w.at(rules_.suspension_days, partial(w.refresh_seller, s))

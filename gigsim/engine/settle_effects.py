"""What follows a settled order: the review, skill, repricing, a repeat buyer, risks.

``SettleEffects`` subscribes to the bus's ``ORDER_SETTLED`` (published by
``Money.settle`` once the ledger has moved), so that the ledger code stays
about money. Collaborators: the run's state, ``Buyers`` (a returning buyer
shops again), ``Orders`` (a computer seller's repeat order), ``Competitors``
(their pricing strategies) and ``Risks`` (storms, off-platform offers).
"""

from __future__ import annotations

from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.buyers import Buyers
from gigsim.engine.competitors import Competitors
from gigsim.engine.entities import Order
from gigsim.engine.orders import Orders
from gigsim.engine.risks import Risks
from gigsim.engine.state import State
from gigsim.model import market_rules, rules

_STAR_KEYS = ("0", "1", "2", "3", "4", "5")  # the review histogram's keys, by stars


class SettleEffects:
    def __init__(
        self,
        state: State,
        buyers: Buyers,
        orders: Orders,
        competitors: Competitors,
        risks: Risks,
    ) -> None:
        self.w = state
        self.buyers = buyers
        self.orders = orders
        self.competitors = competitors
        self.risks = risks
        state.kernel.subscribe(ev.ORDER_SETTLED, self.after_settlement)

    def after_settlement(self, o: Order, cancelled: bool, forced_stars: int | None) -> None:
        w = self.w
        s = o.seller
        mech = w.sc.mechanisms
        stars = None
        if mech.reviews:
            stars = self.review(o, cancelled, forced_stars)
        if cancelled:
            return
        cat = o.listing.category.id
        if mech.skill_growth:
            s.skills[cat] = rules.skill_after_practice(s.skill(cat))
        self.competitors.reprice(s, o)  # a player's strategy is "fixed": they price by actions
        # a review's stars say whether the buyer was satisfied; without one, the experience does
        satisfied = (stars is not None and stars >= market_rules.SATISFIED_STARS) or (
            stars is None
            and market_rules.satisfied(o.extra.get("experience", 0), w.sc.market.satisfaction)
        )
        ch = w.sc.market.choice
        if mech.repeat_buyers and satisfied and w.rng_buyers.random() < ch.repeat_prob:
            delay = w.rng_buyers.expovariate(1.0 / ch.repeat_delay_days)
            w.at(delay, partial(self.repeat_purchase, o))
        if s.books.follows and mech.risks:  # only a follower's buyers offer to pay outside
            self.risks.after_sale(o)

    def review(self, o: Order, cancelled: bool, forced_stars: int | None) -> int | None:
        """The buyer may leave a review: lenient stars, more likely the further the order was
        from expected (a dispute lost may force one star). The stars, posted or not."""
        if forced_stars is not None:
            stars = forced_stars
        elif cancelled:
            return None
        else:
            stars, posted = self._buyers_stars(o)
            if not posted:
                return stars
        self._post(o, stars)
        return stars

    def _buyers_stars(self, o: Order) -> tuple[int, bool]:
        """The stars the buyer's experience is worth, and whether the buyer posts them."""
        w = self.w
        r = w.sc.market.reviews
        rng = w.rng_reviews
        bt = w.sc.market.buyer_types[o.buyer_type]
        first = o.first_delivered_at if o.first_delivered_at is not None else w.now
        taste = rng.gauss(0.0, r.noise)
        if o.first_delivered_at is None:  # nothing delivered: no work to have a taste about
            taste = 0.0
        x = rules.experience_score(
            o.quality, o.days_late(first), o.revisions, bt.strictness, taste, r
        )
        return rules.stars_from_experience(x), rng.random() < rules.review_probability(x, r)

    def _post(self, o: Order, stars: int) -> None:
        """A review posted: the seller's record, the market's histogram, the seller's books;
        a furious one star may start a storm."""
        w = self.w
        s = o.seller
        s.stars_sum += stars
        s.n_reviews += 1
        o.stars = stars
        w.reviews_histogram[_STAR_KEYS[stars]] += 1
        b = s.books
        b.reviewed(o, stars)
        # only a followed seller meets a storm: computer sellers' reviews stay their own
        fury = (
            b.follows
            and stars == 1
            and w.sc.market.buyer_types[o.buyer_type].storms
            and w.sc.mechanisms.risks
        )
        if fury and w.rng_reviews.random() < w.sc.market.risks.storm_prob:
            self.risks.start_storm(s)

    def repeat_purchase(self, o: Order) -> None:
        lst = o.listing
        if not lst.published:
            return
        # a returning buyer shops again, and is won or lost like any
        lst.seller.books.cur.buyers_in_categories += 1
        self.buyers.won(lst, o.buyer_type, via="repeat")

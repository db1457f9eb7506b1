"""One category's shop window: ranked search, attention and logit choice.

Buyers sort a category as platforms let them: recommended (the search
score), cheapest first, or newest first. Listings are kept sorted by search score, updated only when a listing's
score changes (a sale, a review, a rank, becoming full or busy), so a buyer's
visit costs O(positions looked at), not O(listings): a market of thousands of
sellers costs about what a small one does. Each listing caches its choice
weight exp(utility) for the same reason. Utilities are bounded by the
scenario's bounds but may still be far beyond what exp() can take (a steep
delivery coefficient in a category of very short deliveries): a market that
meets one chooses by utilities shifted by the largest instead, the same logit
without overflow.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from gigsim.engine.entities import Listing, Seller, SortKey
from gigsim.model import market_rules
from gigsim.model.market_rules import SAFE_UTILITY, choice_weights, read_rating
from gigsim.model.scenario import Category, Choice, Mechanisms, Search

__all__ = ["SAFE_UTILITY", "CategoryMarket", "Visit", "choice_weights", "read_rating"]

# Lost-buyer reasons: why a buyer did not buy from the player.
NOT_SEEN = "not_seen"
FULL = "full"
PRICE = "price"
TRUST = "trust"
SLOW_REPLY = "slow_reply"
DELIVERY = "delivery_time"
LOSS_REASONS = (NOT_SEEN, FULL, PRICE, TRUST, SLOW_REPLY, DELIVERY)

# How a buyer sorts a category's listings.
RECOMMENDED = "recommended"
PRICE_LOW = "price_low"
NEWEST = "newest"
_COMPONENT_REASON = (PRICE, TRUST, DELIVERY)


def utility_components(
    lst: Listing, cat: Category, ch: Choice, mech: Mechanisms
) -> tuple[float, float, float]:
    """(price, trust, delivery) parts of a listing's utility for a buyer."""
    price = market_rules.price_utility(lst.price, cat, ch) if mech.price_effect else 0.0
    trust = trust_component(lst.seller, ch) if mech.trust_effect else 0.0
    delivery = (
        market_rules.delivery_utility(lst.delivery_days, cat, ch) if mech.price_effect else 0.0
    )
    return (price, trust, delivery)


def trust_component(s: Seller, ch: Choice) -> float:
    """The trust part of a seller's listings' utility (``market_rules.trust_utility``)."""
    return market_rules.trust_utility(
        s.n_reviews, s.stars_sum, s.rank, s.disclosure, s.completion_rate, ch
    )


@dataclass(slots=True)
class Visit:
    """What one buyer saw and chose."""

    chosen: Listing | None
    depth: int
    order: str  # the sort order the buyer looked down


class CategoryMarket:
    """Ranking and choice for one category."""

    def __init__(
        self,
        cat: Category,
        search: Search,
        choice: Choice,
        mech: Mechanisms,
        now: Callable[[], float] = lambda: 0.0,
    ) -> None:
        self.cat = cat
        self.now = now
        self.search = search
        self.choice = choice
        self.mech = mech
        # the three sort orders, as sorted (sort key, listing id, listing) tuples
        self.keys: list[SortKey] = []  # recommended order (search score)
        self.by_price: list[SortKey] = []
        self.by_new: list[SortKey] = []
        self._orders = {RECOMMENDED: self.keys, PRICE_LOW: self.by_price, NEWEST: self.by_new}
        shares = search.sort_shares
        self._sort_shares = [
            (k, shares[k]) for k in (RECOMMENDED, PRICE_LOW, NEWEST) if k in shares
        ]
        self.by_id: dict[int, Listing] = {}
        self.followed: list[Listing] = []
        """Listings of sellers a person follows (players), in the order they were added."""
        self.outside = math.exp(choice.outside_utility) if choice.outside_option else 0.0
        self._outside_u = choice.outside_utility if choice.outside_option else None
        # a listing's utility beyond SAFE_UTILITY: choose by shifted utilities from then on
        self._extreme = False
        self._log_decay = (
            math.log(search.attention_decay) if 0 < search.attention_decay < 1 else None
        )
        # sales leaving the ranking's recent-sales window: (time, seq, listing)
        self._expiring: list[tuple[float, int, Listing]] = []
        self._seq = itertools.count()
        self._ranked = mech.search_ranking

    # -- recent sales -----------------------------------------------------
    def count_sale(self, lst: Listing, expires: float) -> None:
        """A sale counts towards the listing's recent sales until ``expires``."""
        lst.recent_sales += 1
        heapq.heappush(self._expiring, (expires, next(self._seq), lst))
        self.rescore(lst)

    def expire(self, t: float) -> None:
        """Drop sales that left the window by ``t`` and move their listings.

        Done when the ranking is read (a visit, a position, the top listings)
        instead of by a timer per sale: the ranking anyone sees is the same,
        at a fraction of the cost.
        """
        q = self._expiring
        while q and q[0][0] <= t:
            lst = heapq.heappop(q)[2]
            lst.recent_sales -= 1
            self.rescore(lst)

    def sales_in_window(self) -> dict[int, int]:
        """Listing id -> sales still in the window (for checking ``recent_sales``)."""
        counts: dict[int, int] = {}
        for _, _, lst in self._expiring:
            counts[lst.id] = counts.get(lst.id, 0) + 1
        return counts

    # -- scores ---------------------------------------------------------
    def seller_score(self, s: Seller) -> float:
        """The part of the search score that is the seller's record: rating, reviews, completion, rank."""
        ch = self.choice
        read = read_rating(s.stars_sum, s.n_reviews, ch) if s.n_reviews else 0.0
        return market_rules.seller_search_score(
            s.completion_rate, s.rank, s.n_reviews, read, self.search, ch.reviews_saturation
        )

    def score(self, lst: Listing) -> float:
        """Search score: the seller's record (cached by ``refresh``) plus the listing's own terms."""
        return market_rules.listing_search_score(
            lst.base_score,
            lst.recent_sales,
            lst.boosted,
            lst.in_progress >= lst.cap or lst.status == "busy",
            self.search,
        )

    def _place(
        self,
        order: list[SortKey],
        old: SortKey | None,
        new: SortKey | None,
    ) -> None:
        if old == new:
            return
        if old is not None:
            i = bisect.bisect_left(order, old)
            if i < len(order) and order[i] == old:
                del order[i]
        if new is not None:
            bisect.insort(order, new)

    def refresh(self, lst: Listing, t: float) -> None:
        """Recompute a listing's places in the three sort orders and its choice weight."""
        if not lst.published or lst.seller.suspended(t):
            self._place(self.keys, lst.key, None)
            self._place(self.by_price, lst.pkey, None)
            self._place(self.by_new, lst.nkey, None)
            lst.key = lst.pkey = lst.nkey = None
            lst.weight = 0.0
            return
        lst.base_score = self.seller_score(lst.seller)
        key = (-self.score(lst), lst.id, lst)
        self._place(self.keys, lst.key, key)
        lst.key = key
        if lst.pkey is None or lst.pkey[0] != lst.price:
            pkey = (float(lst.price), lst.id, lst)
            self._place(self.by_price, lst.pkey, pkey)
            lst.pkey = pkey
        if lst.nkey is None:
            nkey = (-lst.created, lst.id, lst)
            self._place(self.by_new, lst.nkey, nkey)
            lst.nkey = nkey
        basis = (lst.price, lst.delivery_days)
        if lst.comps_basis != basis:  # price or delivery changed: all three parts
            comps = utility_components(lst, self.cat, self.choice, self.mech)
            lst.comps_basis = basis
        else:  # a settlement or a rank: only trust moves
            trust = trust_component(lst.seller, self.choice) if self.mech.trust_effect else 0.0
            comps = (lst.comps[0], trust, lst.comps[2])
        lst.comps = comps
        u = comps[0] + comps[1] + comps[2]
        if -SAFE_UTILITY <= u <= SAFE_UTILITY:
            lst.weight = math.exp(u)
        else:
            lst.weight = 0.0  # unused: this market now chooses by shifted utilities
            self._extreme = True

    def rescore(self, lst: Listing) -> None:
        """Move a shown listing in the recommended order only (sales, fullness, boost changed).

        Its price, trust and delivery are unchanged, so its choice weight is too.
        """
        if lst.key is not None:
            key = (-self.score(lst), lst.id, lst)
            self._place(self.keys, lst.key, key)
            lst.key = key

    def add(self, lst: Listing, t: float) -> None:
        self.by_id[lst.id] = lst
        if lst.seller.books.follows:  # counted for the buyers it loses
            self.followed.append(lst)
        self.refresh(lst, t)

    def remove(self, lst: Listing) -> None:
        self._place(self.keys, lst.key, None)
        self._place(self.by_price, lst.pkey, None)
        self._place(self.by_new, lst.nkey, None)
        lst.key = lst.pkey = lst.nkey = None
        self.by_id.pop(lst.id, None)

    def position(self, lst: Listing, order: str = RECOMMENDED) -> int | None:
        """Where a listing stands in one sort order (0 = first), None if not shown."""
        self.expire(self.now())
        return self._position(lst, order)

    def _position(self, lst: Listing, order: str) -> int | None:
        if order == RECOMMENDED:
            key = lst.key
        elif order == PRICE_LOW:
            key = lst.pkey
        else:
            key = lst.nkey
        if key is None:
            return None
        return bisect.bisect_left(self._orders[order], key)

    def top(self, n: int) -> list[Listing]:
        self.expire(self.now())
        return [k[2] for k in self.keys[:n]]

    # -- a buyer's visit -----------------------------------------------
    def depth(self, rng: random.Random) -> int:
        if not self.mech.search_ranking:
            return len(self.keys)
        u = 1.0 - rng.random() if self._log_decay is not None else 1.0
        return market_rules.attention_depth(
            u, self._log_decay, self.search.max_depth, len(self.keys)
        )

    def sort_order(self, rng: random.Random) -> str:
        """Which way this buyer sorts the category: recommended, cheapest first or newest first."""
        if not self.mech.search_ranking:
            return RECOMMENDED
        u = rng.random()
        acc = 0.0
        for name, share in self._sort_shares:
            acc += share
            if u < acc:
                return name
        return RECOMMENDED

    def visit(self, rng: random.Random, t: float, storm_factor: float) -> Visit:
        """A buyer sorts the list, looks down it and picks one listing or nothing.

        The busiest code of a run (every buyer comes here), so ``sort_order``
        and ``depth`` are written out in line; they draw the same numbers
        (the depth by ``market_rules.attention_depth``).
        """
        q = self._expiring
        if q and q[0][0] <= t:
            self.expire(t)
        keys = self.keys
        if self._ranked:
            u = rng.random()
            acc = 0.0
            order = RECOMMENDED
            for name, share in self._sort_shares:
                acc += share
                if u < acc:
                    order = name
                    break
            keys = self._orders[order]
            u = 1.0 - rng.random() if self._log_decay is not None else 1.0
            depth = market_rules.attention_depth(
                u, self._log_decay, self.search.max_depth, len(keys)
            )
        else:
            order = RECOMMENDED
            depth = len(keys)
        seen = keys[:depth]
        if self._extreme:
            weights, total = self._shifted_weights(seen, t, storm_factor)
        else:
            total = self.outside
            weights = []
            for k in seen:
                lst = k[2]
                if lst.in_progress < lst.cap:
                    w = lst.weight
                    if lst.seller.storm_until > t:
                        w *= storm_factor
                    total += w
                else:
                    w = 0.0  # a full listing: shown, not buyable
                weights.append(w)
        i = market_rules.pick(weights, total, rng.random()) if total > 0 else None
        return Visit(None if i is None else seen[i][2], depth, order)

    def seen(self, v: Visit, listings: list[Listing]) -> Listing | None:
        """The best-ranked of ``listings`` if the buyer of ``v`` looked that far, else None."""
        seen = None
        best = None
        for lst in listings:
            pos = self._position(lst, v.order)
            if pos is not None and (best is None or pos < best):
                best = pos
                seen = lst if pos < v.depth else None
        return seen

    def _shifted_weights(
        self, seen: list[SortKey], t: float, storm_factor: float
    ) -> tuple[list[float], float]:
        """The visit's weights from utilities (``choice_weights``), for a market of extreme ones."""
        utilities: list[float | None] = []
        for k in seen:
            lst = k[2]
            storm = lst.seller.storm_until > t
            if lst.in_progress >= lst.cap or (storm and storm_factor <= 0):
                utilities.append(None)  # full, or hidden by a storm: not buyable
                continue
            u = lst.comps[0] + lst.comps[1] + lst.comps[2]
            utilities.append(u + math.log(storm_factor) if storm else u)
        return choice_weights(utilities, self._outside_u)

    @staticmethod
    def loss_reason(chosen: Listing | None, pl: Listing | None) -> str:
        """Why a buyer who saw ``pl`` (None: saw none of the seller's) chose ``chosen`` or nothing."""
        if pl is None:
            return NOT_SEEN
        if pl.full:
            return FULL
        ref = chosen.comps if chosen is not None else (0.0, 0.0, 0.0)
        gaps = [r - p for r, p in zip(ref, pl.comps, strict=True)]
        return _COMPONENT_REASON[max(range(3), key=gaps.__getitem__)]

    def reference_price(self, n: int) -> int:
        """Median price of the top ``n`` listings that do not undercut (what undercutters aim below).

        Undercutters are left out so that they chase the leaders' prices, not each other's
        down to the floor.
        """
        prices = sorted(lst.price for lst in self.top(n) if lst.seller.strategy != "undercut")
        if not prices:
            return self.cat.median_price
        return prices[len(prices) // 2]

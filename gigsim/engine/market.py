"""One category's shop window: ranked search, attention and logit choice.

Listings are kept sorted by search score, updated only when a listing's
score changes (a sale, a review, a rank, becoming full or busy), so a buyer's
visit costs O(positions looked at), not O(listings): a market of thousands of
sellers costs about what a small one does. Each listing caches its choice
weight exp(utility) for the same reason.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass

from gigsim.engine.entities import Listing
from gigsim.model.scenario import Category, Choice, Mechanisms, Search

# Lost-buyer reasons (DESIGN.md §1): why a buyer did not buy from the player.
NOT_SEEN = "not_seen"
FULL = "full"
PRICE = "price"
TRUST = "trust"
SLOW_REPLY = "slow_reply"
DELIVERY = "delivery_time"
LOSS_REASONS = (NOT_SEEN, FULL, PRICE, TRUST, SLOW_REPLY, DELIVERY)
_COMPONENT_REASON = (PRICE, TRUST, DELIVERY)


def utility_components(
    lst: Listing, cat: Category, ch: Choice, mech: Mechanisms
) -> tuple[float, float, float]:
    """(price, trust, delivery) parts of a listing's utility for a buyer."""
    price = (
        ch.price_coef * math.log(max(lst.price, 1) / cat.median_price) if mech.price_effect else 0.0
    )
    trust = 0.0
    if mech.trust_effect:
        s = lst.seller
        if s.n_reviews == 0:
            trust = -ch.no_review_penalty
        else:
            trust = ch.reviews_coef * math.log1p(s.n_reviews) + ch.rating_coef * (s.rating - 4.8)
        trust += ch.rank_coef * s.rank + ch.disclosure_coef * (s.disclosure - 0.5)
        trust += ch.completion_coef * (s.completion_rate - 1.0)
    delivery = (
        ch.delivery_coef * (lst.delivery_days / cat.delivery_days - 1.0)
        if mech.price_effect
        else 0.0
    )
    return (price, trust, delivery)


@dataclass(slots=True)
class Visit:
    """What one buyer saw and chose."""

    chosen: Listing | None
    depth: int
    seen_player: Listing | None  # best-ranked player listing the buyer saw
    player_rank: int | None  # its position, if the player has a published listing


class CategoryMarket:
    """Ranking and choice for one category."""

    def __init__(self, cat: Category, search: Search, choice: Choice, mech: Mechanisms) -> None:
        self.cat = cat
        self.search = search
        self.choice = choice
        self.mech = mech
        self.keys: list[tuple[float, int]] = []
        self.by_id: dict[int, Listing] = {}
        self.player_listings: list[Listing] = []
        self.outside = math.exp(choice.outside_utility) if choice.outside_option else 0.0
        self._log_decay = (
            math.log(search.attention_decay) if 0 < search.attention_decay < 1 else None
        )

    # -- scores ---------------------------------------------------------
    def score(self, lst: Listing) -> float:
        s, w = lst.seller, self.search
        score = w.w_recent_sales * math.log1p(lst.recent_sales)
        if s.n_reviews:
            score += w.w_rating * (s.rating - 4.0)
        score += w.w_completion * s.completion_rate + w.w_rank * s.rank
        if lst.boosted:
            score += w.new_boost
        if lst.status == "busy" or lst.full:
            score -= w.busy_penalty
        return score

    def refresh(self, lst: Listing, t: float) -> None:
        """Recompute a listing's place in the ranking and its choice weight."""
        if lst.key is not None:
            i = bisect.bisect_left(self.keys, lst.key)
            if i < len(self.keys) and self.keys[i] == lst.key:
                del self.keys[i]
            lst.key = None
        if not lst.published or lst.seller.suspended(t):
            lst.weight = 0.0
            return
        lst.key = (-self.score(lst), lst.id)
        bisect.insort(self.keys, lst.key)
        comps = utility_components(lst, self.cat, self.choice, self.mech)
        lst.comps = comps
        lst.weight = math.exp(comps[0] + comps[1] + comps[2])

    def add(self, lst: Listing, t: float) -> None:
        self.by_id[lst.id] = lst
        if lst.seller.is_player:
            self.player_listings.append(lst)
        self.refresh(lst, t)

    def remove(self, lst: Listing) -> None:
        if lst.key is not None:
            i = bisect.bisect_left(self.keys, lst.key)
            if i < len(self.keys) and self.keys[i] == lst.key:
                del self.keys[i]
            lst.key = None
        self.by_id.pop(lst.id, None)

    def position(self, lst: Listing) -> int | None:
        if lst.key is None:
            return None
        return bisect.bisect_left(self.keys, lst.key)

    def top(self, n: int) -> list[Listing]:
        by_id = self.by_id
        return [by_id[k[1]] for k in self.keys[:n]]

    # -- a buyer's visit -----------------------------------------------
    def depth(self, rng: random.Random) -> int:
        if not self.mech.search_ranking:
            return len(self.keys)
        if self._log_decay is None:
            return min(len(self.keys), self.search.max_depth)
        u = 1.0 - rng.random()
        d = 1 + int(math.log(u) / self._log_decay)
        return min(d, self.search.max_depth, len(self.keys))

    def visit(self, rng: random.Random, t: float, storm_factor: float) -> Visit:
        """A buyer looks down the list and picks one listing or nothing."""
        depth = self.depth(rng)
        by_id = self.by_id
        seen = [by_id[k[1]] for k in self.keys[:depth]]
        total = self.outside
        weights: list[float] = []
        for lst in seen:
            w = 0.0 if lst.full else lst.weight
            if w and lst.seller.storm_until > t:
                w *= storm_factor
            weights.append(w)
            total += w
        chosen: Listing | None = None
        if total > 0:
            u = rng.random() * total
            acc = 0.0
            for lst, w in zip(seen, weights, strict=True):
                acc += w
                if u < acc:
                    chosen = lst
                    break
        seen_player = None
        player_rank = None
        if self.player_listings:
            for pl in self.player_listings:
                pos = self.position(pl)
                if pos is not None and (player_rank is None or pos < player_rank):
                    player_rank = pos
                    if pos < depth:
                        seen_player = pl
        return Visit(chosen, depth, seen_player, player_rank)

    def loss_reason(self, v: Visit) -> str:
        """Why a buyer who did not buy from the player went elsewhere or nowhere."""
        pl = v.seen_player
        if pl is None:
            return NOT_SEEN
        if pl.full:
            return FULL
        ref = v.chosen.comps if v.chosen is not None else (0.0, 0.0, 0.0)
        gaps = [r - p for r, p in zip(ref, pl.comps, strict=True)]
        return _COMPONENT_REASON[max(range(3), key=gaps.__getitem__)]

    def reference_price(self, n: int = 10) -> int:
        """Median price of the top ``n`` listings (what undercutters aim below)."""
        prices = sorted(lst.price for lst in self.top(n))
        if not prices:
            return self.cat.median_price
        return prices[len(prices) // 2]

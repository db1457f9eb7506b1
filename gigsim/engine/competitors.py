"""Computer sellers: the starting field, entries and exits, and their pricing strategies.

Computer sellers get their own quality, price, hours, cap, strategy and a
review history drawn from a heavy-tailed distribution, so that a few
established sellers dominate from day one, as in real categories. They obey
the platform's moderation like the player: they hold no licences, so they
list only in categories open to an unlicensed seller, at or above the floor
and within the platform's cap. New ones enter each month; an idle one may
leave. Their pricing strategies react to their own progress after each
completed order. Collaborators: the run's state only; it hears of sales on
the bus (``SOLD``).
"""

from __future__ import annotations

import math
import random
from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.calendar import MAX_MONTHS
from gigsim.engine.entities import Order, Seller
from gigsim.engine.rng import poisson
from gigsim.engine.state import State
from gigsim.model import market_rules as mr
from gigsim.model import rules
from gigsim.model.market_rules import DAYS_PER_MONTH
from gigsim.model.scenario import Category, ListingSpec

COMPUTER_LICENCES: frozenset[str] = frozenset()
"""Licences a computer seller holds: none."""


def open_to_competitors(cat: Category) -> bool:
    """Whether the platform lets a computer seller list in ``cat`` at all."""
    return rules.category_refusal(cat, COMPUTER_LICENCES) is None


def _round_price(x: float, cat: Category) -> int:
    step = 100  # ¥100, or $1.00 in cents
    return max(cat.price_floor, round(x / step) * step)


class Competitors:
    def __init__(self, state: State) -> None:
        self.w = state
        state.kernel.subscribe(ev.SOLD, self.on_sale)

    def on_sale(self, s: Seller) -> None:
        """A computer seller sold: its rank is watched, and its idle time starts again."""
        self.w.rank_watch.add(s.id)
        self.schedule_exit_check(s)

    def make_all(self) -> None:
        """The starting field: each open category's computer sellers, with their history."""
        w = self.w
        if not w.sc.mechanisms.competitors:
            return
        rng = w.rng("competitors:setup")
        for cat in w.sc.categories:
            if not open_to_competitors(cat):
                continue
            for _ in range(cat.competitors):
                self.make(cat, rng, new=False)

    def make(self, cat: Category, rng: random.Random, new: bool) -> Seller:
        """A computer seller with one listing in ``cat``, which must be open to computer sellers.

        The steps draw from ``rng`` in this order (a change of it changes every run):
        the review history, the hours, quality, strategy, the seller's own figures, the
        history's rating and sales, the listing's terms, then its recent sales.
        """
        w = self.w
        w.competitor_count += 1
        history = self._history(rng, new)
        hours = self._weekly_hours(rng, history)
        quality = max(
            0.05, min(1.0, rng.gauss(w.sc.competitors.quality_mean, w.sc.competitors.quality_sd))
        )
        strategy = self._strategy(rng)
        s = self._seller(cat, rng, hours, quality, strategy)
        if history:
            self._give_history(s, history, quality, rng)
        spec = self._listing_spec(cat, s, hours, new, rng)
        w.sellers[s.id] = s
        self._start_selling(s, cat, spec, new, rng)
        self.schedule_exit_check(s)
        return s

    def _history(self, rng: random.Random, new: bool) -> int:
        """Reviews received before the run: none for a newcomer, else heavy-tailed (Pareto)."""
        c = self.w.sc.competitors
        if new or rng.random() < c.no_history_share:
            return 0
        return int(
            min(mr.HISTORY_MAX_REVIEWS, c.reviews_scale * rng.paretovariate(c.reviews_alpha))
        )

    def _weekly_hours(self, rng: random.Random, history: int) -> float:
        """Hours a week: sellers with a long record are the ones who give the work more hours."""
        c = self.w.sc.competitors
        return (
            c.weekly_hours_mean
            * math.exp(rng.gauss(mr.HOURS_LOG_MEAN, mr.HOURS_LOG_SD))
            * (1 + mr.HOURS_PER_LOG_REVIEW * math.log1p(history))
        )

    def _strategy(self, rng: random.Random) -> str:
        """A pricing strategy, drawn by the scenario's shares (``fixed`` if they fall short)."""
        u = rng.random()
        acc = 0.0
        for name, share in self.w.sc.competitors.strategies.items():
            acc += share
            if u < acc:
                return name
        return "fixed"

    def _seller(
        self, cat: Category, rng: random.Random, hours: float, quality: float, strategy: str
    ) -> Seller:
        """The seller: their schedule from the weekly hours, reply time, disclosure and ID."""
        w = self.w
        weekday = min(mr.MAX_WEEKDAY_HOURS, hours * mr.WEEKDAY_HOURS_SHARE / 5.0)
        weekend = min(mr.MAX_WEEKEND_HOURS, hours * (1.0 - mr.WEEKDAY_HOURS_SHARE) / 2.0)
        normal, ot = w.schedule_for(weekday, weekend, hours * mr.OVERTIME_SHARE, False)
        return Seller(
            id=f"c{w.competitor_count}",
            name=f"Seller {w.competitor_count}",
            schedule=normal,
            overtime=ot,
            reply_hours=w.sc.competitors.reply_hours * math.exp(rng.gauss(0.0, mr.REPLY_LOG_SD)),
            disclosure=rng.random(),
            id_verified=rng.random() < mr.ID_VERIFIED_SHARE,
            licences=COMPUTER_LICENCES,
            skills={cat.id: quality},
            strategy=strategy,
            books=w.no_books,
        )

    @staticmethod
    def _give_history(s: Seller, n: int, quality: float, rng: random.Random) -> None:
        """``n`` reviews before the run, rated by quality with noise, and the sales behind them."""
        gauss = rng.gauss(0.0, mr.RATING_SD)
        avg = max(mr.RATING_MIN, min(5.0, mr.RATING_BASE + mr.RATING_PER_QUALITY * quality + gauss))
        s.n_reviews = n
        s.stars_sum = round(avg * n)
        s.sales_ever = round(n / mr.REVIEWS_PER_SALE)
        s.completed = s.sales_ever
        s.cancelled = int(s.sales_ever * rng.uniform(0.0, mr.CANCELLED_MAX_SHARE))

    def _listing_spec(
        self, cat: Category, s: Seller, hours: float, new: bool, rng: random.Random
    ) -> ListingSpec:
        """The listing's price, hours per order, delivery and cap, within the platform's rules."""
        w = self.w
        c = w.sc.competitors
        n = w.competitor_count
        price = _round_price(cat.median_price * math.exp(rng.gauss(0.0, c.price_sigma)), cat)
        if s.strategy == "undercut" and new:
            price = self.undercut_price(cat)
        s.base_price = price
        hpo = cat.hours_per_order * math.exp(rng.gauss(0.0, mr.HOURS_PER_ORDER_LOG_SD))
        delivery = max(
            mr.MIN_DELIVERY_DAYS,
            round(cat.delivery_days * math.exp(rng.gauss(0.0, mr.DELIVERY_LOG_SD))),
        )
        max_cap = w.sc.platform.rules.max_cap
        cap = mr.competitor_cap(hours, hpo, delivery, c, max_cap)
        refusal = rules.moderation_problem(cat, price, cap, max_cap, s.licences)
        if refusal is not None:  # a bug: the draws above stay within the platform's rules
            raise AssertionError(f"computer seller {s.id} refused in {cat.id}: {refusal}")
        # built from values drawn within their bounds here, so validation is skipped (fast start-up)
        return ListingSpec.model_construct(
            category=cat.id,
            title=f"{cat.name} by seller {n}",
            price=price,
            delivery_days=delivery,
            hours_per_order=hpo,
            cap=cap,
        )

    def _start_selling(
        self, s: Seller, cat: Category, spec: ListingSpec, new: bool, rng: random.Random
    ) -> None:
        """An established seller's recent momentum and starting rank; the listing goes up."""
        w = self.w
        recent = 0
        if s.sales_ever:
            recent = int(s.sales_ever * rng.uniform(0.0, mr.RECENT_MAX_SHARE))
            s.rank = self._initial_rank(s, recent, spec.price)
        idle = mr.LAST_SALE_MAX_DAYS_ACTIVE if recent else mr.LAST_SALE_MAX_DAYS_IDLE
        s.last_sale = w.now - rng.uniform(0.0, idle)
        lst = w.add_listing(s, cat, spec, boosted=new)
        if recent:
            lst.sold = 0
            window = w.sc.market.search.sales_window_days
            market = w.markets[cat.id]
            for _ in range(recent):
                market.count_sale(lst, w.now + rng.uniform(0.0, window))
            w.refresh(lst)
            w.rank_watch.add(s.id)

    def _initial_rank(self, s: Seller, recent: int, price: int) -> int:
        w = self.w
        if not w.sc.mechanisms.ranks:
            return 0
        months = w.sc.platform.rank_window_months
        stats = rules.RankWindow(
            sales_ever=s.sales_ever,
            sales_in_window=recent * months,
            amount_in_window=recent * months * price,
            completion_rate=s.completion_rate,
            rating=s.rating,
            id_verified=s.id_verified,
        )
        return rules.evaluate_rank(w.sc.platform.ranks, stats, 0)

    def entries(self) -> None:
        """New computer sellers enter each category the platform opens to them."""
        w = self.w
        rng = w.rng("competitors:entry")
        for cat in w.sc.categories:
            if not open_to_competitors(cat):
                continue  # banned, or a licence no computer seller holds
            for _ in range(poisson(rng, w.sc.competitors.entries_per_month)):
                s = self.make(cat, rng, new=True)
                w.emit(
                    ev.COMPETITOR_ENTERED, seller=s.id, category=cat.id, price=s.listings[0].price
                )

    def schedule_exit_check(self, s: Seller) -> None:
        """An idle computer seller may leave: at most one pending timer per seller, not one a month."""
        w = self.w
        c = w.sc.competitors
        if s.exit_pending or not w.sc.mechanisms.competitors or c.exit_prob <= 0:
            return
        s.exit_pending = True
        rng = w.rng("competitors:exit")
        # idle months before the seller leaves: geometric, with log1p so that a tiny
        # exit_prob does not round 1 - p to 1 (a division by zero)
        span = math.log(1.0 - rng.random()) / math.log1p(-c.exit_prob) if c.exit_prob < 1 else 0.0
        if not span < MAX_MONTHS:
            return  # so tiny an exit_prob that the seller outstays the longest game
        months = 1 + int(span)
        # nobody leaves before the market has run a month, however long they were idle before
        month = DAYS_PER_MONTH
        at = max(w.now + month, s.last_sale + c.exit_idle_days) + month * (months - 1)
        w.at(at - w.now, partial(self._exit_check, s, s.last_sale))

    def _exit_check(self, s: Seller, marker: float) -> None:
        """The seller leaves if it has not sold since ``marker`` and holds no order."""
        s.exit_pending = False
        if s.left:
            return
        if s.last_sale != marker or any(lst.in_progress for lst in s.listings):
            self.schedule_exit_check(s)  # sold since: idle time counts from the last sale
            return
        s.left = True
        w = self.w
        for lst in s.listings:
            w.markets[lst.category.id].remove(lst)
        w.emit(ev.COMPETITOR_LEFT, seller=s.id, sales=sum(lst.sold for lst in s.listings))

    def reprice(self, s: Seller, o: Order) -> None:
        """Computer sellers' pricing strategies react to their own progress."""
        lst = o.listing
        if s.strategy == "raise_with_reviews":
            lst.price = mr.raised_price(lst.price, s.base_price, s.completed, self.w.sc.competitors)
        elif s.strategy == "undercut":
            lst.price = self.undercut_price(lst.category)

    def undercut_price(self, cat: Category) -> int:
        w = self.w
        """Under the leaders' price, but not under the seller's wage floor (``market_rules.undercut_price``)."""
        ref = w.markets[cat.id].reference_price(w.sc.competitors.undercut_reference_top)
        return mr.undercut_price(ref, cat, w.sc.competitors)

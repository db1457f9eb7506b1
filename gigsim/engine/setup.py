"""Building the starting market: the player's seller and the computer sellers.

Computer sellers get their own quality, price, hours, cap, strategy and a
review history drawn from a heavy-tailed distribution, so that a few
established sellers dominate from day one, as in real categories. They obey
the platform's moderation like the player: they hold no licences, so they
list only in categories open to an unlicensed seller, at or above the floor
and within the platform's cap.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

from gigsim.engine import events as ev
from gigsim.engine.entities import Listing, Seller
from gigsim.engine.money import OPENING, P_BALANCE
from gigsim.engine.settle_effects import undercut_price
from gigsim.model import market_rules as mr
from gigsim.model import rules
from gigsim.model.scenario import Category, ListingSpec

if TYPE_CHECKING:
    from gigsim.engine.world import World


def make_player(w: World) -> Seller:
    p = w.sc.player
    normal, ot = w.schedule_for(
        p.hours.weekday, p.hours.weekend, p.hours.overtime_per_week, p.hours.always
    )
    s = Seller(
        id="player",
        name=p.name,
        is_player=True,
        schedule=normal,
        overtime=ot,
        reply_hours=p.reply_hours,
        disclosure=p.disclosure,
        id_verified=p.id_verified,
        licences=frozenset(p.licences),
        skills={c.id: p.skills.get(c.id, 0.5) for c in w.sc.categories},
    )
    s.hours_spec = (p.hours.weekday, p.hours.weekend, p.hours.overtime_per_week)
    w.sellers[s.id] = s
    w.player = s
    if p.balance:
        w.ledger.transfer(OPENING, P_BALANCE, p.balance)
        w.money._new_lot(p.balance)
    for spec in p.listings:
        publish(w, spec)
    return s


def publish(w: World, spec: ListingSpec) -> tuple[Listing | None, str | None]:
    """Moderation answers at once: a refused listing is never shown to buyers."""
    s = w.player
    try:
        cat = w.sc.category(spec.category)
    except KeyError:
        problem = f"unknown category {spec.category!r}"
        w.emit(ev.LISTING_REFUSED, category=spec.category, title=spec.title, reason=problem)
        return None, problem
    refusal = rules.moderation_problem(
        cat, spec.price, spec.cap, w.sc.platform.rules.max_cap, s.licences
    )
    if refusal:
        problem = refusal
        w.emit(ev.LISTING_REFUSED, category=spec.category, title=spec.title, reason=problem)
        return None, problem
    lst = w.add_listing(s, cat, spec, boosted=True)
    w.emit(
        ev.LISTING_PUBLISHED,
        listing=lst.id,
        category=cat.id,
        title=lst.title,
        price=lst.price,
        cap=lst.cap,
        delivery_days=lst.delivery_days,
        status=lst.status,
    )
    return lst, None


COMPUTER_LICENCES: frozenset[str] = frozenset()
"""Licences a computer seller holds: none."""


def open_to_competitors(cat: Category) -> bool:
    """Whether the platform lets a computer seller list in ``cat`` at all."""
    return rules.category_refusal(cat, COMPUTER_LICENCES) is None


def make_competitors(w: World) -> None:
    if not w.sc.mechanisms.competitors:
        return
    rng = w.rng("competitors:setup")
    for cat in w.sc.categories:
        if not open_to_competitors(cat):
            continue
        for _ in range(cat.competitors):
            make_competitor(w, cat, rng, new=False)


def _round_price(x: float, cat: Category, currency: str) -> int:
    step = 100  # ¥100, or $1.00 in cents
    return max(cat.price_floor, round(x / step) * step)


def make_competitor(w: World, cat: Category, rng: random.Random, new: bool) -> Seller:
    """A computer seller with one listing in ``cat``, which must be open to computer sellers."""
    c = w.sc.competitors
    w.competitor_count += 1
    sid = f"c{w.competitor_count}"
    history = 0
    if not new and rng.random() >= c.no_history_share:
        history = int(
            min(mr.HISTORY_MAX_REVIEWS, c.reviews_scale * rng.paretovariate(c.reviews_alpha))
        )
    # sellers with a long record are the ones who give the work more hours
    hours = (
        c.weekly_hours_mean
        * math.exp(rng.gauss(mr.HOURS_LOG_MEAN, mr.HOURS_LOG_SD))
        * (1 + mr.HOURS_PER_LOG_REVIEW * math.log1p(history))
    )
    weekday = min(mr.MAX_WEEKDAY_HOURS, hours * mr.WEEKDAY_HOURS_SHARE / 5.0)
    weekend = min(mr.MAX_WEEKEND_HOURS, hours * (1.0 - mr.WEEKDAY_HOURS_SHARE) / 2.0)
    normal, ot = w.schedule_for(weekday, weekend, hours * mr.OVERTIME_SHARE, False)
    quality = max(0.05, min(1.0, rng.gauss(c.quality_mean, c.quality_sd)))
    u = rng.random()
    strategy = "fixed"
    acc = 0.0
    for name, share in c.strategies.items():
        acc += share
        if u < acc:
            strategy = name
            break
    s = Seller(
        id=sid,
        name=f"Seller {w.competitor_count}",
        is_player=False,
        schedule=normal,
        overtime=ot,
        reply_hours=c.reply_hours * math.exp(rng.gauss(0.0, mr.REPLY_LOG_SD)),
        disclosure=rng.random(),
        id_verified=rng.random() < mr.ID_VERIFIED_SHARE,
        licences=COMPUTER_LICENCES,
        skills={cat.id: quality},
        strategy=strategy,
    )
    if history:
        n = history
        avg = max(
            mr.RATING_MIN,
            min(
                5.0, mr.RATING_BASE + mr.RATING_PER_QUALITY * quality + rng.gauss(0.0, mr.RATING_SD)
            ),
        )
        s.n_reviews = n
        s.stars_sum = round(avg * n)
        s.sales_ever = round(n / mr.REVIEWS_PER_SALE)
        s.completed = s.sales_ever
        s.cancelled = int(s.sales_ever * rng.uniform(0.0, mr.CANCELLED_MAX_SHARE))
    price = _round_price(
        cat.median_price * math.exp(rng.gauss(0.0, c.price_sigma)), cat, w.sc.currency
    )
    if strategy == "undercut" and new:
        price = undercut_price(w, cat)
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
        raise AssertionError(f"computer seller {sid} refused in {cat.id}: {refusal}")
    # built from values drawn within their bounds here, so validation is skipped (fast start-up)
    spec = ListingSpec.model_construct(
        category=cat.id,
        title=f"{cat.name} by seller {w.competitor_count}",
        price=price,
        delivery_days=delivery,
        hours_per_order=hpo,
        cap=cap,
    )
    w.sellers[sid] = s
    if s.sales_ever:
        # an established seller's recent momentum and starting rank
        recent = int(s.sales_ever * rng.uniform(0.0, mr.RECENT_MAX_SHARE))
        s.rank = _initial_rank(w, s, recent, price)
    else:
        recent = 0
    s.last_sale = w.now - (
        rng.uniform(0.0, mr.LAST_SALE_MAX_DAYS_ACTIVE)
        if recent
        else rng.uniform(0.0, mr.LAST_SALE_MAX_DAYS_IDLE)
    )
    lst = w.add_listing(s, cat, spec, boosted=new)
    if recent:
        lst.sold = 0
        window = w.sc.market.search.sales_window_days
        market = w.markets[cat.id]
        for _ in range(recent):
            market.count_sale(lst, w.now + rng.uniform(0.0, window))
        w.refresh(lst)
        w.rank_watch.add(sid)
    w.month_closer.schedule_exit_check(s)
    return s


def _initial_rank(w: World, s: Seller, recent: int, price: int) -> int:
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

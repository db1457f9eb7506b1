"""What follows a settled order: the review, skill, pricing strategy, repeat buyers, risks.

Kept apart from ``money`` so that the ledger code stays about money.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from gigsim.engine import events as ev
from gigsim.engine.decisions import DecisionKind
from gigsim.engine.entities import Order, Seller
from gigsim.engine.money import BUYERS, P_OFF
from gigsim.model import market_rules, rules
from gigsim.model.scenario import Category

if TYPE_CHECKING:
    from gigsim.engine.world import World


_STAR_KEYS = ("0", "1", "2", "3", "4", "5")  # the review histogram's keys, by stars


def after_settlement(w: World, o: Order, cancelled: bool, forced_stars: int | None) -> None:
    s = o.seller
    mech = w.sc.mechanisms
    stars = None
    if mech.reviews:
        stars = review(w, o, cancelled, forced_stars)
    if cancelled:
        return
    cat = o.listing.category.id
    if mech.skill_growth:
        s.skills[cat] = rules.skill_after_practice(s.skill(cat))
    if not s.is_player:
        reprice(w, s, o)
    # a review's stars say whether the buyer was satisfied; without one, the experience does
    satisfied = (stars is not None and stars >= market_rules.SATISFIED_STARS) or (
        stars is None
        and market_rules.satisfied(o.extra.get("experience", 0), w.sc.market.satisfaction)
    )
    if mech.repeat_buyers and satisfied and w.rng_buyers.random() < w.sc.market.choice.repeat_prob:
        delay = w.rng_buyers.expovariate(1.0 / w.sc.market.choice.repeat_delay_days)
        w.at(delay, partial(repeat_purchase, w, o))
    if (
        s.is_player
        and mech.risks
        and w.rng("risks").random() < w.sc.market.risks.off_platform_offer_prob
    ):
        off_platform_offer(w, o)


def review(w: World, o: Order, cancelled: bool, forced_stars: int | None) -> int | None:
    """The buyer may leave a review: lenient stars, more likely the further the order was from expected."""
    r = w.sc.market.reviews
    rng = w.rng_reviews
    s = o.seller
    if forced_stars is not None:
        stars = forced_stars
    elif cancelled:
        return None
    else:
        bt = w.sc.market.buyer_types[o.buyer_type]
        first = o.first_delivered_at if o.first_delivered_at is not None else w.now
        taste = rng.gauss(0.0, r.noise)
        if o.first_delivered_at is None:  # nothing delivered: no work to have a taste about
            taste = 0.0
        x = rules.experience_score(
            o.quality, o.days_late(first), o.revisions, bt.strictness, taste, r
        )
        stars = rules.stars_from_experience(x)
        if rng.random() >= rules.review_probability(x, r):
            return stars
    s.stars_sum += stars
    s.n_reviews += 1
    o.stars = stars
    w.reviews_histogram[_STAR_KEYS[stars]] += 1
    if s.is_player:
        w.cur.new_reviews += 1
        w.cur.stars_sum_new += stars
        w.emit(
            ev.REVIEW_POSTED,
            order=o.id,
            stars=stars,
            rating=round(s.rating, 3),
            reviews=s.n_reviews,
        )
        fury = stars == 1 and w.sc.market.buyer_types[o.buyer_type].storms and w.sc.mechanisms.risks
        if fury and rng.random() < w.sc.market.risks.storm_prob:
            w.start_storm(s)
    return stars


def reprice(w: World, s: Seller, o: Order) -> None:
    """Computer sellers' pricing strategies react to their own progress."""
    lst = o.listing
    if s.strategy == "raise_with_reviews":
        lst.price = market_rules.raised_price(
            lst.price, s.base_price, s.completed, w.sc.competitors
        )
    elif s.strategy == "undercut":
        lst.price = undercut_price(w, lst.category)


def undercut_price(w: World, cat: Category) -> int:
    """Under the leaders' price, but not under the seller's wage floor (``market_rules.undercut_price``)."""
    ref = w.markets[cat.id].reference_price(w.sc.competitors.undercut_reference_top)
    return market_rules.undercut_price(ref, cat, w.sc.competitors)


def repeat_purchase(w: World, o: Order) -> None:
    lst = o.listing
    if not lst.published:
        return
    if lst.seller.is_player:  # a returning buyer shops again, and is won or lost like any
        w.cur.buyers_in_categories += 1
        w.buyers.won(lst, o.buyer_type, via="repeat")
    else:
        w.place_order(lst, o.buyer_type, via="repeat")


def off_platform_offer(w: World, o: Order) -> None:
    """The buyer offers to pay outside the platform next time, to save the fee."""
    s = o.seller

    def answered(option: str) -> None:
        if option != "accept":
            return
        # the next job is paid in cash outside the platform: no fee, no escrow, no protection
        w.ledger.transfer(BUYERS, P_OFF, o.amount)
        w.cur.off_platform_income += o.amount
        if w.rng("risks").random() < w.sc.platform.rules.off_platform_detection:
            warn(w, s, "accepted payment outside the platform", o.listing.id)

    w.request_decision(
        DecisionKind.off_platform_offer,
        s,
        w.sc.market.risks.off_platform_reply_hours,
        {"order": o.id, "amount": o.amount, "listing": o.listing.id},
        answered,
    )


def warn(w: World, s: Seller, reason: str, listing_id: int) -> None:
    rules_ = w.sc.platform.rules
    s.warnings += 1
    for lst in s.listings:
        if lst.id == listing_id and lst.status != "removed":
            lst.status = "removed"
            w.markets[lst.category.id].remove(lst)
            w.emit(ev.LISTING_TAKEN_DOWN, listing=lst.id, reason=reason)
    w.emit(ev.ACCOUNT_WARNING, reason=reason, warnings=s.warnings)
    if s.warnings >= rules_.warnings_before_suspension:
        s.suspended_until = w.now + rules_.suspension_days
        w.emit(ev.ACCOUNT_SUSPENDED, days=rules_.suspension_days)
        w.refresh_seller(s)
        w.at(rules_.suspension_days, partial(w.refresh_seller, s))

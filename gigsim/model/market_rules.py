"""How buyers and sellers act, as plain functions: demand, search, choice, disappointment,
disputes, work and computer sellers' prices.

The companion of ``gigsim.model.rules`` (the platform's fees, moderation,
reviews and ranks): every number these rules use is a scenario field, so a
teacher can change it, and each function takes scenario parts and plain
numbers and returns plain numbers, testable without SimPy. The engine calls
them on its hot paths, so they stay small and do their arithmetic in the
order the engine's results depend on.

Must not import SimPy, the engine or Textual.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from gigsim.model.scenario import (
    BuyerType,
    Category,
    Choice,
    Competitors,
    Disputes,
    Market,
    Risks,
    Satisfaction,
    Search,
)

DAYS_PER_YEAR = 365.0
"""Days over which market growth compounds once (``Market.growth_per_year``)."""
DAYS_PER_MONTH = 30.0
"""Days of a month where a rate is given per month (harassment incidents)."""
SAFE_UTILITY = 600.0
"""Largest size of a utility used in exp() as it is: a thousand exp(600) still sum to a float."""

# --------------------------------------------------------------------------
# Demand
# --------------------------------------------------------------------------


def growth_factor(m: Market, t: float) -> float:
    """How many times the buyers of day 0 the market brings at ``t`` (days): yearly growth."""
    return (1.0 + m.growth_per_year) ** (t / DAYS_PER_YEAR)


def arrival_factor(m: Market, weekday: int, month: int, t: float) -> float:
    """Multiplier of a category's buyers a day at time ``t`` (days), on ``weekday`` (0 = Monday)
    of calendar ``month`` (0 = January): weekday factor × month factor × yearly growth."""
    return m.weekday_factors[weekday] * m.month_factors[month] * growth_factor(m, t)


# --------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------


def seller_search_score(
    completion_rate: float,
    rank: int,
    n_reviews: int,
    read: float,
    s: Search,
    reviews_saturation: int,
) -> float:
    """The seller's part of a listing's search score: completion, rank and, with reviews,
    the read rating above ``s.rating_reference`` and the number of reviews (saturating)."""
    score = s.w_completion * completion_rate + s.w_rank * rank
    if n_reviews:
        score += s.w_rating * (read - s.rating_reference)
        score += s.w_reviews * math.log1p(min(n_reviews, reviews_saturation))
    return score


def listing_search_score(
    seller_part: float, recent_sales: int, boosted: bool, full_or_busy: bool, s: Search
) -> float:
    """A listing's search score: the seller's part, recent sales, the new listing's boost and the
    penalty of a listing that is full or marked busy."""
    score = seller_part + s.w_recent_sales * math.log1p(recent_sales)
    if boosted:
        score += s.new_boost
    if full_or_busy:
        score -= s.busy_penalty
    return score


def attention_depth(u: float, log_decay: float | None, max_depth: int, shown: int) -> int:
    """Positions a buyer looks at, from a uniform draw ``u`` in (0, 1].

    Each further position is looked at with probability ``attention_decay``
    (``log_decay`` is its log; None when it is 0 or 1, and then the buyer
    looks ``max_depth`` deep): a geometric depth from 1, at most ``max_depth``
    and the ``shown`` listings.
    """
    if log_decay is None:
        return min(shown, max_depth)
    d = 1 + int(math.log(u) / log_decay)
    return min(d, max_depth, shown)


# --------------------------------------------------------------------------
# Choice
# --------------------------------------------------------------------------


def read_rating(stars_sum: int, n: int, ch: Choice) -> float:
    """The rating as buyers read it: an average of few reviews is pulled towards the prior.

    This is why one or two negatives on a new profile barely move demand,
    while a long record speaks for itself.
    """
    k = ch.rating_prior_weight
    return (stars_sum + k * ch.rating_prior) / (n + k) if n + k > 0 else ch.rating_prior


def price_utility(price: int, cat: Category, ch: Choice) -> float:
    """Utility of a price: ``price_coef`` per unit of log(price / category median)."""
    return ch.price_coef * math.log(max(price, 1) / cat.median_price)


def delivery_utility(days: float, cat: Category, ch: Choice) -> float:
    """Utility of a delivery time: ``delivery_coef`` per unit of (days / category days - 1)."""
    return ch.delivery_coef * (days / cat.delivery_days - 1.0)


def trust_utility(
    n_reviews: int,
    stars_sum: int,
    rank: int,
    disclosure: float,
    completion_rate: float,
    ch: Choice,
) -> float:
    """Utility of a seller's record: reviews (or the cold-start penalty without any), the read
    rating against ``rating_reference``, rank, disclosure against ``disclosure_reference``
    and the completion rate below 1."""
    if n_reviews == 0:
        trust = -ch.no_review_penalty
    else:
        n = min(n_reviews, ch.reviews_saturation)
        trust = ch.reviews_coef * math.log1p(n) + ch.rating_coef * (
            read_rating(stars_sum, n_reviews, ch) - ch.rating_reference
        )
    trust += ch.rank_coef * rank + disclosure_utility(disclosure, ch)
    trust += ch.completion_coef * (completion_rate - 1.0)
    return trust


def disclosure_utility(disclosure: float, ch: Choice) -> float:
    """Trust a seller's disclosure (0–1) adds: ``disclosure_coef`` per unit above
    ``disclosure_reference`` (negative below it)."""
    return ch.disclosure_coef * (disclosure - ch.disclosure_reference)


def disclosure_odds(disclosure: float, ch: Choice) -> float:
    """How many times as often buyers pick a seller at ``disclosure`` as one at the reference,
    all else equal: the logit weight's factor, exp(``disclosure_utility``)."""
    return math.exp(disclosure_utility(disclosure, ch))


def harassment_per_month(r: Risks, disclosure: float) -> float:
    """Harassment incidents a month a seller at ``disclosure`` (0–1) meets."""
    return r.harassment_per_month * disclosure


def choice_weights(
    utilities: Sequence[float | None], outside: float | None
) -> tuple[list[float], float]:
    """Logit weights of the options (None: not available) and their total with the outside option.

    Utilities are used as they are while the largest is within
    ±``SAFE_UTILITY`` (the usual case, with the very numbers of the cached
    weights); beyond, every utility is shifted by the largest, which keeps
    the probabilities and never overflows. ``outside`` is the outside
    option's utility, or None when buyers must buy.
    """
    top = max((u for u in utilities if u is not None), default=None)
    if outside is not None:
        top = outside if top is None else max(top, outside)
    shift = top if top is not None and abs(top) > SAFE_UTILITY else 0.0
    total = math.exp(outside - shift) if outside is not None else 0.0
    weights: list[float] = []
    for u in utilities:
        w = 0.0 if u is None else math.exp(u - shift)
        weights.append(w)
        total += w
    return weights, total


def pick(weights: Sequence[float], total: float, u: float) -> int | None:
    """The option a buyer takes: its index by the weights, or None for the outside option.

    The one choice rule of a buyer, in search (``CategoryMarket.visit``) and
    among a public request's proposals: ``weights`` are the options' logit
    weights (``choice_weights``, or the cached ones), ``total`` their sum with
    the outside option's weight, ``u`` a uniform draw in [0, 1).
    """
    if total <= 0:
        return None
    target = u * total
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        if target < acc:
            return i
    return None


def quote_acceptance(markup: float, ch: Choice, price_effect: bool) -> float:
    """Chance a buyer accepts a quote ``markup`` times the listed price: the logit odds of the
    dearer price against the listed one (1 without a price effect)."""
    return math.exp(ch.price_coef * math.log(markup)) if price_effect else 1.0


def request_budget(log_deviation: float, cat: Category) -> int:
    """A public request's budget: the category median times exp(``log_deviation``) (a normal
    draw of sd ``Choice.request_budget_sigma``), rounded to 100 minor units, at least the
    category's floor."""
    budget = cat.median_price * math.exp(log_deviation)
    return max(cat.price_floor, round(budget / 100.0) * 100)


# --------------------------------------------------------------------------
# Disappointment, revisions, disputes, cancellations
# --------------------------------------------------------------------------


SATISFIED_STARS = 4
"""A buyer who gives at least this many stars was satisfied (and may come back); without a
review, ``satisfied`` decides from the experience score."""


def satisfied(experience: float, sat: Satisfaction) -> bool:
    """Whether a buyer with this experience score is satisfied (comes back, asks and disputes less)."""
    return experience >= sat.satisfied_from


def revision_chance(bt: BuyerType, disappointed: bool, sat: Satisfaction) -> float:
    """Chance a buyer of type ``bt`` sends a delivery back for revision."""
    return min(1.0, bt.revision_prob * (sat.revision_factor if disappointed else 1.0))


def dispute_chance(bt: BuyerType, disappointed: bool, sat: Satisfaction) -> float:
    """Chance a buyer of type ``bt`` opens a dispute at delivery."""
    return min(1.0, bt.dispute_prob * (sat.dispute_factor if disappointed else 1.0))


def contest_win_chance(
    d: Disputes, delivered: bool, on_time: bool, quality: float, bt: BuyerType
) -> float:
    """Chance a contesting seller is paid in full: the evidence (delivered? on time? quality)
    and the buyer's type, within 0–1 (``Disputes`` explains each term)."""
    p = d.contest_win_base if delivered else d.undelivered_win_base
    p += d.on_time_bonus if on_time else -d.late_penalty
    p += d.quality_weight * (quality - d.quality_reference) if delivered else 0.0
    p += bt.contest_win_shift
    return max(0.0, min(1.0, p))


def mediation_refund(u: float, p_win: float, amount: int, d: Disputes) -> tuple[int, str]:
    """The platform's ruling on a contested dispute from a uniform draw ``u``: (refund, outcome).

    The seller is paid with chance ``p_win``; otherwise a partial refund with
    chance ``loss_partial_share`` of the rest, else a full refund.
    """
    if u < p_win:
        return 0, "mediation: seller paid"
    if u < p_win + (1.0 - p_win) * d.loss_partial_share:
        return round(amount * d.partial_refund), "mediation: partial refund"
    return amount, "mediation: full refund"


# --------------------------------------------------------------------------
# Work
# --------------------------------------------------------------------------


def quality(skill: float, fatigue: float) -> float:
    """Quality (0–1) of a delivery: the seller's skill less their fatigue."""
    return max(0.0, min(1.0, skill - fatigue))


def fatigue(overtime_hours: float, m: Market) -> float:
    """Quality lost to the overtime hours of the last ``m.fatigue_days``."""
    return m.max_overtime_factor * overtime_hours


def revision_hours(order_hours: float, m: Market) -> float:
    """Hours of one revision round of an order that took ``order_hours``."""
    return max(m.revision_min_hours, m.revision_hours_share * order_hours)


# --------------------------------------------------------------------------
# Computer sellers' prices
# --------------------------------------------------------------------------


def raised_price(price: int, base_price: int, completed: int, c: Competitors) -> int:
    """A raise_with_reviews seller's price after ``completed`` orders: up by ``raise_factor``
    (to the nearest 100) at each of ``raise_after``, while under ``raise_limit`` × its start."""
    if completed in c.raise_after and price < c.raise_limit * base_price:
        return round(price * c.raise_factor / 100.0) * 100 or price
    return price


def undercut_price(reference: int, cat: Category, c: Competitors) -> int:
    """An undercut seller's price: ``undercut_share`` of the leaders' price (to the nearest 100),
    but not under its wage floor (``undercut_floor_share`` of the median) nor the platform's."""
    floor = max(cat.price_floor, round(c.undercut_floor_share * cat.median_price, -2))
    return int(max(floor, round(reference * c.undercut_share, -2)))


# --------------------------------------------------------------------------
# Computer sellers' starting records and habits (drawn once, at entry)
# --------------------------------------------------------------------------

HISTORY_MAX_REVIEWS = 3000.0
"""Most reviews an established computer seller starts with (the Pareto draw is cut here)."""
HOURS_LOG_SD = 0.5
"""Spread of computer sellers' weekly hours: sd of log(hours / weekly_hours_mean)."""
HOURS_LOG_MEAN = -(HOURS_LOG_SD**2) / 2.0
"""Mean of that log, so that the hours average ``Competitors.weekly_hours_mean``."""
HOURS_PER_LOG_REVIEW = 0.25
"""Extra share of hours per unit of log(1 + reviews): a long record goes with more hours."""
WEEKDAY_HOURS_SHARE = 0.6
"""Share of a computer seller's weekly hours worked on the five weekdays (the rest at weekends)."""
MAX_WEEKDAY_HOURS = 8.0
"""Most hours a computer seller works on a weekday."""
MAX_WEEKEND_HOURS = 16.0
"""Most hours a computer seller works on a weekend day."""
OVERTIME_SHARE = 0.2
"""A computer seller's overtime a week, as a share of its weekly hours."""
ID_VERIFIED_SHARE = 0.5
"""Share of computer sellers with their identity verified."""
RATING_BASE = 4.35
"""An established seller's average rating is RATING_BASE + RATING_PER_QUALITY × quality ..."""
RATING_PER_QUALITY = 0.6
"""... plus a normal draw of sd RATING_SD, within RATING_MIN–5."""
RATING_SD = 0.12
"""Spread of established sellers' ratings around what their quality gives."""
RATING_MIN = 3.0
"""Lowest average rating an established seller starts with."""
REVIEWS_PER_SALE = 0.7
"""Reviews per completed sale in an established seller's record (its sales are reviews / this)."""
CANCELLED_MAX_SHARE = 0.06
"""An established seller's cancelled orders: a uniform share of its sales up to this."""
RECENT_MAX_SHARE = 0.08
"""An established seller's sales in the recent window: a uniform share of its sales up to this."""
LAST_SALE_MAX_DAYS_ACTIVE = 20.0
"""Days since the last sale of a seller with recent sales: uniform up to this."""
LAST_SALE_MAX_DAYS_IDLE = 200.0
"""Days since the last sale of a seller without recent sales: uniform up to this."""
HOURS_PER_ORDER_LOG_SD = 0.25
"""Spread of a computer listing's hours per order around the category's: sd of the log."""
DELIVERY_LOG_SD = 0.3
"""Spread of a computer listing's delivery days around the category's: sd of the log."""
MIN_DELIVERY_DAYS = 1.0
"""Shortest delivery a computer seller promises (whole days)."""
REPLY_LOG_SD = 0.6
"""Spread of computer sellers' reply times around ``Competitors.reply_hours``: sd of the log."""


def competitor_cap(
    weekly_hours: float, hours_per_order: float, delivery_days: float, c: Competitors, max_cap: int
) -> int:
    """A computer seller's cap: the orders its hours finish within a delivery time (Little's
    law), 1 to the smaller of ``cap_max`` and the platform's ``max_cap``."""
    return max(
        1, min(c.cap_max, max_cap, round(weekly_hours / hours_per_order * delivery_days / 7.0))
    )

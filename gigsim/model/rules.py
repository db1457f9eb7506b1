"""The marketplace's rules as plain functions.

Fees for a price, the payout date for a request, stars from an experience,
a rank from a window of sales, whether a listing may be published. Each takes
scenario parts and plain numbers and returns plain numbers, so it is testable
without SimPy. Money is an integer in the currency's minor unit.

Must not import SimPy, the engine or Textual.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gigsim.i18n import N_, LazyString, _, lazy
from gigsim.model.scenario_market import Category, CategoryStatus, Reviews
from gigsim.model.scenario_platform import BuyerFee, Commission, Payout, RankRule

# --------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeeSplit:
    """The platform's cut of an amount: fee proper and consumption tax on it."""

    fee: int
    tax: int

    @property
    def total(self) -> int:
        return self.fee + self.tax


def commission_before_tax(amount: int, c: Commission) -> float:
    """The fee on ``amount`` by the commission's kind, before rounding and before tax on it.

    ``flat``: the rate of the whole amount. ``tiered``: the rate of the first
    tier whose ``up_to`` covers the amount, of the whole amount. ``banded``:
    the sum over the bands of each band's part of the amount at its own rate.
    """
    if c.kind == "flat":
        return amount * c.rate
    if c.kind == "tiered":
        rate = c.tiers[-1].rate
        for tier in c.tiers:
            if tier.up_to is None or amount <= tier.up_to:
                rate = tier.rate
                break
        return amount * rate
    fee = 0.0
    lower = 0
    for band in c.tiers:
        upper = amount if band.up_to is None else min(amount, band.up_to)
        if upper > lower:
            fee += (upper - lower) * band.rate
        if band.up_to is None or amount <= band.up_to:
            break
        lower = band.up_to
    return fee


def commission(amount: int, c: Commission) -> FeeSplit:
    """Platform commission on ``amount`` (minor units), split into fee and tax.

    The fee is rounded once to the nearest minor unit (halves to even).
    ``tax_on_fee`` adds tax on top of the rounded fee, itself rounded
    (TimeTicket: ¥60,000 → fee ¥14,500 + tax ¥1,450 = ¥15,950);
    ``tax_included_rate`` says how much of the quoted rate is already tax
    (Coconala's 22% incl. 10%: ¥5,000 → ¥1,000 + ¥100).
    """
    if amount <= 0:
        return FeeSplit(0, 0)
    gross = round(commission_before_tax(amount, c))
    if c.tax_on_fee > 0:
        tax = round(gross * c.tax_on_fee)
        return FeeSplit(gross, tax)
    if c.tax_included_rate > 0:
        fee = round(gross / (1.0 + c.tax_included_rate))
        return FeeSplit(fee, gross - fee)
    return FeeSplit(gross, 0)


def buyer_fee(amount: int, f: BuyerFee) -> int:
    """Fee the buyer pays on top of ``amount``."""
    fee = round(amount * f.rate)
    if f.fixed and (f.fixed_below is None or amount < f.fixed_below):
        fee += f.fixed
    return fee


def payout_fee(amount: int, p: Payout) -> int:
    """Transfer fee for a withdrawal of ``amount``."""
    if p.fee_waived_from is not None and amount >= p.fee_waived_from:
        return 0
    return p.fee


def _day_or_last(year: int, month: int, day: int) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day == 0 else min(day, last))


def payout_date(requested: dt.date, p: Payout) -> dt.date:
    """Calendar date a withdrawal requested on ``requested`` reaches the bank."""
    s = p.schedule
    if s.kind == "on_demand":
        return requested
    if s.kind == "days_after":
        return requested + dt.timedelta(days=math.ceil(s.delay_days))
    y, m = requested.year, requested.month
    if requested.day <= s.cutoff_day:
        pay = _day_or_last(y, m, s.first_pay_day)
        if pay < requested:  # a pay day before the cutoff falls in the next month
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            pay = _day_or_last(ny, nm, s.first_pay_day)
        return pay
    if s.second_pay_day == 0:
        return _day_or_last(y, m, 0)
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    return _day_or_last(ny, nm, s.second_pay_day)


# --------------------------------------------------------------------------
# Moderation
# --------------------------------------------------------------------------


REFUSAL_TEXT: dict[str, LazyString] = {
    "banned": lazy("{category} is banned: {reason}"),
    "licence": lazy("{category} needs the licence '{licence}', which you do not hold"),
    "price_floor": lazy("price {price} is below the category's floor of {floor}"),
    "cap_range": lazy("cap {cap} is outside 1–{max}"),
}
"""The platform's reasons to refuse a listing, by code; their English (the message ids) is
the ``reason`` events and results keep, an interface."""
_NAMES = ("category", "reason", "licence")  # scenario texts, shown through the catalogue
_AMOUNTS = ("price", "floor")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why the platform refuses a listing: the listing's field at fault, the reason's code
    (``REFUSAL_TEXT``) and its arguments; ``reason`` is its English."""

    field: str  # "category", "price" or "cap"
    code: str
    args: tuple[tuple[str, str | int], ...]

    @property
    def reason(self) -> str:
        return REFUSAL_TEXT[self.code].message.format(**dict(self.args))

    def message(self, money: Callable[[int], str] | None = None) -> str:
        """The reason in the current language, amounts through ``money``."""
        return refusal_message(self.code, dict(self.args), money)


def refusal_message(
    code: str, args: Mapping[str, object], money: Callable[[int], str] | None = None
) -> str:
    """A refusal's reason by ``code`` in the current language: names, ban reasons and
    licences through the catalogue, amounts through ``money`` (else as numbers)."""
    amount = money or str
    parts: dict[str, object] = {}
    for key in re.findall(r"{(\w+)}", REFUSAL_TEXT[code].message):
        value = args[key]
        if key in _NAMES:
            value = _(str(value))
        elif key in _AMOUNTS:
            value = amount(int(str(value)))
        parts[key] = value
    return REFUSAL_TEXT[code].format(**parts)


def category_refusal(
    category: Category, licences: tuple[str, ...] | frozenset[str]
) -> Refusal | None:
    """Why a seller with ``licences`` may not list in ``category`` at all, or None."""
    if category.status == CategoryStatus.banned:
        reason = category.ban_reason or N_("the platform does not allow this category")
        return Refusal("category", "banned", (("category", category.name), ("reason", reason)))
    if category.status == CategoryStatus.licence and category.licence not in licences:
        licence = category.licence or ""
        return Refusal("category", "licence", (("category", category.name), ("licence", licence)))
    return None


def moderation_refusal(
    category: Category,
    price: int,
    cap: int,
    max_cap: int,
    licences: tuple[str, ...] | frozenset[str],
) -> Refusal | None:
    """Why the platform refuses a listing (and which field), or None if it may be published."""
    refusal = category_refusal(category, licences)
    if refusal is not None:
        return refusal
    if price < category.price_floor:
        return Refusal("price", "price_floor", (("price", price), ("floor", category.price_floor)))
    if not 1 <= cap <= max_cap:
        return Refusal("cap", "cap_range", (("cap", cap), ("max", max_cap)))
    return None


def _pattern(template: str) -> re.Pattern[str]:
    """A refusal's English as a pattern that finds its arguments back."""
    parts = re.split(r"{(\w+)}", template)
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+)" for i, p in enumerate(parts))
    )


_REFUSALS = tuple((code, _pattern(t.message)) for code, t in REFUSAL_TEXT.items())


def refusal_text(reason: str, money: Callable[[int], str] | None = None) -> str:
    """A refusal's English ``reason`` in the current language, for a reason known only as
    text (the engine's refusals carry their code: ``Refusal.message``, ``refusal_message``).
    A reason not of the platform's moderation is given back through the catalogue."""
    for code, pattern in _REFUSALS:
        found = pattern.fullmatch(reason)
        if found is not None:
            return refusal_message(code, found.groupdict(), money)
    return _(reason)


def moderation_problem(
    category: Category,
    price: int,
    cap: int,
    max_cap: int,
    licences: tuple[str, ...] | frozenset[str],
) -> str | None:
    """Why the platform refuses a listing, or None if it may be published."""
    refusal = moderation_refusal(category, price, cap, max_cap, licences)
    return refusal.reason if refusal is not None else None


# --------------------------------------------------------------------------
# Reviews
# --------------------------------------------------------------------------


def experience_score(
    quality: float, days_late: float, revisions: int, strictness: float, taste: float, r: Reviews
) -> float:
    """A buyer's experience of an order on a stars-like scale (about 1–6).

    Quality (0–1) from skill and fatigue is the main term; lateness and
    revision rounds take away; ``strictness`` is the buyer type's harshness and
    ``taste`` one draw of the buyer's own noise. ``leniency`` shifts everything
    upwards: buyers rate kindly, which is what makes the market mean about 4.8.
    """
    return (
        1.0
        + 4.0 * quality
        + r.leniency
        - r.lateness_per_day * max(0.0, days_late)
        - r.revision_penalty * revisions
        - strictness
        + taste
    )


def stars_from_experience(x: float) -> int:
    """Stars (1–5) for an experience score: a lenient scale, J-shaped in aggregate.

    The middle bands are narrow: a disappointed buyer tends to go straight to
    1★ rather than 2★ or 3★, which is why real ratings have more 1★ than 2★
    or 3★.
    """
    if x >= 4.2:
        return 5
    if x >= 3.6:
        return 4
    if x >= 3.4:
        return 3
    if x >= 3.25:
        return 2
    return 1


def review_probability(x: float, r: Reviews) -> float:
    """Chance a buyer writes a review after an experience scored ``x``.

    Buyers review what surprised them: an order that is just what they
    expected (``r.expected``) is reviewed with ``r.base_prob``, and the chance
    moves in a straight line to ``r.extreme_prob`` as the experience moves
    ``r.extreme_distance`` away from it, better or worse, and stays there
    beyond. Most orders are about as good as expected, so most are reviewed
    near the base chance; disappointed buyers, further from their
    expectation, review more often, which puts more 1★ and 4★ among the
    reviews than among the experiences (the J-shape's low end).
    """
    surprise = min(1.0, abs(x - r.expected) / r.extreme_distance)
    return r.base_prob + (r.extreme_prob - r.base_prob) * surprise


# --------------------------------------------------------------------------
# Ranks
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RankWindow:
    """What a rank evaluation looks at."""

    sales_ever: int
    sales_in_window: int
    amount_in_window: int
    completion_rate: float
    rating: float
    id_verified: bool


def rank_met(rule: RankRule, w: RankWindow) -> bool:
    return (
        w.sales_ever >= rule.sales_ever
        and w.sales_in_window >= rule.sales_in_window
        and w.amount_in_window >= rule.amount_in_window
        and w.completion_rate >= rule.completion_rate
        and w.rating >= rule.rating
        and (w.id_verified or not rule.id_verified)
    )


def evaluate_rank(ranks: tuple[RankRule, ...], w: RankWindow, current: int) -> int:
    """New rank level (0 = no rank, i = ranks[i-1]) after a monthly evaluation.

    The highest rule met wins; ranks can fall as fast as they rise, except that
    a sticky rank once reached is a floor.
    """
    level = 0
    for i, rule in enumerate(ranks, start=1):
        if rank_met(rule, w):
            level = i
    floor = 0
    for i, rule in enumerate(ranks, start=1):
        if rule.sticky and current >= i:
            floor = i
    return max(level, floor)


RankNeed = tuple[str, dict[str, int | float]]
"""One thing a rank still needs: a code (``sales_ever``, ``sales_in_window``,
``amount_in_window``, ``completion_rate``, ``rating``, ``id_verified``) and its figures;
``gigsim.text.results.rank_need_text`` words it."""


def next_rank_needs(
    ranks: tuple[RankRule, ...], w: RankWindow, current: int, window_months: int = 3
) -> list[RankNeed]:
    """What is missing for the next rank above ``current`` ([] at the top or when met).

    ``window_months`` is the rolling window the rank looks back over (``months``
    in the needs that count over it).
    """
    if current >= len(ranks):
        return []
    rule = ranks[current]
    needs: list[RankNeed] = []
    months = window_months
    if w.sales_ever < rule.sales_ever:
        needs.append(("sales_ever", {"n": rule.sales_ever - w.sales_ever}))
    if w.sales_in_window < rule.sales_in_window:
        n = rule.sales_in_window - w.sales_in_window
        needs.append(("sales_in_window", {"n": n, "months": months}))
    if w.amount_in_window < rule.amount_in_window:
        amount = rule.amount_in_window - w.amount_in_window
        needs.append(("amount_in_window", {"amount": amount, "months": months}))
    if w.completion_rate < rule.completion_rate:
        needs.append(("completion_rate", {"want": rule.completion_rate, "now": w.completion_rate}))
    if w.rating < rule.rating:
        needs.append(("rating", {"want": rule.rating, "now": w.rating}))
    if rule.id_verified and not w.id_verified:
        needs.append(("id_verified", {}))
    return needs


# --------------------------------------------------------------------------
# Skill
# --------------------------------------------------------------------------


def skill_after_practice(skill: float, rate: float = 0.02) -> float:
    """Skill after one more completed order: grows quickly at first, then slowly."""
    return skill + rate * (1.0 - skill)

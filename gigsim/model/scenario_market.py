"""Scenario types of a market: categories, buyer types, search, choice, reviews, disputes, risks.

Time is in days unless a field's name says hours. Re-exported by
``gigsim.model.scenario``. Must not import SimPy, the engine or Textual.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from gigsim.i18n import _
from gigsim.model.scenario_base import (
    MAX_MONEY,
    Coefficient,
    Frozen,
    Money,
    NonNegDays,
    NonNegHours,
    PositiveDays,
    PositiveHours,
    Probability,
    Weight,
)

MAX_BUYERS_PER_DAY = 1000.0
"""Most buyers a category may get a day (before weekday, seasonal and growth factors).

More than the busiest real category sees; a run takes about a second of
computing per category-month at this rate, and ``gigsim.model.limits`` bounds
the buyers of a whole run.
"""
MAX_COMPETITORS = 20_000
"""Most computer sellers a category may start with: more services than the biggest real
categories list; they take about two seconds to set up."""
MAX_FACTOR = 10.0
"""Largest weekday or month demand factor: ten times the usual demand."""
Factor = Annotated[float, Field(ge=0.0, le=MAX_FACTOR)]

# --------------------------------------------------------------------------
# Market
# --------------------------------------------------------------------------


class CategoryStatus(StrEnum):
    allowed = "allowed"
    licence = "licence"
    banned = "banned"


class Category(Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$")
    """Identifier used by listings (lower case, digits, - and _)."""
    name: str = Field(min_length=1, max_length=60)
    """Name shown in the game."""
    status: CategoryStatus = CategoryStatus.allowed
    """allowed; licence: needs the licence named in licence; banned: cannot be listed."""
    licence: str | None = None
    """Licence a seller must hold to list here (status licence)."""
    ban_reason: str | None = None
    """Why the platform refuses this category (status banned)."""
    buyers_per_day: float = Field(default=4.0, ge=0.0, le=MAX_BUYERS_PER_DAY)
    """Mean buyers arriving per day before weekday, seasonal and growth factors; at most 1000, more than the busiest real category gets, so that a run stays a matter of seconds."""
    median_price: int = Field(default=5000, gt=0, le=MAX_MONEY)
    """Typical price in the category (minor units); the reference for the price effect (which divides by it), at most the largest amount of money."""
    price_floor: Money = 1000
    """Lowest price the platform accepts in this category."""
    hours_per_order: PositiveHours = 4.0
    """Typical hours of work an order takes (computer sellers and the reference for delivery)."""
    delivery_days: float = Field(default=5.0, ge=0.01, le=120.0)
    """Typical promised delivery time in days, 0.01 (about a quarter of an hour) to 120 like a listing's: the price effect divides by it."""
    competitors: int = Field(default=60, ge=0, le=MAX_COMPETITORS)
    """Computer sellers listed here at the start; at most 20,000, more services than the biggest real categories list (setting them up takes about two seconds). None in a banned or licence category: computer sellers hold no licences."""

    @model_validator(mode="after")
    def _check(self) -> Category:
        if self.status == CategoryStatus.licence and not self.licence:
            raise ValueError(_("a licence category must name its licence"))
        if self.price_floor > self.median_price:
            raise ValueError(_("price_floor must not exceed median_price"))
        return self


class BuyerType(Frozen):
    share: Probability
    """Share of buyers of this type."""
    messaging_hours: NonNegHours = 0.5
    """Seller's hours of messaging per order to settle requirements."""
    revision_prob: Probability = 0.15
    """Chance of asking for a revision after a delivery."""
    dispute_prob: Probability = 0.01
    """Base chance of opening a dispute at delivery (raised by bad experiences)."""
    strictness: float = Field(default=0.0, ge=-2.0, le=2.0)
    """Shift of the experience score when rating (positive: harsher)."""
    silent_prob: Probability = 0.3
    """Chance of never answering a delivery (automatic approval)."""
    late_cancel_prob: Probability = 0.5
    """Chance of asking to cancel an order still undelivered late_cancel_days after its due date."""
    contest_win_shift: float = Field(default=0.0, ge=-1.0, le=1.0)
    """Added to a contesting seller's chance of winning a dispute against this type (positive: the platform sees a serial complainer), -1 to 1: the whole range of a chance."""
    storms: bool = False
    """A 1★ review from this type may start a social-media storm (chance risks.storm_prob)."""


def _default_buyer_types() -> dict[str, BuyerType]:
    return {
        "ordinary": BuyerType(
            share=0.82,
            messaging_hours=0.4,
            revision_prob=0.12,
            dispute_prob=0.004,
            late_cancel_prob=0.4,
        ),
        "demanding": BuyerType(
            share=0.15,
            messaging_hours=1.2,
            revision_prob=0.4,
            dispute_prob=0.02,
            strictness=0.5,
            late_cancel_prob=0.7,
        ),
        "monster": BuyerType(
            share=0.03,
            messaging_hours=4.0,
            revision_prob=0.8,
            dispute_prob=0.25,
            strictness=1.2,
            silent_prob=0.05,
            late_cancel_prob=0.95,
            contest_win_shift=0.15,
            storms=True,
        ),
    }


SortOrder = Literal["recommended", "price_low", "newest"]


def _default_sort_shares() -> dict[SortOrder, float]:
    return {"recommended": 0.8, "price_low": 0.1, "newest": 0.1}


class Search(Frozen):
    attention_decay: Probability = 0.85
    """Chance a buyer who looked at position r also looks at position r+1."""
    max_depth: int = Field(default=40, ge=1, le=1000)
    """Positions a buyer looks at, at most."""
    w_recent_sales: Weight = 1.0
    """Search score per log(1 + sales in the recent window)."""
    w_rating: Weight = 0.8
    """Search score per star above rating_reference (only with reviews)."""
    rating_reference: float = Field(default=4.0, ge=1.0, le=5.0)
    """The rating at which the rating term of the search score is zero (1 to 5, the scale)."""
    w_reviews: Weight = 0.0
    """Search score per log(1 + reviews), counted up to the choice's reviews_saturation."""
    w_completion: Weight = 1.0
    """Search score per unit of completion rate."""
    w_rank: Weight = 0.3
    """Search score per rank level."""
    new_boost: Weight = 1.5
    """Search score added to a listing during its first new_boost_days."""
    new_boost_days: NonNegDays = 30.0
    """Days a new listing is boosted."""
    busy_penalty: Weight = 1.0
    """Search score removed while a listing is busy or full."""
    sales_window_days: PositiveDays = 30.0
    """Window of recent sales for the search score."""
    sort_shares: dict[SortOrder, Probability] = Field(default_factory=_default_sort_shares)
    """Share of buyers sorting by recommendation (search score), cheapest first, or newest first; sums to 1."""

    @model_validator(mode="after")
    def _check(self) -> Search:
        if abs(sum(self.sort_shares.values()) - 1.0) > 1e-6:
            raise ValueError(_("sort_shares must sum to 1"))
        return self


class Choice(Frozen):
    price_coef: Coefficient = -2.0
    """Utility per unit of log(price / category median); negative means dearer is less chosen."""
    reviews_coef: Coefficient = 0.6
    """Utility per log(1 + number of reviews), counted up to reviews_saturation."""
    reviews_saturation: int = Field(default=1000, ge=1, le=1_000_000)
    """Reviews beyond this many add no more trust (returns to reviews fall steeply); at most a million."""
    no_review_penalty: Coefficient = 1.2
    """Utility removed from a listing without any review (cold start)."""
    rating_coef: Coefficient = 1.5
    """Utility per star of the buyer's reading of the rating above rating_reference (below lowers it)."""
    rating_reference: float = Field(default=4.8, ge=1.0, le=5.0)
    """The read rating that adds no utility: about the market's mean, so that only a better-than-usual record attracts (1 to 5, the scale)."""
    rating_prior_weight: float = Field(default=5.0, ge=0.0, le=1_000_000.0)
    """How many imaginary reviews at rating_prior buyers add when reading an average (few reviews barely move it)."""
    rating_prior: float = Field(default=4.5, ge=1.0, le=5.0)
    """The rating buyers assume before reading any review."""
    completion_coef: Coefficient = 1.0
    """Utility per unit of completion rate below 1 (lowers utility)."""
    delivery_coef: Coefficient = -0.5
    """Utility per unit of (delivery days / category delivery days - 1)."""
    rank_coef: Coefficient = 0.15
    """Utility per rank level."""
    disclosure_coef: Coefficient = 0.4
    """Utility per unit of disclosure (0–1) above disclosure_reference."""
    disclosure_reference: Probability = 0.5
    """The disclosure that adds no utility (0–1): a seller who says less than this loses trust."""
    outside_utility: Coefficient = 1.0
    """Utility of buying nothing; higher means buyers leave more often."""
    outside_option: bool = True
    """Buyers may buy nothing; off: every buyer buys a visible, available listing."""
    inquiry_share: Probability = 0.2
    """Share of buyers who send an inquiry before buying."""
    quote_share: Probability = 0.05
    """Share of buyers who ask for a custom quote instead of buying the listing as is."""
    inquiry_patience_hours: PositiveHours = 24.0
    """Mean hours an inquiring buyer waits for an answer before giving up."""
    public_request_share: Probability = 0.1
    """Share of buyers who post a public request instead of searching."""
    request_window_days: PositiveDays = 3.0
    """Days a public request takes proposals before the buyer chooses."""
    proposal_bonus: Coefficient = 1.0
    """Utility of a proposal over a listing (a written pitch to the buyer's need)."""
    repeat_prob: Probability = 0.15
    """Chance a satisfied buyer (4★ or better) comes back to the same seller."""
    repeat_delay_days: PositiveDays = 45.0
    """Mean days before a repeat buyer returns."""
    proposal_hours: NonNegHours = 0.5
    """Seller's hours to write one proposal."""
    request_budget_sigma: float = Field(default=0.3, ge=0.0, le=3.0)
    """Spread of public-request budgets around the category median: sd of log(budget / median)."""


MAX_EXPERIENCE = 15.0
"""Largest size of an experience score a scenario may name: a perfect order at the
highest leniency scores 1 + 4 + 10 = 15 before the buyer's taste, a worthless one
at the lowest 1 - 10 = -9."""


class Reviews(Frozen):
    """How an order's experience becomes stars, and whether the buyer writes a review.

    The experience is on a stars-like scale: 4.2 or more is 5★, 3.6 to 4.2 is
    4★, below 3.25 is 1★ (``gigsim.model.rules.stars_from_experience``).
    """

    base_prob: Probability = 0.46
    """Chance a buyer writes a review after an order that is just what they expected."""
    extreme_prob: Probability = 0.95
    """Chance after an order extreme_distance or further from what the buyer expected, better or worse; in between, the chance moves in a straight line from base_prob."""
    expected: float = Field(default=6.0, ge=-MAX_EXPERIENCE, le=MAX_EXPERIENCE)
    """The experience a buyer expects of an order (an established seller's on-time order scores about 6 at the default leniency); within ±15, beyond any order's score at any leniency."""
    extreme_distance: float = Field(default=1.5, ge=0.01, le=2 * MAX_EXPERIENCE)
    """How far from the expected experience an order is a surprise worth a review at extreme_prob, 0.01 to 30 (the whole range of scores: never quite that surprising)."""
    leniency: float = Field(default=1.5, ge=-10.0, le=10.0)
    """Shift of the experience towards higher stars (reputation inflation); within ±10, twice the whole 1–5★ scale."""
    noise: float = Field(default=0.8, ge=0.0, le=10.0)
    """Standard deviation of the buyer's taste in experience units; at most 10 (twice the scale: every review a coin toss)."""
    lateness_per_day: float = Field(default=0.35, ge=0.0, le=10.0)
    """Experience lost per day late; at most 10 (a day late is 1★ at any larger value)."""
    revision_penalty: float = Field(default=0.15, ge=0.0, le=10.0)
    """Experience lost per revision round; at most 10 (one round is 1★ at any larger value)."""


class Disputes(Frozen):
    """How the platform mediates: the seller's chance when contesting, and what a loss costs.

    A contesting seller's chance of being paid in full starts at
    contest_win_base for a delivered order (undelivered_win_base for one never
    delivered), gains on_time_bonus for an on-time delivery or loses
    late_penalty for a late one (or none), moves by quality_weight per unit of
    quality above quality_reference (delivered orders only) and by the buyer
    type's contest_win_shift; it is kept within 0–1. A seller who does not
    win is ordered a partial refund with chance loss_partial_share, else a
    full one.
    """

    hours: NonNegHours = 2.0
    """Seller's hours to handle a dispute."""
    reply_hours: PositiveHours = 48.0
    """Hours the seller has to answer a dispute (refund or contest) before the platform contests on their behalf."""
    partial_refund: Probability = 0.5
    """Share of the amount refunded in a partial refund."""
    contest_win_base: Probability = 0.55
    """Chance a contesting seller is paid in full with average evidence (a delivered order)."""
    undelivered_win_base: Probability = 0.05
    """The same for an order never delivered: little evidence in the seller's favour."""
    on_time_bonus: Probability = 0.15
    """Added to the chance when the order was delivered on time."""
    late_penalty: Probability = 0.25
    """Taken from the chance when the order was delivered late or not at all."""
    quality_weight: float = Field(default=0.5, ge=0.0, le=10.0)
    """Chance per unit of the delivery's quality above quality_reference (below lowers it), 0 to 10: at 10 a tenth of quality decides alone."""
    quality_reference: Probability = 0.7
    """Quality (0–1) at which the delivery's quality neither helps nor hurts the seller."""
    loss_partial_share: Probability = 0.5
    """Share of the seller's losses that end in a partial refund rather than a full one."""
    one_star_after_loss: Probability = 0.8
    """Chance a buyer who won a dispute leaves a 1★ review."""


class Satisfaction(Frozen):
    """When a buyer is disappointed, and what a disappointed buyer does.

    A buyer whose experience score (``rules.experience_score``) is below
    satisfied_from is disappointed: they ask for a revision revision_factor
    times as often and open a dispute dispute_factor times as often (each
    chance at most 1), and they do not come back. Refusing a revision
    disappoints them too.
    """

    satisfied_from: float = Field(default=3.6, ge=-20.0, le=20.0)
    """Experience score from which a buyer is satisfied (the score of a 4★ review), -20 to 20: beyond the whole range the score can take."""
    revision_factor: float = Field(default=2.0, ge=0.0, le=100.0)
    """A disappointed buyer's chance of asking for a revision, as a multiple of the type's revision_prob (0 to 100)."""
    dispute_factor: float = Field(default=5.0, ge=0.0, le=100.0)
    """A disappointed buyer's chance of opening a dispute, as a multiple of the type's dispute_prob (0 to 100)."""


class Risks(Frozen):
    harassment_per_month: float = Field(default=0.3, ge=0.0, le=100.0)
    """Harassment incidents a month at full disclosure (scaled by disclosure); at most 100, more than three a day."""
    harassment_hours: NonNegHours = 1.0
    """Hours lost to one incident."""
    storm_prob: Probability = 0.2
    """Chance that a 1★ review from a buyer of a type that storms (a monster buyer's, after a lost dispute or not) turns into a social-media storm."""
    storm_demand_factor: Probability = 0.5
    """Share of demand for the seller's listings kept during a storm."""
    storm_days: PositiveDays = 21.0
    """How long a storm lasts."""
    off_platform_offer_prob: Probability = 0.03
    """Chance an order's buyer offers to pay outside the platform next time."""
    off_platform_reply_hours: PositiveHours = 72.0
    """Hours the seller has to answer such an offer; silence declines it."""


class Market(Frozen):
    weekday_factors: tuple[Factor, ...] = (0.9, 0.95, 1.0, 1.0, 1.05, 1.1, 1.0)
    """Demand multiplier Monday..Sunday (seven values, 0 to 10: ten times the usual demand)."""
    month_factors: tuple[Factor, ...] = (
        1.1,
        1.0,
        1.15,
        1.05,
        0.95,
        0.9,
        0.95,
        0.9,
        1.0,
        1.0,
        1.0,
        1.0,
    )
    """Demand multiplier January..December (twelve values, 0 to 10: ten times the usual demand)."""
    growth_per_year: float = Field(default=0.05, ge=-0.9, le=10.0)
    """Yearly growth of buyer arrivals (0.05 = +5% a year), -0.9 to 10 (elevenfold a year); the buyers a whole run brings are bounded too."""
    buyer_types: dict[str, BuyerType] = Field(
        default_factory=_default_buyer_types, min_length=1, max_length=100
    )
    """Buyer types by name (1 to 100); shares should sum to 1."""
    search: Search = Search()
    """How listings are ranked and how far buyers look."""
    choice: Choice = Choice()
    """How buyers choose among what they saw."""
    reviews: Reviews = Reviews()
    """How experiences become stars."""
    disputes: Disputes = Disputes()
    """How disputes are mediated."""
    satisfaction: Satisfaction = Satisfaction()
    """When a buyer is disappointed, and what that changes."""
    risks: Risks = Risks()
    """Storms, harassment, off-platform offers."""
    accept_hours: NonNegHours = 24.0
    """Mean hours a buyer takes to accept a delivery (when not silent)."""
    revision_hours_share: float = Field(default=0.3, ge=0.0, le=10.0)
    """Hours of a revision round as a share of the order's hours of work (0 to 10: ten times the order)."""
    revision_min_hours: NonNegHours = 0.25
    """Fewest hours a revision round takes."""
    revision_days: NonNegDays = 2.0
    """Days a buyer gives for a revision round (its due date, for the seller's queue)."""
    max_overtime_factor: float = Field(default=0.05, ge=0.0, le=1.0)
    """Quality lost per hour of overtime in the last fatigue_days (fatigue)."""
    fatigue_days: PositiveDays = 7.0
    """Days over which overtime tires the seller: hours worked over the normal ones this long before a delivery lower its quality."""

    @model_validator(mode="after")
    def _check(self) -> Market:
        if len(self.weekday_factors) != 7:
            raise ValueError(_("weekday_factors needs seven values >= 0"))
        if len(self.month_factors) != 12:
            raise ValueError(_("month_factors needs twelve values >= 0"))
        if not self.buyer_types:
            raise ValueError(_("buyer_types needs at least one type"))
        if abs(sum(b.share for b in self.buyer_types.values()) - 1.0) > 1e-6:
            raise ValueError(_("buyer_types shares must sum to 1"))
        return self

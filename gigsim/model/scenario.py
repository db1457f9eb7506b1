"""Scenario types: the one validated, frozen input of a gigsim run.

A scenario describes a platform's rules, a market of categories and buyers,
the computer sellers competing in it and the player's starting position.
Every field carries a docstring with its unit; pydantic turns those into the
JSON Schema descriptions that editors show. Money is always an integer in the
currency's minor unit (yen for JPY, cents for USD). Time is in days unless a
field's name says hours.

This module must not import SimPy, the engine or Textual.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Money = Annotated[int, Field(ge=0)]
PositiveHours = Annotated[float, Field(gt=0.0)]
NonNegHours = Annotated[float, Field(ge=0.0)]


class Frozen(BaseModel):
    """Base for every scenario section: immutable, no unknown keys."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=True, validate_default=True
    )


# --------------------------------------------------------------------------
# Platform
# --------------------------------------------------------------------------


class CommissionTier(Frozen):
    up_to: Money | None = None
    """Upper bound of the order amount this rate applies to (minor units); null for no bound."""
    rate: float = Field(ge=0.0, lt=1.0)
    """Share of the order amount the platform keeps, before tax on the fee (0–<1)."""


class Commission(Frozen):
    kind: Literal["flat", "tiered"] = "flat"
    """flat: one rate for every amount; tiered: the first tier whose up_to covers the amount."""
    rate: float = Field(default=0.22, ge=0.0, lt=1.0)
    """Flat commission as a share of the order amount (used when kind is flat)."""
    tiers: tuple[CommissionTier, ...] = ()
    """Tiers for kind tiered, in increasing up_to; the last one should have up_to null."""
    tax_on_fee: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Consumption tax added on top of the fee (share of the fee; TimeTicket 0.10)."""
    tax_included_rate: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Tax rate already included in the rate (Coconala's 22% includes 10%); used to split the fee into fee and tax in the ledger."""

    @model_validator(mode="after")
    def _check(self) -> Commission:
        if self.kind == "tiered" and not self.tiers:
            raise ValueError("tiered commission needs at least one tier")
        total = max([self.rate] + [t.rate for t in self.tiers]) * (1.0 + self.tax_on_fee)
        if total >= 1.0:
            raise ValueError("commission with tax must be below 100% of the order amount")
        return self


class BuyerFee(Frozen):
    rate: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Fee the buyer pays on top of the price, as a share of the amount."""
    fixed: Money = 0
    """Fixed fee per order in minor units (Fiverr $3 = 300)."""
    fixed_below: Money | None = None
    """The fixed fee applies only to amounts below this (minor units); null for always."""


class PayoutSchedule(Frozen):
    kind: Literal["semi_monthly", "days_after", "on_demand"] = "semi_monthly"
    """semi_monthly: requests up to cutoff_day are paid on first_pay_day of the same month, later ones on second_pay_day of the next month (second_pay_day 0 means the month's last day); days_after: paid delay_days after the request; on_demand: paid at once."""
    cutoff_day: int = Field(default=15, ge=1, le=28)
    """Day of month that closes the first half (semi_monthly)."""
    first_pay_day: int = Field(default=20, ge=0, le=28)
    """Pay day for first-half requests (day of the same month; 0 = last day of the month)."""
    second_pay_day: int = Field(default=5, ge=0, le=28)
    """Pay day for second-half requests (day of the next month; 0 = last day of the current month)."""
    delay_days: float = Field(default=2.0, ge=0.0)
    """Days from request to payment (days_after)."""


class Payout(Frozen):
    fee: Money = 160
    """Transfer fee per withdrawal in minor units."""
    fee_waived_from: Money | None = 3000
    """Requests of at least this amount pay no fee; null means the fee always applies."""
    minimum: Money = 0
    """Smallest amount that can be withdrawn."""
    schedule: PayoutSchedule = PayoutSchedule()
    """When a withdrawal request reaches the bank."""
    lapse_days: float | None = Field(default=120.0, gt=0.0)
    """Earnings not withdrawn within this many days lapse to the platform; null: never."""
    clearing_days: float = Field(default=0.0, ge=0.0)
    """Days after completion before earnings can be withdrawn (Fiverr 14)."""


class Timings(Frozen):
    first_reply_hours: PositiveHours = 48.0
    """The seller must send a first message within this many hours of a purchase or the order is cancelled."""
    auto_approve_hours: PositiveHours = 72.0
    """A delivery the buyer does not answer is approved automatically after this many hours."""
    revisions_included: int = Field(default=1, ge=0, le=10)
    """How many times a buyer may send a delivery back for revision."""
    cancel_response_hours: PositiveHours = 24.0
    """Hours the other side has to answer a cancellation request; silence means accepted."""
    order_room_days: float = Field(default=120.0, gt=0.0)
    """An order still open after this many days closes and the seller is paid."""
    late_cancel_days: float = Field(default=3.0, ge=0.0)
    """Days past the due date after which a buyer may ask to cancel a late order."""


class RankRule(Frozen):
    name: str = Field(min_length=1, max_length=40)
    """Rank name shown to buyers (Regular, Bronze, …), lowest first in the list."""
    sales_ever: int = Field(default=0, ge=0)
    """Completed paid orders ever needed."""
    sales_in_window: int = Field(default=0, ge=0)
    """Completed orders within the rolling window needed."""
    amount_in_window: Money = 0
    """Sales amount within the window needed (minor units)."""
    completion_rate: Probability = 0.0
    """Share of orders in the window completed rather than cancelled."""
    rating: float = Field(default=0.0, ge=0.0, le=5.0)
    """Displayed average rating needed."""
    id_verified: bool = False
    """The seller must have verified their identity."""
    sticky: bool = False
    """Once reached, never demoted below this rank (Coconala's Regular)."""


class Rules(Frozen):
    """Platform rules enforced on listings and sellers."""

    max_cap: int = Field(default=20, ge=1, le=100)
    """Largest allowed cap on orders in progress for one listing."""
    off_platform_detection: Probability = 0.3
    """Chance that accepting an off-platform payment offer is detected."""
    warnings_before_suspension: int = Field(default=2, ge=1)
    """Account warnings that lead to suspension."""
    suspension_days: float = Field(default=30.0, gt=0.0)
    """How long a suspension pauses every listing of the seller."""


class Platform(Frozen):
    name: str = Field(default="Coconala", min_length=1, max_length=60)
    """Platform shown in the game."""
    commission: Commission = Commission()
    """What the platform keeps from each order."""
    buyer_fee: BuyerFee = BuyerFee(rate=0.055)
    """What the buyer pays on top of the price."""
    payout: Payout = Payout()
    """Withdrawal fees, minimum, schedule and lapse."""
    timings: Timings = Timings()
    """Deadlines of the order cycle."""
    ranks: tuple[RankRule, ...] = ()
    """Seller ranks, lowest first; empty for a platform without ranks."""
    rank_window_months: int = Field(default=3, ge=1, le=24)
    """Ranks are re-evaluated on the 1st of each month over this many past months."""
    rules: Rules = Rules()
    """Moderation and enforcement."""


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
    buyers_per_day: float = Field(default=4.0, ge=0.0)
    """Mean buyers arriving per day before weekday, seasonal and growth factors."""
    median_price: Money = Field(default=5000, gt=0)
    """Typical price in the category (minor units); the reference for the price effect."""
    price_floor: Money = 1000
    """Lowest price the platform accepts in this category."""
    hours_per_order: PositiveHours = 4.0
    """Typical hours of work an order takes (computer sellers and the reference for delivery)."""
    delivery_days: float = Field(default=5.0, gt=0.0)
    """Typical promised delivery time in days."""
    competitors: int = Field(default=60, ge=0, le=100_000)
    """Computer sellers listed here at the start."""

    @model_validator(mode="after")
    def _check(self) -> Category:
        if self.status == CategoryStatus.licence and not self.licence:
            raise ValueError("a licence category must name its licence")
        if self.price_floor > self.median_price:
            raise ValueError("price_floor must not exceed median_price")
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


def _default_buyer_types() -> dict[str, BuyerType]:
    return {
        "ordinary": BuyerType(
            share=0.82, messaging_hours=0.4, revision_prob=0.12, dispute_prob=0.004
        ),
        "demanding": BuyerType(
            share=0.15, messaging_hours=1.2, revision_prob=0.4, dispute_prob=0.02, strictness=0.5
        ),
        "monster": BuyerType(
            share=0.03,
            messaging_hours=4.0,
            revision_prob=0.8,
            dispute_prob=0.25,
            strictness=1.2,
            silent_prob=0.05,
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
    w_recent_sales: float = 1.0
    """Search score per log(1 + sales in the recent window)."""
    w_rating: float = 0.8
    """Search score per star above 4 (only with reviews)."""
    w_reviews: float = 0.0
    """Search score per log(1 + reviews), counted up to the choice's reviews_saturation."""
    w_completion: float = 1.0
    """Search score per unit of completion rate."""
    w_rank: float = 0.3
    """Search score per rank level."""
    new_boost: float = 1.5
    """Search score added to a listing during its first new_boost_days."""
    new_boost_days: float = Field(default=30.0, ge=0.0)
    """Days a new listing is boosted."""
    busy_penalty: float = 1.0
    """Search score removed while a listing is busy or full."""
    sales_window_days: float = Field(default=30.0, gt=0.0)
    """Window of recent sales for the search score."""
    sort_shares: dict[SortOrder, Probability] = Field(default_factory=_default_sort_shares)
    """Share of buyers sorting by recommendation (search score), cheapest first, or newest first; sums to 1."""

    @model_validator(mode="after")
    def _check(self) -> Search:
        if abs(sum(self.sort_shares.values()) - 1.0) > 1e-6:
            raise ValueError("sort_shares must sum to 1")
        return self


class Choice(Frozen):
    price_coef: float = -2.0
    """Utility per unit of log(price / category median); negative means dearer is less chosen."""
    reviews_coef: float = 0.6
    """Utility per log(1 + number of reviews), counted up to reviews_saturation."""
    reviews_saturation: int = Field(default=1000, ge=1)
    """Reviews beyond this many add no more trust (returns to reviews fall steeply)."""
    no_review_penalty: float = 1.2
    """Utility removed from a listing without any review (cold start)."""
    rating_coef: float = 1.5
    """Utility per star of the buyer's reading of the rating above 4.8 (below lowers it)."""
    rating_prior_weight: float = Field(default=5.0, ge=0.0)
    """How many imaginary reviews at rating_prior buyers add when reading an average (few reviews barely move it)."""
    rating_prior: float = Field(default=4.5, ge=1.0, le=5.0)
    """The rating buyers assume before reading any review."""
    completion_coef: float = 1.0
    """Utility per unit of completion rate below 1 (lowers utility)."""
    delivery_coef: float = -0.5
    """Utility per unit of (delivery days / category delivery days - 1)."""
    rank_coef: float = 0.15
    """Utility per rank level."""
    disclosure_coef: float = 0.4
    """Utility per unit of disclosure (0–1)."""
    outside_utility: float = 1.0
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
    request_window_days: float = Field(default=3.0, gt=0.0)
    """Days a public request takes proposals before the buyer chooses."""
    proposal_bonus: float = 1.0
    """Utility of a proposal over a listing (a written pitch to the buyer's need)."""
    repeat_prob: Probability = 0.15
    """Chance a satisfied buyer (4★ or better) comes back to the same seller."""
    repeat_delay_days: float = Field(default=45.0, gt=0.0)
    """Mean days before a repeat buyer returns."""
    proposal_hours: NonNegHours = 0.5
    """Seller's hours to write one proposal."""
    request_budget_sigma: float = Field(default=0.3, ge=0.0, le=3.0)
    """Spread of public-request budgets around the category median: sd of log(budget / median)."""


class Reviews(Frozen):
    base_prob: Probability = 0.65
    """Chance a buyer leaves a review after an ordinary experience."""
    extreme_prob: Probability = 0.92
    """Chance after a very good or very bad experience."""
    leniency: float = 0.8
    """Shift of the experience towards higher stars (reputation inflation)."""
    noise: float = Field(default=0.35, ge=0.0)
    """Standard deviation of the buyer's taste in experience units."""
    lateness_per_day: float = Field(default=0.35, ge=0.0)
    """Experience lost per day late."""
    revision_penalty: float = Field(default=0.15, ge=0.0)
    """Experience lost per revision round."""


class Disputes(Frozen):
    hours: NonNegHours = 2.0
    """Seller's hours to handle a dispute."""
    partial_refund: Probability = 0.5
    """Share of the amount refunded in a partial refund."""
    contest_win_base: Probability = 0.55
    """Chance a contesting seller is paid in full with average evidence."""
    one_star_after_loss: Probability = 0.8
    """Chance a buyer who won a dispute leaves a 1★ review."""


class Risks(Frozen):
    harassment_per_month: float = Field(default=0.3, ge=0.0)
    """Harassment incidents a month at full disclosure (scaled by disclosure)."""
    harassment_hours: NonNegHours = 1.0
    """Hours lost to one incident."""
    storm_prob: Probability = 0.2
    """Chance a monster buyer's lost dispute or 1★ turns into a social-media storm."""
    storm_demand_factor: Probability = 0.5
    """Share of demand for the seller's listings kept during a storm."""
    storm_days: float = Field(default=21.0, gt=0.0)
    """How long a storm lasts."""
    off_platform_offer_prob: Probability = 0.03
    """Chance an order's buyer offers to pay outside the platform next time."""


class Market(Frozen):
    weekday_factors: tuple[float, ...] = (0.9, 0.95, 1.0, 1.0, 1.05, 1.1, 1.0)
    """Demand multiplier Monday..Sunday (seven values >= 0)."""
    month_factors: tuple[float, ...] = (
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
    """Demand multiplier January..December (twelve values >= 0)."""
    growth_per_year: float = Field(default=0.05, ge=-0.9, le=10.0)
    """Yearly growth of buyer arrivals (0.05 = +5% a year)."""
    buyer_types: dict[str, BuyerType] = Field(default_factory=_default_buyer_types)
    """Buyer types by name; shares should sum to 1."""
    search: Search = Search()
    """How listings are ranked and how far buyers look."""
    choice: Choice = Choice()
    """How buyers choose among what they saw."""
    reviews: Reviews = Reviews()
    """How experiences become stars."""
    disputes: Disputes = Disputes()
    """How disputes are mediated."""
    risks: Risks = Risks()
    """Storms, harassment, off-platform offers."""
    accept_hours: NonNegHours = 24.0
    """Mean hours a buyer takes to accept a delivery (when not silent)."""
    max_overtime_factor: float = Field(default=0.05, ge=0.0, le=1.0)
    """Quality lost per hour of overtime in the last week (fatigue)."""

    @model_validator(mode="after")
    def _check(self) -> Market:
        if len(self.weekday_factors) != 7 or min(self.weekday_factors) < 0:
            raise ValueError("weekday_factors needs seven values >= 0")
        if len(self.month_factors) != 12 or min(self.month_factors) < 0:
            raise ValueError("month_factors needs twelve values >= 0")
        if not self.buyer_types:
            raise ValueError("buyer_types needs at least one type")
        if abs(sum(b.share for b in self.buyer_types.values()) - 1.0) > 1e-6:
            raise ValueError("buyer_types shares must sum to 1")
        return self


# --------------------------------------------------------------------------
# Sellers
# --------------------------------------------------------------------------


class Hours(Frozen):
    weekday: float = Field(default=1.0, ge=0.0, le=24.0)
    """Hours of work each weekday evening (Monday–Friday)."""
    weekend: float = Field(default=2.5, ge=0.0, le=24.0)
    """Hours of work each Saturday and Sunday."""
    overtime_per_week: float = Field(default=4.0, ge=0.0, le=100.0)
    """Extra hours a week the seller works when an order would otherwise be late."""
    always: bool = False
    """Available around the clock (24 hours every day); the textbook check uses this."""


class Option(Frozen):
    name: str = Field(min_length=1, max_length=60)
    """Paid option shown on the listing (express delivery, extra revision, …)."""
    price: Money
    """Price of the option."""
    hours: NonNegHours = 0.0
    """Extra hours of work it takes."""
    take_rate: Probability = 0.2
    """Share of buyers who add it."""


class ListingSpec(Frozen):
    category: str
    """Category id."""
    title: str = Field(default="My service", min_length=1, max_length=80)
    """Title shown to buyers."""
    price: Money
    """Base price in minor units."""
    options: tuple[Option, ...] = ()
    """Paid options."""
    delivery_days: float = Field(default=5.0, gt=0.0, le=120.0)
    """Promised delivery time in days."""
    hours_per_order: PositiveHours = 4.0
    """Expected hours of work per order."""
    cap: int = Field(default=3, ge=1, le=20)
    """Orders in progress at once (一度に受注可能な件数), 1–20."""
    status: Literal["open", "busy", "paused"] = "open"
    """open; busy: shown with a penalty, still buyable; paused: hidden."""


class Player(Frozen):
    name: str = Field(default="You", min_length=1, max_length=40)
    """Seller name shown in the game."""
    hours: Hours = Hours()
    """Weekly hours for the side gig."""
    skills: dict[str, float] = Field(default_factory=dict)
    """Skill per category id, 0–1 (quality of work); a missing category uses 0.5."""
    licences: tuple[str, ...] = ()
    """Licences held (for licence categories)."""
    disclosure: Probability = 0.5
    """How much the seller discloses about themselves (0–1): trust, and exposure to harassment."""
    id_verified: bool = False
    """Identity verified (needed for some ranks)."""
    reply_hours: NonNegHours = 8.0
    """Mean hours until the seller reads and answers messages."""
    listings: tuple[ListingSpec, ...] = ()
    """Listings at the start."""
    balance: Money = 0
    """Money already on the platform at the start."""
    policy: str = "default"
    """Policy that answers the player's decisions in headless runs."""

    @model_validator(mode="after")
    def _check(self) -> Player:
        for cat, s in self.skills.items():
            if not 0.0 <= s <= 1.0:
                raise ValueError(f"skills.{cat} must be between 0 and 1")
        return self


class Competitors(Frozen):
    price_sigma: float = Field(default=0.35, ge=0.0, le=3.0)
    """Spread of computer sellers' prices: sd of log(price / median)."""
    quality_mean: Probability = 0.7
    """Mean skill of computer sellers (0–1)."""
    quality_sd: float = Field(default=0.12, ge=0.0, le=1.0)
    """Spread of skill."""
    reviews_alpha: float = Field(default=1.1, gt=0.0)
    """Pareto shape of computer sellers' review counts at the start (lower: heavier tail)."""
    reviews_scale: float = Field(default=2.0, ge=0.0)
    """Scale of the Pareto review counts."""
    no_history_share: Probability = 0.5
    """Share of computer sellers that start with no reviews at all."""
    weekly_hours_mean: float = Field(default=10.0, gt=0.0)
    """Mean weekly hours of a computer seller."""
    cap_max: int = Field(default=5, ge=1, le=20)
    """Largest cap a computer seller sets."""
    reply_hours: NonNegHours = 6.0
    """Mean hours a computer seller takes to answer."""
    strategies: dict[str, float] = Field(
        default_factory=lambda: {"fixed": 0.5, "raise_with_reviews": 0.3, "undercut": 0.2}
    )
    """Share of computer sellers following each strategy."""
    propose_prob: Probability = 0.15
    """Chance a computer seller proposes to a public request in its category."""
    entries_per_month: float = Field(default=2.0, ge=0.0)
    """New computer sellers per category per month."""
    exit_idle_days: float = Field(default=120.0, gt=0.0)
    """A computer seller without a sale for this long may leave."""
    exit_prob: Probability = 0.3
    """Monthly chance an idle computer seller leaves."""

    @model_validator(mode="after")
    def _check(self) -> Competitors:
        unknown = set(self.strategies) - {"fixed", "raise_with_reviews", "undercut"}
        if unknown:
            raise ValueError(f"unknown strategy {sorted(unknown)[0]!r}")
        if abs(sum(self.strategies.values()) - 1.0) > 1e-6:
            raise ValueError("strategies shares must sum to 1")
        return self


class Mechanisms(Frozen):
    """Switches for each mechanism; the textbook check turns most of them off."""

    competitors: bool = True
    """Computer sellers compete in each category."""
    price_effect: bool = True
    """Price and delivery time enter the buyer's choice."""
    trust_effect: bool = True
    """Reviews, rating, rank, completion and disclosure enter the buyer's choice."""
    search_ranking: bool = True
    """Buyers see a ranked list with falling attention; off: every buyer sees every listing."""
    seasonality: bool = True
    """Weekday, month and growth factors on arrivals."""
    messaging: bool = True
    """First-reply deadline and messaging hours."""
    inquiries: bool = True
    """Inquiries and quote requests before buying."""
    public_requests: bool = True
    """Buyers' public requests and proposals."""
    revisions: bool = True
    """Buyers ask for revisions."""
    disputes: bool = True
    """Buyers open disputes and ask to cancel late orders."""
    repeat_buyers: bool = True
    """Satisfied buyers come back."""
    reviews: bool = True
    """Buyers leave reviews."""
    ranks: bool = True
    """Monthly rank evaluation."""
    skill_growth: bool = True
    """Skill grows with practice."""
    fatigue: bool = True
    """Overtime lowers quality."""
    risks: bool = True
    """Storms, harassment, off-platform offers."""
    buyer_delay: bool = True
    """Buyers take time to accept deliveries; off: deliveries are accepted at once."""
    work_time: Literal["gamma", "exponential", "fixed"] = "gamma"
    """Distribution of an order's hours around its expected hours."""


class Scenario(Frozen):
    """A complete gigsim scenario."""

    name: str = Field(default="custom", min_length=1, max_length=60)
    """Short name."""
    description: str = Field(default="", max_length=2000)
    """One or more lines shown in `gigsim scenarios`."""
    currency: Literal["JPY", "USD"] = "JPY"
    """JPY (amounts in yen) or USD (amounts in cents)."""
    start_date: dt.date = dt.date(2026, 1, 1)
    """Calendar date of day 0."""
    months: int = Field(default=12, ge=1, le=240)
    """Default length of a run in months."""
    platform: Platform = Platform()
    """The platform's fees, payouts, timings, ranks and rules."""
    categories: tuple[Category, ...] = Field(min_length=1)
    """Categories of the market."""
    market: Market = Market()
    """Buyers, search, choice, reviews, disputes, risks."""
    competitors: Competitors = Competitors()
    """How computer sellers are made and behave."""
    player: Player = Player()
    """The player's seller."""
    mechanisms: Mechanisms = Mechanisms()
    """Switches."""

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        ids = [c.id for c in self.categories]
        if len(set(ids)) != len(ids):
            raise ValueError("category ids must be unique")
        known = set(ids)
        for i, spec in enumerate(self.player.listings):
            if spec.category not in known:
                raise ValueError(
                    f"player.listings.{i}.category: unknown category {spec.category!r}"
                )
            if spec.cap > self.platform.rules.max_cap:
                raise ValueError(f"player.listings.{i}.cap: above the platform's max_cap")
        for cat in self.player.skills:
            if cat not in known:
                raise ValueError(f"player.skills.{cat}: unknown category")
        return self

    def category(self, cid: str) -> Category:
        for c in self.categories:
            if c.id == cid:
                return c
        raise KeyError(cid)

"""Scenario types: the one validated, frozen input of a gigsim run.

A scenario describes a platform's rules, a market of categories and buyers,
the computer sellers competing in it and the player's starting position.
Every field carries a docstring with its unit; pydantic turns those into the
JSON Schema descriptions that editors show. Money is always an integer in the
currency's minor unit (yen for JPY, cents for USD). Time is in days unless a
field's name says hours.

The platform's and the market's sections live in ``scenario_platform`` and
``scenario_market``; this module puts them together with the sellers and
the switches, and every scenario type is imported from here.

This module must not import SimPy, the engine or Textual.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from gigsim.i18n import _
from gigsim.model import limits, rules
from gigsim.model.scenario_base import (
    LISTING_CAP_MAX,
    LISTING_DELIVERY_DAYS_MAX,
    LISTING_OPTIONS_MAX,
    Count,
    Frozen,
    Money,
    NonNegHours,
    PositiveDays,
    PositiveHours,
    Probability,
)
from gigsim.model.scenario_market import (
    BuyerType,
    Category,
    CategoryStatus,
    Choice,
    Disputes,
    Market,
    Reviews,
    Risks,
    Satisfaction,
    Search,
    SortOrder,
)
from gigsim.model.scenario_platform import (
    BuyerFee,
    Commission,
    CommissionTier,
    Payout,
    PayoutSchedule,
    Platform,
    RankRule,
    Rules,
    Timings,
)

__all__ = [
    "BuyerFee",
    "BuyerType",
    "Category",
    "CategoryStatus",
    "Choice",
    "Commission",
    "CommissionTier",
    "Competitors",
    "Disputes",
    "Frozen",
    "Hours",
    "ListingSpec",
    "Market",
    "Mechanisms",
    "Money",
    "NonNegHours",
    "Option",
    "Payout",
    "PayoutSchedule",
    "Platform",
    "Player",
    "PositiveHours",
    "Probability",
    "RankRule",
    "Reviews",
    "Risks",
    "Rules",
    "Satisfaction",
    "Scenario",
    "Search",
    "SortOrder",
    "Timings",
]

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
    options: tuple[Option, ...] = Field(default=(), max_length=LISTING_OPTIONS_MAX)
    """Paid options (at most 20)."""
    delivery_days: float = Field(default=5.0, gt=0.0, le=LISTING_DELIVERY_DAYS_MAX)
    """Promised delivery time in days."""
    hours_per_order: PositiveHours = 4.0
    """Expected hours of work per order."""
    cap: int = Field(default=3, ge=1, le=LISTING_CAP_MAX)
    """Orders in progress at once (一度に受注可能な件数), 1–20."""
    status: Literal["open", "busy", "paused"] = "open"
    """open; busy: shown with a penalty, still buyable; paused: hidden."""


class Player(Frozen):
    name: str = Field(default="You", min_length=1, max_length=40)
    """Seller name shown in the game."""
    hours: Hours = Hours()
    """Weekly hours for the side gig."""
    skills: dict[str, Probability] = Field(default_factory=dict)
    """Skill per category id, 0–1 (quality of work); a missing category uses 0.5."""
    licences: tuple[str, ...] = Field(default=(), max_length=100)
    """Licences held (for licence categories)."""
    disclosure: Probability = 0.5
    """How much the seller discloses about themselves (0–1): trust, and exposure to harassment."""
    id_verified: bool = False
    """Identity verified (needed for some ranks)."""
    reply_hours: NonNegHours = 8.0
    """Mean hours until the seller reads and answers messages."""
    listings: tuple[ListingSpec, ...] = Field(default=(), max_length=50)
    """Listings at the start (at most 50: every buyer looks for each of them in the ranking). Each must pass the platform's moderation: not in a banned category, the licence held in a licence category, the price at or above the category's floor."""
    balance: Money = 0
    """Money already on the platform at the start."""
    salaried: bool = True
    """The player has a salaried job beside the side gig: Japan's rule that side-income profit of ¥200,000 a year or less needs no income-tax return applies (resident tax is declared regardless); the game shows the year's profit against it (an illustration, not tax advice)."""
    policy: str = "default"
    """Policy that answers the player's decisions in headless runs."""


class Competitors(Frozen):
    price_sigma: float = Field(default=0.35, ge=0.0, le=3.0)
    """Spread of computer sellers' prices: sd of log(price / median)."""
    quality_mean: Probability = 0.7
    """Mean skill of computer sellers (0–1)."""
    quality_sd: float = Field(default=0.12, ge=0.0, le=1.0)
    """Spread of skill."""
    reviews_alpha: float = Field(default=1.1, ge=0.1, le=100.0)
    """Pareto shape of computer sellers' review counts at the start (lower: heavier tail), 0.1 to 100: below 0.1 a draw overflows floating point, above 100 every count is the scale."""
    reviews_scale: float = Field(default=2.0, ge=0.0, le=3000.0)
    """Scale of the Pareto review counts; at most 3000, the most reviews a computer seller starts with."""
    no_history_share: Probability = 0.5
    """Share of computer sellers that start with no reviews at all."""
    weekly_hours_mean: float = Field(default=10.0, ge=0.01, le=168.0)
    """Mean weekly hours of a computer seller (0.01 to 168, the hours of a week)."""
    cap_max: int = Field(default=5, ge=1, le=LISTING_CAP_MAX)
    """Largest cap a computer seller sets."""
    reply_hours: NonNegHours = 6.0
    """Mean hours a computer seller takes to answer."""
    strategies: dict[str, Probability] = Field(
        default_factory=lambda: {"fixed": 0.5, "raise_with_reviews": 0.3, "undercut": 0.2}
    )
    """Share of computer sellers following each strategy."""
    propose_prob: Probability = 0.15
    """Chance a computer seller proposes to a public request in its category."""
    max_proposals: int = Field(default=8, ge=0, le=1000)
    """Most computer sellers' proposals one public request gets (0 to 1000: no buyer reads more)."""
    raise_factor: float = Field(default=1.1, ge=1.0, le=10.0)
    """A raise_with_reviews seller multiplies its price by this at each of raise_after (1 to 10)."""
    raise_after: tuple[Count, ...] = Field(default=(5, 10, 20, 40, 80, 160), max_length=100)
    """Completed orders after which a raise_with_reviews seller raises its price (at most 100 steps)."""
    raise_limit: float = Field(default=2.0, ge=1.0, le=100.0)
    """A raise_with_reviews seller stops raising at this multiple of its starting price (1 to 100)."""
    undercut_share: float = Field(default=0.9, ge=0.01, le=1.0)
    """An undercut seller's price as a share of the leaders' median price (0.01 to 1)."""
    undercut_floor_share: Probability = 0.6
    """An undercut seller never goes below this share of the category median (its wage floor), nor below the platform's floor."""
    undercut_reference_top: int = Field(default=10, ge=1, le=1000)
    """The leaders an undercut seller watches: the median price of this many best-ranked listings that do not undercut (1 to 1000)."""
    entries_per_month: float = Field(default=2.0, ge=0.0, le=100.0)
    """New computer sellers per category per month, in the categories open to them (not banned, no licence needed); at most 100, more than three a day; the sellers a whole run brings are bounded too."""
    exit_idle_days: PositiveDays = 120.0
    """A computer seller without a sale for this long may leave."""
    exit_prob: Probability = 0.3
    """Monthly chance an idle computer seller leaves."""

    @model_validator(mode="after")
    def _check(self) -> Competitors:
        unknown = set(self.strategies) - {"fixed", "raise_with_reviews", "undercut"}
        if unknown:
            raise ValueError(_("unknown strategy {name!r}").format(name=sorted(unknown)[0]))
        if abs(sum(self.strategies.values()) - 1.0) > 1e-6:
            raise ValueError(_("strategies shares must sum to 1"))
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
    """Distribution of an order's hours around its expected hours: gamma of shape 4 (the sum of four exponentials), exponential, or exactly the expected hours."""


class Scenario(Frozen):
    """A complete gigsim scenario."""

    name: str = Field(default="custom", min_length=1, max_length=60)
    """Short name."""
    description: str = Field(default="", max_length=2000)
    """One or more lines shown in `gigsim scenarios`."""
    currency: Literal["JPY", "USD"] = "JPY"
    """JPY (amounts in yen) or USD (amounts in cents)."""
    start_date: dt.date = Field(
        default=dt.date(2026, 1, 1), ge=dt.date(1990, 1, 1), le=dt.date(2200, 12, 31)
    )
    """Calendar date of day 0; from 1990 (before the first skill marketplaces, for history
    lessons) to 2200, so that every run and a long game stay well inside the calendar."""
    months: int = Field(default=12, ge=1, le=240)
    """Default length of a run in months."""
    platform: Platform = Platform()
    """The platform's fees, payouts, timings, ranks and rules."""
    categories: tuple[Category, ...] = Field(min_length=1, max_length=1000)
    """Categories of the market (1 to 1000; the buyers and sellers of a whole run are bounded too)."""
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
            raise ValueError(_("category ids must be unique"))
        known = set(ids)
        for i, spec in enumerate(self.player.listings):
            if spec.category not in known:
                raise ValueError(
                    f"player.listings.{i}.category: "
                    + _("unknown category {name!r}").format(name=spec.category)
                )
            if spec.cap > self.platform.rules.max_cap:
                raise ValueError(f"player.listings.{i}.cap: " + _("above the platform's max_cap"))
            # the platform's own moderation, with the reason it gives a refused listing
            refusal = rules.moderation_refusal(
                self.category(spec.category),
                spec.price,
                spec.cap,
                self.platform.rules.max_cap,
                self.player.licences,
            )
            if refusal is not None:
                raise ValueError(
                    f"player.listings.{i}.{refusal.field}: "
                    + _("the platform refuses this listing: {reason}").format(
                        reason=refusal.message()
                    )
                )
        for cat in self.player.skills:
            if cat not in known:
                raise ValueError(f"player.skills.{cat}: " + _("unknown category"))
        too_big = limits.run_size_problem(self, self.months)
        if too_big is not None:
            raise ValueError(f"{too_big[0]}: {too_big[1]}")
        return self

    def category(self, cid: str) -> Category:
        for c in self.categories:
            if c.id == cid:
                return c
        raise KeyError(cid)

"""Scenario types of a platform: commission, buyer fee, payouts, timings, ranks and rules.

Money is an integer in the currency's minor unit; time is in days unless a
field's name says hours. Re-exported by ``gigsim.model.scenario``. Must not
import SimPy, the engine or Textual.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from gigsim.i18n import _
from gigsim.model.scenario_base import (
    LISTING_CAP_MAX,
    MAX_COUNT,
    Count,
    Frozen,
    Money,
    NonNegDays,
    PositiveDays,
    PositiveHours,
    Probability,
)

# --------------------------------------------------------------------------
# Platform
# --------------------------------------------------------------------------


class CommissionTier(Frozen):
    up_to: Money | None = None
    """Upper bound of the order amount this tier or band covers (minor units, inclusive); null for no bound (the last one)."""
    rate: float = Field(ge=0.0, lt=1.0)
    """Share the platform keeps, before tax on the fee (0–<1): of the whole amount (tiered) or of the band's part of it (banded)."""


class Commission(Frozen):
    """What the platform keeps from an order's amount (price and options).

    Three kinds: ``flat`` takes ``rate`` of the whole amount; ``tiered`` takes
    one rate of the whole amount, the rate of the first tier whose ``up_to``
    covers it; ``banded`` cuts the amount into bands at the ``up_to``
    thresholds and takes each band's part at its own rate, as income-tax
    brackets do (TimeTicket: 25% of the part up to ¥50,000, 20% of the part
    from ¥50,000 to ¥100,000, 15% of the part above, so ¥60,000 pays
    50,000 × 25% + 10,000 × 20% = ¥14,500 before tax). Tiers and bands are
    listed in increasing ``up_to``, the last with ``up_to`` null.

    Rounding: the fee is rounded once to the nearest minor unit (halves to
    even), after summing the bands; tax on top of the fee is then rounded the
    same way; an included tax is the rounded fee less its part before tax.
    """

    kind: Literal["flat", "tiered", "banded"] = "flat"
    """flat: one rate on the whole amount; tiered: the rate of the first tier whose up_to covers the amount, on the whole amount; banded: each part of the amount between two thresholds at its own band's rate. The fee is rounded once to the nearest minor unit (halves to even), then tax on it likewise."""
    rate: float = Field(default=0.22, ge=0.0, lt=1.0)
    """Flat commission as a share of the order amount (used when kind is flat)."""
    tiers: tuple[CommissionTier, ...] = Field(default=(), max_length=100)
    """Tiers (kind tiered) or bands (kind banded), in strictly increasing up_to, the last with up_to null (at most 100); ignored when kind is flat."""
    tax_on_fee: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Consumption tax added on top of the fee (share of the fee; TimeTicket 0.10)."""
    tax_included_rate: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Tax rate already included in the rate (Coconala's 22% includes 10%); used to split the fee into fee and tax in the ledger."""

    @model_validator(mode="after")
    def _check(self) -> Commission:
        if self.kind != "flat":
            self._check_tiers()
        rates = [self.rate] + [t.rate for t in self.tiers]
        if max(rates) * (1.0 + self.tax_on_fee) >= 1.0:
            raise ValueError(_("commission with tax must be below 100% of the order amount"))
        return self

    def _check_tiers(self) -> None:
        banded = self.kind == "banded"
        if not self.tiers:
            raise ValueError(
                _("banded commission needs at least one band")
                if banded
                else _("tiered commission needs at least one tier")
            )
        if self.tiers[-1].up_to is not None:
            raise ValueError(
                _("the last band must have up_to null, so that every amount has a rate")
                if banded
                else _("the last tier must have up_to null, so that every amount has a rate")
            )
        bounds = [t.up_to for t in self.tiers[:-1]]
        if any(b is None for b in bounds):
            raise ValueError(
                _("only the last band may have up_to null")
                if banded
                else _("only the last tier may have up_to null")
            )
        previous = 0
        for i, b in enumerate(bounds):
            assert b is not None
            if b <= previous:
                problem = (
                    _("bands must be in strictly increasing up_to above 0 ({where})")
                    if banded
                    else _("tiers must be in strictly increasing up_to above 0 ({where})")
                )
                where = _("tiers.{i}.up_to is {b}, after {previous}").format(
                    i=i, b=b, previous=previous
                )
                raise ValueError(problem.format(where=where))
            previous = b


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
    delay_days: NonNegDays = 2.0
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
    lapse_days: PositiveDays | None = 120.0
    """Earnings not withdrawn within this many days lapse to the platform; null: never."""
    clearing_days: NonNegDays = 0.0
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
    order_room_days: PositiveDays = 120.0
    """An order still open after this many days closes and the seller is paid."""
    late_cancel_days: NonNegDays = 3.0
    """Days past the due date after which a buyer may ask to cancel a late order."""


class RankRule(Frozen):
    name: str = Field(min_length=1, max_length=40)
    """Rank name shown to buyers (Regular, Bronze, …), lowest first in the list."""
    sales_ever: Count = 0
    """Completed paid orders ever needed."""
    sales_in_window: Count = 0
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

    max_cap: int = Field(default=20, ge=1, le=LISTING_CAP_MAX)
    """Largest allowed cap on orders in progress for one listing."""
    off_platform_detection: Probability = 0.3
    """Chance that accepting an off-platform payment offer is detected."""
    warnings_before_suspension: int = Field(default=2, ge=1, le=MAX_COUNT)
    """Account warnings that lead to suspension."""
    suspension_days: PositiveDays = 30.0
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
    ranks: tuple[RankRule, ...] = Field(default=(), max_length=50)
    """Seller ranks, lowest first; empty for a platform without ranks. At most 50 (platforms have a handful): a rank level enters the buyer's utility, so the number of levels bounds it."""
    rank_window_months: int = Field(default=3, ge=1, le=24)
    """Ranks are re-evaluated on the 1st of each month over this many past months."""
    rules: Rules = Rules()
    """Moderation and enforcement."""

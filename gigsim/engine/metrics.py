"""The player's monthly metrics, declared in one place.

Flows (money, orders, hours, lost buyers) accumulate during a month; levels
(rating, reviews, rank, balance) are read when the month closes. The headless
run's tables, the JSON output and the game's dashboard all read these records.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from gigsim.engine.entities import Activity
from gigsim.engine.market import LOSS_REASONS


def _zero_reasons() -> dict[str, int]:
    return dict.fromkeys(LOSS_REASONS, 0)


def _zero_hours() -> dict[str, float]:
    return {a.value: 0.0 for a in Activity}


MONEY_KEYS = (
    "gross_sales",
    "platform_fees",
    "buyer_fees",
    "refunds",
    "payout_fees",
    "net_income",
    "payouts",
    "lapsed",
    "off_platform_income",
)

MONTH_KEYS = (
    "month",
    "label",
    "orders",
    "completed",
    "cancellations",
    "disputes",
    "late_deliveries",
    "revisions",
    *MONEY_KEYS,
    "hours_worked",
    "hours",  # activity -> hours
    "hours_available",
    "utilisation",
    "effective_hourly_wage",
    "rating",
    "reviews",
    "new_reviews",
    "rank",
    "lost_buyers",  # reason -> buyers
    "declined",
    "buyers_in_categories",
    "buyers_won",
    "buyers_waiting",
    "new_listing_days_left",
    "balance",
)
"""A month's figures as the reports give them (``gigsim run --json``, ``months.csv``), in order."""


@dataclass(slots=True)
class MonthStats:
    month: int
    start: float
    end: float
    label: str
    orders: int = 0
    completed: int = 0
    cancellations: int = 0
    disputes: int = 0
    late_deliveries: int = 0
    revisions: int = 0
    gross_sales: int = 0
    platform_fees: int = 0
    buyer_fees: int = 0
    refunds: int = 0
    payout_fees: int = 0
    payouts: int = 0
    off_platform_income: int = 0
    lapsed: int = 0
    hours: dict[str, float] = field(default_factory=_zero_hours)
    hours_available: float = 0.0
    lost_buyers: dict[str, int] = field(default_factory=_zero_reasons)
    declined: int = 0
    buyers_in_categories: int = 0
    # Every buyer counted in buyers_in_categories ends as won, lost or declined, or is still
    # waiting (a public request or an inquiry not yet decided) when a month closes:
    # waiting_before + in_categories == won + sum(lost) + declined + waiting.
    buyers_won: int = 0  # of them, orders placed with the player (returning buyers shop again)
    buyers_waiting_before: int = 0
    buyers_waiting: int = 0  # a level, read at the close
    # public requests that reached the player (a listing of theirs asked), and what came of
    # them: proposals sent (of them by the player's standing rule), passed over by the rule,
    # and proposals decided and won (counted when the buyer chose, at the request's window's
    # end, so a month's decided ones may have been sent the month before); the
    # hours the proposals took are ``hours["proposal"]``. Not among MONTH_KEYS (the run's
    # JSON): the game's month report reads them.
    requests: int = 0
    proposals_sent: int = 0
    proposals_by_rule: int = 0
    requests_passed: int = 0
    proposals_decided: int = 0
    proposals_won: int = 0
    new_listing_days_left: float = 0.0  # of the player's listings' search boost, at the close
    new_reviews: int = 0
    stars_sum_new: int = 0
    # levels at the close
    rating: float = 0.0
    reviews: int = 0
    rank: str = ""
    rank_before: str = ""
    balance: int = 0
    escrow: int = 0
    in_progress: int = 0

    @property
    def net_income(self) -> int:
        return self.gross_sales - self.refunds - self.platform_fees - self.payout_fees - self.lapsed

    @property
    def hours_worked(self) -> float:
        return sum(self.hours.values())

    @property
    def effective_hourly_wage(self) -> float | None:
        h = self.hours_worked
        return self.net_income / h if h > 0 else None

    @property
    def utilisation(self) -> float:
        return self.hours_worked / self.hours_available if self.hours_available > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["net_income"] = self.net_income
        d["hours_worked"] = round(self.hours_worked, 4)
        wage = self.effective_hourly_wage
        d["effective_hourly_wage"] = None if wage is None else round(wage, 2)
        d["utilisation"] = round(self.utilisation, 4)
        d["hours"] = {k: round(v, 4) for k, v in self.hours.items()}
        d["hours_available"] = round(self.hours_available, 4)
        # "no reviews yet" is no rating at all (null), never a 0.0 that averages would count
        d["rating"] = round(self.rating, 4) if self.reviews else None
        d["new_listing_days_left"] = round(self.new_listing_days_left, 4)
        d["start"] = round(self.start, 6)
        d["end"] = round(self.end, 6)
        return d

"""Live actors of a running simulation: sellers, listings, orders, work items.

These are mutable and belong to the engine. Nothing outside the engine holds
them: front ends read immutable snapshots (``gigsim.engine.snapshot``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from gigsim.model.rules import RankWindow

if TYPE_CHECKING:
    from collections.abc import Callable

    from gigsim.model.scenario import Category, Option
    from gigsim.model.schedule import WeeklySchedule


SortKey = tuple[float, int, "Listing"]
"""A listing's place in one of a market's sort orders: (sort value, listing id, listing)."""


class Stage(StrEnum):
    """Where an order is in its cycle."""

    awaiting_reply = "awaiting_reply"
    in_work = "in_work"
    delivered = "delivered"
    in_revision = "in_revision"
    disputed = "disputed"
    done = "done"
    cancelled = "cancelled"


OPEN_STAGES = frozenset(
    {Stage.awaiting_reply, Stage.in_work, Stage.delivered, Stage.in_revision, Stage.disputed}
)


class Activity(StrEnum):
    """What a seller's hour was spent on."""

    work = "work"
    messaging = "messaging"
    revision = "revision"
    proposal = "proposal"
    dispute = "dispute"
    harassment = "harassment"


@dataclass(slots=True)
class WorkItem:
    """A piece of work in a seller's queue, done earliest due date first."""

    seq: int
    due: float
    hours: float
    activity: Activity
    order: Order | None = None
    remaining: float = 0.0
    cancelled: bool = False
    on_done: Callable[[str], None] | None = None  # called with "done" or "cancelled"

    def __post_init__(self) -> None:
        self.remaining = self.hours

    def key(self) -> tuple[float, int]:
        return (self.due, self.seq)


@dataclass(slots=True)
class Seller:
    """A seller, a player's or a computer's: one kind. Hours and money are the seller's, not a listing's.

    Every seller has ``books`` (``gigsim.engine.controllers``): a player's keep what a
    person following the seller reads (events, decisions, orders, months); a computer
    seller's (``NoBooks``) keep nothing. The books also name who answers its decisions.
    """

    id: str
    name: str
    schedule: WeeklySchedule
    overtime: WeeklySchedule | None
    reply_hours: float
    disclosure: float
    id_verified: bool
    licences: frozenset[str]
    skills: dict[str, float]
    strategy: str = "fixed"
    rank: int = 0
    queue: list[tuple[tuple[float, int], WorkItem]] = field(default_factory=list)
    current: WorkItem | None = None
    current_start: float = 0.0
    current_sched: WeeklySchedule | None = None
    work_token: int = 0  # voids the finish timer of an item cancelled in hand
    queued_hours: float = 0.0  # hours left in ``queue`` (cancelled items included until popped)
    free_at: float = 0.0  # a computer seller's planned work is done by then (``Orders.plan``)
    # reputation
    stars_sum: int = 0
    n_reviews: int = 0
    completed: int = 0
    cancelled: int = 0
    sales_ever: int = 0
    # rolling window of settled orders for ranks: (time, amount, completed?)
    window: deque[tuple[float, int, bool]] = field(default_factory=deque)
    overtime_log: deque[tuple[float, float]] = field(default_factory=deque)
    last_sale: float = 0.0
    warnings: int = 0
    suspended_until: float = -1.0
    storm_until: float = -1.0
    left: bool = False
    exit_pending: bool = False
    listings: list[Listing] = field(default_factory=list)
    base_price: int = 0
    hours_spec: tuple[float, float, float] = (0.0, 0.0, 0.0)  # weekday, weekend, overtime a week
    books: Any = None  # controllers.Books (a player's) or controllers.NoBooks (a computer's)

    @property
    def is_player(self) -> bool:
        """Whether a person follows this seller (for readers outside the engine)."""
        follows: bool = self.books.follows
        return follows

    @property
    def rating(self) -> float:
        return self.stars_sum / self.n_reviews if self.n_reviews else 0.0

    @property
    def completion_rate(self) -> float:
        total = self.completed + self.cancelled
        return self.completed / total if total else 1.0

    def rank_window(self, since: float) -> RankWindow:
        """The seller's record over the platform's rank window from ``since`` (older entries go)."""
        win = self.window
        while win and win[0][0] < since:
            win.popleft()
        done = [a for _, a, ok in win if ok]
        n_all = len(win)
        return RankWindow(
            sales_ever=self.sales_ever,
            sales_in_window=len(done),
            amount_in_window=sum(done),
            completion_rate=len(done) / n_all if n_all else 1.0,
            rating=self.rating,
            id_verified=self.id_verified,
        )

    def skill(self, category: str) -> float:
        return self.skills.get(category, 0.5)

    def in_storm(self, t: float) -> bool:
        return t < self.storm_until

    def suspended(self, t: float) -> bool:
        return t < self.suspended_until


@dataclass(slots=True)
class Listing:
    """One service a seller offers in a category."""

    id: int
    seller: Seller
    category: Category
    title: str
    price: int
    options: tuple[Option, ...]
    delivery_days: float
    hours_per_order: float
    cap: int
    status: str  # open | busy | paused | removed
    created: float
    in_progress: int = 0
    recent_sales: int = 0
    sold: int = 0
    # cached search keys, seller's part of the score and choice weight; refreshed by the market
    key: SortKey | None = None
    pkey: SortKey | None = None
    nkey: SortKey | None = None
    base_score: float = 0.0
    weight: float = 0.0
    comps: tuple[float, float, float] = (0.0, 0.0, 0.0)
    comps_basis: tuple[int, float] | None = None  # (price, delivery days) that ``comps`` is for
    boosted: bool = True

    @property
    def full(self) -> bool:
        return self.in_progress >= self.cap

    @property
    def published(self) -> bool:
        return self.status in ("open", "busy") and not self.seller.left

    def buyable(self, t: float) -> bool:
        """Whether a buyer can order it at ``t``: published, not full, its seller not suspended."""
        return self.in_progress < self.cap and self.published and t >= self.seller.suspended_until


@dataclass(slots=True)
class Order:
    """One purchase, from payment into escrow to settlement."""

    id: int
    listing: Listing
    seller: Seller
    buyer_type: str
    placed: float
    due: float
    amount: int  # price + options (what the seller's commission is computed on)
    buyer_fee: int
    hours: float  # work hours of the first delivery
    messaging_hours: float
    options: tuple[str, ...] = ()
    stage: Stage = Stage.awaiting_reply
    escrow: int = 0  # money still held for this order
    refunded: int = 0
    revisions: int = 0
    delivered_at: float | None = None
    first_delivered_at: float | None = None
    settled_at: float | None = None
    quality: float = 0.0
    stars: int | None = None
    via: str = "search"  # search | inquiry | quote | request | repeat
    hours_left: float = 0.0
    item: WorkItem | None = None
    booked: tuple[float, float, float] | None = None  # a planned order's work: (start, done, hours)
    cancel_requested: bool = False
    late_check: bool = False
    outcome: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def open(self) -> bool:
        return self.stage in OPEN_STAGES

    def days_late(self, t: float) -> float:
        return max(0.0, t - self.due)

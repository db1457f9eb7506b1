"""What a seller sees: immutable snapshots for front ends, and the same read for policies.

A snapshot (``take``) is plain frozen data: the game renders it, tests assert
on it, nothing in it refers back to a live actor. A policy reads the same
figures through ``SellerView``, built by the same functions but worked out
only when read (a policy is asked at every decision, and most answers need
one or two figures). Neither lets its reader change the run.

This module reads a run through ``Run`` (what ``State`` provides) and
imports no subsystem.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from gigsim.engine.accounts import ESCROW
from gigsim.engine.actions import SetRequestRule
from gigsim.engine.controllers import Books
from gigsim.engine.decisions import Decision
from gigsim.engine.entities import OPEN_STAGES, Listing, Order, Seller
from gigsim.engine.events import Event
from gigsim.engine.ledger import Ledger
from gigsim.engine.market import CategoryMarket
from gigsim.engine.request_rule import week_of
from gigsim.model import rules
from gigsim.model.scenario import Scenario


class Run(Protocol):
    """What a view reads of a run (``gigsim.engine.state.State`` provides it)."""

    sc: Scenario
    ledger: Ledger
    markets: dict[str, CategoryMarket]
    month_t: list[float]
    month_index: int
    weekday0: int
    rng: Callable[[str], random.Random]

    @property
    def now(self) -> float: ...

    def date_of(self, t: float) -> dt.date: ...


RankNeedView = tuple[str, tuple[tuple[str, int | float], ...]]
"""One thing the next rank needs, as a snapshot holds it: (code, its figures by name)."""


def rank_name(sc: Scenario, level: int) -> str:
    """The name of rank ``level`` (0: none) on the scenario's platform."""
    ranks = sc.platform.ranks
    return ranks[level - 1].name if 0 < level <= len(ranks) else "none"


@dataclass(frozen=True, slots=True)
class ListingView:
    id: int
    category: str
    title: str
    price: int
    delivery_days: float
    hours_per_order: float
    cap: int
    status: str
    in_progress: int
    full: bool
    sold: int
    search_position: int | None
    options: tuple[tuple[str, int, float], ...]  # (name, price, extra hours)

    @property
    def published(self) -> bool:
        """Shown to buyers: open or busy (neither paused nor removed)."""
        return self.status in ("open", "busy")


@dataclass(frozen=True, slots=True)
class OrderView:
    id: int
    listing: int
    stage: str
    placed: float
    due: float
    amount: int
    hours_left: float
    late: bool
    will_be_late: bool
    buyer_type: str
    revisions: int


@dataclass(frozen=True, slots=True)
class DecisionView:
    id: int
    kind: str
    created: float
    deadline: float
    options: tuple[str, ...]
    default: str
    info: tuple[tuple[str, Any], ...]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` in what the decision says (``info``), or ``default``."""
        for k, v in self.info:
            if k == key:
                return v
        return default


@dataclass(frozen=True, slots=True)
class MarketView:
    category: str
    name: str
    median_price: int
    price_floor: int
    sellers: int
    top: tuple[tuple[int, int, float], ...]  # (price, reviews, rating) of the top listings


@dataclass(frozen=True, slots=True)
class Snapshot:
    t: float
    date: str
    month: int
    rating: float
    reviews: int
    rank: str
    next_rank: str  # the rank above, "" at the top or on a platform without ranks
    next_rank_needs: tuple[RankNeedView, ...]  # what it still needs; () when met (on the 1st)
    completion_rate: float
    balance: int
    clearing: int
    in_transit: int
    bank: int
    escrow: int
    escrow_player: int
    hours_week: float
    hours_needed: float
    listings: tuple[ListingView, ...]
    orders: tuple[OrderView, ...]
    decisions: tuple[DecisionView, ...]
    markets: tuple[MarketView, ...]
    month_so_far: dict[str, Any]
    months: tuple[dict[str, Any], ...]
    storm: bool
    suspended: bool
    warnings: int
    balance_lapses: tuple[tuple[int, float], ...]  # (amount, time it lapses) of the balance's parts
    hours: tuple[
        float, float, float, float
    ]  # weekday evening, weekend day, overtime a week, reply hours
    disclosure: float  # how much the player discloses about themselves (0–1)
    request_rule: SetRequestRule | None = None
    """The player's standing rule for public requests (None: every request is asked)."""
    rule_sent_this_week: int = 0
    """Proposals the rule has sent this week (Monday to Sunday)."""


# -- the views, one function each (``take`` and ``SellerView`` share them) ---------------


def listing_view(run: Run, lst: Listing) -> ListingView:
    return ListingView(
        id=lst.id,
        category=lst.category.id,
        title=lst.title,
        price=lst.price,
        delivery_days=lst.delivery_days,
        hours_per_order=lst.hours_per_order,
        cap=lst.cap,
        status=lst.status,
        in_progress=lst.in_progress,
        full=lst.full,
        sold=lst.sold,
        search_position=run.markets[lst.category.id].position(lst),
        options=tuple((o.name, o.price, o.hours) for o in lst.options),
    )


def order_view(run: Run, o: Order) -> OrderView:
    s = o.seller
    now = run.now
    left = 0.0
    if o.item is not None and not o.item.cancelled:
        left = o.item.remaining
        if s.current is o.item and s.current_sched is not None:
            left = max(0.0, left - s.current_sched.hours_between(s.current_start, now))
    finish = s.schedule.finish_time(now, left) if left > 0 else now
    return OrderView(
        id=o.id,
        listing=o.listing.id,
        stage=o.stage.value,
        placed=o.placed,
        due=o.due,
        amount=o.amount,
        hours_left=round(left, 3),
        late=now > o.due and o.first_delivered_at is None,
        will_be_late=o.first_delivered_at is None and finish > o.due,
        buyer_type=o.buyer_type,
        revisions=o.revisions,
    )


def decision_view(d: Decision) -> DecisionView:
    return DecisionView(
        d.id,
        d.kind.value,
        d.created,
        d.deadline,
        d.options,
        d.default,
        tuple(sorted(d.info.items())),
    )


def market_views(run: Run) -> tuple[MarketView, ...]:
    """Every category: its median and floor, how many sell in it, and its top five."""
    views = []
    for cid, mk in run.markets.items():
        top = tuple(
            (lst.price, lst.seller.n_reviews, round(lst.seller.rating, 2)) for lst in mk.top(5)
        )
        views.append(
            MarketView(cid, mk.cat.name, mk.cat.median_price, mk.cat.price_floor, len(mk.keys), top)
        )
    return tuple(views)


def next_rank(run: Run, p: Seller) -> tuple[str, tuple[RankNeedView, ...]]:
    """The rank above the seller's ("" at the top or without ranks) and what it still needs
    (codes and figures, ``rules.next_rank_needs``; ``gigsim.text.codes`` words them)."""
    sc = run.sc
    ranks = sc.platform.ranks
    window = sc.platform.rank_window_months
    since = run.month_t[max(0, run.month_index + 1 - window)]
    needs = rules.next_rank_needs(ranks, p.rank_window(since), p.rank, window)
    above = ranks[p.rank].name if sc.mechanisms.ranks and p.rank < len(ranks) else ""
    return above, tuple((code, tuple(sorted(args.items()))) for code, args in needs)


def balance_lapses(run: Run, b: Books) -> tuple[tuple[int, float], ...]:
    """(amount, time it lapses) of each part of the balance, with a lapse rule."""
    lapse = run.sc.platform.payout.lapse_days
    return tuple(
        (int(amount), round(t + lapse, 6))
        for t, amount in b.balance_lots
        if lapse is not None and amount >= 1
    )


def month_so_far(run: Run, p: Seller, b: Books) -> dict[str, Any]:
    """The current month's figures; its available hours are those up to now (the month close sets the full figure)."""
    d = b.cur.as_dict()
    d["hours_available"] = round(p.schedule.hours_between(b.cur.start, run.now), 4)
    return d


def backlog_hours(p: Seller) -> float:
    """Hours of work queued or in hand (the item in hand as it was when taken up)."""
    hours = sum(item.remaining for _, item in p.queue if not item.cancelled)
    return hours + (p.current.remaining if p.current is not None else 0.0)


def take(run: Run, p: Seller) -> Snapshot:
    """What the player selling as ``p`` sees now."""
    b: Books = p.books
    ledger = run.ledger
    now = run.now
    orders = tuple(order_view(run, o) for o in b.orders.values() if o.stage in OPEN_STAGES)
    above, needs = next_rank(run, p)
    return Snapshot(
        t=now,
        date=run.date_of(now).isoformat(),
        month=run.month_index + 1,
        rating=round(p.rating, 3),
        reviews=p.n_reviews,
        rank=rank_name(run.sc, p.rank),
        next_rank=above,
        next_rank_needs=needs,
        completion_rate=round(p.completion_rate, 4),
        balance=ledger.balance(b.balance),
        clearing=ledger.balance(b.clearing),
        in_transit=ledger.balance(b.payout),
        bank=ledger.balance(b.bank),
        escrow=ledger.balance(ESCROW),
        escrow_player=sum(o.escrow for o in b.orders.values() if o.open),
        hours_week=p.schedule.weekly_hours,
        hours_needed=round(sum(o.hours_left for o in orders), 3),
        listings=tuple(listing_view(run, lst) for lst in p.listings),
        orders=orders,
        decisions=tuple(decision_view(d) for d in b.pending.values()),
        markets=market_views(run),
        month_so_far=month_so_far(run, p, b),
        months=tuple(m.as_dict() for m in b.months),
        storm=p.in_storm(now),
        suspended=p.suspended(now),
        warnings=p.warnings,
        balance_lapses=balance_lapses(run, b),
        hours=(*p.hours_spec, p.reply_hours),
        disclosure=p.disclosure,
        request_rule=b.rule.rule,
        rule_sent_this_week=b.rule.sent_this_week(week_of(now, run.weekday0)),
    )


class SellerView:
    """What one seller sees now, read-only: the door a policy uses, as a person uses a snapshot.

    A policy is handed one with every decision (``DecideFn``) and weekly review
    (``ReviewFn``). Each figure is worked out when read, by the functions that
    build ``Snapshot``; ``snapshot()`` gives the whole of it (for a followed
    seller). Nothing read from it is a live object: numbers, strings, frozen
    views, the scenario (frozen) and the seller's events as recorded. ``rng``
    is the policy's own random stream, the one thing a policy may change.
    """

    __slots__ = ("_run", "_seller")

    def __init__(self, run: Run, seller: Seller) -> None:
        self._run = run
        self._seller = seller

    @property
    def id(self) -> str:
        return self._seller.id

    @property
    def now(self) -> float:
        """The time, in days since the scenario's start."""
        return self._run.now

    @property
    def scenario(self) -> Scenario:
        """The run's scenario: the platform's rules, the categories, the market."""
        return self._run.sc

    @property
    def rng(self) -> random.Random:
        """The policy's own random stream (each policy draws from its own)."""
        return self._run.rng(self._seller.books.policy_stream)

    @property
    def reply_hours(self) -> float:
        """The seller's usual time to answer a message, in hours."""
        return self._seller.reply_hours

    @property
    def reviews(self) -> int:
        return self._seller.n_reviews

    @property
    def rating(self) -> float:
        """The average of the reviews' stars, exact (the snapshot rounds it), 0 with none."""
        return self._seller.rating

    @property
    def hours_week(self) -> float:
        """Hours a week the seller's schedule offers."""
        return self._seller.schedule.weekly_hours

    @property
    def backlog_hours(self) -> float:
        return backlog_hours(self._seller)

    @property
    def balance(self) -> int:
        """The platform balance the seller may withdraw."""
        return self._run.ledger.balance(self._seller.books.balance)

    @property
    def listings(self) -> tuple[ListingView, ...]:
        return tuple(listing_view(self._run, lst) for lst in self._seller.listings)

    def listing(self, listing_id: object) -> ListingView | None:
        """The seller's listing of that id, or None."""
        lst = next((x for x in self._seller.listings if x.id == listing_id), None)
        return None if lst is None else listing_view(self._run, lst)

    def events_since(self, t: float) -> tuple[Event, ...]:
        """The followed seller's events from time ``t`` on, oldest first (none for a computer seller)."""
        events: Sequence[Event] = self._seller.books.events
        i = len(events)
        while i > 0 and events[i - 1].t >= t:
            i -= 1
        return tuple(events[i:])

    def snapshot(self) -> Snapshot:
        """Everything a person following the seller sees now (``Engine.snapshot``)."""
        return take(self._run, self._seller)

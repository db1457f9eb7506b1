"""Immutable snapshots of a run for front ends.

A snapshot is plain frozen data: the game renders it, tests assert on it,
nothing in it refers back to a live actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gigsim.engine.accounts import ESCROW
from gigsim.engine.controllers import Books
from gigsim.engine.entities import OPEN_STAGES, Seller
from gigsim.engine.state import rank_name

if TYPE_CHECKING:
    from gigsim.engine.world import World


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
    next_rank_needs: tuple[str, ...]  # what it still needs; () when met (awarded on the 1st)
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


def _order_view(w: World, o: Any) -> OrderView:
    s = o.seller
    left = 0.0
    if o.item is not None and not o.item.cancelled:
        left = o.item.remaining
        if s.current is o.item and s.current_sched is not None:
            left = max(0.0, left - s.current_sched.hours_between(s.current_start, w.now))
    finish = s.schedule.finish_time(w.now, left) if left > 0 else w.now
    return OrderView(
        id=o.id,
        listing=o.listing.id,
        stage=o.stage.value,
        placed=o.placed,
        due=o.due,
        amount=o.amount,
        hours_left=round(left, 3),
        late=w.now > o.due and o.first_delivered_at is None,
        will_be_late=o.first_delivered_at is None and finish > o.due,
        buyer_type=o.buyer_type,
        revisions=o.revisions,
    )


def take(w: World, p: Seller) -> Snapshot:
    """What the player selling as ``p`` sees now."""
    from gigsim.model import rules
    from gigsim.text import units

    b: Books = p.books
    ledger = w.ledger
    orders = tuple(_order_view(w, o) for o in b.orders.values() if o.stage in OPEN_STAGES)
    listings = tuple(
        ListingView(
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
            search_position=w.markets[lst.category.id].position(lst),
            options=tuple((o.name, o.price, o.hours) for o in lst.options),
        )
        for lst in p.listings
    )
    decisions = tuple(
        DecisionView(
            d.id,
            d.kind.value,
            d.created,
            d.deadline,
            d.options,
            d.default,
            tuple(sorted(d.info.items())),
        )
        for d in b.pending.values()
    )
    markets = []
    for cid, mk in w.markets.items():
        top = tuple(
            (lst.price, lst.seller.n_reviews, round(lst.seller.rating, 2)) for lst in mk.top(5)
        )
        markets.append(
            MarketView(cid, mk.cat.name, mk.cat.median_price, mk.cat.price_floor, len(mk.keys), top)
        )
    since = w.month_t[max(0, w.month_index + 1 - w.sc.platform.rank_window_months)]
    stats = w.month_closer.window_stats(p, since)
    ranks = w.sc.platform.ranks
    needs = tuple(
        rules.next_rank_needs(
            ranks,
            stats,
            p.rank,
            lambda amount: units.money(amount, w.sc.currency),
            w.sc.platform.rank_window_months,
        )
    )
    lapse = w.sc.platform.payout.lapse_days
    lapses = tuple(
        (int(amount), round(t + lapse, 6))
        for t, amount in b.balance_lots
        if lapse is not None and amount >= 1
    )
    hours_needed = sum(o.hours_left for o in orders)
    return Snapshot(
        t=w.now,
        date=w.date_of(w.now).isoformat(),
        month=w.month_index + 1,
        rating=round(p.rating, 3),
        reviews=p.n_reviews,
        rank=rank_name(w.sc, p.rank),
        next_rank=ranks[p.rank].name if w.sc.mechanisms.ranks and p.rank < len(ranks) else "",
        next_rank_needs=needs,
        completion_rate=round(p.completion_rate, 4),
        balance=ledger.balance(b.balance),
        clearing=ledger.balance(b.clearing),
        in_transit=ledger.balance(b.payout),
        bank=ledger.balance(b.bank),
        escrow=ledger.balance(ESCROW),
        escrow_player=sum(o.escrow for o in b.orders.values() if o.open),
        hours_week=p.schedule.weekly_hours,
        hours_needed=round(hours_needed, 3),
        listings=listings,
        orders=orders,
        decisions=decisions,
        markets=tuple(markets),
        month_so_far=_month_so_far(w, p, b),
        months=tuple(m.as_dict() for m in b.months),
        storm=p.in_storm(w.now),
        suspended=p.suspended(w.now),
        warnings=p.warnings,
        balance_lapses=lapses,
        hours=(*p.hours_spec, p.reply_hours),
        disclosure=p.disclosure,
    )


def _month_so_far(w: World, p: Seller, b: Books) -> dict[str, Any]:
    """The current month's figures; its available hours are those up to now (the month close sets the full figure)."""
    d = b.cur.as_dict()
    d["hours_available"] = round(p.schedule.hours_between(b.cur.start, w.now), 4)
    return d

"""Month closes: rank evaluation on a rolling window, the month's record, lapse warnings.

Only sellers with something to evaluate are visited (the player, and computer
sellers with sales in the window or a rank above their floor), so a large
market of idle listings costs nothing at a month's close.
"""

from __future__ import annotations

from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.competitors import Competitors
from gigsim.engine.controllers import Books
from gigsim.engine.entities import Order, Seller
from gigsim.engine.metrics import MonthStats
from gigsim.engine.money import Money
from gigsim.engine.snapshot import rank_name
from gigsim.engine.state import State
from gigsim.model import rules


class MonthCloser:
    """Month closes. Collaborators: the run's state, ``Money`` (stale order rooms settle)
    and ``Competitors`` (entries)."""

    def __init__(self, state: State, money: Money, competitors: Competitors) -> None:
        self.w = state
        self.money = money
        self.competitors = competitors
        state.kernel.subscribe(ev.ORDER_SETTLED, self.on_settled)

    def on_settled(self, o: Order, cancelled: bool, forced_stars: int | None) -> None:
        """A computer seller's settled order puts its rank under watch (the window changed);
        players' ranks are evaluated at every close."""
        if not o.seller.books.follows:
            self.w.rank_watch.add(o.seller.id)

    def evaluate(self, s: Seller, since: float) -> bool:
        """Re-evaluate a seller's rank; True while the seller should stay watched."""
        w = self.w
        ranks = w.sc.platform.ranks
        stats = s.rank_window(since)
        old_rank = s.rank
        new = rules.evaluate_rank(ranks, stats, s.rank)
        if new != s.rank:
            old = s.rank
            s.rank = new
            w.refresh_seller(s)
            s.books.emit(ev.RANK_CHANGED, old=rank_name(w.sc, old), new=rank_name(w.sc, new))
        # an empty window and an unchanged rank stay so until the next sale re-adds the seller
        return bool(s.window) or new != old_rank

    def run(self) -> None:
        """Wait for the end of the month under way, close it, and wait for the next one."""
        w = self.w
        i = w.month_index
        w.at(w.month_t[i + 1] - w.now, partial(self._month_over, i))

    def _month_over(self, i: int) -> None:
        self.close(i)
        self.run()

    def close_stale_rooms(self) -> None:
        """Orders open longer than the platform's order-room limit close and the seller is paid."""
        w = self.w
        limit = w.sc.platform.timings.order_room_days
        for o in [o for o in w.open_orders.values() if w.now - o.placed > limit]:
            self.money.settle(o, refund=0, outcome="order room closed: the seller is paid")

    def close(self, i: int) -> None:
        """Close month ``i`` (0-based): order rooms, ranks, each player's record, entries."""
        w = self.w
        self.close_stale_rooms()
        players = [(w.sellers[b.seller_id], b) for b in w.books]
        for p, b in players:
            b.cur.rank_before = rank_name(w.sc, p.rank)
        if w.sc.mechanisms.ranks and w.sc.platform.ranks:
            j = max(0, i + 1 - w.sc.platform.rank_window_months)
            since = w.month_t[j]
            for p, _ in players:
                self.evaluate(p, since)
            for sid in sorted(w.rank_watch):
                s = w.sellers.get(sid)
                if s is None or s.left or not self.evaluate(s, since):
                    w.rank_watch.discard(sid)
        records = [self.record(p, b) for p, b in players]
        w.month_index = i + 1
        for (_, b), m in zip(players, records, strict=True):
            b.cur = w.new_month(i + 1)
            b.cur.buyers_waiting_before = m.buyers_waiting
            b.orders = {k: o for k, o in b.orders.items() if o.open}
            b.emit(
                ev.MONTH_CLOSED,
                month=m.month,
                label=m.label,
                net_income=m.net_income,
                orders=m.orders,
                rating=round(m.rating, 3),
                reviews=m.reviews,
                rank=m.rank,
            )
            self.warn_lapses(b)
        if w.sc.mechanisms.competitors:
            self.competitors.entries()
        for hook in w.month_hooks:
            hook()

    def record(self, p: Seller, b: Books) -> MonthStats:
        """The player's month in progress, completed with its closing figures and stored."""
        w = self.w
        m = b.cur
        m.rating = p.rating
        m.reviews = p.n_reviews
        m.rank = rank_name(w.sc, p.rank)
        m.balance = w.ledger.balance(b.balance)
        m.escrow = sum(o.escrow for o in b.orders.values() if o.open)
        m.in_progress = sum(lst.in_progress for lst in p.listings)
        m.hours_available = p.schedule.hours_between(m.start, m.end)
        m.buyers_waiting = b.waiting
        boost = w.sc.market.search.new_boost_days
        m.new_listing_days_left = max(
            (lst.created + boost - w.now for lst in p.listings if lst.boosted), default=0.0
        )
        b.months.append(m)
        return m

    def warn_lapses(self, b: Books) -> None:
        """Warn, once, of balance that lapses within a month after the month now starting.

        With the usual 120-day lapse that is between one and two months ahead: time to
        withdraw. One event for all the parts concerned, with the first and last dates.
        """
        w = self.w
        lapse = w.sc.platform.payout.lapse_days
        if lapse is None:
            return
        horizon = b.cur.end + 31.0
        due = []
        for t, amount in b.balance_lots:
            if amount >= 1 and t + lapse < horizon and t not in b.lapse_warned:
                b.lapse_warned.add(t)
                due.append((t + lapse, int(amount)))
        if due:
            first, last = min(due)[0], max(due)[0]
            b.emit(
                ev.BALANCE_LAPSE_SOON,
                amount=sum(a for _, a in due),
                lapses_at=round(first, 6),
                date=w.date_of(first).isoformat(),
                last_date=w.date_of(last).isoformat(),
            )

"""Month closes: rank evaluation on a rolling window, the month's record, lapse warnings.

Only sellers with something to evaluate are visited (the player, and computer
sellers with sales in the window or a rank above their floor), so a large
market of idle listings costs nothing at a month's close.
"""

from __future__ import annotations

from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.accounts import P_BALANCE
from gigsim.engine.buyers import Buyers
from gigsim.engine.competitors import Competitors
from gigsim.engine.entities import Order, Seller
from gigsim.engine.money import Money
from gigsim.engine.state import State, rank_name
from gigsim.model import rules


class MonthCloser:
    """Month closes. Collaborators: the run's state, ``Money`` (stale order rooms settle),
    ``Competitors`` (entries) and ``Buyers`` (buyers still waiting at the close)."""

    def __init__(
        self, state: State, money: Money, competitors: Competitors, buyers: Buyers
    ) -> None:
        self.w = state
        self.money = money
        self.competitors = competitors
        self.buyers = buyers
        state.kernel.subscribe(ev.ORDER_SETTLED, self.on_settled)

    def on_settled(self, o: Order, cancelled: bool, forced_stars: int | None) -> None:
        """A computer seller's settled order puts its rank under watch (the window changed)."""
        if not o.seller.is_player:
            self.w.rank_watch.add(o.seller.id)

    def window_stats(self, s: Seller, since: float) -> rules.RankWindow:
        win = s.window
        while win and win[0][0] < since:
            win.popleft()
        done = [a for _, a, ok in win if ok]
        n_all = len(win)
        return rules.RankWindow(
            sales_ever=s.sales_ever,
            sales_in_window=len(done),
            amount_in_window=sum(done),
            completion_rate=len(done) / n_all if n_all else 1.0,
            rating=s.rating,
            id_verified=s.id_verified,
        )

    def evaluate(self, s: Seller, since: float) -> bool:
        """Re-evaluate a seller's rank; True while the seller should stay watched."""
        w = self.w
        ranks = w.sc.platform.ranks
        stats = self.window_stats(s, since)
        old_rank = s.rank
        new = rules.evaluate_rank(ranks, stats, s.rank)
        if new != s.rank:
            old = s.rank
            s.rank = new
            w.refresh_seller(s)
            if s.is_player:
                w.emit(ev.RANK_CHANGED, old=rank_name(w.sc, old), new=rank_name(w.sc, new))
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
        w = self.w
        self.close_stale_rooms()
        m = w.cur
        m.rank_before = rank_name(w.sc, w.player.rank)
        if w.sc.mechanisms.ranks and w.sc.platform.ranks:
            j = max(0, i + 1 - w.sc.platform.rank_window_months)
            since = w.month_t[j]
            self.evaluate(w.player, since)
            for sid in sorted(w.rank_watch):
                s = w.sellers.get(sid)
                if s is None or s.left or not self.evaluate(s, since):
                    w.rank_watch.discard(sid)
        p = w.player
        m.rating = p.rating
        m.reviews = p.n_reviews
        m.rank = rank_name(w.sc, p.rank)
        m.balance = w.ledger.balance(P_BALANCE)
        m.escrow = sum(o.escrow for o in w.player_orders.values() if o.open)
        m.in_progress = sum(lst.in_progress for lst in p.listings)
        m.hours_available = p.schedule.hours_between(m.start, m.end)
        m.buyers_waiting = self.buyers.waiting
        boost = w.sc.market.search.new_boost_days
        m.new_listing_days_left = max(
            (lst.created + boost - w.now for lst in p.listings if lst.boosted), default=0.0
        )
        w.months.append(m)
        w.month_index = i + 1
        w.cur = w.new_month(i + 1)
        w.cur.buyers_waiting_before = m.buyers_waiting
        w.player_orders = {k: o for k, o in w.player_orders.items() if o.open}
        w.emit(
            ev.MONTH_CLOSED,
            month=m.month,
            label=m.label,
            net_income=m.net_income,
            orders=m.orders,
            rating=round(m.rating, 3),
            reviews=m.reviews,
            rank=m.rank,
        )
        self.warn_lapses()
        if w.sc.mechanisms.competitors:
            self.competitors.entries()
        for hook in w.month_hooks:
            hook()

    def warn_lapses(self) -> None:
        """Warn, once, of balance that lapses within a month after the month now starting.

        With the usual 120-day lapse that is between one and two months ahead: time to
        withdraw. One event for all the parts concerned, with the first and last dates.
        """
        w = self.w
        lapse = w.sc.platform.payout.lapse_days
        if lapse is None:
            return
        horizon = w.cur.end + 31.0
        due = []
        for t, amount in w.balance_lots:
            if amount >= 1 and t + lapse < horizon and t not in w.lapse_warned:
                w.lapse_warned.add(t)
                due.append((t + lapse, int(amount)))
        if due:
            first, last = min(due)[0], max(due)[0]
            w.emit(
                ev.BALANCE_LAPSE_SOON,
                amount=sum(a for _, a in due),
                lapses_at=round(first, 6),
                date=w.date_of(first).isoformat(),
                last_date=w.date_of(last).isoformat(),
            )

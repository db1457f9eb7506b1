"""Month closes: rank evaluation on a rolling window, metrics, entries and exits.

Only sellers with something to evaluate are visited (the player, and computer
sellers with sales in the window or a rank above their floor), so a large
market of idle listings costs nothing at a month's close.
"""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

from gigsim.engine import events as ev
from gigsim.engine.entities import Seller
from gigsim.engine.money import P_BALANCE
from gigsim.engine.rng import poisson
from gigsim.engine.world import MAX_MONTHS
from gigsim.model import rules
from gigsim.model.market_rules import DAYS_PER_MONTH

if TYPE_CHECKING:
    from gigsim.engine.world import World


def rank_name(w: World, level: int) -> str:
    ranks = w.sc.platform.ranks
    return ranks[level - 1].name if 0 < level <= len(ranks) else "none"


class MonthCloser:
    def __init__(self, world: World) -> None:
        self.w = world

    def on_sale(self, s: Seller) -> None:
        self.w.rank_watch.add(s.id)
        self.schedule_exit_check(s)

    def on_settled(self, s: Seller) -> None:
        if not s.is_player:
            self.w.rank_watch.add(s.id)

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
                w.emit(ev.RANK_CHANGED, old=rank_name(w, old), new=rank_name(w, new))
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
            w.money.settle(o, refund=0, outcome="order room closed: the seller is paid")

    def close(self, i: int) -> None:
        w = self.w
        self.close_stale_rooms()
        m = w.cur
        m.rank_before = rank_name(w, w.player.rank)
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
        m.rank = rank_name(w, p.rank)
        m.balance = w.ledger.balance(P_BALANCE)
        m.escrow = sum(o.escrow for o in w.player_orders.values() if o.open)
        m.in_progress = sum(lst.in_progress for lst in p.listings)
        m.hours_available = p.schedule.hours_between(m.start, m.end)
        m.buyers_waiting = w.buyers.waiting
        boost = w.sc.market.search.new_boost_days
        m.new_listing_days_left = max(
            (lst.created + boost - w.now for lst in p.listings if lst.boosted), default=0.0
        )
        w.months.append(m)
        w.month_index = i + 1
        w.cur = w._new_month(i + 1)
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
            self.entries()
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

    def entries(self) -> None:
        """New computer sellers enter each category the platform opens to them."""
        from gigsim.engine.setup import make_competitor, open_to_competitors

        w = self.w
        rng = w.rng("competitors:entry")
        for cat in w.sc.categories:
            if not open_to_competitors(cat):
                continue  # banned, or a licence no computer seller holds
            for _ in range(poisson(rng, w.sc.competitors.entries_per_month)):
                s = make_competitor(w, cat, rng, new=True)
                w.emit(
                    ev.COMPETITOR_ENTERED, seller=s.id, category=cat.id, price=s.listings[0].price
                )

    def schedule_exit_check(self, s: Seller) -> None:
        """An idle computer seller may leave: at most one pending timer per seller, not one a month."""
        w = self.w
        c = w.sc.competitors
        if s.is_player or s.exit_pending or not w.sc.mechanisms.competitors or c.exit_prob <= 0:
            return
        s.exit_pending = True
        rng = w.rng("competitors:exit")
        # idle months before the seller leaves: geometric, with log1p so that a tiny
        # exit_prob does not round 1 - p to 1 (a division by zero)
        span = math.log(1.0 - rng.random()) / math.log1p(-c.exit_prob) if c.exit_prob < 1 else 0.0
        if not span < MAX_MONTHS:
            return  # so tiny an exit_prob that the seller outstays the longest game
        months = 1 + int(span)
        # nobody leaves before the market has run a month, however long they were idle before
        month = DAYS_PER_MONTH
        at = max(w.now + month, s.last_sale + c.exit_idle_days) + month * (months - 1)
        w.at(at - w.now, partial(self._exit_check, s, s.last_sale))

    def _exit_check(self, s: Seller, marker: float) -> None:
        """The seller leaves if it has not sold since ``marker`` and holds no order."""
        s.exit_pending = False
        if s.left:
            return
        if s.last_sale != marker or any(lst.in_progress for lst in s.listings):
            self.schedule_exit_check(s)  # sold since: idle time counts from the last sale
            return
        s.left = True
        w = self.w
        for lst in s.listings:
            w.markets[lst.category.id].remove(lst)
        w.emit(ev.COMPETITOR_LEFT, seller=s.id, sales=sum(lst.sold for lst in s.listings))

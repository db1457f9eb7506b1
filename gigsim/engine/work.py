"""The seller's working time: one queue, earliest due date first, on the weekly schedule.

Hours come from the seller's own schedule (evenings and weekends for a side
gig), with overtime when an order would otherwise be late, and fatigue from
it. Only the player's hours are recorded, by activity and month. A computer
seller's planned orders book their hours in advance instead (``plan_work``).
When a seller takes up an order's work, the bus hears when it will be
finished (``WORK_STARTED``). Collaborators: the run's state only.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.controllers import Books, NoBooks
from gigsim.engine.entities import Activity, Order, Seller, WorkItem
from gigsim.engine.state import State
from gigsim.model import market_rules
from gigsim.model.schedule import WeeklySchedule


class Work:
    """Each seller's work, driven by timers rather than a process per seller.

    A seller has at most one item in hand (``Seller.current``) and one timer
    for its finish; a token on the seller voids that timer when the item is
    cancelled part-way. Queued items wait in an earliest-due-date heap. When
    an item finishes, the seller picks the next one at once, then the
    item's ``on_done`` learns that it is done.
    """

    def __init__(self, state: State) -> None:
        self.w = state
        self.kernel = state.kernel
        self.fatigue_on = state.sc.mechanisms.fatigue
        self.disputes_on = state.sc.mechanisms.disputes

    def enqueue(self, s: Seller, item: WorkItem) -> None:
        heapq.heappush(s.queue, (item.key(), item))
        s.queued_hours += item.remaining
        if s.current is None:
            self._start_next(s)

    def new_item(
        self,
        due: float,
        hours: float,
        activity: Activity,
        order: Order | None = None,
        on_done: Callable[[str], None] | None = None,
    ) -> WorkItem:
        """A work item; ``on_done`` is called with "done" or "cancelled"."""
        return WorkItem(self.kernel.next_seq(), due, hours, activity, order, on_done=on_done)

    def _start_next(self, s: Seller) -> None:
        """The seller takes the queued item due first, on normal hours or overtime if it would be late."""
        now = self.kernel.now
        queue = s.queue
        while queue:
            _, item = heapq.heappop(queue)
            s.queued_hours -= item.remaining
            if item.cancelled:
                continue
            sched = s.schedule
            finish = sched.finish_time(now, item.remaining)
            if s.overtime is not None and finish > item.due:
                sched = s.overtime
                finish = sched.finish_time(now, item.remaining)
            s.current, s.current_start, s.current_sched = item, now, sched
            if self.disputes_on and item.order is not None and item.activity == Activity.work:
                self.kernel.publish(ev.WORK_STARTED, item.order, finish)
            s.work_token += 1
            self.kernel.at(finish - now, partial(self._finished, s, s.work_token))
            return
        s.queued_hours = 0.0  # an empty queue holds no hours (clears rounding residue)

    def _finished(self, s: Seller, token: int) -> None:
        if token != s.work_token:  # the item was cancelled while in hand
            return
        item = s.current
        assert item is not None
        self._stop(s, item, item.remaining)
        self._start_next(s)
        self._notify(item, "done")

    def _stop(self, s: Seller, item: WorkItem, worked: float) -> None:
        """Book ``worked`` hours of the item in hand and put it down."""
        now = self.kernel.now
        start, sched = s.current_start, s.current_sched
        item.remaining -= worked
        if item.remaining < 1e-9:
            item.remaining = 0.0
        s.current = None
        s.current_sched = None
        if sched is not s.schedule and self.fatigue_on and sched is not None:
            extra = worked - min(worked, s.schedule.hours_between(start, now))
            if extra > 0:
                s.overtime_log.append((now, extra))
        self.record_hours(s, s.books, item, start, now, worked)

    @staticmethod
    def _notify(item: WorkItem, result: str) -> None:
        if item.on_done is not None:
            cb, item.on_done = item.on_done, None
            cb(result)

    def change_hours(
        self, s: Seller, schedule: WeeklySchedule, overtime: WeeklySchedule | None
    ) -> None:
        """New working hours: the item in hand is put down (the hours so far count on
        the old hours) and taken up again on the new ones."""
        item = s.current
        if item is not None:
            sched = s.current_sched
            assert sched is not None
            worked = min(item.remaining, sched.hours_between(s.current_start, self.kernel.now))
            s.work_token += 1
            self._stop(s, item, worked)
        s.schedule, s.overtime = schedule, overtime
        if item is None:
            return
        if item.remaining > 0:
            heapq.heappush(s.queue, (item.key(), item))
            s.queued_hours += item.remaining
            self._start_next(s)
        else:
            self._start_next(s)
            self._notify(item, "done")

    def cancel_item(self, s: Seller, item: WorkItem) -> None:
        """Drop an item: queued, it is skipped when reached; in hand, the hours so far count."""
        if item.cancelled:
            return
        item.cancelled = True
        if s.current is item:
            sched = s.current_sched
            assert sched is not None
            worked = min(item.remaining, sched.hours_between(s.current_start, self.kernel.now))
            s.work_token += 1
            self._stop(s, item, worked)
            self._start_next(s)
        self._notify(item, "cancelled")

    def record_hours(
        self, s: Seller, b: Books | NoBooks, item: WorkItem, t0: float, t1: float, worked: float
    ) -> None:
        """Split the seller's hours across month boundaries and activities, in their books."""
        if worked <= 0:
            return
        order = item.order
        shares: list[tuple[str, float]]
        if item.activity == Activity.work and order is not None and order.messaging_hours > 0:
            done_before = item.hours - item.remaining - worked
            msg_left = max(0.0, order.messaging_hours - done_before)
            msg = min(worked, msg_left)
            shares = [
                (Activity.messaging.value, msg / worked),
                (Activity.work.value, 1 - msg / worked),
            ]
        else:
            shares = [(item.activity.value, 1.0)]
        sched = s.schedule
        i = self.w.month_of(t0)
        while True:
            m_end = self.w.month_t[i + 1]
            seg_end = min(t1, m_end)
            if seg_end >= t1 or i + 1 >= len(self.w.month_t) - 1:
                seg = worked
            else:
                seg = min(worked, sched.hours_between(t0, seg_end) if t1 > t0 else worked)
            stats = b.cur if i == self.w.month_index else None
            if stats is None and i < len(b.months):
                stats = b.months[i]
            if stats is not None:
                for name, share in shares:
                    stats.hours[name] += seg * share
            worked -= seg
            if worked <= 1e-12 or seg_end >= t1:
                break
            t0 = seg_end
            i += 1

    def fatigue(self, s: Seller, t: float | None = None) -> float:
        """Fatigue at ``t`` (default now) from the seller's overtime in the ``fatigue_days`` before it.

        A computer seller's log can run ahead of now (its work is planned,
        ``Orders.plan``), so only entries up to ``t`` count.
        """
        if not self.fatigue_on:
            return 0.0
        log = s.overtime_log
        if not log:
            return 0.0
        now = self.kernel.now
        if t is None:
            t = now
        m = self.w.sc.market
        days = m.fatigue_days
        while log and log[0][0] < now - days:
            log.popleft()
        return market_rules.fatigue(sum(h for u, h in log if t - days <= u <= t), m)

    # -- a computer seller's work, booked in advance (planned orders) -----------
    def plan_work(self, s: Seller, ready: float, hours: float, due: float) -> float:
        """Book ``hours`` of a computer seller's work from ``ready`` on; returns when it is done.

        The seller works through orders in the order they came (for one
        listing, that is earliest due first), on normal hours or on overtime
        when the work would otherwise be late, and overtime is logged for fatigue.
        """
        start = ready if ready > s.free_at else s.free_at
        sched = s.schedule
        done = sched.finish_time(start, hours)
        if s.overtime is not None and done > due:
            done = s.overtime.finish_time(start, hours)
            if self.fatigue_on:
                extra = hours - min(hours, sched.hours_between(start, done))
                if extra > 0:
                    s.overtime_log.append((done, extra))
        s.free_at = done
        return done

    def settled_early(self, o: Order) -> None:
        """A planned order settled before its work was done (cancelled, or its order room closed).

        It was never delivered, as in the step-by-step cycle, and the hours it
        had not yet taken are given back to the seller's later work.
        """
        now = self.kernel.now
        if o.first_delivered_at is not None and o.first_delivered_at > now:
            o.first_delivered_at = o.delivered_at = None
            o.quality = 0.0
            o.revisions = 0
            o.extra.pop("experience", None)
        booked = o.booked
        o.booked = None
        s = o.seller
        if booked is None or booked[1] <= now or s.free_at <= now:
            return
        start, _, hours = booked
        sched = s.schedule
        unworked = hours if start >= now else max(0.0, hours - sched.hours_between(start, now))
        left = sched.hours_between(now, s.free_at) - unworked
        s.free_at = min(s.free_at, sched.finish_time(now, left) if left > 1e-9 else now)

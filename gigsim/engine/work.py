"""The seller's working time: one queue, earliest due date first, on the weekly schedule.

Hours come from the seller's own schedule (evenings and weekends for a side
gig), with overtime when an order would otherwise be late, and fatigue from
it. Only the player's hours are recorded, by activity and month. Part of the
running ``World``; must not import Textual.
"""

from __future__ import annotations

import heapq
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import simpy

from gigsim.engine.entities import Activity, Order, Seller, WorkItem

if TYPE_CHECKING:
    from gigsim.engine.world import World


class Work:
    def __init__(self, world: World) -> None:
        self.w = world

    def enqueue(self, s: Seller, item: WorkItem) -> None:
        heapq.heappush(s.queue, (item.key(), item))
        if s.proc is None:
            s.proc = self.w.env.process(self.work_on_orders(s))
        elif s.wake is not None and not s.wake.triggered:
            s.wake.succeed()

    def new_item(
        self, due: float, hours: float, activity: Activity, order: Order | None = None
    ) -> WorkItem:
        item = WorkItem(next(self.w._seq), due, hours, activity, order)
        item.done = self.w.env.event()
        return item

    def work_on_orders(self, s: Seller) -> Generator[simpy.Event, Any, None]:
        """The seller works through the queue one item at a time, earliest due date first."""
        env = self.w.env
        fatigue_on = self.w.sc.mechanisms.fatigue
        disputes_on = self.w.sc.mechanisms.disputes
        while True:
            while not s.queue:
                s.wake = env.event()
                yield s.wake
                s.wake = None
            _, item = heapq.heappop(s.queue)
            if item.cancelled:
                continue
            sched = s.schedule
            finish = sched.finish_time(env.now, item.remaining)
            if s.overtime is not None and finish > item.due:
                sched = s.overtime
                finish = sched.finish_time(env.now, item.remaining)
            s.current, s.current_start, s.current_sched = item, env.now, sched
            if disputes_on and item.order is not None and item.activity == Activity.work:
                self.w.watch_lateness(item.order, finish)
            start = env.now
            try:
                yield env.timeout(finish - start)
                worked = item.remaining
                item.remaining = 0.0
            except simpy.Interrupt:
                worked = min(item.remaining, sched.hours_between(start, env.now))
                item.remaining -= worked
            s.current = None
            if sched is not s.schedule and fatigue_on:
                extra = worked - min(worked, s.schedule.hours_between(start, env.now))
                if extra > 0:
                    s.overtime_log.append((env.now, extra))
            if s.is_player:
                self.record_hours(item, start, env.now, worked)
            if item.cancelled:
                continue
            if item.remaining > 1e-9:
                heapq.heappush(s.queue, (item.key(), item))
                continue
            assert item.done is not None
            item.done.succeed("done")

    def cancel_item(self, s: Seller, item: WorkItem) -> None:
        item.cancelled = True
        if s.current is item and s.proc is not None and s.proc.is_alive:
            s.proc.interrupt("cancelled")
        if item.done is not None and not item.done.triggered:
            item.done.succeed("cancelled")

    def record_hours(self, item: WorkItem, t0: float, t1: float, worked: float) -> None:
        """Split the player's hours across month boundaries and activities."""
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
        sched = self.w.player.schedule
        i = self.w.month_of(t0)
        while True:
            m_end = self.w.month_t[i + 1]
            seg_end = min(t1, m_end)
            if seg_end >= t1 or i + 1 >= len(self.w.month_t) - 1:
                seg = worked
            else:
                seg = min(worked, sched.hours_between(t0, seg_end) if t1 > t0 else worked)
            stats = self.w.cur if i == self.w.month_index else None
            if stats is None and i < len(self.w.months):
                stats = self.w.months[i]
            if stats is not None:
                for name, share in shares:
                    stats.hours[name] += seg * share
            worked -= seg
            if worked <= 1e-12 or seg_end >= t1:
                break
            t0 = seg_end
            i += 1

    def fatigue(self, s: Seller) -> float:
        if not self.w.sc.mechanisms.fatigue:
            return 0.0
        now = self.w.now
        log = s.overtime_log
        while log and log[0][0] < now - 7.0:
            log.popleft()
        return self.w.sc.market.max_overtime_factor * sum(h for _, h in log)

    def reply_delay(self, s: Seller) -> float:
        if s.reply_hours <= 0:
            return 0.0
        return self.w.rng("reply").expovariate(24.0 / s.reply_hours)

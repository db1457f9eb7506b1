"""The order cycle: from payment into escrow, through work, delivery and revisions, to settlement.

DESIGN.md §1's cycle, written as the steps that follow each other: the
seller's first reply, the work (queued with the seller's other work), the
delivery and the buyer's answer (accept, stay silent until automatic
approval, ask for a revision, open a dispute). The common path runs as timer
callbacks, which keeps a market of thousands of orders cheap; the rarer
branches that wait on a decision (a revision round, a dispute, a
cancellation request) are small processes. Money moves through
``gigsim.engine.money``. Part of the running ``World``; must not import Textual.
"""

from __future__ import annotations

from collections.abc import Generator
from functools import partial
from typing import TYPE_CHECKING, Any

import simpy

from gigsim.engine import events as ev
from gigsim.engine.decisions import DecisionKind
from gigsim.engine.entities import Activity, Order, Stage
from gigsim.model import rules

if TYPE_CHECKING:
    from gigsim.engine.world import World

HOUR = 1.0 / 24.0


class Orders:
    def __init__(self, world: World) -> None:
        self.w = world
        self.rng = world.rng("delivery")

    def start(self, o: Order) -> None:
        """The order is paid: the seller must send a first message within the deadline."""
        w = self.w
        if not w.sc.mechanisms.messaging:
            self.begin_work(o)
            return
        delay = w.work.reply_delay(o.seller)
        limit = w.sc.platform.timings.first_reply_hours * HOUR
        if delay > limit:
            w.at(limit, partial(w.money.cancel, o, "no first reply within the deadline"))
        else:
            w.at(delay, partial(self.replied, o))

    def replied(self, o: Order) -> None:
        if not o.open:
            return
        if o.seller.is_player:
            self.w.emit(ev.ORDER_REPLIED, order=o.id)
        self.begin_work(o)

    def begin_work(self, o: Order) -> None:
        """Requirements are settled by messages, then the work joins the seller's queue."""
        w = self.w
        s = o.seller
        o.stage = Stage.in_work
        item = w.work.new_item(
            o.due, o.messaging_hours + o.hours, Activity.work, o, partial(self._work_done, o)
        )
        o.item = item
        if w.sc.mechanisms.disputes and s.current is not None:
            # busy: estimate when this order will be done behind the rest (an idle
            # seller starts it at once, and the start sets its exact finish)
            backlog = item.hours + s.queued_hours + s.current.remaining
            w.watch_lateness(o, s.schedule.finish_time(w.now, backlog))
        w.work.enqueue(s, item)

    def _work_done(self, o: Order, result: str) -> None:
        if result == "cancelled" or not o.open:
            return
        self.delivered(o)

    def delivered(self, o: Order) -> None:
        """A delivery reaches the buyer, who may ask for a revision (while rounds remain)."""
        w = self.w
        s = o.seller
        m = w.sc.market
        tm = w.sc.platform.timings
        bt = m.buyer_types[o.buyer_type]
        now = w.now
        o.stage = Stage.delivered
        o.delivered_at = now
        if o.first_delivered_at is None:
            o.first_delivered_at = now
            o.quality = max(0.0, min(1.0, s.skill(o.listing.category.id) - w.work.fatigue(s)))
            late = now > o.due + 1e-9
            if s.is_player:
                if late:
                    w.cur.late_deliveries += 1
                w.emit(
                    ev.ORDER_DELIVERED, order=o.id, late=late, days_late=round(o.days_late(now), 3)
                )
        if o.extra.get("disputed"):
            return
        x = rules.experience_score(
            o.quality, o.days_late(o.first_delivered_at), o.revisions, bt.strictness, 0.0, m.reviews
        )
        o.extra["experience"] = x
        bad = 1.0 if x < 3.6 else 0.0
        if (
            w.sc.mechanisms.revisions
            and o.revisions < tm.revisions_included
            and self.rng.random() < min(1.0, bt.revision_prob * (1.0 + bad))
        ):
            w.env.process(self.revision_round(o))
            return
        self.conclude(o, bad)

    def revision_round(self, o: Order) -> Generator[simpy.Event, Any, None]:
        """The buyer sends the delivery back; the seller accepts (more work) or refuses."""
        w = self.w
        s = o.seller
        if s.is_player:
            w.emit(ev.REVISION_REQUESTED, order=o.id, round=o.revisions + 1)
        answer = yield w.request_decision(
            DecisionKind.revision_request,
            s,
            w.sc.platform.timings.auto_approve_hours,
            {"order": o.id, "round": o.revisions + 1, "buyer_type": o.buyer_type},
        )
        if not o.open:  # settled meanwhile (the order room closed)
            return
        if answer != "accept":
            self.conclude(o, bad=1.0)  # a refused revision sours the buyer
            return
        o.revisions += 1
        if s.is_player:
            w.cur.revisions += 1
        o.stage = Stage.in_revision
        item = w.work.new_item(
            w.now + 2.0, max(0.25, 0.3 * o.hours), Activity.revision, o, event=True
        )
        o.item = item
        w.work.enqueue(s, item)
        assert item.done is not None
        result = yield item.done
        if result == "cancelled" or not o.open:
            return
        self.delivered(o)

    def conclude(self, o: Order, bad: float) -> None:
        """The buyer disputes, or accepts (now, later, or by silence until automatic approval)."""
        w = self.w
        m = w.sc.market
        tm = w.sc.platform.timings
        bt = m.buyer_types[o.buyer_type]
        rng = self.rng
        if w.sc.mechanisms.disputes and rng.random() < min(
            1.0, bt.dispute_prob * (1.0 + 4.0 * bad)
        ):
            w.env.process(w.money.dispute(o, delivered=True))
            return
        if not w.sc.mechanisms.buyer_delay:
            wait = 0.0
        elif rng.random() < bt.silent_prob:
            wait = tm.auto_approve_hours * HOUR
        else:
            wait = min(
                rng.expovariate(24.0 / max(m.accept_hours, 1e-6)), tm.auto_approve_hours * HOUR
            )
        if wait > 0:
            w.at(wait, partial(self.accept, o))
        else:
            self.accept(o)

    def accept(self, o: Order) -> None:
        if o.open:
            self.w.money.settle(o, refund=0, outcome="completed")

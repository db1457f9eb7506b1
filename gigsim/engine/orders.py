"""The order cycle: from payment into escrow, through work, delivery and revisions, to settlement.

The cycle of docs/model.md ("The order cycle"), written as the steps that
follow each other: the seller's first reply, the work (queued with the seller's other work), the
delivery and the buyer's answer (accept, stay silent until automatic
approval, ask for a revision, open a dispute). The player's orders run step by step
as timer callbacks; the rarer branches that wait on a decision (a revision
round, a dispute, a cancellation request) are small processes.

A computer seller's order is worked out in advance (``plan``): the same
steps and draws, but computed when the order is paid, so that it costs one
timer (the buyer's approval) instead of one per step. Its work is done in
the order the orders came, on the seller's hours, and a revision's rework
pushes the seller's later work back;
an order that will be badly late, or that ends in a dispute, goes on as
events from its delivery, because the buyer may act on it before then.
Money moves through ``gigsim.engine.money``.
"""

from __future__ import annotations

from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.decisions import DecisionKind
from gigsim.engine.entities import Activity, Listing, Order, Stage
from gigsim.engine.lateness import Lateness
from gigsim.engine.money import Money
from gigsim.engine.state import State
from gigsim.engine.work import Work
from gigsim.model import market_rules, rules

HOUR = 1.0 / 24.0


class Orders:
    """The order cycle. Collaborators: the run's state, ``Work``, ``Money`` and ``Lateness``."""

    def __init__(self, state: State, work: Work, money: Money, lateness: Lateness) -> None:
        self.w = state
        self.work = work
        self.money = money
        self.lateness = lateness
        self.rng = state.rng("delivery")
        self.rng_reply = state.rng("reply")
        sc = state.sc
        self.messaging = sc.mechanisms.messaging
        self.reply_limit = sc.platform.timings.first_reply_hours * HOUR
        self.disputes_on = sc.mechanisms.disputes
        self.late_cancel_days = sc.platform.timings.late_cancel_days

    def place(self, lst: Listing, btype: str, via: str, price: int | None = None) -> Order | None:
        """A buyer pays into escrow; the order starts its cycle. None if the listing cannot sell."""
        w = self.w
        s = lst.seller
        now = w.now
        if not lst.buyable(now):
            return None
        o = self._new_order(lst, btype, via, lst.price if price is None else price, now)
        self.money.pay_into_escrow(o)
        w.open_orders[o.id] = o
        lst.in_progress += 1
        lst.sold += 1
        s.last_sale = now
        w.markets[lst.category.id].count_sale(lst, now + w.sc.market.search.sales_window_days)
        s.books.placed(o)
        self.start(o)
        return o

    def _new_order(self, lst: Listing, btype: str, via: str, amount: int, now: float) -> Order:
        """The order a buyer pays for: the options they take, the buyer fee, the work's hours."""
        w = self.w
        rng = w.rng_buyers
        chosen_opts: list[str] = []
        extra_hours = 0.0
        for opt in lst.options:
            if rng.random() < opt.take_rate:
                amount += opt.price
                extra_hours += opt.hours
                chosen_opts.append(opt.name)
        bt = w.sc.market.buyer_types[btype]
        return Order(
            id=w.next_id(),
            listing=lst,
            seller=lst.seller,
            buyer_type=btype,
            placed=now,
            due=now + lst.delivery_days,
            amount=amount,
            buyer_fee=rules.buyer_fee(amount, w.sc.platform.buyer_fee),
            hours=w.work_hours(lst.hours_per_order) + extra_hours,
            messaging_hours=bt.messaging_hours if w.sc.mechanisms.messaging else 0.0,
            options=tuple(chosen_opts),
            via=via,
        )

    def start(self, o: Order) -> None:
        """The order is paid: the seller must send a first message within the deadline."""
        w = self.w
        if o.seller.books.plans_ahead:
            self.plan(o)
            return
        if not self.messaging:
            self.begin_work(o)
            return
        delay = self.first_reply(o)
        if delay is not None:
            w.at(delay, partial(self.replied, o))

    # -- the steps of the cycle, shared by both modes -------------------------
    def first_reply(self, o: Order) -> float | None:
        """Days until the seller's first message; None when it would miss the deadline,
        and the order is then cancelled at the deadline with a full refund."""
        s = o.seller
        delay = self.rng_reply.expovariate(24.0 / s.reply_hours) if s.reply_hours > 0 else 0.0
        if delay > self.reply_limit:
            self.w.at(
                self.reply_limit,
                partial(self.money.cancel, o, "no first reply within the deadline"),
            )
            return None
        return delay

    def first_delivery(self, o: Order, t: float) -> None:
        """The work's first delivery at ``t``: its quality, from the seller's skill and fatigue."""
        s = o.seller
        o.first_delivered_at = o.delivered_at = t
        o.quality = market_rules.quality(s.skill(o.listing.category.id), self.work.fatigue(s, t))

    def assess(self, o: Order) -> bool:
        """The buyer weighs the delivery (quality, lateness, rounds so far): True if disappointed."""
        m = self.w.sc.market
        bt = m.buyer_types[o.buyer_type]
        assert o.first_delivered_at is not None
        x = rules.experience_score(
            o.quality, o.days_late(o.first_delivered_at), o.revisions, bt.strictness, 0.0, m.reviews
        )
        o.extra["experience"] = x
        return not market_rules.satisfied(x, m.satisfaction)

    def asks_revision(self, o: Order, bad: bool) -> bool:
        """Whether the buyer sends the delivery back (while the platform's rounds remain)."""
        w = self.w
        m = w.sc.market
        return (
            w.sc.mechanisms.revisions
            and o.revisions < w.sc.platform.timings.revisions_included
            and self.rng.random()
            < market_rules.revision_chance(m.buyer_types[o.buyer_type], bad, m.satisfaction)
        )

    def revision_question(self, o: Order) -> tuple[float, dict[str, object]]:
        """(hours the seller has to answer, what the decision says) of a revision request."""
        info = {"order": o.id, "round": o.revisions + 1, "buyer_type": o.buyer_type}
        return self.w.sc.platform.timings.auto_approve_hours, info

    def rework_hours(self, o: Order) -> float:
        """The hours a revision round takes."""
        return market_rules.revision_hours(o.hours, self.w.sc.market)

    # -- step by step -----------------------------------------------------------

    def replied(self, o: Order) -> None:
        if not o.open:
            return
        o.seller.books.emit(ev.ORDER_REPLIED, order=o.id)
        self.begin_work(o)

    def begin_work(self, o: Order) -> None:
        """Requirements are settled by messages, then the work joins the seller's queue."""
        w = self.w
        s = o.seller
        o.stage = Stage.in_work
        item = self.work.new_item(
            o.due, o.messaging_hours + o.hours, Activity.work, o, partial(self._work_done, o)
        )
        o.item = item
        if w.sc.mechanisms.disputes and s.current is not None:
            # busy: estimate when this order will be done behind the rest (an idle
            # seller starts it at once, and the start sets its exact finish)
            backlog = item.hours + s.queued_hours + s.current.remaining
            self.lateness.watch(o, s.schedule.finish_time(w.now, backlog))
        self.work.enqueue(s, item)

    def _work_done(self, o: Order, result: str) -> None:
        if result == "cancelled" or not o.open:
            return
        self.delivered(o)

    def delivered(self, o: Order) -> None:
        """A delivery reaches the buyer, who may ask for a revision (while rounds remain)."""
        w = self.w
        s = o.seller
        now = w.now
        o.stage = Stage.delivered
        o.delivered_at = now
        if o.first_delivered_at is None:
            self.first_delivery(o, now)
            late = now > o.due + 1e-9
            b = s.books
            if late:
                b.cur.late_deliveries += 1
            b.emit(ev.ORDER_DELIVERED, order=o.id, late=late, days_late=round(o.days_late(now), 3))
        if o.extra.get("disputed"):
            return
        bad = self.assess(o)
        if self.asks_revision(o, bad):
            w.kernel.start(partial(self.revision_round, o))
            return
        self.conclude(o, bad)

    def revision_round(self, o: Order) -> None:
        """The buyer sends the delivery back; the seller accepts (more work) or refuses.

        A flow: the seller's answer, then the rework, then the delivery again.
        """
        w = self.w
        s = o.seller
        s.books.emit(ev.REVISION_REQUESTED, order=o.id, round=o.revisions + 1)
        hours, info = self.revision_question(o)
        w.request_decision(
            DecisionKind.revision_request, s, hours, info, partial(self._revision_answered, o)
        )

    def _revision_answered(self, o: Order, answer: str) -> None:
        w = self.w
        if not o.open:  # settled meanwhile (the order room closed)
            w.kernel.flow_ended()
            return
        if answer != "accept":
            self.conclude(o, bad=True)  # a refused revision sours the buyer
            w.kernel.flow_ended()
            return
        s = o.seller
        o.revisions += 1
        s.books.cur.revisions += 1
        o.stage = Stage.in_revision
        item = self.work.new_item(
            w.now + w.sc.market.revision_days,
            self.rework_hours(o),
            Activity.revision,
            o,
            lambda result: w.at(0.0, partial(self._rework_done, o, result)),
        )
        o.item = item
        self.work.enqueue(s, item)

    def _rework_done(self, o: Order, result: str) -> None:
        if result != "cancelled" and o.open:
            self.delivered(o)
        self.w.kernel.flow_ended()

    def conclude(self, o: Order, bad: bool, after: float = 0.0) -> None:
        """The buyer disputes, or accepts (now, later, or by silence until automatic approval).

        ``bad``: the buyer is disappointed. ``after`` days from now is when the buyer has the
        delivery (a planned order's future delivery).
        """
        w = self.w
        m = w.sc.market
        tm = w.sc.platform.timings
        bt = m.buyer_types[o.buyer_type]
        rng = self.rng
        if w.sc.mechanisms.disputes and rng.random() < market_rules.dispute_chance(
            bt, bad, m.satisfaction
        ):
            if after > 0:
                w.at(after, partial(self._open_dispute, o))
            else:
                self._open_dispute(o)
            return
        if not w.sc.mechanisms.buyer_delay:
            wait = 0.0
        elif rng.random() < bt.silent_prob:
            wait = tm.auto_approve_hours * HOUR
        else:
            wait = min(
                rng.expovariate(24.0 / max(m.accept_hours, 1e-6)), tm.auto_approve_hours * HOUR
            )
        if wait + after > 0:
            w.at(wait + after, partial(self.accept, o))
        else:
            self.accept(o)

    def _open_dispute(self, o: Order) -> None:
        if o.open:
            self.w.kernel.start(partial(self.money.dispute, o, True))

    def accept(self, o: Order) -> None:
        if o.open:
            self.money.settle(o, refund=0, outcome="completed")

    # -- a computer seller's order, worked out in advance ----------------------
    def plan(self, o: Order) -> None:
        """First reply, work, delivery, revisions and the buyer's answer of a computer seller's order.

        The draws are those of the step-by-step cycle. Only the order's
        settlement is a timer, unless the order will be badly late (the buyer
        may ask to cancel first): then its delivery is a timer too.
        """
        w = self.w
        s = o.seller
        now = w.now
        delay = self.first_reply(o) if self.messaging else 0.0
        if delay is None:
            return
        o.stage = Stage.in_work
        hours = o.messaging_hours + o.hours
        start = max(now + delay, s.free_at)
        done = self.work.plan_work(s, now + delay, hours, o.due)
        o.booked = (start, done, hours)
        if self.disputes_on and done > o.due + self.late_cancel_days:
            self.lateness.watch(o, done)
            w.at(done - now, partial(self._planned_delivery, o, None))
            return
        self._planned_delivery(o, done)

    def _planned_delivery(self, o: Order, t: float | None) -> None:
        """The delivery at ``t`` (None: now), its revision rounds, then the buyer's answer."""
        w = self.w
        now = w.now
        if t is None:
            if not o.open or o.extra.get("disputed"):  # cancelled, or in mediation, while late
                return
            t = now
        s = o.seller
        self.first_delivery(o, t)
        # delivered now (a late order's own timer); otherwise it stays in work until then
        if t <= now:
            o.stage = Stage.delivered
        while True:
            bad = self.assess(o)
            if not self.asks_revision(o, bad):
                break
            hours, info = self.revision_question(o)
            answer, delay = w.decide_now(DecisionKind.revision_request, s, hours, info, t)
            if answer != "accept":
                bad = True  # a refused revision sours the buyer
                t += delay
                break
            o.revisions += 1
            # The rework is done from the seller's answer on; its hours push the seller's
            # later work back by as much, without leaving the seller idle while the buyer
            # and the seller exchange messages (step by step, other work fills that wait).
            start = t + delay
            rework = self.rework_hours(o)
            t = s.schedule.finish_time(start, rework)
            s.free_at = s.schedule.finish_time(s.free_at, rework)
            o.delivered_at = t
        self.conclude(o, bad, after=t - now)

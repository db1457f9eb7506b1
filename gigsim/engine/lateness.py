"""A badly late order: the buyer may ask to cancel it, and a refusal goes to a dispute.

A check is arranged only for an order whose work may end past its due date
plus the platform's grace (``late_cancel_days``): with an estimate when the
work is queued (``Orders``) and with the exact finish when the seller takes
it up (the bus's ``WORK_STARTED``, published by ``Work``), so that on-time
orders cost no timer. Collaborators: the run's state and ``Money``.
"""

from __future__ import annotations

from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.decisions import DecisionKind
from gigsim.engine.entities import Order, Stage
from gigsim.engine.money import Money
from gigsim.engine.state import State


class Lateness:
    def __init__(self, state: State, money: Money) -> None:
        self.w = state
        self.money = money
        self.grace = state.sc.platform.timings.late_cancel_days
        state.kernel.subscribe(ev.WORK_STARTED, self.watch)

    def watch(self, o: Order, finish: float) -> None:
        """Arrange the buyer's check for an order whose work ends at ``finish``, if that is badly late."""
        limit = o.due + self.grace
        if not o.late_check and finish > limit:
            o.late_check = True
            self.w.at(limit - self.w.now, partial(self.maybe_cancel, o))

    def maybe_cancel(self, o: Order) -> None:
        """A buyer whose order is badly late may ask to cancel it."""
        if (
            o.stage not in (Stage.in_work, Stage.in_revision)
            or o.first_delivered_at is not None
            or o.cancel_requested
        ):
            return
        w = self.w
        prob = w.sc.market.buyer_types[o.buyer_type].late_cancel_prob
        if w.rng("disputes").random() >= prob:
            return
        o.cancel_requested = True
        w.kernel.start(partial(self.cancellation, o))

    def cancellation(self, o: Order) -> None:
        """The buyer of a badly late order asks to cancel it (a flow: the seller's answer follows)."""
        w = self.w
        s = o.seller
        s.books.emit(ev.ORDER_LATE, order=o.id, days_late=round(o.days_late(w.now), 3))
        w.request_decision(
            DecisionKind.cancellation_request,
            s,
            w.sc.platform.timings.cancel_response_hours,
            {
                "order": o.id,
                "days_late": round(o.days_late(w.now), 2),
                "buyer_type": o.buyer_type,
            },
            partial(self._answered, o),
        )

    def _answered(self, o: Order, answer: str) -> None:
        if not o.open or o.first_delivered_at is not None:
            self.w.kernel.flow_ended()
        elif answer == "accept":
            self.money.cancel(o, reason="late: the buyer asked to cancel")
            self.w.kernel.flow_ended()
        else:
            self.money.dispute(o, delivered=False)  # the dispute ends the flow

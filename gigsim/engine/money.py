"""Money moves of a run: escrow, settlement, refunds, disputes, payouts, lapse.

Every movement goes through the double-entry ledger, so the buyer's payment
always ends with the seller, the platform, back with the buyer, or still in
escrow. Fee arithmetic comes from ``gigsim.model.rules``; account names from
``gigsim.engine.accounts``. A settled order is published on the bus
(``ORDER_SETTLED``) for what follows it (months, reviews and the rest).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from gigsim.engine import events as ev
from gigsim.engine.accounts import (
    BUYER_FEES,
    BUYERS,
    COMMISSION,
    ESCROW,
    LAPSED,
    PAYOUT_FEES,
    TAX,
)
from gigsim.engine.actions import ActionResult, result
from gigsim.engine.controllers import Books
from gigsim.engine.decisions import DecisionKind
from gigsim.engine.entities import Activity, Order, Stage
from gigsim.engine.state import State
from gigsim.engine.work import Work
from gigsim.model import market_rules, rules
from gigsim.text import units


class Money:
    """The ledger's moves of a run. Collaborators: the run's state and ``Work``
    (a settled order's work is dropped; a dispute takes the seller's hours)."""

    def __init__(self, state: State, work: Work) -> None:
        self.w = state
        self.work = work
        self.publish = state.kernel.publish

    # -- escrow -----------------------------------------------------------
    def pay_into_escrow(self, o: Order) -> None:
        total = o.amount + o.buyer_fee
        self.w.ledger.transfer(BUYERS, ESCROW, total)
        o.escrow = total

    def escrow_of_open_orders(self) -> int:
        return sum(o.escrow for o in self.w.open_orders.values())

    # -- settlement -------------------------------------------------------
    def settle(self, o: Order, refund: int, outcome: str, forced_stars: int | None = None) -> None:
        """Release the escrow: refund to the buyer, commission to the platform, the rest to the seller."""
        w = self.w
        if not o.open:
            return
        s = o.seller
        b = s.books
        refund = max(0, min(refund, o.amount))
        kept = o.amount - refund
        commission, buyer_fee, to_seller = self._release(o, refund)
        o.escrow = 0
        o.refunded = refund
        o.settled_at = w.now
        o.outcome = outcome
        cancelled = refund >= o.amount
        o.stage = Stage.cancelled if cancelled else Stage.done
        w.open_orders.pop(o.id, None)
        if o.item is not None and o.item.remaining > 0 and not o.item.cancelled:
            self.work.cancel_item(s, o.item)
        if o.booked is not None and o.booked[1] > o.settled_at:
            self.work.settled_early(o)
        lst = o.listing
        lst.in_progress -= 1
        s.window.append((w.now, kept if not cancelled else 0, not cancelled))
        if cancelled:
            s.cancelled += 1
        else:
            s.completed += 1
            s.sales_ever += 1
        if to_seller > 0 and b.follows:  # a follower's earnings clear and lapse; not the pool
            self.credit(b, to_seller)
        b.settled(o, commission, buyer_fee, to_seller)
        self.publish(ev.ORDER_SETTLED, o, cancelled, forced_stars)
        w.refresh_seller(s)

    def _release(self, o: Order, refund: int) -> tuple[int, int, int]:
        """The escrow's one transaction: the refund (and its share of the buyer fee) to the
        buyer, commission and tax to the platform, the rest to the seller's account.
        Returns (commission with tax, buyer fee kept, to the seller)."""
        w = self.w
        b = o.seller.books
        fee_back = round(o.buyer_fee * refund / o.amount) if o.amount else o.buyer_fee
        kept = o.amount - refund
        cut = rules.commission(kept, w.sc.platform.commission)
        commission = cut.total
        to_seller = kept - commission
        seller_acc = b.clearing if w.sc.platform.payout.clearing_days > 0 else b.balance
        w.ledger.post(
            (ESCROW, -o.escrow),
            (BUYERS, refund + fee_back),
            (COMMISSION, cut.fee),
            (TAX, cut.tax),
            (BUYER_FEES, o.buyer_fee - fee_back),
            (seller_acc, to_seller),
        )
        return commission, o.buyer_fee - fee_back, to_seller

    def cancel(self, o: Order, reason: str) -> None:
        """Cancel with a full refund (no first reply, an accepted cancellation, a lost dispute)."""
        self.settle(o, refund=o.amount, outcome=f"cancelled: {reason}")

    def credit(self, b: Books, amount: int) -> None:
        """A followed seller's earnings: available once they clear."""
        w = self.w
        clearing = w.sc.platform.payout.clearing_days
        if clearing > 0:
            w.at(clearing, partial(self._cleared, b, amount))
        else:
            self.new_lot(b, amount)

    def _cleared(self, b: Books, amount: int) -> None:
        self.w.ledger.transfer(b.clearing, b.balance, amount)
        self.new_lot(b, amount)

    def new_lot(self, b: Books, amount: int) -> None:
        """Money credited to the balance now: it lapses if not withdrawn in time."""
        w = self.w
        lot = [w.now, float(amount)]
        b.balance_lots.append(lot)
        lapse = w.sc.platform.payout.lapse_days
        if lapse is not None:
            w.at(lapse, partial(self._lapse, b, lot))

    def _lapse(self, b: Books, lot: list[float]) -> None:
        w = self.w
        amount = min(int(lot[1]), w.ledger.balance(b.balance))
        lot[1] = 0.0
        if amount <= 0:
            return
        w.ledger.transfer(b.balance, LAPSED, amount)
        b.cur.lapsed += amount
        b.emit(ev.BALANCE_LAPSED, amount=amount)

    @staticmethod
    def _consume_lots(b: Books, amount: int) -> None:
        left = float(amount)
        for lot in b.balance_lots:
            if left <= 0:
                break
            take = min(lot[1], left)
            lot[1] -= take
            left -= take
        b.balance_lots = [lot for lot in b.balance_lots if lot[1] > 0]

    # -- withdrawals ------------------------------------------------------
    def withdraw(self, b: Books, amount: int) -> ActionResult:
        """A followed seller asks for a payout to the bank: accepted or refused, and why.

        The English message (the refusal's reason in the event) writes amounts and days
        in English whatever the language shown: it is an interface; the result's code
        and arguments let a front end say it in the player's language.
        """
        w = self.w
        p = w.sc.platform.payout
        available = w.ledger.balance(b.balance)
        fee = rules.payout_fee(amount, p)
        cur = w.sc.currency

        def m(x: int) -> str:
            return units.money(x, cur, "en")

        refused = None
        if amount <= 0:
            refused = result(False, "the amount must be positive", "amount_not_positive")
        elif amount > available:
            refused = result(
                False, f"only {m(available)} is available", "only_available", available=available
            )
        elif amount < p.minimum:
            why = f"the platform's minimum payout is {m(p.minimum)}"
            refused = result(False, why, "minimum_payout", minimum=p.minimum)
        elif amount <= fee:
            why = f"{m(amount)} does not cover the {m(fee)} transfer fee"
            refused = result(False, why, "fee_not_covered", amount=amount, fee=fee)
        if refused is not None:
            # the reason as a code and its amounts too: the event log words it (gigsim.text)
            b.emit(
                ev.WITHDRAWAL_REFUSED,
                **{"amount": amount, **dict(refused.args)},
                reason=refused.message,
                code=refused.code,
            )
            return refused
        pay_date = rules.payout_date(w.date_of(w.now), p)
        pay_t = max(w.now, float((pay_date - w.sc.start_date).days))
        w.ledger.transfer(b.balance, b.payout, amount)
        self._consume_lots(b, amount)
        b.cur.payout_fees += fee
        b.emit(ev.WITHDRAWAL_REQUESTED, amount=amount, fee=fee, pay_date=pay_date.isoformat())
        w.at(pay_t - w.now, partial(self._paid_out, b, amount, fee))
        why = f"{m(amount - fee)} reaches your bank on {units.day(pay_date, 'en')} (fee {m(fee)})"
        return result(
            True, why, "withdrawal_requested", net=amount - fee, day=pay_date.isoformat(), fee=fee
        )

    def _paid_out(self, b: Books, amount: int, fee: int) -> None:
        w = self.w
        w.ledger.post((b.payout, -amount), (b.bank, amount - fee), (PAYOUT_FEES, fee))
        b.cur.payouts += amount - fee
        b.emit(ev.PAYOUT_PAID, amount=amount - fee, fee=fee)

    def payout_preview(self, amount: int) -> tuple[int, dt.date]:
        w = self.w
        p = w.sc.platform.payout
        return rules.payout_fee(amount, p), rules.payout_date(w.date_of(w.now), p)

    # -- disputes ---------------------------------------------------------
    def dispute(self, o: Order, delivered: bool) -> None:
        """The platform mediates; the outcome depends on the evidence and the seller's answer.

        The last part of a flow (a dispute opened after delivery, or a refused
        cancellation): it ends when the order is settled.
        """
        w = self.w
        s = o.seller
        d = w.sc.market.disputes
        o.stage = Stage.disputed
        o.extra["disputed"] = True
        on_time = o.first_delivered_at is not None and o.first_delivered_at <= o.due + 1e-9
        b = s.books
        b.cur.disputes += 1
        b.emit(
            ev.DISPUTE_OPENED,
            order=o.id,
            delivered=delivered,
            on_time=on_time,
            buyer_type=o.buyer_type,
        )
        if d.hours > 0:
            if b.plans_ahead:
                self.work.plan_work(s, w.now, d.hours, w.now)
            else:
                self.work.enqueue(s, self.work.new_item(w.now, d.hours, Activity.dispute, None))
        w.request_decision(
            DecisionKind.dispute,
            s,
            d.reply_hours,
            {
                "order": o.id,
                "amount": o.amount,
                "delivered": delivered,
                "on_time": on_time,
                "buyer_type": o.buyer_type,
            },
            partial(self._dispute_answered, o, delivered, on_time),
        )

    def _dispute_answered(self, o: Order, delivered: bool, on_time: bool, answer: str) -> None:
        w = self.w
        if o.open:
            refund, outcome, forced = self._mediate(o, delivered, on_time, answer)
            o.seller.books.emit(
                ev.DISPUTE_RESOLVED, order=o.id, answer=answer, outcome=outcome, refund=refund
            )
            self.settle(o, refund=refund, outcome=f"dispute: {outcome}", forced_stars=forced)
        w.kernel.flow_ended()

    def _mediate(
        self, o: Order, delivered: bool, on_time: bool, answer: str
    ) -> tuple[int, str, int | None]:
        """(refund, outcome, forced stars) of a dispute the seller answered with ``answer``."""
        w = self.w
        d = w.sc.market.disputes
        rng = w.rng("disputes")
        if answer == "partial_refund":
            refund, outcome = round(o.amount * d.partial_refund), "partial refund offered"
        elif answer == "full_refund":
            refund, outcome = o.amount, "refunded in full"
        else:
            bt = w.sc.market.buyer_types[o.buyer_type]
            p_win = market_rules.contest_win_chance(d, delivered, on_time, o.quality, bt)
            refund, outcome = market_rules.mediation_refund(rng.random(), p_win, o.amount, d)
        forced = None
        if refund > 0 and rng.random() < d.one_star_after_loss:
            forced = 1
        return refund, outcome, forced

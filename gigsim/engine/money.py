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
    COMPETITORS,
    ESCROW,
    LAPSED,
    P_BALANCE,
    P_BANK,
    P_PAYOUT,
    P_PENDING,
    PAYOUT_FEES,
    TAX,
)
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
        refund = max(0, min(refund, o.amount))
        fee_back = round(o.buyer_fee * refund / o.amount) if o.amount else o.buyer_fee
        kept = o.amount - refund
        cut = rules.commission(kept, w.sc.platform.commission)
        to_seller = kept - cut.total
        seller_acc = COMPETITORS
        if s.is_player:
            seller_acc = P_PENDING if w.sc.platform.payout.clearing_days > 0 else P_BALANCE
        w.ledger.post(
            (ESCROW, -o.escrow),
            (BUYERS, refund + fee_back),
            (COMMISSION, cut.fee),
            (TAX, cut.tax),
            (BUYER_FEES, o.buyer_fee - fee_back),
            (seller_acc, to_seller),
        )
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
        if s.is_player:
            m = w.cur
            m.gross_sales += o.amount
            m.refunds += refund
            m.platform_fees += cut.total
            m.buyer_fees += o.buyer_fee - fee_back
            if cancelled:
                m.cancellations += 1
            else:
                m.completed += 1
            if to_seller > 0:
                self.credit_player(to_seller)
            w.emit(
                ev.ORDER_CANCELLED if cancelled else ev.ORDER_COMPLETED,
                order=o.id,
                outcome=outcome,
                amount=o.amount,
                refund=refund,
                commission=cut.total,
                net=to_seller,
            )
        self.publish(ev.ORDER_SETTLED, o, cancelled, forced_stars)
        w.refresh_seller(s)

    def cancel(self, o: Order, reason: str) -> None:
        """Cancel with a full refund (no first reply, an accepted cancellation, a lost dispute)."""
        self.settle(o, refund=o.amount, outcome=f"cancelled: {reason}")

    def credit_player(self, amount: int) -> None:
        w = self.w
        clearing = w.sc.platform.payout.clearing_days
        if clearing > 0:
            w.at(clearing, partial(self._cleared, amount))
        else:
            self.new_lot(amount)

    def _cleared(self, amount: int) -> None:
        self.w.ledger.transfer(P_PENDING, P_BALANCE, amount)
        self.new_lot(amount)

    def new_lot(self, amount: int) -> None:
        w = self.w
        lot = [w.now, float(amount)]
        w.balance_lots.append(lot)
        lapse = w.sc.platform.payout.lapse_days
        if lapse is not None:
            w.at(lapse, partial(self._lapse, lot))

    def _lapse(self, lot: list[float]) -> None:
        w = self.w
        amount = min(int(lot[1]), w.ledger.balance(P_BALANCE))
        lot[1] = 0.0
        if amount <= 0:
            return
        w.ledger.transfer(P_BALANCE, LAPSED, amount)
        w.cur.lapsed += amount
        w.emit(ev.BALANCE_LAPSED, amount=amount)

    def _consume_lots(self, amount: int) -> None:
        left = float(amount)
        for lot in self.w.balance_lots:
            if left <= 0:
                break
            take = min(lot[1], left)
            lot[1] -= take
            left -= take
        self.w.balance_lots = [lot for lot in self.w.balance_lots if lot[1] > 0]

    # -- withdrawals ------------------------------------------------------
    def withdraw(self, amount: int) -> tuple[bool, str]:
        """Ask for a payout to the bank; returns (accepted, explanation)."""
        w = self.w
        p = w.sc.platform.payout
        available = w.ledger.balance(P_BALANCE)
        fee = rules.payout_fee(amount, p)
        problem = None
        cur = w.sc.currency
        if amount <= 0:
            problem = "the amount must be positive"
        elif amount > available:
            problem = f"only {units.money(available, cur)} is available"
        elif amount < p.minimum:
            problem = f"the platform's minimum payout is {units.money(p.minimum, cur)}"
        elif amount <= fee:
            problem = f"{units.money(amount, cur)} does not cover the {units.money(fee, cur)} transfer fee"
        if problem:
            w.emit(ev.WITHDRAWAL_REFUSED, amount=amount, reason=problem)
            return False, problem
        pay_date = rules.payout_date(w.date_of(w.now), p)
        pay_t = max(w.now, float((pay_date - w.sc.start_date).days))
        w.ledger.transfer(P_BALANCE, P_PAYOUT, amount)
        self._consume_lots(amount)
        w.cur.payout_fees += fee
        w.emit(ev.WITHDRAWAL_REQUESTED, amount=amount, fee=fee, pay_date=pay_date.isoformat())
        w.at(pay_t - w.now, partial(self._paid_out, amount, fee))
        return True, (
            f"{units.money(amount - fee, cur)} reaches your bank on {units.day(pay_date)} "
            f"(fee {units.money(fee, cur)})"
        )

    def _paid_out(self, amount: int, fee: int) -> None:
        w = self.w
        w.ledger.post((P_PAYOUT, -amount), (P_BANK, amount - fee), (PAYOUT_FEES, fee))
        w.cur.payouts += amount - fee
        w.emit(ev.PAYOUT_PAID, amount=amount - fee, fee=fee)

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
        if s.is_player:
            w.cur.disputes += 1
            w.emit(
                ev.DISPUTE_OPENED,
                order=o.id,
                delivered=delivered,
                on_time=on_time,
                buyer_type=o.buyer_type,
            )
        if d.hours > 0:
            if w.planned_competitors and not s.is_player:
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
            if o.seller.is_player:
                w.emit(
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

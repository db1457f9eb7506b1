"""Every seller's books, and who drives the seller: the one place where sellers differ.

Every seller has books of one interface (``Seller.books``), so that the
subsystems treat all sellers alike: they record what happens (``emit``, the
month's figures in ``cur``, an order ``placed``, ``settled`` and
``reviewed``, a decision ``asked`` and ``answered``) without asking what
kind of seller it is. What the books keep
depends on whether a person follows the seller:

- ``Books``: a **player's** business as a person follows it: the seller's
  own event log, the decisions waiting for them, their orders, the month's
  figures and the months closed, the balance's lots (for lapse) and the
  seller's ledger accounts. Any number of players keep books in one market.
- ``NoBooks``: the **computer sellers'**: nobody follows their business,
  so their events are dropped and their month's figures go to a month that
  is never closed nor read; one instance serves every computer seller of a
  run. Their earnings are pooled in one ledger account.

The books also name the seller's controller, who answers its decisions:
``policy`` (a function of the decision and what the seller sees,
``gigsim.engine.snapshot.SellerView``), drawing from its own random stream
(``policy_stream``); a policy is the computer sellers' one, or a headless
player's; None means a human answers and the decision waits in the books.

Only where following a seller truly changes the model do the subsystems ask:
``follows`` (a follower's earnings clear and lapse, their listings are
counted for lost buyers and asked to propose, only they meet off-platform
offers and review storms, a computer seller's rank is watched) and
``plans_ahead`` (a computer seller's orders may be worked out in advance).
``tests/engine/test_two_humans.py`` holds those places to a fixed list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from gigsim.engine import events as ev
from gigsim.engine.accounts import COMPETITORS
from gigsim.engine.decisions import Decision
from gigsim.engine.entities import Order, Stage
from gigsim.engine.events import Event
from gigsim.engine.kernel import Kernel
from gigsim.engine.metrics import MonthStats
from gigsim.engine.request_rule import RuleState

Answer = tuple[str, float]
"""A policy's answer to a decision: (option, delay in days)."""
Policy = Callable[[Any, Any], Answer]
"""A policy answers a decision (``snapshot.DecisionView``) given what the seller sees
(``snapshot.SellerView``) with (option, delay in days)."""
Review = Callable[[Any], list[Any]]
"""A headless player's weekly look at their business (``snapshot.SellerView``): the actions to take."""


class NoBooks:
    """The computer sellers' books: the interface of ``Books``, keeping nothing."""

    follows: Literal[False] = False
    """Nobody follows these sellers' business."""
    review: Review | None = None

    def __init__(self, kernel: Kernel, policy: Policy, plans_ahead: bool) -> None:
        self.policy: Policy | None = policy
        self.policy_stream = "policy:competitors"
        self.plans_ahead = plans_ahead
        """Their orders are worked out in advance (``Orders.plan``): nobody follows them step by step."""
        self.cur = MonthStats(month=0, start=0.0, end=0.0, label="")
        """A month nobody closes nor reads: the figures the subsystems count go here."""
        self.waiting = 0
        self.events: tuple[Event, ...] = ()  # none are kept
        self.months: tuple[MonthStats, ...] = ()  # none are closed
        self.pending: dict[int, Decision] = {}  # stays empty: the policy always answers
        self.clearing = self.balance = COMPETITORS
        self._publish = kernel.publish

    def emit(self, event_kind: str, /, **data: Any) -> None:
        """Nobody reads a computer seller's events."""

    def placed(self, o: Order) -> None:
        """A computer seller's sale is told on the bus (``SOLD``: its rank and idle time)."""
        self._publish(ev.SOLD, o.seller)

    def settled(self, o: Order, commission: int, buyer_fee: int, net: int) -> None:
        """A computer seller's settled order is not recorded (its earnings are pooled)."""

    def reviewed(self, o: Order, stars: int) -> None:
        """Nor is a review of it (it counts in the seller's record all the same)."""

    def asked(self, dec: Decision) -> None:
        """A decision put to a computer seller is shown to nobody."""

    def answered(self, dec: Decision, option: str, defaulted: bool) -> None:
        """Nor is its answer."""


class Books:
    """One seller's business as a person follows it."""

    follows: Literal[True] = True
    """A person follows this seller's business."""
    plans_ahead = False

    def __init__(
        self,
        seller_id: str,
        month: MonthStats,
        kernel: Kernel,
        policy: Policy | None,
        review: Review | None = None,
    ) -> None:
        self.seller_id = seller_id
        self.policy = policy
        """Who answers this seller's decisions: a policy, or None for a human (they wait)."""
        self.review = review
        """A headless player's weekly review of their listings, if their policy has one."""
        self.policy_stream = f"policy:{seller_id}"
        """The random stream the seller's policy draws from (``SellerView.rng``)."""
        self._kernel = kernel
        self.events: list[Event] = []
        self.pending: dict[int, Decision] = {}
        self.orders: dict[int, Order] = {}
        self.cur = month
        self.months: list[MonthStats] = []
        self.balance_lots: list[list[float]] = []  # [time, amount left] of credits
        self.lapse_warned: set[float] = set()  # credit times of lots already warned of
        self.waiting = 0  # buyers shopping where the seller sells whose outcome is not known yet
        self.rule = RuleState()
        """The seller's standing rule for public requests, if they set one (``request_rule``)."""
        prefix = f"seller:{seller_id}:"
        self.clearing = prefix + "clearing"
        self.balance = prefix + "balance"
        self.payout = prefix + "payout_in_transit"
        self.bank = prefix + "bank"
        self.off_platform = prefix + "off_platform_cash"

    def emit(self, event_kind: str, /, **data: Any) -> None:
        """Record an event in this seller's log, then hand it to the kind's subscribers on the bus."""
        k = self._kernel
        event = Event(len(self.events), k.now, event_kind, data)
        self.events.append(event)
        k.publish(event_kind, event)

    def placed(self, o: Order) -> None:
        """An order placed with the seller: kept, counted, and in the log."""
        self.orders[o.id] = o
        self.cur.orders += 1
        self.emit(
            ev.ORDER_PLACED,
            order=o.id,
            listing=o.listing.id,
            amount=o.amount,
            buyer_fee=o.buyer_fee,
            buyer_type=o.buyer_type,
            via=o.via,
            due=o.due,
            options=list(o.options),
        )

    def settled(self, o: Order, commission: int, buyer_fee: int, net: int) -> None:
        """A settled order in the month's figures and the log (``o.stage`` says whether it
        was cancelled; ``commission`` with its tax, the ``buyer_fee`` the platform kept,
        ``net`` to the seller)."""
        cancelled = o.stage == Stage.cancelled
        m = self.cur
        m.gross_sales += o.amount
        m.refunds += o.refunded
        m.platform_fees += commission
        m.buyer_fees += buyer_fee
        if cancelled:
            m.cancellations += 1
        else:
            m.completed += 1
        self.emit(
            ev.ORDER_CANCELLED if cancelled else ev.ORDER_COMPLETED,
            order=o.id,
            outcome=o.outcome,
            amount=o.amount,
            refund=o.refunded,
            commission=commission,
            net=net,
        )

    def reviewed(self, o: Order, stars: int) -> None:
        """A review posted on the seller's order (already in the seller's record)."""
        self.cur.new_reviews += 1
        self.cur.stars_sum_new += stars
        s = o.seller
        self.emit(
            ev.REVIEW_POSTED,
            order=o.id,
            stars=stars,
            rating=round(s.rating, 3),
            reviews=s.n_reviews,
        )

    def asked(self, dec: Decision) -> None:
        """A decision put to the seller: it waits here when a human answers, and is in the log."""
        if self.policy is None:
            self.pending[dec.id] = dec
        self.emit(
            ev.DECISION_WAITING,
            decision=dec.id,
            decision_kind=dec.kind.value,
            deadline=dec.deadline,
            **_public(dec.info),
        )

    def answered(self, dec: Decision, option: str, defaulted: bool) -> None:
        """The decision's answer (``defaulted``: nobody answered by the deadline)."""
        self.pending.pop(dec.id, None)
        kind = ev.DECISION_DEFAULTED if defaulted else ev.DECISION_ANSWERED
        self.emit(kind, decision=dec.id, decision_kind=dec.kind.value, option=option)


def _public(info: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in info.items() if isinstance(v, (int, float, str, bool))}

"""Who drives a seller: a controller, and the books a person following a seller reads.

Every seller is the same kind of object; what differs is its controller:

- the **computer sellers' policy** answers their decisions at once or after
  a delay, and nobody follows their business: they keep no books, emit no
  events and their orders may be worked out in advance (``Orders.plan``);
- a **player policy** (a headless run's player) answers like a person would,
  and the seller keeps ``Books``;
- a **human** answers through the facade: decisions wait in the seller's
  books until an action answers them or their deadline passes.

``Books`` are what a person following one seller sees: the seller's own
event log, the decisions waiting for them, their orders, the month's
figures and the months closed, the balance's lots (for lapse), and the
seller's ledger accounts. Any number of sellers may keep books in one
market; each has its own. This module is the only one in the engine that
asks what kind of seller it deals with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gigsim.engine.decisions import Decision
from gigsim.engine.entities import Order, Seller
from gigsim.engine.events import Event
from gigsim.engine.kernel import Kernel
from gigsim.engine.metrics import MonthStats

Answer = tuple[str, float]
"""A policy's answer to a decision: (option, delay in days)."""
Policy = Callable[[Decision, Any], Answer]
"""A policy answers a decision, given the run's state, with (option, delay in days)."""


class Books:
    """One seller's business as a person follows it."""

    def __init__(
        self, seller_id: str, month: MonthStats, kernel: Kernel, policy: Policy | None
    ) -> None:
        self.seller_id = seller_id
        self.policy = policy
        """Who answers this seller's decisions: a policy, or None for a human (they wait)."""
        self._kernel = kernel
        self.events: list[Event] = []
        self.pending: dict[int, Decision] = {}
        self.orders: dict[int, Order] = {}
        self.cur = month
        self.months: list[MonthStats] = []
        self.balance_lots: list[list[float]] = []  # [time, amount left] of credits
        self.lapse_warned: set[float] = set()  # credit times of lots already warned of
        self.waiting = 0  # buyers shopping where the seller sells whose outcome is not known yet
        self.month_hooks: list[Callable[[], None]] = []
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


def books_of(s: Seller) -> Books | None:
    """The seller's books, or None for a computer seller."""
    books: Books | None = s.books
    return books


def policy_of(s: Seller, computers: Policy) -> Policy | None:
    """Who answers the seller's decisions: the computer sellers' policy, a player's policy,
    or None when a human does (the decision then waits in the seller's books)."""
    books: Books | None = s.books
    return computers if books is None else books.policy


def plans_ahead(s: Seller) -> bool:
    """Whether the seller's orders may be worked out in advance: nobody follows them step by step."""
    return s.books is None

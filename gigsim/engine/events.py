"""Domain events: what happened in a run, in order, as plain immutable records.

Events are the engine's narrative for front ends and for ``--events`` output:
orders placed, reviews posted, disputes opened, months closed. They concern
the player's business and the market's structure (competitors entering and
leaving, storms); competitors' individual orders are summarised in metrics
instead, so that a large market does not drown the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Event:
    seq: int
    t: float
    kind: str
    data: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "t": round(self.t, 6), "kind": self.kind, **self.data}


# Event kinds (a closed set; front ends switch on these).
LISTING_PUBLISHED = "listing_published"
LISTING_REFUSED = "listing_refused"
LISTING_CHANGED = "listing_changed"
LISTING_TAKEN_DOWN = "listing_taken_down"
ORDER_PLACED = "order_placed"
ORDER_REPLIED = "order_replied"
ORDER_DELIVERED = "order_delivered"
ORDER_LATE = "order_late"
REVISION_REQUESTED = "revision_requested"
ORDER_COMPLETED = "order_completed"
ORDER_CANCELLED = "order_cancelled"
DISPUTE_OPENED = "dispute_opened"
DISPUTE_RESOLVED = "dispute_resolved"
REVIEW_POSTED = "review_posted"
INQUIRY_RECEIVED = "inquiry_received"
INQUIRY_LOST = "inquiry_lost"
REQUEST_POSTED = "request_posted"
PROPOSAL_SENT = "proposal_sent"
PROPOSAL_RESULT = "proposal_result"
REQUEST_RULE_SET = "request_rule_set"
DECISION_WAITING = "decision_waiting"
DECISION_ANSWERED = "decision_answered"
DECISION_DEFAULTED = "decision_defaulted"
WITHDRAWAL_REQUESTED = "withdrawal_requested"
WITHDRAWAL_REFUSED = "withdrawal_refused"
PAYOUT_PAID = "payout_paid"
BALANCE_LAPSED = "balance_lapsed"
BALANCE_LAPSE_SOON = "balance_lapse_soon"
RANK_CHANGED = "rank_changed"
MONTH_CLOSED = "month_closed"
STORM_STARTED = "storm_started"
HARASSMENT = "harassment"
ACCOUNT_WARNING = "account_warning"
ACCOUNT_SUSPENDED = "account_suspended"
HOURS_CHANGED = "hours_changed"
DISCLOSURE_CHANGED = "disclosure_changed"
COMPETITOR_ENTERED = "competitor_entered"
COMPETITOR_LEFT = "competitor_left"

# Kinds published on the kernel's bus between subsystems (never in the event log).
ORDER_SETTLED = "order_settled"
"""An order's escrow was released: (order, cancelled, forced stars or None), after the ledger moved."""
WORK_STARTED = "work_started"
"""A seller took up an order's work: (order, when it will be finished)."""
SOLD = "sold"
"""A computer seller sold: (seller), after the order was paid."""

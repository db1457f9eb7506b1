"""The first time each mechanism happens to a player, with the numbers of that event.

A beginner learns what escrow, automatic approval or a dispute is when it
happens to them. ``Firsts`` listens on the bus to the domain events each
player's books publish and keeps, per player, one ``Notice`` the first time
each of these happens: an order held in escrow, an automatic approval, a
dispute, a warning that balance will lapse, an offer to pay outside the
platform, an account warning; and a notice for every social-media storm
(each says what caused it, how long and how much demand is down).

It draws no random number, schedules nothing and writes nothing into the
event log, so a run's draws, events and results are those of a run without
it. What it keeps follows from the events alone: a save (a journal of
actions) replays to the same notices at the same times, and a notice is
never given twice in one game. Numbers the event does not carry (the money
held, the fee that will be kept) are read from the run's state and the
model's own rules at that moment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gigsim.engine import events as ev
from gigsim.engine.controllers import Books
from gigsim.engine.entities import Order
from gigsim.engine.events import Event
from gigsim.engine.state import HOUR, State
from gigsim.model import rules

ESCROW = "escrow"
AUTO_APPROVAL = "auto_approval"
DISPUTE = "dispute"
LAPSE_WARNING = "lapse_warning"
STORM = "storm"
OFF_PLATFORM_OFFER = "off_platform_offer"
ACCOUNT_WARNING = "account_warning"
NOTICE_KINDS = (
    ESCROW,
    AUTO_APPROVAL,
    DISPUTE,
    LAPSE_WARNING,
    STORM,
    OFF_PLATFORM_OFFER,
    ACCOUNT_WARNING,
)
"""What a notice explains; each but ``storm`` is given once per player and game."""

_SAME_INSTANT = 1e-6  # days: an approval this close to the deadline was automatic


@dataclass(frozen=True, slots=True)
class Notice:
    """One explanation for a player: what happened (``kind``), when, and its numbers."""

    kind: str
    t: float
    info: tuple[tuple[str, Any], ...]
    """Plain numbers, flags and ids, by name (amounts in minor units, times in days)."""

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.info).get(key, default)


class Firsts:
    """Per player: the notices given so far. Collaborator: the run's state (read only)."""

    def __init__(self, state: State) -> None:
        self.w = state
        self.notices: dict[str, list[Notice]] = {}
        self._given: dict[str, set[str]] = {}
        subscribe = state.kernel.subscribe
        subscribe(ev.ORDER_PLACED, self._order_placed)
        subscribe(ev.ORDER_COMPLETED, self._order_completed)
        subscribe(ev.DISPUTE_OPENED, self._dispute_opened)
        subscribe(ev.BALANCE_LAPSE_SOON, self._lapse_soon)
        subscribe(ev.STORM_STARTED, self._storm_started)
        subscribe(ev.DECISION_WAITING, self._decision_waiting)
        subscribe(ev.ACCOUNT_WARNING, self._account_warning)

    def of(self, seller_id: str) -> tuple[Notice, ...]:
        """The notices given to a player so far, oldest first."""
        return tuple(self.notices.get(seller_id, ()))

    # -- bookkeeping ------------------------------------------------------------
    def _books(self, event: Event) -> Books | None:
        """The books that logged ``event`` (each player's books publish their own events)."""
        for b in self.w.books:
            if event.seq < len(b.events) and b.events[event.seq] is event:
                return b
        return None

    def _first(self, event: Event, kind: str) -> Books | None:
        """The player's books if this is the first ``kind`` for them, else None."""
        b = self._books(event)
        if b is None or kind in self._given.setdefault(b.seller_id, set()):
            return None
        return b

    def _give(self, b: Books, kind: str, **info: Any) -> None:
        self._given.setdefault(b.seller_id, set()).add(kind)
        notice = Notice(kind, self.w.now, tuple(info.items()))
        self.notices.setdefault(b.seller_id, []).append(notice)

    def _fee(self, amount: int) -> int:
        """What the platform keeps of ``amount`` (commission and its tax), as settlement takes it."""
        return rules.commission(amount, self.w.sc.platform.commission).total

    # -- the mechanisms -----------------------------------------------------------
    def _order_placed(self, event: Event) -> None:
        b = self._first(event, ESCROW)
        if b is None:
            return
        o: Order = b.orders[event.data["order"]]
        tm = self.w.sc.platform.timings
        fee = self._fee(o.amount)
        self._give(
            b,
            ESCROW,
            order=o.id,
            amount=o.amount,
            buyer_fee=o.buyer_fee,
            held=o.escrow,
            fee=fee,
            net=o.amount - fee,
            due=o.due,
            release_by=o.due + tm.auto_approve_hours * HOUR,
            auto_approve_hours=tm.auto_approve_hours,
            reply_hours=tm.first_reply_hours,
        )

    def _order_completed(self, event: Event) -> None:
        b = self._first(event, AUTO_APPROVAL)
        if b is None or event.data.get("outcome") != "completed":
            return
        o = b.orders.get(event.data["order"])
        hours = self.w.sc.platform.timings.auto_approve_hours
        if o is None or o.delivered_at is None or o.settled_at is None:
            return
        if abs(o.settled_at - o.delivered_at - hours * HOUR) > _SAME_INSTANT:
            return  # the buyer accepted before the deadline
        self._give(
            b,
            AUTO_APPROVAL,
            order=o.id,
            amount=o.amount,
            fee=int(event.data.get("commission", 0)),
            net=int(event.data.get("net", 0)),
            delivered=o.delivered_at,
            hours=hours,
        )

    def _dispute_opened(self, event: Event) -> None:
        b = self._first(event, DISPUTE)
        if b is None:
            return
        o = b.orders.get(event.data["order"])
        d = self.w.sc.market.disputes
        self._give(
            b,
            DISPUTE,
            order=event.data["order"],
            held=o.escrow if o is not None else 0,
            amount=o.amount if o is not None else 0,
            delivered=bool(event.data.get("delivered")),
            on_time=bool(event.data.get("on_time")),
            reply_hours=d.reply_hours,
            hours=d.hours,
            partial_refund=d.partial_refund,
        )

    def _lapse_soon(self, event: Event) -> None:
        b = self._first(event, LAPSE_WARNING)
        if b is None:
            return
        p = self.w.sc.platform.payout
        first = float(event.data["lapses_at"])
        # the parts warned of lapse over some days: the last day, as days from the start
        days = dt.date.fromisoformat(event.data["last_date"]) - dt.date.fromisoformat(
            event.data["date"]
        )
        self._give(
            b,
            LAPSE_WARNING,
            amount=int(event.data["amount"]),
            lapses_at=first,
            last_lapses_at=first + days.days,
            lapse_days=p.lapse_days,
            payout_fee=p.fee,
            fee_waived_from=p.fee_waived_from,
            minimum=p.minimum,
        )

    def _storm_started(self, event: Event) -> None:
        """Every storm, with its cause: the review just before it in the player's log."""
        b = self._books(event)
        if b is None:
            return
        first = STORM not in self._given.setdefault(b.seller_id, set())
        review = _just_before(b, event, ev.REVIEW_POSTED)
        order = b.orders.get(review.data["order"]) if review is not None else None
        days = float(event.data["days"])
        self._give(
            b,
            STORM,
            first=first,
            order=order.id if order is not None else None,
            stars=review.data["stars"] if review is not None else None,
            buyer_type=order.buyer_type if order is not None else "",
            disputed=bool(order is not None and order.extra.get("disputed")),
            days=days,
            kept=float(event.data["demand_kept"]),
            until=event.t + days,
        )

    def _decision_waiting(self, event: Event) -> None:
        if event.data.get("decision_kind") != "off_platform_offer":
            return
        b = self._first(event, OFF_PLATFORM_OFFER)
        if b is None:
            return
        amount = int(event.data.get("amount", 0))
        r = self.w.sc.platform.rules
        self._give(
            b,
            OFF_PLATFORM_OFFER,
            amount=amount,
            fee_saved=self._fee(amount),
            detection=r.off_platform_detection,
            warnings=r.warnings_before_suspension,
            suspension_days=r.suspension_days,
            deadline=float(event.data["deadline"]),
        )

    def _account_warning(self, event: Event) -> None:
        b = self._first(event, ACCOUNT_WARNING)
        if b is None:
            return
        r = self.w.sc.platform.rules
        taken = _just_before(b, event, ev.LISTING_TAKEN_DOWN)
        warnings = int(event.data["warnings"])
        self._give(
            b,
            ACCOUNT_WARNING,
            reason=str(event.data.get("reason", "")),
            warnings=warnings,
            limit=r.warnings_before_suspension,
            suspension_days=r.suspension_days,
            listing=taken.data["listing"] if taken is not None else None,
        )


def _just_before(b: Books, event: Event, kind: str) -> Event | None:
    """The event of ``kind`` logged at the same instant just before ``event`` (its cause), or None."""
    i = event.seq - 1
    while i >= 0 and b.events[i].t == event.t:
        if b.events[i].kind == kind:
            return b.events[i]
        i -= 1
    return None

"""Event sentences, decision facts and the money tab's lines, as the game shows them.

Pure functions over plain records (event dicts, a decision's info, snapshot
fields): the game's event log, inbox and money tab read these.

Must not import Textual (nothing outside ``gigsim.tui`` does) or the engine.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

from gigsim.text.units import day, money, sentence, until

DECISION_TITLE = {
    "inquiry": "Inquiry from a buyer",
    "quote_request": "Quote request",
    "public_request": "Buyer's public request: send a proposal?",
    "revision_request": "Revision request",
    "cancellation_request": "Cancellation request",
    "dispute": "Dispute",
    "off_platform_offer": "Offer to pay outside the platform",
}


_Sentence = Callable[[Mapping[str, Any], Callable[[float], str]], str]

_SENTENCES: dict[str, _Sentence] = {
    "listing_published": lambda e, m: f"Listing #{e['listing']} published at {m(e['price'])}.",
    "listing_refused": lambda e, m: f"Listing refused: {e.get('reason', '')}.",
    "listing_changed": lambda e, m: f"Listing #{e['listing']} updated.",
    "listing_taken_down": lambda e, m: f"Listing #{e['listing']} taken down: {e['reason']}.",
    "order_placed": lambda e, m: (
        f"New order #{e['order']} for {m(e['amount'])} "
        f"({e.get('buyer_type', 'a')} buyer, via {e.get('via', 'search')})."
    ),
    "order_replied": lambda e, m: f"You replied to order #{e['order']}.",
    "order_delivered": lambda e, m: (
        f"Delivered order #{e['order']}" + (" LATE." if e.get("late") else " on time.")
    ),
    "order_late": lambda e, m: f"! Order #{e['order']} is late.",
    "revision_requested": lambda e, m: f"Buyer asks for a revision of order #{e['order']}.",
    "order_completed": lambda e, m: (
        f"Order #{e['order']} completed: {m(e.get('net', 0))} to your balance."
    ),
    "order_cancelled": lambda e, m: (
        f"! Order #{e['order']} cancelled"
        + (f" ({str(e['outcome']).replace('_', ' ')})." if e.get("outcome") else ".")
    ),
    "dispute_opened": lambda e, m: f"! Dispute opened on order #{e['order']}.",
    "dispute_resolved": lambda e, m: (
        f"Dispute on order #{e['order']} resolved: {str(e.get('outcome', '')).replace('_', ' ')}."
    ),
    "review_posted": lambda e, m: f"New review: {e['stars']}★ (rating now {e['rating']:.2f}).",
    "inquiry_received": lambda e, m: (
        "A buyer sent " + ("a quote request." if e.get("quote") else "an inquiry.")
    ),
    "inquiry_lost": lambda e, m: "! A buyer gave up: no answer in time.",
    "proposal_sent": lambda e, m: f"Proposal sent at {m(e['price'])}.",
    "proposal_result": lambda e, m: (
        "Your proposal won!" if e.get("won") else "Your proposal was not chosen."
    ),
    "decision_waiting": lambda e, m: sentence(
        f"Waiting for you: {DECISION_TITLE.get(e['decision_kind'], e['decision_kind'])}"
    ),
    "decision_defaulted": lambda e, m: (
        f"No answer in time: {e['option'].replace('_', ' ')} applied."
    ),
    "withdrawal_requested": lambda e, m: (
        f"Withdrawal of {m(e['amount'])} requested "
        f"(fee {m(e.get('fee', 0))}, paid {e.get('pay_date', '')})."
    ),
    "withdrawal_refused": lambda e, m: f"Withdrawal refused: {e.get('reason', '')}.",
    "payout_paid": lambda e, m: f"{m(e['amount'])} reached your bank.",
    "balance_lapsed": lambda e, m: f"! {m(e['amount'])} of unclaimed balance lapsed.",
    "balance_lapse_soon": lambda e, m: (
        f"! {m(e['amount'])} of your balance lapses "
        + (
            f"on {day(dt.date.fromisoformat(e['date']))}"
            if e.get("last_date", e["date"]) == e["date"]
            else f"from {day(dt.date.fromisoformat(e['date']))}"
        )
        + " unless you withdraw it (Money tab)."
    ),
    "rank_changed": lambda e, m: f"Rank: {e['old']} → {e['new']}.",
    "month_closed": lambda e, m: f"Month {e['label']} closed: net {m(e['net_income'])}.",
    "storm_started": lambda e, m: "! A furious buyer posted about you: demand falls for a while.",
    "harassment": lambda e, m: f"! Harassing messages cost you {e.get('hours', 0):g} h.",
    "account_warning": lambda e, m: f"! Account warning: {e.get('reason', '')}.",
    "account_suspended": lambda e, m: f"! Account suspended for {e.get('days', 0):g} days.",
    "hours_changed": lambda e, m: f"Your hours: {e.get('weekly', 0):g} h a week.",
}


def event_sentence(event: Mapping[str, Any], currency: str) -> str | None:
    """A readable sentence for a domain event, or None for market noise."""
    build = _SENTENCES.get(str(event.get("kind")))
    if build is None:
        return None
    try:
        return build(event, lambda x: money(x, currency))
    except (KeyError, TypeError, ValueError):
        return str(event.get("kind", "")).replace("_", " ")


_MONEY_INFO = {"amount", "budget", "price"}


def decision_facts(info: tuple[tuple[str, Any], ...] | Mapping[str, Any], currency: str) -> str:
    """A decision's info as one readable line: 'budget ¥8,700 · ordinary buyer · order #12'."""
    items = dict(info)
    parts = []
    for key, value in sorted(items.items()):
        if key in _MONEY_INFO and isinstance(value, int | float):
            parts.append(f"{key} {money(value, currency)}")
        elif key == "buyer_type":
            parts.append(f"{value} buyer")
        elif key in ("order", "listing"):
            parts.append(f"{key} #{value}")
        elif isinstance(value, bool):
            parts.append(f"{key.replace('_', ' ')}: {'yes' if value else 'no'}")
        elif key == "window_days":
            parts.append(f"open {value:g} days")
        else:
            parts.append(f"{key.replace('_', ' ')} {value}")
    return " · ".join(parts)


# --------------------------------------------------------------------------
# Money tab
# --------------------------------------------------------------------------


def withdraw_preview(
    amount: int,
    fee: int,
    pay_date: dt.date,
    balance: int,
    currency: str,
    minimum: int = 0,
    fee_free_from: int | None = None,
) -> str:
    """What withdrawing ``amount`` would do, or why it cannot be done, before the player confirms."""

    def m(x: int) -> str:
        return money(x, currency)

    free = (
        f" Withdraw {m(fee_free_from)} or more and there is no fee."
        if fee and fee_free_from is not None and balance >= fee_free_from
        else ""
    )
    if amount > balance:
        return f"{m(amount)} is more than your balance ({m(balance)})."
    if amount < minimum:
        return f"The platform pays out {m(minimum)} or more; you typed {m(amount)}."
    if amount <= fee:
        return f"{m(amount)} does not cover the {m(fee)} transfer fee.{free}"
    return (
        f"Withdraw {m(amount)}: fee {m(fee)}, you receive {m(amount - fee)} on {day(pay_date)}."
        f"{free} Press Withdraw to confirm."
    )


def lapse_lines(
    lapses: tuple[tuple[int, float], ...], now: float, start: dt.date, currency: str
) -> list[str]:
    """When each part of the balance lapses, soonest first: '¥3,900 lapses Fri May 01 (in 92 d)'."""
    out = []
    for amount, t in sorted(lapses, key=lambda x: x[1]):
        when = start + dt.timedelta(days=math.floor(t + 1e-9))
        soon = " ! withdraw it" if t - now <= 31 else ""
        out.append(f"{money(amount, currency)} lapses {day(when)} ({until(t, now)}){soon}")
    return out

"""The model's own answers, as text: month reports, hints, the year end, event sentences.

Pure functions over the engine's plain records (month dicts from
``gigsim.engine.metrics``, event dicts, snapshot fields). The game's
month-end modal, dashboard and event log read these; the lessons can too.

Must not import Textual (nothing outside ``gigsim.tui`` does) or touch a live
engine.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gigsim.model.units import day, money

FILING_THRESHOLD_JPY = 200_000
"""Side-income profit a salaried worker in Japan may earn in a year without filing a return."""

REASON_TEXT = {
    "not_seen": "never saw your listing",
    "full": "found it full",
    "price": "chose on price",
    "trust": "trusted another seller more",
    "slow_reply": "gave up waiting for a reply",
    "delivery_time": "wanted faster delivery",
}

DECISION_TITLE = {
    "inquiry": "Inquiry from a buyer",
    "quote_request": "Quote request",
    "public_request": "Buyer's public request: send a proposal?",
    "revision_request": "Revision request",
    "cancellation_request": "Cancellation request",
    "dispute": "Dispute",
    "off_platform_offer": "Offer to pay outside the platform",
}


def sentence(text: str) -> str:
    """End ``text`` with a full stop unless it already ends a sentence (a title may be a question)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def clock(t: float, start: dt.date) -> str:
    """Model time (days since the start date) as 'Mon Jan 05 21:00'."""
    moment = dt.datetime(start.year, start.month, start.day) + dt.timedelta(days=t)
    moment += dt.timedelta(seconds=30)  # round to the minute, not down
    return moment.strftime("%a %b %d %H:%M")


def until(t: float, now: float) -> str:
    """'in 13 h', 'in 2 d 4 h', or 'now' for a moment relative to ``now`` (days)."""
    hours = (t - now) * 24.0
    if hours < 0.5:
        return "now" if hours > -0.5 else f"{-hours:.0f} h ago"
    if hours < 48:
        return f"in {hours:.0f} h"
    days, rest = divmod(round(hours), 24)
    return f"in {days} d {rest} h" if rest else f"in {days} d"


def stars(rating: float, reviews: int) -> str:
    return f"{rating:.2f}★ ({reviews} reviews)" if reviews else "no reviews yet"


# --------------------------------------------------------------------------
# Month report
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthReport:
    label: str
    pnl: tuple[tuple[str, str], ...]  # (line, formatted amount), net last
    hours: str
    wage: str
    why: list[str]
    hints: list[str]


def _share(n: int, total: int) -> str:
    """'61%', or '<1%' for a few among many (never '0%' for a count that is not zero)."""
    share = n / total
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


def _lost_lines(month: Mapping[str, Any]) -> tuple[int, list[str]]:
    lost: dict[str, int] = dict(month.get("lost_buyers", {}))
    total = sum(lost.values())
    if total == 0:
        return 0, []
    parts = [
        f"{n} {REASON_TEXT.get(reason, reason.replace('_', ' '))} ({_share(n, total)})"
        for reason, n in sorted(lost.items(), key=lambda kv: (-kv[1], kv[0]))
        if n
    ]
    return total, parts


def month_report(
    month: Mapping[str, Any], previous: Mapping[str, Any] | None, currency: str
) -> MonthReport:
    """The month's P&L, hours and wage, and the model's own 'why' with hints."""

    def m(key: str, sign: int = 1) -> str:
        return money(sign * month.get(key, 0), currency)

    pnl = (
        ("Gross sales", m("gross_sales")),
        ("Platform fee", m("platform_fees", -1)),
        ("Refunds", m("refunds", -1)),
        ("Payout fees", m("payout_fees", -1)),
        ("Lapsed balance", m("lapsed", -1)),
        ("Net income", m("net_income")),
        ("Buyers' fee on top", m("buyer_fees")),
    )
    worked = float(month.get("hours_worked", 0.0))
    avail = float(month.get("hours_available", 0.0))
    hours = (
        f"{worked:.1f} h worked of {avail:.1f} h available ({month.get('utilisation', 0.0):.0%})"
    )
    wage_value = month.get("effective_hourly_wage")
    wage = (
        "no hours worked"
        if wage_value is None
        else f"{money(wage_value, currency)} per hour worked"
    )
    return MonthReport(
        label=str(month.get("label", "")),
        pnl=pnl,
        hours=hours,
        wage=wage,
        why=why_lines(month, previous),
        hints=hints(month),
    )


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 order', '3 orders': a number with its noun in the right number."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _buyers_line(month: Mapping[str, Any]) -> str:
    """Where the month's shoppers went; the parts add up to the whole (see ``MonthStats``)."""
    shopped = int(month.get("buyers_in_categories", 0))
    before = int(month.get("buyers_waiting_before", 0))
    won = int(month.get("buyers_won", 0))
    lost = sum(dict(month.get("lost_buyers", {})).values())
    declined = int(month.get("declined", 0))
    waiting = int(month.get("buyers_waiting", 0))
    head = f"{count(shopped, 'buyer')} shopped in your categories"
    if before:
        head += f" (and {before} still deciding from last month)"
    parts = [f"{won} bought from you", f"{lost} did not"]
    if declined:
        parts.append(f"{declined} you declined")
    if waiting:
        parts.append(f"{waiting} still deciding at the month's end")
    return f"{head}: " + ", ".join(parts) + "."


def why_lines(month: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    out: list[str] = []
    orders = int(month.get("orders", 0))
    out.append(f"{count(orders, 'order')}. " + _buyers_line(month))
    total, parts = _lost_lines(month)
    if total:
        out.append(f"The {total} who did not buy from you: " + ", ".join(parts) + ".")
    n_new = int(month.get("new_reviews", 0))
    rating = float(month.get("rating") or 0.0)
    if n_new:
        avg = month.get("stars_sum_new", 0) / n_new
        line = f"{count(n_new, 'new review')} averaging {avg:.1f}★"
        prev_reviews = int(previous.get("reviews", 0)) if previous else 0
        if prev_reviews:
            prev_rating = float(previous.get("rating") or 0.0) if previous else 0.0
            line += f"; rating {prev_rating:.2f} → {rating:.2f}"
        else:
            line += f"; your first rating is {rating:.2f}"
        out.append(line + ".")
    elif not month.get("reviews"):
        out.append("No reviews yet: buyers see a listing without reviews as a risk.")
    before, after = month.get("rank_before", ""), month.get("rank", "")
    if before != after:
        out.append(f"Rank changed: {before or 'none'} → {after}.")
    for key, one, many in (
        ("late_deliveries", "late delivery", "late deliveries"),
        ("cancellations", "cancelled order", None),
        ("disputes", "dispute", None),
        ("revisions", "revision", None),
    ):
        if month.get(key):
            out.append(count(int(month[key]), one, many) + ".")
    return out


# Advice by cause. Capacity advice (you are full, or out of hours) and demand advice (lower
# the price, be seen) pull opposite ways, so a month gets advice of one kind only: whichever
# limit bound this month.
_DEMAND_ADVICE = {
    "not_seen": "Most buyers never saw your listing: send proposals to buyers' public requests; "
    "first orders and reviews lift it in the search.",
    "slow_reply": "Buyers gave up waiting: answer inquiries and quote requests faster "
    "(within a few hours, not a day).",
    "price": "Buyers chose cheaper listings: compare your price with the category median.",
    "trust": "Buyers trusted sellers with more reviews: win first orders through proposals "
    "and over-deliver on them to earn 5★ reviews.",
    "delivery_time": "Buyers wanted faster delivery: promise fewer days if your hours allow.",
}
_NEW_LISTING_ADVICE = (
    "Most buyers never saw your listing: send proposals to buyers' public requests, and try a "
    "lower price while the new-listing boost lasts ({days:.0f} more days) to climb the search."
)
_FULL_ADVICE = (
    "Buyers found your listing full: raise the cap if your hours allow, "
    "or raise the price so the same hours earn more."
)
_HOURS_ADVICE = "You used all your hours: raise the price or lower the cap before quality slips."


def hints(month: Mapping[str, Any], limit: int = 2) -> list[str]:
    """One or two concrete things to try, from the month's own attribution; never contradictory."""
    lost: dict[str, int] = dict(month.get("lost_buyers", {}))
    total = sum(lost.values())
    found: list[tuple[float, str]] = []
    late = int(month.get("late_deliveries", 0))
    if late:
        found.append(
            (
                1e9,
                f"{count(late, 'late delivery', 'late deliveries')}: add a buffer day to your "
                "delivery time or lower your cap, since late orders cost stars.",
            )
        )
    out_of_hours = float(month.get("utilisation", 0.0)) > 0.95
    full = lost.get("full", 0)
    if out_of_hours:
        found.append((1e8, _HOURS_ADVICE))
    if full and total and not out_of_hours:
        found.append((full, _FULL_ADVICE))
    if not (out_of_hours or (full and total and full / total >= 0.2)):
        # demand, not capacity, was the limit: advice to win more buyers
        days = float(month.get("new_listing_days_left", 0.0))
        for reason, n in lost.items():
            if not n or reason not in _DEMAND_ADVICE or not total:
                continue
            if reason == "not_seen" and n / total < 0.5:
                continue
            text = _DEMAND_ADVICE[reason]
            if reason == "not_seen" and days > 0:
                text = _NEW_LISTING_ADVICE.format(days=days)
            found.append((n, text))
    found.sort(key=lambda x: -x[0])
    return [text for _, text in found[:limit]]


# --------------------------------------------------------------------------
# Year end
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class YearEnd:
    year: str
    profit: int
    lines: list[str]
    over_threshold: bool | None  # None where the yen rule does not apply


def year_end(months: list[Mapping[str, Any]], year: str, currency: str) -> YearEnd:
    """Side-income profit for calendar ``year`` against the ¥200,000 filing threshold."""
    profit = sum(int(m.get("net_income", 0)) for m in months if str(m["label"]).startswith(year))
    lines = [f"Side-income profit in {year}: {money(profit, currency)} (net of platform fees)."]
    over: bool | None = None
    if currency == "JPY":
        over = profit > FILING_THRESHOLD_JPY
        limit = money(FILING_THRESHOLD_JPY, currency)
        if over:
            lines.append(
                f"That is above {limit}: a salaried worker would normally file an income-tax return."
            )
        else:
            lines.append(
                f"That is within {limit}: a salaried worker would not need an income-tax return "
                "for it, but resident tax must still be declared."
            )
    else:
        lines.append("The ¥200,000 rule is Japan's; check your own country's rules.")
    lines.append(
        "Illustration only, not tax advice: expenses other than platform fees are not modelled."
    )
    return YearEnd(year, profit, lines, over)


def closes_year(month: Mapping[str, Any]) -> bool:
    return str(month.get("label", "")).endswith("-12")


# --------------------------------------------------------------------------
# Event sentences
# --------------------------------------------------------------------------

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

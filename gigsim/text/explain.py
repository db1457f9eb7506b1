"""The model's own answers, as text: the month report, its 'why' and hints, the year end.

Pure functions over the engine's plain records (month dicts from
``gigsim.engine.metrics``). The game's month-end report and the headless
run's tax table read these; the lessons can too. Event sentences and the
inbox's and money tab's lines are in ``gigsim.text.sentences``.

Must not import Textual (nothing outside ``gigsim.tui`` does), the engine, or
touch a live engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gigsim.i18n import _
from gigsim.text.units import count, money

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


# --------------------------------------------------------------------------
# Month report
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthReport:
    label: str
    pnl: tuple[tuple[str, str], ...]  # (line, formatted amount), net last
    zero: frozenset[str]  # the P&L lines whose amount is zero
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


_PNL = (
    ("Gross sales", "gross_sales", 1),
    ("Platform fee", "platform_fees", -1),
    ("Refunds", "refunds", -1),
    ("Payout fees", "payout_fees", -1),
    ("Lapsed balance", "lapsed", -1),
    ("Net income", "net_income", 1),
    ("Buyers' fee on top", "buyer_fees", 1),
)
"""The month report's P&L: line, month figure, sign shown (costs as negative amounts)."""


def month_report(
    month: Mapping[str, Any], previous: Mapping[str, Any] | None, currency: str
) -> MonthReport:
    """The month's P&L, hours and wage, and the model's own 'why' with hints."""
    amounts = [(line, sign * month.get(key, 0)) for line, key, sign in _PNL]
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
        pnl=tuple((line, money(amount, currency)) for line, amount in amounts),
        zero=frozenset(line for line, amount in amounts if amount == 0),
        hours=hours,
        wage=wage,
        why=why_lines(month, previous),
        hints=hints(month),
    )


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
    lines = [
        _("Side-income profit in {year}: {amount} (net of platform fees).").format(
            year=year, amount=money(profit, currency)
        )
    ]
    over: bool | None = None
    if currency == "JPY":
        over = profit > FILING_THRESHOLD_JPY
        limit = money(FILING_THRESHOLD_JPY, currency)
        if over:
            lines.append(
                _(
                    "That is above {limit}: a salaried worker would normally file an "
                    "income-tax return."
                ).format(limit=limit)
            )
        else:
            lines.append(
                _(
                    "That is within {limit}: a salaried worker would not need an income-tax "
                    "return for it, but resident tax must still be declared."
                ).format(limit=limit)
            )
    else:
        lines.append(_("The ¥200,000 rule is Japan's; check your own country's rules."))
    lines.append(
        _("Illustration only, not tax advice: expenses other than platform fees are not modelled.")
    )
    return YearEnd(year, profit, lines, over)


def closes_year(month: Mapping[str, Any]) -> bool:
    return str(month.get("label", "")).endswith("-12")

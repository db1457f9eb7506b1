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

from gigsim.i18n import _, lazy, ngettext
from gigsim.text.units import money

FILING_THRESHOLD_JPY = 200_000
"""Side-income profit a salaried worker in Japan may earn in a year without filing a return."""

REASON_TEXT = {
    "not_seen": lazy("{n} never saw your listing ({share})"),
    "full": lazy("{n} found it full ({share})"),
    "price": lazy("{n} chose on price ({share})"),
    "trust": lazy("{n} trusted another seller more ({share})"),
    "slow_reply": lazy("{n} gave up waiting for a reply ({share})"),
    "delivery_time": lazy("{n} wanted faster delivery ({share})"),
}
"""Why buyers did not buy from you, by the month's reason keys: a count and its share."""


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
        str(REASON_TEXT.get(reason, f"{{n}} {reason.replace('_', ' ')} ({{share}})")).format(
            n=n, share=_share(n, total)
        )
        for reason, n in sorted(lost.items(), key=lambda kv: (-kv[1], kv[0]))
        if n
    ]
    return total, parts


_PNL = (
    (lazy("Gross sales"), "gross_sales", 1),
    (lazy("Platform fee"), "platform_fees", -1),
    (lazy("Refunds"), "refunds", -1),
    (lazy("Payout fees"), "payout_fees", -1),
    (lazy("Lapsed balance"), "lapsed", -1),
    (lazy("Net income"), "net_income", 1),
    (lazy("Buyers' fee on top"), "buyer_fees", 1),
)
"""The month report's P&L: line, month figure, sign shown (costs as negative amounts)."""


def month_report(
    month: Mapping[str, Any], previous: Mapping[str, Any] | None, currency: str
) -> MonthReport:
    """The month's P&L, hours and wage, and the model's own 'why' with hints."""
    amounts = [(str(line), sign * month.get(key, 0)) for line, key, sign in _PNL]
    worked = float(month.get("hours_worked", 0.0))
    avail = float(month.get("hours_available", 0.0))
    hours = _("{worked} h worked of {available} h available ({share})").format(
        worked=f"{worked:.1f}",
        available=f"{avail:.1f}",
        share=f"{month.get('utilisation', 0.0):.0%}",
    )
    wage_value = month.get("effective_hourly_wage")
    wage = (
        _("no hours worked")
        if wage_value is None
        else _("{amount} per hour worked").format(amount=money(wage_value, currency))
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
    head = ngettext(
        "{n} buyer shopped in your categories", "{n} buyers shopped in your categories", shopped
    ).format(n=shopped)
    if before:
        head = _("{head} (and {n} still deciding from last month)").format(head=head, n=before)
    parts = [
        _("{n} bought from you").format(n=won),
        _("{n} did not").format(n=lost),
    ]
    if declined:
        parts.append(_("{n} you declined").format(n=declined))
    if waiting:
        parts.append(_("{n} still deciding at the month's end").format(n=waiting))
    return _("{head}: {parts}.").format(head=head, parts=_(", ").join(parts))


def requests_line(month: Mapping[str, Any]) -> str:
    """The month's public requests: how many reached the player, the proposals sent (by the
    standing rule, of them), those passed over, those the buyers decided on this month and
    of them those won, and the hours the proposals took; empty in a month without any."""
    n = int(month.get("requests", 0))
    sent = int(month.get("proposals_sent", 0))
    if not n and not sent:
        return ""
    by_rule = int(month.get("proposals_by_rule", 0))
    passed = int(month.get("requests_passed", 0))
    won = int(month.get("proposals_won", 0))
    decided = int(month.get("proposals_decided", won))
    parts = [
        ngettext("{n} proposal sent", "{n} proposals sent", sent).format(n=sent)
        + (_(" ({n} by your rule)").format(n=by_rule) if by_rule else ""),
        _("of {decided} decided, {n} won").format(decided=decided, n=won),
    ]
    if passed:
        parts.append(_("{n} passed over by your rule").format(n=passed))
    hours = float(dict(month.get("hours", {})).get("proposal", 0.0))
    if sent:
        parts.append(_("the proposals took {hours} h").format(hours=f"{hours:.1f}"))
    head = ngettext("{n} public request reached you", "{n} public requests reached you", n).format(
        n=n
    )
    return _("{head}: {parts}.").format(head=head, parts=_(", ").join(parts))


def why_lines(month: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    out: list[str] = []
    orders = int(month.get("orders", 0))
    out.append(
        ngettext("{n} order. {buyers}", "{n} orders. {buyers}", orders).format(
            n=orders, buyers=_buyers_line(month)
        )
    )
    total, parts = _lost_lines(month)
    if total:
        out.append(
            _("The {n} who did not buy from you: {parts}.").format(
                n=total, parts=_(", ").join(parts)
            )
        )
    requests = requests_line(month)
    if requests:
        out.append(requests)
    n_new = int(month.get("new_reviews", 0))
    rating = float(month.get("rating") or 0.0)
    if n_new:
        avg = month.get("stars_sum_new", 0) / n_new
        prev_reviews = int(previous.get("reviews", 0)) if previous else 0
        if prev_reviews:
            prev_rating = float(previous.get("rating") or 0.0) if previous else 0.0
            line = ngettext(
                "{n} new review averaging {avg}★; rating {before} → {after}.",
                "{n} new reviews averaging {avg}★; rating {before} → {after}.",
                n_new,
            ).format(n=n_new, avg=f"{avg:.1f}", before=f"{prev_rating:.2f}", after=f"{rating:.2f}")
        else:
            line = ngettext(
                "{n} new review averaging {avg}★; your first rating is {rating}.",
                "{n} new reviews averaging {avg}★; your first rating is {rating}.",
                n_new,
            ).format(n=n_new, avg=f"{avg:.1f}", rating=f"{rating:.2f}")
        out.append(line)
    elif not month.get("reviews"):
        out.append(_("No reviews yet: buyers see a listing without reviews as a risk."))
    before, after = month.get("rank_before", ""), month.get("rank", "")
    if before != after:
        out.append(
            _("Rank changed: {before} → {after}.").format(
                before=rank_name(before or "none"), after=rank_name(after)
            )
        )
    out.extend(_incidents(month))
    return out


def _incidents(month: Mapping[str, Any]) -> list[str]:
    """Late deliveries, cancellations, disputes and revisions of the month, each counted."""
    out = []
    if n := int(month.get("late_deliveries", 0)):
        out.append(ngettext("{n} late delivery.", "{n} late deliveries.", n).format(n=n))
    if n := int(month.get("cancellations", 0)):
        out.append(ngettext("{n} cancelled order.", "{n} cancelled orders.", n).format(n=n))
    if n := int(month.get("disputes", 0)):
        out.append(ngettext("{n} dispute.", "{n} disputes.", n).format(n=n))
    if n := int(month.get("revisions", 0)):
        out.append(ngettext("{n} revision.", "{n} revisions.", n).format(n=n))
    return out


def rank_name(rank: str) -> str:
    """A rank's name in the current language (``gigsim.text.run_tables.rank_name``)."""
    from gigsim.text.run_tables import rank_name as name  # run_tables imports this module

    return name(rank)


# Advice by cause. Capacity advice (you are full, or out of hours) and demand advice (lower
# the price, be seen) pull opposite ways, so a month gets advice of one kind only: whichever
# limit bound this month.
_DEMAND_ADVICE = {
    "not_seen": lazy(
        "Most buyers never saw your listing: send proposals to buyers' public requests; "
        "first orders and reviews lift it in the search."
    ),
    "slow_reply": lazy(
        "Buyers gave up waiting: answer inquiries and quote requests faster "
        "(within a few hours, not a day)."
    ),
    "price": lazy("Buyers chose cheaper listings: compare your price with the category median."),
    "trust": lazy(
        "Buyers trusted sellers with more reviews: win first orders through proposals "
        "and over-deliver on them to earn 5★ reviews."
    ),
    "delivery_time": lazy("Buyers wanted faster delivery: promise fewer days if your hours allow."),
}


def _proposals_lost_advice(sent: int) -> str:
    return ngettext(
        "Your {n} proposal won nothing: a buyer weighs a proposal as a listing (its price, "
        "your reviews and rank) against the others and buying nothing; while you have few "
        "reviews, propose under the budget (b, or a rule at 20% under) and over-deliver on a "
        "first order.",
        "None of your {n} proposals won: a buyer weighs a proposal as a listing (its price, "
        "your reviews and rank) against the others and buying nothing; while you have few "
        "reviews, propose under the budget (b, or a rule at 20% under) and over-deliver on a "
        "first order.",
        sent,
    ).format(n=sent)


def _new_listing_advice(days: int) -> str:
    return ngettext(
        "Most buyers never saw your listing: send proposals to buyers' public requests, and try "
        "a lower price while the new-listing boost lasts ({days} more day) to climb the search.",
        "Most buyers never saw your listing: send proposals to buyers' public requests, and try "
        "a lower price while the new-listing boost lasts ({days} more days) to climb the search.",
        days,
    ).format(days=days)


_FULL_ADVICE = lazy(
    "Buyers found your listing full: raise the cap if your hours allow, "
    "or raise the price so the same hours earn more."
)
_HOURS_ADVICE = lazy(
    "You used all your hours: raise the price or lower the cap before quality slips."
)


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
                ngettext(
                    "{n} late delivery: add a buffer day to your delivery time or lower your "
                    "cap, since late orders cost stars.",
                    "{n} late deliveries: add a buffer day to your delivery time or lower your "
                    "cap, since late orders cost stars.",
                    late,
                ).format(n=late),
            )
        )
    out_of_hours = float(month.get("utilisation", 0.0)) > 0.95
    full = lost.get("full", 0)
    if out_of_hours:
        found.append((1e8, str(_HOURS_ADVICE)))
    if full and total and not out_of_hours:
        found.append((full, str(_FULL_ADVICE)))
    if not (out_of_hours or (full and total and full / total >= 0.2)):
        # demand, not capacity, was the limit: advice to win more buyers
        days = float(month.get("new_listing_days_left", 0.0))
        decided = int(month.get("proposals_decided", 0))
        losing = decided >= 3 and not month.get("proposals_won", 0)
        if losing:  # proposing already, and losing: what wins a proposal, not "send some"
            found.append((total + 1, _proposals_lost_advice(decided)))
        for reason, n in lost.items():
            if not n or reason not in _DEMAND_ADVICE or not total:
                continue
            if reason == "not_seen" and (n / total < 0.5 or losing):
                continue
            text = str(_DEMAND_ADVICE[reason])
            if reason == "not_seen" and days > 0:
                text = _new_listing_advice(round(days))
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


def year_end(
    months: list[Mapping[str, Any]], year: str, currency: str, salaried: bool = True
) -> YearEnd:
    """Side-income profit for calendar ``year`` against the ¥200,000 filing threshold (a rule
    for salaried workers: ``salaried`` False says it does not apply)."""
    profit = sum(int(m.get("net_income", 0)) for m in months if str(m["label"]).startswith(year))
    lines = [
        _("Side-income profit in {year}: {amount} (net of platform fees).").format(
            year=year, amount=money(profit, currency)
        )
    ]
    over: bool | None = None
    if currency == "JPY" and not salaried:
        lines.append(
            _(
                "The {limit} rule is for salaried workers, and this player has no salary: it "
                "does not apply (the rules that do are not modelled); resident tax is declared "
                "regardless."
            ).format(limit=money(FILING_THRESHOLD_JPY, currency))
        )
    elif currency == "JPY":
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

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

from gigsim.i18n import N_, _, lazy, ngettext
from gigsim.model.rules import refusal_text
from gigsim.text.results import answer_text
from gigsim.text.units import day, money, month_label, plural_n, sentence, until

DECISION_TITLE = {
    "inquiry": lazy("Inquiry from a buyer"),
    "quote_request": lazy("Quote request"),
    "public_request": lazy("Buyer's public request: send a proposal?"),
    "revision_request": lazy("Revision request"),
    "cancellation_request": lazy("Cancellation request"),
    "dispute": lazy("Dispute"),
    "off_platform_offer": lazy("Offer to pay outside the platform"),
}

BUYER_TYPES = {
    "ordinary": lazy("ordinary buyer"),
    "demanding": lazy("demanding buyer"),
    "monster": lazy("monster buyer"),
}
VIA = {"search": lazy("search"), "request": lazy("request"), "inquiry": lazy("inquiry")}

OUTCOME_WORDS = (
    N_("cancelled"),
    N_("dispute"),
    N_("mediation"),
    N_("late"),
    N_("the buyer asked to cancel"),
    N_("no first reply within the deadline"),
    N_("partial refund offered"),
    N_("refunded in full"),
    N_("seller paid"),
    N_("partial refund"),
    N_("full refund"),
    N_("completed"),
    N_("order room closed"),
    N_("the seller is paid"),
    N_("no answer in time"),
    N_("accepted payment outside the platform"),
)
"""The parts of the engine's outcome and reason lines ('cancelled: late: ...'), translated
part by part; a part not listed (a scenario's own reason) is shown as written."""


def buyer_type(name: str) -> str:
    """'ordinary buyer', 'demanding buyer'; a scenario's own type as '<name> buyer'."""
    known = BUYER_TYPES.get(name)
    return str(known) if known is not None else _("{kind} buyer").format(kind=name)


def outcome(text: str) -> str:
    """An engine's outcome or reason line ('dispute: mediation: seller paid') in words."""
    parts = [p.replace("_", " ") for p in str(text).split(": ")]
    return _(": ").join(_(p) if p in OUTCOME_WORDS else p for p in parts)


def _lapse_soon(e: Mapping[str, Any], m: Callable[[float], str]) -> str:
    when = day(dt.date.fromisoformat(e["date"]))
    if e.get("last_date", e["date"]) == e["date"]:
        text = _("! {amount} of your balance lapses on {day} unless you withdraw it (Money tab).")
    else:
        text = _("! {amount} of your balance lapses from {day} unless you withdraw it (Money tab).")
    return text.format(amount=m(e["amount"]), day=when)


def _proposal_result(e: Mapping[str, Any], m: Callable[[float], str]) -> str:
    if e.get("by_rule"):
        return (
            _("Your rule's proposal won!")
            if e.get("won")
            else _("Your rule's proposal was not chosen.")
        )
    return _("Your proposal won!") if e.get("won") else _("Your proposal was not chosen.")


RULE_SENTENCES = {
    ("budget", "ask"): lazy(
        "Rule for public requests: up to {n} a week at the budget; others asked."
    ),
    ("budget", "skip"): lazy(
        "Rule for public requests: up to {n} a week at the budget; others passed over."
    ),
    ("under", "ask"): lazy(
        "Rule for public requests: up to {n} a week at 20% under the budget; others asked."
    ),
    ("under", "skip"): lazy(
        "Rule for public requests: up to {n} a week at 20% under the budget; others passed over."
    ),
    ("listing", "ask"): lazy(
        "Rule for public requests: up to {n} a week at your listing's price; others asked."
    ),
    ("listing", "skip"): lazy(
        "Rule for public requests: up to {n} a week at your listing's price; others passed over."
    ),
}
"""The rule set, by its price and what becomes of the requests it does not take."""


def _request_rule(e: Mapping[str, Any], m: Callable[[float], str]) -> str:
    if not e.get("on"):
        return _("Rule for public requests removed.")
    return RULE_SENTENCES[(str(e["price"]), str(e["others"]))].format(n=e["per_week"])


_Sentence = Callable[[Mapping[str, Any], Callable[[float], str]], str]

_SENTENCES: dict[str, _Sentence] = {
    "listing_published": lambda e, m: _("Listing #{listing} published at {price}.").format(
        listing=e["listing"], price=m(e["price"])
    ),
    "listing_refused": lambda e, m: _("Listing refused: {reason}.").format(reason=_refusal(e, m)),
    "listing_changed": lambda e, m: _("Listing #{listing} updated.").format(listing=e["listing"]),
    "listing_taken_down": lambda e, m: _("Listing #{listing} taken down: {reason}.").format(
        listing=e["listing"], reason=_(str(e["reason"]))
    ),
    "order_placed": lambda e, m: _("New order #{order} for {amount} ({buyer}, via {via}).").format(
        order=e["order"],
        amount=m(e["amount"]),
        buyer=buyer_type(e.get("buyer_type", "ordinary")),
        via=VIA.get(e.get("via", "search"), e.get("via", "search")),
    ),
    "order_replied": lambda e, m: _("You replied to order #{order}.").format(order=e["order"]),
    "order_delivered": lambda e, m: (
        _("Delivered order #{order} LATE.")
        if e.get("late")
        else _("Delivered order #{order} on time.")
    ).format(order=e["order"]),
    "order_late": lambda e, m: _("! Order #{order} is late.").format(order=e["order"]),
    "revision_requested": lambda e, m: _("Buyer asks for a revision of order #{order}.").format(
        order=e["order"]
    ),
    "order_completed": lambda e, m: _("Order #{order} completed: {net} to your balance.").format(
        order=e["order"], net=m(e.get("net", 0))
    ),
    "order_cancelled": lambda e, m: (
        _("! Order #{order} cancelled ({outcome}).").format(
            order=e["order"], outcome=outcome(e["outcome"])
        )
        if e.get("outcome")
        else _("! Order #{order} cancelled.").format(order=e["order"])
    ),
    "dispute_opened": lambda e, m: _("! Dispute opened on order #{order}.").format(
        order=e["order"]
    ),
    "dispute_resolved": lambda e, m: _("Dispute on order #{order} resolved: {outcome}.").format(
        order=e["order"], outcome=outcome(e.get("outcome", ""))
    ),
    "review_posted": lambda e, m: _("New review: {stars}★ (rating now {rating}).").format(
        stars=e["stars"], rating=f"{e['rating']:.2f}"
    ),
    "inquiry_received": lambda e, m: (
        _("A buyer sent a quote request.") if e.get("quote") else _("A buyer sent an inquiry.")
    ),
    "inquiry_lost": lambda e, m: _("! A buyer gave up: no answer in time."),
    # ``request_posted`` has no line: a request put to the player shows as its
    # ``decision_waiting``, one their rule took as its ``proposal_sent``; one the rule passed
    # over is not logged at all, for ten to twenty a month would push the player's own events
    # out of the log's last lines (the month's report counts them instead).
    "proposal_sent": lambda e, m: (
        _("Proposal sent by your rule at {price}.")
        if e.get("by_rule")
        else _("Proposal sent at {price}.")
    ).format(price=m(e["price"])),
    "proposal_result": _proposal_result,
    "request_rule_set": _request_rule,
    "decision_waiting": lambda e, m: sentence(
        _("Waiting for you: {decision}").format(
            decision=DECISION_TITLE.get(e["decision_kind"], e["decision_kind"])
        )
    ),
    "decision_defaulted": lambda e, m: _("No answer in time: {option} applied.").format(
        option=e.get("option_text") or e["option"].replace("_", " ")
    ),
    "withdrawal_requested": lambda e, m: _(
        "Withdrawal of {amount} requested (fee {fee}, paid {date})."
    ).format(amount=m(e["amount"]), fee=m(e.get("fee", 0)), date=_pay_day(e.get("pay_date", ""))),
    "withdrawal_refused": lambda e, m: _("Withdrawal refused: {reason}.").format(
        reason=_refusal(e, m)
    ),
    "payout_paid": lambda e, m: _("{amount} reached your bank.").format(amount=m(e["amount"])),
    "balance_lapsed": lambda e, m: _("! {amount} of unclaimed balance lapsed.").format(
        amount=m(e["amount"])
    ),
    "balance_lapse_soon": _lapse_soon,
    "rank_changed": lambda e, m: _("Rank: {old} → {new}.").format(
        old=_rank(e["old"]), new=_rank(e["new"])
    ),
    "month_closed": lambda e, m: _("Month {label} closed: net {amount}.").format(
        label=month_label(str(e["label"])), amount=m(e["net_income"])
    ),
    "storm_started": lambda e, m: _(
        "! A furious buyer posted about you (炎上): for {days} days, demand for your listings is "
        "down by {down}."
    ).format(days=f"{e['days']:g}", down=f"{1 - e['demand_kept']:.0%}"),
    "harassment": lambda e, m: _("! Harassing messages cost you {hours} h.").format(
        hours=f"{e.get('hours', 0):g}"
    ),
    "account_warning": lambda e, m: _("! Account warning: {reason}.").format(
        reason=outcome(e.get("reason", ""))
    ),
    "account_suspended": lambda e, m: ngettext(
        "! Account suspended for {days} day.",
        "! Account suspended for {days} days.",
        plural_n(float(e.get("days", 0))),
    ).format(days=f"{e.get('days', 0):g}"),
    "hours_changed": lambda e, m: _("Your hours: {hours} h a week.").format(
        hours=f"{e.get('weekly', 0):g}"
    ),
    "disclosure_changed": lambda e, m: _("You now disclose {level} about yourself.").format(
        level=f"{e.get('level', 0):.0%}"
    ),
}


def _refusal(e: Mapping[str, Any], m: Callable[[float], str]) -> str:
    """Why a listing or a withdrawal was refused: from the event's code and its values
    (``gigsim.text.results``), or its English reason read back (an event without a code)."""
    reason = str(e.get("reason", ""))
    code = e.get("code")
    if code:
        return answer_text(str(code), e, reason, m)
    return refusal_text(reason, lambda x: m(x))


def _rank(rank: str) -> str:
    from gigsim.text.run_tables import rank_name

    return rank_name(rank or "none")


def _pay_day(value: str) -> str:
    """A pay date from an event (ISO) as a day in the current language; other text as given."""
    try:
        return day(dt.date.fromisoformat(value))
    except ValueError:
        return value


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
FACT_NAMES = {
    "amount": lazy("amount"),
    "budget": lazy("budget"),
    "price": lazy("price"),
    "order": lazy("order"),
    "listing": lazy("listing"),
    "title": lazy("title"),
    "category": lazy("category"),
    "delivered": lazy("delivered"),
    "on_time": lazy("on time"),
    "days_late": lazy("days late"),
    "round": lazy("round"),
}
"""A decision's info keys as the inbox names them; a key not listed is shown as written."""


def decision_facts(
    info: tuple[tuple[str, Any], ...] | Mapping[str, Any],
    currency: str,
    categories: Mapping[str, str] | None = None,
) -> str:
    """A decision's info as one readable line: 'budget ¥8,700 · ordinary buyer · order #12'.

    ``categories`` names a category by its id, as the player reads it (the
    id itself is a scenario's key, not a word for people).
    """
    items = dict(info)
    parts = []
    for key, value in sorted(items.items()):
        name = str(FACT_NAMES.get(key, key.replace("_", " ")))
        if key in _MONEY_INFO and isinstance(value, int | float):
            parts.append(_("{name} {value}").format(name=name, value=money(value, currency)))
        elif key == "buyer_type":
            parts.append(buyer_type(str(value)))
        elif key == "category" and categories and value in categories:
            parts.append(_("{name} {value}").format(name=name, value=categories[value]))
        elif key == "title":  # a listing's title: a shipped scenario's in the current language
            parts.append(_("{name} {value}").format(name=name, value=_(str(value))))
        elif key in ("order", "listing"):
            parts.append(_("{name} #{value}").format(name=name, value=value))
        elif isinstance(value, bool):
            parts.append((_("{name}: yes") if value else _("{name}: no")).format(name=name))
        elif key == "window_days":
            days = ngettext("open {days} day", "open {days} days", plural_n(float(value)))
            parts.append(days.format(days=f"{value:g}"))
        elif isinstance(value, float):
            parts.append(_("{name} {value}").format(name=name, value=f"{value:g}"))
        else:
            parts.append(_("{name} {value}").format(name=name, value=value))
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
        _(" Withdraw {amount} or more and there is no fee.").format(amount=m(fee_free_from))
        if fee and fee_free_from is not None and balance >= fee_free_from
        else ""
    )
    if amount > balance:
        return _("{amount} is more than your balance ({balance}).").format(
            amount=m(amount), balance=m(balance)
        )
    if amount < minimum:
        return _("The platform pays out {minimum} or more; you typed {amount}.").format(
            minimum=m(minimum), amount=m(amount)
        )
    if amount <= fee:
        return (
            _("{amount} does not cover the {fee} transfer fee.").format(
                amount=m(amount), fee=m(fee)
            )
            + free
        )
    return (
        _("Withdraw {amount}: fee {fee}, you receive {net} on {day}.").format(
            amount=m(amount), fee=m(fee), net=m(amount - fee), day=day(pay_date)
        )
        + free
        + _(" Press Withdraw to confirm.")
    )


def lapse_lines(
    lapses: tuple[tuple[int, float], ...], now: float, start: dt.date, currency: str
) -> list[str]:
    """When each part of the balance lapses, soonest first: '¥3,900 lapses Fri May 01 (in 92 d)'."""
    out = []
    for amount, t in sorted(lapses, key=lambda x: x[1]):
        when = start + dt.timedelta(days=math.floor(t + 1e-9))
        soon = _(" ! withdraw it") if t - now <= 31 else ""
        out.append(
            _("{amount} lapses {day} ({until})").format(
                amount=money(amount, currency), day=day(when), until=until(t, now)
            )
            + soon
        )
    return out

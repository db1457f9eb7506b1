"""The inbox's explanations: the first time each mechanism happened to the player, in words.

The engine keeps a notice (``gigsim.engine.api.Notice``: a kind, a time and
plain numbers) the first time an order is held in escrow, a delivery is
approved automatically, a dispute opens, balance is about to lapse, a buyer
offers to pay outside the platform or the platform warns the player, and for
every social-media storm. This module says what each is, with its numbers.

Pure functions over a notice's kind and numbers; must not import Textual or
the engine.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

from gigsim.i18n import _, lazy, ngettext
from gigsim.text.sentences import buyer_type, outcome
from gigsim.text.units import day, money
from gigsim.text.wrap import join_sentences

TITLES = {
    "escrow": lazy("Your first order: the payment is held (escrow)"),
    "auto_approval": lazy("Automatic approval"),
    "dispute": lazy("Your first dispute"),
    "lapse_warning": lazy("Balance that lapses"),
    "storm": lazy("Social-media storm (炎上)"),
    "off_platform_offer": lazy("An offer to pay outside the platform"),
    "account_warning": lazy("A warning from the platform"),
}
"""The heading of each kind of notice."""

Info = Mapping[str, Any]
_Body = Callable[[Info, Callable[[float], str], Callable[[float], str]], str]


def _share(x: float) -> str:
    return f"{x:.0%}"


def _hours(x: float) -> str:
    return f"{x:g}"


def _escrow(n: Info, m: Callable[[float], str], on: Callable[[float], str]) -> str:
    paid = (
        _("The buyer paid {held} for order #{order}: {amount} and a {buyer_fee} buyer fee.")
        if n["buyer_fee"]
        else _("The buyer paid {held} for order #{order}.")
    ).format(
        held=m(n["held"]), order=n["order"], amount=m(n["amount"]), buyer_fee=m(n["buyer_fee"])
    )
    held = _(
        "The platform holds it (escrow) until the buyer accepts your delivery, or approves it "
        "automatically {hours} h after delivery if they say nothing: delivered by {due}, it is "
        "released by {release} at the latest, unless they ask for a revision or open a dispute. "
        "Then {net} reaches your balance ({fee} is the platform's fee)."
    ).format(
        hours=_hours(n["auto_approve_hours"]),
        due=on(n["due"]),
        release=on(n["release_by"]),
        net=m(n["net"]),
        fee=m(n["fee"]),
    )
    why = _(
        "Escrow protects you (the money is there before you work) and the buyer (nothing is "
        "paid for work never delivered). Send your first message within {hours} h or the order "
        "is cancelled."
    ).format(hours=_hours(n["reply_hours"]))
    return join_sentences([paid, held, why])


def _auto_approval(n: Info, m: Callable[[float], str], on: Callable[[float], str]) -> str:
    return _(
        "The buyer of order #{order} said nothing for {hours} h after your delivery on {day}, "
        "so the platform approved it automatically and released the money: {net} to your "
        "balance ({fee} fee). Silence counts as acceptance: an unhappy buyer must speak before."
    ).format(
        order=n["order"],
        hours=_hours(n["hours"]),
        day=on(n["delivered"]),
        net=m(n["net"]),
        fee=m(n["fee"]),
    )


def _dispute(n: Info, m: Callable[[float], str], on: Callable[[float], str]) -> str:
    if not n["delivered"]:
        facts = _("not delivered")
    else:
        facts = _("delivered on time") if n["on_time"] else _("delivered late")
    return _(
        "The buyer of order #{order} opened a dispute. The {held} they paid stays held by the "
        "platform until it is settled. Answer within {hours} h (inbox): a partial refund "
        "({partial} of {amount}), a full refund, or contest it and let the platform decide on "
        "the evidence ({facts}). It takes about {work} h of your time, and a lost dispute can "
        "bring a 1★ review."
    ).format(
        order=n["order"],
        held=m(n["held"]),
        hours=_hours(n["reply_hours"]),
        partial=m(round(n["amount"] * n["partial_refund"])),
        amount=m(n["amount"]),
        facts=facts,
        work=_hours(n["hours"]),
    )


def _lapse(n: Info, m: Callable[[float], str], on: Callable[[float], str]) -> str:
    days = n["lapse_days"]
    first, last = on(n["lapses_at"]), on(n.get("last_lapses_at", n["lapses_at"]))
    if first == last:
        lead = ngettext(
            "Money stays on your balance for {days} day; what you have not withdrawn by then "
            "lapses to the platform. {amount} lapses on {day}: withdraw it on the Money tab (5).",
            "Money stays on your balance for {days} days; what you have not withdrawn by then "
            "lapses to the platform. {amount} lapses on {day}: withdraw it on the Money tab (5).",
            math.ceil(days),
        )
    else:  # parts earned on different days lapse on different days
        lead = ngettext(
            "Money stays on your balance for {days} day; what you have not withdrawn by then "
            "lapses to the platform. {amount} lapses between {day} and {last}, part by part: "
            "withdraw it on the Money tab (5).",
            "Money stays on your balance for {days} days; what you have not withdrawn by then "
            "lapses to the platform. {amount} lapses between {day} and {last}, part by part: "
            "withdraw it on the Money tab (5).",
            math.ceil(days),
        )
    lead = lead.format(days=f"{days:g}", amount=m(n["amount"]), day=first, last=last)
    fee, free, minimum = n["payout_fee"], n["fee_waived_from"], n["minimum"]
    if not fee:
        cost = _("A withdrawal costs nothing.")
    elif free is None:
        cost = _("A withdrawal costs {fee}.").format(fee=m(fee))
    else:
        cost = _("A withdrawal costs {fee}, nothing from {free}.").format(fee=m(fee), free=m(free))
    parts = [lead, cost]
    if minimum:
        parts.append(_("The least you can withdraw is {minimum}.").format(minimum=m(minimum)))
    return join_sentences(parts)


def _storm(n: Info, m: Callable[[float], str], on: Callable[[float], str]) -> str:
    days = n["days"]
    if n.get("order") is None:
        cause = _("A furious buyer spread word about you on social media.")
    elif n.get("disputed"):
        cause = _(
            "A {buyer} gave order #{order} {stars}★ after a dispute and spread it on social media."
        )
    else:
        cause = _("A {buyer} gave order #{order} {stars}★ and spread it on social media.")
    cause = cause.format(buyer=buyer_type(n.get("buyer_type", "")), order=n.get("order"),
                         stars=n.get("stars"))  # fmt: skip
    size = ngettext(
        "For {days} day, until {day}, demand for your listings is down by {down}: buyers "
        "choose you {kept} as often as before.",
        "For {days} days, until {day}, demand for your listings is down by {down}: buyers "
        "choose you {kept} as often as before.",
        math.ceil(days),
    ).format(
        days=f"{days:g}", day=on(n["until"]), down=_share(1 - n["kept"]), kept=_share(n["kept"])
    )
    parts = [cause, size]
    if n.get("first"):
        parts.append(
            _(
                "A storm passes by itself; answering disputes well and delivering on time keeps "
                "the 1★ reviews that start one rare."
            )
        )
    return join_sentences(parts)


def _off_platform(n: Info, m: Callable[[float], str], on: Callable[[float], str]) -> str:
    warnings, days = n["warnings"], n["suspension_days"]
    suspend = ngettext(
        "{n} warning suspends your account for {days} days.",
        "{n} warnings suspend your account for {days} days.",
        warnings,
    ).format(n=warnings, days=f"{days:g}")
    return _(
        "A buyer offers to pay you outside the platform next time, to save the fee ({fee} on "
        "{amount}). The platform's rules ban it: paid outside, you have no escrow and no help in "
        "a dispute, and the platform finds out {detection} of the time. Each time it does, the "
        "listing is taken down with a warning; {suspend}"
    ).format(
        fee=m(n["fee_saved"]),
        amount=m(n["amount"]),
        detection=_share(n["detection"]),
        suspend=suspend,
    )


def _warning(n: Info, m: Callable[[float], str], on: Callable[[float], str]) -> str:
    parts = [_("The platform warned you: {reason}.").format(reason=outcome(n["reason"]))]
    if n.get("listing") is not None:
        parts.append(_("Listing #{listing} was taken down.").format(listing=n["listing"]))
    days = f"{n['suspension_days']:g}"
    if n["warnings"] >= n["limit"]:
        then = _("That was the last warning: your account is suspended for {days} days.")
    else:
        then = _(
            "This is warning {n} of {limit}: at {limit} your account is suspended for {days} "
            "days and nothing sells meanwhile."
        )
    parts.append(then.format(n=n["warnings"], limit=n["limit"], days=days))
    return join_sentences(parts)


_BODIES: dict[str, _Body] = {
    "escrow": _escrow,
    "auto_approval": _auto_approval,
    "dispute": _dispute,
    "lapse_warning": _lapse,
    "storm": _storm,
    "off_platform_offer": _off_platform,
    "account_warning": _warning,
}


def notice_text(kind: str, info: Info, currency: str, start: dt.date) -> tuple[str, str]:
    """(heading, explanation) of a notice; times in ``info`` are days from ``start``."""

    def m(x: float) -> str:
        return money(x, currency)

    def on(t: float) -> str:
        return day(start + dt.timedelta(days=math.floor(t + 1e-9)))

    title = TITLES.get(kind)
    body = _BODIES.get(kind)
    if title is None or body is None:
        return kind.replace("_", " "), ""
    return str(title), body(info, m, on)

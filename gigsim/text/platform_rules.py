"""The platform's rules as the game explains them: fees on the player's own price, escrow,
deadlines, payouts and ranks, all from the scenario's platform parameters.

Nothing here is written per platform: every figure is the scenario's, and the
money is worked out by the model's own rules (``gigsim.model.rules``:
``commission`` and ``buyer_fee``, which settlement and ordering use; the
withdrawal's fee and date come from the engine's payout preview), so the
explanation is what the simulation does.

Pure functions over the scenario and plain numbers; must not import Textual
or the engine.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gigsim.i18n import _, ngettext
from gigsim.model import market_rules, rules
from gigsim.model.scenario import Commission, Payout, Platform, RankRule, Scenario
from gigsim.text.sentences import buyer_type
from gigsim.text.units import day, money

Section = tuple[str, tuple[str, ...]]
"""A heading and its lines."""


@dataclass(frozen=True)
class FeeExample:
    """What one order at ``price`` moves, by the model's rules."""

    price: int
    buyer_fee: int
    buyer_pays: int
    commission: int
    tax: int
    platform_keeps: int  # commission, its tax and the buyer fee
    to_you: int


def fee_example(price: int, platform: Platform) -> FeeExample:
    """An order at ``price`` (no options), as ``Orders.place`` and ``Money.settle`` take it."""
    buyer_fee = rules.buyer_fee(price, platform.buyer_fee)
    cut = rules.commission(price, platform.commission)
    return FeeExample(
        price=price,
        buyer_fee=buyer_fee,
        buyer_pays=price + buyer_fee,
        commission=cut.fee,
        tax=cut.tax,
        platform_keeps=cut.total + buyer_fee,
        to_you=price - cut.total,
    )


def percent(share: float) -> str:
    """0.22 → '22%', 0.055 → '5.5%'."""
    return f"{share * 100:.2f}".rstrip("0").rstrip(".") + "%"


def commission_terms(c: Commission, m: Callable[[float], str]) -> str:
    """How the platform's commission is reckoned, in words."""
    if c.kind == "flat":
        terms = _("{rate} of the price").format(rate=percent(c.rate))
    else:
        parts = []
        lower = 0
        for t in c.tiers:
            if t.up_to is None:
                parts.append(
                    _("{rate} above {amount}").format(rate=percent(t.rate), amount=m(lower))
                )
            else:
                parts.append(
                    _("{rate} up to {amount}").format(rate=percent(t.rate), amount=m(t.up_to))
                )
                lower = t.up_to
        joined = _(", ").join(parts)
        terms = (
            _("each part of the price at its own rate: {bands}")
            if c.kind == "banded"
            else _("one rate on the whole price, by its size: {bands}")
        ).format(bands=joined)
    if c.tax_included_rate > 0:
        terms += _(", tax included")
    if c.tax_on_fee > 0:
        terms += _(", plus {tax} consumption tax on the fee").format(tax=percent(c.tax_on_fee))
    return terms


def _fee_lines(ex: FeeExample, sc: Scenario, withdrawal: tuple[int, dt.date]) -> list[str]:
    def m(x: float) -> str:
        return money(x, sc.currency)

    pf = sc.platform
    lines = [
        (
            _("The buyer pays {pays}: your {price} and a {fee} buyer fee.")
            if ex.buyer_fee
            else _("The buyer pays {pays}; this platform charges buyers no fee.")
        ).format(pays=m(ex.buyer_pays), price=m(ex.price), fee=m(ex.buyer_fee)),
        _("The platform keeps {keeps}: commission {commission} ({terms}){buyer}.").format(
            keeps=m(ex.platform_keeps),
            commission=m(ex.commission + ex.tax),
            terms=commission_terms(pf.commission, m),
            buyer=_(" and the buyer fee") if ex.buyer_fee else "",
        ),
        _("{net} reaches your balance ({share} of your price).").format(
            net=m(ex.to_you), share=percent(round(ex.to_you / ex.price, 3)) if ex.price else "-"
        ),
    ]
    fee, date = withdrawal
    p = pf.payout
    if ex.to_you < p.minimum:
        lines.append(
            _("The least you can withdraw is {minimum}: this one order is not enough.").format(
                minimum=m(p.minimum)
            )
        )
    elif fee:
        lines.append(
            _("Withdrawn now, it costs {fee} and {left} reaches your bank on {day}.").format(
                fee=m(fee), left=m(ex.to_you - fee), day=day(date)
            )
        )
    else:
        lines.append(
            _("Withdrawn now, it reaches your bank on {day}, with no fee.").format(day=day(date))
        )
    return lines


def _escrow_lines(sc: Scenario) -> list[str]:
    tm, mech, d = sc.platform.timings, sc.mechanisms, sc.market.disputes
    lines = [
        _(
            "When a buyer orders, their payment is held by the platform (escrow), not paid to "
            "you. It is released when the buyer accepts your delivery, or automatically {hours} h "
            "after it if they say nothing; an order still open after {days} days closes and you "
            "are paid."
        ).format(hours=f"{tm.auto_approve_hours:g}", days=f"{tm.order_room_days:g}"),
        _(
            "It protects you: the money is there before you start, and a buyer cannot keep "
            "delivered work without paying. It protects the buyer: nothing is paid for work "
            "never delivered, and an order {days} days past its due date can be cancelled with a "
            "full refund."
        ).format(days=f"{tm.late_cancel_days:g}"),
    ]
    if mech.disputes:
        lines.append(
            _(
                "In a dispute the money stays held until the platform settles it: you answer "
                "within {hours} h with a partial refund ({share} of the price), a full refund, or "
                "contest, and the platform decides on the evidence (delivered on time? quality?)."
            ).format(hours=f"{d.reply_hours:g}", share=percent(d.partial_refund))
        )
    else:
        lines.append(_("Buyers open no disputes in this scenario (the mechanism is off)."))
    return lines


def _deadline_lines(sc: Scenario) -> list[str]:
    tm = sc.platform.timings
    lines = []
    if sc.mechanisms.messaging:
        lines.append(
            _("First reply: within {hours} h of an order, or it is cancelled and refunded.").format(
                hours=f"{tm.first_reply_hours:g}"
            )
        )
    lines.append(
        _("Automatic approval: {hours} h after a delivery the buyer does not answer.").format(
            hours=f"{tm.auto_approve_hours:g}"
        )
    )
    lines.append(
        ngettext(
            "Revisions: a buyer may send a delivery back {n} time.",
            "Revisions: a buyer may send a delivery back {n} times.",
            tm.revisions_included,
        ).format(n=tm.revisions_included)
    )
    lines.append(
        _("A cancellation request is answered within {hours} h; silence accepts it.").format(
            hours=f"{tm.cancel_response_hours:g}"
        )
    )
    return lines


def _schedule(p: Payout) -> str:
    s = p.schedule
    if s.kind == "on_demand":
        return _("Paid to your bank at once.")
    if s.kind == "days_after":
        return _("Paid to your bank {days} days after the request.").format(
            days=f"{s.delay_days:g}"
        )

    def pay_day(d: int) -> str:
        return _("the month's last day") if d == 0 else _("day {d}").format(d=d)

    return _(
        "Requested by day {cutoff}: paid on {first}; later: on {second} of the next month."
    ).format(cutoff=s.cutoff_day, first=pay_day(s.first_pay_day), second=pay_day(s.second_pay_day))


def _payout_lines(sc: Scenario) -> list[str]:
    p = sc.platform.payout

    def m(x: float) -> str:
        return money(x, sc.currency)

    if not p.fee:
        fee = _("Transfer fee: none.")
    elif p.fee_waived_from is None:
        fee = _("Transfer fee: {fee} a withdrawal.").format(fee=m(p.fee))
    else:
        fee = _("Transfer fee: {fee} a withdrawal, none from {free}.").format(
            fee=m(p.fee), free=m(p.fee_waived_from)
        )
    lines = [
        _("Minimum: {minimum}.").format(minimum=m(p.minimum)) if p.minimum else _("No minimum."),
        fee,
        _schedule(p),
    ]
    if p.clearing_days > 0:
        lines.append(
            _("Earnings can be withdrawn {days} days after an order completes.").format(
                days=f"{p.clearing_days:g}"
            )
        )
    lines.append(
        _("Balance you have not withdrawn within {days} days lapses to the platform.").format(
            days=f"{p.lapse_days:g}"
        )
        if p.lapse_days is not None
        else _("Your balance never lapses.")
    )
    return lines


def rank_needs(rule: RankRule, window: int, m: Callable[[float], str]) -> str:
    """What one rank asks for, in words."""
    parts = []
    if rule.sales_ever:
        parts.append(
            ngettext("{n} sale ever", "{n} sales ever", rule.sales_ever).format(n=rule.sales_ever)
        )
    if rule.sales_in_window:
        parts.append(
            ngettext("{n} sale", "{n} sales", rule.sales_in_window).format(n=rule.sales_in_window)
            + ngettext(" in the last month", " in the last {months} months", window).format(
                months=window
            )
        )
    if rule.amount_in_window:
        parts.append(
            ngettext("{amount} sold in the last month", "{amount} sold in the last {months} months",
                     window).format(amount=m(rule.amount_in_window), months=window)
        )  # fmt: skip
    if rule.completion_rate:
        parts.append(_("{share} completed").format(share=percent(rule.completion_rate)))
    if rule.rating:
        parts.append(_("rating {rating}").format(rating=f"{rule.rating:g}"))
    if rule.id_verified:
        parts.append(_("identity verified"))
    text = _(", ").join(parts) or _("nothing")
    if rule.sticky:
        text += _(" (kept once reached)")
    return text


def _rank_lines(sc: Scenario, standing: str) -> list[str]:
    pf = sc.platform
    if not pf.ranks or not sc.mechanisms.ranks:
        return [_("This platform gives sellers no ranks.")]

    def m(x: float) -> str:
        return money(x, sc.currency)

    from gigsim.text.run_tables import rank_name

    lines = [
        ngettext(
            "Re-evaluated on the 1st of each month over the last month; they can fall as fast "
            "as they rise. Buyers trust a higher rank and search shows it higher.",
            "Re-evaluated on the 1st of each month over the last {months} months; they can fall "
            "as fast as they rise. Buyers trust a higher rank and search shows it higher.",
            pf.rank_window_months,
        ).format(months=pf.rank_window_months)
    ]
    lines += [f"{rank_name(r.name)}: {rank_needs(r, pf.rank_window_months, m)}" for r in pf.ranks]
    lines.append(_("You: {standing}").format(standing=standing))
    return lines


def _conduct_lines(sc: Scenario) -> list[str]:
    r = sc.platform.rules
    return [
        ngettext(
            "Paying or being paid outside the platform is banned: found out ({share} of the "
            "time), the listing is taken down with a warning, and {n} warning suspends the "
            "account for {days} days.",
            "Paying or being paid outside the platform is banned: found out ({share} of the "
            "time), the listing is taken down with a warning, and {n} warnings suspend the "
            "account for {days} days.",
            r.warnings_before_suspension,
        ).format(
            share=percent(r.off_platform_detection),
            n=r.warnings_before_suspension,
            days=f"{r.suspension_days:g}",
        )
    ]


def disclosure_lines(level: float, sc: Scenario) -> list[str]:
    """The trade-off of disclosing ``level`` (0–1) about yourself: trust against harassment,
    by the model's own rules (the buyers' logit weight; the harassment rate)."""
    ch, r, mech = sc.market.choice, sc.market.risks, sc.mechanisms
    if mech.trust_effect:
        trust = _("Trust: all else equal, buyers choose you {odds}× as often as a seller who "
                  "discloses {reference}.").format(odds=f"{market_rules.disclosure_odds(level, ch):.2f}",
                                   reference=percent(ch.disclosure_reference))  # fmt: skip
    else:
        trust = _("Trust: buyers do not weigh it in this scenario (the mechanism is off).")
    if mech.risks:
        harm = _("Harassment: {n} incidents a month, {hours} h of your time each.").format(
            n=f"{market_rules.harassment_per_month(r, level):.2f}",
            hours=f"{r.harassment_hours:g}",
        )
    else:
        harm = _("Harassment: none in this scenario (risks are off).")
    return [trust, harm]


def storm_lines(sc: Scenario) -> list[str]:
    """What starts a social-media storm (炎上) here, how often, for how long and how much of
    the demand it takes, by the model's rule: a 1★ review from a buyer of a type that storms,
    at ``risks.storm_prob``, keeps ``storm_demand_factor`` of the buyers for ``storm_days``."""
    r = sc.market.risks
    kinds = [buyer_type(name) for name, t in sc.market.buyer_types.items() if t.storms]
    if not sc.mechanisms.risks or not kinds or r.storm_prob <= 0:
        return [_("None in this scenario: no buyer's review starts a storm.")]
    start = _("A 1★ review from a {buyers} starts a storm {share} of the time.").format(
        buyers=_(", ").join(kinds), share=percent(r.storm_prob)
    )
    size = ngettext(
        "For {days} day, demand for your listings is down by {down}: buyers choose you {kept} "
        "as often as before.",
        "For {days} days, demand for your listings is down by {down}: buyers choose you {kept} "
        "as often as before.",
        math.ceil(r.storm_days),
    ).format(
        days=f"{r.storm_days:g}",
        down=percent(1 - r.storm_demand_factor),
        kept=percent(r.storm_demand_factor),
    )
    calm = _(
        "It passes by itself; delivering on time and answering disputes well keep the 1★ "
        "reviews that start one rare."
    )
    return [start, size, calm]


def rules_sections(
    sc: Scenario,
    prices: Sequence[tuple[str, int]],
    withdrawal: tuple[int, dt.date],
    standing: str,
    disclosure: float,
) -> list[Section]:
    """The rules view's sections, headed.

    ``prices`` are (what it is, price) of the player's listings, the first worked out in
    full (the engine's payout preview of its net amount is ``withdrawal``: fee and pay day);
    ``standing`` is the player's rank and what the next one needs, in words; ``disclosure``
    how much the player discloses now.
    """

    def m(x: float) -> str:
        return money(x, sc.currency)

    pf = sc.platform
    what, price = prices[0]
    fees = _fee_lines(fee_example(price, pf), sc, withdrawal)
    for other, other_price in prices[1:]:
        ex = fee_example(other_price, pf)
        fees.append(
            _("{what}: the buyer pays {pays}, {net} reaches you.").format(
                what=other, pays=m(ex.buyer_pays), net=m(ex.to_you)
            )
        )
    return [
        (_("Fees on {what} at {price}").format(what=what, price=m(price)), tuple(fees)),
        (_("Escrow: the buyer's payment is held"), tuple(_escrow_lines(sc))),
        (_("Deadlines"), tuple(_deadline_lines(sc))),
        (_("Payouts"), tuple(_payout_lines(sc))),
        (_("Ranks"), tuple(_rank_lines(sc, standing))),
        (_("Rules of conduct"), tuple(_conduct_lines(sc))),
        (
            _("Personal information: you disclose {level}").format(level=percent(disclosure)),
            (
                *disclosure_lines(disclosure, sc),
                _("To change it: h (Your hours and profile), What you disclose."),
            ),
        ),
        (_("Social-media storms (炎上)"), tuple(storm_lines(sc))),
    ]

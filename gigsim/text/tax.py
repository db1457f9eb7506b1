"""Side income and tax all year: the calendar year's profit so far against Japan's ¥200,000 rule.

A salaried worker in Japan files no income-tax return for side-income profit
of ¥200,000 a year or less, but declares it for resident tax whatever the
amount. The game shows where the player stands every month (money tab, month
report), not only in December (``gigsim.text.explain.year_end``): profit is
the months' net income, as the year end reckons it. An illustration, not tax
advice: expenses other than the platform's fees are not modelled.

Pure functions over month records (``gigsim.engine.metrics`` dicts). Must not
import Textual or the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gigsim.i18n import _
from gigsim.text.explain import FILING_THRESHOLD_JPY
from gigsim.text.units import money


@dataclass(frozen=True)
class TaxSoFar:
    year: str
    profit: int
    over: bool | None
    """Above the threshold; None where the rule does not apply (not yen, or not salaried)."""
    headline: str
    """One sentence: the year's profit so far, and where it stands against the rule."""
    notes: tuple[str, ...]
    """What else holds (resident tax)."""
    caveat: str
    """That this is an illustration, not tax advice."""


def year_of(months: Sequence[Mapping[str, Any]], current: Mapping[str, Any] | None) -> str:
    """The calendar year in progress: the month under way's, else the last closed month's."""
    label = current.get("label") if current is not None else None
    if not label and months:
        label = months[-1].get("label")
    return str(label or "")[:4]


def profit_so_far(
    months: Sequence[Mapping[str, Any]], current: Mapping[str, Any] | None, year: str
) -> int:
    """Net income of ``year``'s closed months and of the month under way (if it is in ``year``)."""
    done = [m for m in months if str(m.get("label", "")).startswith(year)]
    profit = sum(int(m.get("net_income", 0)) for m in done)
    closed = {str(m.get("label")) for m in done}
    label = str(current.get("label", "")) if current is not None else ""
    if current is not None and label.startswith(year) and label not in closed:
        profit += int(current.get("net_income", 0))
    return profit


def tax_so_far(
    months: Sequence[Mapping[str, Any]],
    current: Mapping[str, Any] | None,
    currency: str,
    salaried: bool = True,
) -> TaxSoFar:
    """The year in progress: its profit so far against the ¥200,000 threshold (for a salaried
    worker in yen), and what it means."""
    year = year_of(months, current)
    profit = profit_so_far(months, current, year)
    over = profit > FILING_THRESHOLD_JPY if currency == "JPY" and salaried else None
    notes = (_("Resident tax: side income is declared whatever the amount."),)
    caveat = _(
        "Illustration only, not tax advice: expenses other than platform fees are not modelled."
    )
    headline = _headline(year, profit, over, currency, salaried)
    return TaxSoFar(year, profit, over, headline, notes if currency == "JPY" else (), caveat)


def _headline(year: str, profit: int, over: bool | None, currency: str, salaried: bool) -> str:
    amount, limit = money(profit, currency), money(FILING_THRESHOLD_JPY, "JPY")
    if currency != "JPY":
        return _(
            "Profit in {year} so far: {amount}. The ¥200,000 rule is Japan's; check your own "
            "country's rules."
        ).format(year=year, amount=amount)
    if not salaried:
        return _(
            "Profit in {year} so far: {amount}. The {limit} rule is for salaried workers, and "
            "this player has no salary: it does not apply (the rules that do are not modelled)."
        ).format(year=year, amount=amount, limit=limit)
    if over:
        return _(
            "Profit in {year} so far: {amount}, above {limit}: a salaried worker files an "
            "income-tax return for {year}."
        ).format(year=year, amount=amount, limit=limit)
    return _(
        "Profit in {year} so far: {amount}; a salaried worker may make {limit} a year "
        "without an income-tax return ({left} left)."
    ).format(
        year=year, amount=amount, limit=limit, left=money(FILING_THRESHOLD_JPY - profit, currency)
    )

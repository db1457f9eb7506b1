"""Amounts and dates as a person reads them: ¥5,000 or $50.00, 'Thu Feb 05, 2026'.

Money in a scenario is in the currency's minor unit (yen, or US cents). The
engine's messages to the player and every front end format through these, so
that no raw number reaches a screen. Pure functions; no Textual, no SimPy.
"""

from __future__ import annotations

import datetime as dt


def money(amount: float, currency: str) -> str:
    """¥12,345 for yen; $123.45 for dollars (amounts in cents)."""
    if currency == "JPY":
        return f"¥{amount:,.0f}" if amount >= 0 else f"-¥{-amount:,.0f}"
    return f"${amount / 100:,.2f}" if amount >= 0 else f"-${-amount / 100:,.2f}"


def day(date: dt.date) -> str:
    """A calendar day: 'Thu Feb 05, 2026'."""
    return date.strftime("%a %b %d, %Y")

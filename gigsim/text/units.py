"""Amounts, dates, times and counts as a person reads them: ¥5,000 or $50.00, 'Thu Feb 05, 2026'.

Money in a scenario is in the currency's minor unit (yen, or US cents). Every
front end (the game, the headless run's tables, the batch's terminal summary and
report.html) and the engine's messages to the player format through these, so
that no raw number reaches a screen and an amount reads the same everywhere.
Pure functions; no Textual, no SimPy.
"""

from __future__ import annotations

import datetime as dt
import re

from gigsim.i18n import _, babel_locale, language, ngettext

CURRENCIES = {"JPY": ("¥", 1, 0), "USD": ("$", 100, 2)}
"""A scenario's currency: its symbol, minor units to one major unit, decimals shown."""


def money(amount: float, currency: str, lang: str | None = None) -> str:
    """¥12,345 for yen (12,345円 in Japanese, as Japanese screens write it); $123.45 for
    dollars (amounts in cents); a minus sign first. In the current language, or ``lang``
    (an engine's English message writes English whatever the language shown)."""
    symbol, per_unit, decimals = CURRENCIES[currency]
    sign, size = ("", amount) if amount >= 0 else ("-", -amount)
    number = f"{size / per_unit:,.{decimals}f}"
    if currency == "JPY" and (lang or language()) == "ja":
        return f"{sign}{number}円"
    return f"{sign}{symbol}{number}"


def symbol(currency: str) -> str:
    """'¥' or '$': how a field asking for an amount names its unit."""
    return CURRENCIES[currency][0]


def field_unit(currency: str) -> str:
    """How a field asking for an amount names its unit: '¥' or '$' (円 for yen in Japanese)."""
    return _("yen") if currency == "JPY" and language() == "ja" else symbol(currency)


def minor_units(currency: str) -> int:
    """Minor units in one major unit: 1 for yen, 100 for dollars (cents)."""
    return CURRENCIES[currency][1]


def to_minor(value: float, currency: str) -> int:
    """An amount a person typed in the major unit (yen, dollars) as minor units."""
    return round(value * minor_units(currency))


def typed(amount: int, currency: str) -> str:
    """Minor units as a person types them in an amount field: '1234567' yen, '12345.67' dollars.

    The inverse of ``to_minor``: a form filled with it and sent back unchanged gives the
    same amount (no thousands separators, no exponent however large).
    """
    _, per_unit, decimals = CURRENCIES[currency]
    return f"{amount / per_unit:.{decimals}f}" if decimals else str(int(amount))


_DAY = {"ja": "y年M月d日(E)", "en": "EEE MMM dd, y"}
_CLOCK = {"ja": "M月d日(E) HH:mm", "en": "EEE MMM dd HH:mm"}
_SHORT_CLOCK = {"ja": "M/d HH:mm", "en": "MMM dd HH:mm"}
"""CLDR patterns (Babel) by language: 2026年2月5日(木) / Thu Feb 05, 2026."""


def _pattern(patterns: dict[str, str], lang: str | None = None) -> str:
    return patterns.get(lang or language(), patterns["en"])


def day(date: dt.date, lang: str | None = None) -> str:
    """A calendar day: 'Thu Feb 05, 2026', '2026年2月5日(木)' (Babel's locale data, not strftime);
    in the current language, or ``lang``."""
    from babel.dates import format_date

    return str(format_date(date, _pattern(_DAY, lang), locale=babel_locale(lang)))


def month_label(label: str) -> str:
    """A month's label ('2026-01', as the records keep it) as the language writes a month:
    '2026-01' in English, '2026年1月' in Japanese; anything else as given."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if found is None or language() != "ja":
        return label
    return f"{found.group(1)}年{int(found.group(2))}月"


def sentence(text: str) -> str:
    """End ``text`` with a full stop unless it already ends a sentence (a title may be a question).

    The stop is the language's own: 。 after Japanese, a point after English.
    """
    if text.endswith((".", "?", "!", "。", "？", "！")):
        return text
    return text + ("。" if language() == "ja" else ".")


def clock(t: float, start: dt.date, short: bool = False) -> str:
    """Model time (days since the start date) as 'Mon Jan 05 21:00' ('Jan 05 21:00' short)."""
    moment = dt.datetime(start.year, start.month, start.day) + dt.timedelta(days=t)
    moment += dt.timedelta(seconds=30)  # round to the minute, not down
    from babel.dates import format_datetime

    pattern = _pattern(_SHORT_CLOCK if short else _CLOCK)
    return str(format_datetime(moment, pattern, locale=babel_locale()))


def until(t: float, now: float) -> str:
    """'in 13 h', 'in 2 d 4 h', or 'now' for a moment relative to ``now`` (days)."""
    hours = (t - now) * 24.0
    if hours < 0.5:
        return _("now") if hours > -0.5 else _("{hours} h ago").format(hours=f"{-hours:.0f}")
    if hours < 48:
        return _("in {hours} h").format(hours=f"{hours:.0f}")
    days, rest = divmod(round(hours), 24)
    if rest:
        return _("in {days} d {hours} h").format(days=days, hours=rest)
    return _("in {days} d").format(days=days)


def plural_n(value: float) -> int:
    """The number ``ngettext`` chooses a form by, for a count that may be a fraction (2.5
    days): 1 for exactly one, otherwise the count itself (2 for a fraction: plural)."""
    return int(value) if value == int(value) else 2


def stars(rating: float, reviews: int) -> str:
    """'4.80★ (12 reviews)', or 'no reviews yet'."""
    if not reviews:
        return _("no reviews yet")
    return ngettext("{rating}★ ({n} review)", "{rating}★ ({n} reviews)", reviews).format(
        rating=f"{rating:.2f}", n=reviews
    )


def hours(value: float) -> str:
    """'12.5 h' ('12.5時間' in Japanese): hours with one decimal."""
    return _("{hours} h").format(hours=f"{value:.1f}")

"""The calendar of a run: month starts as day offsets from the scenario's start date.

A game has no fixed length: the calendar grows as it goes on
(``State.month_time``), up to ``MAX_MONTHS`` or the year 9999. Imports no
other engine module.
"""

from __future__ import annotations

import datetime as dt

MAX_MONTHS = 12000
"""The longest game: a thousand years of months. A game has no fixed length: the calendar
grows as it goes on (``State.month_time``), so play can run past any report horizon. This
bound only keeps dates within what the calendar can hold and lets a save's time be checked
before anything is replayed."""
CALENDAR_AHEAD = 12  # months the calendar always holds beyond the current one
FIRST_CALENDAR = 241  # months laid out at the start: every run of up to 20 years needs no growth


class HorizonReached(Exception):
    """The game reached the last month its calendar can hold (``MAX_MONTHS``)."""


def month_starts(start: dt.date, n: int, first: int = 0) -> list[float]:
    """Day offsets from ``start`` of the first day of months ``first`` to ``n`` (0 is ``start``)."""
    out = [0.0] if first == 0 else []
    for k in range(max(first, 1), n + 1):
        y, m = divmod(start.month - 1 + k, 12)
        out.append(float((dt.date(start.year + y, m + 1, 1) - start).days))
    return out


def last_month(start: dt.date) -> int:
    """How many months a game starting on ``start`` can run: ``MAX_MONTHS``, or fewer
    where the calendar itself ends (the year 9999)."""
    return max(0, min(MAX_MONTHS, (dt.MAXYEAR - start.year) * 12 + 12 - start.month))


def horizon_days(start: dt.date) -> float:
    """Days from ``start`` to the end of the last month a game can reach."""
    return month_starts(start, last_month(start), last_month(start))[-1]

"""A seller's weekly working hours as a cumulative function of time.

A side-gig seller works in windows: a few hours each weekday evening, longer
on weekends. ``WeeklySchedule`` answers two questions in O(log 7): how many
working hours lie between two instants, and when a given amount of work will
be finished if started now. Time is in days from the scenario's day 0;
``monday_offset`` is the weekday of day 0 (0 = Monday).

Must not import SimPy, the engine or Textual.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

HOURS = 24.0
EVENING_START = 19.0  # weekday evening window starts at 19:00
WEEKEND_START = 10.0  # weekend window starts at 10:00


@dataclass(frozen=True)
class WeeklySchedule:
    """Working windows per weekday, each (start hour, length in hours)."""

    windows: tuple[tuple[float, float], ...]
    monday_offset: int = 0
    _edges: tuple[float, ...] = field(init=False, repr=False)
    _cum: tuple[float, ...] = field(init=False, repr=False)
    _at_day0: float = field(init=False, repr=False)  # hours of the week done before day 0
    weekly_hours: float = field(init=False)

    def __post_init__(self) -> None:
        # Breakpoints within the week (days) and working hours done by each.
        edges: list[float] = [0.0]
        cum: list[float] = [0.0]
        for d, (start, length) in enumerate(self.windows):
            length = max(0.0, min(length, HOURS - start if start < HOURS else 0.0))
            a = d + start / HOURS
            b = a + length / HOURS
            if length > 0:
                edges += [a, b]
                cum += [cum[-1], cum[-1] + length]
        edges.append(7.0)
        cum.append(cum[-1])
        object.__setattr__(self, "_edges", tuple(edges))
        object.__setattr__(self, "_cum", tuple(cum))
        object.__setattr__(self, "weekly_hours", cum[-1])
        object.__setattr__(self, "_at_day0", self._within(float(self.monday_offset)))

    @classmethod
    def side_gig(cls, weekday: float, weekend: float, monday_offset: int = 0) -> WeeklySchedule:
        """Weekday evenings from 19:00 and weekend days from 10:00 (earlier if longer)."""
        wd_start = min(EVENING_START, HOURS - weekday)
        we_start = min(WEEKEND_START, HOURS - weekend)
        windows = tuple([(wd_start, weekday)] * 5 + [(we_start, weekend)] * 2)
        return cls(windows, monday_offset)

    @classmethod
    def always(cls, monday_offset: int = 0) -> WeeklySchedule:
        return cls(tuple([(0.0, HOURS)] * 7), monday_offset)

    def _within(self, x: float) -> float:
        """Hours worked from the start of the week to ``x`` days into it."""
        i = bisect.bisect_right(self._edges, x) - 1
        if i >= len(self._edges) - 1:
            return self._cum[-1]
        a, b = self._edges[i], self._edges[i + 1]
        ca, cb = self._cum[i], self._cum[i + 1]
        if cb == ca or b == a:
            return ca
        return ca + (cb - ca) * (x - a) / (b - a)

    def hours_until(self, t: float) -> float:
        """Working hours from day 0 to time ``t``."""
        x = t + self.monday_offset
        weeks, rest = divmod(x, 7.0)
        return weeks * self.weekly_hours + self._within(rest) - self._at_day0

    def hours_between(self, t0: float, t1: float) -> float:
        if t1 <= t0:
            return 0.0
        return self.hours_until(t1) - self.hours_until(t0)

    def finish_time(self, t0: float, hours: float) -> float:
        """Earliest time by which ``hours`` of work started at ``t0`` are done."""
        if hours <= 0:
            return t0
        if self.weekly_hours <= 0:
            return float("inf")
        weeks, rest = divmod(t0 + self.monday_offset, 7.0)
        target = weeks * self.weekly_hours + self._within(rest) + hours
        weeks, rem = divmod(target, self.weekly_hours)
        if rem == 0.0 and weeks > 0:
            weeks -= 1
            rem = self.weekly_hours
        # first breakpoint where cumulative hours reach rem
        j = bisect.bisect_left(self._cum, rem)
        j = max(1, min(j, len(self._cum) - 1))
        a, b = self._edges[j - 1], self._edges[j]
        ca, cb = self._cum[j - 1], self._cum[j]
        x = a if cb == ca else a + (b - a) * (rem - ca) / (cb - ca)
        return max(t0, weeks * 7.0 + x - self.monday_offset)

"""A mission's balanced scorecard: the player's figures over the mission's months, scored.

Pure functions on plain records (month records as ``gigsim run --json``
writes them, events as their ``as_dict()``), so that the game, the hand-in
report, the headless calibration and the tests compute a scorecard the same
way. Each line compares one figure with its target; the score is the sum of
the weights of the lines met (out of 100) and the mission passes at its pass
mark.

Imports nothing of the engine or the game.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Direction = Literal["at_least", "at_most"]

MEASURES: dict[str, Direction] = {
    "net_income": "at_least",
    "hourly_wage": "at_least",
    "rating": "at_least",
    "on_time_rate": "at_least",
    "disputes": "at_most",
    "hours_over_budget": "at_most",
    "reviews": "at_least",
    "warnings": "at_most",
}
"""Every figure a mission can set a target on, and which way is better."""

BALANCED = ("net_income", "hourly_wage", "rating", "on_time_rate", "disputes", "hours_over_budget")
"""The lines every mission scores, in this order: not profit alone."""


@dataclass(frozen=True)
class Tally:
    """What the month records do not count: first deliveries, those late, account warnings."""

    deliveries: int = 0
    late: int = 0
    warnings: int = 0

    def add(self, event: Mapping[str, Any], end: float) -> Tally:
        """This tally with one more event counted, if it happened before ``end`` (days)."""
        if float(event.get("t", 0.0)) >= end:
            return self
        kind = event.get("kind")
        if kind == "order_delivered":
            late = 1 if event.get("late") else 0
            return Tally(self.deliveries + 1, self.late + late, self.warnings)
        if kind == "account_warning":
            return Tally(self.deliveries, self.late, self.warnings + 1)
        return self


def tally(events: Iterable[Mapping[str, Any]], end: float) -> Tally:
    """The deliveries, late deliveries and warnings among ``events`` before day ``end``."""
    out = Tally()
    for e in events:
        out = out.add(e, end)
    return out


@dataclass(frozen=True)
class Figures:
    """The player's figures over the months a mission counts (all of them once it is over)."""

    months: int  # closed months counted (the one in progress counts too, but not here)
    net_income: int
    hours_worked: float
    hourly_wage: float | None  # net income per hour worked; None without hours
    rating: float | None  # displayed average; None before the first review
    reviews: int
    on_time_rate: float | None  # share of first deliveries on time; None before the first
    disputes: int
    hours_over_budget: float  # hours worked beyond the hours the schedule offered, month by month
    warnings: int

    def value(self, measure: str) -> float | None:
        v = getattr(self, measure)
        return None if v is None else float(v)


def figures(
    months: Sequence[Mapping[str, Any]],
    limit: int,
    counts: Tally,
    so_far: Mapping[str, Any] | None = None,
    rating_now: tuple[float, int] | None = None,
) -> Figures:
    """The figures of the first ``limit`` months.

    ``months`` are the closed months' records; ``so_far`` the month in
    progress (counted while fewer than ``limit`` months have closed);
    ``rating_now`` the displayed rating and review count now, used while the
    mission runs (once it is over, the rating at the close of its last month
    counts). ``counts`` are the events' tallies before the mission's end.
    """
    rows = list(months[:limit])
    if so_far is not None and len(rows) < limit:
        rows.append(so_far)
    net = sum(int(r.get("net_income", 0)) for r in rows)
    worked = sum(float(r.get("hours_worked", 0.0)) for r in rows)
    over = sum(
        max(0.0, float(r.get("hours_worked", 0.0)) - float(r.get("hours_available", 0.0)))
        for r in rows
    )
    if len(months) >= limit or rating_now is None:
        last = months[min(limit, len(months)) - 1] if months else {}
        rating, reviews = last.get("rating"), int(last.get("reviews", 0) or 0)
    else:
        stars, reviews = rating_now
        rating = stars if reviews else None
    return Figures(
        months=min(len(months), limit),
        net_income=net,
        hours_worked=round(worked, 4),
        hourly_wage=net / worked if worked > 0 else None,
        rating=None if rating is None else float(rating),
        reviews=reviews,
        on_time_rate=(
            (counts.deliveries - counts.late) / counts.deliveries if counts.deliveries else None
        ),
        disputes=sum(int(r.get("disputes", 0)) for r in rows),
        hours_over_budget=round(over, 4),
        warnings=counts.warnings,
    )


@dataclass(frozen=True)
class Target:
    measure: str
    target: float
    weight: int

    @property
    def direction(self) -> Direction:
        return MEASURES[self.measure]

    def met(self, value: float | None) -> bool:
        """Whether ``value`` meets the target; a figure not yet known (no review, no delivery,
        no hour) meets none."""
        if value is None:
            return False
        if self.direction == "at_least":
            return value >= self.target - 1e-9
        return value <= self.target + 1e-9


@dataclass(frozen=True)
class Line:
    target: Target
    value: float | None
    passed: bool


@dataclass(frozen=True)
class Scorecard:
    lines: tuple[Line, ...]
    score: int  # the weights of the lines met, out of 100
    pass_score: int
    months: int  # closed months counted
    limit: int  # the mission's months

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_score

    @property
    def over(self) -> bool:
        """Whether every month of the mission has closed (the result is final)."""
        return self.months >= self.limit


def score(targets: Sequence[Target], pass_score: int, limit: int, got: Figures) -> Scorecard:
    """Each target against the figures; the score is the weights of those met."""
    lines = tuple(Line(t, got.value(t.measure), t.met(got.value(t.measure))) for t in targets)
    total = sum(line.target.weight for line in lines if line.passed)
    return Scorecard(lines, total, pass_score, got.months, limit)

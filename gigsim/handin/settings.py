"""The player's settings month by month, from a game's events: what a teacher compares.

For each closed month: the price (the mean price of the player's open
listings, averaged over the month's time), the capacity (the orders the open
listings take at once, added up, averaged the same way), the hours the
schedule offered and those worked (the month's record), and the proposals
sent to public requests and won. A listing counts while it is open: paused,
busy or taken down, it sells nothing. A month in which no listing was open
has no price.

Pure functions on events as their ``as_dict()`` gives them, so that the
report to hand in and ``gigsim class collect`` count the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

PUBLISHED, CHANGED, TAKEN_DOWN = "listing_published", "listing_changed", "listing_taken_down"
SENT, RESULT = "proposal_sent", "proposal_result"


@dataclass(frozen=True)
class MonthSettings:
    month: int
    label: str
    price: float | None  # time-weighted mean price of the open listings; None if none was open
    cap: float  # time-weighted orders the open listings take at once, added up
    hours_available: float
    hours_worked: float
    proposals_sent: int
    proposals_won: int

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["price"] = None if self.price is None else round(self.price, 2)
        out["cap"] = round(self.cap, 3)
        return out


Step = tuple[float, float | None, float]  # from time t: mean price (None: no open listing), cap


def _steps(events: Iterable[Mapping[str, Any]]) -> list[Step]:
    """The price and capacity from each listing event on (time 0: nothing listed yet)."""
    listings: dict[Any, dict[str, Any]] = {}
    steps: list[Step] = [(0.0, None, 0.0)]
    for e in events:
        kind = e.get("kind")
        if kind not in (PUBLISHED, CHANGED, TAKEN_DOWN):
            continue
        lst = listings.setdefault(e.get("listing"), {"price": 0, "cap": 0, "open": True})
        if kind == TAKEN_DOWN:
            lst["open"], lst["gone"] = False, True
        for key in ("price", "cap"):
            if key in e:
                lst[key] = e[key]
        if "status" in e and not lst.get("gone"):
            lst["open"] = e["status"] == "open"
        live = [x for x in listings.values() if x["open"]]
        price = sum(float(x["price"]) for x in live) / len(live) if live else None
        steps.append((float(e.get("t", 0.0)), price, float(sum(int(x["cap"]) for x in live))))
    return steps


def _averages(steps: Sequence[Step], start: float, end: float) -> tuple[float | None, float]:
    """The time-weighted mean price (over the time some listing was open) and cap in
    [start, end)."""
    priced = price_time = cap_sum = 0.0
    for i, (t, price, cap) in enumerate(steps):
        until = steps[i + 1][0] if i + 1 < len(steps) else end
        lo, hi = max(t, start), min(until, end)
        if hi <= lo:
            continue
        cap_sum += cap * (hi - lo)
        if price is not None:
            priced += price * (hi - lo)
            price_time += hi - lo
    span = end - start
    return (priced / price_time if price_time > 0 else None), (cap_sum / span if span > 0 else 0.0)


def month_settings(
    events: Sequence[Mapping[str, Any]],
    months: Sequence[Mapping[str, Any]],
    ends: Sequence[float],
) -> tuple[MonthSettings, ...]:
    """Each closed month's settings; ``ends[k]`` is the time month k+1 closed (``months[k]``
    its record)."""
    steps = _steps(events)
    out = []
    for k, record in enumerate(months):
        start, end = (ends[k - 1] if k else 0.0), ends[k]
        price, cap = _averages(steps, start, end)
        inside = [e for e in events if start <= float(e.get("t", 0.0)) < end]
        out.append(
            MonthSettings(
                month=k + 1,
                label=str(record.get("label", "")),
                price=price,
                cap=cap,
                hours_available=float(record.get("hours_available", 0.0)),
                hours_worked=float(record.get("hours_worked", 0.0)),
                proposals_sent=sum(1 for e in inside if e.get("kind") == SENT),
                proposals_won=sum(1 for e in inside if e.get("kind") == RESULT and e.get("won")),
            )
        )
    return tuple(out)

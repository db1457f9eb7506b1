"""What a finished run reports, as plain immutable data: ``RunResult``.

A run's market may hold more than one player (``Engine(..., humans=...)``):
each player's months, totals, tax and events are a ``PlayerResult`` in
``RunResult.players``, by seller id; the top-level ones are the first
player's (the scenario's), which is all a one-player run has.

A ``RunResult`` is built only from the engine's public, read-only methods
(``Engine.month_records``, ``ledger_balances``, ``reviews_histogram``,
``competitors_summary``, ``events`` …), never from live model objects, so
that the headless run, the batch and the analyst API hold a copy that no
later step of the run can change. ``as_dict`` is the object ``gigsim run
--json`` writes (its layout is an interface, documented in the README), and
``event_lines`` the lines of ``--events``.

Must not import Textual.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gigsim.engine.events import Event
from gigsim.engine.metrics import MONEY_KEYS
from gigsim.text.explain import FILING_THRESHOLD_JPY, year_end

if TYPE_CHECKING:
    from gigsim.engine.facade import Engine

COUNT_KEYS = ("orders", "completed", "cancellations", "disputes", "late_deliveries")
"""The month counts that ``totals`` adds up over the run."""


def tax_years(
    rows: Sequence[Mapping[str, Any]], currency: str, salaried: bool = True
) -> list[dict[str, Any]]:
    """Per calendar year of the run: side-income profit against Japan's filing threshold.

    The same reckoning as the game's December report (``gigsim.text.explain.year_end``):
    profit is the year's net income; a salaried worker in Japan files an
    income-tax return for more than ¥200,000 of it. ``months`` says how many
    of the year's months the run covers (a year in progress is not complete).
    For other currencies, or a player who is not salaried (``player.salaried``), the rule
    does not apply and ``return_needed`` is null.
    """
    years: dict[str, int] = {}
    for r in rows:
        year = str(r["label"])[:4]
        years[year] = years.get(year, 0) + 1
    out = []
    for year, n in years.items():
        y = year_end(list(rows), year, currency, salaried)
        lines = y.lines[1:]
        if n < 12:
            month_s = "month" if n == 1 else "months"
            lines.insert(0, f"The run covers {n} {month_s} of {year}: the profit so far.")
        out.append(
            {
                "year": year,
                "months": n,
                "profit": y.profit,
                "threshold": FILING_THRESHOLD_JPY,
                "threshold_currency": "JPY",
                "return_needed": y.over_threshold,
                "note": " ".join(lines),
            }
        )
    return out


def run_totals(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The run's ``totals``: money and counts summed over its months, hours, wage, lost buyers."""
    totals: dict[str, Any] = {k: sum(r[k] for r in rows) for k in MONEY_KEYS}
    for k in COUNT_KEYS:
        totals[k] = sum(r[k] for r in rows)
    totals["hours_worked"] = round(sum(r["hours_worked"] for r in rows), 4)
    totals["effective_hourly_wage"] = (
        round(totals["net_income"] / totals["hours_worked"], 2)
        if totals["hours_worked"] > 0
        else None
    )
    lost: dict[str, int] = {}
    for r in rows:
        for reason, n in r["lost_buyers"].items():
            lost[reason] = lost.get(reason, 0) + n
    totals["lost_buyers"] = lost
    return totals


@dataclass(frozen=True)
class PlayerResult:
    """One player's part of a run: their months, totals, tax and events."""

    seller: str
    months: tuple[dict[str, Any], ...]
    totals: dict[str, Any]
    tax: tuple[dict[str, Any], ...]
    events: tuple[Event, ...] = field(default=(), repr=False)

    @classmethod
    def of(
        cls, engine: Engine, seller: str, months: int | None = None, events: bool = True
    ) -> PlayerResult:
        """The player ``seller``'s results over ``engine``'s first ``months`` closed months."""
        rows = engine.month_records(months, seller=seller)
        return cls(
            seller=seller,
            months=tuple(rows),
            totals=run_totals(rows),
            tax=tuple(
                tax_years(rows, engine.scenario.currency, engine.player_spec(seller).salaried)
            ),
            events=tuple(engine.events(seller=seller)) if events else (),
        )

    def as_dict(self) -> dict[str, Any]:
        return {"months": list(self.months), "totals": self.totals, "tax": list(self.tax)}


@dataclass(frozen=True)
class RunResult:
    """One run's results: the months, totals, tax, ledger, reviews, competitors and events.

    ``months``, ``totals``, ``tax`` and ``events`` are the first player's;
    ``players`` holds every player's, by seller id (the first included).
    Field order is the order of the keys ``gigsim run --json`` writes
    (``events`` aside: they go to ``--events``; ``players`` is written only
    for a market of more than one player).
    """

    gigsim_version: str
    model_version: str
    seed: int
    scenario: str
    source: str
    policy: str | None
    currency: str
    months: tuple[dict[str, Any], ...]
    totals: dict[str, Any]
    tax: tuple[dict[str, Any], ...]
    ledger: dict[str, int]
    ledger_sum: int
    reviews_histogram: dict[str, int]
    competitors: tuple[dict[str, Any], ...]
    players: dict[str, PlayerResult] = field(default_factory=dict, repr=False)
    events: tuple[Event, ...] = field(default=(), repr=False)

    @classmethod
    def of(
        cls, engine: Engine, months: int | None = None, source: str = "", events: bool = True
    ) -> RunResult:
        """The results of ``engine``'s first ``months`` closed months (all when None).

        ``events=False`` leaves the event log out (the batch does not keep it).
        """
        from gigsim import MODEL_VERSION, __version__

        players = {p: PlayerResult.of(engine, p, months, events) for p in engine.players()}
        first = next(iter(players.values()))
        return cls(
            gigsim_version=__version__,
            model_version=MODEL_VERSION,
            seed=engine.seed,
            scenario=engine.scenario.name,
            source=source,
            policy=engine.policy_name,
            currency=engine.scenario.currency,
            months=first.months,
            totals=first.totals,
            tax=first.tax,
            ledger=engine.ledger_balances(),
            ledger_sum=engine.ledger_sum(),
            reviews_histogram=engine.reviews_histogram(),
            competitors=tuple(engine.competitors_summary()),
            players=players,
            events=first.events,
        )

    def as_dict(self) -> dict[str, Any]:
        """The object ``gigsim run --json`` writes (plain JSON data, keys in their documented order)."""
        data = {
            "gigsim_version": self.gigsim_version,
            "model_version": self.model_version,
            "seed": self.seed,
            "scenario": self.scenario,
            "source": self.source,
            "policy": self.policy,
            "currency": self.currency,
            "months": list(self.months),
            "totals": self.totals,
            "tax": list(self.tax),
            "ledger": self.ledger,
            "ledger_sum": self.ledger_sum,
            "reviews_histogram": self.reviews_histogram,
            "competitors": list(self.competitors),
        }
        if len(self.players) > 1:  # a market of several players: each one's months, by id
            data["players"] = {p: r.as_dict() for p, r in self.players.items()}
        return data

    def to_json(self) -> str:
        """``as_dict`` as the text of ``--json`` (indented, UTF-8 as is, a final newline)."""
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"

    def event_lines(self) -> Iterator[str]:
        """The lines of ``--events``: one JSON object per event, keys sorted, in order."""
        for e in self.events:
            yield json.dumps(e.as_dict(), ensure_ascii=False, sort_keys=True) + "\n"

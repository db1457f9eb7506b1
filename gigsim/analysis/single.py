"""``gigsim.run``: one run of one scenario, its results as DataFrames.

The same run as ``gigsim run`` (the same policy check and bounds, the same
engine), returned as a ``Run``: the ``RunResult`` (what ``--json`` writes)
and DataFrames of its months, events and competitors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from gigsim.analysis.values import checked_seed, set_items
from gigsim.engine.api import RunResult
from gigsim.errors import BadInput
from gigsim.experiments.command import MAX_MONTHS
from gigsim.experiments.frames import typed
from gigsim.experiments.runs import MONTH_KPIS, month_kpi_kind, month_row
from gigsim.headless import run_engine
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario, override_scenario

MONTH_KINDS: dict[str, str] = {"month": "int", **{k: month_kpi_kind(k) for k in MONTH_KPIS}}
"""Columns of ``Run.months``: the columns of ``months.csv`` after its run's ids."""
COMPETITOR_KINDS: dict[str, str] = {
    "listing": "int",
    "seller": "str",
    "category": "str",
    "price": "int",
    "sales": "int",
    "reviews": "int",
    "rating": "float",
    "strategy": "str",
    "left": "bool",
}


@dataclass(frozen=True)
class Run:
    """One run's results: ``result`` (the ``--json`` data) and DataFrames of it."""

    result: RunResult
    months: pd.DataFrame = field(repr=False)
    """One row per month: ``month`` and the ``months.csv`` columns (``hours.*``, ``lost_buyers.*``)."""
    events: pd.DataFrame = field(repr=False)
    """One row per event: ``seq``, ``t``, ``kind`` and every event field (missing where not its)."""
    competitors: pd.DataFrame = field(repr=False)
    """One row per computer seller's listing, as ``--json``'s ``competitors``."""

    @property
    def totals(self) -> dict[str, Any]:
        """Over the run: the ``totals`` of ``--json``."""
        return self.result.totals


def _scenario(scenario: str | Scenario, overrides: Mapping[str, Any] | None) -> Scenario:
    items = set_items(overrides)
    if isinstance(scenario, str):
        return load_scenario(scenario, items)
    return override_scenario(scenario, items)


def events_frame(result: RunResult) -> pd.DataFrame:
    """The run's events: ``seq``, ``t``, ``kind``, then every field any event has, by name."""
    rows = [e.as_dict() for e in result.events]
    extra = sorted({k for r in rows for k in r} - {"seq", "t", "kind"})
    frame = pd.DataFrame.from_records(rows, columns=["seq", "t", "kind", *extra])
    return frame.astype({"seq": "Int64", "t": "float64", "kind": "string"})


def run(
    scenario: str | Scenario,
    months: int | None = None,
    seed: int = 0,
    overrides: Mapping[str, Any] | None = None,
    policy: str | None = None,
) -> Run:
    """Run ``scenario`` (a shipped name, a YAML path or a ``Scenario``) as ``gigsim run`` does.

    ``months`` defaults to the scenario's own; ``overrides`` are ``--set``
    keys with Python values (``{"player.listings.0.price": 3000}``), checked
    like ``--set``; ``policy`` replaces the scenario's ``player.policy``. Bad
    input raises ``gigsim.errors.BadInput`` (its message is the command
    line's one line).
    """
    seed = checked_seed(seed)
    source = scenario if isinstance(scenario, str) else scenario.name
    sc = _scenario(scenario, overrides)
    n = sc.months if months is None else months
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_MONTHS:
        raise BadInput("months", None, f"must be a whole number from 1 to {MAX_MONTHS} (got {n!r})")
    engine = run_engine(sc, n, seed, policy=policy, source=source)
    result = RunResult.of(engine, n, source)
    return Run(
        result,
        typed(({"month": m["month"], **month_row(m)} for m in result.months), MONTH_KINDS),
        events_frame(result),
        typed(result.competitors, COMPETITOR_KINDS),
    )

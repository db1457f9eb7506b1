"""One replication of one scenario at one design point, as plain records.

``run_job`` is what a worker executes, in a local process, a Dask worker or
the calling process: it rebuilds the scenario from its JSON, runs the engine
through ``gigsim.headless`` (the same code as ``gigsim run``) and returns a
JSON-ready record of totals and months. Replication seeds come from the
experiment's base seed and the replication number only (common random
numbers: every scenario and design point sees the same streams in
replication r), never from the scenario or the point.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from gigsim.engine.api import ACTIVITIES, LOSS_REASONS, MONEY_KEYS, MONTH_KEYS, RunResult

COUNT_KEYS = ("orders", "completed", "cancellations", "disputes", "late_deliveries")

RUN_KPIS: tuple[str, ...] = (
    "net_income",
    *(k for k in MONEY_KEYS if k != "net_income"),
    *COUNT_KEYS,
    "hours_worked",
    "hours_available",
    "utilisation",
    "effective_hourly_wage",
    "buyers",
    "declined",
    *(f"lost_buyers.{r}" for r in LOSS_REASONS),
    "final_rating",
    "final_reviews",
    "final_balance",
    "first_order_month",
)
"""Columns of a run's totals, in the order of ``runs.csv``; ``net_income`` first."""

_SPREAD = {
    "hours": tuple(f"hours.{a}" for a in ACTIVITIES),
    "lost_buyers": tuple(f"lost_buyers.{r}" for r in LOSS_REASONS),
}
MONTH_KPIS: tuple[str, ...] = tuple(
    column for key in MONTH_KEYS[1:] for column in _SPREAD.get(key, (key,))
)
"""Columns of one month in ``months.csv`` (after scenario, point, replication, month)."""

FLOAT_MONTH_KPIS = frozenset(
    {
        "hours_worked",
        *_SPREAD["hours"],
        "hours_available",
        "utilisation",
        "effective_hourly_wage",
        "rating",
        "new_listing_days_left",
    }
)
TEXT_MONTH_KPIS = frozenset({"label", "rank"})
FLOAT_RUN_KPIS = frozenset(
    {"hours_worked", "hours_available", "utilisation", "effective_hourly_wage", "final_rating"}
)
"""The columns that hold decimal numbers; every other KPI column holds whole numbers.

The CSV files write a decimal column's every value as a decimal (``129.0``,
never ``129``), so that each column reads back with one type in every
experiment. ``effective_hourly_wage``, ``rating`` and ``final_rating`` may be
null: no hours worked, no reviews yet.
"""


def month_kpi_kind(key: str) -> str:
    """``float``, ``int`` or ``str``: the type of a ``months.csv`` KPI column."""
    if key in FLOAT_MONTH_KPIS:
        return "float"
    return "str" if key in TEXT_MONTH_KPIS else "int"


def run_kpi_kind(key: str) -> str:
    """``float`` or ``int``: the type of a ``runs.csv`` KPI column."""
    return "float" if key in FLOAT_RUN_KPIS else "int"


def replication_seed(base: int, replication: int) -> int:
    """The engine seed of replication ``replication``: a function of (base, r) only."""
    state = np.random.SeedSequence(int(base), spawn_key=(int(replication),)).generate_state(
        2, dtype=np.uint32
    )
    return int(state[0]) << 31 | int(state[1]) >> 1


@dataclass(frozen=True)
class Job:
    """One run: which group (scenario, point) and replication, and everything needed to run it."""

    group: int
    replication: int
    seed: int
    months: int
    policy: str
    scenario_json: str
    experiment: str = ""  # the experiment's key: a journal keeps only records of its own
    strategy: str = ""
    """A player's strategy (``Strategy.to_json``) to play instead of ``policy``: the luck check's
    job kind ("replay this strategy", ``gigsim.experiments.strategy_play``)."""


@lru_cache(maxsize=64)
def _scenario(text: str) -> Any:
    from gigsim.model.scenario import Scenario

    return Scenario.model_validate(json.loads(text))


_plugins_loaded = False


def _load_plugins() -> None:
    global _plugins_loaded
    if not _plugins_loaded:
        from gigsim.engine.api import load_entry_point_policies

        load_entry_point_policies()
        _plugins_loaded = True


def run_job(job: Job) -> dict[str, Any]:
    """Run one replication and return its record (plain JSON data).

    The player is played by ``job.policy``, or by ``job.strategy`` when it has one.
    """
    scenario = _scenario(job.scenario_json)
    if job.strategy:
        from gigsim.experiments.strategy import Strategy
        from gigsim.experiments.strategy_play import play_strategy

        strategy = Strategy.from_json(job.strategy)
        engine = play_strategy(scenario, job.seed, strategy, job.months)
    else:
        from gigsim.headless import run_engine

        _load_plugins()
        engine = run_engine(scenario, job.months, job.seed, policy=job.policy)
    data = RunResult.of(engine, job.months, scenario.name, events=False).as_dict()
    return {
        "group": job.group,
        "replication": job.replication,
        "seed": job.seed,
        "experiment": job.experiment,
        "totals": totals_of(data),
        "months": [month_row(m) for m in data["months"]],
    }


def _flat(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def month_row(month: dict[str, Any]) -> dict[str, Any]:
    """One month of a run record: the ``months.csv`` columns by name (a self-describing record)."""
    flat = _flat(month)
    return {k: flat.get(k) for k in MONTH_KPIS}


def totals_of(data: dict[str, Any]) -> dict[str, Any]:
    """A run's KPIs over all its months, from ``RunResult.as_dict()``."""
    months = data["months"]
    flat = _flat(data["totals"])
    available = round(sum(m["hours_available"] for m in months), 4)
    flat["hours_available"] = available
    flat["utilisation"] = round(flat["hours_worked"] / available, 6) if available > 0 else 0.0
    flat["buyers"] = sum(m["buyers_in_categories"] for m in months)
    flat["declined"] = sum(m["declined"] for m in months)
    last = months[-1] if months else {}
    flat["final_rating"] = last.get("rating") if last.get("reviews") else None
    flat["final_reviews"] = last.get("reviews", 0)
    flat["final_balance"] = last.get("balance", 0)
    flat["first_order_month"] = next((m["month"] for m in months if m["orders"] > 0), None)
    return {k: flat.get(k) for k in RUN_KPIS}

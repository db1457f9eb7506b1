"""One replication of one scenario at one design point, as plain records.

``run_job`` is what a worker executes, in a local process, a Dask worker or
the calling process: it rebuilds the scenario from its JSON, runs the engine
through ``gigsim.report`` (the same code as ``gigsim run``) and returns a
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

from gigsim.engine.entities import Activity
from gigsim.engine.market import LOSS_REASONS
from gigsim.engine.metrics import MONEY_KEYS, MONTH_KEYS

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
    "hours": tuple(f"hours.{a.value}" for a in Activity),
    "lost_buyers": tuple(f"lost_buyers.{r}" for r in LOSS_REASONS),
}
MONTH_KPIS: tuple[str, ...] = tuple(
    column for key in MONTH_KEYS[1:] for column in _SPREAD.get(key, (key,))
)
"""Columns of one month in ``months.csv`` (after scenario, point, replication, month)."""


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


@lru_cache(maxsize=64)
def _scenario(text: str) -> Any:
    from gigsim.model.scenario import Scenario

    return Scenario.model_validate(json.loads(text))


_plugins_loaded = False


def _load_plugins() -> None:
    global _plugins_loaded
    if not _plugins_loaded:
        from gigsim.engine.policies import load_entry_point_policies

        load_entry_point_policies()
        _plugins_loaded = True


def run_job(job: Job) -> dict[str, Any]:
    """Run one replication and return its record (plain JSON data)."""
    from gigsim.report import result_data, run_engine

    _load_plugins()
    scenario = _scenario(job.scenario_json)
    engine = run_engine(scenario, job.months, job.seed, policy=job.policy)
    data = result_data(engine, job.months, scenario.name)
    return {
        "group": job.group,
        "replication": job.replication,
        "seed": job.seed,
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


def month_row(month: dict[str, Any]) -> list[Any]:
    flat = _flat(month)
    return [flat.get(k) for k in MONTH_KPIS]


def totals_of(data: dict[str, Any]) -> dict[str, Any]:
    """A run's KPIs over all its months, from ``gigsim.report.result_data``."""
    months = data["months"]
    flat = _flat(data["totals"])
    available = round(sum(m["hours_available"] for m in months), 4)
    flat["hours_available"] = available
    flat["utilisation"] = round(flat["hours_worked"] / available, 6) if available > 0 else 0.0
    flat["buyers"] = sum(m["buyers_in_categories"] for m in months)
    flat["declined"] = sum(m["declined"] for m in months)
    last = months[-1] if months else {}
    flat["final_rating"] = last.get("rating", 0.0) if last.get("reviews") else None
    flat["final_reviews"] = last.get("reviews", 0)
    flat["final_balance"] = last.get("balance", 0)
    flat["first_order_month"] = next((m["month"] for m in months if m["orders"] > 0), None)
    return {k: flat.get(k) for k in RUN_KPIS}

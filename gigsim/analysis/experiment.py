"""``gigsim.batch`` and ``gigsim.load_experiment``: many runs, as DataFrames.

``batch`` takes the options of ``gigsim batch`` as Python values, builds the
same plan (``gigsim.experiments.plan``: scenarios × design points ×
replications, with common random numbers) and runs the same jobs through the
same runner, on the calling process, a local pool, any
``concurrent.futures.Executor`` or a Dask ``Client``; its frames hold what
``runs.csv``, ``months.csv`` and ``summary.csv`` would, cell for cell.
``load_experiment`` reads those files back from a ``--out`` folder with the
column types its manifest declares.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Executor as FuturesPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from gigsim.analysis.values import checked_seed, range_items, set_items, sweep_items
from gigsim.errors import BadInput
from gigsim.experiments.designs import METHODS, SAMPLED, from_file, from_flags
from gigsim.experiments.executors import DaskExecutor, Executor, FuturesExecutor, LocalExecutor
from gigsim.experiments.frames import read_csv
from gigsim.experiments.outputs import (
    MANIFEST,
    columns,
    comparison_csv,
    months_csv,
    runs_csv,
    summary_csv,
)
from gigsim.experiments.plan import AutoReps, Plan, build_plan
from gigsim.experiments.runner import execute

TABLES = ("runs", "months", "summary", "comparison")


@dataclass(frozen=True)
class Experiment:
    """An experiment's tables: ``runs``, ``months``, ``summary`` and ``comparison``."""

    runs: pd.DataFrame = field(repr=False)
    """One row per run, the columns of ``runs.csv``."""
    months: pd.DataFrame = field(repr=False)
    """One row per run and month, the columns of ``months.csv``."""
    summary: pd.DataFrame = field(repr=False)
    """Per scenario, point and KPI: n, mean, sd, 95% CI, P10/P50/P90 (``summary.csv``)."""
    comparison: pd.DataFrame = field(repr=False)
    """Paired differences against the reference (``comparison.csv``)."""
    experiment: dict[str, Any]
    """What was run: versions, scenarios in full, design, seed, replications (the manifest's)."""
    replications: int


def _design(
    sweep: Mapping[str, Iterable[Any]] | None,
    ranges: Mapping[str, tuple[float, float]] | None,
    method: str | None,
    samples: int | None,
    design: str | Path | None,
) -> Any:
    if design is not None:
        if sweep or ranges or method or samples is not None:
            raise BadInput("design", None, "a design file replaces sweep, ranges, method, samples")
        return from_file(str(design))
    method = method or ("lhs" if ranges and not sweep else "factorial")
    if method not in METHODS:
        raise BadInput("method", None, f"unknown method {method!r} (known: {', '.join(METHODS)})")
    if method in SAMPLED and sweep:
        raise BadInput("sweep", None, f"{method} samples ranges, not listed values")
    return from_flags(method, sweep_items(sweep), range_items(ranges), samples)


def _reps(reps: int | str) -> int | None:
    if reps == "auto":
        return None
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise BadInput("reps", None, f"must be a whole number >= 1 or 'auto' (got {reps!r})")
    return reps


def _executor(executor: Any) -> tuple[Executor, bool]:
    """The runner's executor for ``executor``, and whether this call owns (and closes) it."""
    if executor is None:
        return LocalExecutor(1), True
    if isinstance(executor, int) and not isinstance(executor, bool) and executor >= 1:
        return LocalExecutor(executor), True
    if isinstance(executor, FuturesPool):
        return FuturesExecutor(executor), False
    if type(executor).__name__ == "Client" and type(executor).__module__.startswith("distributed"):
        return DaskExecutor(None, 1, client=executor), True  # closing it leaves the client open
    raise BadInput(
        "executor",
        None,
        "expected None, a number of processes, a concurrent.futures.Executor or a Dask Client "
        f"(got {type(executor).__name__})",
    )


def batch(
    scenarios: str | Sequence[str],
    *,
    reps: int | str = 20,
    months: int | None = None,
    seed: int = 0,
    overrides: Mapping[str, Any] | None = None,
    sweep: Mapping[str, Iterable[Any]] | None = None,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    method: str | None = None,
    samples: int | None = None,
    design: str | Path | None = None,
    policy: str | None = None,
    max_reps: int = 200,
    executor: Any = None,
) -> Experiment:
    """Run an experiment as ``gigsim batch`` does and return its tables.

    ``scenarios``: one or more shipped names or YAML paths. ``reps``: a number
    or ``"auto"`` (up to ``max_reps``). ``overrides``: ``--set`` keys with
    Python values; ``sweep``: key → values (factorial, or ``method="oat"``);
    ``ranges``: key → (low, high) for ``method`` ``lhs``, ``morris`` or
    ``sobol`` with ``samples``; ``design``: a design YAML file instead.
    ``executor``: None (this process), a number of local processes, any
    ``concurrent.futures.Executor`` or a Dask ``distributed.Client`` (left
    open; its workers must run this gigsim). Results are the same whatever the
    executor. Bad input raises ``gigsim.errors.BadInput``.
    """
    refs = [scenarios] if isinstance(scenarios, str) else list(scenarios)
    if months is not None and (isinstance(months, bool) or not isinstance(months, int)):
        raise BadInput("months", None, f"must be a whole number (got {months!r})")
    plan = build_plan(
        refs,
        set_items(overrides),
        _design(sweep, ranges, method, samples, design),
        months,
        checked_seed(seed),
        _reps(reps),
        policy,
        AutoReps(max_reps=max_reps),
    )
    runner, owned = _executor(executor)
    try:
        outcome = execute(plan, runner)
    finally:
        if owned:
            runner.close()
    return _experiment(plan, outcome.records, outcome.reps)


def _experiment(plan: Plan, records: list[dict[str, Any]], reps: int) -> Experiment:
    kinds = columns(plan)
    texts = {
        "runs": runs_csv(plan, records),
        "months": months_csv(plan, records),
        "summary": summary_csv(plan, records),
        "comparison": comparison_csv(plan, records),
    }
    frames = {name: read_csv(text, kinds[f"{name}.csv"]) for name, text in texts.items()}
    return Experiment(**frames, experiment=plan.identity(), replications=reps)


def load_experiment(folder: str | Path) -> Experiment:
    """Read the tables a ``gigsim batch --out`` folder holds, with its manifest's column types."""
    folder = Path(folder)
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        kinds = manifest["columns"]
        identity = manifest["experiment"]
    except FileNotFoundError:
        raise BadInput(str(path), None, "no manifest: not a gigsim batch folder") from None
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise BadInput(str(path), None, f"not a readable manifest ({type(e).__name__})") from None
    if manifest.get("status") != "complete":
        raise BadInput(
            str(path), "status", f"the experiment is {manifest.get('status')!r}, not complete"
        )
    frames = {}
    for name in TABLES:
        table = folder / f"{name}.csv"
        try:
            frames[name] = read_csv(table, kinds[f"{name}.csv"])
        except (OSError, ValueError, KeyError) as e:
            raise BadInput(str(table), None, f"cannot be read ({type(e).__name__}: {e})") from None
    return Experiment(**frames, experiment=identity, replications=manifest.get("replications", 0))

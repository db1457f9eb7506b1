"""Running an experiment's replications, journalling each as it finishes.

With a fixed number of replications every missing run is handed to the
executor at once. With ``--reps auto`` replications are added in batches
(the same number for every group, so that comparisons stay paired) until
the 95% CI half-width of total net income is within the target share of
its |mean| in every group, or the cap is reached. The decision depends only
on results, which depend only on the plan, so ``--resume`` retraces it
exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from gigsim.experiments.executors import Executor
from gigsim.experiments.journal import Journal, Key, normalise
from gigsim.experiments.plan import Plan
from gigsim.experiments.runs import run_job
from gigsim.experiments.stats import precise_enough


class Progress(Protocol):
    def grow(self, total: int, done: int) -> None: ...

    def advance(self) -> None: ...


class NoProgress:
    def grow(self, total: int, done: int) -> None:
        pass

    def advance(self) -> None:
        pass


@dataclass(frozen=True)
class Outcome:
    records: list[dict[str, Any]]
    """One per group and replication, sorted by (group, replication)."""
    reps: int
    precise: bool | None = None
    """For ``--reps auto``: whether the precision target was met (False: the cap was reached)."""
    resumed: int = 0
    """Runs taken from an earlier, interrupted run of the same experiment."""


def _run_missing(
    plan: Plan,
    executor: Executor,
    journal: Journal | None,
    done: dict[Key, dict[str, Any]],
    reps: int,
    progress: Progress,
    job_fn: Callable[[Any], dict[str, Any]],
) -> None:
    jobs = [plan.job(g, r) for r in range(reps) for g in plan.groups if (g.index, r) not in done]
    progress.grow(reps * len(plan.groups), reps * len(plan.groups) - len(jobs))
    for result in executor.run(job_fn, jobs):
        rec = normalise(result)
        if journal is not None:
            journal.append(rec)
        done[(rec["group"], rec["replication"])] = rec
        progress.advance()


def _records(plan: Plan, done: dict[Key, dict[str, Any]], reps: int) -> list[dict[str, Any]]:
    return [done[(g.index, r)] for g in plan.groups for r in range(reps)]


def net_incomes(plan: Plan, records: list[dict[str, Any]], group: int) -> list[float]:
    return [r["totals"]["net_income"] for r in records if r["group"] == group]


def resumable(plan: Plan, journal: Journal) -> dict[Key, dict[str, Any]]:
    """The journal's records that belong to this plan; others join ``journal.damaged``."""
    done = {}
    for (g, r), rec in journal.load().items():
        if g >= len(plan.groups):
            continue  # another design point count: refused earlier by the manifest check
        if rec["seed"] != plan.replication_seed(r) or len(rec["months"]) != plan.months:
            journal.damaged.append(f"group {g}, replication {r}: not a run of this experiment")
            continue
        done[(g, r)] = rec
    journal.count = len(done)
    return done


def execute(
    plan: Plan,
    executor: Executor,
    journal: Journal | None = None,
    progress: Progress | None = None,
    job_fn: Callable[[Any], dict[str, Any]] = run_job,
) -> Outcome:
    """Run what is missing (all of it without a journal) and return every record."""
    progress = progress or NoProgress()
    done = resumable(plan, journal) if journal is not None else {}
    resumed = len(done)
    if plan.reps is not None:
        _run_missing(plan, executor, journal, done, plan.reps, progress, job_fn)
        return Outcome(_records(plan, done, plan.reps), plan.reps, None, resumed)
    auto = plan.auto
    n = 0
    while True:
        n = min(n + auto.batch, auto.max_reps)
        _run_missing(plan, executor, journal, done, n, progress, job_fn)
        records = _records(plan, done, n)
        precise = all(
            precise_enough(net_incomes(plan, records, g.index), auto.precision) for g in plan.groups
        )
        if precise or n >= auto.max_reps:
            return Outcome(records, n, precise, min(resumed, len(records)))

"""The files an experiment writes into ``--out``: CSV tables, the manifest and the report.

- ``runs.csv``: one row per run (scenario, point, replication, seed, the
  design's values, policy, every KPI over all months);
- ``months.csv``: tidy, one row per run and month;
- ``summary.csv``: tidy, per scenario, point and KPI: n, mean, sd, 95% CI,
  P10/P50/P90;
- ``comparison.csv``: paired differences against the reference (the first
  scenario, or the first point), with the share of replications each wins;
- ``sensitivity.csv``: the design's ranking of factors, when it has factors;
- ``manifest.json``: versions, scenarios in full, seed, design, and times;
- ``report.html``: the charts.

Rows are sorted by (scenario, point, replication). Every file except
``manifest.json`` (which holds start and end times) is a function of the
experiment alone: byte-identical whatever the executor, the number of
workers, or interruptions and ``--resume``. All are written atomically.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gigsim.experiments.analysis import comparisons, sensitivity, summaries
from gigsim.experiments.plan import Plan
from gigsim.experiments.runs import MONTH_KPIS, RUN_KPIS
from gigsim.fileio import write_atomic

MANIFEST = "manifest.json"
OUTPUT_FILES = (
    "runs.csv",
    "months.csv",
    "summary.csv",
    "comparison.csv",
    "sensitivity.csv",
    "report.html",
)
STAT_COLUMNS = ("n", "mean", "sd", "ci95_low", "ci95_high", "p10", "p50", "p90")


def cell(value: Any) -> str:
    """A CSV cell: empty for None, true/false, shortest exact text for numbers (6 decimals)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN
            return "nan"
        r = round(value, 6)
        return str(int(r)) if r.is_integer() and abs(r) < 1e15 else repr(r)
    return str(value)


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([cell(v) for v in row])
    return buf.getvalue()


def _run_id(plan: Plan, r: dict[str, Any]) -> list[Any]:
    """The columns that say which run a row is: scenario, point, replication, seed, factors."""
    g = plan.groups[r["group"]]
    return [g.label, g.point, r["replication"], r["seed"], *(g.values.get(k) for k in plan.keys)]


def runs_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    head = ["scenario", "point", "replication", "seed", *plan.keys, "policy", *RUN_KPIS]
    rows = (
        [*_run_id(plan, r), plan.groups[r["group"]].policy, *(r["totals"][k] for k in RUN_KPIS)]
        for r in records
    )
    return _csv(head, rows)


def months_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    head = ["scenario", "point", "replication", "seed", *plan.keys, "month", *MONTH_KPIS]
    rows = ([*_run_id(plan, r), i + 1, *m] for r in records for i, m in enumerate(r["months"]))
    return _csv(head, rows)


def summary_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    summ = summaries(plan, records)
    head = ["scenario", "point", *plan.keys, "policy", "kpi", *STAT_COLUMNS]
    rows = (
        [
            g.label,
            g.point,
            *(g.values.get(k) for k in plan.keys),
            g.policy,
            kpi,
            s.n,
            s.mean,
            s.sd,
            s.ci_low,
            s.ci_high,
            s.p10,
            s.p50,
            s.p90,
        ]
        for g in plan.groups
        for kpi, s in summ[g.index].items()
    )
    return _csv(head, rows)


def comparison_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    head = [
        "scenario", "point", "reference_scenario", "reference_point", "kpi", "n", "mean_difference",
        "sd", "ci95_low", "ci95_high", "share_this_wins", "share_reference_wins", "share_ties",
    ]  # fmt: skip
    rows = (
        [
            c.this.label,
            c.this.point,
            c.reference.label,
            c.reference.point,
            c.kpi,
            c.result.n,
            c.result.mean,
            c.result.sd,
            c.result.ci_low,
            c.result.ci_high,
            c.result.b_wins,
            c.result.a_wins,
            c.result.ties,
        ]
        for c in comparisons(plan, records)
    )
    return _csv(head, rows)


def sensitivity_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    head = ["scenario", "method", "rank", "factor", "measure", "value"]
    rows = []
    rank: dict[str, int] = {}
    for s in sensitivity(plan, records):
        rank[s.scenario] = rank.get(s.scenario, 0) + 1
        for name, value in s.measures.items():
            rows.append([s.scenario, plan.design.method, rank[s.scenario], s.factor, name, value])
    return _csv(head, rows)


def write_outputs(
    plan: Plan, records: list[dict[str, Any]], folder: Path, extra: dict[str, Any]
) -> None:
    """Write every table and the report (the manifest is written by the caller)."""
    from gigsim.experiments.report_html import report_html

    files = {
        "runs.csv": runs_csv(plan, records),
        "months.csv": months_csv(plan, records),
        "summary.csv": summary_csv(plan, records),
        "comparison.csv": comparison_csv(plan, records),
        "sensitivity.csv": sensitivity_csv(plan, records),
        "report.html": report_html(plan, records, extra),
    }
    for name, text in files.items():
        write_atomic(folder / name, [text], name)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    write_atomic(folder / MANIFEST, [text], MANIFEST)

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
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from gigsim.experiments.analysis import comparisons, sensitivity, summaries
from gigsim.experiments.plan import Plan
from gigsim.experiments.runs import MONTH_KPIS, RUN_KPIS, month_kpi_kind, run_kpi_kind
from gigsim.fileio import write_atomic
from gigsim.model.scenario import Scenario

MANIFEST = "manifest.json"
OUTPUT_FILES = (
    "runs.csv",
    "months.csv",
    "summary.csv",
    "comparison.csv",
    "sensitivity.csv",
    "report.html",
)
PARQUET_FILES = tuple(
    f"{name}.parquet" for name in ("runs", "months", "summary", "comparison", "sensitivity")
)
"""With ``--format parquet``: the CSV tables again, as Parquet files with the declared types."""
STAT_COLUMNS = ("n", "mean", "sd", "ci95_low", "ci95_high", "p10", "p50", "p90")


def _float_text(value: float) -> str:
    if value != value:  # NaN
        return "nan"
    r = round(value, 6)
    return repr(r + 0.0)  # always with a point or an exponent: 129.0, 0.25, 1e+16; -0.0 as 0.0


def cell(value: Any, kind: str = "") -> str:
    """A CSV cell of a column of ``kind`` (``float``, ``int``, ``bool``, ``str``); empty for None.

    A float column writes every number as a decimal (``129.0``, never ``129``)
    rounded to 6 places, so a column reads back with one type whatever its
    values; an int column writes whole numbers; booleans are true/false.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if kind == "float":
            return _float_text(float(value))
        if isinstance(value, int):
            return str(value)
        r = round(value, 6)
        return str(int(r)) if r.is_integer() and abs(r) < 1e15 else _float_text(value)
    return str(value)


def _strip(tp: Any) -> Any:
    """A field's type without Annotated and Optional (a float-or-int union counts as float)."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
            else:
                plain = {_strip(a) for a in args}
                return float if plain <= {int, float} and float in plain else str
        else:
            return tp


def declared_kind(key: str) -> str:
    """``float``, ``int``, ``bool`` or ``str``: the declared type of the scenario field ``key`` names."""
    tp: Any = Scenario
    for part in key.split("."):
        tp = _strip(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            f = tp.model_fields.get(part)
            if f is None:
                return "str"
            tp = f.annotation
        elif get_origin(tp) is tuple and part.isdigit():
            tp = get_args(tp)[0]
        else:
            return "str"
    tp = _strip(tp)
    return {bool: "bool", int: "int", float: "float"}.get(tp, "str")


Columns = list[tuple[str, str]]
"""A CSV file's columns: (name, kind) in order."""


def _csv(columns: Columns, rows: Iterable[Iterable[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([name for name, _ in columns])
    kinds = [kind for _, kind in columns]
    for row in rows:
        w.writerow([cell(v, k) for v, k in zip(row, kinds, strict=True)])
    return buf.getvalue()


def _keys(plan: Plan) -> Columns:
    return [(k, declared_kind(k)) for k in plan.keys]


def run_columns(plan: Plan) -> Columns:
    ids = [("scenario", "str"), ("point", "int"), ("replication", "int"), ("seed", "int")]
    return [*ids, *_keys(plan), ("policy", "str"), *((k, run_kpi_kind(k)) for k in RUN_KPIS)]


def month_columns(plan: Plan) -> Columns:
    ids = [("scenario", "str"), ("point", "int"), ("replication", "int"), ("seed", "int")]
    return [*ids, *_keys(plan), ("month", "int"), *((k, month_kpi_kind(k)) for k in MONTH_KPIS)]


def summary_columns(plan: Plan) -> Columns:
    stats = [("n", "int"), *((c, "float") for c in STAT_COLUMNS[1:])]
    return [("scenario", "str"), ("point", "int"), *_keys(plan), ("policy", "str"),
            ("kpi", "str"), *stats]  # fmt: skip


COMPARISON_COLUMNS: Columns = [
    ("scenario", "str"), ("point", "int"), ("reference_scenario", "str"),
    ("reference_point", "int"), ("kpi", "str"), ("n", "int"), ("mean_difference", "float"),
    ("sd", "float"), ("ci95_low", "float"), ("ci95_high", "float"), ("share_this_wins", "float"),
    ("share_reference_wins", "float"), ("share_ties", "float"),
]  # fmt: skip
SENSITIVITY_COLUMNS: Columns = [
    ("scenario", "str"), ("method", "str"), ("rank", "int"), ("factor", "str"),
    ("measure", "str"), ("value", "float"), ("ci95_half_width", "float"),
    ("trustworthy", "bool"), ("warning", "str"),
]  # fmt: skip


def columns(plan: Plan) -> dict[str, dict[str, str]]:
    """Every CSV file's columns and their types, for the manifest (readers can give them)."""
    return {
        name: dict(cols)
        for name, cols in (
            ("runs.csv", run_columns(plan)),
            ("months.csv", month_columns(plan)),
            ("summary.csv", summary_columns(plan)),
            ("comparison.csv", COMPARISON_COLUMNS),
            ("sensitivity.csv", SENSITIVITY_COLUMNS),
        )
    }


def _run_id(plan: Plan, r: dict[str, Any]) -> list[Any]:
    """The columns that say which run a row is: scenario, point, replication, seed, factors."""
    g = plan.groups[r["group"]]
    return [g.label, g.point, r["replication"], r["seed"], *(g.values.get(k) for k in plan.keys)]


def runs_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    rows = (
        [*_run_id(plan, r), plan.groups[r["group"]].policy, *(r["totals"][k] for k in RUN_KPIS)]
        for r in records
    )
    return _csv(run_columns(plan), rows)


def months_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    rows = (
        [*_run_id(plan, r), i + 1, *(m[k] for k in MONTH_KPIS)]
        for r in records
        for i, m in enumerate(r["months"])
    )
    return _csv(month_columns(plan), rows)


def summary_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    summ = summaries(plan, records)
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
    return _csv(summary_columns(plan), rows)


def comparison_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
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
    return _csv(COMPARISON_COLUMNS, rows)


def sensitivity_csv(plan: Plan, records: list[dict[str, Any]]) -> str:
    """The ranking, one row per factor and measure, its 95% CI half-width beside it (SALib's)."""
    rows = []
    rank: dict[str, int] = {}
    for s in sensitivity(plan, records):
        rank[s.scenario] = rank.get(s.scenario, 0) + 1
        warning = "; ".join(s.warnings)
        for name, value in s.measures.items():
            rows.append(
                [
                    s.scenario,
                    plan.design.method,
                    rank[s.scenario],
                    s.factor,
                    name,
                    value,
                    s.conf.get(name),
                    not s.warnings,
                    warning or None,
                ]
            )
    return _csv(SENSITIVITY_COLUMNS, rows)


def write_outputs(
    plan: Plan,
    records: list[dict[str, Any]],
    folder: Path,
    extra: dict[str, Any],
    parquet: bool = False,
) -> None:
    """Write every table and the report (the manifest is written by the caller).

    ``parquet``: each CSV table also as ``PARQUET_FILES``, read back with the
    column types the manifest declares (pyarrow, the ``[parquet]`` extra).
    """
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
    if parquet:
        from gigsim.experiments.frames import parquet_bytes, read_csv

        kinds = columns(plan)
        for name in PARQUET_FILES:
            table = name.replace(".parquet", ".csv")
            frame = read_csv(files[table], kinds[table])
            write_atomic(folder / name, parquet_bytes(frame), name)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    write_atomic(folder / MANIFEST, [text], MANIFEST)

"""Batch files load the same way every time: typed columns, one null for "no rating", named months."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from gigsim.experiments.outputs import cell, declared_kind

from .helpers import batch, manifest

DESIGNS = {
    # a sweep of whole-looking values of a decimal field, over a scenario whose hours add up to
    # whole numbers: the case where a per-value format writes 129 and the reader sees integers
    "sweep": ["default", "--months", "2", "--reps", "3", "--sweep", "player.hours.weekday=1,2"],
    "lhs": [
        "default", "--months", "2", "--reps", "3", "--method", "lhs", "--samples", "3",
        "--range", "player.hours.weekday=0.5:3", "--range", "player.listings.0.price=3000:8000",
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def experiments(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from gigsim.cli import main

    root = tmp_path_factory.mktemp("formats")
    out = {}
    for name, args in DESIGNS.items():
        folder = root / name
        assert main(["batch", *args, "--jobs", "1", "--seed", "3", "--out", str(folder)]) == 0
        out[name] = folder
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def test_two_experiments_runs_csv_concatenate_in_polars(experiments: dict[str, Path]) -> None:
    frames = [pl.read_csv(experiments[name] / "runs.csv") for name in DESIGNS]
    for f in frames:
        for col in ("hours_available", "hours_worked", "utilisation", "player.hours.weekday"):
            assert f.schema[col] == pl.Float64, col
        assert f.schema["net_income"] == pl.Int64
    both = pl.concat(frames, how="diagonal")
    assert both.height == sum(f.height for f in frames)
    assert both.schema["hours_available"] == pl.Float64


def test_every_csv_column_is_written_by_its_declared_type(experiments: dict[str, Path]) -> None:
    for folder in experiments.values():
        declared = manifest(folder)["columns"]
        for name, kinds in declared.items():
            with (folder / name).open(newline="") as f:
                assert next(csv.reader(f)) == list(kinds), name
            rows = _rows(folder / name)
            assert rows or name == "comparison.csv", name  # lhs points are not compared
            for col, kind in kinds.items():
                for r in rows:
                    v = r[col]
                    if v == "" or kind in ("str",):
                        continue
                    if kind == "float":
                        assert "." in v or "e" in v or v == "nan", (name, col, v)
                        float(v)
                    elif kind == "int":
                        assert str(int(v)) == v, (name, col, v)
                    else:
                        assert v in ("true", "false"), (name, col, v)


def test_declared_kinds_match_the_values_the_runs_hold(experiments: dict[str, Path]) -> None:
    """Every journal value is of its column's declared type: the declarations cannot drift."""
    folder = experiments["lhs"]
    declared = manifest(folder)["columns"]
    python = {"float": float, "int": int, "str": str, "bool": bool}
    for line in (folder / "runs.jsonl").read_text().splitlines():
        rec = json.loads(line)
        for k, v in rec["totals"].items():
            kind = declared["runs.csv"][k]
            assert v is None or isinstance(v, python[kind]), (k, v)
            assert not (kind == "int" and isinstance(v, float)), (k, v)
        for m in rec["months"]:
            for k, v in m.items():
                kind = declared["months.csv"][k]
                # a decimal that happens to be whole may come as an int from the JSON
                ok = isinstance(v, (int, float)) if kind == "float" else isinstance(v, python[kind])
                assert v is None or (ok and not isinstance(v, bool)), (k, v)
                assert not (kind == "int" and isinstance(v, float)), (k, v)


def test_a_float_cell_always_has_a_point_and_an_int_never() -> None:
    assert cell(129, "float") == "129.0"
    assert cell(129.0, "float") == "129.0"
    assert cell(0.1234567, "float") == "0.123457"
    assert cell(-0.0, "float") == "0.0"
    assert cell(129, "int") == "129"
    assert cell(None, "float") == ""
    assert cell(True, "bool") == "true"


def test_declared_kind_follows_the_scenario_schema() -> None:
    assert declared_kind("player.hours.weekday") == "float"
    assert declared_kind("player.listings.0.price") == "int"
    assert declared_kind("market.month_factors.3") == "float"
    assert declared_kind("platform.payout.fee_waived_from") == "int"  # Money | None
    assert declared_kind("mechanisms.risks") == "bool"
    assert declared_kind("player.policy") == "str"


# --------------------------------------------------------------------------
# "No reviews yet" is one null everywhere
# --------------------------------------------------------------------------


def test_no_rating_is_null_in_months_and_runs(experiments: dict[str, Path]) -> None:
    months = [m for f in experiments.values() for m in _rows(f / "months.csv")]
    unrated = [m for m in months if m["reviews"] == "0"]
    rated = [m for m in months if m["reviews"] != "0"]
    assert unrated and rated, "the example needs months with and without reviews"
    assert all(m["rating"] == "" for m in unrated)
    assert all(1.0 <= float(m["rating"]) <= 5.0 for m in rated)
    for folder in experiments.values():
        runs = _rows(folder / "runs.csv")
        assert all((r["final_rating"] == "") == (r["final_reviews"] == "0") for r in runs)
        for line in (folder / "runs.jsonl").read_text().splitlines():
            for m in json.loads(line)["months"]:
                assert (m["rating"] is None) == (m["reviews"] == 0)
    # an average over months counts only the months with a rating
    frame = pl.concat(
        [pl.read_csv(f / "months.csv").select("rating") for f in experiments.values()]
    )
    mean = frame["rating"].mean()
    assert isinstance(mean, float)
    assert mean == pytest.approx(sum(float(m["rating"]) for m in rated) / len(rated))


def test_the_manifest_gives_types_for_columns_that_can_be_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A column empty in a whole file (no run got a review) still reads as its declared type."""
    out = tmp_path / "q"
    args = ["textbook-queue", "--months", "1", "--reps", "2", "--jobs", "1", "--out", str(out)]
    assert batch(capsys, *args)[0] == 0
    assert all(m["rating"] == "" for m in _rows(out / "months.csv"))  # nothing to infer from
    kinds = manifest(out)["columns"]
    types: dict[str, Any] = {"float": pl.Float64, "int": pl.Int64, "str": pl.String}
    for name in ("months.csv", "runs.csv"):
        schema = {c: types[k] for c, k in kinds[name].items() if k in types}
        frame = pl.read_csv(out / name, schema_overrides=schema)
        column = "rating" if name == "months.csv" else "final_rating"
        assert frame.schema[column] == pl.Float64
        assert frame[column].null_count() == frame.height


# --------------------------------------------------------------------------
# Morris: each distinct point once
# --------------------------------------------------------------------------


def test_morris_runs_each_distinct_point_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "m"
    code, stdout, err = batch(
        capsys, "textbook-queue", "--months", "1", "--reps", "1", "--jobs", "1",
        "--method", "morris", "--samples", "10", "--range", "player.listings.0.cap=1:4",
        "--range", "categories.0.buyers_per_day=2:6", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    points = manifest(out)["experiment"]["points"]
    rows = 10 * (2 + 1)  # trajectories × (factors + 1)
    assert len(points) < rows  # the 4-level grid and the rounded cap repeat points
    runs = _rows(out / "runs.csv")
    seen = [(r["player.listings.0.cap"], r["categories.0.buyers_per_day"]) for r in runs]
    assert len(seen) == len(set(seen)) == len(points)
    summary = [r for r in _rows(out / "summary.csv") if r["kpi"] == "net_income"]
    labels = [(r["player.listings.0.cap"], r["categories.0.buyers_per_day"]) for r in summary]
    assert len(labels) == len(set(labels))  # no point repeated in the summary
    assert f"{rows} sample rows, {len(points)} distinct points" in stdout
    html = (out / "report.html").read_text()
    assert f"{rows} sample rows, {len(points)} distinct points" in html
    sens = _rows(out / "sensitivity.csv")
    mu = [r for r in sens if r["measure"] == "mu_star"]
    assert len(mu) == 2 and all(r["ci95_half_width"] != "" for r in mu)

"""The report and the tables, for each kind of design."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .helpers import batch, manifest


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open()))


def test_report_has_fan_chart_comparison_and_tornado(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "oat"
    code, stdout, _ = batch(
        capsys, "default", "--months", "2", "--reps", "4", "--jobs", "1", "--method", "oat",
        "--sweep", "player.listings.0.price=3000,8000", "--sweep", "player.hours.weekday=0.5,2",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0
    html = (out / "report.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and len(html) > 5000
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no network
    assert "<script" not in html
    assert html.count("<svg") == 5 + 1 + 1  # 5 fans, the comparison, the tornado
    assert "Monthly net income" in html and "Paired difference" in html
    assert "Mean total net income by factor" in html
    runs = _rows(out / "runs.csv")
    assert len(runs) == 5 * 4 and list(runs[0])[:6] == [
        "scenario", "point", "replication", "seed", "player.listings.0.price", "player.hours.weekday",
    ]  # fmt: skip
    assert [(r["point"], r["replication"]) for r in runs] == [
        (str(p), str(r)) for p in range(5) for r in range(4)
    ]
    months = _rows(out / "months.csv")
    assert len(months) == 5 * 4 * 2
    summary = _rows(out / "summary.csv")
    net = [r for r in summary if r["kpi"] == "net_income"]
    assert len(net) == 5 and all(r["n"] == "4" for r in net)
    assert all(float(r["ci95_low"]) <= float(r["mean"]) <= float(r["ci95_high"]) for r in net)
    assert {r["factor"] for r in _rows(out / "sensitivity.csv")} == {
        "player.listings.0.price", "player.hours.weekday",
    }  # fmt: skip
    assert "ahead in" in stdout


@pytest.mark.parametrize(
    ("method", "samples", "points", "measure"),
    [("lhs", "6", 6, "spearman_rho"), ("morris", "2", 6, "mu_star"), ("sobol", "4", 16, "ST")],
)
def test_sampled_designs_rank_factors(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    method: str,
    samples: str,
    points: int,
    measure: str,
) -> None:
    out = tmp_path / method
    code, _, err = batch(
        capsys, "textbook-queue", "--months", "1", "--reps", "2", "--jobs", "1",
        "--method", method, "--samples", samples, "--range", "player.listings.0.cap=1:8",
        "--range", "categories.0.buyers_per_day=2:6", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    runs = _rows(out / "runs.csv")
    distinct = manifest(out)["experiment"]["points"]
    assert len(distinct) <= points  # the sample's rows, a point repeated among them run once
    assert len({json.dumps(p, sort_keys=True) for p in distinct}) == len(distinct)
    assert len(runs) == len(distinct) * 2
    assert all(r["player.listings.0.cap"].isdigit() for r in runs)  # whole-number field rounded
    sens = _rows(out / "sensitivity.csv")
    assert {r["factor"] for r in sens if r["measure"] == measure} == {
        "player.listings.0.cap", "categories.0.buyers_per_day",
    }  # fmt: skip
    html = (out / "report.html").read_text()
    assert "What matters most" in html and html.count("<svg") >= 2


def test_design_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "design.yaml"
    f.write_text(
        "design:\n  method: factorial\n  factors:\n"
        "    player.policy: [default, capacity]\n    player.listings.0.cap: [2, 4]\n"
    )
    out = tmp_path / "file"
    code, _, err = batch(
        capsys, "textbook-queue", "--months", "1", "--reps", "2", "--jobs", "1",
        "--design", str(f), "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    runs = _rows(out / "runs.csv")
    assert sorted({(r["player.policy"], r["player.listings.0.cap"], r["policy"]) for r in runs}) == [
        ("capacity", "2", "capacity"), ("capacity", "4", "capacity"),
        ("default", "2", "default"), ("default", "4", "default"),
    ]  # fmt: skip

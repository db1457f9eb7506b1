"""Common random numbers: replication r sees the same streams in every scenario and point."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gigsim.engine.api import RunResult
from gigsim.experiments.designs import from_flags
from gigsim.experiments.executors import LocalExecutor
from gigsim.experiments.plan import build_plan
from gigsim.experiments.runner import execute
from gigsim.experiments.runs import replication_seed, totals_of
from gigsim.headless import run_engine
from gigsim.scenarios import load_scenario

from .helpers import batch


def test_replication_seed_depends_on_base_and_replication_only() -> None:
    seeds = [replication_seed(7, r) for r in range(50)]
    assert len(set(seeds)) == 50
    assert seeds == [replication_seed(7, r) for r in range(50)]
    assert replication_seed(8, 0) != replication_seed(7, 0)
    assert all(0 <= s < 2**63 for s in seeds)


def test_two_identical_scenarios_differ_by_exactly_zero_in_every_replication(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "crn"
    code, stdout, _ = batch(
        capsys, "default", "default", "--months", "2", "--reps", "6", "--seed", "11",
        "--jobs", "1", "--out", str(out),
    )  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader((out / "runs.csv").open()))
    a = {r["replication"]: r for r in rows if r["scenario"] == "default"}
    b = {r["replication"]: r for r in rows if r["scenario"] == "default#2"}
    assert len(a) == len(b) == 6
    for rep, ra in a.items():
        rb = b[rep]
        assert ra["seed"] == rb["seed"]
        assert {k: v for k, v in ra.items() if k != "scenario"} == {
            k: v for k, v in rb.items() if k != "scenario"
        }
    assert any(
        float(r["net_income"]) != float(next(iter(a.values()))["net_income"]) for r in a.values()
    ), "replications should differ from each other"
    comp = [r for r in csv.DictReader((out / "comparison.csv").open()) if r["kpi"] == "net_income"]
    assert comp[0]["mean_difference"] == "0.0" and comp[0]["sd"] == "0.0"
    assert comp[0]["share_ties"] == "1.0"
    assert "tied in 100%" in stdout


def test_sweep_points_share_streams_so_differences_are_paired() -> None:
    """A change that cannot matter (the seller's display name) leaves every run identical."""
    design = from_flags("factorial", ["player.name=Ann,Bob"], [], None)
    plan = build_plan(["textbook-queue"], [], design, 2, 5, 4)
    out = execute(plan, LocalExecutor(1))
    by_point: dict[int, list[dict[str, object]]] = {0: [], 1: []}
    for rec in out.records:
        by_point[plan.groups[rec["group"]].point].append(rec["totals"])
    assert by_point[0] == by_point[1]
    assert [r["seed"] for r in out.records[:4]] == [r["seed"] for r in out.records[4:]]


@pytest.mark.parametrize("ref", ["default", "coconala"])
def test_a_replication_is_the_headless_run_of_its_seed(ref: str) -> None:
    """Replication r of a batch is ``gigsim run`` with replication r's seed, to the yen: the job
    carries the scenario in its own key order (a mapping's order is the order the model draws in;
    sorted keys made a batch differ from the run it stands for)."""
    design = from_flags("factorial", [], [], None)
    plan = build_plan([ref], [], design, 2, 3, 2)
    out = execute(plan, LocalExecutor(1))
    scenario = load_scenario(ref)
    for rec in out.records:
        engine = run_engine(scenario, 2, rec["seed"])
        alone = RunResult.of(engine, 2, ref, events=False).as_dict()
        assert rec["totals"] == totals_of(alone)

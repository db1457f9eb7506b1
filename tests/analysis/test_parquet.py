"""--format parquet: the run's events and the batch's tables as Parquet files (the [parquet] extra)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq  # in the test extras: missing, these tests fail
import pytest

import gigsim
from gigsim.cli import main
from gigsim.experiments.outputs import PARQUET_FILES

MISSING = "error: --format: Parquet files need pyarrow: pip install 'gigsim[parquet]'"


def test_run_writes_the_events_as_one_parquet_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table, lines = tmp_path / "events.parquet", tmp_path / "events.jsonl"
    run = ["run", "default", "--months", "2", "--seed", "7"]
    assert main([*run, "--events", str(table), "--format", "parquet"]) == 0
    assert main([*run, "--events", str(lines)]) == 0
    capsys.readouterr()
    events = [json.loads(x) for x in lines.read_text(encoding="utf-8").splitlines()]
    rows = pq.read_table(table).to_pylist()
    assert [r["seq"] for r in rows] == [e["seq"] for e in events]
    assert [r["kind"] for r in rows] == [e["kind"] for e in events]
    for row, event in zip(rows, events, strict=True):
        for key, value in event.items():
            assert row[key] == (
                value if not isinstance(value, list | dict) else json.dumps(value, sort_keys=True)
            ), key


def test_batch_writes_its_tables_as_parquet_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["batch", "textbook-queue", "--reps", "2", "--months", "1", "--seed", "3", "--jobs", "1"]
    assert (
        main(
            [*args, "--sweep", "player.hours.weekday=1,2", "--out", str(out), "--format", "parquet"]
        )
        == 0
    )
    capsys.readouterr()
    exp = gigsim.load_experiment(out)
    for name in ("runs", "months", "summary", "comparison"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), getattr(exp, name))
    sensitivity = pd.read_parquet(out / "sensitivity.parquet")
    assert len(sensitivity) == len(pd.read_csv(out / "sensitivity.csv"))
    assert {p.name for p in out.iterdir()} >= set(PARQUET_FILES)
    # the folder stays a gigsim batch folder: --resume accepts it, the Parquet files beside
    assert main([*args, "--sweep", "player.hours.weekday=1,2", "--out", str(out), "--resume"]) == 0


@pytest.mark.parametrize("command", ["run", "batch"])
def test_without_pyarrow_it_is_one_line_and_exit_2(
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the extra were not installed
    target = tmp_path / "target"
    where = ["--events", str(target)] if command == "run" else ["--out", str(target)]
    code = main([command, "textbook-queue", "--months", "1", *where, "--format", "parquet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == MISSING
    assert not target.exists()


def test_parquet_needs_a_place_to_go(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "textbook-queue", "--months", "1", "--format", "parquet"]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "error: --format: parquet tables are written to --out: add --out DIR"
    )
    assert main(["run", "textbook-queue", "--months", "1", "--format", "parquet"]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "error: --format: parquet is for the --events table: add --events FILE"
    )

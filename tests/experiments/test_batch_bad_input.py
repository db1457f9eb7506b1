"""Bad input to ``gigsim batch``: one clear line, exit code 2, nothing written or overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import batch

CASES = [
    (["--sweep", "player.listings.0.pricee=3000,5000"], "error: --sweep: player.listings.0.pricee: unknown key 'pricee'"),
    (["--sweep", "player.listings.0.price=3000,-1"], "error: --sweep: player.listings.0.price: must be >= 0"),
    (["--sweep", "player.listings.5.price=3000"], "error: --sweep: player.listings.5.price: index 5 out of range"),
    (["--sweep", "player.listings.0.price"], "error: --sweep: player.listings.0.price: expected key=v1,v2"),
    (["--reps", "0"], "error: --reps: must be between 1"),
    (["--reps", "many"], "error: --reps: must be a whole number >= 1 or auto"),
    (["--months", "0"], "error: --months: must be between 1 and 240"),
    (["--jobs", "0"], "error: --jobs: must be at least 1"),
    (["--policy", "nobody"], "error: --policy: unknown policy 'nobody'"),
    (["--method", "sobol", "--range", "player.hours.weekday=1:3", "--samples", "6"], "must be a power of two"),
    (["--method", "lhs", "--range", "player.hours.weekday=3:1"], "the range must go from low to high"),
    (["--method", "morris", "--sweep", "player.hours.weekday=1,2"], "morris samples ranges"),
    (["--method", "lhs", "--range", "player.hours.weekday=0:30"], "error: --range: player.hours.weekday:"),
    (["--set", "player.hours.weekday=-3"], "error: --set: player.hours.weekday"),
    (["--scheduler", "tcp://127.0.0.1:9"], "error: --scheduler: only with --executor dask"),
]  # fmt: skip


@pytest.mark.parametrize(("extra", "expected"), CASES)
def test_bad_option_is_one_line_exit_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], expected: str
) -> None:
    out = tmp_path / "out"
    code, stdout, err = batch(
        capsys, "textbook-queue", "--months", "1", "--reps", "2", "--out", str(out), *extra
    )
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert expected in err
    assert stdout == ""
    assert not out.exists()


def test_design_file_errors_name_the_file_and_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "d.yaml"
    f.write_text("design:\n  method: oat\n  factors:\n    player.hours.weekday: 2\n")
    code, _, err = batch(capsys, "textbook-queue", "--design", str(f))
    assert code == 2 and f"error: {f}: design.factors.player.hours.weekday: must be a list" in err
    f.write_text("design:\n  method: oat\n  factor: {}\n")
    code, _, err = batch(capsys, "textbook-queue", "--design", str(f))
    assert code == 2 and "design.factor: unknown key" in err
    code, _, err = batch(capsys, "textbook-queue", "--design", str(tmp_path / "missing.yaml"))
    assert code == 2 and "no such file" in err


def test_a_folder_with_another_experiment_is_refused_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "exp"
    args = ["textbook-queue", "--months", "1", "--reps", "3", "--jobs", "1", "--out", str(out)]
    assert batch(capsys, *args)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, err = batch(capsys, *args[:-2], "--seed", "99", "--out", str(out), "--resume")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "holds another experiment (differs in: seed)" in err
    code, _, err = batch(capsys, *args)
    assert code == 2 and "add --resume" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # --resume of a finished experiment rewrites the same files
    assert batch(capsys, *args, "--resume")[0] == 0
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {k: v for k, v in after.items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"
    }


def test_a_folder_with_other_files_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = batch(capsys, "textbook-queue", "--reps", "2", "--out", str(tmp_path))
    assert code == 2 and "holds no gigsim batch manifest" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]

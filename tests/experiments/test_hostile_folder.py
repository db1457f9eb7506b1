"""Hostile journals and manifests: a damaged run is run again, a foreign manifest is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import batch, outputs

ARGS = ["textbook-queue", "--months", "1", "--reps", "3", "--seed", "2", "--jobs", "1"]


def _finished(capsys: pytest.CaptureFixture[str], out: Path) -> dict[str, bytes]:
    code, _, err = batch(capsys, *ARGS, "--out", str(out))
    assert code == 0, err
    return outputs(out)


def _reopen(out: Path) -> None:
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["status"] = "running"
    (out / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan")])
def test_a_run_whose_figures_are_not_finite_is_run_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: float
) -> None:
    clean = _finished(capsys, tmp_path / "clean")
    out = tmp_path / "o"
    _finished(capsys, out)
    lines = (out / "runs.jsonl").read_text().splitlines()
    rec = json.loads(lines[1])
    rec["totals"]["net_income"] = bad  # json.dumps writes Infinity / NaN
    lines[1] = json.dumps(rec)
    (out / "runs.jsonl").write_text("\n".join(lines) + "\n")
    _reopen(out)
    code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
    assert code == 0, err
    assert "line 2" in err and "Infinity" not in (out / "runs.jsonl").read_text()
    assert outputs(out) == clean


def test_a_journal_line_nested_too_deeply_is_run_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    clean = _finished(capsys, tmp_path / "clean")
    out = tmp_path / "o"
    _finished(capsys, out)
    lines = (out / "runs.jsonl").read_text().splitlines()
    lines[0] = "[" * 200_000 + "]" * 200_000
    (out / "runs.jsonl").write_text("\n".join(lines) + "\n")
    _reopen(out)
    code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
    assert code == 0, err
    assert outputs(out) == clean


@pytest.mark.parametrize(
    "text",
    ['{"experiment": 5}', '{"experiment": [1, 2]}', "[1]", "[" * 100_000 + "]" * 100_000],
)
def test_a_manifest_that_is_not_ours_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "manifest.json").write_text(text)
    code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1
    assert "is not a gigsim batch manifest" in err
    assert (out / "manifest.json").read_text() == text  # left as it was


def test_runs_of_another_experiment_are_run_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = tmp_path / "other"
    code, _, err = batch(
        capsys, *ARGS, "--set", "player.listings.0.price=9000", "--out", str(other)
    )
    assert code == 0, err
    clean = _finished(capsys, tmp_path / "clean")
    out = tmp_path / "o"
    out.mkdir()
    lines = (other / "runs.jsonl").read_text().splitlines()
    (out / "runs.jsonl").write_text("\n".join(lines[:2]) + "\n")  # a journal, no manifest
    code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
    assert code == 0, err
    assert "a run of another experiment" in err
    assert outputs(out) == clean  # nothing of the other experiment got in


def test_an_unkeyed_older_record_is_trusted_only_under_its_manifest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    clean = _finished(capsys, tmp_path / "clean")
    for with_manifest in (True, False):
        out = tmp_path / f"o{with_manifest}"
        _finished(capsys, out)
        lines = []
        for line in (out / "runs.jsonl").read_text().splitlines():
            rec = json.loads(line)
            del rec["experiment"]  # as an older gigsim wrote them
            lines.append(json.dumps(rec))
        (out / "runs.jsonl").write_text("\n".join(lines) + "\n")
        if with_manifest:
            _reopen(out)
        else:  # what a batch killed before its first write of the manifest leaves
            for f in out.iterdir():
                if f.name != "runs.jsonl":
                    f.unlink()
        code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
        assert code == 0, err
        assert ("unknown experiment" in err) is not with_manifest
        assert outputs(out) == clean

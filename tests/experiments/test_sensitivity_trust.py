"""Sobol' indices come with SALib's confidence intervals and a warning when they cannot be trusted."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from gigsim.experiments.analysis import (
    SOBOL_MAX_HALF_WIDTH,
    SOBOL_MIN_BASE_POINTS,
    Sensitivity,
    _sobol_factor_warnings,
    _sobol_sample_warnings,
)

from .helpers import batch


def _sobol(s1: float, c1: float, st: float, ct: float) -> Sensitivity:
    return Sensitivity("s", "f", {"S1": s1, "ST": st}, st, {"S1": c1, "ST": ct})


def test_s1_above_st_beyond_their_intervals_is_flagged() -> None:
    # the figures of a 4-base-point run: S1 0.84 > ST 0.27, which true indices never are
    (w,) = _sobol_factor_warnings(_sobol(0.84, 0.05, 0.27, 0.05))
    assert "S1 0.84 ± 0.05 is above ST 0.27 ± 0.05" in w


def test_s1_above_st_within_their_intervals_is_not_flagged_as_impossible() -> None:
    assert _sobol_factor_warnings(_sobol(0.40, 0.05, 0.35, 0.05)) == []


def test_sound_indices_have_no_warning() -> None:
    assert _sobol_factor_warnings(_sobol(0.30, 0.04, 0.45, 0.06)) == []


def test_a_wide_interval_is_flagged() -> None:
    (w,) = _sobol_factor_warnings(_sobol(0.30, SOBOL_MAX_HALF_WIDTH + 0.01, 0.45, 0.05))
    assert "wider than ±0.1" in w


def test_an_index_outside_0_to_1_beyond_its_interval_is_flagged() -> None:
    (w,) = _sobol_factor_warnings(_sobol(-0.2, 0.05, 0.3, 0.05))
    assert "S1 -0.20 ± 0.05 lies outside 0–1" in w


def test_indices_that_could_not_be_estimated_are_flagged() -> None:
    (w,) = _sobol_factor_warnings(_sobol(math.nan, math.nan, math.nan, math.nan))
    assert "could not be estimated" in w


def test_few_base_points_are_flagged_and_enough_are_not() -> None:
    y = np.array([1.0, 2.0, 3.0])
    (w,) = _sobol_sample_warnings(4, y)
    assert "only 4 base points (fewer than 64)" in w
    assert _sobol_sample_warnings(SOBOL_MIN_BASE_POINTS, y) == []
    (flat,) = _sobol_sample_warnings(SOBOL_MIN_BASE_POINTS, np.array([5.0, 5.0]))
    assert "no variance" in flat


def test_a_4_base_point_sobol_run_warns_everywhere_and_shows_the_intervals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "s"
    code, stdout, err = batch(
        capsys, "textbook-queue", "--months", "1", "--reps", "2", "--jobs", "1",
        "--method", "sobol", "--samples", "4", "--range", "player.listings.0.cap=1:8",
        "--range", "categories.0.buyers_per_day=2:6", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    # the terminal summary: each index beside its interval, and the warning
    assert "warning: only 4 base points (fewer than 64)" in stdout
    for factor in ("player.listings.0.cap", "categories.0.buyers_per_day"):
        line = next(
            x for x in stdout.splitlines() if x.strip().split(" ", 1)[-1].startswith(factor)
        )
        assert "S1 " in line and "ST " in line and line.count(" ± ") == 2, line
    # sensitivity.csv: the half-width beside S1 and ST, and the verdict
    with (out / "sensitivity.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["measure"] for r in rows} == {"S1", "ST"}
    assert all(float(r["ci95_half_width"]) >= 0.0 for r in rows)
    assert all(r["trustworthy"] == "false" for r in rows)
    assert all("only 4 base points" in r["warning"] for r in rows)
    # report.html: the same warning and the intervals
    html = (out / "report.html").read_text()
    assert "these indices are not trustworthy" in html
    assert "only 4 base points (fewer than 64)" in html
    assert html.count(" ± ") >= 4

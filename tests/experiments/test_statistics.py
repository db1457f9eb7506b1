"""Confidence intervals that mean what they say, checked where the answer is known."""

from __future__ import annotations

import math
import random

import pytest

from gigsim.experiments.designs import Design
from gigsim.experiments.executors import LocalExecutor
from gigsim.experiments.plan import AutoReps, build_plan
from gigsim.experiments.runner import execute
from gigsim.experiments.stats import paired, precise_enough, summarize, t_quantile


def test_t_quantiles_match_tables() -> None:
    assert t_quantile(9) == pytest.approx(2.262, abs=1e-3)
    assert t_quantile(29) == pytest.approx(2.045, abs=1e-3)


def test_ci_covers_a_known_mean_95_percent_of_the_time() -> None:
    """2,000 experiments of 8 normal draws: coverage within 1.5 points of 95%."""
    rng = random.Random(20240601)
    hits = 0
    trials = 2000
    for _ in range(trials):
        s = summarize([rng.gauss(3.0, 2.0) for _ in range(8)])
        assert s.ci_low is not None and s.ci_high is not None
        hits += s.ci_low <= 3.0 <= s.ci_high
    assert abs(hits / trials - 0.95) < 0.015


def test_summary_percentiles_and_paired_shares() -> None:
    s = summarize([float(x) for x in range(1, 11)])
    assert (s.n, s.mean, s.p50) == (10, 5.5, 5.5)
    assert s.p10 == pytest.approx(1.9) and s.p90 == pytest.approx(9.1)
    p = paired([1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 1.0, 5.0])
    assert (p.b_wins, p.a_wins, p.ties) == (0.5, 0.25, 0.25)
    assert precise_enough([5.0, 5.0, 5.0], 0.05)
    assert not precise_enough([1.0, 9.0, 5.0], 0.05)


def test_textbook_queue_utilisation_ci_contains_the_m_m_1_k_answer() -> None:
    """The batch CI of utilisation on textbook-queue holds 1 - p0 of M/M/1/K (λ=4, μ=6, K=4)."""
    plan = build_plan(["textbook-queue"], [], Design(), 6, 2024, 20)
    out = execute(plan, LocalExecutor(1))
    s = summarize([r["totals"]["utilisation"] for r in out.records])
    rho, k = 4.0 / 6.0, 4
    p0 = (1 - rho) / (1 - rho ** (k + 1))
    assert s.ci_low is not None and s.ci_high is not None
    assert s.ci_low <= 1 - p0 <= s.ci_high
    # and blocking, as lost-to-full over buyers, per replication
    blocking = [r["totals"]["lost_buyers.full"] / r["totals"]["buyers"] for r in out.records]
    b = summarize(blocking)
    pk = (1 - rho) * rho**k / (1 - rho ** (k + 1))
    assert b.ci_low is not None and b.ci_high is not None
    assert b.ci_low <= pk <= b.ci_high
    assert not b.ci_low <= (1 - rho) * rho**3 / (1 - rho**4) <= b.ci_high  # K-1 is rejected


def test_auto_reps_stops_at_the_precision_or_the_cap_deterministically() -> None:
    plan = build_plan(["textbook-queue"], [], Design(), 1, 3, None, auto=AutoReps(0.05, 40, 10))
    a = execute(plan, LocalExecutor(1))
    assert a.precise is True and a.reps in (10, 20, 30)
    assert execute(plan, LocalExecutor(2)).records == a.records  # same decision, same runs
    tight = build_plan(["default"], [], Design(), 1, 3, None, auto=AutoReps(0.001, 20, 10))
    b = execute(tight, LocalExecutor(1))
    assert b.precise is False and b.reps == 20
    assert len(b.records) == 20
    assert math.isfinite(summarize([r["totals"]["net_income"] for r in b.records]).mean or 0.0)

"""Statistics over replications: summaries, confidence intervals, paired differences.

Confidence intervals are Student t intervals over independent replications
(95% unless asked otherwise). Paired differences subtract replication by
replication, which common random numbers make exact: two identical
scenarios differ by exactly zero. Percentiles use linear interpolation
(NumPy's default). Inputs are taken in the order given; callers sort them,
so that results never depend on the order runs finished in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

CONFIDENCE = 0.95


@lru_cache(maxsize=512)
def t_quantile(df: int, confidence: float = CONFIDENCE) -> float:
    """Two-sided Student t quantile: t_{(1+confidence)/2, df}."""
    from scipy.stats import t

    return float(t.ppf(0.5 + confidence / 2.0, df))


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    p10: float | None
    p50: float | None
    p90: float | None

    @property
    def half_width(self) -> float | None:
        if self.ci_high is None or self.mean is None:
            return None
        return self.ci_high - self.mean


def summarize(values: Sequence[float | None], confidence: float = CONFIDENCE) -> Summary:
    """n, mean, sd, CI and P10/P50/P90 of the values that are not None."""
    xs = np.array([v for v in values if v is not None], dtype=float)
    n = int(xs.size)
    if n == 0:
        return Summary(0, None, None, None, None, None, None, None)
    mean = float(xs.mean())
    p10, p50, p90 = (float(q) for q in np.percentile(xs, [10, 50, 90]))
    if n < 2:
        return Summary(n, mean, None, None, None, p10, p50, p90)
    sd = float(xs.std(ddof=1))
    hw = t_quantile(n - 1, confidence) * sd / math.sqrt(n)
    return Summary(n, mean, sd, mean - hw, mean + hw, p10, p50, p90)


@dataclass(frozen=True)
class Paired:
    """``b - a`` replication by replication, and how often each side came out ahead."""

    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    a_wins: float
    b_wins: float
    ties: float


def paired(a: Sequence[float], b: Sequence[float], confidence: float = CONFIDENCE) -> Paired:
    if len(a) != len(b):
        raise ValueError("paired samples must have the same length")
    d = [y - x for x, y in zip(a, b, strict=True)]
    s = summarize(d, confidence)
    n = len(d)
    if n == 0:
        return Paired(0, None, None, None, None, 0.0, 0.0, 0.0)
    a_w = sum(1 for x in d if x < 0) / n
    b_w = sum(1 for x in d if x > 0) / n
    return Paired(n, s.mean, s.sd, s.ci_low, s.ci_high, a_w, b_w, 1.0 - a_w - b_w)


def precise_enough(values: Sequence[float], relative: float) -> bool:
    """True when the CI half-width is within ``relative`` of |mean| (a zero-width CI always is)."""
    s = summarize(values)
    if s.n < 2 or s.mean is None or s.sd is None:
        return False
    hw = s.half_width or 0.0
    return hw <= relative * abs(s.mean)


def rank_correlation(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rank correlation (0 when either side is constant)."""
    from scipy.stats import spearmanr

    if len(set(x)) < 2 or len(set(y)) < 2:
        return 0.0
    return float(spearmanr(x, y).statistic)


@dataclass(frozen=True)
class Rank:
    """Where a value falls among others: how many are below it, equal to it, and of how many."""

    below: int
    equal: int
    n: int

    @property
    def percentile(self) -> float:
        """The percentile rank, 0–100: the share of the others below the value, ties counting half.

        The mid-rank definition: a value equal to every other one is at 50, one above all
        of them at 100, one below all of them at 0.
        """
        return 100.0 * (self.below + 0.5 * self.equal) / self.n if self.n else 50.0


def rank_among(value: float, others: Sequence[float]) -> Rank:
    """``value``'s place among ``others`` (see ``Rank.percentile``)."""
    below = sum(1 for x in others if x < value)
    equal = sum(1 for x in others if x == value)
    return Rank(below, equal, len(others))

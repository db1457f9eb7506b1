"""The textbook check (docs/model.md, "What right means"): ``textbook-queue`` is an M/M/1/K queue.

With competitors, price and trust effects, messaging, revisions, disputes,
buyer delays and the rest switched off, Poisson buyers at rate λ, exponential
work of mean h hours and a seller available 24 hours a day (service rate
μ = 24/h a day), the player's listing with cap K is an M/M/1/K queue: buyers
who find it full leave. The theory is derived here from the scenario's own
numbers (nothing hard-coded) and compared with independent replications:

- blocking probability P_K = buyers lost as "full" / buyers arriving;
- mean time in system W = mean time from ``order_placed`` to ``order_delivered``;
- utilisation 1 − p_0 = the share of the clock spent working.

Each estimate's 99% confidence interval (Student t over the replication
means) must contain the theory, and must exclude a deliberately wrong theory
(K − 1, K + 1), so the check can fail.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import pytest

from gigsim.engine.api import Engine
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario

SEEDS = range(101, 109)  # 8 independent replications
MONTHS = 36
WARMUP_MONTHS = 1  # the queue starts empty; drop the first month
CONFIDENCE = 0.99

# Two-sided 99% Student t quantiles t_{0.995, df} (checked against scipy below when it is installed).
T_995 = {
    4: 4.604,
    5: 4.032,
    6: 3.707,
    7: 3.499,
    8: 3.355,
    9: 3.250,
    10: 3.169,
    11: 3.106,
    12: 3.055,
    13: 3.012,
    14: 2.977,
    15: 2.947,
    19: 2.861,
    24: 2.797,
    29: 2.756,
}


# --------------------------------------------------------------------------
# Theory
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class MM1K:
    lam: float  # arrivals a day
    mu: float  # services a day
    k: int  # places in the system, including the one in service

    def p(self, n: int) -> float:
        rho = self.lam / self.mu
        if math.isclose(rho, 1.0):
            return 1.0 / (self.k + 1)
        return (1.0 - rho) * rho**n / (1.0 - rho ** (self.k + 1))

    @property
    def blocking(self) -> float:
        return self.p(self.k)

    @property
    def mean_in_system(self) -> float:
        return sum(n * self.p(n) for n in range(self.k + 1))

    @property
    def mean_time_in_system(self) -> float:
        """Little's law with the admitted arrival rate λ(1 − P_K)."""
        return self.mean_in_system / (self.lam * (1.0 - self.blocking))

    @property
    def utilisation(self) -> float:
        return 1.0 - self.p(0)


def theory_from(sc: Scenario) -> MM1K:
    """λ, μ and K read from the scenario, after checking it really is an M/M/1/K queue."""
    m = sc.mechanisms
    for off in (
        "competitors",
        "price_effect",
        "trust_effect",
        "seasonality",
        "messaging",
        "inquiries",
        "public_requests",
        "revisions",
        "disputes",
        "repeat_buyers",
        "risks",
        "buyer_delay",
        "fatigue",
    ):
        assert getattr(m, off) is False, f"mechanisms.{off} must be off for the textbook check"
    assert m.work_time == "exponential"
    assert sc.market.choice.outside_option is False
    assert sc.player.hours.always is True
    assert len(sc.player.listings) == 1
    lst = sc.player.listings[0]
    cat = sc.category(lst.category)
    assert cat.competitors == 0 and len(sc.categories) == 1
    assert not lst.options
    return MM1K(lam=cat.buyers_per_day, mu=24.0 / lst.hours_per_order, k=lst.cap)


def test_theory_matches_the_textbook_formulas() -> None:
    # a sanity check of the formulas themselves on a case worked by hand:
    # λ = 1, μ = 2, K = 1: P_1 = ρ/(1+ρ) = 1/3, W = 1/μ = 0.5
    q = MM1K(1.0, 2.0, 1)
    assert q.blocking == pytest.approx(1 / 3)
    assert q.mean_time_in_system == pytest.approx(0.5)
    assert sum(q.p(n) for n in range(q.k + 1)) == pytest.approx(1.0)
    # ρ = 1: all states equally likely
    assert MM1K(3.0, 3.0, 4).blocking == pytest.approx(0.2)
    # the scenario's own comment quotes 16/211 and 262/780 for λ=4, μ=6, K=4
    q = MM1K(4.0, 6.0, 4)
    assert q.blocking == pytest.approx(16 / 211)
    assert q.mean_time_in_system == pytest.approx(262 / 780)


# --------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Replication:
    blocking: float
    mean_time: float
    utilisation: float
    orders: int


def replicate(sc: Scenario, seed: int) -> Replication:
    engine = Engine(sc, seed)
    engine.run_months(MONTHS)
    assert engine.invariant_violations() == []
    months = engine.months[WARMUP_MONTHS:MONTHS]
    arrived = sum(m.buyers_in_categories for m in months)
    full = sum(m.lost_buyers["full"] for m in months)
    lost_other = sum(n for m in months for r, n in m.lost_buyers.items() if r != "full")
    assert lost_other == 0, (
        "with no competitors and no outside option a buyer is lost only to a full listing"
    )
    assert arrived > 0

    start = engine.month_start(WARMUP_MONTHS + 1)
    end = engine.month_start(MONTHS + 1)
    placed: dict[int, float] = {}
    delivered: dict[int, float] = {}
    for e in engine.events():
        if e.kind == "order_placed":
            placed[e.data["order"]] = e.t
        elif e.kind == "order_delivered":
            delivered[e.data["order"]] = e.t
    # orders placed within the measured window, early enough to be delivered by the end
    window = [o for o, t in placed.items() if start <= t < end - 5.0]
    missing = [o for o in window if o not in delivered]
    assert not missing, f"orders never delivered: {missing[:5]}"
    times = [delivered[o] - placed[o] for o in window]
    assert min(times) >= 0

    days = end - start
    worked = sum(m.hours["work"] for m in months)
    return Replication(
        blocking=full / arrived,
        mean_time=statistics.fmean(times),
        utilisation=worked / (24.0 * days),
        orders=len(window),
    )


def confidence_interval(xs: list[float]) -> tuple[float, float]:
    n = len(xs)
    mean = statistics.fmean(xs)
    half = T_995[n - 1] * statistics.stdev(xs) / math.sqrt(n)
    return mean - half, mean + half


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario("textbook-queue")


@pytest.fixture(scope="module")
def replications(scenario: Scenario) -> list[Replication]:
    return [replicate(scenario, seed) for seed in SEEDS]


def test_t_quantiles_agree_with_scipy() -> None:
    import scipy.stats as stats  # a dependency of gigsim: missing, the test fails

    for df, q in T_995.items():
        assert q == pytest.approx(stats.t.ppf(0.5 + CONFIDENCE / 2, df), abs=1e-3)


def test_replications_are_independent_and_large_enough(replications: list[Replication]) -> None:
    assert len({r.blocking for r in replications}) == len(replications)
    assert all(r.orders > 2000 for r in replications)


@pytest.mark.parametrize("measure", ["blocking", "mean_time", "utilisation"])
def test_theory_lies_in_the_99_percent_confidence_interval(
    scenario: Scenario, replications: list[Replication], measure: str
) -> None:
    q = theory_from(scenario)
    expected = {
        "blocking": q.blocking,
        "mean_time": q.mean_time_in_system,
        "utilisation": q.utilisation,
    }[measure]
    lo, hi = confidence_interval([getattr(r, measure) for r in replications])
    assert lo <= expected <= hi, (
        f"{measure}: theory {expected:.4f} outside the 99% CI [{lo:.4f}, {hi:.4f}]"
    )


@pytest.mark.parametrize("wrong_k", [-1, +1])
def test_a_wrong_theory_is_rejected(
    scenario: Scenario, replications: list[Replication], wrong_k: int
) -> None:
    right = theory_from(scenario)
    wrong = MM1K(right.lam, right.mu, right.k + wrong_k)
    for measure, expected in (
        ("blocking", wrong.blocking),
        ("mean_time", wrong.mean_time_in_system),
    ):
        lo, hi = confidence_interval([getattr(r, measure) for r in replications])
        assert not lo <= expected <= hi, (
            f"{measure}: K={wrong.k} not rejected by [{lo:.4f}, {hi:.4f}]"
        )

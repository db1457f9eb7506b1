"""Whether a buyer writes a review: the rule, its calibrated constants, and its effect in a run.

A buyer reviews what surprised them: the chance is ``base_prob`` for an order
just as good as expected and rises in a straight line to ``extreme_prob`` at
``extreme_distance`` from it, better or worse.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gigsim.engine.api import Engine
from gigsim.model import rules
from gigsim.model.scenario import Reviews
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; these tests read every seller's completed orders, which no public method reports.

R = Reviews(base_prob=0.46, extreme_prob=0.95, expected=6.0, extreme_distance=1.5)


@pytest.mark.parametrize(
    ("x", "p"),
    [
        (6.0, 0.46),  # just as expected
        (6.75, 0.705),  # half-way to a surprise, better
        (5.25, 0.705),  # ... or worse
        (7.5, 0.95),  # a surprise
        (4.5, 0.95),
        (3.0, 0.95),  # beyond: no more likely than a surprise
        (-9.0, 0.95),
        (15.0, 0.95),
    ],
)
def test_review_probability_rises_with_the_distance_from_the_expected_experience(
    x: float, p: float
) -> None:
    assert rules.review_probability(x, R) == pytest.approx(p)


def test_review_probability_does_not_look_at_the_stars() -> None:
    # 5.25 and 4.3 are both 5★ experiences, reviewed at different rates
    assert rules.stars_from_experience(5.25) == rules.stars_from_experience(4.3) == 5
    assert rules.review_probability(4.3, R) > rules.review_probability(5.25, R)


def test_a_small_extreme_distance_makes_any_surprise_extreme() -> None:
    r = R.model_copy(update={"extreme_distance": 0.01})
    assert rules.review_probability(6.0, r) == pytest.approx(0.46)
    assert rules.review_probability(6.02, r) == pytest.approx(0.95)
    assert rules.review_probability(5.98, r) == pytest.approx(0.95)


def test_an_inverted_rule_is_allowed_ordinary_orders_then_reviewed_more() -> None:
    r = R.model_copy(update={"base_prob": 0.9, "extreme_prob": 0.1})
    assert rules.review_probability(6.0, r) == pytest.approx(0.9)
    assert rules.review_probability(6.75, r) == pytest.approx(0.5)
    assert rules.review_probability(2.0, r) == pytest.approx(0.1)


@given(
    x=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    base=st.floats(min_value=0.0, max_value=1.0),
    extreme=st.floats(min_value=0.0, max_value=1.0),
    expected=st.floats(min_value=-15.0, max_value=15.0),
    distance=st.floats(min_value=0.01, max_value=30.0),
)
def test_review_probability_is_a_probability_between_its_two_chances(
    x: float, base: float, extreme: float, expected: float, distance: float
) -> None:
    r = Reviews(base_prob=base, extreme_prob=extreme, expected=expected, extreme_distance=distance)
    p = rules.review_probability(x, r)
    assert min(base, extreme) - 1e-12 <= p <= max(base, extreme) + 1e-12
    # symmetric about the expected experience
    assert rules.review_probability(2 * expected - x, r) == pytest.approx(p, abs=1e-9)


def test_the_calibrated_review_constants() -> None:
    """The default market's review model, calibrated with benchmarks/balance.py.

    About 70% of completed orders reviewed, a market mean of about 4.83 and a
    J-shaped histogram rest on these numbers: change one and re-run balance.py.
    """
    r = load_scenario("default").market.reviews
    assert (r.base_prob, r.extreme_prob, r.expected, r.extreme_distance) == (0.46, 0.95, 6.0, 1.5)
    assert (r.leniency, r.noise, r.lateness_per_day, r.revision_penalty) == (1.5, 0.8, 0.35, 0.15)
    assert Reviews() == r  # the type's defaults are the calibrated ones


def _reviews(*overrides: str) -> tuple[Counter[str], int]:
    """Stars written and orders completed in the player's category over four months."""
    sc = load_scenario("default", overrides)
    sc = sc.model_copy(update={"categories": (sc.categories[0],)})
    e = Engine(sc, 7, policy="passive")
    completed0 = {sid: s.completed for sid, s in e._world.sellers.items()}
    e.run_months(4)
    done = sum(s.completed - completed0.get(sid, 0) for sid, s in e._world.sellers.items())
    return Counter(e._world.reviews_histogram), done


def test_disappointed_buyers_review_more_often_than_satisfied_ones() -> None:
    # one seed, two rules: the same buyers and sellers, only who writes a review differs
    flat, done_flat = _reviews("market.reviews.base_prob=0.7", "market.reviews.extreme_prob=0.7")
    surprise, _ = _reviews("market.reviews.base_prob=0.3", "market.reviews.extreme_prob=1.0")
    assert sum(flat.values()) == pytest.approx(0.7 * done_flat, rel=0.1)

    def low_share(h: Counter[str]) -> float:
        return (h["1"] + h["2"] + h["3"] + h["4"]) / sum(h.values())

    # the far-from-expected orders are the poor ones: they fill more of the reviews
    assert low_share(surprise) > 1.5 * low_share(flat), (surprise, flat)

"""Buyers' arrivals: a non-homogeneous Poisson process with weekday, month and growth factors."""

from __future__ import annotations

import datetime as dt

from gigsim.engine.api import Engine
from gigsim.scenarios import load_scenario


def test_a_month_without_buyers_does_not_stop_the_next_ones() -> None:
    factors = "market.month_factors=[1,1,1,1,1,1,1,0,1,1,1,1]"  # August: nobody buys
    sc = load_scenario("default", ("start_date=2026-08-01", factors))
    e = Engine(sc, 1, policy="fixed")
    e.run_months(3)
    august, september, october = (m.buyers_in_categories for m in e.months)
    assert august == 0
    assert september > 100 and october > 100, (september, october)


def test_arrivals_follow_the_scenario_rate() -> None:
    """Over a year, the buyers in the player's category match buyers_per_day x the factors."""
    sc = load_scenario(
        "default", ("market.growth_per_year=0", "market.choice.public_request_share=0")
    )
    e = Engine(sc, 5, policy="fixed")
    e.run_months(12)
    got = sum(m.buyers_in_categories for m in e.months)
    m = sc.market
    cat = next(c for c in sc.categories if c.id == sc.player.listings[0].category)
    expected = 0.0
    day = sc.start_date
    for _ in range(365):
        expected += (
            cat.buyers_per_day * m.weekday_factors[day.weekday()] * m.month_factors[day.month - 1]
        )
        day += dt.timedelta(days=1)
    # Poisson: the standard deviation is about the square root of the mean
    assert abs(got - expected) < 4 * expected**0.5, (got, expected)

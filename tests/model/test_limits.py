"""A run's size is bounded as a whole, and the buyer's logit choice cannot overflow.

``gigsim.model.limits`` estimates the buyers, the listings they look at and
the computer sellers of a run from the scenario alone; a scenario over the
limits is refused naming the field that contributes most. The market's
choice shifts utilities by the largest once one is beyond what exp() takes.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from gigsim.engine.api import Engine
from gigsim.engine.market import SAFE_UTILITY, choice_weights
from gigsim.errors import BadInput
from gigsim.model import limits
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; these tests read the buyers' and markets' internal bounds and flags.

FLAT_WEEK = "market.weekday_factors=[1, 1, 1, 1, 1, 1, 1]"
FLAT_YEAR = "market.month_factors=[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"


def _scenario(*overrides: str) -> Scenario:
    return load_scenario("default", list(overrides))


# --------------------------------------------------------------------------
# Estimates
# --------------------------------------------------------------------------


def test_demand_days_are_the_calendar_days_without_factors() -> None:
    sc = _scenario("mechanisms.seasonality=false")
    assert limits.demand_days(sc, 1) == 31  # January 2026
    assert limits.demand_days(sc, 2) == 31 + 28
    assert limits.demand_days(sc, 12) == 365
    flat = _scenario(FLAT_WEEK, FLAT_YEAR, "market.growth_per_year=0")
    assert limits.demand_days(flat, 12) == pytest.approx(365)
    mid = _scenario("mechanisms.seasonality=false", "start_date=2026-01-15")
    assert limits.demand_days(mid, 1) == 17  # to the 1st of February


def test_demand_days_weigh_weekdays_months_and_growth() -> None:
    # January 2026 starts on a Thursday and has four Mondays
    mondays = _scenario("market.weekday_factors=[7, 0, 0, 0, 0, 0, 0]", FLAT_YEAR)
    mondays = mondays.model_copy(
        update={"market": mondays.market.model_copy(update={"growth_per_year": 0.0})}
    )
    assert dt.date(2026, 1, 1).weekday() == 3
    assert limits.demand_days(mondays, 1) == pytest.approx(4 * 7)
    busy_january = _scenario(FLAT_WEEK, "market.month_factors=[2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]")
    busy_january = busy_january.model_copy(
        update={"market": busy_january.market.model_copy(update={"growth_per_year": 0.0})}
    )
    assert limits.demand_days(busy_january, 2) == pytest.approx(2 * 31 + 28)
    doubling = _scenario("mechanisms.seasonality=true", FLAT_WEEK, FLAT_YEAR)
    doubling = doubling.model_copy(
        update={"market": doubling.market.model_copy(update={"growth_per_year": 1.0})}
    )
    # twelve months of steady doubling: the integral of 2^(t/365) over a year is 365 / ln 2
    assert limits.demand_days(doubling, 12) == pytest.approx(365 / math.log(2), rel=0.01)


def test_expected_buyers_match_the_buyers_a_run_brings() -> None:
    sc = _scenario("mechanisms.repeat_buyers=false")
    engine = Engine(sc, 11)
    buyers = engine._world.buyers
    arrived = [0]
    arrive = buyers.buyer_arrives

    def counting(market: object) -> None:
        arrived[0] += 1
        arrive(market)  # type: ignore[arg-type]

    buyers.buyer_arrives = counting  # type: ignore[method-assign]
    engine.run_months(12)
    expected = limits.expected_buyers(sc, 12)
    assert arrived[0] == pytest.approx(expected, rel=0.03)


def test_computer_sellers_are_counted_only_where_they_may_list() -> None:
    sc = _scenario()
    start, entering = limits.expected_sellers(sc, 10)
    open_ = [c for c in sc.categories if c.status.value == "allowed"]
    assert start == sum(c.competitors for c in open_)
    assert entering == pytest.approx(sc.competitors.entries_per_month * 10 * len(open_))
    assert limits.expected_sellers(_scenario("mechanisms.competitors=false"), 10) == (0, 0.0)


# --------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------


def test_every_shipped_scenario_fits_a_run_of_240_months() -> None:
    from gigsim.scenarios import shipped_scenarios

    for name, _ in shipped_scenarios():
        assert limits.run_size_problem(load_scenario(name), 240) is None, name


def test_too_many_buyers_over_the_run_names_the_busiest_category() -> None:
    sc = _scenario("categories.3.buyers_per_day=1000")
    assert limits.run_size_problem(sc, 12) is None
    field, problem = limits.run_size_problem(sc, 240) or ("", "")
    assert field == "categories.3.buyers_per_day"
    assert "over 240 months" in problem and "10,000,000" in problem
    with pytest.raises(BadInput) as err:
        limits.check_run(sc, 240, "mine.yaml")
    assert err.value.line().startswith("error: mine.yaml: categories.3.buyers_per_day: ")


def test_a_scenario_too_big_for_its_own_months_is_refused_when_loaded() -> None:
    with pytest.raises(BadInput) as err:
        _scenario("months=240", "categories.3.buyers_per_day=1000")
    assert err.value.source == "--set"
    assert err.value.field == "categories.3.buyers_per_day"


def test_looking_at_every_listing_of_a_huge_market_is_too_big() -> None:
    deep = [
        "categories.0.competitors=20000",
        "categories.0.buyers_per_day=500",
        "market.search.attention_decay=1",
        "market.search.max_depth=1000",
    ]
    assert limits.run_size_problem(_scenario(*deep), 12) is None
    assert limits.run_size_problem(_scenario(*deep[:2]), 120) is None  # a shallow search is fine
    with pytest.raises(BadInput) as err:
        _scenario(*deep, "months=120")
    assert err.value.field == "categories.0.buyers_per_day"
    assert "look at about" in err.value.problem
    no_ranking = _scenario(*deep[:2], "mechanisms.search_ranking=false", "months=1")
    assert limits.run_size_problem(no_ranking, 1) is None
    assert "look at" in (limits.run_size_problem(no_ranking, 12) or ("", ""))[1]


def test_too_many_computer_sellers_over_the_run() -> None:
    sc = _scenario("competitors.entries_per_month=100")
    assert limits.run_size_problem(sc, 12) is None
    field, problem = limits.run_size_problem(sc, 240) or ("", "")
    assert field == "competitors.entries_per_month"
    assert "computer sellers over 240 months" in problem
    with pytest.raises(BadInput) as err:
        _scenario(
            "categories.8.competitors=20000",
            *(f"categories.{i}.competitors=19000" for i in range(6)),
        )
    # the banned category's sellers are never set up: the field is an open category's
    assert err.value.field == "categories.0.competitors"
    assert "114,000 at the start" in err.value.problem


# --------------------------------------------------------------------------
# The logit choice
# --------------------------------------------------------------------------


def test_choice_weights_are_plain_exponentials_for_ordinary_utilities() -> None:
    weights, total = choice_weights([0.5, None, -1.25], 1.0)
    assert weights == [math.exp(0.5), 0.0, math.exp(-1.25)]
    assert total == math.exp(1.0) + math.exp(0.5) + math.exp(-1.25)
    assert choice_weights([], None) == ([], 0.0)
    assert choice_weights([None], None) == ([0.0], 0.0)


@pytest.mark.parametrize("top", [SAFE_UTILITY + 1, 1e5, -1e5, -1e9])
def test_choice_weights_shift_extreme_utilities_and_keep_the_odds(top: float) -> None:
    weights, total = choice_weights([top, top - 1.0, None, top - 2000.0], None)
    assert weights[0] == 1.0
    assert weights[1] / weights[0] == pytest.approx(math.exp(-1.0))
    assert weights[2] == 0.0
    assert math.isfinite(total) and total == pytest.approx(1.0 + math.exp(-1.0))
    with_outside, total = choice_weights([top - 1.0], top)
    assert with_outside[0] / total == pytest.approx(math.exp(-1.0) / (1.0 + math.exp(-1.0)))


def test_a_market_of_extreme_utilities_still_sells_by_the_logit() -> None:
    # a steep delivery coefficient in a category of quarter-hour deliveries: a slow
    # listing's utility is about +240,000, far beyond exp()
    sc = _scenario(
        "market.choice.delivery_coef=20",
        "categories.0.delivery_days=0.01",
        "player.listings.0.delivery_days=120",
        "player.listings.0.cap=20",
    )
    engine = Engine(sc, 5)
    engine.run_months(2)
    assert engine._world.markets["design"]._extreme
    assert sum(m.orders for m in engine.months) > 0  # the slowest listing is the favourite


def test_ordinary_markets_keep_the_cached_weights() -> None:
    engine = Engine(_scenario(), 5)
    engine.run_months(1)
    assert not any(m._extreme for m in engine._world.markets.values())

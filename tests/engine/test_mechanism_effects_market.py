"""Engine effects of demand, search and choice: each mechanism on and off, on the same seed.

Arrivals by weekday, month and growth; buyer types; inquiries and buyers who
give up; public requests and proposals; returning buyers; the search score's
terms; attention down the list; the logit with its outside option; full,
busy and paused listings. Paired runs share their random streams, so the
difference is the mechanism's.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from gigsim.engine.api import Decision, EditListing, Engine, SetListingStatus
from gigsim.model import market_rules as mr
from tests.engine.mechanism_kit import (
    ALONE,
    FAST_PLAYER,
    answer_every_decision,
    engine,
    events,
    hours,
    kinds,
    lost,
    month_sum,
    player_listing,
    record_arrivals,
    run,
)

# White-box: Engine._world is the engine's live inside, not its API; these tests read live listings, markets and sellers, set up and inspected to isolate one mechanism.

FLAT = (
    "market.weekday_factors=[1,1,1,1,1,1,1]",
    "market.month_factors=[1,1,1,1,1,1,1,1,1,1,1,1]",
    "market.growth_per_year=0",
)


def _arrivals(*sets: str, days: float) -> list[float]:
    e = engine(*ALONE, *sets)
    times = record_arrivals(e._world)
    e.advance_to(days)
    return times


# -- arrivals -------------------------------------------------------------------------------


@pytest.mark.parametrize("seasonal", [True, False])
def test_weekday_factors_shape_arrivals_when_seasonality_is_on(seasonal: bool) -> None:
    times = _arrivals(
        *FLAT,
        "market.weekday_factors=[3,1,1,1,1,1,1]",
        "categories.0.buyers_per_day=20",
        f"mechanisms.seasonality={str(seasonal).lower()}",
        days=70.0,
    )
    weekday0 = 3  # 2026-01-01 is a Thursday
    by_day = Counter(int(t + weekday0) % 7 for t in times)
    others = sum(by_day[d] for d in range(1, 7)) / 6
    assert 10 * 20 * 0.85 < others < 10 * 20 * 1.15  # ten of each weekday at 20 a day
    ratio = by_day[0] / others
    if seasonal:
        assert 2.6 < ratio < 3.4, ratio
    else:
        assert 0.8 < ratio < 1.2, ratio


def test_month_factors_shape_arrivals() -> None:
    times = _arrivals(
        *FLAT,
        "market.month_factors=[2,1,1,1,1,1,1,1,1,1,1,1]",
        "categories.0.buyers_per_day=20",
        days=59.0,
    )
    january = sum(1 for t in times if t < 31.0) / 31.0
    february = sum(1 for t in times if t >= 31.0) / 28.0
    assert 1.8 < january / february < 2.2
    assert 18 < february < 22


def test_growth_compounds_over_a_year_not_a_month() -> None:
    times = _arrivals(
        *FLAT, "market.growth_per_year=1.0", "categories.0.buyers_per_day=20", days=60
    )
    first = sum(1 for t in times if t < 30.0)
    second = len(times) - first
    assert second / first == pytest.approx(2.0 ** (30 / 365), abs=0.12)  # about 6% more


def test_the_market_grows_year_on_year() -> None:
    times = _arrivals(
        *FLAT, "market.growth_per_year=1.0", "categories.0.buyers_per_day=10", days=730
    )
    first = sum(1 for t in times if t < 365.0)
    second = len(times) - first
    assert first == pytest.approx(10 * 365 / math.log(2), rel=0.05)  # the integral of 2^(t/365)
    assert second / first == pytest.approx(2.0, rel=0.06)


# -- buyers -----------------------------------------------------------------------------------


def test_buyer_types_come_in_their_shares_and_monsters_take_more_messaging() -> None:
    e = run(*ALONE, *FAST_PLAYER, "categories.0.buyers_per_day=20", days=150)
    types = Counter(ev.data["buyer_type"] for ev in events(e, "order_placed"))
    n = sum(types.values())
    assert n > 600
    assert types["ordinary"] / n == pytest.approx(0.82, abs=0.05)
    assert types["monster"] / n == pytest.approx(0.03, abs=0.02)
    per_order = {}
    for kind in ("ordinary", "monster"):
        shares = [f"market.buyer_types.{t}.share={1.0 if t == kind else 0.0}" for t in
                  ("ordinary", "demanding", "monster")]  # fmt: skip
        one = run(*ALONE, *FAST_PLAYER, *shares, "mechanisms.revisions=false",
                  "mechanisms.disputes=false", days=30)  # fmt: skip
        done = events(one, "order_delivered")
        per_order[kind] = hours(one, "messaging") / len(done)
    sc = engine().scenario.market.buyer_types
    # every delivered order took its buyer type's messaging hours (a few were under way)
    assert per_order["ordinary"] == pytest.approx(sc["ordinary"].messaging_hours, rel=0.1)
    assert per_order["monster"] == pytest.approx(sc["monster"].messaging_hours, rel=0.1)


def test_inquiring_buyers_give_up_when_the_answer_comes_after_their_patience() -> None:
    # answers come after exp(mean 8 h), patience is exp(mean 24 h): 8 / (8 + 24) give up
    e = run(*ALONE, "mechanisms.inquiries=true", "market.choice.inquiry_share=1.0",
            "market.choice.quote_share=0.0", "player.listings.0.cap=20", "player.hours.always=true",
            "categories.0.buyers_per_day=10", days=90)  # fmt: skip
    asked = len(events(e, "inquiry_received"))
    gave_up = len(events(e, "inquiry_lost"))
    assert asked > 300
    assert gave_up / asked == pytest.approx(8 / (8 + 24), abs=0.07)
    assert lost(e, "slow_reply") == gave_up
    off = run(*ALONE, "player.listings.0.cap=20", "categories.0.buyers_per_day=10", days=90)
    assert kinds(off)["inquiry_received"] == 0


def test_a_quote_above_the_price_is_accepted_at_the_odds_of_the_dearer_price() -> None:
    e = engine(*ALONE, *FAST_PLAYER, "mechanisms.inquiries=true", "market.choice.inquiry_share=0",
               "market.choice.quote_share=1.0", "player.listings.0.options=[]",
               "categories.0.buyers_per_day=10", policy=None)  # fmt: skip

    def choose(d: Decision) -> str:
        return "quote_higher" if d.kind.value == "quote_request" else d.default

    answer_every_decision(e, 40.0, choose)
    quotes = len(events(e, "inquiry_received"))
    bought = [ev.data["amount"] for ev in events(e, "order_placed") if ev.data["via"] == "quote"]
    assert quotes > 100
    assert set(bought) == {6500}  # 30% above the listed ¥5,000
    odds = mr.quote_acceptance(1.3, e.scenario.market.choice, True)
    assert odds == pytest.approx(1.3**-2)
    assert len(bought) / quotes == pytest.approx(odds, abs=0.09)
    assert lost(e, "price") >= quotes - len(bought) - 5  # the rest went away over the price


def test_a_public_request_is_posted_instead_of_a_search() -> None:
    on = run(*ALONE, "mechanisms.public_requests=true", "market.choice.public_request_share=0.5",
             "categories.0.buyers_per_day=10", days=30)  # fmt: skip
    posted = len(events(on, "request_posted"))
    shopped = month_sum(on, "buyers_in_categories")
    assert posted / shopped == pytest.approx(0.5, abs=0.08)
    # budgets spread around the median, never under the category's floor
    wide = run(*ALONE, "mechanisms.public_requests=true", "market.choice.public_request_share=1.0",
               "market.choice.request_budget_sigma=3", days=20)  # fmt: skip
    budgets = [ev.data["budget"] for ev in events(wide, "request_posted")]
    assert len(budgets) > 50 and min(budgets) == 1000 and max(budgets) > 5000
    assert all(b % 100 == 0 for b in budgets)
    off = run(*ALONE, "categories.0.buyers_per_day=10", days=30)
    assert kinds(off)["request_posted"] == 0


def test_the_proposal_bonus_wins_more_public_requests() -> None:
    won = {}
    for bonus in (0.0, 3.0):
        # without reviews the player keeps proposing (the default policy stops at five)
        e = run(*ALONE, *FAST_PLAYER, "mechanisms.public_requests=true",
                "market.choice.public_request_share=0.5", "mechanisms.reviews=false",
                f"market.choice.proposal_bonus={bonus}", days=30)  # fmt: skip
        results = [ev.data["won"] for ev in events(e, "proposal_result")]
        assert len(results) > 30
        won[bonus] = sum(results) / len(results)
        # each proposal took the player its half hour of writing
        sent = len(events(e, "proposal_sent"))
        assert hours(e, "proposal") == pytest.approx(0.5 * sent, abs=1.0)
    assert won[3.0] > won[0.0] + 0.2, won
    # alone, the player's proposal competes only with buying nothing
    assert won[3.0] > 0.5


def test_satisfied_buyers_come_back() -> None:
    def repeats(*sets: str) -> int:
        e = run(*ALONE, *FAST_PLAYER, "market.choice.repeat_delay_days=3", *sets, days=40)
        return sum(1 for ev in events(e, "order_placed") if ev.data["via"] == "repeat")

    assert repeats("market.choice.repeat_prob=1.0") > 50
    assert repeats("market.choice.repeat_prob=0.0") == 0
    # without reviews, the experience says who was satisfied: disappointed buyers never return
    unreviewed = ("market.choice.repeat_prob=1.0", "mechanisms.reviews=false")
    assert repeats(*unreviewed) > 50
    assert repeats(*unreviewed, "market.satisfaction.satisfied_from=20") == 0


# -- search -------------------------------------------------------------------------------------


def _position(e: Engine) -> int:
    pos = e._world.markets["design"].position(player_listing(e))
    assert pos is not None
    return pos


def test_a_new_listing_is_boosted_for_its_first_days() -> None:
    boosted = engine("market.search.new_boost=3.0", "market.search.new_boost_days=10")
    plain = engine("market.search.new_boost=0.0")
    assert _position(boosted) < _position(plain)
    key_b, key_p = player_listing(boosted).key, player_listing(plain).key
    assert key_b is not None and key_p is not None
    assert key_p[0] - key_b[0] == pytest.approx(3.0)  # sort keys are minus the score
    boosted.advance_to(9.9)
    assert player_listing(boosted).boosted
    boosted.advance_to(10.1)  # the boost is over
    assert not player_listing(boosted).boosted
    market = boosted._world.markets["design"]
    key = player_listing(boosted).key
    assert key is not None and -key[0] == pytest.approx(market.score(player_listing(boosted)))


def test_busy_listings_rank_lower_and_paused_ones_are_not_shown() -> None:
    e = engine()
    open_at = _position(e)
    assert e.apply(SetListingStatus(player_listing(e).id, "busy")).ok
    assert _position(e) > open_at
    assert e.apply(SetListingStatus(player_listing(e).id, "paused")).ok
    assert e._world.markets["design"].position(player_listing(e)) is None
    e.advance_to(60)
    assert kinds(e)["order_placed"] == 0


def test_the_sellers_record_moves_the_listing_in_the_ranking() -> None:
    def position_with(**record: int) -> int:
        e = engine("market.search.new_boost=0.0")
        p = e._world.player
        for k, v in record.items():
            setattr(p, k, v)
        e._world.refresh_seller(p)
        return _position(e)

    plain = position_with()
    assert position_with(n_reviews=20, stars_sum=100) < position_with(n_reviews=20, stars_sum=70)
    assert position_with(rank=4) < plain
    assert position_with(completed=5, cancelled=5) > plain
    e = engine("market.search.new_boost=0.0", "categories.0.buyers_per_day=0")
    before = _position(e)
    market = e._world.markets["design"]
    for _ in range(5):
        market.count_sale(player_listing(e), 30.0)  # five recent sales
    assert _position(e) < before
    e.advance_to(30.5)  # they leave the window (when the ranking is next read)
    _position(e)
    assert player_listing(e).recent_sales == 0
    # the record is the listing's trust in the buyer's eyes too, at once
    e = engine()
    p = e._world.player
    p.n_reviews, p.stars_sum, p.rank = 12, 58, 2
    e._world.refresh_seller(p)
    ch = e.scenario.market.choice
    assert player_listing(e).comps[1] == pytest.approx(mr.trust_utility(12, 58, 2, 0.5, 1.0, ch))


def _trust_with(**record: int) -> float:
    """The trust part of the player's listing with this record, read at face value (no prior)."""
    e = engine("market.choice.rating_prior_weight=0")
    p = e._world.player
    for k, v in record.items():
        setattr(p, k, v)
    e._world.refresh_seller(p)
    return player_listing(e).comps[1]


def test_trust_is_reviews_and_a_rating_against_4_8_saturating_and_lowered_by_cancellations() -> (
    None
):
    ch = engine().scenario.market.choice
    # an average of exactly 4.8 adds nothing beyond the number of reviews
    assert _trust_with(n_reviews=20, stars_sum=96, completed=20) == pytest.approx(
        ch.reviews_coef * math.log(21)
    )
    assert _trust_with(n_reviews=20, stars_sum=100, completed=20) == pytest.approx(
        ch.reviews_coef * math.log(21) + ch.rating_coef * 0.2
    )
    # past the saturation (50 in default) more reviews add nothing
    assert ch.reviews_saturation == 50
    assert _trust_with(n_reviews=500, stars_sum=2400, completed=500) == pytest.approx(
        _trust_with(n_reviews=50, stars_sum=240, completed=50)
    )
    assert _trust_with(n_reviews=50, stars_sum=240, completed=50) > _trust_with(
        n_reviews=20, stars_sum=96, completed=20
    )
    # cancelled orders lower it
    assert _trust_with(n_reviews=20, stars_sum=96, completed=15, cancelled=5) == pytest.approx(
        _trust_with(n_reviews=20, stars_sum=96, completed=20) - ch.completion_coef * 0.25
    )


def test_buyers_look_down_the_list_with_falling_attention() -> None:
    e = engine("market.search.attention_decay=0.5", "market.search.max_depth=1000")
    market = e._world.markets["design"]
    rng = random.Random(3)
    depths = [market.depth(rng) for _ in range(20_000)]
    assert sum(depths) / len(depths) == pytest.approx(2.0, rel=0.03)
    assert sum(d >= 3 for d in depths) / len(depths) == pytest.approx(0.25, abs=0.02)
    # a buyer who looks only at the top listing never sees a player ranked below it
    deep = run("market.search.attention_decay=0.0001", "market.search.new_boost=0",
               "mechanisms.public_requests=false", "market.search.sort_shares.recommended=1",
               "market.search.sort_shares.price_low=0", "market.search.sort_shares.newest=0",
               days=20)  # fmt: skip
    assert _position(deep) > 0
    shopped = month_sum(deep, "buyers_in_categories")
    assert shopped > 50 and lost(deep, "not_seen") == shopped


# -- choice -------------------------------------------------------------------------------------


def test_the_listings_utility_is_its_price_trust_and_delivery() -> None:
    e = engine()
    lst = player_listing(e)
    sc = e.scenario
    ch, cat, p = sc.market.choice, sc.category("design"), e._world.player
    trust = mr.trust_utility(p.n_reviews, p.stars_sum, p.rank, p.disclosure, p.completion_rate, ch)
    assert lst.comps == pytest.approx(
        (mr.price_utility(lst.price, cat, ch), trust, mr.delivery_utility(5.0, cat, ch))
    )
    assert e.apply(EditListing(lst.id, price=10000, delivery_days=10.0)).ok
    assert lst.comps[0] == pytest.approx(ch.price_coef * math.log(2))
    assert lst.comps[2] == pytest.approx(ch.delivery_coef * 1.0)
    no_price = player_listing(engine("mechanisms.price_effect=false"))
    assert no_price.comps[0] == no_price.comps[2] == 0.0
    assert player_listing(engine("mechanisms.trust_effect=false")).comps[1] == 0.0


def test_the_listings_trust_follows_the_record_after_every_settlement() -> None:
    e = run(*ALONE, *FAST_PLAYER, days=30)
    p, ch = e._world.player, e.scenario.market.choice
    assert p.n_reviews > 10
    trust = mr.trust_utility(p.n_reviews, p.stars_sum, p.rank, p.disclosure, p.completion_rate, ch)
    assert player_listing(e).comps[1] == pytest.approx(trust)


def _visits(*sets: str, n: int = 20_000) -> float:
    """Share of buyers who choose the player's listing, alone in its category."""
    e = engine(*ALONE, *sets)
    market = e._world.markets["design"]
    rng = random.Random(5)
    lst = player_listing(e)
    return sum(market.visit(rng, 0.0, 1.0).chosen is lst for _ in range(n)) / n


def test_buyers_choose_by_the_logit_against_buying_nothing() -> None:
    e = engine(*ALONE)
    w = math.exp(sum(player_listing(e).comps))
    outside = math.exp(e.scenario.market.choice.outside_utility)
    assert _visits() == pytest.approx(w / (w + outside), abs=0.01)
    assert _visits("market.choice.outside_option=false") == 1.0


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        (("player.listings.0.price=2500",), ("player.listings.0.price=10000",)),
        (("player.listings.0.delivery_days=2",), ("player.listings.0.delivery_days=12",)),
        (
            ("player.disclosure=1.0", "market.choice.disclosure_coef=2"),
            ("player.disclosure=0.0", "market.choice.disclosure_coef=2"),
        ),
        (("market.choice.no_review_penalty=0",), ("market.choice.no_review_penalty=3",)),
    ],
    ids=["price", "delivery", "disclosure", "cold-start"],
)
def test_each_utility_term_moves_orders(better: tuple[str, ...], worse: tuple[str, ...]) -> None:
    def orders(*sets: str) -> int:
        # no reviews: the cold start keeps buyers few, far from what the player can take
        e = run(*ALONE, *FAST_PLAYER, "mechanisms.reviews=false", *sets, days=30)
        return kinds(e)["order_placed"]

    assert orders(*better) > 1.3 * orders(*worse)


def test_a_full_listing_stays_visible_but_cannot_be_bought() -> None:
    e = engine(*ALONE, "market.choice.outside_option=false")
    lst = player_listing(e)
    lst.in_progress = lst.cap
    market = e._world.markets["design"]
    market.rescore(lst)
    rng = random.Random(2)
    visits = [market.visit(rng, 0.0, 1.0) for _ in range(200)]
    assert all(v.chosen is None and market.seen(v, [lst]) is lst for v in visits)
    assert {market.loss_reason(v.chosen, market.seen(v, [lst])) for v in visits} == {"full"}
    lst.in_progress = 0


def test_a_cap_limits_orders_in_progress_and_loses_buyers_as_full() -> None:
    def capped(cap: int) -> tuple[Engine, int]:
        e = engine(*ALONE, f"player.listings.0.cap={cap}", "categories.0.buyers_per_day=10")
        most = 0
        place = e._world.orders.place

        def watching(*a: object, **k: object) -> object:
            nonlocal most
            o = place(*a, **k)  # type: ignore[arg-type]
            most = max(most, player_listing(e).in_progress)
            return o

        e._world.orders.place = watching  # type: ignore[method-assign]
        e.advance_to(30)
        assert e.invariant_violations() == []
        return e, most

    one, most_one = capped(1)
    assert most_one == 1
    assert lost(one, "full") > 20
    five, most_five = capped(5)
    assert most_five == 5
    assert kinds(five)["order_placed"] > kinds(one)["order_placed"]

"""Engine effects of the seller's risks, the platform's enforcement, listings and computer sellers.

Harassment by disclosure, storms after a furious buyer's 1★, off-platform
payments with warnings and suspension, moderation and caps of listings,
computer sellers' pricing strategies, entries and exits: each on and off (or
with its constant changed) on the same seed.
"""

from __future__ import annotations

import pytest

from gigsim.engine.api import CreateListing, Decision, EditListing, Engine
from gigsim.model import market_rules as mr
from tests.engine.mechanism_kit import (
    ALONE,
    FAST_PLAYER,
    answer_every_decision,
    engine,
    events,
    hours,
    kinds,
    player_listing,
    record_settled,
    run,
)

# White-box: Engine._world is the engine's live inside, not its API; these tests read live sellers, listings and risks, set up and inspected to isolate one mechanism.

RISKY = (*ALONE, "mechanisms.risks=true")
TYPES = ("ordinary", "demanding", "monster")


def only(buyer_type: str) -> tuple[str, ...]:
    return tuple(f"market.buyer_types.{t}.share={1.0 if t == buyer_type else 0.0}" for t in TYPES)


# -- harassment ------------------------------------------------------------------------------


def test_harassment_comes_with_disclosure_and_costs_hours() -> None:
    def incidents(disclosure: float) -> Engine:
        return run(*RISKY, "market.risks.harassment_per_month=20", "market.risks.harassment_hours=0.5",
                   "market.risks.off_platform_offer_prob=0", f"player.disclosure={disclosure}",
                   days=60)  # fmt: skip

    full, half, none = incidents(1.0), incidents(0.5), incidents(0.0)
    n_full, n_half = kinds(full)["harassment"], kinds(half)["harassment"]
    assert n_full == pytest.approx(40, rel=0.3)  # 20 a month at full disclosure
    assert n_half == pytest.approx(20, rel=0.4)
    assert kinds(none)["harassment"] == 0
    # each costs its hours (the last few may still be in the queue)
    assert 0.5 * (n_full - 5) <= hours(full, "harassment") <= 0.5 * n_full


# -- storms -------------------------------------------------------------------------------------


def test_a_storm_lowers_demand_for_its_weeks_then_demand_comes_back() -> None:
    def orders(storm: bool, kept: float = 0.5) -> tuple[int, int]:
        # without reviews the player's few buyers do not fill their hours: demand shows whole
        e = engine(*ALONE, *FAST_PLAYER, f"market.risks.storm_demand_factor={kept}",
                   "market.risks.storm_days=21", "mechanisms.reviews=false",
                   "categories.0.buyers_per_day=10")  # fmt: skip
        if storm:
            e._world.risks.start_storm(e._world.player)
        e.advance_to(21.0)
        during = kinds(e)["order_placed"]
        assert e._world.player.in_storm(20.9) is storm
        assert not e._world.player.in_storm(21.0)
        return during, len(events(e, "storm_started"))

    calm, _ = orders(False)
    stormy, started = orders(True)
    assert started == 1
    assert stormy < 0.75 * calm, (stormy, calm)
    assert orders(True, kept=0.0)[0] == 0  # a storm that keeps no demand sells nothing
    assert orders(True, kept=1.0)[0] == calm  # one that keeps it all changes nothing


def test_a_monster_buyers_one_star_review_can_start_a_storm_and_an_ordinary_ones_cannot() -> None:
    def storms(buyer_type: str) -> int:
        e = run(*RISKY, *FAST_PLAYER, *only(buyer_type), f"market.buyer_types.{buyer_type}.strictness=2",
                "market.reviews.leniency=-1", "market.risks.storm_prob=1.0",
                "market.risks.harassment_per_month=0", "market.risks.off_platform_offer_prob=0",
                days=40)  # fmt: skip
        assert any(ev.data["stars"] == 1 for ev in events(e, "review_posted"))
        return len(events(e, "storm_started"))

    assert storms("monster") > 0
    assert storms("ordinary") == 0


# -- off-platform payment, warnings, suspension -----------------------------------------------------


def test_an_accepted_off_platform_offer_is_detected_warned_and_suspends_the_seller() -> None:
    e = engine(*RISKY, *FAST_PLAYER, "market.risks.off_platform_offer_prob=1.0",
               "market.risks.harassment_per_month=0", "platform.rules.off_platform_detection=1.0",
               "platform.rules.warnings_before_suspension=1", "platform.rules.suspension_days=20",
               policy=None)  # fmt: skip
    second = e.apply(CreateListing(category="design", price=6000, title="Logos"))
    assert second.ok and second.listing is not None

    accepted: list[int] = []

    def choose(d: Decision) -> str:
        if d.kind.value != "off_platform_offer" or accepted:
            return d.default  # one offer taken; every other declined
        accepted.append(d.id)
        return "accept"

    answer_every_decision(e, 10.0, choose)
    warned = events(e, "account_warning")
    suspended = events(e, "account_suspended")
    assert len(warned) == 1 and len(suspended) == 1
    t = suspended[0].t
    assert len(events(e, "listing_taken_down")) == 1
    assert sum(m.off_platform_income for m in [*e._world.months, e._world.cur]) > 0
    market = e._world.markets["design"]
    shown = [lst for lst in e._world.player.listings if lst.status != "removed"]
    assert len(shown) == 1
    assert market.position(shown[0]) is None  # hidden while suspended
    placed_before = kinds(e)["order_placed"]
    answer_every_decision(e, t + 19.9, choose)
    assert kinds(e)["order_placed"] == placed_before  # nothing sells meanwhile
    answer_every_decision(e, t + 20.1, choose)
    assert market.position(shown[0]) is not None  # back after the suspension


def test_a_declined_offer_is_never_a_warning() -> None:
    e = run(*RISKY, *FAST_PLAYER, "market.risks.off_platform_offer_prob=1.0",
            "platform.rules.off_platform_detection=1.0", days=20)  # fmt: skip
    assert kinds(e)["decision_answered"] > 0 and kinds(e)["account_warning"] == 0


# -- listings -----------------------------------------------------------------------------------------


def test_the_platform_refuses_banned_unlicensed_and_underpriced_listings() -> None:
    e = engine(categories=("design", "home-cooked-food", "legal-advice"), policy=None)
    refused = [
        CreateListing(category="home-cooked-food", price=2000),
        CreateListing(category="legal-advice", price=10000),
        CreateListing(category="design", price=999),
    ]
    for action in refused:
        result = e.apply(action)
        assert not result.ok and result.listing is None
    reasons = [ev.data["reason"] for ev in events(e, "listing_refused")]
    assert "banned" in reasons[0] and "lawyer" in reasons[1] and "floor" in reasons[2]
    at_floor = e.apply(CreateListing(category="design", price=1000))
    assert at_floor.ok
    assert len(e._world.player.listings) == 2


def test_a_new_cap_below_the_orders_in_progress_is_refused() -> None:
    e = engine(*ALONE, "player.listings.0.cap=5", "categories.0.buyers_per_day=0")
    lst = player_listing(e)
    for _ in range(3):
        assert e._world.place_order(lst, "ordinary", via="search") is not None
    refused = e.apply(EditListing(lst.id, cap=2))
    assert not refused.ok and "below the 3 orders in progress" in refused.message
    assert lst.cap == 5
    assert e.apply(EditListing(lst.id, cap=3)).ok and lst.cap == 3


# -- computer sellers -----------------------------------------------------------------------------------


def test_computer_sellers_list_at_or_above_the_floor_however_wide_their_prices() -> None:
    e = run("categories.0.price_floor=4500", "competitors.price_sigma=1.0", days=1)
    prices = [lst.price for lst in e._world.all_listings if not lst.seller.is_player]
    assert len(prices) > 100 and min(prices) == 4500  # many drew less and took the floor


def test_computer_sellers_reprice_by_their_strategy() -> None:
    e = engine()
    record = record_settled(e._world)
    e.advance_to(120)
    sellers = [s for s in e._world.sellers.values() if not s.is_player and s.listings]
    raised = [
        s
        for s in sellers
        if s.strategy == "raise_with_reviews" and s.listings[0].price > s.base_price
    ]
    assert raised, "no raise_with_reviews seller raised its price"
    c = e.scenario.competitors
    for s in sellers:
        if s.strategy == "raise_with_reviews":
            assert s.listings[0].price < c.raise_limit * c.raise_factor * s.base_price + 100
    # an undercut seller prices off the leaders after each sale, never under its wage floor
    cat = e.scenario.category("design")
    wage_floor = mr.undercut_price(0, cat, c)
    moved = [s for s in sellers if s.strategy == "undercut" and s.listings[0].price != s.base_price]
    assert moved
    assert all(s.listings[0].price >= wage_floor for s in moved)
    # after a sale, 10% under the leaders' median price (to the nearest 100), or the wage floor
    undercutter = moved[0]
    order = next(o for o in record if o.seller is undercutter)
    e._world.competitors.reprice(undercutter, order)
    ref = e._world.markets["design"].reference_price(10)
    assert undercutter.listings[0].price == max(3000, round(ref * 0.9, -2))


def test_raise_with_reviews_stops_at_its_limit() -> None:
    steps = ",".join(str(n) for n in range(1, 101))
    e = run(f"competitors.raise_after=[{steps}]", "competitors.raise_factor=1.5", days=120)
    raisers = [s for s in e._world.sellers.values() if s.strategy == "raise_with_reviews"]
    busy = [s for s in raisers if s.completed >= 5]
    assert busy
    for s in raisers:
        assert s.listings[0].price <= 3 * s.base_price + 100  # under twice its start, one step more
    assert any(s.listings[0].price >= 2 * s.base_price for s in busy)


def test_new_computer_sellers_enter_each_month() -> None:
    def entered(per_month: float) -> int:
        e = run(f"competitors.entries_per_month={per_month}", days=95)
        return len(events(e, "competitor_entered"))

    assert entered(20.0) == pytest.approx(60, abs=25)  # three month ends, 20 each
    assert entered(0.0) == 0


def test_idle_computer_sellers_leave_only_after_their_idle_days() -> None:
    e = run("competitors.exit_prob=1.0", "competitors.exit_idle_days=60", days=150)
    left = events(e, "competitor_left")
    assert len(left) > 10
    for ev in left:
        s = e._world.sellers[ev.data["seller"]]
        assert s.left and ev.t >= s.last_sale + 60.0 - 1e-9
    assert events(run("competitors.exit_prob=0.0", days=150), "competitor_left") == []


def test_a_vanishing_exit_chance_keeps_every_idle_seller() -> None:
    e = run("competitors.exit_prob=5e-324", "competitors.exit_idle_days=1", days=65)
    assert events(e, "competitor_left") == []

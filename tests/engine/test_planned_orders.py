"""Computer sellers' orders worked out in advance (``Orders.plan``) give the market of the step-by-step cycle.

The planned cycle is a speed measure: one timer per order instead of one per
step. These tests hold it to the step-by-step cycle that the player's
orders still run: the same market within tolerances over several seeds, the
seller's work in the order it came on the seller's hours, and a badly late
order that the buyer can still cancel before it arrives.
"""

from __future__ import annotations

import statistics
from typing import Any

import pytest

from gigsim.engine.api import Decision, DecisionKind, Engine
from gigsim.engine.entities import Order
from gigsim.engine.policies import competitor_policy
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; these tests read each order's internal record, to hold planned and step-by-step orders to the same market.

SEEDS = range(6)
MONTHS = 4


def _computer_orders(
    planned: bool, seed: int, overrides: list[str] | None = None
) -> tuple[list[Order], Engine]:
    """Every computer seller's order settled within the run."""
    e = Engine(load_scenario("default", overrides or []), seed, planned_competitors=planned)
    w = e._world
    settled: list[Order] = []
    settle = w.money.settle

    def recording(o: Order, refund: int, outcome: str, forced_stars: int | None = None) -> None:
        was_open = o.open
        settle(o, refund, outcome, forced_stars)
        if was_open and not o.seller.is_player:
            settled.append(o)

    w.money.settle = recording  # type: ignore[method-assign]
    e.run_months(MONTHS)
    assert not e.invariant_violations()
    return settled, e


def _market(planned: bool) -> dict[str, float]:
    rows: list[dict[str, float]] = []
    for seed in SEEDS:
        orders, _ = _computer_orders(planned, seed)
        delivered = [o for o in orders if o.first_delivered_at is not None]
        reviewed = [o.stars for o in orders if o.stars]
        rows.append(
            {
                "orders": len(orders),
                "days_to_settle": statistics.mean(o.settled_at - o.placed for o in orders),  # type: ignore[operator]
                "days_to_deliver": statistics.mean(
                    o.first_delivered_at - o.placed  # type: ignore[operator]
                    for o in delivered
                ),
                "late_share": sum(o.first_delivered_at > o.due for o in delivered)  # type: ignore[operator]
                / len(delivered),
                "revisions": sum(o.revisions for o in orders) / len(orders),
                "cancelled_share": sum(o.refunded >= o.amount for o in orders) / len(orders),
                "stars": statistics.mean(reviewed),  # type: ignore[arg-type]
                "quality": statistics.mean(o.quality for o in delivered),
            }
        )
    return {k: statistics.mean(r[k] for r in rows) for k in rows[0]}


@pytest.fixture(scope="module")
def both() -> tuple[dict[str, float], dict[str, float]]:
    return _market(planned=False), _market(planned=True)


def test_planned_orders_give_the_same_market_as_step_by_step(
    both: tuple[dict[str, float], dict[str, float]],
) -> None:
    steps, planned = both
    # measured here (seeds 0-5, 4 months) and on seeds 0-7 and 100-107 over 6 months:
    # orders within 1%, days to settle within 0.5%, first delivery 2-5% later (a seller
    # waiting for one buyer's reply cannot start the next order meanwhile), late share
    # 1.5-2.5 points higher, stars within 0.02
    assert planned["orders"] == pytest.approx(steps["orders"], rel=0.04)
    assert planned["days_to_settle"] == pytest.approx(steps["days_to_settle"], rel=0.04)
    assert planned["days_to_deliver"] == pytest.approx(steps["days_to_deliver"], rel=0.10)
    assert planned["late_share"] == pytest.approx(steps["late_share"], abs=0.04)
    assert planned["revisions"] == pytest.approx(steps["revisions"], abs=0.02)
    assert planned["cancelled_share"] == pytest.approx(steps["cancelled_share"], abs=0.01)
    assert planned["stars"] == pytest.approx(steps["stars"], abs=0.05)
    assert planned["quality"] == pytest.approx(steps["quality"], abs=0.02)


def test_a_computer_sellers_work_is_done_in_order_on_its_hours() -> None:
    e = Engine(load_scenario("default"), 3)
    w = e._world
    s = next(x for x in w.sellers.values() if not x.is_player)
    s.free_at = 0.0
    first = w.work.plan_work(s, 0.0, 3.0, due=30.0)
    assert first == s.schedule.finish_time(0.0, 3.0)
    # ready earlier than the first is done: it waits for it
    second = w.work.plan_work(s, 0.0, 2.0, due=30.0)
    assert second == s.schedule.finish_time(first, 2.0)
    # ready after the seller is free: starts when ready
    third = w.work.plan_work(s, second + 5.0, 1.0, due=60.0)
    assert third == s.schedule.finish_time(second + 5.0, 1.0)
    assert s.free_at == third


def test_work_that_would_be_late_goes_on_overtime_and_tires_the_seller() -> None:
    e = Engine(load_scenario("default"), 3)
    w = e._world
    s = next(x for x in w.sellers.values() if not x.is_player and x.overtime is not None)
    s.free_at = 0.0
    s.overtime_log.clear()
    normal = s.schedule.finish_time(0.0, 20.0)
    done = w.work.plan_work(s, 0.0, 20.0, due=normal - 1.0)
    assert s.overtime is not None
    assert done == s.overtime.finish_time(0.0, 20.0) < normal
    assert len(s.overtime_log) == 1 and s.overtime_log[0][0] == done
    assert s.overtime_log[0][1] == pytest.approx(20.0 - s.schedule.hours_between(0.0, done))


def test_a_badly_late_planned_order_can_be_cancelled_by_its_buyer() -> None:
    e = Engine(load_scenario("default"), 5)
    w = e._world
    listings = [lst for lst in w.all_listings if not lst.seller.is_player and lst.cap >= 2][:12]
    orders: list[Any] = []
    for lst in listings:
        lst.seller.free_at = 40.0  # booked up for weeks: every new order will be badly late
        o = w.place_order(lst, "monster", via="search")
        assert o is not None
        orders.append(o)
    for o in orders:
        if o.stage.value == "cancelled":  # no first reply in time
            continue
        assert o.late_check and o.first_delivered_at is None  # delivery is its own timer
    e.advance_to(80.0)
    assert not e.invariant_violations()
    assert all(not o.open for o in orders)
    asked = [o for o in orders if o.cancel_requested]
    assert asked, "no buyer of a badly late order asked to cancel"
    for o in asked:  # settled before the delivery came: refunded, or mediated
        assert o.first_delivered_at is None
        assert o.outcome.startswith(("cancelled: late", "dispute: "))


def test_an_order_room_closed_before_the_planned_delivery_leaves_the_order_undelivered() -> None:
    orders, _ = _computer_orders(True, 1, ["platform.timings.order_room_days=3"])
    closed = [o for o in orders if o.outcome.startswith("order room")]
    assert closed, "no order room closed"
    for o in orders:
        assert o.first_delivered_at is None or o.first_delivered_at <= o.settled_at  # type: ignore[operator]
    early = [o for o in closed if o.first_delivered_at is None]
    assert early, "every closed room's order had been delivered"
    # as step by step: nothing delivered, so nothing of quality (a review, if any, is poor)
    assert all(o.quality == 0.0 and o.revisions == 0 for o in early)
    assert all(o.stars is None or o.stars <= 2 for o in early)


def test_a_cancelled_planned_order_gives_its_hours_back() -> None:
    e = Engine(load_scenario("default"), 5)
    w = e._world
    lst = next(x for x in w.all_listings if not x.seller.is_player and x.cap >= 2)
    s = lst.seller
    o = w.place_order(lst, "ordinary", via="search")
    assert o is not None and o.booked is not None
    start, done, _ = o.booked
    assert s.free_at == done > e.now
    w.money.cancel(o, "test")
    assert o.booked is None
    # the seller had nothing else booked: free by the time this work would have begun
    assert s.free_at <= start < done


def test_a_late_order_in_mediation_is_not_delivered_by_its_timer() -> None:
    """A seller who refuses a late buyer's cancellation goes to mediation; the delivery timer waits it out."""

    def refusing(d: Decision, w: Any) -> tuple[str, float]:
        if d.kind == DecisionKind.cancellation_request:
            return "refuse", 0.0
        if d.kind == DecisionKind.dispute:
            return "contest", 1.9
        return competitor_policy(d, w)

    e = Engine(load_scenario("default", ["mechanisms.buyer_delay=false"]), 5)
    w = e._world
    w.no_books.policy = refusing
    disputes: dict[int, int] = {}
    dispute = w.money.dispute

    def counting(o: Order, delivered: bool) -> Any:
        disputes[o.id] = disputes.get(o.id, 0) + 1
        return dispute(o, delivered)

    w.money.dispute = counting  # type: ignore[method-assign]
    late = []
    for lst in [x for x in w.all_listings if not x.seller.is_player and x.cap >= 2][:12]:
        lst.seller.free_at = 40.0
        o = w.place_order(lst, "monster", via="search")
        if o is not None and o.open:
            late.append(o)
    e.advance_to(80.0)
    assert not e.invariant_violations()
    mediated = [o for o in late if o.cancel_requested]
    assert mediated, "no buyer asked to cancel"
    for o in mediated:
        assert disputes.get(o.id) == 1
        assert o.outcome.startswith("dispute: ")
        assert o.first_delivered_at is None


def test_a_planned_delivery_is_tired_by_the_overtime_of_the_week_before_it() -> None:
    e = Engine(load_scenario("default", ["mechanisms.revisions=false"]), 8)
    w = e._world
    lst = next(x for x in w.all_listings if not x.seller.is_player and x.cap >= 2)
    s = lst.seller
    s.free_at = 0.0
    s.overtime_log.clear()
    s.overtime_log.extend([(0.0, 10.0)])  # 10 h of overtime on day 0, within the week
    o = w.place_order(lst, "ordinary", via="search")
    assert o is not None and o.first_delivered_at is not None
    t = o.first_delivered_at
    s.overtime_log.clear()
    e2 = Engine(load_scenario("default", ["mechanisms.revisions=false"]), 8)
    w2 = e2._world
    lst2 = next(x for x in w2.all_listings if x.id == lst.id)
    s2 = lst2.seller
    s2.free_at = 0.0
    s2.overtime_log.clear()
    # 10 h more than a week before the delivery (forgotten), 6 h the day before it
    s2.overtime_log.extend([(t - 8.0, 10.0), (t - 1.0, 6.0)])
    o2 = w2.place_order(lst2, "ordinary", via="search")
    assert o2 is not None and o2.first_delivered_at == t  # the same draws
    skill = s.skill(lst.category.id)
    factor = w.sc.market.max_overtime_factor
    assert o.quality == pytest.approx(max(0.0, min(1.0, skill - factor * 10.0)))
    assert o2.quality == pytest.approx(max(0.0, min(1.0, skill - factor * 6.0)))


def test_a_revision_round_takes_the_reworks_hours_and_pushes_later_work_back() -> None:
    overrides = [
        f"market.buyer_types.{b}.revision_prob=1.0" for b in ("ordinary", "demanding", "monster")
    ]
    e = Engine(load_scenario("default", [*overrides, "mechanisms.disputes=false"]), 9)
    w = e._world
    lst = next(x for x in w.all_listings if not x.seller.is_player and x.cap >= 2)
    s = lst.seller
    s.free_at = 0.0
    o = w.place_order(lst, "ordinary", via="search")
    assert o is not None and o.booked is not None
    rounds = w.sc.platform.timings.revisions_included
    assert o.revisions == rounds >= 1
    _, first_done, _ = o.booked
    assert o.first_delivered_at == first_done
    rework = max(0.25, 0.3 * o.hours)
    # each round: the seller's answer, then the rework on the seller's hours
    assert o.delivered_at is not None
    assert s.schedule.hours_between(first_done, o.delivered_at) >= rounds * rework - 1e-9
    # and the seller's later work starts only after every round's hours
    free = first_done
    for _ in range(rounds):
        free = s.schedule.finish_time(free, rework)
    assert s.free_at == free

"""Engine effects of the order cycle: replies, work, revisions, approval, cancellations, disputes,
reviews, ranks and skill, each switched or changed on the same seed.

Where a rule gives an exact time or chance (the first-reply deadline, the
automatic approval, the revision rounds, the dispute odds), the test checks
the engine against it over many orders.
"""

from __future__ import annotations

from collections import Counter

import pytest

from gigsim.engine.api import Decision, Engine, SetListingStatus
from gigsim.engine.entities import Activity
from gigsim.model import market_rules as mr
from gigsim.model.scenario import RankRule
from tests.engine.mechanism_kit import (
    ALONE,
    FAST_PLAYER,
    answer_every_decision,
    engine,
    events,
    hours,
    kinds,
    month_sum,
    record_settled,
    run,
    scenario,
)

# White-box: Engine._world is the engine's live inside, not its API; these tests read live orders and work items, set up and inspected to isolate one mechanism.

TYPES = ("ordinary", "demanding", "monster")
SIMPLE = (
    *ALONE,
    *FAST_PLAYER,
    "mechanisms.skill_growth=false",
    "mechanisms.fatigue=false",
    "mechanisms.work_time=fixed",
    "player.listings.0.options=[]",
)
"""The player alone, always available, with fixed hours of work and a skill that stays put."""
MUST_BUY = ("market.choice.outside_option=false", "categories.0.buyers_per_day=8")
"""Every buyer buys from the player (while there is room), whatever the player's record."""


def only(buyer_type: str) -> tuple[str, ...]:
    """Every buyer of one type."""
    return tuple(f"market.buyer_types.{t}.share={1.0 if t == buyer_type else 0.0}" for t in TYPES)


def every_type(field: str, value: object) -> tuple[str, ...]:
    return tuple(f"market.buyer_types.{t}.{field}={value}" for t in TYPES)


# -- first reply, messaging --------------------------------------------------------------------


def test_an_order_without_a_first_reply_within_the_deadline_is_cancelled() -> None:
    # replies after exp(mean 200 h): exp(-48 / 200) of the orders miss the 48 h deadline
    e = run(*SIMPLE, *MUST_BUY, "player.reply_hours=200", days=60)
    placed = {ev.data["order"]: ev.t for ev in events(e, "order_placed")}
    missed = [ev for ev in events(e, "order_cancelled") if "no first reply" in ev.data["outcome"]]
    assert len(placed) > 150
    settled = len(placed) - sum(o.open for o in e._world.player_orders.values())
    assert len(missed) / settled == pytest.approx(0.787, abs=0.08)
    for ev in missed:
        assert ev.t - placed[ev.data["order"]] == pytest.approx(2.0)  # exactly at the deadline
    off = run(*SIMPLE, "player.reply_hours=200", "mechanisms.messaging=false", days=30)
    assert not any("no first reply" in ev.data["outcome"] for ev in events(off, "order_cancelled"))
    assert hours(off, "messaging") == 0.0


# -- work: earliest due date, overtime, fatigue ----------------------------------------------------


def test_the_seller_works_on_the_order_due_first() -> None:
    e = engine(*ALONE, "categories.0.buyers_per_day=0")
    w, p = e._world, e._world.player
    done: list[str] = []
    for name, due in (("first", 5.0), ("late", 9.0), ("early", 2.0)):
        w.work.enqueue(
            p, w.work.new_item(due, 1.0, Activity.work, on_done=lambda r, n=name: done.append(n))
        )
    e.advance_to(30)
    assert done == ["first", "early", "late"]  # the one in hand, then by due date


def test_work_that_would_be_late_goes_on_overtime_and_tires_the_seller() -> None:
    e = engine(*ALONE, "categories.0.buyers_per_day=0", "market.max_overtime_factor=0.05")
    w, p = e._world, e._world.player
    assert p.overtime is not None
    finished: list[float] = []
    w.work.enqueue(
        p, w.work.new_item(2.0, 6.0, Activity.work, on_done=lambda r: finished.append(w.now))
    )
    normal, overtime = p.schedule.finish_time(0.0, 6.0), p.overtime.finish_time(0.0, 6.0)
    assert overtime < normal
    e.advance_to(overtime + 0.01)
    assert finished == [pytest.approx(overtime)]
    extra = sum(h for _, h in p.overtime_log)
    assert extra == pytest.approx(6.0 - p.schedule.hours_between(0.0, overtime))
    # that overtime tires the seller for the week after it, and no longer
    assert w.work.fatigue(p) == pytest.approx(0.05 * extra)
    e.advance_to(overtime + 6.9)
    assert w.work.fatigue(p) == pytest.approx(0.05 * extra)
    e.advance_to(overtime + 7.1)
    assert w.work.fatigue(p) == 0.0


def test_fatigue_lowers_the_quality_of_deliveries() -> None:
    def mean_quality(fatigue: bool) -> float:
        settled_by: list[float] = []
        e = engine(*ALONE, "player.listings.0.cap=10", "categories.0.buyers_per_day=8",
                   "market.max_overtime_factor=0.05", "mechanisms.skill_growth=false",
                   f"mechanisms.fatigue={str(fatigue).lower()}")  # fmt: skip
        settled = record_settled(e._world)
        e.advance_to(60)
        settled_by = [o.quality for o in settled if o.first_delivered_at is not None]
        assert len(settled_by) > 8
        return sum(settled_by) / len(settled_by)

    rested, tired = mean_quality(False), mean_quality(True)
    assert rested == pytest.approx(0.7)  # the player's skill in design
    assert tired < rested - 0.05


# -- revisions, approval -----------------------------------------------------------------------------


@pytest.mark.parametrize("included", [1, 2])
def test_buyers_ask_for_at_most_the_revisions_included(included: int) -> None:
    e = run(*SIMPLE, *every_type("revision_prob", 1.0), "mechanisms.disputes=false",
            f"platform.timings.revisions_included={included}", days=40)  # fmt: skip
    rounds = Counter(ev.data["order"] for ev in events(e, "revision_requested"))
    completed = [ev.data["order"] for ev in events(e, "order_completed")]
    assert len(completed) > 30
    assert {rounds[o] for o in completed} == {included}
    # each round is rework of 30% of the order's four hours
    assert hours(e, "revision") == pytest.approx(1.2 * month_sum(e, "revisions"), rel=0.05)


def test_without_the_mechanism_nobody_asks_for_a_revision() -> None:
    e = run(*SIMPLE, *every_type("revision_prob", 1.0), "mechanisms.revisions=false", days=20)
    assert kinds(e)["revision_requested"] == 0 and kinds(e)["order_completed"] > 10


def test_a_disappointed_buyer_asks_for_revisions_more_often() -> None:
    def rounds(factor: float) -> int:
        e = run(*SIMPLE, *every_type("revision_prob", 0.1), *every_type("strictness", 2.0),
                "market.reviews.leniency=0.8", "mechanisms.disputes=false",
                f"market.satisfaction.revision_factor={factor}", days=40)  # fmt: skip
        return kinds(e)["revision_requested"]

    assert rounds(5.0) > 3 * rounds(1.0)


def test_a_satisfied_buyer_asks_for_revisions_at_the_base_rate() -> None:
    # experience 1 + 4 × 0.7 + 0.8 - 0.6 = 4.0: satisfied (from 3.6), so the factor does not apply
    e = run(*SIMPLE, *every_type("revision_prob", 0.05), *every_type("strictness", 0.6),
            "market.reviews.leniency=0.8", "mechanisms.disputes=false",
            "market.satisfaction.revision_factor=10", days=60)  # fmt: skip
    delivered = len({ev.data["order"] for ev in events(e, "order_delivered")})
    assert delivered > 150
    assert kinds(e)["revision_requested"] / delivered == pytest.approx(0.05, abs=0.04)


def test_a_silent_buyer_is_approved_automatically_after_the_platforms_delay() -> None:
    def delays(*sets: str) -> list[float]:
        e = run(*SIMPLE, *every_type("silent_prob", 1.0), "mechanisms.revisions=false",
                "mechanisms.disputes=false", *sets, days=30)  # fmt: skip
        delivered = {ev.data["order"]: ev.t for ev in events(e, "order_delivered")}
        gaps = [ev.t - delivered[ev.data["order"]] for ev in events(e, "order_completed")]
        assert len(gaps) > 20
        return gaps

    assert delays() == pytest.approx([3.0] * len(delays()))  # 72 hours
    in_a_day = delays("platform.timings.auto_approve_hours=24")
    assert in_a_day == pytest.approx([1.0] * len(in_a_day))
    assert set(delays("mechanisms.buyer_delay=false")) == {0.0}


# -- late cancellations ----------------------------------------------------------------------------


def _late(*sets: str) -> Engine:
    """A player who takes far more work than their evenings can finish on time."""
    return run(*ALONE, "player.listings.0.hours_per_order=12", "player.listings.0.delivery_days=1",
               "player.listings.0.cap=6", "player.hours.overtime_per_week=0", *sets, days=60)  # fmt: skip


def test_a_badly_late_order_may_be_cancelled_after_the_platforms_grace_days() -> None:
    e = _late(*every_type("late_cancel_prob", 1.0))
    due = {ev.data["order"]: ev.data["due"] for ev in events(e, "order_placed")}
    asked = events(e, "order_late")
    assert len(asked) > 5
    for ev in asked:
        assert ev.t >= due[ev.data["order"]] + 3.0 - 1e-9
        assert ev.data["days_late"] >= 3.0 - 1e-9
    assert any("late: the buyer asked to cancel" in ev.data["outcome"]
               for ev in events(e, "order_cancelled"))  # fmt: skip
    patient = _late(*every_type("late_cancel_prob", 0.0))
    assert kinds(patient)["order_late"] == 0


# -- disputes -------------------------------------------------------------------------------------------


def _disputes(*sets: str, days: float = 120, per_day: float = 4) -> Engine:
    """Every delivered order disputed, by a buyer of a player who delivers on time."""
    return run(*SIMPLE, *MUST_BUY, *every_type("dispute_prob", 1.0), "mechanisms.revisions=false",
               "player.skills.design=0.9", "market.disputes.hours=0",
               f"categories.0.buyers_per_day={per_day}", *sets, days=days)  # fmt: skip


def _paid_share(e: Engine) -> float:
    outcomes = [ev.data["outcome"] for ev in events(e, "dispute_resolved")]
    contested = [o for o in outcomes if o.startswith("mediation")]
    assert len(contested) > 150
    return sum(o == "mediation: seller paid" for o in contested) / len(contested)


@pytest.mark.parametrize(("buyer_type", "chance"), [("ordinary", 0.80), ("monster", 0.95)])
def test_a_contesting_seller_wins_by_the_evidence_and_the_buyers_type(
    buyer_type: str, chance: float
) -> None:
    # delivered on time at quality 0.9: 0.55 + 0.15 + 0.5 × 0.2, and a monster's 0.15 more
    d = scenario().market.disputes
    bt = scenario(*only(buyer_type)).market.buyer_types[buyer_type]
    assert mr.contest_win_chance(d, True, True, 0.9, bt) == pytest.approx(chance)
    # a monster's messages take four hours an order: fewer of them keep the player on time
    per_day = 2 if buyer_type == "monster" else 4
    assert _paid_share(_disputes(*only(buyer_type), per_day=per_day, days=180)) == pytest.approx(
        chance, abs=0.05
    )


def test_a_lost_dispute_refunds_part_or_all_and_brings_a_one_star_review() -> None:
    e = _disputes(*only("ordinary"), "market.disputes.contest_win_base=0",
                  "market.disputes.on_time_bonus=0", "market.disputes.quality_weight=0",
                  "market.disputes.one_star_after_loss=1")  # fmt: skip
    outcomes = Counter(ev.data["outcome"] for ev in events(e, "dispute_resolved"))
    assert outcomes["mediation: seller paid"] == 0 and sum(outcomes.values()) > 150
    partial, full = outcomes["mediation: partial refund"], outcomes["mediation: full refund"]
    assert partial / (partial + full) == pytest.approx(0.5, abs=0.08)
    refunded = {ev.data["order"] for ev in events(e, "dispute_resolved") if ev.data["refund"] > 0}
    stars = {ev.data["order"]: ev.data["stars"] for ev in events(e, "review_posted")}
    assert refunded and all(stars.get(o) == 1 for o in refunded)


def test_an_undelivered_order_is_defended_poorly() -> None:
    # the buyer asks to cancel a badly late order; refused, it goes to the platform undelivered
    e = engine(*ALONE, "player.listings.0.hours_per_order=12", "player.listings.0.delivery_days=1",
               *every_type("late_cancel_prob", 1.0), "player.listings.0.cap=6",
               "player.hours.overtime_per_week=0", policy=None)  # fmt: skip

    def choose(d: Decision) -> str:
        return {"cancellation_request": "refuse", "dispute": "contest"}.get(d.kind.value, d.default)

    answer_every_decision(e, 90.0, choose)
    assert e.invariant_violations() == []
    opened = [ev for ev in events(e, "dispute_opened") if not ev.data["delivered"]]
    assert len(opened) > 5
    undelivered = {ev.data["order"] for ev in opened}
    outcomes = [ev.data["outcome"] for ev in events(e, "dispute_resolved")
                if ev.data["order"] in undelivered]  # fmt: skip
    assert outcomes and "mediation: seller paid" not in outcomes  # 0.05 - 0.25: no chance


def test_the_seller_has_the_platforms_hours_to_answer_a_dispute() -> None:
    def deadlines(*sets: str) -> set[float]:
        e = _disputes(*only("ordinary"), *sets, days=20)
        waits = [
            ev for ev in events(e, "decision_waiting") if ev.data["decision_kind"] == "dispute"
        ]
        assert waits
        return {round((ev.data["deadline"] - ev.t) * 24.0, 6) for ev in waits}

    assert deadlines() == {48.0}
    assert deadlines("market.disputes.reply_hours=12") == {12.0}


def test_a_disappointed_buyer_disputes_more_often() -> None:
    def opened(factor: float) -> int:
        e = run(*SIMPLE, *every_type("dispute_prob", 0.03), *every_type("strictness", 2.0),
                "market.reviews.leniency=0.8", "mechanisms.revisions=false",
                f"market.satisfaction.dispute_factor={factor}", days=60)  # fmt: skip
        return kinds(e)["dispute_opened"]

    assert opened(10.0) > 4 * opened(1.0)


def test_without_disputes_nobody_opens_one() -> None:
    e = run(*SIMPLE, *every_type("dispute_prob", 1.0), "mechanisms.disputes=false", days=20)
    assert kinds(e)["dispute_opened"] == 0 and kinds(e)["order_completed"] > 10


# -- reviews, ranks, skill --------------------------------------------------------------------------


def test_buyers_review_with_the_reviews_chance() -> None:
    e = run(*SIMPLE, "market.reviews.base_prob=0.5", "market.reviews.extreme_prob=0.5", days=60)
    completed, reviewed = kinds(e)["order_completed"], kinds(e)["review_posted"]
    assert completed > 150
    assert reviewed / completed == pytest.approx(0.5, abs=0.08)
    assert kinds(run(*SIMPLE, "mechanisms.reviews=false", days=20))["review_posted"] == 0


def test_ranks_look_back_over_their_rolling_window() -> None:
    sc = scenario(*SIMPLE)
    ranks = (
        RankRule(name="Regular", sales_in_window=1, sticky=True),  # never lost once reached
        RankRule(name="Active", sales_in_window=3),
        RankRule(name="Verified", sales_in_window=3, id_verified=True),  # not for this player
    )
    platform = sc.platform.model_copy(update={"ranks": ranks, "rank_window_months": 2})
    e = Engine(sc.model_copy(update={"platform": platform}), 1)
    e.advance_to(15.0)  # sells for a fortnight, then pauses for good
    assert e.apply(SetListingStatus(e._world.player.listings[0].id, "paused")).ok
    e.run_months(4)
    assert all(not o.open for o in e._world.player_orders.values())
    # January's sales count at the ends of January and February, then only the sticky rank stays
    assert [m.rank for m in e.months] == ["Active", "Active", "Regular", "Regular"]


def test_skill_grows_with_each_completed_order() -> None:
    e = run(*ALONE, *FAST_PLAYER, "mechanisms.skill_growth=true", days=30)
    n = e._world.player.completed
    assert n > 30
    assert e._world.player.skill("design") == pytest.approx(1.0 - 0.3 * 0.98**n)
    still = run(*ALONE, *FAST_PLAYER, "mechanisms.skill_growth=false", days=30)
    assert still._world.player.skill("design") == 0.7


def test_an_order_open_too_long_closes_at_the_month_end_and_the_seller_is_paid() -> None:
    e = engine(*ALONE, "player.listings.0.hours_per_order=40", "player.listings.0.cap=5",
               "platform.timings.order_room_days=10")  # fmt: skip
    settled = record_settled(e._world)
    for month in (1, 2):
        e.run_months(month)
        closing = e._world.month_t[month]
        room = [o for o in settled if o.outcome.startswith("order room closed")]
        assert room and all(o.settled_at in e._world.month_t[1:3] for o in room)
        assert all(o.settled_at - o.placed > 10.0 and o.refunded == 0 for o in room)
        # every order older than the limit at the close was closed, and none younger
        still_open = [o for o in e._world.open_orders.values() if o.seller.is_player]
        assert still_open and all(closing - o.placed <= 10.0 for o in still_open)


def test_the_hours_a_month_offers_follow_the_weekly_schedule() -> None:
    # a side gig works weekday evenings from 19:00: half an hour of work queued on Monday
    # morning (day 4: 2026-01-05) is done at 19:30
    quiet = engine(*ALONE, "categories.0.buyers_per_day=0")
    w = quiet._world
    quiet.advance_to(4.0)
    done: list[float] = []
    w.work.enqueue(
        w.player, w.work.new_item(9.0, 0.5, Activity.work, on_done=lambda r: done.append(w.now))
    )
    quiet.advance_to(6.0)
    assert done == [pytest.approx(4.0 + 19.5 / 24.0)]
    e = run(*ALONE, days=31.5)
    # January 2026: 22 weekday evenings of an hour, 9 weekend days of two and a half
    assert e._world.months[0].hours_available == pytest.approx(22 * 1.0 + 9 * 2.5)
    always = run(*ALONE, "player.hours.always=true", days=31.5)
    assert always._world.months[0].hours_available == pytest.approx(31 * 24.0)

"""The pure rules of gigsim.model: fees, payouts, moderation, reviews, ranks, schedules.

Every expected figure is computed by hand from the published figures (docs/model.md, "Public figures")
(platform fees as published around 2020–2025), not read back from the code.
Money is in minor units: yen for JPY, cents for USD.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gigsim.model import rules
from gigsim.model.rules import FeeSplit, RankWindow
from gigsim.model.scenario import (
    BuyerFee,
    Category,
    CategoryStatus,
    Commission,
    CommissionTier,
    Payout,
    PayoutSchedule,
    RankRule,
    Reviews,
)
from gigsim.model.schedule import WeeklySchedule
from gigsim.scenarios import load_scenario

# --------------------------------------------------------------------------
# Platform rules as docs/model.md gives them
# --------------------------------------------------------------------------

COCONALA = Commission(kind="flat", rate=0.22, tax_included_rate=0.10)
TIMETICKET = Commission(
    kind="tiered",
    tiers=(
        CommissionTier(up_to=50_000, rate=0.25),
        CommissionTier(up_to=100_000, rate=0.20),
        CommissionTier(up_to=None, rate=0.15),
    ),
    tax_on_fee=0.10,
)
FIVERR_BUYER_FEE = BuyerFee(rate=0.055, fixed=300, fixed_below=10_000)  # cents
COCONALA_PAYOUT = Payout(
    fee=160,
    fee_waived_from=3000,
    schedule=PayoutSchedule(kind="semi_monthly", cutoff_day=15, first_pay_day=20, second_pay_day=5),
)
# SkillCloud: 1st–15th -> end of the month; 16th–end -> 15th of the next month
SKILLCLOUD_PAYOUT = Payout(
    fee=160,
    fee_waived_from=None,
    minimum=3000,
    schedule=PayoutSchedule(kind="semi_monthly", cutoff_day=15, first_pay_day=0, second_pay_day=15),
)

COCONALA_RANKS = (
    RankRule(name="Regular", sales_ever=1, sticky=True),
    RankRule(name="Bronze", sales_ever=10),
    RankRule(name="Silver", sales_in_window=10, completion_rate=0.8),
    RankRule(
        name="Gold", amount_in_window=50_000, completion_rate=0.9, rating=4.8, id_verified=True
    ),
    RankRule(
        name="Platinum", amount_in_window=100_000, completion_rate=0.9, rating=4.8, id_verified=True
    ),
)
NONE, REGULAR, BRONZE, SILVER, GOLD, PLATINUM = range(6)


def d(y: int, m: int, day: int) -> dt.date:
    return dt.date(y, m, day)


# --------------------------------------------------------------------------
# Commission
# --------------------------------------------------------------------------


def test_coconala_22_percent_including_tax_on_5000_is_1100() -> None:
    # 22% of 5,000 = 1,100 including 10% tax: fee 1,000 + tax 100
    cut = rules.commission(5000, COCONALA)
    assert cut == FeeSplit(fee=1000, tax=100)
    assert cut.total == 1100
    assert 5000 - cut.total == 3900


def test_shipped_coconala_and_default_charge_the_same_as_market_facts() -> None:
    for name in ("coconala", "default"):
        c = load_scenario(name).platform.commission
        assert rules.commission(5000, c).total == 1100, name


def test_at_25_percent_a_5000_sale_leaves_3750() -> None:
    c = Commission(kind="flat", rate=0.25)
    cut = rules.commission(5000, c)
    assert cut == FeeSplit(fee=1250, tax=0)
    assert 5000 - cut.total == 3750


@pytest.mark.parametrize(
    ("amount", "fee", "tax"),
    [
        (5_000, 1_250, 125),  # 25% tier
        (50_000, 12_500, 1_250),  # upper edge of the 25% tier
        (50_001, 10_000, 1_000),  # 20% of 50,001 = 10,000.2 -> 10,000
        (100_000, 20_000, 2_000),  # upper edge of the 20% tier
        (100_001, 15_000, 1_500),  # 15% of 100,001 = 15,000.15 -> 15,000
        (200_000, 30_000, 3_000),
    ],
)
def test_timeticket_tiers_with_10_percent_tax_on_the_fee(amount: int, fee: int, tax: int) -> None:
    cut = rules.commission(amount, TIMETICKET)
    assert (cut.fee, cut.tax) == (fee, tax)
    assert cut.total == fee + tax


def test_shipped_timeticket_charges_its_tiers_as_bands() -> None:
    # TimeTicket charges each part of the price at its band's rate (tests/scenarios/test_fees.py has the
    # worked examples); TIMETICKET above is the same table read as whole-price tiers.
    c = load_scenario("timeticket").platform.commission
    bands = TIMETICKET.model_copy(update={"kind": "banded"})
    for amount in (1_000, 50_000, 50_001, 100_000, 100_001, 300_000):
        assert rules.commission(amount, c) == rules.commission(amount, bands), amount


def test_commission_on_nothing_is_nothing() -> None:
    for c in (COCONALA, TIMETICKET, Commission()):
        assert rules.commission(0, c) == FeeSplit(0, 0)


@given(amount=st.integers(min_value=1, max_value=10_000_000))
def test_commission_never_exceeds_the_amount_and_splits_exactly(amount: int) -> None:
    for c in (COCONALA, TIMETICKET, Commission(rate=0.5), Commission(rate=0.0)):
        cut = rules.commission(amount, c)
        assert cut.fee >= 0 and cut.tax >= 0
        assert cut.total <= amount


# --------------------------------------------------------------------------
# Buyer fee
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cents", "fee"),
    [
        (500, 28 + 300),  # $5: 5.5% = 27.5 -> 28, + $3
        (5_000, 275 + 300),  # $50
        (9_999, 550 + 300),  # $99.99: 549.945 -> 550, still under $100
        (10_000, 550),  # $100: no fixed part
        (20_000, 1_100),  # $200
    ],
)
def test_fiverr_buyer_fee_is_5_5_percent_plus_3_dollars_under_100(cents: int, fee: int) -> None:
    assert rules.buyer_fee(cents, FIVERR_BUYER_FEE) == fee


def test_shipped_fiverr_buyer_fee() -> None:
    f = load_scenario("fiverr").platform.buyer_fee
    assert rules.buyer_fee(5_000, f) == 575
    assert rules.buyer_fee(10_000, f) == 550


def test_coconala_buyer_fee_5_5_percent() -> None:
    assert rules.buyer_fee(5000, BuyerFee(rate=0.055)) == 275
    assert rules.buyer_fee(5000, BuyerFee()) == 0


# --------------------------------------------------------------------------
# Payouts
# --------------------------------------------------------------------------


def test_payout_fee_waived_at_and_above_the_threshold() -> None:
    assert rules.payout_fee(1_000, COCONALA_PAYOUT) == 160
    assert rules.payout_fee(2_999, COCONALA_PAYOUT) == 160
    assert rules.payout_fee(3_000, COCONALA_PAYOUT) == 0
    assert rules.payout_fee(50_000, COCONALA_PAYOUT) == 0


def test_payout_fee_always_applies_without_a_threshold() -> None:
    p = Payout(fee=300, fee_waived_from=None)
    for amount in (1_000, 3_000, 1_000_000):
        assert rules.payout_fee(amount, p) == 300


@pytest.mark.parametrize(
    ("requested", "paid"),
    [
        (d(2026, 3, 1), d(2026, 3, 20)),
        (d(2026, 3, 15), d(2026, 3, 20)),  # the cutoff day is still the first half
        (d(2026, 3, 16), d(2026, 4, 5)),
        (d(2026, 3, 31), d(2026, 4, 5)),
        (d(2026, 12, 15), d(2026, 12, 20)),
        (d(2026, 12, 16), d(2027, 1, 5)),  # December -> January of the next year
        (d(2026, 12, 31), d(2027, 1, 5)),
        (d(2028, 2, 29), d(2028, 3, 5)),
    ],
)
def test_coconala_semi_monthly_payout_dates(requested: dt.date, paid: dt.date) -> None:
    assert rules.payout_date(requested, COCONALA_PAYOUT) == paid


@pytest.mark.parametrize(
    ("requested", "paid"),
    [
        (d(2026, 2, 10), d(2026, 2, 28)),  # pay day 0 = last day of the month
        (d(2028, 2, 15), d(2028, 2, 29)),  # leap year
        (d(2026, 2, 16), d(2026, 3, 15)),
        (d(2026, 12, 20), d(2027, 1, 15)),
    ],
)
def test_skillcloud_end_of_month_payout_dates(requested: dt.date, paid: dt.date) -> None:
    assert rules.payout_date(requested, SKILLCLOUD_PAYOUT) == paid


def test_days_after_and_on_demand_payout_dates() -> None:
    two = Payout(schedule=PayoutSchedule(kind="days_after", delay_days=2.0))
    assert rules.payout_date(d(2026, 1, 30), two) == d(2026, 2, 1)
    assert rules.payout_date(d(2026, 12, 31), two) == d(2027, 1, 2)
    part = Payout(schedule=PayoutSchedule(kind="days_after", delay_days=1.5))
    assert rules.payout_date(d(2026, 5, 10), part) == d(2026, 5, 12)  # part days round up
    zero = Payout(schedule=PayoutSchedule(kind="days_after", delay_days=0.0))
    assert rules.payout_date(d(2026, 5, 10), zero) == d(2026, 5, 10)
    now = Payout(schedule=PayoutSchedule(kind="on_demand"))
    for day in (d(2026, 1, 1), d(2026, 6, 16), d(2026, 12, 31)):
        assert rules.payout_date(day, now) == day


@given(
    requested=st.dates(min_value=d(2020, 1, 1), max_value=d(2040, 12, 31)),
    cutoff=st.integers(1, 28),
    first=st.integers(0, 28),
    second=st.integers(0, 28),
)
def test_semi_monthly_payout_is_never_before_the_request_nor_long_after(
    requested: dt.date, cutoff: int, first: int, second: int
) -> None:
    p = Payout(
        schedule=PayoutSchedule(
            kind="semi_monthly", cutoff_day=cutoff, first_pay_day=first, second_pay_day=second
        )
    )
    paid = rules.payout_date(requested, p)
    assert requested <= paid
    assert (paid - requested).days <= 62


# --------------------------------------------------------------------------
# Moderation
# --------------------------------------------------------------------------

DESIGN = Category(id="design", name="Illustration & design", price_floor=1000, median_price=5000)
BENTO = Category(
    id="home-cooked-food",
    name="Home-cooked food",
    status=CategoryStatus.banned,
    ban_reason="food safety: a handmade doll is fine, a handmade bento is not",
    price_floor=1000,
    median_price=1500,
)
LEGAL = Category(
    id="legal-advice",
    name="Legal advice",
    status=CategoryStatus.licence,
    licence="lawyer",
    price_floor=3000,
    median_price=10000,
)


def test_moderation_accepts_a_valid_listing() -> None:
    assert rules.moderation_problem(DESIGN, 5000, 3, 20, ()) is None
    assert rules.moderation_problem(DESIGN, 1000, 1, 20, ()) is None  # the floor itself
    assert rules.moderation_problem(DESIGN, 1000, 20, 20, ()) is None  # the cap limit itself
    assert rules.moderation_problem(LEGAL, 10000, 3, 20, ("lawyer",)) is None


def test_moderation_refuses_a_banned_category_with_its_reason() -> None:
    problem = rules.moderation_problem(BENTO, 1500, 3, 20, ())
    assert problem is not None
    assert "banned" in problem
    assert "bento" in problem  # the category's own reason is given
    # a licence does not help
    assert rules.moderation_problem(BENTO, 1500, 3, 20, ("lawyer",)) is not None


def test_moderation_refuses_an_unlicensed_listing_naming_the_licence() -> None:
    problem = rules.moderation_problem(LEGAL, 10000, 3, 20, ())
    assert problem is not None
    assert "lawyer" in problem
    assert rules.moderation_problem(LEGAL, 10000, 3, 20, ("tax accountant",)) is not None


def test_moderation_refuses_a_price_below_the_floor() -> None:
    problem = rules.moderation_problem(DESIGN, 999, 3, 20, ())
    assert problem is not None
    assert "floor" in problem and "1000" in problem


@pytest.mark.parametrize("cap", [0, 21, -1])
def test_moderation_refuses_a_cap_outside_1_to_20(cap: int) -> None:
    problem = rules.moderation_problem(DESIGN, 5000, cap, 20, ())
    assert problem is not None
    assert "cap" in problem and str(cap) in problem


def test_moderation_on_the_default_scenarios_categories() -> None:
    sc = load_scenario("default")
    licences: tuple[str, ...] = ()
    assert rules.moderation_problem(sc.category("handmade"), 4000, 3, 20, licences) is None
    assert "banned" in (
        rules.moderation_problem(sc.category("home-cooked-food"), 1500, 3, 20, licences) or ""
    )
    assert "tax accountant" in (
        rules.moderation_problem(sc.category("tax-advice"), 8000, 3, 20, licences) or ""
    )


# --------------------------------------------------------------------------
# Reviews
# --------------------------------------------------------------------------


def test_stars_from_experience_is_monotone_and_within_1_to_5() -> None:
    xs = [i / 100.0 for i in range(-1000, 1500)]
    stars = [rules.stars_from_experience(x) for x in xs]
    assert all(1 <= s <= 5 for s in stars)
    assert all(a <= b for a, b in itertools.pairwise(stars))
    assert stars[0] == 1 and stars[-1] == 5
    assert set(stars) == {1, 2, 3, 4, 5}  # every star is reachable


@given(
    a=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    b=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
)
def test_stars_monotone_for_any_pair(a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    s_lo, s_hi = rules.stars_from_experience(lo), rules.stars_from_experience(hi)
    assert 1 <= s_lo <= s_hi <= 5


def test_experience_rises_with_quality_and_falls_with_lateness_and_revisions() -> None:
    r = Reviews()
    base = rules.experience_score(0.7, 0.0, 0, 0.0, 0.0, r)
    assert rules.experience_score(0.9, 0.0, 0, 0.0, 0.0, r) > base
    assert rules.experience_score(0.7, 2.0, 0, 0.0, 0.0, r) < base
    assert rules.experience_score(0.7, 0.0, 1, 0.0, 0.0, r) < base
    assert rules.experience_score(0.7, 0.0, 0, 1.0, 0.0, r) < base  # a strict buyer
    assert rules.experience_score(0.7, -3.0, 0, 0.0, 0.0, r) == base  # early is not a bonus
    # a typical good order on the lenient scale is a 5-star one
    assert rules.stars_from_experience(base) == 5


# --------------------------------------------------------------------------
# Ranks (Coconala-like)
# --------------------------------------------------------------------------


def window(
    sales_ever: int = 0,
    sales_in_window: int = 0,
    amount: int = 0,
    completion: float = 1.0,
    rating: float = 0.0,
    verified: bool = False,
) -> RankWindow:
    return RankWindow(sales_ever, sales_in_window, amount, completion, rating, verified)


PLATINUM_WINDOW = window(60, 25, 120_000, 0.95, 4.9, True)


def test_rank_rises_with_sales() -> None:
    assert rules.evaluate_rank(COCONALA_RANKS, window(), NONE) == NONE
    assert rules.evaluate_rank(COCONALA_RANKS, window(1, 1, 5000), NONE) == REGULAR
    assert rules.evaluate_rank(COCONALA_RANKS, window(10, 3, 15000), REGULAR) == BRONZE
    assert rules.evaluate_rank(COCONALA_RANKS, window(12, 10, 45000, 0.85, 4.5), BRONZE) == SILVER
    assert (
        rules.evaluate_rank(COCONALA_RANKS, window(20, 12, 60000, 0.95, 4.85, True), SILVER) == GOLD
    )
    assert rules.evaluate_rank(COCONALA_RANKS, PLATINUM_WINDOW, GOLD) == PLATINUM


def test_rank_can_rise_several_levels_in_one_evaluation() -> None:
    assert rules.evaluate_rank(COCONALA_RANKS, PLATINUM_WINDOW, NONE) == PLATINUM


def test_gold_needs_id_rating_and_completion() -> None:
    gold = window(20, 12, 60000, 0.95, 4.85, True)
    assert rules.evaluate_rank(COCONALA_RANKS, gold, SILVER) == GOLD
    no_id = window(20, 12, 60000, 0.95, 4.85, False)
    assert rules.evaluate_rank(COCONALA_RANKS, no_id, SILVER) == SILVER
    low_rating = window(20, 12, 60000, 0.95, 4.7, True)
    assert rules.evaluate_rank(COCONALA_RANKS, low_rating, SILVER) == SILVER
    low_completion = window(20, 12, 60000, 0.85, 4.9, True)
    assert rules.evaluate_rank(COCONALA_RANKS, low_completion, GOLD) == SILVER


def test_platinum_falls_to_bronze_in_one_evaluation_when_the_window_empties() -> None:
    # 60 sales ever, but none in the last three months
    empty = window(60, 0, 0, 1.0, 4.9, True)
    assert rules.evaluate_rank(COCONALA_RANKS, empty, PLATINUM) == BRONZE


def test_sticky_regular_is_never_lost() -> None:
    nothing = window(0, 0, 0, 0.0, 0.0, False)
    for current in (REGULAR, BRONZE, SILVER, GOLD, PLATINUM):
        assert rules.evaluate_rank(COCONALA_RANKS, nothing, current) == REGULAR
    # without ever reaching it, there is no floor
    assert rules.evaluate_rank(COCONALA_RANKS, nothing, NONE) == NONE


def test_no_ranks_means_level_zero() -> None:
    assert rules.evaluate_rank((), PLATINUM_WINDOW, 0) == 0


def test_next_rank_needs_says_what_is_missing() -> None:
    needs = rules.next_rank_needs(COCONALA_RANKS, window(3, 3, 15000), REGULAR)
    assert needs == [("sales_ever", {"n": 7})]
    assert rules.next_rank_needs(COCONALA_RANKS, window(0, 0, 0), 0) == [("sales_ever", {"n": 1})]
    gold = rules.next_rank_needs(
        COCONALA_RANKS, window(30, 12, 20000, 0.95, 4.9, True), SILVER, window_months=3
    )
    assert gold == [("amount_in_window", {"amount": 30000, "months": 3})]
    needs = rules.next_rank_needs(COCONALA_RANKS, window(20, 12, 60000, 0.95, 4.85, False), SILVER)
    assert needs == [("id_verified", {})]
    assert rules.next_rank_needs(COCONALA_RANKS, PLATINUM_WINDOW, PLATINUM) == []


def test_default_scenario_ranks_behave_like_coconala() -> None:
    ranks = load_scenario("default").platform.ranks
    assert [r.name for r in ranks] == [r.name for r in COCONALA_RANKS]
    assert rules.evaluate_rank(ranks, window(60, 0, 0, 1.0, 4.9, True), len(ranks)) == BRONZE
    assert rules.evaluate_rank(ranks, window(), BRONZE) == REGULAR


# --------------------------------------------------------------------------
# Weekly schedule
# --------------------------------------------------------------------------


def test_side_gig_weekly_hours() -> None:
    s = WeeklySchedule.side_gig(1, 2.5)
    assert s.weekly_hours == pytest.approx(10.0)  # 5 x 1 + 2 x 2.5
    assert s.hours_between(0.0, 7.0) == pytest.approx(10.0)
    assert WeeklySchedule.side_gig(0, 0).weekly_hours == 0


def test_side_gig_works_in_the_evening() -> None:
    s = WeeklySchedule.side_gig(1, 2.5, monday_offset=0)  # day 0 is a Monday
    assert s.hours_between(0.0, 19 / 24) == pytest.approx(0.0)
    assert s.hours_between(0.0, 20 / 24) == pytest.approx(1.0)
    assert s.hours_between(0.0, 1.0) == pytest.approx(1.0)
    # Saturday (day 5) from 10:00, 2.5 hours
    assert s.hours_between(5.0, 5.0 + 10 / 24) == pytest.approx(0.0)
    assert s.hours_between(5.0, 6.0) == pytest.approx(2.5)


def test_always_gives_24_hours_a_day() -> None:
    s = WeeklySchedule.always()
    assert s.weekly_hours == pytest.approx(168.0)
    assert s.hours_between(0.0, 1.0) == pytest.approx(24.0)
    assert s.finish_time(2.0, 6.0) == pytest.approx(2.25)


@given(t=st.floats(min_value=0.0, max_value=2000.0), offset=st.integers(0, 6))
def test_always_any_day_is_24_hours(t: float, offset: int) -> None:
    s = WeeklySchedule.always(offset)
    assert s.hours_between(t, t + 1.0) == pytest.approx(24.0, abs=1e-6)


DAY_HOURS = st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=24.0))


@settings(max_examples=300)
@given(
    t=st.floats(min_value=0.0, max_value=2000.0),
    hours=st.floats(min_value=1e-3, max_value=300.0),
    # hours a day as a person sets them; with a subnormal number of hours the
    # finish time overflows to inf and hours_between(t, inf) is nan
    weekday=DAY_HOURS,
    weekend=DAY_HOURS,
    offset=st.integers(0, 6),
)
def test_finish_time_inverts_hours_between(
    t: float, hours: float, weekday: float, weekend: float, offset: int
) -> None:
    s = WeeklySchedule.side_gig(weekday, weekend, offset)
    end = s.finish_time(t, hours)
    if s.weekly_hours == 0:
        assert end == float("inf")
        return
    assert end >= t
    assert s.hours_between(t, end) == pytest.approx(hours, rel=1e-7, abs=1e-7)
    # and no earlier: a moment before the finish, the work is not yet done
    if end - t > 1e-6:
        assert s.hours_between(t, end - 1e-6) < hours + 1e-9


@given(
    t0=st.floats(min_value=0.0, max_value=1000.0),
    dt_=st.floats(min_value=0.0, max_value=100.0),
    weekday=st.floats(min_value=0.0, max_value=24.0),
    weekend=st.floats(min_value=0.0, max_value=24.0),
    offset=st.integers(0, 6),
)
def test_hours_between_is_nonnegative_and_bounded(
    t0: float, dt_: float, weekday: float, weekend: float, offset: int
) -> None:
    s = WeeklySchedule.side_gig(weekday, weekend, offset)
    h = s.hours_between(t0, t0 + dt_)
    assert -1e-9 <= h <= 24.0 * dt_ + 1e-6
    # a whole week always holds exactly the weekly hours
    assert s.hours_between(t0, t0 + 7.0) == pytest.approx(s.weekly_hours, abs=1e-6)

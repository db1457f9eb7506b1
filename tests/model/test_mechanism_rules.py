"""The rules of buyers' and sellers' conduct (``gigsim.model.market_rules``), as plain functions.

One test per rule, on the shipped default's figures and on made-up ones,
exact where the rule is arithmetic. The engine effects of the same rules
are in ``tests/engine/test_mechanism_effects_*.py``.
"""

from __future__ import annotations

import math

import pytest

from gigsim.model import market_rules as mr
from gigsim.model import rules
from gigsim.model.scenario import BuyerType, Category, Choice, Competitors, Disputes, Market, Search
from gigsim.scenarios import load_scenario

DEFAULT = load_scenario("default")
M = DEFAULT.market
CH = M.choice
CAT = Category(id="design", name="Design", median_price=5000, price_floor=1000, delivery_days=5.0)
ORDINARY = M.buyer_types["ordinary"]
MONSTER = M.buyer_types["monster"]

# -- demand ---------------------------------------------------------------------------------


def test_arrivals_multiply_the_weekday_the_month_and_a_yearly_growth() -> None:
    m = Market(
        weekday_factors=(2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5),
        month_factors=(1.5, *([1.0] * 11)),
        growth_per_year=1.0,
    )
    assert mr.arrival_factor(m, 0, 0, 0.0) == 3.0  # Monday in January at the start
    assert mr.arrival_factor(m, 6, 1, 0.0) == 0.5  # Sunday in February
    assert mr.arrival_factor(m, 1, 1, 365.0) == pytest.approx(2.0)  # a year of doubling
    assert mr.arrival_factor(m, 1, 1, 30.0) == pytest.approx(2.0 ** (30 / 365))
    flat = Market(growth_per_year=0.0)
    assert mr.arrival_factor(flat, 2, 8, 1000.0) == flat.weekday_factors[2] * flat.month_factors[8]


# -- search -----------------------------------------------------------------------------------


def test_the_sellers_search_score_counts_completion_rank_rating_and_reviews() -> None:
    s = Search(w_completion=1.0, w_rank=0.3, w_rating=0.8, w_reviews=0.5, rating_reference=4.0)
    assert mr.seller_search_score(1.0, 0, 0, 0.0, s, 50) == 1.0  # no reviews: no rating term
    assert mr.seller_search_score(0.5, 2, 0, 0.0, s, 50) == pytest.approx(0.5 + 0.6)
    assert mr.seller_search_score(1.0, 0, 10, 4.5, s, 50) == pytest.approx(
        1.0 + 0.8 * 0.5 + 0.5 * math.log1p(10)
    )
    # a better rating ranks higher, a rating under the reference lower
    better = mr.seller_search_score(1.0, 0, 10, 4.9, s, 50)
    worse = mr.seller_search_score(1.0, 0, 10, 3.5, s, 50)
    assert worse < mr.seller_search_score(1.0, 0, 10, 4.0, s, 50) < better
    # reviews beyond the saturation add nothing more
    assert mr.seller_search_score(1.0, 0, 60, 4.0, s, 50) == mr.seller_search_score(
        1.0, 0, 500, 4.0, s, 50
    )


def test_a_listings_search_score_adds_recent_sales_and_the_boost_and_takes_the_busy_penalty() -> (
    None
):
    s = Search(w_recent_sales=1.0, new_boost=1.5, busy_penalty=1.0)
    assert mr.listing_search_score(2.0, 0, False, False, s) == 2.0
    assert mr.listing_search_score(2.0, 3, False, False, s) == pytest.approx(2.0 + math.log(4))
    assert mr.listing_search_score(2.0, 0, True, False, s) == 3.5
    assert mr.listing_search_score(2.0, 0, False, True, s) == 1.0
    assert mr.listing_search_score(2.0, 0, True, True, s) == 2.5


def test_buyers_look_down_the_list_with_geometric_attention() -> None:
    decay = 0.5
    log_decay = math.log(decay)
    assert mr.attention_depth(1.0, log_decay, 40, 100) == 1  # everyone sees the first
    assert mr.attention_depth(0.5, log_decay, 40, 100) == 2  # P(depth >= 2) = decay
    assert mr.attention_depth(0.25, log_decay, 40, 100) == 3  # P(depth >= 3) = decay**2
    assert mr.attention_depth(0.2, log_decay, 40, 100) == 3
    assert mr.attention_depth(1e-12, log_decay, 40, 100) == 40  # never beyond max_depth
    assert mr.attention_depth(1e-12, log_decay, 40, 7) == 7  # nor beyond what is shown
    assert mr.attention_depth(0.3, None, 40, 100) == 40  # decay 1: as deep as allowed
    # the mean depth of many buyers is that of a geometric distribution from 1
    n = 20_000
    mean = sum(mr.attention_depth(1.0 - (i + 0.5) / n, log_decay, 1000, 1000) for i in range(n)) / n
    assert mean == pytest.approx(1.0 / (1.0 - decay), rel=0.01)


# -- choice -------------------------------------------------------------------------------------


def test_buyers_read_a_few_reviews_against_their_prior() -> None:
    ch = Choice(rating_prior=4.5, rating_prior_weight=5.0)
    assert mr.read_rating(5, 1, ch) == pytest.approx((5 + 22.5) / 6)  # one 5★ barely moves it
    assert mr.read_rating(1, 1, ch) == pytest.approx((1 + 22.5) / 6)
    assert mr.read_rating(5000, 1000, ch) == pytest.approx(5.0, abs=0.003)  # a long record speaks
    assert mr.read_rating(0, 0, ch) == 4.5
    assert mr.read_rating(4, 1, Choice(rating_prior_weight=0.0)) == 4.0


def test_price_and_delivery_utilities_fall_as_they_rise() -> None:
    assert mr.price_utility(5000, CAT, CH) == 0.0  # the median
    assert mr.price_utility(10000, CAT, CH) == pytest.approx(CH.price_coef * math.log(2))
    assert mr.price_utility(2500, CAT, CH) > 0 > mr.price_utility(7500, CAT, CH)
    assert mr.delivery_utility(5.0, CAT, CH) == 0.0
    assert mr.delivery_utility(10.0, CAT, CH) == pytest.approx(CH.delivery_coef * 1.0)
    assert mr.delivery_utility(2.0, CAT, CH) > 0 > mr.delivery_utility(8.0, CAT, CH)


def test_trust_counts_reviews_rating_rank_disclosure_and_completion() -> None:
    ch = Choice(
        reviews_coef=0.6,
        reviews_saturation=50,
        no_review_penalty=1.2,
        rating_coef=1.5,
        rating_prior_weight=0.0,
        rating_reference=4.8,
        rank_coef=0.15,
        disclosure_coef=0.4,
        disclosure_reference=0.5,
        completion_coef=1.0,
    )
    assert mr.trust_utility(0, 0, 0, 0.5, 1.0, ch) == -1.2  # the cold start
    # a read rating of exactly the reference adds nothing; reviews add log(1 + n)
    assert mr.trust_utility(10, 48, 0, 0.5, 1.0, ch) == pytest.approx(0.6 * math.log1p(10))
    assert mr.trust_utility(10, 50, 0, 0.5, 1.0, ch) == pytest.approx(
        0.6 * math.log1p(10) + 1.5 * 0.2
    )
    assert mr.trust_utility(10, 40, 0, 0.5, 1.0, ch) < mr.trust_utility(10, 48, 0, 0.5, 1.0, ch)
    # more reviews, more trust, up to the saturation
    assert mr.trust_utility(20, 96, 0, 0.5, 1.0, ch) > mr.trust_utility(10, 48, 0, 0.5, 1.0, ch)
    assert mr.trust_utility(50, 240, 0, 0.5, 1.0, ch) == pytest.approx(
        mr.trust_utility(500, 2400, 0, 0.5, 1.0, ch)
    )
    base = mr.trust_utility(10, 48, 0, 0.5, 1.0, ch)
    assert mr.trust_utility(10, 48, 2, 0.5, 1.0, ch) == pytest.approx(base + 0.3)  # rank
    assert mr.trust_utility(10, 48, 0, 1.0, 1.0, ch) == pytest.approx(base + 0.2)  # disclosure
    assert mr.trust_utility(10, 48, 0, 0.0, 1.0, ch) == pytest.approx(base - 0.2)
    assert mr.trust_utility(10, 48, 0, 0.5, 0.8, ch) == pytest.approx(base - 0.2)  # cancellations


def test_the_default_buyer_reads_ratings_against_4_8_and_disclosure_against_a_half() -> None:
    assert CH.rating_reference == 4.8
    assert CH.disclosure_reference == 0.5
    assert M.search.rating_reference == 4.0


def test_the_outside_option_takes_its_share_of_the_logit() -> None:
    weights, total = mr.choice_weights([0.0, math.log(2.0), None], outside=math.log(3.0))
    assert weights == pytest.approx([1.0, 2.0, 0.0])
    assert total == pytest.approx(6.0)  # half the buyers buy nothing
    _, must_buy = mr.choice_weights([0.0, math.log(2.0)], outside=None)
    assert must_buy == pytest.approx(3.0)


def test_a_dearer_quote_is_accepted_at_the_odds_of_its_price() -> None:
    assert mr.quote_acceptance(1.3, Choice(price_coef=-2.0), True) == pytest.approx(1.3**-2)
    assert mr.quote_acceptance(1.3, Choice(price_coef=0.0), True) == 1.0
    assert mr.quote_acceptance(1.3, Choice(price_coef=-2.0), False) == 1.0


def test_a_public_requests_budget_is_rounded_and_never_under_the_floor() -> None:
    assert mr.request_budget(0.0, CAT) == 5000
    assert mr.request_budget(math.log(1.234), CAT) == 6200
    assert mr.request_budget(-5.0, CAT) == CAT.price_floor


# -- disappointment, disputes -------------------------------------------------------------------


def test_a_buyer_is_satisfied_from_the_experience_of_a_4_star_review() -> None:
    sat = M.satisfaction
    assert mr.satisfied(sat.satisfied_from, sat)
    assert not mr.satisfied(sat.satisfied_from - 1e-9, sat)
    assert mr.satisfied(sat.satisfied_from + 0.5, sat)
    # the default threshold is where stars turn from 3 to 4
    assert rules.stars_from_experience(sat.satisfied_from) == mr.SATISFIED_STARS
    assert rules.stars_from_experience(sat.satisfied_from - 1e-9) < mr.SATISFIED_STARS


def test_a_disappointed_buyer_asks_for_revisions_and_disputes_more_up_to_certainty() -> None:
    sat = M.satisfaction
    assert (sat.revision_factor, sat.dispute_factor) == (2.0, 5.0)
    bt = BuyerType(share=1.0, revision_prob=0.12, dispute_prob=0.004)
    assert mr.revision_chance(bt, False, sat) == 0.12
    assert mr.revision_chance(bt, True, sat) == pytest.approx(0.24)
    assert mr.dispute_chance(bt, False, sat) == 0.004
    assert mr.dispute_chance(bt, True, sat) == pytest.approx(0.02)
    eager = BuyerType(share=1.0, revision_prob=0.8, dispute_prob=0.25)
    assert mr.revision_chance(eager, True, sat) == 1.0
    assert mr.dispute_chance(eager, True, sat) == 1.0


def test_the_contest_win_chance_weighs_delivery_timeliness_quality_and_the_buyer() -> None:
    d = Disputes()
    assert (d.contest_win_base, d.undelivered_win_base) == (0.55, 0.05)
    assert (d.on_time_bonus, d.late_penalty, d.quality_weight, d.quality_reference) == (
        0.15,
        0.25,
        0.5,
        0.7,
    )
    assert mr.contest_win_chance(d, True, True, 0.7, ORDINARY) == pytest.approx(0.70)
    assert mr.contest_win_chance(d, True, False, 0.7, ORDINARY) == pytest.approx(0.30)
    assert mr.contest_win_chance(d, True, True, 0.9, ORDINARY) == pytest.approx(0.80)
    assert mr.contest_win_chance(d, True, True, 0.5, ORDINARY) == pytest.approx(0.60)
    assert mr.contest_win_chance(d, False, False, 0.0, ORDINARY) == 0.0  # 0.05 - 0.25, kept at 0
    assert mr.contest_win_chance(d, False, False, 0.0, MONSTER) == pytest.approx(0.0)
    # the platform sees a serial complainer: the seller's chance is higher against a monster
    assert MONSTER.contest_win_shift == 0.15 and ORDINARY.contest_win_shift == 0.0
    assert mr.contest_win_chance(d, True, True, 0.7, MONSTER) == pytest.approx(0.85)
    assert mr.contest_win_chance(d, True, True, 1.0, MONSTER) == 1.0  # kept within 0-1


def test_mediation_pays_the_seller_or_refunds_part_or_all() -> None:
    d = Disputes(partial_refund=0.5, loss_partial_share=0.5)
    assert mr.mediation_refund(0.69, 0.7, 5000, d) == (0, "mediation: seller paid")
    assert mr.mediation_refund(0.70, 0.7, 5000, d) == (2500, "mediation: partial refund")
    assert mr.mediation_refund(0.849, 0.7, 5000, d) == (2500, "mediation: partial refund")
    assert mr.mediation_refund(0.85, 0.7, 5000, d) == (5000, "mediation: full refund")
    assert mr.mediation_refund(0.99, 0.7, 5000, Disputes(loss_partial_share=1.0))[0] == 2500


def test_buyer_types_ask_to_cancel_a_badly_late_order_by_their_temper() -> None:
    probs = {name: bt.late_cancel_prob for name, bt in M.buyer_types.items()}
    assert probs == {"ordinary": 0.4, "demanding": 0.7, "monster": 0.95}
    assert BuyerType(share=1.0).late_cancel_prob == 0.5  # a type of one's own
    assert [n for n, bt in M.buyer_types.items() if bt.storms] == ["monster"]


def test_the_default_dispute_deadlines() -> None:
    assert M.disputes.reply_hours == 48.0
    assert M.risks.off_platform_reply_hours == 72.0


# -- work ------------------------------------------------------------------------------------


def test_quality_is_skill_less_fatigue_within_0_and_1() -> None:
    assert mr.quality(0.7, 0.0) == 0.7
    assert mr.quality(0.7, 0.2) == pytest.approx(0.5)
    assert mr.quality(0.1, 0.5) == 0.0
    assert mr.quality(1.2, 0.0) == 1.0
    m = Market(max_overtime_factor=0.05)
    assert mr.fatigue(4.0, m) == pytest.approx(0.2)
    assert mr.fatigue(0.0, m) == 0.0


def test_a_revision_round_takes_a_share_of_the_orders_hours_and_at_least_a_minimum() -> None:
    m = Market(revision_hours_share=0.3, revision_min_hours=0.25)
    assert mr.revision_hours(4.0, m) == pytest.approx(1.2)
    assert mr.revision_hours(0.5, m) == 0.25
    assert (M.revision_hours_share, M.revision_min_hours, M.revision_days) == (0.3, 0.25, 2.0)


# -- computer sellers' prices --------------------------------------------------------------------


def test_raise_with_reviews_raises_at_milestones_and_stops_at_its_limit() -> None:
    c = Competitors()
    assert c.raise_after == (5, 10, 20, 40, 80, 160)
    assert mr.raised_price(5000, 5000, 5, c) == 5500
    assert mr.raised_price(5000, 5000, 6, c) == 5000  # between milestones: unchanged
    assert mr.raised_price(9900, 5000, 10, c) == 10900  # under twice the start: one more step
    assert mr.raised_price(10000, 5000, 20, c) == 10000  # at the limit: no more
    assert mr.raised_price(40, 40, 5, c) == 40  # a raise that rounds to nothing keeps the price


def test_undercut_goes_10_percent_under_the_leaders_but_not_under_its_wage_floor() -> None:
    c = Competitors()
    assert mr.undercut_price(6000, CAT, c) == 5400
    assert mr.undercut_price(6050, CAT, c) == 5400  # to the nearest 100
    assert mr.undercut_price(3000, CAT, c) == 3000  # 60% of the median: the wage floor
    low_floor = CAT.model_copy(update={"price_floor": 4000})
    assert mr.undercut_price(3000, low_floor, c) == 4000  # the platform's floor


def test_a_computer_sellers_cap_is_what_its_hours_finish_within_a_delivery() -> None:
    c = Competitors(cap_max=5)
    assert mr.competitor_cap(14.0, 2.0, 3.0, c, 20) == 3  # 7 orders a week, 3 days each
    assert mr.competitor_cap(100.0, 1.0, 10.0, c, 20) == 5  # at most cap_max
    assert mr.competitor_cap(100.0, 1.0, 10.0, c, 2) == 2  # nor above the platform's cap
    assert mr.competitor_cap(1.0, 10.0, 1.0, c, 20) == 1  # at least one

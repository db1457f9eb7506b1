"""The standing rule for public requests: what it proposes to, at what price, how many a week,
and that time stops only for the requests it leaves to the person.

Paired runs on one seed (common random numbers): the buyers and their requests are the same
with the rule and without it, until the rule's proposals win orders.
"""

from __future__ import annotations

from collections import Counter

import pytest

from gigsim.engine.api import CreateListing, Engine, SetRequestRule, load_data, save_data
from gigsim.engine.request_rule import week_of
from tests.engine.mechanism_kit import ALONE, FAST_PLAYER, engine, events

REQUESTS = (
    *ALONE,
    *FAST_PLAYER,
    "mechanisms.public_requests=true",
    "market.choice.public_request_share=0.5",
    "categories.0.buyers_per_day=4",
)
"""The player alone in design, half of its buyers posting a request: 60 requests a month."""
DAYS = 28.0


def human(
    rule: SetRequestRule | None,
    *sets: str,
    days: float = DAYS,
    seed: int = 2,
    categories: tuple[str, ...] = ("design",),
) -> Engine:
    """A human player's run (nobody answers: what waits, waits) with ``rule`` set at day 0."""
    e = engine(*REQUESTS, *sets, seed=seed, policy=None, categories=categories)
    if rule is not None:
        assert e.apply(rule).ok
    e.advance_to(days)
    assert e.invariant_violations() == []
    return e


def asked(e: Engine) -> int:
    """Public requests put to the person (each a decision that stopped time)."""
    return sum(
        1
        for ev in events(e, "decision_waiting")
        if ev.data.get("decision_kind") == "public_request"
    )


def by_rule(e: Engine) -> list[dict]:
    return [ev.data for ev in events(e, "proposal_sent") if ev.data.get("by_rule")]


def test_the_rule_proposes_where_the_person_would_have_been_asked() -> None:
    none = human(None)
    rule = human(SetRequestRule(per_week=100, others="skip"))
    posted = len(events(none, "request_posted"))
    assert posted > 30 and asked(none) == posted  # without a rule each one stops time
    assert asked(rule) == 0 and len(events(rule, "request_posted")) == posted
    sent = by_rule(rule)
    assert len(sent) == posted and by_rule(none) == []
    # each proposal is its half hour of writing, in the month's hours
    hours = rule.snapshot().month_so_far["hours"]["proposal"]
    assert hours == pytest.approx(0.5 * len(sent), abs=0.6)
    results = [ev.data for ev in events(rule, "proposal_result")]
    assert results and all(r.get("by_rule") for r in results)
    assert sum(r["won"] for r in results) > 0
    assert all(ev.data["rule"] == "proposed" for ev in events(rule, "request_posted"))


def test_no_more_than_its_number_a_week() -> None:
    def per_week(n: int) -> Counter[int]:
        e = human(SetRequestRule(per_week=n, others="skip"), days=35.0)
        w0 = e.scenario.start_date.weekday()
        sent = [ev for ev in events(e, "proposal_sent") if ev.data.get("by_rule")]
        passed = [ev for ev in events(e, "request_posted") if ev.data.get("why") == "week_full"]
        assert passed, "the cap was reached"
        return Counter(week_of(ev.t, w0) for ev in sent)

    two, five = per_week(2), per_week(5)
    assert max(two.values()) == 2 and max(five.values()) == 5
    assert sum(five.values()) > sum(two.values())


def test_outside_its_range_the_person_is_asked_or_it_passes() -> None:
    none = human(None)
    budgets = [ev.data["budget"] for ev in events(none, "request_posted")]
    low, high = sorted(budgets)[len(budgets) // 4], sorted(budgets)[3 * len(budgets) // 4]
    rule = SetRequestRule(budget_min=low, budget_max=high, per_week=100, others="ask")
    e = human(rule)
    inside = sum(low <= b <= high for b in budgets)
    assert 0 < inside < len(budgets)
    assert len(by_rule(e)) == inside
    assert all(low <= p["budget"] <= high for p in by_rule(e))
    assert asked(e) == len(budgets) - inside  # the rest stopped time, as before
    why = Counter(ev.data.get("why") for ev in events(e, "request_posted"))
    assert why["budget_low"] + why["budget_high"] == len(budgets) - inside
    skip = human(SetRequestRule(budget_min=low, budget_max=high, per_week=100, others="skip"))
    assert asked(skip) == 0 and len(by_rule(skip)) == inside


def test_only_in_its_categories() -> None:
    both = ("design", "writing")  # the player sells in design only
    other = human(
        SetRequestRule(categories=("writing",), per_week=100, others="skip"), categories=both
    )
    assert by_rule(other) == [] and asked(other) == 0
    assert {ev.data.get("why") for ev in events(other, "request_posted")} == {"category"}
    mine = human(SetRequestRule(categories=both, per_week=100), categories=both)
    assert by_rule(mine)


def test_at_the_budget_or_at_the_listing_price() -> None:
    at_budget = by_rule(human(SetRequestRule(per_week=100, price="budget")))
    at_listing = by_rule(human(SetRequestRule(per_week=100, price="listing")))
    spread = "market.choice.request_budget_sigma=1.5"  # some budgets near the floor
    under = by_rule(human(SetRequestRule(per_week=100, price="under"), spread))
    floor = 1000  # design's price floor in the default scenario
    assert at_budget and all(p["price"] == max(floor, p["budget"]) for p in at_budget)
    assert under and all(p["price"] == max(floor, int(p["budget"] * 0.8)) for p in under)
    assert any(p["price"] > floor for p in under)
    assert any(p["budget"] * 0.8 < floor for p in under)  # the floor held where it mattered
    assert at_listing and {p["price"] for p in at_listing} == {5000}  # the listing's price


def test_never_while_the_listing_is_full() -> None:
    e = human(SetRequestRule(per_week=100, others="skip"), "player.listings.0.cap=1")
    full = [ev for ev in events(e, "request_posted") if ev.data.get("why") == "full"]
    assert full and len(by_rule(e)) < len(events(e, "request_posted"))


def test_off_again_the_person_is_asked_again() -> None:
    e = engine(*REQUESTS, seed=2, policy=None)
    assert e.apply(SetRequestRule(per_week=100, others="skip")).ok
    e.advance_to(10.0)
    assert asked(e) == 0 and by_rule(e)
    assert e.apply(SetRequestRule(on=False)).ok and e.snapshot().request_rule is None
    e.advance_to(20.0)
    assert asked(e) > 0
    assert [ev.data["on"] for ev in events(e, "request_rule_set")] == [True, False]


def test_the_snapshot_shows_the_rule_and_its_week() -> None:
    rule = SetRequestRule(per_week=3, others="skip")
    e = human(rule, days=3.0)
    snap = e.snapshot()
    assert snap.request_rule == rule
    w0 = e.scenario.start_date.weekday()
    this_week = [p for p in events(e, "proposal_sent") if week_of(p.t, w0) == week_of(3.0, w0)]
    assert snap.rule_sent_this_week == len(this_week) <= 3


@pytest.mark.parametrize(
    "rule, code",
    [
        (SetRequestRule(categories=("nope",)), "rule_category"),
        (SetRequestRule(budget_min=-1), "rule_budget"),
        (SetRequestRule(budget_min=5000, budget_max=4000), "rule_budget"),
        (SetRequestRule(per_week=-1), "rule_per_week"),
        (SetRequestRule(per_week=101), "rule_per_week"),
        (SetRequestRule(price="half"), "rule_choice"),
        (SetRequestRule(others="later"), "rule_choice"),
    ],
)
def test_a_wrong_rule_is_refused_and_changes_nothing(rule: SetRequestRule, code: str) -> None:
    e = engine(*REQUESTS, seed=2, policy=None)
    good = SetRequestRule(per_week=2)
    assert e.apply(good).ok
    r = e.apply(rule)
    assert not r.ok and r.code == code
    assert e.snapshot().request_rule == good


def test_a_hand_edited_rule_of_the_wrong_type_is_refused() -> None:
    e = engine(*REQUESTS, seed=2, policy=None)
    with pytest.raises(TypeError):
        e.apply(SetRequestRule(per_week="3"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        e.apply(SetRequestRule(categories=["design"]))  # type: ignore[arg-type]


def test_a_save_with_a_rule_replays_to_the_same_game() -> None:
    e = engine(*REQUESTS, seed=2, policy=None)
    e.advance_to(2.5)
    assert e.apply(SetRequestRule(categories=("design",), budget_min=2000, per_week=4)).ok
    e.advance_to(12.0)
    again = load_data(save_data(e, "rule"), "rule.json")
    assert again.fingerprint() == e.fingerprint()
    assert again.snapshot().request_rule == e.snapshot().request_rule


def test_weeks_run_monday_to_sunday() -> None:
    # day 0 a Thursday (3): days 0–3 are its week, day 4 a Monday starts the next
    assert week_of(0.0, 3) == week_of(3.99, 3) == 0
    assert week_of(4.0, 3) == 1 and week_of(10.99, 3) == 1 and week_of(11.0, 3) == 2


def test_the_month_counts_the_requests_and_what_came_of_them() -> None:
    rule = SetRequestRule(per_week=3, others="skip")
    e = human(rule, days=65.0)
    months = e._world.player.books.months  # white-box: the month records as closed
    assert len(months) == 2
    for m in months:
        inside = [ev for ev in e.events() if m.start <= ev.t < m.end]
        posted = [ev for ev in inside if ev.kind == "request_posted"]
        sent = [ev for ev in inside if ev.kind == "proposal_sent"]
        results = [ev for ev in inside if ev.kind == "proposal_result"]
        assert m.requests == len(posted) > 0
        assert m.proposals_sent == m.proposals_by_rule == len(sent) > 0
        assert m.requests_passed == sum(ev.data["rule"] == "passed" for ev in posted) > 0
        assert m.proposals_won == sum(ev.data["won"] for ev in results)
        assert m.proposals_decided == len(results)
        assert m.as_dict()["proposals_by_rule"] == m.proposals_by_rule  # the game reads these
    assert sum(m.proposals_won for m in months) > 0
    # by hand: every proposal counted as sent, none by the rule
    by_hand = engine(*REQUESTS, seed=2, policy="default")
    by_hand.advance_to(35.0)
    first = by_hand._world.player.books.months[0]
    assert first.proposals_sent > 0 and first.proposals_by_rule == 0 == first.requests_passed


def test_with_several_listings_the_rule_proposes_with_one_that_is_not_full() -> None:
    """The first listing full (cap 1), a second one in the same category with room: the rule
    proposes with the second rather than passing the request over as full."""
    e = engine(*REQUESTS, "player.listings.0.cap=1", seed=2, policy=None)
    second = e.apply(CreateListing(category="design", price=4000, cap=10))
    assert second.ok and e.apply(SetRequestRule(per_week=100, others="skip")).ok
    e.advance_to(DAYS)
    sent = by_rule(e)
    assert {p["listing"] for p in sent} >= {second.listing}
    assert not [ev for ev in events(e, "request_posted") if ev.data.get("why") == "full"]


def test_budgets_above_any_amount_and_a_switch_not_true_or_false_are_refused() -> None:
    e = engine(*REQUESTS, seed=2, policy=None)
    r = e.apply(SetRequestRule(budget_max=10**400))
    assert not r.ok and r.code == "rule_budget"
    assert not e.apply(SetRequestRule(budget_min=10**11)).ok
    with pytest.raises(TypeError):
        e.apply(SetRequestRule(on=0))  # type: ignore[arg-type]
    assert e.snapshot().request_rule is None


def test_the_weeks_count_starts_again_each_monday() -> None:
    e = human(SetRequestRule(per_week=2, others="skip"), days=6.0)
    assert e.snapshot().rule_sent_this_week == 2  # a market this busy fills a week's two
    w0 = e.scenario.start_date.weekday()
    monday = 7 * (week_of(6.0, w0) + 1) - w0  # the next Monday, as a day of the run
    e.advance_to(monday + 0.001)
    assert e.snapshot().rule_sent_this_week == sum(
        1
        for ev in events(e, "proposal_sent")
        if ev.data.get("by_rule") and week_of(ev.t, w0) == week_of(monday, w0)
    )
    assert e.snapshot().rule_sent_this_week < 2

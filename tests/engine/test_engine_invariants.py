"""Conservation and limits (docs/model.md, "What right means") under Hypothesis.

Random valid scenarios are built from the shipped ``default`` with random
overrides (demand, competitors, the player's listing and hours, mechanism
switches, commission, buyer fee, payouts, risks), run for 1–3 simulated
months with random seeds, with and without random player actions between
advances. After every step:

- ``Engine.invariant_violations()`` is empty: the ledger sums to zero, escrow
  equals the money of open orders, each open order holds its own payment,
  every listing's orders in progress are its open orders (none settled
  twice or never), no listing is over its cap, ratings stay in 1–5, no
  seller account is negative; computer sellers' orders run both planned
  and step by step;
- the snapshot agrees: no listing's ``in_progress`` exceeds its cap, money
  accounts are not negative, the player's escrow is part of the total;
- every ``review_posted`` event has 1 ≤ stars ≤ 5;
- the player's monthly money figures agree with the ledger's accounts.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gigsim.engine.accounts import P_BALANCE, P_BANK, P_OFF, P_PAYOUT, P_PENDING
from gigsim.engine.api import (
    AnswerDecision,
    CreateListing,
    EditListing,
    Engine,
    SetHours,
    SetListingStatus,
    Withdraw,
)
from gigsim.engine.decisions import OPTIONS
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; these tests read the month in progress and every ledger account, to check conservation at any instant.

DEFAULT = load_scenario("default")
BASE = DEFAULT.model_dump(mode="json")
CATEGORY_IDS = [c.id for c in DEFAULT.categories]
MECHANISMS = [k for k, v in BASE["mechanisms"].items() if isinstance(v, bool)]

# GIGSIM_FUZZ_EXAMPLES=500 pytest tests/engine/test_engine_invariants.py for a longer hunt.
SETTINGS = settings(
    max_examples=int(os.environ.get("GIGSIM_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------
# Random valid scenarios
# --------------------------------------------------------------------------


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    d: dict[str, Any] = _copy(BASE)
    d["start_date"] = draw(
        st.sampled_from(["2026-01-01", "2026-11-17", "2027-12-16", "2028-02-10"])
    )
    # seasons, including months and weekdays without buyers
    factor = st.sampled_from([0.0, 0.5, 1.0, 1.5])
    d["market"]["month_factors"] = draw(st.lists(factor, min_size=12, max_size=12))
    d["market"]["weekday_factors"] = draw(st.lists(factor, min_size=7, max_size=7))
    for c in d["categories"]:
        c["buyers_per_day"] = draw(st.floats(0.0, 8.0))
        c["competitors"] = draw(st.integers(0, 30))

    # the platform: commission, buyer fee, payouts
    p = d["platform"]
    rate = draw(st.floats(0.0, 0.5))
    if draw(st.booleans()):
        p["commission"] = {
            "kind": "flat",
            "rate": rate,
            "tiers": [],
            "tax_on_fee": draw(st.sampled_from([0.0, 0.1])),
            "tax_included_rate": draw(st.sampled_from([0.0, 0.1])),
        }
    else:
        p["commission"] = {
            "kind": "tiered",
            "rate": rate,
            "tax_on_fee": draw(st.sampled_from([0.0, 0.1])),
            "tax_included_rate": 0.0,
            "tiers": [
                {"up_to": 4000, "rate": rate},
                {"up_to": 8000, "rate": rate * 0.8},
                {"up_to": None, "rate": rate * 0.6},
            ],
        }
    p["buyer_fee"] = {
        "rate": draw(st.floats(0.0, 0.1)),
        "fixed": draw(st.integers(0, 500)),
        "fixed_below": draw(st.one_of(st.none(), st.integers(1, 20000))),
    }
    payout = p["payout"]
    payout["fee"] = draw(st.integers(0, 500))
    payout["fee_waived_from"] = draw(st.one_of(st.none(), st.integers(0, 10000)))
    payout["minimum"] = draw(st.integers(0, 3000))
    payout["clearing_days"] = draw(st.sampled_from([0.0, 0.5, 3.0, 14.0]))
    payout["lapse_days"] = draw(st.one_of(st.none(), st.floats(5.0, 150.0)))
    sched = payout["schedule"]
    sched["kind"] = draw(st.sampled_from(["semi_monthly", "days_after", "on_demand"]))
    sched["cutoff_day"] = draw(st.integers(1, 28))
    sched["first_pay_day"] = draw(st.integers(0, 28))
    sched["second_pay_day"] = draw(st.integers(0, 28))
    sched["delay_days"] = draw(st.floats(0.0, 10.0))
    p["timings"]["first_reply_hours"] = draw(st.sampled_from([1.0, 12.0, 48.0]))
    p["timings"]["auto_approve_hours"] = draw(st.sampled_from([1.0, 72.0, 336.0]))
    p["timings"]["late_cancel_days"] = draw(st.sampled_from([0.0, 1.0, 3.0]))
    p["timings"]["revisions_included"] = draw(st.integers(0, 3))

    # buyers: more monsters make more disputes and revisions
    monster = draw(st.floats(0.0, 0.6))
    bt = d["market"]["buyer_types"]
    bt["monster"]["share"] = monster
    bt["demanding"]["share"] = 0.15
    bt["ordinary"]["share"] = 1.0 - 0.15 - monster
    d["market"]["risks"]["off_platform_offer_prob"] = draw(st.sampled_from([0.0, 0.03, 0.5]))
    d["market"]["risks"]["harassment_per_month"] = draw(st.sampled_from([0.0, 0.3, 10.0]))
    d["market"]["risks"]["storm_prob"] = draw(st.sampled_from([0.0, 0.2, 1.0]))
    p["rules"]["off_platform_detection"] = draw(st.sampled_from([0.0, 0.3, 1.0]))
    p["rules"]["warnings_before_suspension"] = draw(st.integers(1, 3))
    p["rules"]["suspension_days"] = draw(st.sampled_from([1.0, 30.0]))

    # the player
    pl = d["player"]
    lst = pl["listings"][0]
    lst["price"] = draw(st.integers(1000, 20000))
    lst["cap"] = draw(st.integers(1, 20))
    lst["hours_per_order"] = draw(st.floats(0.25, 12.0))
    lst["delivery_days"] = draw(st.floats(0.5, 14.0))
    lst["options"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.sampled_from(["express", "extra revision", "source file"]),
                    "price": st.integers(0, 5000),
                    "hours": st.floats(0.0, 3.0),
                    "take_rate": st.floats(0.0, 1.0),
                }
            ),
            max_size=2,
        )
    )
    pl["hours"] = {
        "weekday": draw(st.floats(0.0, 6.0)),
        "weekend": draw(st.floats(0.0, 12.0)),
        "overtime_per_week": draw(st.floats(0.0, 10.0)),
        "always": draw(st.booleans()),
    }
    pl["reply_hours"] = draw(st.sampled_from([0.0, 2.0, 8.0, 60.0]))
    pl["balance"] = draw(st.sampled_from([0, 500, 5000]))
    pl["disclosure"] = draw(st.floats(0.0, 1.0))

    # mechanism switches
    for k in MECHANISMS:
        d["mechanisms"][k] = draw(st.booleans())
    d["mechanisms"]["work_time"] = draw(st.sampled_from(["gamma", "exponential", "fixed"]))
    return Scenario.model_validate(d)


def _copy(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _copy(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_copy(v) for v in x]
    return x


# --------------------------------------------------------------------------
# Checks after every step
# --------------------------------------------------------------------------


def check(engine: Engine, where: str) -> None:
    assert engine.invariant_violations() == [], where
    snap = engine.snapshot()
    for lst in snap.listings:
        assert 0 <= lst.in_progress <= lst.cap, (
            f"{where}: listing {lst.id} {lst.in_progress}/{lst.cap}"
        )
        assert lst.full == (lst.in_progress >= lst.cap)
    for name in ("balance", "clearing", "in_transit", "bank", "escrow", "escrow_player"):
        assert getattr(snap, name) >= 0, f"{where}: {name} = {getattr(snap, name)}"
    assert snap.escrow_player <= snap.escrow, where
    assert snap.reviews == 0 or 1.0 <= snap.rating <= 5.0, where
    assert 0.0 <= snap.completion_rate <= 1.0, where
    ledger = engine.ledger_balances()
    assert sum(ledger.values()) == 0, where
    for e in engine.events():
        if e.kind == "review_posted":
            assert 1 <= e.data["stars"] <= 5, f"{where}: {e}"
    hist = engine.reviews_histogram()
    assert set(hist) == {"1", "2", "3", "4", "5"} and min(hist.values()) >= 0
    check_player_money(engine, where)


def check_player_money(engine: Engine, where: str) -> None:
    """The month records and the ledger tell the same story about the player's money.

    Net income (sales less refunds, commission, payout fees and lapses) plus
    the opening balance is what the player holds on and off the platform, less
    the fees of payouts still in transit (counted at the request, posted at
    payment).
    """
    w = engine._world
    led = w.ledger
    months = [*w.months, w.cur]
    held = sum(led.balance(a) for a in (P_PENDING, P_BALANCE, P_PAYOUT, P_BANK))
    fees_requested = sum(e.data["fee"] for e in engine.events() if e.kind == "withdrawal_requested")
    fees_paid = sum(e.data["fee"] for e in engine.events() if e.kind == "payout_paid")
    net = sum(m.net_income for m in months)
    assert net + engine.scenario.player.balance == held - (fees_requested - fees_paid), where
    assert sum(m.payouts for m in months) == led.balance(P_BANK), where
    assert sum(m.off_platform_income for m in months) == led.balance(P_OFF), where


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------


@SETTINGS
@given(
    sc=scenarios(),
    seed=st.integers(0, 2**32 - 1),
    months=st.integers(1, 3),
    policy=st.sampled_from(["default", "active", "passive", "fixed"]),
    planned=st.booleans(),
)
def test_invariants_hold_month_by_month_with_a_headless_policy(
    sc: Scenario, seed: int, months: int, policy: str, planned: bool
) -> None:
    engine = Engine(sc, seed, policy=policy, planned_competitors=planned)
    check(engine, "start")
    for m in range(1, months + 1):
        # a few stops within the month, then its close
        start, end = engine.month_start(m), engine.month_start(m + 1)
        for frac in (0.25, 0.5, 0.75):
            engine.advance_to(start + frac * (end - start))
            check(engine, f"month {m} at {frac:.0%}")
        engine.run_months(m)
        check(engine, f"end of month {m}")
    assert len(engine.months) >= months
    for ms in engine.months:
        assert ms.orders >= 0 and ms.completed >= 0 and ms.cancellations >= 0
        assert min(ms.lost_buyers.values()) >= 0


ACTION_KINDS = ["withdraw", "edit", "status", "hours", "create", "answer", "wait"]


@st.composite
def action_plans(draw: st.DrawFn) -> list[tuple[float, str, tuple[Any, ...]]]:
    """A list of (days to advance, action kind, random parameters)."""
    n = draw(st.integers(1, 30))
    plan = []
    for _ in range(n):
        gap = draw(st.floats(0.0, 6.0))
        kind = draw(st.sampled_from(ACTION_KINDS))
        params = (
            draw(st.floats(0.0, 1.3)),  # share of the balance to withdraw / pick
            draw(st.integers(-2, 25)),  # cap (some invalid)
            draw(st.integers(0, 30000)),  # price (some below the floor)
            draw(st.integers(0, 10)),  # option / status / category index
            draw(st.floats(0.0, 26.0)),  # hours
        )
        plan.append((gap, kind, params))
    return plan


def apply_random(engine: Engine, kind: str, params: tuple[Any, ...]) -> None:
    share, cap, price, idx, hours = params
    w = engine._world
    listings = [lst for lst in engine.snapshot().listings if lst.status != "removed"]
    if kind == "withdraw":
        bal = w.ledger.balance(P_BALANCE)
        engine.apply(Withdraw(amount=int(bal * share) + (idx - 5)))
    elif kind == "edit" and listings:
        lst = listings[idx % len(listings)]
        engine.apply(
            EditListing(
                listing=lst.id,
                price=price if idx % 2 else None,
                cap=cap,
                delivery_days=hours if idx % 3 == 0 else None,
            )
        )
    elif kind == "status" and listings:
        lst = listings[idx % len(listings)]
        engine.apply(
            SetListingStatus(listing=lst.id, status=("open", "busy", "paused", "gone")[idx % 4])
        )
    elif kind == "hours":
        engine.apply(
            SetHours(
                weekday=min(hours, 24.0) / 3,
                weekend=min(hours, 24.0),
                overtime_per_week=share * 5,
                reply_hours=share * 30,
            )
        )
    elif kind == "create":
        engine.apply(
            CreateListing(
                category=CATEGORY_IDS[idx % len(CATEGORY_IDS)],
                price=price,
                cap=cap,
                hours_per_order=max(0.25, hours / 4),
                delivery_days=max(0.5, hours / 2),
            )
        )


def answer_all(engine: Engine, pick: int, leave_some: bool) -> None:
    snap = engine.snapshot()
    for i, dec in enumerate(snap.decisions):
        if leave_some and i % 2:
            continue  # let the default apply at the deadline
        options = (*dec.options, dec.default)
        res = engine.apply(
            AnswerDecision(decision=dec.id, option=options[(pick + i) % len(options)])
        )
        assert res.ok, res.message
        check(engine, f"after answering {dec.kind}")


@SETTINGS
@given(
    sc=scenarios(), seed=st.integers(0, 2**32 - 1), plan=action_plans(), months=st.integers(1, 3)
)
def test_invariants_hold_with_random_player_actions_and_answers(
    sc: Scenario, seed: int, plan: list[tuple[float, str, tuple[Any, ...]]], months: int
) -> None:
    engine = Engine(sc, seed, policy=None)
    end = engine.month_start(months + 1)
    check(engine, "start")
    for step, (gap, kind, params) in enumerate(plan):
        limit = min(end, engine.now + gap)
        # run to the limit, answering every decision on the way
        guard = 0
        while engine.advance_until_decision(limit):
            answer_all(engine, params[3], leave_some=False)
            check(engine, f"step {step}: answered at t={engine.now:.3f}")
            guard += 1
            assert guard < 10_000, "a decision that cannot be answered"
        check(engine, f"step {step}: reached t={engine.now:.3f}")
        if kind == "answer":
            continue
        if kind == "wait":
            # leave decisions waiting and let their defaults apply
            engine.advance_to(min(end, engine.now + 3.0))
        else:
            apply_random(engine, kind, params)
        check(engine, f"step {step}: after {kind} {params}")
        if engine.now >= end:
            break
    engine.advance_to(end + 1e-9)
    check(engine, "end")
    for e in engine.events():
        if e.kind == "decision_answered":
            assert e.data["option"] in (*OPTIONS_FOR[e.data["decision_kind"]],)


OPTIONS_FOR = {k.value: (*opts, default) for k, (opts, default) in OPTIONS.items()}


@SETTINGS
@given(
    sc=scenarios(),
    seed=st.integers(0, 2**32 - 1),
    months=st.integers(1, 3),
    pick=st.integers(0, 10),
)
def test_invariants_hold_when_a_human_leaves_decisions_to_their_defaults(
    sc: Scenario, seed: int, months: int, pick: int
) -> None:
    engine = Engine(sc, seed, policy=None)
    end = engine.month_start(months + 1)
    while engine.now < end:
        if engine.advance_until_decision(end):
            answer_all(engine, pick, leave_some=True)
            # step past the waiting ones: their defaults apply at their deadlines
            engine.advance_to(min(end, engine.now + 0.5))
        check(engine, f"t={engine.now:.3f}")
    check(engine, "end")


# --------------------------------------------------------------------------
# Regression: a suspended seller's proposal cannot win
# --------------------------------------------------------------------------


def test_a_won_proposal_is_an_order_even_when_the_seller_was_suspended_meanwhile() -> None:
    # listing 1 (dear) gets the proposals, a cheap second listing gets the search orders; the
    # player takes every off-platform offer, is detected and suspended on the first warning
    sc = load_scenario(
        "default",
        [
            "market.risks.off_platform_offer_prob=1.0",
            "platform.rules.off_platform_detection=1.0",
            "platform.rules.warnings_before_suspension=1",
            "market.choice.public_request_share=0.5",
            "market.choice.proposal_bonus=10",
            "competitors.propose_prob=0",
            "player.reply_hours=0",
            "player.listings.0.price=20000",
            "player.listings.0.cap=20",
        ],
    )
    engine = Engine(sc, 2, policy=None)
    engine.apply(
        CreateListing(category="design", price=1000, title="cheap", cap=20, hours_per_order=0.5)
    )
    end = engine.month_start(2)
    while engine.advance_until_decision(end):
        for dec in engine.snapshot().decisions:
            option = {"off_platform_offer": "accept", "public_request": "propose_budget"}.get(
                dec.kind, dec.options[0]
            )
            engine.apply(AnswerDecision(decision=dec.id, option=option))
    events = engine.events()
    assert any(e.kind == "account_suspended" for e in events)
    placed = {e.t for e in events if e.kind == "order_placed" and e.data["via"] == "request"}
    won_without_order = [
        e.t for e in events if e.kind == "proposal_result" and e.data["won"] and e.t not in placed
    ]
    assert won_without_order == []

"""Policies: how computer sellers and headless players act.

A policy goes through the door a human uses: it is handed a decision (the
``DecisionView`` a person sees in a snapshot) and what the seller sees now
(``SellerView``: the snapshot's figures, read-only), and answers with
``(option, delay in days)``; it may review its listings once a week, from a
``SellerView`` too, returning actions that the facade applies exactly as it
applies a human's. Each draws from its own random stream (``SellerView.rng``)
so that swapping one policy does not shift any other draw. The human player
in the game has no policy: the game pauses and asks.

The shipped player policies follow what experienced sellers describe
(docs/model.md, "Strategies experienced sellers describe").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from gigsim.engine.actions import Action, EditListing, Withdraw
from gigsim.engine.decisions import DecisionKind
from gigsim.engine.snapshot import DecisionView, SellerView
from gigsim.model.scenario_base import LISTING_CAP_MAX

DecideFn = Callable[[DecisionView, SellerView], tuple[str, float]]
"""A policy's answer to a decision, given what the seller sees: (option, delay in days)."""
ReviewFn = Callable[[SellerView], list[Action]]
"""A policy's weekly look at the seller's business: the actions to take now."""


@dataclass(frozen=True)
class PlayerPolicy:
    name: str
    description: str
    decide: DecideFn
    review: ReviewFn | None = None


def _reply_delay(v: SellerView, mean_hours: float) -> float:
    if mean_hours <= 0:
        return 0.0
    return v.rng.expovariate(24.0 / mean_hours)


def competitor_policy(d: DecisionView, v: SellerView) -> tuple[str, float]:
    """Computer sellers: answer inquiries at their own pace, accept revisions, contest when on time."""
    delay = _reply_delay(v, v.reply_hours)
    k = d.kind
    if k in (DecisionKind.inquiry, DecisionKind.quote_request):
        return ("answer" if k == DecisionKind.inquiry else "quote_list"), delay
    if k == DecisionKind.dispute:
        return ("contest" if d.get("on_time") else "partial_refund"), delay
    if k == DecisionKind.public_request:
        return "skip", 0.0
    if k == DecisionKind.off_platform_offer:
        return "decline", 0.0
    return "accept", delay


def _answer(
    d: DecisionView, v: SellerView, reply_hours: float, propose: str | None, propose_until: int
) -> tuple[str, float]:
    delay = _reply_delay(v, reply_hours)  # drawn for every decision, a skip included
    k = d.kind
    if k == DecisionKind.inquiry:
        return "answer", delay
    if k == DecisionKind.quote_request:
        return "quote_list", delay
    if k == DecisionKind.public_request:
        lst = v.listing(d.get("listing"))
        # no time for proposals while the work waiting is long
        room = v.backlog_hours < 0.5 * v.hours_week
        if propose and lst is not None and not lst.full and room and v.reviews < propose_until:
            return propose, delay
        return "skip", 0.0
    if k in (DecisionKind.revision_request, DecisionKind.cancellation_request):
        return "accept", delay
    if k == DecisionKind.dispute:
        return ("contest" if d.get("on_time") else "partial_refund"), delay
    return "decline", delay


def _default_decide(d: DecisionView, v: SellerView) -> tuple[str, float]:
    return _answer(d, v, v.reply_hours, "propose_budget", 5)


def _active_decide(d: DecisionView, v: SellerView) -> tuple[str, float]:
    return _answer(d, v, min(v.reply_hours, 1.0), "propose_low", 10)


def _passive_decide(d: DecisionView, v: SellerView) -> tuple[str, float]:
    return _answer(d, v, max(v.reply_hours, 24.0), None, 0)


def _fixed_decide(d: DecisionView, v: SellerView) -> tuple[str, float]:
    return d.default, 0.0


def cap_from_hours(weekly_hours: float, hours_per_order: float, delivery_days: float) -> int:
    """Sellers' rule: enough slots to keep the hours busy.

    Orders the hours can finish a day (weekly hours ÷ hours per order ÷ 7)
    times the days each order holds a slot, rounded up, from 1 to the listing's bound
    (``LISTING_CAP_MAX``; Little's law).
    """
    if hours_per_order <= 0:
        return 1
    slots = math.ceil(weekly_hours / hours_per_order * delivery_days / 7.0 - 1e-9)
    return max(1, min(LISTING_CAP_MAX, slots))


def _recent(v: SellerView, days: float) -> tuple[int, bool, bool]:
    """(orders placed, any late delivery in the last week, any in the last four weeks)."""
    orders, late_week, late_month = 0, False, False
    for e in v.events_since(v.now - days):
        if e.kind == "order_placed":
            orders += 1
        elif e.kind == "order_delivered" and e.data.get("late"):
            late_month = True
            late_week = late_week or e.t >= v.now - 7.0
    return orders, late_week, late_month


def _rung(reviews: int, rating: float) -> float:
    """The price ladder's rung, as a share of the median, that the reviews allow."""
    if reviews < 5:
        return 0.6
    if reviews < 15:
        return 0.85
    if reviews < 30 or rating < 4.7:
        return 1.0
    return 1.15


def _ladder_review(v: SellerView) -> list[Action]:
    """Sellers' price ladder, with capacity and deadlines kept in line.

    Start at 60% of the median; while orders keep coming, climb towards the
    rung the reviews allow (85% from 5 reviews, the median from 15, 115%
    from 30 with a rating of 4.7 or more); when orders dry up, step down
    again. The cap follows the hours and how long an order holds a slot
    (delivery, then the buyer's approval); a late order adds a day to the
    promised delivery, four quiet weeks take it back.
    """
    sc = v.scenario
    actions: list[Action] = []
    orders, late_week, late_month = _recent(v, 30.0)
    n = v.reviews
    for lst in v.listings:
        if not lst.published:
            continue
        cat = sc.category(lst.category)
        median = cat.median_price
        ladder = round(median * _rung(n, v.rating), -2)
        low = max(cat.price_floor, round(median * 0.6, -2))
        capacity = v.hours_week * 30.0 / 7.0 / lst.hours_per_order
        price: float = lst.price
        if n < 5 or v.now < 1.0:
            price = min(price, ladder)
        elif orders >= 0.7 * capacity and price < ladder:
            price = min(ladder, round(price * 1.1, -2))
        elif orders < 0.35 * capacity:
            price = max(low, round(price * 0.9, -2))
        price = int(max(cat.price_floor, price))
        delivery = lst.delivery_days
        if late_week and delivery < 2 * cat.delivery_days:
            delivery += 1.0
        elif not late_month and delivery > cat.delivery_days:
            delivery -= 1.0
        # a slot stays taken until the buyer approves: count the wait for approval
        approval_days = sc.platform.timings.auto_approve_hours / 24.0 / 2.0
        cap = cap_from_hours(v.hours_week, lst.hours_per_order, delivery + approval_days)
        changed = (price, cap, delivery) != (lst.price, lst.cap, lst.delivery_days)
        if changed and cap >= lst.in_progress:
            actions.append(EditListing(lst.id, price=price, cap=cap, delivery_days=delivery))
    return actions


PLAYER_POLICIES: dict[str, PlayerPolicy] = {
    "default": PlayerPolicy(
        "default",
        "a sensible beginner: answers at their usual pace, proposes to requests until 5 reviews",
        _default_decide,
    ),
    "active": PlayerPolicy(
        "active",
        "answers within the hour, proposes under budget until 10 reviews, starts 40% under the "
        "median and climbs with reviews while orders keep coming (steps down when they dry up), "
        "sets the cap from hours, adds a day after a late order",
        _active_decide,
        _ladder_review,
    ),
    "passive": PlayerPolicy(
        "passive", "answers slowly (a day or more) and never proposes", _passive_decide
    ),
    "fixed": PlayerPolicy("fixed", "always takes the platform's default at once", _fixed_decide),
}


def month_start_actions(v: SellerView) -> list[Action]:
    """Headless players withdraw once the balance clears the fee-free threshold."""
    p = v.scenario.platform.payout
    bal = v.balance
    threshold = max(p.minimum, p.fee_waived_from or 0, p.fee + 1)
    return [Withdraw(bal)] if bal >= threshold else []


# -- more shipped strategies for what-if runs, and users' own -----------------


def _capacity_decide(d: DecisionView, v: SellerView) -> tuple[str, float]:
    """Quick answers; proposals to buyers' requests only while there is room for the work."""
    spare = any(lst.published and lst.in_progress < lst.cap - 1 for lst in v.listings)
    return _answer(d, v, min(v.reply_hours, 2.0), "propose_budget" if spare else None, 10**6)


def _capacity_review(v: SellerView) -> list[Action]:
    """Keep the price; let the hours set the cap, one lower for a week after a late delivery.

    The cap is what the hours can deliver on time (``cap_from_hours``); a late
    delivery in the last week takes one off until a quiet week gives it back.
    Work already in progress is never cut below.
    """
    _, late_week, _ = _recent(v, 7.0)
    actions: list[Action] = []
    for lst in v.listings:
        if not lst.published:
            continue
        cap = cap_from_hours(v.hours_week, lst.hours_per_order, lst.delivery_days)
        if late_week:
            cap = max(1, cap - 1)
        cap = max(cap, lst.in_progress)
        if cap != lst.cap:
            actions.append(EditListing(lst.id, cap=cap))
    return actions


CHEAP_START_REVIEWS = 5
"""Reviews after which the cheap-to-start policy moves from its low price to the median."""


def _cheap_start_review(v: SellerView) -> list[Action]:
    """Half the median (not below the floor) until the first reviews, then the median."""
    actions: list[Action] = []
    for lst in v.listings:
        if not lst.published:
            continue
        cat = v.scenario.category(lst.category)
        if v.reviews < CHEAP_START_REVIEWS:
            price = max(cat.price_floor, int(round(cat.median_price * 0.5, -2)))
        else:
            price = cat.median_price
        if price != lst.price:
            actions.append(EditListing(lst.id, price=int(price)))
    return actions


def _cheap_start_decide(d: DecisionView, v: SellerView) -> tuple[str, float]:
    return _answer(d, v, v.reply_hours, "propose_low", CHEAP_START_REVIEWS)


PLAYER_POLICIES["capacity"] = PlayerPolicy(
    "capacity",
    "keeps its price; sets the cap from the hours (one lower for a week after a late order), "
    "answers within two hours and proposes to requests only while there is room",
    _capacity_decide,
    _capacity_review,
)
PLAYER_POLICIES["cheap-start"] = PlayerPolicy(
    "cheap-start",
    f"starts at half the median price (not below the floor) and proposes low until "
    f"{CHEAP_START_REVIEWS} reviews, then charges the median",
    _cheap_start_decide,
    _cheap_start_review,
)

POLICY_ENTRY_POINTS = "gigsim.policies"
"""Entry-point group through which installed packages add player policies."""


def load_entry_point_policies() -> dict[str, str]:
    """Add the player policies that installed packages register; return problems by name.

    An entry point in the group ``gigsim.policies`` names a ``PlayerPolicy``
    (or a callable returning one), registered under the entry point's name. A
    shipped policy is never replaced; one that fails to load is left out and
    reported, so that a broken plug-in only matters to runs that ask for it.
    """
    from importlib.metadata import entry_points

    problems: dict[str, str] = {}
    for ep in entry_points(group=POLICY_ENTRY_POINTS):
        if ep.name in _SHIPPED:
            problems[ep.name] = f"entry point {ep.value!r} cannot replace a shipped policy"
            continue
        try:
            obj = ep.load()
            policy = obj if isinstance(obj, PlayerPolicy) else obj()
        except Exception as e:  # a plug-in's failure is reported, never fatal here
            problems[ep.name] = f"entry point {ep.value!r} failed to load: {type(e).__name__}: {e}"
            continue
        if not isinstance(policy, PlayerPolicy):
            problems[ep.name] = f"entry point {ep.value!r} is not a PlayerPolicy"
            continue
        PLAYER_POLICIES[ep.name] = policy
    return problems


_SHIPPED = dict(PLAYER_POLICIES)

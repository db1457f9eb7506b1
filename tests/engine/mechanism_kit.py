"""Small scenarios and probes for the mechanism tests (``tests/engine/test_mechanism_effects_*.py``).

The effect tests run two engines on the same seed that differ in one
mechanism or one constant: the random streams are named, so both see the
same buyers and draws until the mechanism makes them differ (common random
numbers), and a small market over a few weeks shows the effect exactly and
cheaply.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from gigsim.engine.api import Engine, Event
from gigsim.engine.entities import Listing, Order
from gigsim.engine.world import World
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; these tests read the player's live listing, the month in progress and the pending decisions, to isolate one mechanism.

ALONE = (
    "mechanisms.competitors=false",
    "mechanisms.public_requests=false",
    "mechanisms.inquiries=false",
    "mechanisms.risks=false",
)
"""The player alone in the design category: every buyer who buys, buys from the player."""
FAST_PLAYER = (
    "player.hours.always=true",
    "player.reply_hours=1",
    "player.listings.0.cap=20",
)
"""A player available around the clock who answers within the hour and takes 20 orders."""


def scenario(*sets: str, categories: Iterable[str] = ("design",)) -> Scenario:
    """The shipped ``default`` with ``--set`` overrides, reduced to ``categories``."""
    sc = load_scenario("default", list(sets))
    keep = tuple(c for c in sc.categories if c.id in set(categories))
    return sc.model_copy(update={"categories": keep})


def engine(*sets: str, seed: int = 1, policy: str | None = "default", **kw: Any) -> Engine:
    return Engine(scenario(*sets, **kw), seed, policy=policy)


def run(
    *sets: str, days: float, seed: int = 1, policy: str | None = "default", **kw: Any
) -> Engine:
    """An engine run for ``days`` days (checked: the books balance, the limits hold)."""
    e = engine(*sets, seed=seed, policy=policy, **kw)
    e.advance_to(days)
    assert e.invariant_violations() == []
    return e


def kinds(e: Engine) -> Counter[str]:
    return Counter(ev.kind for ev in e.events())


def events(e: Engine, kind: str) -> list[Event]:
    return [ev for ev in e.events() if ev.kind == kind]


def player_listing(e: Engine) -> Listing:
    return e._world.player.listings[0]


def month_sum(e: Engine, key: str) -> float:
    """A month statistic summed over the closed months and the month in progress."""
    return sum(getattr(m, key) for m in [*e._world.months, e._world.cur])


def lost(e: Engine, reason: str) -> int:
    return sum(m.lost_buyers[reason] for m in [*e._world.months, e._world.cur])


def hours(e: Engine, activity: str) -> float:
    return sum(m.hours[activity] for m in [*e._world.months, e._world.cur])


def record_settled(w: World) -> list[Order]:
    """Every order settled from now on, player's and computer sellers', in settlement order."""
    settled: list[Order] = []
    settle = w.money.settle

    def recording(o: Order, refund: int, outcome: str, forced_stars: int | None = None) -> None:
        was_open = o.open
        settle(o, refund, outcome, forced_stars)
        if was_open:
            settled.append(o)

    w.money.settle = recording  # type: ignore[method-assign]
    return settled


def record_arrivals(w: World) -> list[float]:
    """Times of every buyer's arrival from now on (every category)."""
    times: list[float] = []
    arrive = w.buyers.buyer_arrives

    def recording(market: Any) -> None:
        times.append(w.now)
        arrive(market)

    w.buyers.buyer_arrives = recording  # type: ignore[method-assign]
    return times


def answer_every_decision(e: Engine, until: float, choose: Callable[[Any], str]) -> None:
    """Run a human player's engine to ``until``, answering each decision with ``choose(decision)``."""
    from gigsim.engine.actions import AnswerDecision

    while e.advance_until_decision(until):
        for did in e.waiting_decisions():
            d = e._world.pending[did]
            assert e.apply(AnswerDecision(did, choose(d))).ok

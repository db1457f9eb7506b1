"""Policies: how computer sellers and headless players answer decisions.

A policy is a function ``(decision, world) -> (option, delay in days)``.
Each draws from its own random stream so that swapping one policy does not
shift any other draw. The human player in the game has no policy: the game
pauses and asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from gigsim.engine.decisions import Decision, DecisionKind

if TYPE_CHECKING:
    from gigsim.engine.world import World

PolicyFn = Callable[[Decision, "World"], tuple[str, float]]


def _reply_delay(w: World, stream: str, mean_hours: float) -> float:
    if mean_hours <= 0:
        return 0.0
    return w.rng(stream).expovariate(24.0 / mean_hours)


def competitor_policy(d: Decision, w: World) -> tuple[str, float]:
    """Computer sellers: answer inquiries at their own pace, accept revisions, contest when on time."""
    s = w.sellers[d.seller_id]
    delay = _reply_delay(w, "policy:competitors", s.reply_hours)
    k = d.kind
    if k in (DecisionKind.inquiry, DecisionKind.quote_request):
        return ("answer" if k == DecisionKind.inquiry else "quote_list"), delay
    if k == DecisionKind.dispute:
        return ("contest" if d.info.get("on_time") else "partial_refund"), delay
    if k == DecisionKind.public_request:
        return "skip", 0.0
    if k == DecisionKind.off_platform_offer:
        return "decline", 0.0
    return "accept", delay


def _player_answer(
    d: Decision, w: World, reply_hours: float, propose: str | None, propose_until: int
) -> tuple[str, float]:
    p = w.player
    delay = _reply_delay(w, "policy:player", reply_hours)
    k = d.kind
    if k == DecisionKind.inquiry:
        return "answer", delay
    if k == DecisionKind.quote_request:
        return "quote_list", delay
    if k == DecisionKind.public_request:
        lst = next((x for x in p.listings if x.id == d.info.get("listing")), None)
        if propose and lst is not None and not lst.full and p.n_reviews < propose_until:
            return propose, delay
        return "skip", 0.0
    if k == DecisionKind.revision_request:
        return "accept", delay
    if k == DecisionKind.cancellation_request:
        return "accept", delay
    if k == DecisionKind.dispute:
        return ("contest" if d.info.get("on_time") else "partial_refund"), delay
    return "decline", delay


def default_player(d: Decision, w: World) -> tuple[str, float]:
    """A sensible beginner: answers at their usual pace, proposes to requests until 5 reviews."""
    return _player_answer(d, w, w.player.reply_hours, "propose_budget", 5)


def active_player(d: Decision, w: World) -> tuple[str, float]:
    """Answers within about an hour and proposes under budget until 10 reviews."""
    return _player_answer(d, w, min(w.player.reply_hours, 1.0), "propose_low", 10)


def passive_player(d: Decision, w: World) -> tuple[str, float]:
    """Answers slowly (its usual pace, at least a day) and never proposes."""
    return _player_answer(d, w, max(w.player.reply_hours, 24.0), None, 0)


def fixed_player(d: Decision, w: World) -> tuple[str, float]:
    """Always takes the platform's default at once: the null strategy."""
    return d.default, 0.0


PLAYER_POLICIES: dict[str, PolicyFn] = {
    "default": default_player,
    "active": active_player,
    "passive": passive_player,
    "fixed": fixed_player,
}


def month_start_actions(w: World) -> None:
    """Headless players withdraw once the balance clears the fee-free threshold."""
    from gigsim.engine.money import P_BALANCE

    p = w.sc.platform.payout
    bal = w.ledger.balance(P_BALANCE)
    threshold = max(p.minimum, p.fee_waived_from or 0, p.fee + 1)
    if bal >= threshold:
        w.money.withdraw(bal)

"""The one object every front end uses to drive a run.

``Engine`` moves time (``advance_to``, ``advance_until_decision``), applies
the player's actions, takes immutable snapshots and hands out domain events.
The game, the headless run, the batch runner and the tests all go through it.
Every applied action is journalled with its time, so that a save (scenario,
seed, actions) replays to the same state.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from gigsim.engine import player_actions
from gigsim.engine.accounts import ESCROW
from gigsim.engine.actions import (
    Action,
    ActionResult,
    AnswerDecision,
    CreateListing,
    EditListing,
    SetHours,
    SetListingStatus,
    Withdraw,
    action_to_dict,
)
from gigsim.engine.entities import Seller
from gigsim.engine.events import Event
from gigsim.engine.firsts import Notice
from gigsim.engine.metrics import MONTH_KEYS
from gigsim.engine.policies import PLAYER_POLICIES, competitor_policy, month_start_actions
from gigsim.engine.snapshot import SellerView, Snapshot, take
from gigsim.engine.world import World
from gigsim.model.scenario import Player, Scenario

__all__ = [  # the actions are also reachable from here, as before
    "ActionResult",
    "AnswerDecision",
    "CreateListing",
    "EditListing",
    "Engine",
    "SetHours",
    "SetListingStatus",
    "Withdraw",
]


class Engine:
    """Facade over one run of one scenario with one seed."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        policy: str | None = "default",
        planned_competitors: bool = True,
        humans: Sequence[Player] = (),
    ) -> None:
        """``policy`` answers the player's decisions in headless runs; None means a human answers.

        Each of ``humans`` is one more human-controlled seller in the same market
        (ids ``player2``, ``player3``, …), with their own decisions, orders,
        events, snapshot and actions (the ``seller`` argument of ``apply``,
        ``snapshot``, ``events`` and ``waiting_decisions``).

        ``planned_competitors=False`` runs computer sellers' orders step by step,
        like the player's, instead of worked out in advance: slower, for
        checking that both give the same market (``tests/engine/test_planned_orders.py``).
        Saves do not record it: the game and the command line always plan.
        """
        self.scenario = scenario
        self.seed = seed
        self.policy_name = policy
        self.humans = tuple(humans)
        """The human players after the first, as given (saves record them)."""
        if policy is not None and policy not in PLAYER_POLICIES:
            raise KeyError(f"unknown policy {policy!r}")
        self.policy = PLAYER_POLICIES[policy] if policy is not None else None
        p = self.policy
        self._world = w = World(
            scenario,
            seed,
            (p.decide, p.review) if p is not None else None,
            competitor_policy,
            planned_competitors,
            humans,
        )
        if any(b.policy is not None for b in w.books):
            w.month_hooks.append(self._policy_month)
        for b in w.books:
            if b.review is not None:
                w.kernel.start(partial(self._policy_reviews, w.sellers[b.seller_id]))
        self.journal: list[tuple[float, int, dict[str, Any]]] = []

    # -- time ---------------------------------------------------------------
    @property
    def now(self) -> float:
        return self._world.kernel.now

    @property
    def steps(self) -> int:
        """Timers fired so far: where each journalled action happened (saves replay by count)."""
        return self._world.kernel.steps

    def month_start(self, month: int) -> float:
        """Time at which 1-based ``month`` starts."""
        return self._world.month_time(month - 1)

    def _run(self, t: float, stop_on_decision: bool) -> bool:
        """Run to ``t``, or until a decision waits for the player; True if one stopped it."""
        w = self._world
        return w.kernel.run(t, w.waiting_decisions if stop_on_decision else None)

    def advance_to(self, t: float, progress: Callable[[float], None] | None = None) -> None:
        """Run the model until time ``t`` (days), even past waiting decisions (their defaults apply)."""
        if t <= self.now:
            return
        if progress is None:
            self._run(t, stop_on_decision=False)
            return
        while self.now < t:
            self._run(min(t, self.now + 7.0), stop_on_decision=False)
            progress(self.now)

    def advance_until_decision(self, limit: float) -> bool:
        """Run until a decision waits for a human player or ``limit``; True if one is waiting.

        With several human players, time stops for a decision of any of them
        (the market holds still while one is asked): ``waiting_players`` says
        whose decisions are waiting, and ``waiting_decisions(seller=...)`` which.
        """
        if self._world.waiting_decisions():
            return True
        self._run(limit, stop_on_decision=True)
        return self._world.waiting_decisions()

    def replay_to_step(self, steps: int, t: float) -> bool:
        """Advance to exactly ``steps`` processed events, then the clock to ``t`` (for loading saves).

        The run being replayed had processed ``steps`` events by time ``t``, so
        none of them lies after ``t``. When the next event does before ``steps``
        is reached, this stops there and returns False (the journal does not
        belong to this run), rather than stepping on towards a count it can
        never reach at that time.
        """
        return self._world.kernel.run_steps(steps, t)

    def month_end(self, month: int) -> float:
        """The first instant after 1-based ``month`` has closed (its report is ready)."""
        return math.nextafter(self._world.month_time(month), math.inf)

    def run_months(self, months: int, progress: Callable[[float], None] | None = None) -> None:
        self.advance_to(self.month_end(months), progress)

    def payout_preview(self, amount: int) -> tuple[int, str]:
        """(transfer fee, ISO date the money reaches the bank) for withdrawing ``amount`` now."""
        fee, date = self._world.money.payout_preview(amount)
        return fee, date.isoformat()

    def snapshot_date(self) -> str:
        return self._world.date_of(self.now).isoformat()

    def _policy_month(self) -> None:
        """Each headless player's actions at a month's start (a withdrawal)."""
        w = self._world
        for b in w.books:
            if b.policy is not None:
                p = w.sellers[b.seller_id]
                for action in month_start_actions(SellerView(w, p)):
                    self._apply(action, p)

    def _policy_reviews(self, p: Seller) -> None:
        """A headless player's weekly look at their listings (prices, cap, delivery)."""
        w = self._world
        review = p.books.review
        for action in review(SellerView(w, p)):
            self._apply(action, p)
        w.at(7.0, partial(self._policy_reviews, p))

    # -- actions ------------------------------------------------------------
    def apply(self, action: Action, seller: str | None = None) -> ActionResult:
        """Apply an action of the player ``seller`` (default: the first) now; it is journalled.

        Saves replay the first player's actions; an action of another player is journalled
        with its ``seller``.
        """
        p = self._player(seller)
        entry = action_to_dict(action)
        if p is not self._world.player:
            entry["seller"] = p.id
        self.journal.append((self.now, self.steps, entry))
        return player_actions.apply(self._world, p, action)

    def _apply(self, action: Action, p: Seller) -> ActionResult:
        """A headless policy's action for its player (not journalled: replays redo it)."""
        return player_actions.apply(self._world, p, action)

    def _player(self, seller: str | None) -> Seller:
        w = self._world
        if seller is None:
            return w.player
        s = w.sellers.get(seller)
        if s is None or not s.books.follows:
            raise KeyError(f"no player {seller!r}")
        return s

    def waiting_players(self) -> tuple[str, ...]:
        """Ids of the players with a decision waiting, in the order of ``players``."""
        return tuple(b.seller_id for b in self._world.books if b.pending)

    def player_spec(self, seller: str | None = None) -> Player:
        """The player ``seller`` (default: the first) as the scenario or ``humans`` gave them."""
        i = self.players().index(self._player(seller).id)
        return self.scenario.player if i == 0 else self.humans[i - 1]

    def players(self) -> tuple[str, ...]:
        """Ids of the sellers people follow (players), the first being the scenario's player."""
        return tuple(b.seller_id for b in self._world.books)

    # -- reading ------------------------------------------------------------
    def snapshot(self, seller: str | None = None) -> Snapshot:
        """What the player ``seller`` (default: the first) sees now."""
        return take(self._world, self._player(seller))

    def waiting_decisions(
        self, skip: frozenset[str] = frozenset(), seller: str | None = None
    ) -> tuple[int, ...]:
        """Ids of the decisions waiting for the player ``seller`` (default: the first), leaving
        out the kinds in ``skip`` (cheaper than a snapshot; read-only)."""
        pending = self._player(seller).books.pending
        return tuple(i for i, d in pending.items() if d.kind.value not in skip)

    def events(self, since: int = 0, seller: str | None = None) -> list[Event]:
        """The player ``seller``'s events (default: the first player's) from ``since`` on."""
        events: list[Event] = self._player(seller).books.events
        return events[since:]

    def notices(self, seller: str | None = None) -> tuple[Notice, ...]:
        """The explanations given to the player ``seller`` (default: the first) so far, oldest
        first: the first time each mechanism happened to them, and every storm."""
        return self._world.firsts.of(self._player(seller).id)

    @property
    def months(self) -> list[Any]:
        return self._world.months

    def invariant_violations(self) -> list[str]:
        """Conservation and limits (docs/model.md, "What right means"); empty when all hold."""
        w = self._world
        out = []
        if w.ledger.total() != 0:
            out.append(f"ledger sums to {w.ledger.total()}, not 0")
        held = w.money.escrow_of_open_orders()
        if held != w.ledger.balance(ESCROW):
            out.append(f"escrow {w.ledger.balance(ESCROW)} != open orders' money {held}")
        for mk in w.markets.values():
            mk.expire(self.now)  # as any read of the ranking does: results do not change
            window = mk.sales_in_window()
            for lst in mk.by_id.values():
                if lst.recent_sales != window.get(lst.id, 0):
                    out.append(
                        f"listing {lst.id} counts {lst.recent_sales} recent sales, "
                        f"{window.get(lst.id, 0)} in the window"
                    )
                if lst.in_progress > lst.cap:
                    out.append(f"listing {lst.id} has {lst.in_progress} orders over cap {lst.cap}")
                if lst.in_progress < 0:
                    out.append(f"listing {lst.id} has negative orders in progress")
        open_per_listing: dict[int, int] = {}
        for o in w.open_orders.values():
            open_per_listing[o.listing.id] = open_per_listing.get(o.listing.id, 0) + 1
            if not o.open or o.escrow != o.amount + o.buyer_fee:
                out.append(f"open order {o.id} is {o.stage} holding {o.escrow} in escrow")
        for lst in w.all_listings:
            if lst.in_progress != open_per_listing.get(lst.id, 0):
                out.append(
                    f"listing {lst.id} counts {lst.in_progress} orders in progress, "
                    f"{open_per_listing.get(lst.id, 0)} open"
                )
        for s in w.sellers.values():
            if s.n_reviews and not 1.0 <= s.rating <= 5.0:
                out.append(f"seller {s.id} rating {s.rating} outside 1–5")
        for acc, bal in w.ledger.balances.items():
            if acc.startswith("seller:") and bal < 0:
                out.append(f"{acc} is negative ({bal})")
        return out

    def fingerprint(self) -> str:
        """Hash of the state that a replay must reproduce: the clock, the ledger, the reviews
        posted, and every player's events and record."""
        w = self._world
        first, *others = (w.sellers[b.seller_id] for b in w.books)
        state: dict[str, Any] = {
            "t": round(float(self.now), 9),  # a clock set to a whole day may hold an int
            "ledger": w.ledger.accounts(),
            "events": len(first.books.events),
            "reviews": w.reviews_histogram,
            "player": [first.n_reviews, first.stars_sum, first.rank, first.completed],
        }
        if others:  # more players; a one-player game's fingerprint stays as it was (saves)
            state["others"] = [
                [p.id, len(p.books.events), p.n_reviews, p.stars_sum, p.rank, p.completed]
                for p in others
            ]
        return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]

    # -- results (read-only, used by RunResult) -----------------------------
    # What a finished run reports (``gigsim.engine.result.RunResult``): plain
    # data copied out of the run, so that no caller holds a live model object.
    def months_closed(self) -> int:
        """How many months have closed so far (the month in progress is ``months_closed() + 1``)."""
        return self._world.month_index

    def month_records(
        self, months: int | None = None, seller: str | None = None
    ) -> list[dict[str, Any]]:
        """The player ``seller``'s (default: the first's) closed months' figures, the first
        ``months`` of them (all when None).

        Each is a new dict with the keys of ``metrics.MONTH_KEYS``, in that order.
        """
        closed = self._player(seller).books.months
        records = closed if months is None else closed[:months]
        return [{k: d[k] for k in MONTH_KEYS} for d in (m.as_dict() for m in records)]

    def ledger_balances(self) -> dict[str, int]:
        """Balance of every ledger account that has moved, by account name."""
        return self._world.ledger.accounts()

    def ledger_sum(self) -> int:
        """Sum of all ledger accounts (double entry: always 0)."""
        return self._world.ledger.total()

    def reviews_histogram(self) -> dict[str, int]:
        """Stars ``"1"``–``"5"`` → reviews posted in the whole market so far."""
        return dict(self._world.reviews_histogram)

    def competitors_summary(self) -> list[dict[str, Any]]:
        """One record per computer seller's listing, in listing order: its figures so far."""
        return [
            {
                "listing": lst.id,
                "seller": lst.seller.id,
                "category": lst.category.id,
                "price": lst.price,
                "sales": lst.sold,
                "reviews": lst.seller.n_reviews,
                "rating": round(lst.seller.rating, 3),
                "strategy": lst.seller.strategy,
                "left": lst.seller.left,
            }
            for lst in self._world.all_listings
            if not lst.seller.books.follows
        ]

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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gigsim.engine import events as ev
from gigsim.engine.accounts import ESCROW
from gigsim.engine.actions import (
    Action,
    AnswerDecision,
    CreateListing,
    EditListing,
    SetHours,
    SetListingStatus,
    Withdraw,
    action_to_dict,
)
from gigsim.engine.decisions import option_text
from gigsim.engine.events import Event
from gigsim.engine.metrics import MONTH_KEYS
from gigsim.engine.policies import PLAYER_POLICIES, competitor_policy, month_start_actions
from gigsim.engine.snapshot import Snapshot, take
from gigsim.engine.world import World
from gigsim.model.scenario import ListingSpec, Option, Scenario


@dataclass(frozen=True)
class ActionResult:
    ok: bool
    message: str
    listing: int | None = None


class Engine:
    """Facade over one run of one scenario with one seed."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        policy: str | None = "default",
        planned_competitors: bool = True,
    ) -> None:
        """``policy`` answers the player's decisions in headless runs; None means a human answers.

        ``planned_competitors=False`` runs computer sellers' orders step by step,
        like the player's, instead of worked out in advance: slower, for
        checking that both give the same market (``tests/engine/test_planned_orders.py``).
        Saves do not record it: the game and the command line always plan.
        """
        self.scenario = scenario
        self.seed = seed
        self.policy_name = policy
        if policy is not None and policy not in PLAYER_POLICIES:
            raise KeyError(f"unknown policy {policy!r}")
        self.policy = PLAYER_POLICIES[policy] if policy is not None else None
        decide = self.policy.decide if self.policy is not None else None
        self._world = World(scenario, seed, decide, competitor_policy, planned_competitors)
        if self.policy is not None:
            self._world.month_hooks.append(self._policy_month)
            if self.policy.review is not None:
                self._world.kernel.start(self._policy_reviews)
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
        pending = self._world.pending
        return self._world.kernel.run(t, (lambda: bool(pending)) if stop_on_decision else None)

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
        """Run until a decision waits for the player or ``limit``; True if one is waiting."""
        if self._world.pending:
            return True
        self._run(limit, stop_on_decision=True)
        return bool(self._world.pending)

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
        for action in month_start_actions(self._world):
            self._apply(action)

    def _policy_reviews(self) -> None:
        """A headless player's weekly look at their listings (prices, cap, delivery)."""
        assert self.policy is not None and self.policy.review is not None
        for action in self.policy.review(self._world):
            self._apply(action)
        self._world.at(7.0, self._policy_reviews)

    # -- actions ------------------------------------------------------------
    def apply(self, action: Action) -> ActionResult:
        """Apply a player action now; it is journalled for saves and replays."""
        self.journal.append((self.now, self.steps, action_to_dict(action)))
        return self._apply(action)

    def _apply(self, a: Action) -> ActionResult:
        from gigsim.engine.setup import publish

        w = self._world
        if isinstance(a, CreateListing):
            try:
                spec = ListingSpec(
                    category=a.category,
                    title=a.title,
                    price=a.price,
                    delivery_days=a.delivery_days,
                    hours_per_order=a.hours_per_order,
                    cap=a.cap,
                    status=a.status,
                    options=tuple(Option(name=n, price=p, hours=h) for n, p, h in a.options),
                )
            except ValueError as e:
                why = _first_error(e)
                w.emit(ev.LISTING_REFUSED, category=a.category, title=a.title, reason=why)
                return ActionResult(False, why)
            lst, refusal = publish(w, spec)
            if lst is None:
                return ActionResult(False, refusal or "refused")
            return ActionResult(True, "published", lst.id)
        if isinstance(a, EditListing):
            return self._edit(a)
        if isinstance(a, SetListingStatus):
            lst = self._listing(a.listing)
            if lst is None or lst.status == "removed":
                return ActionResult(False, f"no listing {a.listing}")
            if a.status not in ("open", "busy", "paused"):
                return ActionResult(False, f"unknown status {a.status!r}")
            lst.status = a.status
            w.refresh(lst)
            w.emit(ev.LISTING_CHANGED, listing=lst.id, status=a.status)
            return ActionResult(True, f"listing is {a.status}", lst.id)
        if isinstance(a, SetHours):
            return self._set_hours(a)
        if isinstance(a, AnswerDecision):
            d = w.pending.get(a.decision)
            if d is None:
                return ActionResult(False, f"decision {a.decision} is not waiting")
            if a.option not in d.options and a.option != d.default:
                return ActionResult(
                    False, f"{a.option!r} is not an option ({', '.join(d.options)})"
                )
            d.resolve(a.option)
            return ActionResult(True, f"answered: {option_text(d.kind, a.option)}")
        if isinstance(a, Withdraw):
            ok, msg = w.money.withdraw(a.amount)
            return ActionResult(ok, msg)
        return ActionResult(False, "unknown action")

    def _listing(self, lid: int) -> Any:
        return next((x for x in self._world.player.listings if x.id == lid), None)

    def _edit(self, a: EditListing) -> ActionResult:
        from gigsim.model import rules

        w = self._world
        lst = self._listing(a.listing)
        if lst is None or lst.status == "removed":
            return ActionResult(False, f"no listing {a.listing}")
        price = lst.price if a.price is None else a.price
        cap = lst.cap if a.cap is None else a.cap
        problem = rules.moderation_problem(
            lst.category, price, cap, min(20, w.sc.platform.rules.max_cap), w.player.licences
        )
        options = lst.options
        if problem is None and a.options is not None:
            try:
                options = tuple(Option(name=n, price=p, hours=h) for n, p, h in a.options)
            except (ValueError, TypeError) as e:
                problem = f"options: {_first_error(e) if isinstance(e, ValueError) else e}"
        if problem is None and cap < lst.in_progress:
            problem = f"cap {cap} is below the {lst.in_progress} orders in progress"
        if problem is None and a.delivery_days is not None and not 0 < a.delivery_days <= 120:
            problem = "delivery days must be between 0 and 120"
        if problem is None and a.hours_per_order is not None and a.hours_per_order <= 0:
            problem = "hours per order must be positive"
        if problem:
            w.emit(ev.LISTING_REFUSED, listing=lst.id, reason=problem)
            return ActionResult(False, problem, lst.id)
        lst.price, lst.cap, lst.options = price, cap, options
        if a.title is not None:
            lst.title = a.title
        if a.delivery_days is not None:
            lst.delivery_days = a.delivery_days
        if a.hours_per_order is not None:
            lst.hours_per_order = a.hours_per_order
        w.refresh(lst)
        w.emit(
            ev.LISTING_CHANGED,
            listing=lst.id,
            price=lst.price,
            cap=lst.cap,
            delivery_days=lst.delivery_days,
        )
        return ActionResult(True, "listing updated", lst.id)

    def _set_hours(self, a: SetHours) -> ActionResult:
        w = self._world
        p = w.player
        if not (0 <= a.weekday <= 24 and 0 <= a.weekend <= 24):
            return ActionResult(False, "hours per day must be between 0 and 24")
        ot = p.hours_spec[2] if a.overtime_per_week is None else a.overtime_per_week
        if not 0 <= ot <= 100:
            return ActionResult(False, "overtime must be between 0 and 100 hours a week")
        if a.reply_hours is not None and a.reply_hours < 0:
            return ActionResult(False, "reply hours must not be negative")
        w.work.change_hours(p, *w.schedule_for(a.weekday, a.weekend, ot, False))
        p.hours_spec = (a.weekday, a.weekend, ot)
        if a.reply_hours is not None:
            p.reply_hours = a.reply_hours
        w.emit(
            ev.HOURS_CHANGED,
            weekday=a.weekday,
            weekend=a.weekend,
            overtime=ot,
            weekly=round(p.schedule.weekly_hours, 2),
        )
        return ActionResult(True, f"{p.schedule.weekly_hours:g} hours a week")

    # -- reading ------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        return take(self._world)

    def waiting_decisions(self, skip: frozenset[str] = frozenset()) -> tuple[int, ...]:
        """Ids of the decisions waiting for the player, leaving out the kinds in ``skip``
        (cheaper than a snapshot; read-only)."""
        return tuple(i for i, d in self._world.pending.items() if d.kind.value not in skip)

    def events(self, since: int = 0) -> list[Event]:
        return self._world.events[since:]

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
        """Hash of the state that a replay must reproduce."""
        w = self._world
        state = {
            "t": round(float(self.now), 9),  # a clock set to a whole day may hold an int
            "ledger": w.ledger.accounts(),
            "events": len(w.events),
            "reviews": w.reviews_histogram,
            "player": [w.player.n_reviews, w.player.stars_sum, w.player.rank, w.player.completed],
        }
        return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]

    # -- results (read-only, used by RunResult) -----------------------------
    # What a finished run reports (``gigsim.engine.result.RunResult``): plain
    # data copied out of the run, so that no caller holds a live model object.
    def months_closed(self) -> int:
        """How many months have closed so far (the month in progress is ``months_closed() + 1``)."""
        return self._world.month_index

    def month_records(self, months: int | None = None) -> list[dict[str, Any]]:
        """The closed months' figures, the first ``months`` of them (all when None).

        Each is a new dict with the keys of ``metrics.MONTH_KEYS``, in that order.
        """
        records = self._world.months if months is None else self._world.months[:months]
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
            if not lst.seller.is_player
        ]


def _first_error(e: ValueError) -> str:
    errors = getattr(e, "errors", None)
    if callable(errors):
        errs = errors()
        if errs:
            loc = ".".join(str(x) for x in errs[0].get("loc", ()))
            return f"{loc}: {errs[0].get('msg', 'invalid')}" if loc else str(errs[0].get("msg"))
    return str(e)

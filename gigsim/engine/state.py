"""The live state of a run that every subsystem shares, and the decisions put to sellers.

``State`` holds the kernel (``gigsim.engine.kernel``), the scenario, the
calendar, sellers, listings and markets, open orders and the month's
figures. The subsystems (work, money, orders, buyers, reviews and ranks,
months, computer sellers, risks) receive it with their other collaborators;
``gigsim.engine.world.World`` builds them. This module imports no subsystem.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import random
from collections.abc import Callable
from functools import partial
from typing import Any

from gigsim.engine.calendar import (
    CALENDAR_AHEAD,
    FIRST_CALENDAR,
    HorizonReached,
    last_month,
    month_starts,
)
from gigsim.engine.controllers import Books, NoBooks, Policy
from gigsim.engine.decisions import OPTIONS, Decision, DecisionKind
from gigsim.engine.entities import Listing, Order, Seller
from gigsim.engine.events import Event
from gigsim.engine.kernel import Kernel
from gigsim.engine.market import CategoryMarket
from gigsim.engine.metrics import MonthStats
from gigsim.engine.snapshot import SellerView, decision_view
from gigsim.model.scenario import Category, ListingSpec, Scenario
from gigsim.model.schedule import WeeklySchedule

HOUR = 1.0 / 24.0
PLAYER = "player"


class State:
    """All live state of one run, shared by the subsystems that change it.

    The kernel and its services (timers, streams, ids, ledger, bus, event log),
    the scenario, the calendar and the month's figures, sellers, listings and
    their category markets, open orders, and the decisions waiting on a seller.
    """

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        competitor_policy: Policy,
        planned_competitors: bool = True,
    ) -> None:
        self.sc = scenario
        self.seed = seed
        self._kernel_services(Kernel(seed))
        self.open_orders: dict[int, Order] = {}
        self.books: list[Books] = []
        """The books of the sellers a person follows (players), in the order they joined."""
        self.no_books = NoBooks(self.kernel, competitor_policy, planned_competitors)
        """The computer sellers' books (``controllers.NoBooks``), with their policy."""
        self.sellers: dict[str, Seller] = {}
        self.weekday0 = scenario.start_date.weekday()
        self.month_t = month_starts(
            scenario.start_date, min(FIRST_CALENDAR, last_month(scenario.start_date))
        )
        self.month_index = 0
        self.reviews_histogram = dict.fromkeys("12345", 0)
        self.markets = self._category_markets()
        self.rank_watch: set[str] = set()
        self.buyer_types = list(scenario.market.buyer_types.items())
        self.competitor_count = 0
        self.all_listings: list[Listing] = []
        self.month_hooks: list[Callable[[], None]] = []
        self.player: Seller
        """The first player (``setup.make_player``): the one the single-player facade acts for."""

    def _kernel_services(self, k: Kernel) -> None:
        """The kernel and the services of it that the subsystems use most, looked up once."""
        self.kernel = k
        self.at = k.at
        """Call a function after a delay in days (``Kernel.at``, the one way to schedule)."""
        self.next_id = k.next_id
        self.streams = k.streams
        self.rng: Callable[[str], random.Random] = k.rng
        """The run's random stream of a given name (see ``gigsim.engine.rng``)."""
        # the streams every order draws from
        self.rng_buyers = self.rng("buyers")
        self.rng_choice = self.rng("choice")
        self.rng_reviews = self.rng("reviews")
        self.rng_work = self.rng("work")
        self.ledger = k.ledger

    def _category_markets(self) -> dict[str, CategoryMarket]:
        sc, k = self.sc, self.kernel
        return {
            c.id: CategoryMarket(
                c, sc.market.search, sc.market.choice, sc.mechanisms, now=lambda: k.now
            )
            for c in sc.categories
        }

    # ------------------------------------------------------------------
    # bookkeeping
    # ------------------------------------------------------------------
    @property
    def now(self) -> float:
        return self.kernel.now

    def emit(self, event_kind: str, /, **data: Any) -> None:
        """A market-wide event (a seller entering or leaving): every player's log records it."""
        for b in self.books:
            b.emit(event_kind, **data)

    @property
    def events(self) -> list[Event]:
        """The first player's event log."""
        events: list[Event] = self.player.books.events
        return events

    @property
    def months(self) -> list[MonthStats]:
        """The first player's closed months."""
        months: list[MonthStats] = self.player.books.months
        return months

    @property
    def cur(self) -> MonthStats:
        """The first player's month in progress."""
        cur: MonthStats = self.player.books.cur
        return cur

    @property
    def pending(self) -> dict[int, Decision]:
        """The decisions waiting for the first player."""
        pending: dict[int, Decision] = self.player.books.pending
        return pending

    @property
    def player_orders(self) -> dict[int, Order]:
        """The first player's orders of the month under way and those still open."""
        orders: dict[int, Order] = self.player.books.orders
        return orders

    def waiting_decisions(self) -> bool:
        """Whether a decision waits for a human."""
        return any(b.pending for b in self.books)

    def date_of(self, t: float) -> dt.date:
        return self.sc.start_date + dt.timedelta(days=math.floor(t + 1e-9))

    def month_time(self, i: int) -> float:
        """Start of 0-based month ``i`` in days; the calendar grows to reach it.

        The game has no last month short of ``MAX_MONTHS``: growing the calendar
        (rather than ending the game at a fixed month) lets the player play on
        as long as they like, with reports and ranks working as before.
        """
        if i < 0:
            raise ValueError(f"month index {i} is negative")
        have = len(self.month_t) - 1
        if i > have:
            limit = last_month(self.sc.start_date)
            if i > limit:
                raise HorizonReached(
                    f"the calendar ends after {limit} months; this game cannot go further"
                )
            n = min(limit, max(i, have + CALENDAR_AHEAD))
            self.month_t.extend(month_starts(self.sc.start_date, n, have + 1))
        return self.month_t[i]

    def new_month(self, i: int) -> MonthStats:
        with contextlib.suppress(HorizonReached):  # near the very end, no year ahead is left
            self.month_time(i + 1 + CALENDAR_AHEAD)
        start, end = self.month_t[i], self.month_time(i + 1)
        d = self.date_of(start)
        label = f"{d.year}-{d.month:02d}"
        return MonthStats(month=i + 1, start=start, end=end, label=label)

    def month_of(self, t: float) -> int:
        # months are few; a linear scan from the current month is cheap
        i = self.month_index
        while i + 1 < len(self.month_t) and t >= self.month_t[i + 1]:
            i += 1
        return i

    # ------------------------------------------------------------------
    # sellers, listings, work
    # ------------------------------------------------------------------
    def schedule_for(
        self, weekday: float, weekend: float, overtime: float, always: bool
    ) -> tuple[WeeklySchedule, WeeklySchedule | None]:
        if always:
            return WeeklySchedule.always(self.weekday0), None
        normal = WeeklySchedule.side_gig(weekday, weekend, self.weekday0)
        ot = None
        if overtime > 0:
            extra = overtime / 7.0
            ot = WeeklySchedule.side_gig(
                min(24.0, weekday + extra), min(24.0, weekend + extra), self.weekday0
            )
        return normal, ot

    def add_listing(
        self, seller: Seller, cat: Category, spec: ListingSpec, boosted: bool
    ) -> Listing:
        lst = Listing(
            id=self.next_id(),
            seller=seller,
            category=cat,
            title=spec.title,
            price=spec.price,
            options=spec.options,
            delivery_days=spec.delivery_days,
            hours_per_order=spec.hours_per_order,
            cap=spec.cap,
            status=spec.status,
            created=self.now,
            boosted=boosted and self.sc.market.search.new_boost_days > 0,
        )
        seller.listings.append(lst)
        self.all_listings.append(lst)
        self.markets[cat.id].add(lst, self.now)
        if lst.boosted:
            self.at(self.sc.market.search.new_boost_days, partial(self._end_boost, lst))
        return lst

    def _end_boost(self, lst: Listing) -> None:
        lst.boosted = False
        self.markets[lst.category.id].rescore(lst)

    def refresh(self, lst: Listing) -> None:
        if lst.status != "removed":
            self.markets[lst.category.id].refresh(lst, self.kernel.now)

    def refresh_seller(self, s: Seller) -> None:
        for lst in s.listings:
            self.refresh(lst)

    # ------------------------------------------------------------------
    # decisions
    # ------------------------------------------------------------------
    def _decision(
        self, kind: DecisionKind, seller: Seller, hours: float, info: dict[str, Any], at: float
    ) -> Decision:
        """A decision put to ``seller`` at ``at``, due ``hours`` later."""
        options, default = OPTIONS[kind]
        return Decision(
            id=self.next_id(),
            kind=kind,
            seller_id=seller.id,
            created=at,
            deadline=at + hours * HOUR,
            options=options,
            default=default,
            info=info,
            resolve=lambda opt: None,
        )

    def _policy_answer(self, dec: Decision, seller: Seller, at: float) -> tuple[str, float]:
        """The seller's policy's (option, delay), given the decision and what the seller sees
        (``SellerView``): an unknown option is the default, and so is any answer that would
        come after the deadline (then at the deadline)."""
        policy = seller.books.policy
        option, delay = policy(decision_view(dec), SellerView(self, seller))
        if option not in dec.options and option != dec.default:
            option = dec.default
        if at + delay >= dec.deadline:
            option, delay = dec.default, dec.deadline - at
        return option, delay

    def request_decision(
        self,
        kind: DecisionKind,
        seller: Seller,
        hours: float,
        info: dict[str, Any],
        then: Callable[[str], None],
    ) -> None:
        """Ask ``seller`` to decide; ``then`` is called with the chosen option, one step later.

        The seller's policy answers (after its delay), or, with none, a human
        does through the facade; at the deadline the default applies.
        """
        dec = self._decision(kind, seller, hours, info, self.now)
        books = seller.books
        dec.resolve = partial(self._resolve, dec, books, then)
        if books.policy is None:
            books.asked(dec)
            self.at(dec.deadline - self.now, partial(dec.resolve, dec.default))
            return
        option, delay = self._policy_answer(dec, seller, self.now)
        books.asked(dec)
        if delay <= 0:
            dec.resolve(option)
        else:
            self.at(delay, partial(dec.resolve, option))

    def _resolve(
        self, dec: Decision, books: Books | NoBooks, then: Callable[[str], None], option: str
    ) -> None:
        """The decision is answered (the first answer counts): the books hear, then the flow."""
        if dec.answered is not None:
            return
        dec.answered = option
        defaulted = option == dec.default and self.now >= dec.deadline - 1e-12
        books.answered(dec, option, defaulted)
        self.at(0.0, partial(then, option))

    def decide_now(
        self, kind: DecisionKind, seller: Seller, hours: float, info: dict[str, Any], at: float
    ) -> tuple[str, float]:
        """A computer seller's answer to a decision put to it at ``at``: (option, delay in days).

        For planned orders (``Orders.plan``): the seller's policy answers as
        in ``request_decision``, but nothing waits on an event. The policy is
        asked when the order is planned (``self.now`` is then the order's
        placement), so a computer sellers' policy must answer from the
        decision itself and the seller, as the shipped one does, not from the
        state of the world.
        """
        dec = self._decision(kind, seller, hours, info, at)
        option, delay = self._policy_answer(dec, seller, at)
        dec.answered = option
        return option, max(0.0, delay)

    # ------------------------------------------------------------------
    # orders
    # ------------------------------------------------------------------
    def work_hours(self, mean: float) -> float:
        dist = self.sc.mechanisms.work_time
        rng = self.rng_work
        if dist == "fixed":
            return mean
        if dist == "exponential":
            return rng.expovariate(1.0 / mean)
        # gamma with shape 4: the sum of four exponential draws (exact, and cheaper
        # than random.gammavariate's rejection sampling)
        r = rng.random
        return -mean / 4.0 * math.log((1.0 - r()) * (1.0 - r()) * (1.0 - r()) * (1.0 - r()))

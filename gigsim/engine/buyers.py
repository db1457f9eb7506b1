"""Buyers: arrivals, searches, inquiries and public requests.

Each category's buyers arrive as a non-homogeneous Poisson process; a buyer
sorts the list and looks down it, picks one listing or nothing, may ask
first, or posts a public request that sellers propose to. Every buyer the
player did not win is recorded with the reason.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import partial

from gigsim.engine import events as ev
from gigsim.engine import request_rule
from gigsim.engine.controllers import Books, NoBooks
from gigsim.engine.decisions import DecisionKind
from gigsim.engine.entities import Activity, Listing
from gigsim.engine.market import (
    FULL,
    NOT_SEEN,
    PRICE,
    SLOW_REPLY,
    CategoryMarket,
)
from gigsim.engine.orders import Orders
from gigsim.engine.rng import poisson
from gigsim.engine.state import State
from gigsim.engine.work import Work
from gigsim.model import market_rules
from gigsim.model.market_rules import choice_weights
from gigsim.model.scenario import Category

QUOTE_HIGHER = 1.3
"""A quote "30% above your listed price" is the listed price times this."""
ANSWER_SHARE = 0.9
"""The seller answers a public request within this share of its window (the buyer then
chooses among the proposals at the window's end)."""


class Buyers:
    """Buyers' arrivals and choices. Collaborators: the run's state, ``Work`` (a proposal's
    hours) and ``Orders`` (an order placed)."""

    def __init__(self, state: State, work: Work, orders: Orders) -> None:
        self.w = state
        self.work = work
        self.orders = orders

    def arrival_factor(self, cat: Category, t: float) -> float:
        day = int(t + self.w.weekday0) % 7
        month = (self.w.sc.start_date.month - 1 + self.w.month_of(t)) % 12
        return market_rules.arrival_factor(self.w.sc.market, day, month, t)

    def start_arrivals(self, cat: Category) -> None:
        """Start the category's stream of buyers (see ``Arrivals``)."""
        if cat.buyers_per_day > 0:
            Arrivals(self, cat).schedule_next()

    def draw_buyer_type(self) -> str:
        u = self.w.rng_buyers.random()
        acc = 0.0
        for name, bt in self.w.buyer_types:
            acc += bt.share
            if u < acc:
                return name
        return self.w.buyer_types[-1][0]

    def followers(self, market: CategoryMarket) -> list[tuple[Books, list[Listing]]]:
        """The players selling in ``market`` (a listing not removed), each with their listings."""
        out: list[tuple[Books, list[Listing]]] = []
        for lst in market.followed:
            b: Books = lst.seller.books
            if out and out[-1][0] is b:
                out[-1][1].append(lst)
                continue
            for ob, listings in out:
                if ob is b:
                    listings.append(lst)
                    break
            else:
                out.append((b, [lst]))
        return [(b, ls) for b, ls in out if any(lst.status != "removed" for lst in ls)]

    @staticmethod
    def lose(b: Books | NoBooks, reason: str) -> None:
        b.cur.lost_buyers[reason] += 1

    def won(self, lst: Listing, btype: str, via: str, price: int | None = None) -> bool:
        """A shopping buyer orders from the listing; a listing that cannot sell loses them."""
        b = lst.seller.books
        if self.orders.place(lst, btype, via=via, price=price) is None:
            self.lose(b, FULL)
            return False
        b.cur.buyers_won += 1
        return True

    def buyer_arrives(self, market: CategoryMarket) -> None:
        ch = self.w.sc.market.choice
        mech = self.w.sc.mechanisms
        rivals = self.followers(market)
        for b, _ in rivals:
            b.cur.buyers_in_categories += 1
        btype = self.draw_buyer_type()
        rng = self.w.rng_choice
        if mech.public_requests and rng.random() < ch.public_request_share:
            self.post_request(market, btype, rivals)
            return
        v = market.visit(rng, self.w.now, self.w.sc.market.risks.storm_demand_factor)
        chosen = v.chosen
        winner = chosen.seller.books if chosen is not None else None
        for b, listings in rivals:
            if b is not winner:
                self.lose(b, market.loss_reason(chosen, market.seen(v, listings)))
        if chosen is None:
            return
        if mech.inquiries:
            u = rng.random()
            if u < ch.inquiry_share:
                self.inquiry(chosen, btype, quote=False)
                return
            if u < ch.inquiry_share + ch.quote_share:
                self.inquiry(chosen, btype, quote=True)
                return
        self.won(chosen, btype, via="search")

    def inquiry(self, lst: Listing, btype: str, quote: bool) -> None:
        patience = self.w.rng("buyers").expovariate(
            1.0 / self.w.sc.market.choice.inquiry_patience_hours
        )
        kind = DecisionKind.quote_request if quote else DecisionKind.inquiry
        s = lst.seller
        b = s.books
        info = {"listing": lst.id, "title": lst.title, "price": lst.price, "buyer_type": btype}
        b.emit(ev.INQUIRY_RECEIVED, listing=lst.id, quote=quote, buyer_type=btype)
        b.waiting += 1
        self.w.request_decision(
            kind, s, patience, info, partial(self._inquiry_answered, lst, btype, quote)
        )

    def _inquiry_answered(self, lst: Listing, btype: str, quote: bool, option: str) -> None:
        b = lst.seller.books
        b.waiting -= 1
        if option in ("answer", "quote_list"):
            self.won(lst, btype, "quote" if quote else "inquiry")
        elif option == "quote_higher":
            price = round(lst.price * QUOTE_HIGHER)
            accept = market_rules.quote_acceptance(
                QUOTE_HIGHER, self.w.sc.market.choice, self.w.sc.mechanisms.price_effect
            )
            if self.w.rng("buyers").random() < accept:
                self.won(lst, btype, "quote", price)
            else:
                self.lose(b, PRICE)
        elif option == "ignore":
            self.lose(b, SLOW_REPLY)
            b.emit(ev.INQUIRY_LOST, listing=lst.id, reason="no answer in time")
        else:
            b.cur.declined += 1

    def post_request(
        self, market: CategoryMarket, btype: str, rivals: list[tuple[Books, list[Listing]]]
    ) -> None:
        """A buyer posts a public request; sellers propose; the buyer picks at the window's end."""
        ch = self.w.sc.market.choice
        cat = market.cat
        rng = self.w.rng("requests")
        budget = market_rules.request_budget(rng.gauss(0.0, ch.request_budget_sigma), cat)
        req = Request(cat, btype, budget, [], rng)
        # computer sellers: a few of the category's listings propose (sampled, not scanned)
        market.expire(self.w.now)
        keys = market.keys
        c = self.w.sc.competitors
        n_prop = min(poisson(rng, c.propose_prob * len(keys)), c.max_proposals, len(keys))
        for i in rng.sample(range(len(keys)), n_prop) if n_prop else ():
            lst = keys[i][2]
            if lst.seller.books.follows or lst.full:  # players are asked, below
                continue
            price = max(cat.price_floor, min(lst.price, budget))
            # computer sellers' proposal hours are not tracked: only the players' hours are reported
            req.proposals.append((lst, price))
        for b, listings in rivals:
            b.waiting += 1
            now = self.w.now
            asked = next((x for x in listings if x.published and not x.seller.suspended(now)), None)
            req.players.append((b, asked))
            if asked is not None:
                self._offer(req, b, asked, listings)
        self.w.at(ch.request_window_days, partial(self._choose, market, req))

    def _offer(self, req: Request, b: Books, lst: Listing, listings: list[Listing]) -> None:
        """The request reaches a player: their standing rule proposes or passes, or they are
        asked (``gigsim.engine.request_rule``). A rule proposes with the first of the player's
        listings in the category that is published and not full (``lst``, the first
        published, when all are full)."""
        b.cur.requests += 1
        if b.rule.rule is not None:
            lst = next((x for x in listings if x.published and not x.full), lst)
        week = request_rule.week_of(self.w.now, self.w.weekday0)
        what, why = request_rule.verdict(b.rule, req.cat.id, req.budget, lst, week)
        if what == request_rule.ASK:
            self._ask_to_propose(req, b, lst, why)
            return
        b.emit(
            ev.REQUEST_POSTED,
            category=req.cat.id,
            budget=req.budget,
            buyer_type=req.btype,
            rule="proposed" if what == request_rule.PROPOSE else "passed",
            **({"why": why} if why else {}),
        )
        if what == request_rule.PROPOSE:
            rule = b.rule.rule
            assert rule is not None
            b.rule.count(week)
            price = request_rule.proposal_price(rule, req.budget, lst, req.cat.price_floor)
            self._propose(req, b, lst, price, by_rule=True)
        else:
            b.cur.requests_passed += 1

    def _ask_to_propose(self, req: Request, b: Books, lst: Listing, why: str = "") -> None:
        ch = self.w.sc.market.choice
        rule = {"rule": "asked", "why": why} if why else {}  # a rule that did not take it
        b.emit(
            ev.REQUEST_POSTED, category=req.cat.id, budget=req.budget, buyer_type=req.btype, **rule
        )
        info = {
            "listing": lst.id,
            "category": req.cat.id,
            "budget": req.budget,
            "buyer_type": req.btype,
            "window_days": ch.request_window_days,
        }
        self.w.request_decision(
            DecisionKind.public_request,
            lst.seller,
            ch.request_window_days * 24.0 * ANSWER_SHARE,
            info,
            partial(self._proposal_answered, req, b, lst),
        )

    def _proposal_answered(self, req: Request, b: Books, lst: Listing, option: str) -> None:
        if option not in ("propose_budget", "propose_low"):
            return
        budget = req.budget
        price = budget if option == "propose_budget" else int(budget * request_rule.PROPOSE_LOW)
        self._propose(req, b, lst, max(req.cat.price_floor, price), by_rule=False)

    def _propose(self, req: Request, b: Books, lst: Listing, price: int, by_rule: bool) -> None:
        """The player's proposal: in the buyer's list, and its hours in the seller's queue."""
        req.proposals.append((lst, price))
        req.proposed[id(b)] = by_rule
        b.cur.proposals_sent += 1
        b.cur.proposals_by_rule += by_rule
        self.work.enqueue(
            lst.seller,
            self.work.new_item(
                self.w.now, self.w.sc.market.choice.proposal_hours, Activity.proposal
            ),
        )
        marked = {"by_rule": True} if by_rule else {}
        b.emit(ev.PROPOSAL_SENT, listing=lst.id, price=price, budget=req.budget, **marked)

    def _choose(self, market: CategoryMarket, req: Request) -> None:
        """At the window's end the buyer picks one proposal or none (``request_choice``)."""
        order = None
        chosen = self._pick(req)
        if chosen is not None:
            order = self.orders.place(chosen[0], req.btype, via="request", price=chosen[1])
        for b, _ in req.players:
            b.waiting -= 1
        for b, lst in req.players:
            if id(b) in req.proposed:
                won = order is not None and order.seller.books is b
                marked = {"by_rule": True} if req.proposed[id(b)] else {}
                b.cur.proposals_decided += 1
                b.emit(ev.PROPOSAL_RESULT, won=won, budget=req.budget, **marked)
                if won:
                    b.cur.buyers_won += 1
                    b.cur.proposals_won += 1
                else:
                    winner = order.listing if order is not None else None
                    self.lose(b, market.loss_reason(winner, lst))
            else:
                self.lose(b, NOT_SEEN)

    def _pick(self, req: Request) -> tuple[Listing, int] | None:
        ch = self.w.sc.market.choice
        cat = req.cat
        utilities: list[float | None] = []
        for lst, price in req.proposals:
            if not lst.buyable(self.w.now):
                utilities.append(None)
                continue
            comps = list(lst.comps)
            if self.w.sc.mechanisms.price_effect:
                comps[0] = market_rules.price_utility(price, cat, ch)
            utilities.append(sum(comps) + ch.proposal_bonus)
        weights, total = choice_weights(
            utilities, ch.outside_utility if ch.outside_option else None
        )
        i = market_rules.pick(weights, total, req.rng.random()) if total > 0 else None
        return None if i is None else req.proposals[i]


@dataclass
class Request:
    """A buyer's public request while its window is open."""

    cat: Category
    btype: str
    budget: int
    proposals: list[tuple[Listing, int]]
    rng: random.Random
    players: list[tuple[Books, Listing | None]] = field(default_factory=list)
    """The players selling in the category when it was posted, each with the listing asked."""
    proposed: dict[int, bool] = field(default_factory=dict)
    """The players' books that proposed (by id), each with whether their rule did."""


class Arrivals:
    """One category's buyers: a non-homogeneous Poisson process drawn by thinning.

    Candidates come at a constant bound rate over 30-day windows and each is
    kept with probability rate(t) / bound, which gives exactly the
    weekday, seasonal and growth-shaped rate. The bound is the highest rate
    within the window (the months it touches, the busiest weekday, growth at
    its end), so few candidates are thrown away. Each buyer is one timer;
    no process is needed.
    """

    WINDOW = 30.0

    def __init__(self, buyers: Buyers, cat: Category) -> None:
        w = buyers.w
        self.buyers = buyers
        self.w = w
        self.cat = cat
        self.market = w.markets[cat.id]
        self.rng = w.rng(f"arrivals:{cat.id}")
        self.seasonal = w.sc.mechanisms.seasonality
        self.w_end = -1.0
        self.bound = 0.0

    def _window_from(self, t: float) -> None:
        w, m = self.w, self.w.sc.market
        self.w_end = t + self.WINDOW
        first, last = w.month_of(t), w.month_of(self.w_end)
        month0 = w.sc.start_date.month - 1
        peak_month = max(m.month_factors[(month0 + i) % 12] for i in range(first, last + 1))
        growth = max(1.0, market_rules.growth_factor(m, self.w_end))
        self.bound = self.cat.buyers_per_day * max(m.weekday_factors) * peak_month * growth

    def schedule_next(self) -> None:
        w = self.w
        now = w.now
        if not self.seasonal:
            w.at(self.rng.expovariate(self.cat.buyers_per_day), self._arrive)
            return
        if now >= self.w_end:
            self._window_from(now)
        if self.bound <= 0:
            # no buyers in this window (a month factor of 0): look again at its end
            w.at(self.w_end - now, self.schedule_next)
            return
        gap = self.rng.expovariate(self.bound)
        if now + gap <= self.w_end:
            w.at(gap, self._candidate)
        else:
            # no candidate left in this window: draw afresh from its end (memoryless)
            w.at(self.w_end - now, self.schedule_next)

    def _candidate(self) -> None:
        w = self.w
        if self.rng.random() * self.bound <= self.cat.buyers_per_day * self.buyers.arrival_factor(
            self.cat, w.now
        ):
            self.buyers.buyer_arrives(self.market)
        self.schedule_next()

    def _arrive(self) -> None:
        self.buyers.buyer_arrives(self.market)
        self.schedule_next()

"""The player's seller at the start of a run, and publishing the player's listings.

Moderation answers at once: a refused listing is never shown to buyers. The
computer sellers are built by ``gigsim.engine.competitors``.
"""

from __future__ import annotations

from typing import Any

from gigsim.engine import events as ev
from gigsim.engine.accounts import OPENING
from gigsim.engine.controllers import Books, Policy, Review
from gigsim.engine.entities import Listing, Seller
from gigsim.engine.money import Money
from gigsim.engine.state import State
from gigsim.model import rules
from gigsim.model.scenario import ListingSpec, Player


def make_player(
    w: State, money: Money, p: Player, seller_id: str, policy: tuple[Policy, Review | None] | None
) -> Seller:
    """A player's seller: hours, skills, opening balance and listings; books kept for them.

    ``policy`` answers the player's decisions and reviews their listings weekly (a
    headless run), or None: a human does. The first player made is ``State.player``.
    """
    normal, ot = w.schedule_for(
        p.hours.weekday, p.hours.weekend, p.hours.overtime_per_week, p.hours.always
    )
    s = Seller(
        id=seller_id,
        name=p.name,
        schedule=normal,
        overtime=ot,
        reply_hours=p.reply_hours,
        disclosure=p.disclosure,
        id_verified=p.id_verified,
        licences=frozenset(p.licences),
        skills={c.id: p.skills.get(c.id, 0.5) for c in w.sc.categories},
    )
    s.hours_spec = (p.hours.weekday, p.hours.weekend, p.hours.overtime_per_week)
    decide, review = policy if policy is not None else (None, None)
    books = Books(s.id, w.new_month(w.month_index), w.kernel, decide, review)
    s.books = books
    w.books.append(books)
    w.sellers[s.id] = s
    if len(w.books) == 1:
        w.player = s
    if p.balance:
        w.ledger.transfer(OPENING, books.balance, p.balance)
        money.new_lot(books, p.balance)
    for spec in p.listings:
        publish(w, spec, s)
    return s


def refusal_args(refusal: rules.Refusal) -> dict[str, Any]:
    """A moderation refusal as a refused listing's result and event hold it: its English
    ``reason``, its code (``refusal``) and the code's arguments (``refusal_args``), which
    ``gigsim.model.rules.refusal_message`` words in the player's language."""
    return {"reason": refusal.reason, "refusal": refusal.code, "refusal_args": dict(refusal.args)}


def publish(
    w: State, spec: ListingSpec, s: Seller
) -> tuple[Listing | None, rules.Refusal | str | None]:
    """Moderation answers at once: a refused listing is never shown to buyers.

    The listing, or None and why: the platform's refusal, or the problem (an unknown category).
    """
    books: Books = s.books
    try:
        cat = w.sc.category(spec.category)
    except KeyError:
        problem = f"unknown category {spec.category!r}"
        books.emit(
            ev.LISTING_REFUSED, category=spec.category, title=spec.title, reason=problem,
            code="unknown_category",
        )  # fmt: skip
        return None, problem
    refusal = rules.moderation_refusal(
        cat, spec.price, spec.cap, w.sc.platform.rules.max_cap, s.licences
    )
    if refusal is not None:
        books.emit(
            ev.LISTING_REFUSED, category=spec.category, title=spec.title, code="refused",
            **refusal_args(refusal),
        )  # fmt: skip
        return None, refusal
    lst = w.add_listing(s, cat, spec, boosted=True)
    books.emit(
        ev.LISTING_PUBLISHED,
        listing=lst.id,
        category=cat.id,
        title=lst.title,
        price=lst.price,
        cap=lst.cap,
        delivery_days=lst.delivery_days,
        status=lst.status,
    )
    return lst, None

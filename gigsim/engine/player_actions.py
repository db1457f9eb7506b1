"""What a player's actions do: listings, hours, answers to decisions, withdrawals.

Each action is applied for one player (a seller with books, ``gigsim.engine.controllers``),
whose books record the events that follow; the facade journals it first.
"""

from __future__ import annotations

from dataclasses import dataclass

from gigsim.engine import events as ev
from gigsim.engine.actions import (
    Action,
    AnswerDecision,
    CreateListing,
    EditListing,
    SetHours,
    SetListingStatus,
    Withdraw,
)
from gigsim.engine.controllers import Books
from gigsim.engine.decisions import option_text
from gigsim.engine.entities import Listing, Seller
from gigsim.engine.setup import publish
from gigsim.engine.world import World
from gigsim.model import rules
from gigsim.model.scenario import ListingSpec, Option


@dataclass(frozen=True)
class ActionResult:
    ok: bool
    message: str
    listing: int | None = None


def apply(w: World, p: Seller, a: Action) -> ActionResult:
    """Apply action ``a`` of the player selling as ``p`` (their books record what follows)."""
    b: Books = p.books
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
            b.emit(ev.LISTING_REFUSED, category=a.category, title=a.title, reason=why)
            return ActionResult(False, why)
        lst, refusal = publish(w, spec, p)
        if lst is None:
            return ActionResult(False, refusal or "refused")
        return ActionResult(True, "published", lst.id)
    if isinstance(a, EditListing):
        return _edit(w, p, a)
    if isinstance(a, SetListingStatus):
        lst = _listing(p, a.listing)
        if lst is None or lst.status == "removed":
            return ActionResult(False, f"no listing {a.listing}")
        if a.status not in ("open", "busy", "paused"):
            return ActionResult(False, f"unknown status {a.status!r}")
        lst.status = a.status
        w.refresh(lst)
        b.emit(ev.LISTING_CHANGED, listing=lst.id, status=a.status)
        return ActionResult(True, f"listing is {a.status}", lst.id)
    if isinstance(a, SetHours):
        return _set_hours(w, p, a)
    if isinstance(a, AnswerDecision):
        d = b.pending.get(a.decision)
        if d is None:
            return ActionResult(False, f"decision {a.decision} is not waiting")
        if a.option not in d.options and a.option != d.default:
            return ActionResult(False, f"{a.option!r} is not an option ({', '.join(d.options)})")
        d.resolve(a.option)
        return ActionResult(True, f"answered: {option_text(d.kind, a.option)}")
    if isinstance(a, Withdraw):
        ok, msg = w.money.withdraw(b, a.amount)
        return ActionResult(ok, msg)
    return ActionResult(False, "unknown action")


def _listing(p: Seller, lid: int) -> Listing | None:
    return next((x for x in p.listings if x.id == lid), None)


def _edit(w: World, p: Seller, a: EditListing) -> ActionResult:
    b: Books = p.books
    lst = _listing(p, a.listing)
    if lst is None or lst.status == "removed":
        return ActionResult(False, f"no listing {a.listing}")
    price = lst.price if a.price is None else a.price
    cap = lst.cap if a.cap is None else a.cap
    problem = rules.moderation_problem(
        lst.category, price, cap, min(20, w.sc.platform.rules.max_cap), p.licences
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
        b.emit(ev.LISTING_REFUSED, listing=lst.id, reason=problem)
        return ActionResult(False, problem, lst.id)
    lst.price, lst.cap, lst.options = price, cap, options
    if a.title is not None:
        lst.title = a.title
    if a.delivery_days is not None:
        lst.delivery_days = a.delivery_days
    if a.hours_per_order is not None:
        lst.hours_per_order = a.hours_per_order
    w.refresh(lst)
    b.emit(
        ev.LISTING_CHANGED,
        listing=lst.id,
        price=lst.price,
        cap=lst.cap,
        delivery_days=lst.delivery_days,
    )
    return ActionResult(True, "listing updated", lst.id)


def _set_hours(w: World, p: Seller, a: SetHours) -> ActionResult:
    b: Books = p.books
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
    b.emit(
        ev.HOURS_CHANGED,
        weekday=a.weekday,
        weekend=a.weekend,
        overtime=ot,
        weekly=round(p.schedule.weekly_hours, 2),
    )
    return ActionResult(True, f"{p.schedule.weekly_hours:g} hours a week")


def _first_error(e: ValueError) -> str:
    errors = getattr(e, "errors", None)
    if callable(errors):
        errs = errors()
        if errs:
            loc = ".".join(str(x) for x in errs[0].get("loc", ()))
            return f"{loc}: {errs[0].get('msg', 'invalid')}" if loc else str(errs[0].get("msg"))
    return str(e)

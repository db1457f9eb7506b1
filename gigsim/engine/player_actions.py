"""What a player's actions do: listings, hours, disclosure, answers to decisions, withdrawals.

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
    SetDisclosure,
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
    if isinstance(a, SetDisclosure):
        return _set_disclosure(w, p, a)
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
    """Edit a listing: the edited listing must be a valid listing spec (the same bounds as
    a new one) that the platform's moderation accepts, and hold the orders in progress."""
    b: Books = p.books
    lst = _listing(p, a.listing)
    if lst is None or lst.status == "removed":
        return ActionResult(False, f"no listing {a.listing}")
    spec, problem = _edited_spec(lst, a)
    if spec is not None:
        problem = rules.moderation_problem(
            lst.category, spec.price, spec.cap, w.sc.platform.rules.max_cap, p.licences
        )
        if problem is None and spec.cap < lst.in_progress:
            problem = f"cap {spec.cap} is below the {lst.in_progress} orders in progress"
    if spec is None or problem:
        reason = problem or "refused"
        b.emit(ev.LISTING_REFUSED, listing=lst.id, reason=reason)
        return ActionResult(False, reason, lst.id)
    lst.title, lst.price, lst.cap, lst.options = spec.title, spec.price, spec.cap, spec.options
    lst.delivery_days, lst.hours_per_order = spec.delivery_days, spec.hours_per_order
    w.refresh(lst)
    b.emit(
        ev.LISTING_CHANGED,
        listing=lst.id,
        price=lst.price,
        cap=lst.cap,
        delivery_days=lst.delivery_days,
    )
    return ActionResult(True, "listing updated", lst.id)


def _edited_spec(lst: Listing, a: EditListing) -> tuple[ListingSpec | None, str | None]:
    """The listing as ``a`` would leave it, validated as a listing spec; or (None, the problem).

    A field of the wrong type is not a value to refuse but an action the engine cannot
    take (a hand-edited save): it raises ``TypeError``.
    """
    _check_types(a)
    try:
        options = (
            lst.options
            if a.options is None
            else tuple(Option(name=n, price=pr, hours=h) for n, pr, h in a.options)
        )
    except (ValueError, TypeError) as e:
        return None, f"options: {_first_error(e) if isinstance(e, ValueError) else e}"
    try:
        spec = ListingSpec(
            category=lst.category.id,
            title=lst.title if a.title is None else a.title,
            price=lst.price if a.price is None else a.price,
            options=options,
            delivery_days=lst.delivery_days if a.delivery_days is None else a.delivery_days,
            hours_per_order=lst.hours_per_order if a.hours_per_order is None else a.hours_per_order,
            cap=lst.cap if a.cap is None else a.cap,
            status=lst.status,
        )
    except ValueError as e:
        return None, _first_error(e)
    return spec, None


def _check_types(a: EditListing) -> None:
    for name in ("price", "cap"):
        value = getattr(a, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"{name} {value!r} is not a whole number")
    for name in ("delivery_days", "hours_per_order"):
        value = getattr(a, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise TypeError(f"{name} {value!r} is not a number")
    if a.title is not None and not isinstance(a.title, str):
        raise TypeError(f"title {a.title!r} is not text")


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


def _set_disclosure(w: World, p: Seller, a: SetDisclosure) -> ActionResult:
    """How much the player discloses: buyers' trust (their choice) and harassment follow it."""
    level = a.level
    if isinstance(level, bool) or not isinstance(level, int | float):
        raise TypeError(f"disclosure {level!r} is not a number")  # a hand-edited save
    if not 0.0 <= level <= 1.0:  # NaN too
        return ActionResult(False, "disclosure must be between 0 and 1")
    p.disclosure = float(level)
    w.refresh_seller(p)
    w.risks.disclosure_changed(p)
    p.books.emit(ev.DISCLOSURE_CHANGED, level=p.disclosure)
    return ActionResult(True, f"disclosure {p.disclosure:.0%}")


def _first_error(e: ValueError) -> str:
    errors = getattr(e, "errors", None)
    if callable(errors):
        errs = errors()
        if errs:
            loc = ".".join(str(x) for x in errs[0].get("loc", ()))
            return f"{loc}: {errs[0].get('msg', 'invalid')}" if loc else str(errs[0].get("msg"))
    return str(e)

"""What a player's actions do: listings, hours, disclosure, answers to decisions, withdrawals.

Each action is applied for one player (a seller with books, ``gigsim.engine.controllers``),
whose books record the events that follow; the facade journals it first.
"""

from __future__ import annotations

from typing import Any

from gigsim.engine import events as ev
from gigsim.engine import request_rule
from gigsim.engine.actions import (
    Action,
    ActionResult,
    AnswerDecision,
    CreateListing,
    EditListing,
    SetDisclosure,
    SetHours,
    SetListingStatus,
    SetRequestRule,
    Withdraw,
    result,
)
from gigsim.engine.controllers import Books
from gigsim.engine.decisions import option_text
from gigsim.engine.entities import Listing, Seller
from gigsim.engine.setup import publish, refusal_args
from gigsim.engine.world import World
from gigsim.model import rules
from gigsim.model.scenario import ListingSpec, Option


def apply(w: World, p: Seller, a: Action) -> ActionResult:
    """Apply action ``a`` of the player selling as ``p`` (their books record what follows)."""
    if isinstance(a, CreateListing):
        return _create(w, p, a)
    if isinstance(a, EditListing):
        return _edit(w, p, a)
    if isinstance(a, SetListingStatus):
        return _set_status(w, p, a)
    if isinstance(a, SetHours):
        return _set_hours(w, p, a)
    if isinstance(a, SetDisclosure):
        return _set_disclosure(w, p, a)
    if isinstance(a, SetRequestRule):
        return _set_request_rule(w, p, a)
    if isinstance(a, AnswerDecision):
        return _answer(p, a)
    if isinstance(a, Withdraw):
        return w.money.withdraw(p.books, a.amount)
    return result(False, "unknown action", "unknown_action")


def _create(w: World, p: Seller, a: CreateListing) -> ActionResult:
    b: Books = p.books
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
        invalid = _invalid(e)
        b.emit(
            ev.LISTING_REFUSED, category=a.category, title=a.title, reason=why, code="invalid",
            **invalid,
        )  # fmt: skip
        return result(False, why, "invalid", **invalid)
    lst, refusal = publish(w, spec, p)
    if isinstance(refusal, rules.Refusal):
        return result(False, refusal.reason, "refused", **refusal_args(refusal))
    if lst is None:
        return result(False, refusal or "refused", "unknown_category", category=a.category)
    return result(True, "published", "published", lst.id)


def _set_status(w: World, p: Seller, a: SetListingStatus) -> ActionResult:
    lst = _listing(p, a.listing)
    if lst is None or lst.status == "removed":
        return result(False, f"no listing {a.listing}", "no_listing", number=a.listing)
    if a.status not in ("open", "busy", "paused"):
        return result(False, f"unknown status {a.status!r}", "unknown_status", status=a.status)
    lst.status = a.status
    w.refresh(lst)
    p.books.emit(ev.LISTING_CHANGED, listing=lst.id, status=a.status)
    return result(True, f"listing is {a.status}", "listing_status", lst.id, status=a.status)


def _answer(p: Seller, a: AnswerDecision) -> ActionResult:
    d = p.books.pending.get(a.decision)
    if d is None:
        return result(
            False, f"decision {a.decision} is not waiting", "not_waiting", decision=a.decision
        )
    if a.option not in d.options and a.option != d.default:
        why = f"{a.option!r} is not an option ({', '.join(d.options)})"
        texts = tuple(option_text(d.kind, o) for o in d.options)
        return result(False, why, "not_an_option", typed=a.option, options=texts)
    d.resolve(a.option)
    text = option_text(d.kind, a.option)
    return result(True, f"answered: {text}", "answered", option=text)


def _listing(p: Seller, lid: int) -> Listing | None:
    return next((x for x in p.listings if x.id == lid), None)


def _edit(w: World, p: Seller, a: EditListing) -> ActionResult:
    """Edit a listing: the edited listing must be a valid listing spec (the same bounds as
    a new one) that the platform's moderation accepts, and hold the orders in progress."""
    b: Books = p.books
    lst = _listing(p, a.listing)
    if lst is None or lst.status == "removed":
        return result(False, f"no listing {a.listing}", "no_listing", number=a.listing)
    spec, refused = _edited_spec(lst, a)
    if spec is not None:
        refusal = rules.moderation_refusal(
            lst.category, spec.price, spec.cap, w.sc.platform.rules.max_cap, p.licences
        )
        if refusal is not None:
            refused = result(False, refusal.reason, "refused", lst.id, **refusal_args(refusal))
        elif spec.cap < lst.in_progress:
            problem = f"cap {spec.cap} is below the {lst.in_progress} orders in progress"
            refused = result(
                False, problem, "cap_below_orders", lst.id, cap=spec.cap, orders=lst.in_progress
            )
    if spec is None or refused is not None:
        refused = refused or result(False, "refused", "refused", lst.id, reason="refused")
        why = {**dict(refused.args), "reason": refused.message, "code": refused.code}
        b.emit(ev.LISTING_REFUSED, listing=lst.id, **why)
        return ActionResult(False, refused.message, lst.id, refused.code, refused.args)
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
    return result(True, "listing updated", "listing_updated", lst.id)


def _edited_spec(lst: Listing, a: EditListing) -> tuple[ListingSpec | None, ActionResult | None]:
    """The listing as ``a`` would leave it, validated as a listing spec; or (None, why not).

    A field of the wrong type is not a value to refuse but an action the engine cannot
    take (a hand-edited save): it raises ``TypeError``.
    """
    _check_types(a)
    options = lst.options
    if a.options is not None:
        made = []
        for i, (n, pr, h) in enumerate(a.options):
            try:
                made.append(Option(name=n, price=pr, hours=h))
            except ValueError as e:
                why = f"options: {_first_error(e)}"
                return None, result(False, why, "invalid", lst.id, **_invalid(e, f"options.{i}."))
            except TypeError as e:
                return None, result(False, f"options: {e}", "invalid_options", lst.id)
        options = tuple(made)
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
        return None, result(False, _first_error(e), "invalid", lst.id, **_invalid(e))
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
        why = "hours per day must be between 0 and 24"
        return result(False, why, "hours_per_day", low=0, high=24)
    ot = p.hours_spec[2] if a.overtime_per_week is None else a.overtime_per_week
    if not 0 <= ot <= 100:
        why = "overtime must be between 0 and 100 hours a week"
        return result(False, why, "overtime", low=0, high=100)
    if a.reply_hours is not None and a.reply_hours < 0:
        return result(False, "reply hours must not be negative", "reply_hours_negative")
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
    weekly = p.schedule.weekly_hours
    return result(True, f"{weekly:g} hours a week", "weekly_hours", hours=weekly)


def _set_disclosure(w: World, p: Seller, a: SetDisclosure) -> ActionResult:
    """How much the player discloses: buyers' trust (their choice) and harassment follow it."""
    level = a.level
    if isinstance(level, bool) or not isinstance(level, int | float):
        raise TypeError(f"disclosure {level!r} is not a number")  # a hand-edited save
    if not 0.0 <= level <= 1.0:  # NaN too
        return result(False, "disclosure must be between 0 and 1", "disclosure_range")
    p.disclosure = float(level)
    w.refresh_seller(p)
    w.risks.disclosure_changed(p)
    p.books.emit(ev.DISCLOSURE_CHANGED, level=p.disclosure)
    return result(True, f"disclosure {p.disclosure:.0%}", "disclosure", level=p.disclosure)


def _set_request_rule(w: World, p: Seller, a: SetRequestRule) -> ActionResult:
    """The player's standing rule for public requests (``gigsim.engine.request_rule``)."""
    b: Books = p.books
    wrong = request_rule.problem(a, {c.id for c in w.sc.categories})
    if not a.on and isinstance(a.on, bool):  # a rule removed: its other fields do not matter
        b.rule.rule = None
        b.emit(ev.REQUEST_RULE_SET, on=False)
        return result(True, "no rule: every public request is asked", "rule_off")
    if wrong is not None:
        code, args = wrong
        return result(False, f"request rule refused ({code})", code, **args)
    b.rule.rule = a
    b.emit(
        ev.REQUEST_RULE_SET,
        on=True,
        categories=list(a.categories),
        budget_min=a.budget_min,
        budget_max=a.budget_max,
        per_week=a.per_week,
        price=a.price,
        others=a.others,
    )
    return result(
        True, f"rule: up to {a.per_week} proposals a week", "rule_on", per_week=a.per_week
    )


def _first_error(e: ValueError) -> str:
    errors = getattr(e, "errors", None)
    if callable(errors):
        errs = errors()
        if errs:
            loc = ".".join(str(x) for x in errs[0].get("loc", ()))
            return f"{loc}: {errs[0].get('msg', 'invalid')}" if loc else str(errs[0].get("msg"))
    return str(e)


def _invalid(e: ValueError, prefix: str = "") -> dict[str, Any]:
    """A validation error's first problem as data: the field (``price``, ``options.0.name``),
    pydantic's kind of error (``error``), the bound it broke and the value given. (Not
    ``kind``: a refused listing's event carries these, and ``kind`` is the event's own.)"""
    errors = getattr(e, "errors", None)
    errs = errors() if callable(errors) else []
    if not errs:
        return {"field": prefix.rstrip("."), "error": "", "limit": None, "value": None}
    err = errs[0]
    ctx = err.get("ctx") or {}
    limit = next(
        (ctx[k] for k in ("ge", "gt", "le", "lt", "min_length", "max_length") if k in ctx), None
    )
    value = err.get("input")
    return {
        "field": prefix + ".".join(str(x) for x in err.get("loc", ())),
        "error": str(err.get("type", "")),
        "limit": limit if isinstance(limit, int | float) else None,
        "value": value if isinstance(value, str | int | float) else None,
    }

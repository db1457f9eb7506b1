"""What the engine answers to a player's action, in the player's language.

The engine answers every action with an English sentence (which its events and
logs keep) and the same as a code and arguments (``ActionResult.code`` and
``.args``): amounts in minor units, days as ISO dates, a refusal's English
reason, the bound a field broke. This module words each code from its
arguments, so that nothing is matched out of the English sentence; a code it
does not know (an engine newer than its texts) shows the English sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from gigsim.i18n import LazyString, _, lazy, ngettext
from gigsim.model.rules import refusal_message, refusal_text
from gigsim.text.units import day, money, plural_n


class Said(Protocol):
    """An action's result as the engine gives it (``gigsim.engine.api.ActionResult``)."""

    @property
    def message(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def args(self) -> tuple[tuple[str, Any], ...]: ...


_TEXTS: dict[str, LazyString] = {
    "published": lazy("published"),
    "listing_updated": lazy("listing updated"),
    "no_listing": lazy("there is no listing #{number}"),
    "unknown_status": lazy("{status} is not a listing status (open, busy or paused)"),
    "unknown_category": lazy("there is no category {category} in this scenario"),
    "cap_below_orders": lazy("the cap {cap} is below the {orders} orders in progress"),
    "invalid_options": lazy("options: write name:price or name:price:hours"),
    "hours_per_day": lazy("hours per day must be between {low} and {high}"),
    "overtime": lazy("overtime must be between {low} and {high} hours a week"),
    "reply_hours_negative": lazy("the hours to answer messages must be 0 or more"),
    "not_waiting": lazy("that decision is no longer waiting"),
    "not_an_option": lazy("{typed} is not one of the options ({options})"),
    "answered": lazy("answered: {option}"),
    "unknown_action": lazy("the game cannot do that"),
    "disclosure": lazy("disclosure {level}"),
    "disclosure_range": lazy("disclosure must be between 0 and 1"),
    "rule_on": lazy("your rule now proposes to public requests, up to {per_week} a week"),
    "rule_off": lazy("no rule: time stops for every public request"),
    "rule_category": lazy("there is no category {category} in this scenario"),
    "rule_budget": lazy("the budget range must start at 0 or more and end at its start or above"),
    "rule_per_week": lazy("proposals a week must be between {low} and {high}"),
    "rule_choice": lazy(
        "the rule proposes at the budget, under it or at the listing's price, and asks or passes"
    ),
    "amount_not_positive": lazy("the amount must be more than 0"),
    "only_available": lazy("only {available} is available"),
    "minimum_payout": lazy("the platform's minimum payout is {minimum}"),
    "fee_not_covered": lazy("{amount} does not cover the {fee} transfer fee"),
    "withdrawal_requested": lazy("{net} reaches your bank on {day} (fee {fee})"),
}
"""Each code's text; the arguments named in braces."""

_STATUS = {"open": lazy("listing is open"), "busy": lazy("listing is busy")}
_STATUS_PAUSED = lazy("listing is paused")

_MONEY_ARGS = {"amount", "fee", "net", "available", "minimum"}

CODES = frozenset(_TEXTS) | {"refused", "invalid", "listing_status", "weekly_hours"}
"""Every code this module words."""


def action_message(said: Said, currency: str) -> str:
    """What the engine said back to an action, in the current language."""
    return answer_text(said.code, dict(said.args), said.message, lambda x: money(x, currency))


def answer_text(code: str, args: Mapping[str, Any], message: str, m: Callable[[float], str]) -> str:
    """An answer's ``code`` and ``args`` (an action's result, or the refusal an event tells
    of) in the current language, amounts through ``m``; ``message``, its English sentence,
    for a code not known."""
    if code == "refused":  # the platform's moderation, by its own code when it has one
        if "refusal" in args:
            return refusal_message(str(args["refusal"]), args["refusal_args"], lambda x: m(x))
        return refusal_text(str(args.get("reason", message)), lambda x: m(x))
    if code == "invalid":
        return invalid_text(args, m)
    if code == "listing_status":
        status = str(args.get("status"))
        return str(_STATUS.get(status, _STATUS_PAUSED))
    if code == "weekly_hours":
        hours = float(args.get("hours", 0))
        return ngettext("{hours} hour a week", "{hours} hours a week", plural_n(hours)).format(
            hours=f"{hours:g}"
        )
    text = _TEXTS.get(code)
    if text is None:
        return message
    return text.format(**_shown(args, m))


def _shown(args: Mapping[str, Any], m: Callable[[float], str]) -> dict[str, Any]:
    """The arguments as the text shows them: amounts in the currency, days as the language
    writes them, an option's English text through the catalogue."""
    out = dict(args)
    for key in _MONEY_ARGS & out.keys():
        out[key] = m(out[key])
    if "day" in out:
        out["day"] = day(dt.date.fromisoformat(str(out["day"])))
    if "option" in out:
        out["option"] = _(str(out["option"]))
    if "options" in out:  # a decision's options, by their English texts
        out["options"] = _(", ").join(_(str(o)) for o in out["options"])
    if "typed" in out:
        out["typed"] = repr(out["typed"])
    if "level" in out:  # how much the player discloses, 0–1
        out["level"] = f"{float(out['level']):.0%}"
    return out


# --------------------------------------------------------------------------
# A listing's field out of its bounds
# --------------------------------------------------------------------------

FIELDS = {
    "title": lazy("title"),
    "price": lazy("price"),
    "delivery_days": lazy("delivery days"),
    "hours_per_order": lazy("hours per order"),
    "cap": lazy("cap"),
    "options": lazy("paid options"),
}
"""A listing's fields as the listing form names them."""
OPTION_FIELDS = {"name": lazy("name"), "price": lazy("price"), "hours": lazy("hours")}

_BOUNDS: dict[str, LazyString] = {
    "greater_than_equal": lazy("{field} must be {limit} or more (got {value})"),
    "greater_than": lazy("{field} must be more than {limit} (got {value})"),
    "less_than_equal": lazy("{field} must be {limit} or less (got {value})"),
    "less_than": lazy("{field} must be less than {limit} (got {value})"),
    "string_too_short": lazy("{field} must not be empty"),
    "finite_number": lazy("{field} must be a number"),
}


def field_name(path: str) -> str:
    """``price`` -> 'price', ``options.1.name`` -> 'option 2: name', in the current language."""
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "options" and parts[1].isdigit():
        name = OPTION_FIELDS.get(parts[2])
        return _("option {n}: {field}").format(n=int(parts[1]) + 1, field=name or parts[2])
    return str(FIELDS.get(path, path))


def invalid_text(args: Mapping[str, Any], m: Callable[[float], str]) -> str:
    """A listing's field out of its bounds: 'price must be ¥0 or more (got -¥5)'."""
    path = str(args.get("field", ""))
    kind = str(args.get("error", ""))
    limit, value = args.get("limit"), args.get("value")
    show: Callable[[Any], str] = str
    if path.split(".")[-1] == "price":
        show = lambda x: m(x) if isinstance(x, int | float) else str(x)  # noqa: E731
    elif isinstance(limit, float) or isinstance(value, float):
        show = lambda x: f"{x:g}" if isinstance(x, float) else str(x)  # noqa: E731
    field = field_name(path)
    if kind == "string_too_long" and isinstance(limit, int):
        return ngettext(
            "{field}: at most {limit} character", "{field}: at most {limit} characters", limit
        ).format(field=field, limit=limit)
    if kind == "too_long" and isinstance(limit, int):
        return ngettext(
            "{field}: at most {limit} option", "{field}: at most {limit} options", limit
        ).format(field=field, limit=limit)
    text = _BOUNDS.get(kind)
    if text is None:
        return _("{field}: not a value the listing can take").format(field=field)
    return text.format(field=field, limit=show(limit), value=show(value))

"""Player actions: plain, journalled data that the facade applies.

Saves store these (with their times) so that loading replays them; headless
policies produce them too, through the same facade path.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class CreateListing:
    category: str
    price: int
    title: str = "My service"
    delivery_days: float = 5.0
    hours_per_order: float = 4.0
    cap: int = 3
    status: str = "open"
    options: tuple[tuple[str, int, float], ...] = ()
    kind: str = field(default="create_listing", init=False)


@dataclass(frozen=True)
class EditListing:
    listing: int
    price: int | None = None
    title: str | None = None
    delivery_days: float | None = None
    hours_per_order: float | None = None
    cap: int | None = None
    options: tuple[tuple[str, int, float], ...] | None = None
    kind: str = field(default="edit_listing", init=False)


@dataclass(frozen=True)
class SetListingStatus:
    listing: int
    status: str  # open | busy | paused
    kind: str = field(default="set_listing_status", init=False)


@dataclass(frozen=True)
class SetHours:
    weekday: float
    weekend: float
    overtime_per_week: float | None = None
    reply_hours: float | None = None
    kind: str = field(default="set_hours", init=False)


@dataclass(frozen=True)
class SetDisclosure:
    """How much the seller discloses about themselves (0–1): more trust, more harassment."""

    level: float
    kind: str = field(default="set_disclosure", init=False)


@dataclass(frozen=True)
class SetRequestRule:
    """A standing rule for buyers' public requests, so that time stops only for what needs a
    person: propose, without being asked, to each request in ``categories`` (none named: every
    category the seller lists in) whose budget is from ``budget_min`` to ``budget_max`` (None:
    no upper bound), up to ``per_week`` proposals a week (Monday to Sunday), at the buyer's
    budget (``price="budget"``), 20% under it (``"under"``) or the listing's own price
    (``"listing"``); never while the listing is full. The requests it does not take are
    asked as before (``others="ask"``) or passed over (``"skip"``). ``on=False`` removes
    the rule."""

    on: bool = True
    categories: tuple[str, ...] = ()
    budget_min: int = 0
    budget_max: int | None = None
    per_week: int = 3
    price: str = "budget"  # budget | under | listing
    others: str = "ask"  # ask | skip
    kind: str = field(default="set_request_rule", init=False)


@dataclass(frozen=True)
class AnswerDecision:
    decision: int
    option: str
    kind: str = field(default="answer_decision", init=False)


@dataclass(frozen=True)
class Withdraw:
    amount: int
    kind: str = field(default="withdraw", init=False)


Action = (
    CreateListing
    | EditListing
    | SetListingStatus
    | SetHours
    | SetDisclosure
    | SetRequestRule
    | AnswerDecision
    | Withdraw
)
ACTION_TYPES: dict[str, type] = {
    "create_listing": CreateListing,
    "edit_listing": EditListing,
    "set_listing_status": SetListingStatus,
    "set_hours": SetHours,
    "set_disclosure": SetDisclosure,
    "set_request_rule": SetRequestRule,
    "answer_decision": AnswerDecision,
    "withdraw": Withdraw,
}


@dataclass(frozen=True)
class ActionResult:
    """What an action did: accepted or not, and why.

    ``message`` is the engine's English sentence (events, logs and tests read it);
    ``code`` and ``args`` say the same as data, so that a front end words it in the
    player's language (``gigsim.text.results.action_message``): amounts in minor
    units, days as ISO dates, a refusal's English reason, a field's bound.
    """

    ok: bool
    message: str
    listing: int | None = None
    code: str = ""
    args: tuple[tuple[str, Any], ...] = ()


def result(
    ok: bool, message: str, code: str, listing: int | None = None, **args: Any
) -> ActionResult:
    """An ``ActionResult`` with its code and arguments."""
    return ActionResult(ok, message, listing, code, tuple(args.items()))


def action_to_dict(a: Action) -> dict[str, Any]:
    return asdict(a)


def action_from_dict(d: dict[str, Any]) -> Action:
    d = dict(d)
    kind = d.pop("kind")
    cls = ACTION_TYPES[kind]
    if kind in ("create_listing", "edit_listing") and d.get("options") is not None:
        d["options"] = tuple(tuple(o) for o in d["options"])
    if kind == "set_request_rule" and isinstance(d.get("categories"), list):
        d["categories"] = tuple(d["categories"])
    action: Action = cls(**d)
    return action

"""The engine's codes that are not an action's result, in words: a decision's options and what
the next rank still needs.

A decision's option is a code (``answer``, ``quote_higher``, …, the options of
``gigsim.engine.decisions.OPTIONS``) and so is each thing a rank still needs
(``gigsim.model.rules.next_rank_needs``: a code and its figures); this module
holds their words, once. An option's English is its message id: the engine
gives it as the English interface (``gigsim.engine.api.option_text``, which
``_()`` shows in the current language). ``gigsim.text.results`` words the
results of actions.

Must not import Textual or the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gigsim.i18n import LazyString, _, lazy, ngettext

OPTION_TEXT: dict[str, LazyString] = {
    "answer": lazy("answer the buyer's question (they may then buy)"),
    "decline": lazy("decline politely"),
    "ignore": lazy("no answer: the buyer gives up"),
    "quote_list": lazy("quote your listed price"),
    "quote_higher": lazy("quote 30% above your listed price"),
    "propose_budget": lazy("propose at the buyer's budget"),
    "propose_low": lazy("propose 20% under the budget"),
    "skip": lazy("do not propose"),
    "partial_refund": lazy("offer a partial refund"),
    "full_refund": lazy("refund in full"),
    "contest": lazy("contest: the platform decides on the evidence (on time? quality?)"),
}
"""What each option of a decision means, for the game and the lessons."""
KIND_OPTION_TEXT: dict[tuple[str, str], LazyString] = {
    ("revision_request", "accept"): lazy("do the revision (more hours on this order)"),
    ("revision_request", "refuse"): lazy("refuse it (the buyer will be less happy)"),
    ("cancellation_request", "accept"): lazy("agree to cancel (the buyer gets the money back)"),
    ("cancellation_request", "refuse"): lazy(
        "refuse (the order goes to the platform as a dispute)"
    ),
    ("off_platform_offer", "decline"): lazy("decline (the platform's rules ban it)"),
    ("off_platform_offer", "accept"): lazy(
        "accept (no fee, but no protection and a risk of suspension)"
    ),
}
"""Where the same option means different things for different kinds of decision."""


def option_english(kind: str, option: str) -> str:
    """What answering a decision of ``kind`` with ``option`` does, in English (the message id);
    an option without words as its code spelled out."""
    words = KIND_OPTION_TEXT.get((str(kind), option)) or OPTION_TEXT.get(option)
    return words.message if words is not None else option.replace("_", " ")


def option_text(kind: str, option: str) -> str:
    """The same in the current language."""
    return _(option_english(kind, option))


def rank_need_text(need: tuple[str, Mapping[str, Any]], money: Callable[[int], str]) -> str:
    """One thing the next rank still needs (``rules.next_rank_needs``: a code and its figures)
    in the current language, amounts through ``money``."""
    code, a = need
    months = int(a.get("months", 1))
    if code in ("sales_ever", "sales_in_window"):
        n = int(a["n"])
        sales = ngettext("{n} more sale", "{n} more sales", n).format(n=n)
        if code == "sales_ever":
            return sales
        return ngettext(
            "{sales} in the last month", "{sales} in the last {months} months", months
        ).format(sales=sales, months=months)
    if code == "amount_in_window":
        return ngettext(
            "{amount} more sold in the last month",
            "{amount} more sold in the last {months} months",
            months,
        ).format(amount=money(int(a["amount"])), months=months)
    if code == "completion_rate":
        return _("completion rate {want} (now {now})").format(
            want=f"{a['want']:.0%}", now=f"{a['now']:.0%}"
        )
    if code == "rating":
        return _("rating {want} (now {now})").format(want=f"{a['want']:.1f}", now=f"{a['now']:.2f}")
    return _("identity verification")

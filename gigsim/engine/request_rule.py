"""A player's standing rule for buyers' public requests: which it proposes to by itself.

Public requests come ten to twenty times a month, and a person answering each
one stops the game as often. A rule (``SetRequestRule``) answers the ones it
covers without asking: a request in the rule's categories, with a budget in
its range, while the listing asked is not full and the rule has sent fewer
than its number of proposals this week (weeks run Monday to Sunday; only the
rule's own proposals count). It proposes at the buyer's budget, 20% under it
(as a person's answer b does) or at the listing's price, never under the
category's price floor. A request the rule
does not take is asked as before, or passed over (``others="skip"``): then
nothing waits and time goes on. The rule draws no random numbers, so a run
without one is the run it always was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gigsim.engine.actions import SetRequestRule
from gigsim.engine.entities import Listing
from gigsim.model.scenario_base import MAX_MONEY

PROPOSE, ASK, PASS = "propose", "ask", "pass"
"""What the rule does with a request: proposes, asks the person, or passes it over."""

REASONS = ("category", "budget_low", "budget_high", "full", "week_full")
"""Why the rule did not propose: not one of its categories, a budget under or over its range,
the listing full, or the week's proposals all sent."""

PRICES = ("budget", "under", "listing")
PROPOSE_LOW = 0.8
"""A proposal "20% under the budget" (a person's answer b, or the rule's ``price="under"``)
is the budget times this."""
OTHERS = ("ask", "skip")
MAX_PER_WEEK = 100
MAX_BUDGET = MAX_MONEY
"""A budget bound above any amount a scenario may hold is refused (a hand-edited save)."""


@dataclass
class RuleState:
    """A player's rule and the proposals it sent in the week under way."""

    rule: SetRequestRule | None = None
    week: int = -1
    sent: int = 0

    def sent_this_week(self, week: int) -> int:
        return self.sent if week == self.week else 0

    def count(self, week: int) -> None:
        """One more proposal sent by the rule in ``week``."""
        if week != self.week:
            self.week, self.sent = week, 0
        self.sent += 1


def verdict(
    state: RuleState, category: str, budget: int, listing: Listing, week: int
) -> tuple[str, str]:
    """What the rule does with a request (``PROPOSE``, ``ASK`` or ``PASS``) and, when it does
    not propose, why (one of ``REASONS``; empty when there is no rule)."""
    rule = state.rule
    if rule is None:
        return ASK, ""
    if rule.categories and category not in rule.categories:
        why = "category"
    elif budget < rule.budget_min:
        why = "budget_low"
    elif rule.budget_max is not None and budget > rule.budget_max:
        why = "budget_high"
    elif listing.full:
        why = "full"
    elif state.sent_this_week(week) >= rule.per_week:
        why = "week_full"
    else:
        return PROPOSE, ""
    return (PASS if rule.others == "skip" else ASK), why


def proposal_price(rule: SetRequestRule, budget: int, listing: Listing, floor: int) -> int:
    """The rule's price: the buyer's budget, 20% under it, or the listing's price; at least
    the floor."""
    if rule.price == "budget":
        return max(floor, budget)
    if rule.price == "under":
        return max(floor, int(budget * PROPOSE_LOW))
    return max(floor, listing.price)


def week_of(t: float, weekday0: int) -> int:
    """The week (Monday to Sunday) that day ``t`` of the run falls in; day 0 is a
    ``weekday0`` (0: Monday)."""
    return int((t + weekday0) // 7)


def problem(a: SetRequestRule, categories: set[str]) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with a rule, as a refusal's (code, arguments), or None. A value of the
    wrong type (a hand-edited save) raises ``TypeError``, as other actions do."""
    ints = (a.budget_min, a.per_week, *(() if a.budget_max is None else (a.budget_max,)))
    if not isinstance(a.on, bool) or any(
        isinstance(v, bool) or not isinstance(v, int) for v in ints
    ):
        raise TypeError("a request rule's switch is true or false and its numbers whole")
    if not isinstance(a.categories, tuple) or not all(isinstance(c, str) for c in a.categories):
        raise TypeError("a request rule's categories are names")
    unknown = [c for c in a.categories if c not in categories]
    if unknown:
        return "rule_category", {"category": unknown[0]}
    top = MAX_BUDGET if a.budget_max is None else a.budget_max
    if not 0 <= a.budget_min <= top <= MAX_BUDGET:
        return "rule_budget", {"low": a.budget_min, "high": a.budget_max}
    if not 0 <= a.per_week <= MAX_PER_WEEK:
        return "rule_per_week", {"low": 0, "high": MAX_PER_WEEK}
    if a.price not in PRICES or a.others not in OTHERS:
        return "rule_choice", {"price": str(a.price), "others": str(a.others)}
    return None

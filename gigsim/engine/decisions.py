"""Decisions: the choices the model asks of a seller.

A decision has options, a deadline and a default that applies if nobody
answers by then. Computer sellers and headless runs answer through a policy;
the human player answers in the game, which pauses when one arrives. The same
code path resolves them all (``State.request_decision``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class DecisionKind(StrEnum):
    inquiry = "inquiry"
    quote_request = "quote_request"
    public_request = "public_request"
    revision_request = "revision_request"
    cancellation_request = "cancellation_request"
    dispute = "dispute"
    off_platform_offer = "off_platform_offer"


# Options per kind, and what silence means (the platform's default).
OPTIONS: dict[DecisionKind, tuple[tuple[str, ...], str]] = {
    DecisionKind.inquiry: (("answer", "decline"), "ignore"),
    DecisionKind.quote_request: (("quote_list", "quote_higher", "decline"), "ignore"),
    DecisionKind.public_request: (("propose_budget", "propose_low", "skip"), "skip"),
    DecisionKind.revision_request: (("accept", "refuse"), "accept"),
    DecisionKind.cancellation_request: (("accept", "refuse"), "accept"),
    DecisionKind.dispute: (("partial_refund", "full_refund", "contest"), "contest"),
    DecisionKind.off_platform_offer: (("decline", "accept"), "decline"),
}

# What each option means, for the game and the lessons.
OPTION_TEXT: dict[str, str] = {
    "answer": "answer the buyer's question (they may then buy)",
    "decline": "decline politely",
    "ignore": "no answer: the buyer gives up",
    "quote_list": "quote your listed price",
    "quote_higher": "quote 30% above your listed price",
    "propose_budget": "propose at the buyer's budget",
    "propose_low": "propose 20% under the budget",
    "skip": "do not propose",
    "partial_refund": "offer a partial refund",
    "full_refund": "refund in full",
    "contest": "contest: the platform decides on the evidence (on time? quality?)",
}
# Where the same option means different things for different kinds of decision.
KIND_OPTION_TEXT: dict[tuple[str, str], str] = {
    ("revision_request", "accept"): "do the revision (more hours on this order)",
    ("revision_request", "refuse"): "refuse it (the buyer will be less happy)",
    ("cancellation_request", "accept"): "agree to cancel (the buyer gets the money back)",
    ("cancellation_request", "refuse"): "refuse (the order goes to the platform as a dispute)",
    ("off_platform_offer", "decline"): "decline (the platform's rules ban it)",
    ("off_platform_offer", "accept"): "accept (no fee, but no protection and a risk of suspension)",
}


def option_text(kind: str, option: str) -> str:
    """What answering a decision of ``kind`` with ``option`` does, in words."""
    return (
        KIND_OPTION_TEXT.get((str(kind), option))
        or OPTION_TEXT.get(option)
        or option.replace("_", " ")
    )


@dataclass(slots=True)
class Decision:
    id: int
    kind: DecisionKind
    seller_id: str
    created: float
    deadline: float
    options: tuple[str, ...]
    default: str
    info: dict[str, Any]
    resolve: Callable[[str], None] = field(repr=False)
    answered: str | None = None

    @property
    def open(self) -> bool:
        return self.answered is None

"""Decisions: the choices the model asks of a seller.

A decision has options, a deadline and a default that applies if nobody
answers by then. The options are codes; ``gigsim.text.codes`` says what each
means. Computer sellers and headless runs answer through a policy;
the human player answers in the game, which pauses when one arrives. The same
code path resolves them all (``State.request_decision``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from gigsim.text.codes import option_english


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


def option_text(kind: str, option: str) -> str:
    """What answering a decision of ``kind`` with ``option`` does, in English: the words are
    ``gigsim.text.codes``'s (``_()`` of this shows them in the current language)."""
    return option_english(kind, option)


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

"""The engine's one published module: everything a front end, a batch or a plug-in may use.

The game (``gigsim.tui``), the batch (``gigsim.experiments``), the headless
run (``gigsim.headless``), the command line and the analyst API import the
engine only through this module (an import-linter contract in
``pyproject.toml`` enforces it), and plug-in policies should too; the
engine's other modules are its inside and may change. What is here keeps
its name and meaning:

- ``Engine``, the facade that moves time and applies actions, and
  ``ActionResult``;
- the actions a seller takes (``CreateListing`` … ``Withdraw``, ``SetDisclosure``,
  ``SetRequestRule``);
- ``Snapshot`` and its views (``ListingView``, ``OrderView``,
  ``DecisionView``, ``MarketView``), immutable data for rendering;
- ``Event`` and the event kinds (``ORDER_PLACED`` …, all in ``EVENT_KINDS``);
- decisions: ``DecisionKind``, ``Decision`` and ``option_text``;
- ``Notice`` and its kinds (``NOTICE_KINDS``): the first time each mechanism
  happened to a player, with its numbers (``Engine.notices``);
- ``RunResult``, what a finished run reports (``--json``, the batch's records), with a
  ``PlayerResult`` for each player;
- the most proposals a week a request rule may send (``MAX_PER_WEEK``);
- the figures' names (``MONTH_KEYS``, ``MONEY_KEYS``, ``LOSS_REASONS``,
  ``ACTIVITIES``);
- player policies for plug-ins (``PlayerPolicy``, ``DecideFn``, ``ReviewFn``,
  ``PLAYER_POLICIES``, ``load_entry_point_policies``): a policy is handed a
  ``DecisionView`` and a ``SellerView``, what the seller sees, read-only;
- saves (``save_game``, ``load_game``, ``load_data``, ``branch`` …).

Must not import Textual.
"""

from __future__ import annotations

from gigsim.engine.actions import (
    Action,
    AnswerDecision,
    CreateListing,
    EditListing,
    SetDisclosure,
    SetHours,
    SetListingStatus,
    SetRequestRule,
    Withdraw,
    action_from_dict,
    action_to_dict,
)
from gigsim.engine.decisions import Decision, DecisionKind, option_text
from gigsim.engine.entities import Activity
from gigsim.engine.events import (
    ACCOUNT_SUSPENDED,
    ACCOUNT_WARNING,
    BALANCE_LAPSE_SOON,
    BALANCE_LAPSED,
    COMPETITOR_ENTERED,
    COMPETITOR_LEFT,
    DECISION_ANSWERED,
    DECISION_DEFAULTED,
    DECISION_WAITING,
    DISCLOSURE_CHANGED,
    DISPUTE_OPENED,
    DISPUTE_RESOLVED,
    HARASSMENT,
    HOURS_CHANGED,
    INQUIRY_LOST,
    INQUIRY_RECEIVED,
    LISTING_CHANGED,
    LISTING_PUBLISHED,
    LISTING_REFUSED,
    LISTING_TAKEN_DOWN,
    MONTH_CLOSED,
    ORDER_CANCELLED,
    ORDER_COMPLETED,
    ORDER_DELIVERED,
    ORDER_LATE,
    ORDER_PLACED,
    ORDER_REPLIED,
    PAYOUT_PAID,
    PROPOSAL_RESULT,
    PROPOSAL_SENT,
    RANK_CHANGED,
    REQUEST_POSTED,
    REQUEST_RULE_SET,
    REVIEW_POSTED,
    REVISION_REQUESTED,
    STORM_STARTED,
    WITHDRAWAL_REFUSED,
    WITHDRAWAL_REQUESTED,
    Event,
)
from gigsim.engine.facade import ActionResult, Engine
from gigsim.engine.firsts import NOTICE_KINDS, Notice
from gigsim.engine.market import LOSS_REASONS
from gigsim.engine.metrics import MONEY_KEYS, MONTH_KEYS
from gigsim.engine.policies import (
    PLAYER_POLICIES,
    POLICY_ENTRY_POINTS,
    DecideFn,
    PlayerPolicy,
    ReviewFn,
    load_entry_point_policies,
)
from gigsim.engine.request_rule import MAX_PER_WEEK
from gigsim.engine.result import PlayerResult, RunResult, run_totals, tax_years
from gigsim.engine.saves import (
    CancelFn,
    Cancelled,
    Progress,
    ProgressFn,
    branch,
    load_data,
    load_game,
    read_header,
    rewind,
    save_data,
    save_game,
)
from gigsim.engine.snapshot import (
    DecisionView,
    ListingView,
    MarketView,
    OrderView,
    SellerView,
    Snapshot,
)

EVENT_KINDS: frozenset[str] = frozenset(
    {
        LISTING_PUBLISHED, LISTING_REFUSED, LISTING_CHANGED, LISTING_TAKEN_DOWN, ORDER_PLACED,
        ORDER_REPLIED, ORDER_DELIVERED, ORDER_LATE, REVISION_REQUESTED, ORDER_COMPLETED,
        ORDER_CANCELLED, DISPUTE_OPENED, DISPUTE_RESOLVED, REVIEW_POSTED, INQUIRY_RECEIVED,
        INQUIRY_LOST, REQUEST_POSTED, PROPOSAL_SENT, PROPOSAL_RESULT, DECISION_WAITING,
        DECISION_ANSWERED, DECISION_DEFAULTED, WITHDRAWAL_REQUESTED, WITHDRAWAL_REFUSED,
        PAYOUT_PAID, BALANCE_LAPSED, BALANCE_LAPSE_SOON, RANK_CHANGED, MONTH_CLOSED,
        STORM_STARTED, HARASSMENT, ACCOUNT_WARNING, ACCOUNT_SUSPENDED, HOURS_CHANGED,
        COMPETITOR_ENTERED, COMPETITOR_LEFT, DISCLOSURE_CHANGED, REQUEST_RULE_SET,
    }
)  # fmt: skip
"""Every kind of ``Event`` in a run's log (``Engine.events``, ``--events``); the kinds the
engine's subsystems publish to each other on its bus are not among them."""

ACTIVITIES: tuple[str, ...] = tuple(a.value for a in Activity)
"""The activities a seller's hours are counted by (the keys of a month's ``hours``)."""

__all__ = [
    "ACCOUNT_SUSPENDED",
    "ACCOUNT_WARNING",
    "ACTIVITIES",
    "BALANCE_LAPSED",
    "BALANCE_LAPSE_SOON",
    "COMPETITOR_ENTERED",
    "COMPETITOR_LEFT",
    "DECISION_ANSWERED",
    "DECISION_DEFAULTED",
    "DECISION_WAITING",
    "DISCLOSURE_CHANGED",
    "DISPUTE_OPENED",
    "DISPUTE_RESOLVED",
    "EVENT_KINDS",
    "HARASSMENT",
    "HOURS_CHANGED",
    "INQUIRY_LOST",
    "INQUIRY_RECEIVED",
    "LISTING_CHANGED",
    "LISTING_PUBLISHED",
    "LISTING_REFUSED",
    "LISTING_TAKEN_DOWN",
    "LOSS_REASONS",
    "MAX_PER_WEEK",
    "MONEY_KEYS",
    "MONTH_CLOSED",
    "MONTH_KEYS",
    "NOTICE_KINDS",
    "ORDER_CANCELLED",
    "ORDER_COMPLETED",
    "ORDER_DELIVERED",
    "ORDER_LATE",
    "ORDER_PLACED",
    "ORDER_REPLIED",
    "PAYOUT_PAID",
    "PLAYER_POLICIES",
    "POLICY_ENTRY_POINTS",
    "PROPOSAL_RESULT",
    "PROPOSAL_SENT",
    "RANK_CHANGED",
    "REQUEST_POSTED",
    "REQUEST_RULE_SET",
    "REVIEW_POSTED",
    "REVISION_REQUESTED",
    "STORM_STARTED",
    "WITHDRAWAL_REFUSED",
    "WITHDRAWAL_REQUESTED",
    "Action",
    "ActionResult",
    "AnswerDecision",
    "CancelFn",
    "Cancelled",
    "CreateListing",
    "DecideFn",
    "Decision",
    "DecisionKind",
    "DecisionView",
    "EditListing",
    "Engine",
    "Event",
    "ListingView",
    "MarketView",
    "Notice",
    "OrderView",
    "PlayerPolicy",
    "PlayerResult",
    "Progress",
    "ProgressFn",
    "ReviewFn",
    "RunResult",
    "SellerView",
    "SetDisclosure",
    "SetHours",
    "SetListingStatus",
    "SetRequestRule",
    "Snapshot",
    "Withdraw",
    "action_from_dict",
    "action_to_dict",
    "branch",
    "load_data",
    "load_entry_point_policies",
    "load_game",
    "option_text",
    "read_header",
    "rewind",
    "run_totals",
    "save_data",
    "save_game",
    "tax_years",
]

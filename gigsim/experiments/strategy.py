"""A player's strategy, read from a save: what they did and when, to replay on other seeds.

A save is the scenario, the seed and the player's timed actions. Its
strategy is what of that carries over to another market (another seed):

- the listing settings, hours, listings created, paused or reopened and the
  withdrawals, each at the moment it was taken. A moment is the simulated
  time plus how many of the market's events due at that very instant had
  happened before it (time stops for a decision in the middle of an
  instant's events, and an action taken then comes after them). A listing is
  named by its place among the player's listings (ids differ between seeds)
  and a withdrawal by its share of the balance then;
- per kind of decision, how the player answered most: the option chosen most
  often, or no answer at all (letting the deadline pass counts as a choice:
  the platform's default then applies, at the deadline), and the median
  delay of those answers (0: answered when time stopped for it). A kind the
  player never met gets no answer, as nobody answering would.

``read_strategy`` reads it by replaying the save once more, action by action
(the moments, the balance at each withdrawal and the decisions' kinds and
times come from that replay); it also returns the player's own result.
``gigsim.experiments.strategy_play`` replays a strategy on any seed.
Uses the engine only through ``gigsim.engine.api``; must not import Textual.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from gigsim.engine import api
from gigsim.engine.api import Engine
from gigsim.errors import BadInput
from gigsim.i18n import _
from gigsim.model.scenario import Scenario

REFERS_TO_LISTING = ("edit_listing", "set_listing_status")
NOTICED_WITHIN = 1.0 / 24.0
"""While a decision waits unanswered, the game looks for new ones every hour
(``gigsim.tui.session.Game.advance``): an answer within the hour of a decision's arrival
was given when time stopped for it."""


@dataclass(frozen=True)
class Move:
    """One of the player's actions (not an answer), at its moment."""

    t: float
    k: int
    """Events due at ``t`` that had happened before it (time stopped amid them for a decision)."""
    after: int
    """Answers the player gave at the same moment before it."""
    action: dict[str, Any]
    """The action as saved (``api.action_to_dict``); a listing in it is an index (``listing``)."""
    listing: int | None = None
    """For a listing's edit or status: its place among the player's listings, from 0."""
    balance: int | None = None
    """For a withdrawal: the balance it was taken from (the share is ``amount / balance``)."""


@dataclass(frozen=True)
class Answer:
    """How the player answered one kind of decision, most of the time."""

    kind: str
    option: str | None
    """The option chosen most often; None: most were left unanswered (the default applied)."""
    delay: float
    """Median days from the decision's arrival to those answers (0: when time stopped for it)."""
    chosen: int
    """How many decisions of this kind were answered that way."""
    of: int
    """How many decisions of this kind the player met (answered or left to their deadline)."""


@dataclass(frozen=True)
class Strategy:
    moves: tuple[Move, ...]
    answers: tuple[Answer, ...]

    def answer(self, kind: str) -> Answer | None:
        return next((a for a in self.answers if a.kind == kind), None)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Strategy:
        data = json.loads(text)
        return cls(
            tuple(Move(**m) for m in data["moves"]), tuple(Answer(**a) for a in data["answers"])
        )

    def differing_answers(self) -> int:
        """Decisions the player answered otherwise than the strategy does."""
        return sum(a.of - a.chosen for a in self.answers)


@dataclass(frozen=True)
class PlayersGame:
    """What ``read_strategy`` finds in a save: the game's identity, result and strategy."""

    scenario: Scenario
    seed: int
    months: int
    """Months closed in the save: the months the player played, and the luck check compares."""
    end: float
    """The first instant after the last of them (``Engine.month_end``): the strategy ends there."""
    records: tuple[dict[str, Any], ...]
    """The player's closed months (``Engine.month_records``)."""
    strategy: Strategy


def _refuse(data: dict[str, Any], src: str) -> None:
    if data.get("policy") is not None:
        raise BadInput(
            src,
            "policy",
            _("a game played by the policy {name!r}: compare policies with gigsim batch").format(
                name=str(data["policy"])[:40]
            ),
        )
    if data.get("humans"):
        raise BadInput(src, "humans", _("a market of several players: the luck check replays one"))


class _Reader:
    """Replays a save's journal action by action and notes each action's moment."""

    def __init__(self, data: dict[str, Any], scenario: Scenario) -> None:
        self.engine = Engine(scenario, int(data["seed"]), policy=None)
        self.listings = [lst.id for lst in self.engine.snapshot().listings]
        self.base_t, self.base_steps = -1.0, 0
        self.moves: list[Move] = []
        self.answered_at: dict[tuple[float, int], int] = {}

    def to(self, t: float, steps: int, src: str, where: str) -> int:
        """Reach the recorded moment (time ``t`` after ``steps`` events); its ``k``."""
        e = self.engine
        if e.now < t:
            e.advance_to(t)
        if t != self.base_t:
            self.base_t, self.base_steps = t, e.steps
        if not e.replay_to_step(steps, t) or e.now != t:
            raise BadInput(src, where, _("does not replay to the state it recorded"))
        return steps - self.base_steps

    def take(self, t: float, steps: int, entry: dict[str, Any], k: int) -> None:
        e = self.engine
        if entry.get("kind") == "answer_decision":
            self.answered_at[(t, steps)] = self.answered_at.get((t, steps), 0) + 1
            e.apply(api.action_from_dict(entry))
            return
        listing = balance = None
        if entry.get("kind") in REFERS_TO_LISTING and entry.get("listing") in self.listings:
            listing = self.listings.index(entry["listing"])
        if entry.get("kind") == "withdraw":
            balance = e.snapshot().balance
        after = self.answered_at.get((t, steps), 0)
        self.moves.append(Move(t, k, after, dict(entry), listing, balance))
        result = e.apply(api.action_from_dict(entry))
        if entry.get("kind") == "create_listing" and result.ok and result.listing is not None:
            self.listings.append(result.listing)


def read_strategy(data: dict[str, Any], src: str) -> PlayersGame:
    """The player's game and strategy from a save's data (``api.save_data`` of a loaded game)."""
    _refuse(data, src)
    scenario = Scenario.model_validate(data["scenario"])
    reader = _Reader(data, scenario)
    for i, entry in enumerate(data["actions"]):
        t, steps = float(entry["t"]), int(entry["steps"])
        k = reader.to(t, steps, src, f"actions.{i}")
        reader.take(t, steps, entry["action"], k)
    e = reader.engine
    if not e.replay_to_step(int(data["steps"]), float(data["t"])):
        raise BadInput(src, "steps", _("does not replay to the state it recorded"))
    if e.fingerprint() != data.get("fingerprint"):
        raise BadInput(src, "fingerprint", _("does not replay to the state it recorded"))
    months = e.months_closed()
    end = e.month_end(months) if months else 0.0
    moves = tuple(m for m in reader.moves if m.t < end)
    return PlayersGame(
        scenario,
        int(data["seed"]),
        months,
        end,
        tuple(e.month_records(months)),
        Strategy(moves, answers_of(e.events(), end)),
    )


def answers_of(events: list[api.Event], end: float) -> tuple[Answer, ...]:
    """Per kind of decision the player met before ``end``, how they answered most (ties: the
    way taken first)."""
    arrived: dict[int, tuple[str, float]] = {}
    ways: dict[str, list[tuple[str | None, float]]] = {}
    for e in events:
        d = e.data
        if e.kind == api.DECISION_WAITING and e.t < end:
            arrived[d["decision"]] = (d["decision_kind"], e.t)
        elif e.kind in (api.DECISION_ANSWERED, api.DECISION_DEFAULTED) and d["decision"] in arrived:
            kind, t0 = arrived[d["decision"]]
            option = d["option"] if e.kind == api.DECISION_ANSWERED else None
            ways.setdefault(kind, []).append((option, e.t - t0))
    out = []
    for kind in sorted(ways):
        counts = Counter(option for option, _delay in ways[kind])
        first = {option: i for i, (option, _delay) in reversed(list(enumerate(ways[kind])))}
        option, chosen = max(counts.items(), key=lambda oc: (oc[1], -first[oc[0]]))
        delays = [delay for o, delay in ways[kind] if o == option]
        delay = 0.0 if option is None else float(statistics.median(delays))
        if delay <= NOTICED_WITHIN:
            delay = 0.0  # answered when the game stopped for it
        out.append(Answer(kind, option, delay, chosen, len(ways[kind])))
    return tuple(out)

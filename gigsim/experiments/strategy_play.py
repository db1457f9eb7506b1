"""Playing a player's strategy (``gigsim.experiments.strategy``) on a seed, as the game would.

The engine is driven exactly as the game drives it for a person: time runs
until a decision waits (``Engine.advance_until_decision``), or, while one is
left waiting unanswered, an hour at a time, as the game walks then; each
new decision is answered the way the player answered its kind most, when
time stops for it or after the player's usual delay, or left to its
deadline. The player's other actions are applied at their moments: at their
time, after as many of the events due at that instant as had happened
before them in the game (on another seed there are seldom any), and after
as many answers given at that moment. On the save's own seed, a player who
answered each kind of decision one way, each when time stopped for it or
never, is replayed exactly: the same actions at the same steps, the same
months (``tests/experiments/test_luck.py`` holds it to that).

Uses the engine only through ``gigsim.engine.api``; must not import Textual.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from typing import Any

from gigsim.engine import api
from gigsim.engine.api import AnswerDecision, Engine
from gigsim.experiments.strategy import Move, Strategy
from gigsim.model.scenario import Scenario

HOUR = 1.0 / 24.0
"""How far time moves between two looks for new decisions while one waits unanswered
(as the game walks: ``gigsim.tui.session.Game.advance``)."""


class _Driver:
    def __init__(self, engine: Engine, strategy: Strategy, end: float) -> None:
        self.e = engine
        self.strategy = strategy
        self.end = end
        self.moves = deque(m for m in strategy.moves if m.t < end)
        self.due: list[tuple[float, int, str]] = []  # (time, decision, option): answers to give
        self.seen = 0  # the player's events read so far
        self.noticed: deque[tuple[int, str]] = deque()  # answers to give when time stops
        self.listings = [lst.id for lst in engine.snapshot().listings]
        self.base = 0  # events processed when the clock reached the present instant
        self.answered_now = 0  # answers given at the present moment
        self.moment = (engine.now, engine.steps)

    # -- time ---------------------------------------------------------------
    def run(self) -> None:
        e = self.e
        while True:
            target = min(
                self.moves[0].t if self.moves else math.inf,
                self.due[0][0] if self.due else math.inf,
                e.month_end(e.months_closed() + 1),  # the game stops at every month's close
                self.end,
            )
            if e.now < target:
                arrived = self._advance(target)
                self._notice()
                if not arrived:
                    self._answer_noticed()
                    continue
                self.base = e.steps
            if e.now >= self.end:
                return
            self._answer_due()
            self._moves_now()
            self._answer_noticed()

    def _advance(self, target: float) -> bool:
        """Move towards ``target``; True once there (False: stopped on the way for a decision)."""
        e = self.e
        if e.waiting_decisions():
            e.advance_to(min(target, e.now + HOUR))
            return e.now >= target
        return not e.advance_until_decision(target)

    def _step(self) -> bool:
        """Fire one more of the events due at this instant; False when none is left."""
        e = self.e
        return e.replay_to_step(e.steps + 1, e.now)

    # -- decisions ----------------------------------------------------------
    def _notice(self) -> None:
        """Plan an answer to each decision that has arrived since the last look."""
        events = self.e.events(self.seen)
        self.seen += len(events)
        for ev in events:
            if ev.kind != api.DECISION_WAITING:
                continue
            way = self.strategy.answer(ev.data["decision_kind"])
            if way is None or way.option is None:
                continue  # left to its deadline: the platform's default applies then
            if way.delay <= 0.0:
                self.noticed.append((ev.data["decision"], way.option))
            else:
                at = max(ev.t + way.delay, self.e.now)
                heapq.heappush(self.due, (at, ev.data["decision"], way.option))

    def _answer_noticed(self, until: int | None = None) -> None:
        """Give the answers due as soon as time stops (only until ``until`` given at this moment)."""
        while self.noticed and (until is None or self._answers_here() < until):
            self._answer(*self.noticed.popleft())

    def _answers_here(self) -> int:
        moment = (self.e.now, self.e.steps)
        if moment != self.moment:
            self.moment, self.answered_now = moment, 0
        return self.answered_now

    def _answer(self, decision: int, option: str) -> None:
        self._answers_here()
        self.e.apply(AnswerDecision(decision, option))
        self.answered_now += 1

    def _answer_due(self) -> None:
        while self.due and self.due[0][0] <= self.e.now:
            _t, decision, option = heapq.heappop(self.due)
            if decision in self.e.waiting_decisions():
                self._answer(decision, option)

    # -- the player's other actions -----------------------------------------
    def _moves_now(self) -> None:
        e = self.e
        while self.moves and self.moves[0].t <= e.now:
            move = self.moves.popleft()
            while e.steps - self.base < move.k and self._step():
                self._notice()
                if e.steps - self.base < move.k:  # time stopped here for it in the game
                    self._answer_noticed()
            self._answer_noticed(until=move.after)
            self._apply(move)

    def _apply(self, move: Move) -> None:
        entry: dict[str, Any] = dict(move.action)
        if move.listing is not None:
            entry["listing"] = (
                self.listings[move.listing] if move.listing < len(self.listings) else -1
            )
        if entry["kind"] == "withdraw" and move.balance:
            entry["amount"] = entry["amount"] * self.e.snapshot().balance // move.balance
        result = self.e.apply(api.action_from_dict(entry))
        if entry["kind"] == "create_listing" and result.ok and result.listing is not None:
            self.listings.append(result.listing)


def play_strategy(scenario: Scenario, seed: int, strategy: Strategy, months: int) -> Engine:
    """A game of ``months`` months on ``seed`` in which the player plays ``strategy``."""
    engine = Engine(scenario, seed, policy=None)
    _Driver(engine, strategy, engine.month_end(months)).run()
    return engine

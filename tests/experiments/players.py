"""A scripted player who plays the game through its session (``gigsim.tui.session.Game``),
as a person at the keyboard would: time runs, stops for decisions and month closes, and the
player answers, edits the listing, changes hours and withdraws in between."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gigsim.engine import api
from gigsim.engine.api import AnswerDecision, EditListing, Engine, SetHours, Withdraw
from gigsim.scenarios import load_scenario
from gigsim.tui.session import Game

ANSWERS = {  # one way per kind: the luck check's strategy is exactly this player
    "inquiry": "answer",
    "quote_request": "quote_list",
    "public_request": "propose_budget",
    "revision_request": "accept",
    "cancellation_request": "accept",
    "dispute": "partial_refund",
    "off_platform_offer": "decline",
}


def play(
    folder: Path,
    months: int,
    seed: int = 3,
    overrides: Sequence[str] = (),
    answers: Mapping[str, str | None] = ANSWERS,
    choices: int = 11,
    stray: float = 0.0,
    paces: Sequence[str] = ("day", "week", "until", "until"),
    month_actions: bool = True,
    rule: api.SetRequestRule | None = None,
) -> dict[str, Any]:
    """Play ``months`` months and return the save's data (``api.save_data``).

    ``answers`` says how each kind of decision is answered when time stops for it (None:
    never: it waits for its deadline); ``stray`` is the share of decisions answered with
    another option instead. ``choices`` seeds the player's own choices (paces, edits).
    ``rule``, a standing rule for public requests, is set when the first month closes.
    """
    rng = random.Random(choices)
    engine = Engine(load_scenario("default", list(overrides)), seed, policy=None)
    game = Game(engine, "default", folder)
    game.quiet = frozenset(k for k, v in answers.items() if v is None)
    while engine.months_closed() < months:
        out = game.advance(rng.choice(list(paces)))
        if out.stop == "decision":
            _decide(game, out.new_decisions, answers, rng, stray)
        elif out.stop == "month" and rule is not None and engine.months_closed() == 1:
            assert game.apply(rule).ok
        elif out.stop == "month" and month_actions:
            _month_start(game, rng)
        elif rng.random() < 0.2:
            _edit(game, rng)
    return api.save_data(engine)


def _decide(
    game: Game,
    ids: Sequence[int],
    answers: Mapping[str, str | None],
    rng: random.Random,
    stray: float,
) -> None:
    views = {d.id: d for d in game.engine.snapshot().decisions}
    if rng.random() < 0.3:
        _edit(game, rng)  # an edit while time stands still for a decision, before answering
    for i in ids:
        d = views[i]
        option = answers.get(d.kind)
        if option is None:
            continue
        if rng.random() < stray:
            option = rng.choice([o for o in d.options if o != option] or [option])
        game.apply(AnswerDecision(i, option))
    if rng.random() < 0.3:
        _edit(game, rng)  # and after


def _edit(game: Game, rng: random.Random) -> None:
    lst = game.engine.snapshot().listings[0]
    price = max(2000, lst.price + rng.choice([-500, 500]))
    cap = max(lst.in_progress, 1, min(5, lst.cap + rng.choice([-1, 0, 1])))
    game.apply(EditListing(lst.id, price=price, cap=cap))


def _month_start(game: Game, rng: random.Random) -> None:
    game.apply(SetHours(rng.choice([1.5, 2.0, 3.0]), rng.choice([3.0, 4.0, 6.0])))
    balance = game.engine.snapshot().balance
    if balance > 3000:
        game.apply(Withdraw(balance // 2))

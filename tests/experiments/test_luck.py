"""The luck check: the player's strategy read from a save and replayed, percentiles, determinism.

The proof that the strategy replay is faithful: played on the save's own seed, it takes the
same actions at the same steps as the player did and closes the same months, for a player
whose answers the strategy captures (one way per kind of decision, given when time stopped
for it or never).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gigsim.engine.api import (
    DECISION_ANSWERED,
    DECISION_DEFAULTED,
    DECISION_WAITING,
    LISTING_CHANGED,
    WITHDRAWAL_REQUESTED,
    Engine,
    Event,
    SetRequestRule,
    action_from_dict,
    action_to_dict,
    load_game,
)
from gigsim.experiments.executors import LocalExecutor
from gigsim.experiments.luck import luck_seeds, run_luck
from gigsim.experiments.stats import rank_among
from gigsim.experiments.strategy import Answer, Move, Strategy, answers_of, read_strategy
from gigsim.experiments.strategy_play import play_strategy
from gigsim.scenarios import load_scenario
from gigsim.text.luck import bins

from .players import ANSWERS, play

QUIET_MARKET = ("mechanisms.competitors=false",)


def _journal(data: dict[str, Any], end: float) -> list[tuple[float, int, dict[str, Any]]]:
    return [(a["t"], a["steps"], a["action"]) for a in data["actions"] if a["t"] < end]


def _replayed_exactly(data: dict[str, Any]) -> None:
    game = read_strategy(data, "save")
    assert game.months >= 2
    again = play_strategy(game.scenario, game.seed, game.strategy, game.months)
    assert again.month_records(game.months) == list(game.records)
    assert [(t, n, a) for t, n, a in again.journal] == _journal(data, game.end)
    assert again.now == game.end
    truth = Engine(game.scenario, game.seed, policy=None)
    for t, n, action in _journal(data, game.end):
        truth.replay_to_step(n, t)
        truth.apply(action_from_dict(action))
    truth.advance_to(game.end)
    assert again.fingerprint() == truth.fingerprint()


@pytest.mark.parametrize("seed", [3, 8])
def test_the_strategy_on_the_saves_own_seed_replays_the_game_exactly(
    tmp_path: Path, seed: int
) -> None:
    """Decisions answered when time stops for them, the listing edited while time stands
    still for a decision (before and after answering), hours and withdrawals at month ends,
    time run a day, a week or until something happens: the same actions at the same steps."""
    data = play(tmp_path, months=3, seed=seed)
    moves = read_strategy(data, "save").strategy.moves
    assert any(m.k > 0 for m in moves), "no action amid an instant's events: nothing proven"
    assert any(m.after > 0 for m in moves) and any(m.after == 0 and m.k > 0 for m in moves), (
        "no action before and after an answer at one moment"
    )
    _replayed_exactly(data)


def test_a_kind_left_unanswered_is_replayed_exactly_too(tmp_path: Path) -> None:
    """Public requests left waiting in the inbox: the game then looks for decisions every
    hour from where time last stopped, and time stops at every month's close (here the
    player does nothing there: a replay that ran past it would notice a revision request
    at another moment)."""
    answers = {**ANSWERS, "public_request": None}
    data = play(
        tmp_path, 4, seed=11, answers=answers, paces=("until", "month"), month_actions=False
    )
    strategy = read_strategy(data, "save").strategy
    way = strategy.answer("public_request")
    assert way is not None and way.option is None and way.of > 0
    _replayed_exactly(data)


def test_a_rule_for_public_requests_is_part_of_the_strategy(tmp_path: Path) -> None:
    """A standing rule set at the first month's close is a move like any other: the replay
    sets it at the same moment, and its proposals follow on every seed."""
    rule = SetRequestRule(per_week=2, price="listing", others="skip")
    data = play(tmp_path, 3, seed=4, rule=rule)
    strategy = read_strategy(data, "save").strategy
    assert [m.action for m in strategy.moves if m.action["kind"] == "set_request_rule"] == [
        action_to_dict(rule)
    ]
    _replayed_exactly(data)
    game = read_strategy(data, "save")
    other = play_strategy(game.scenario, game.seed + 1, game.strategy, game.months)
    assert any(ev.data.get("by_rule") for ev in other.events() if ev.kind == "proposal_sent")


def test_the_strategy_answers_each_kind_the_way_the_player_did_most(tmp_path: Path) -> None:
    """Counted from the save's own events: a quarter of the answers were another option."""
    data = play(tmp_path, months=2, stray=0.25, choices=5)
    game = read_strategy(data, "save")
    path = tmp_path / "save.json"
    path.write_text(json.dumps(data))
    seen: dict[int, str] = {}
    counts: dict[str, dict[str | None, int]] = {}
    for e in load_game(path).events():
        if e.kind == DECISION_WAITING and e.t < game.end:
            seen[e.data["decision"]] = e.data["decision_kind"]
        elif e.kind in (DECISION_ANSWERED, DECISION_DEFAULTED) and e.data["decision"] in seen:
            option = e.data["option"] if e.kind == DECISION_ANSWERED else None
            kind = seen[e.data["decision"]]
            counts.setdefault(kind, {}).setdefault(option, 0)
            counts[kind][option] += 1
    assert {a.kind for a in game.strategy.answers} == set(counts)
    for a in game.strategy.answers:
        best = max(counts[a.kind].values())
        assert counts[a.kind][a.option] == best == a.chosen
        assert a.of == sum(counts[a.kind].values())
        assert a.delay == 0.0
    differing = game.strategy.differing_answers()
    assert differing == sum(a.of - a.chosen for a in game.strategy.answers) > 0


def test_ties_go_to_the_way_taken_first_and_unmet_kinds_get_no_answer() -> None:
    strategy = Strategy((), (Answer("inquiry", "answer", 0.0, 2, 4),))
    assert strategy.answer("dispute") is None

    def ev(seq: int, t: float, kind: str, **data: Any) -> Event:
        return Event(seq, t, kind, data)

    events = [
        ev(0, 1.0, DECISION_WAITING, decision=1, decision_kind="inquiry"),
        ev(1, 1.0, DECISION_ANSWERED, decision=1, decision_kind="inquiry", option="decline"),
        ev(2, 2.0, DECISION_WAITING, decision=2, decision_kind="inquiry"),
        ev(3, 2.5, DECISION_ANSWERED, decision=2, decision_kind="inquiry", option="answer"),
        ev(4, 3.0, DECISION_WAITING, decision=3, decision_kind="dispute"),
        ev(5, 5.0, DECISION_DEFAULTED, decision=3, decision_kind="dispute", option="contest"),
        ev(6, 9.0, DECISION_WAITING, decision=4, decision_kind="inquiry"),  # after the end
        ev(7, 9.0, DECISION_ANSWERED, decision=4, decision_kind="inquiry", option="answer"),
    ]
    got = {a.kind: a for a in answers_of(events, end=8.0)}
    assert got["inquiry"] == Answer("inquiry", "decline", 0.0, 1, 2)
    assert got["dispute"] == Answer("dispute", None, 0.0, 1, 1)
    events[3] = ev(3, 2.5, DECISION_ANSWERED, decision=2, decision_kind="inquiry", option="decline")
    # the median delay of those answers: at once and after half a day
    assert answers_of(events, end=8.0)[1] == Answer("inquiry", "decline", 0.25, 2, 2)
    events[3] = ev(
        3, 2.02, DECISION_ANSWERED, decision=2, decision_kind="inquiry", option="decline"
    )
    # within the hour the game looks again: answered when time stopped for it
    assert answers_of(events, end=8.0)[1] == Answer("inquiry", "decline", 0.0, 2, 2)


def test_listings_are_named_by_their_place_and_withdrawals_by_their_share() -> None:
    """On another seed the listing ids differ; the strategy edits the same listing all the same,
    and withdraws the same share of whatever the balance is then."""
    sc = load_scenario("default", list(QUIET_MARKET))
    create = {"kind": "create_listing", "category": "design", "price": 4000, "title": "Logos",
              "delivery_days": 5.0, "hours_per_order": 4.0, "cap": 2, "status": "open",
              "options": []}  # fmt: skip
    edit = {"kind": "edit_listing", "listing": 999, "price": 4500, "title": None,
            "delivery_days": None, "hours_per_order": None, "cap": None, "options": None}  # fmt: skip
    withdraw = {"kind": "withdraw", "amount": 3000}
    strategy = Strategy(
        (
            Move(1.0, 0, 0, create),
            Move(2.0, 0, 0, edit, listing=1),
            Move(40.0, 0, 0, withdraw, balance=6000),
        ),
        (),
    )
    engine = play_strategy(sc, 11, strategy, 2)
    mine = engine.snapshot().listings
    assert len(mine) == 2 and mine[1].price == 4500 and mine[0].price != 4500
    changed = [e for e in engine.events() if e.kind == LISTING_CHANGED]
    assert [e.data["listing"] for e in changed] == [mine[1].id]
    [w] = [e for e in engine.events() if e.kind == WITHDRAWAL_REQUESTED]
    assert w.t == 40.0 and w.data["amount"] > 0
    again = Engine(sc, 11, policy=None)  # the same game without the withdrawal
    again.advance_to(1.0)
    created = again.apply(action_from_dict(create)).listing
    again.advance_to(2.0)
    again.apply(action_from_dict({**edit, "listing": created}))
    again.advance_to(40.0)
    assert w.data["amount"] == again.snapshot().balance * 3000 // 6000  # the same share


@pytest.mark.parametrize(
    ("value", "others", "below", "equal", "percentile"),
    [
        (50.5, list(range(1, 101)), 50, 0, 50.0),
        (50, list(range(1, 101)), 49, 1, 49.5),
        (1000, list(range(1, 101)), 100, 0, 100.0),
        (0, list(range(1, 101)), 0, 0, 0.0),
        (7, [7, 7, 7, 7], 0, 4, 50.0),
        (3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2, 1, 25.0),
    ],
)
def test_the_percentile_rank_on_known_lists(
    value: float, others: list[int], below: int, equal: int, percentile: float
) -> None:
    rank = rank_among(value, others)
    assert (rank.below, rank.equal, rank.n) == (below, equal, len(others))
    assert rank.percentile == pytest.approx(percentile)


def test_histogram_bins_are_round_and_hold_every_value() -> None:
    values = [0, 1200, 3800, 5000, 12000, 26999]
    rows = bins(values, also=-500)
    assert rows[0][0] <= -500 and rows[-1][1] > 26999
    widths = {hi - lo for lo, hi, _n in rows}
    assert len(widths) == 1 and widths.pop() in (1000, 2000, 5000, 10000)
    assert sum(n for _lo, _hi, n in rows) == len(values)


def test_the_other_seeds_come_from_the_saves_seed_and_never_repeat_it() -> None:
    seeds = luck_seeds(3, 100)
    assert seeds[0] == 3 and 3 not in seeds[1:] and len(set(seeds)) == 101
    assert luck_seeds(3, 100) == seeds and luck_seeds(3, 10) == seeds[:11]
    assert luck_seeds(4, 10) != seeds[:11]


def test_the_same_save_and_seeds_give_the_same_numbers(tmp_path: Path) -> None:
    """Whatever the number of processes: the seeds are the run's own seeded streams."""
    game = read_strategy(play(tmp_path, months=1), "save")
    results = []
    for jobs in (1, 2, 2):
        executor = LocalExecutor(jobs)
        try:
            results.append(run_luck(game, 6, executor))
        finally:
            executor.close()
    assert results[0] == results[1] == results[2]
    s = results[0]
    assert len(s.incomes) == 6 and s.sides[0].own_seed == s.yours
    assert [side.policy for side in s.sides] == ["", "default", "active"]

"""Two human-controlled sellers in one market: each has their own decisions, orders, events,
snapshot and actions; actions on one do not touch the other; invariants and determinism hold."""

from __future__ import annotations

import re
from pathlib import Path

from gigsim.engine.api import (
    AnswerDecision,
    EditListing,
    Engine,
    RunResult,
    SetHours,
    load_game,
    rewind,
    run_totals,
    save_game,
)
from gigsim.scenarios import load_scenario

MONTHS = 3


def _engine() -> Engine:
    sc = load_scenario("default", ["market.choice.public_request_share=0.2"])
    second = sc.player.model_copy(update={"name": "Second seller", "balance": 0})
    return Engine(sc, 11, policy=None, humans=(second,))


def _play(e: Engine) -> dict[str, list[int]]:
    """Run MONTHS months answering every waiting decision with its first option, except that
    the second player proposes 20% under a public request's budget; returns the decisions
    each answered."""
    answered: dict[str, list[int]] = {p: [] for p in e.players()}
    end = e.month_end(MONTHS)
    while e.now < end:
        if not e.advance_until_decision(end):
            continue
        for n, p in enumerate(e.players()):
            snap = e.snapshot(p)
            for d in snap.decisions:
                low = n == 1 and d.kind == "public_request"
                option = "propose_low" if low else d.options[0]
                assert e.apply(AnswerDecision(decision=d.id, option=option), seller=p).ok
                answered[p].append(d.id)
    return answered


def test_each_human_seller_has_their_own_decisions_orders_and_events() -> None:
    e = _engine()
    assert e.players() == ("player", "player2")
    answered = _play(e)
    own = {p: {lst.id for lst in e.snapshot(p).listings} for p in e.players()}
    assert own["player"] and own["player2"] and not own["player"] & own["player2"]
    assert answered["player"] and answered["player2"]
    assert not set(answered["player"]) & set(answered["player2"])
    for p in e.players():
        events = e.events(seller=p)
        placed = [ev.data for ev in events if ev.kind == "order_placed"]
        assert placed, p
        assert all(d["listing"] in own[p] for d in placed)
        asked = [ev.data for ev in events if ev.kind == "decision_waiting" and "listing" in ev.data]
        assert all(d["listing"] in own[p] for d in asked)
        assert [ev.data["month"] for ev in events if ev.kind == "month_closed"] == [1, 2, 3]
        assert [ev.seq for ev in events] == list(range(len(events)))
        snap = e.snapshot(p)
        assert all(o.listing in own[p] for o in snap.orders)
        assert len(snap.months) == MONTHS
    assert e.invariant_violations() == []
    accounts = e.ledger_balances()
    assert "seller:player:bank" in accounts or "seller:player:balance" in accounts
    assert "seller:player2:balance" in accounts or "seller:player2:clearing" in accounts


def test_an_action_on_one_human_seller_does_not_touch_the_other() -> None:
    e = _engine()
    first, second = e.snapshot("player"), e.snapshot("player2")
    assert e.apply(SetHours(weekday=1.0, weekend=2.0), seller="player2").ok
    assert e.snapshot("player2").hours[:2] == (1.0, 2.0)
    assert e.snapshot("player").hours == first.hours
    theirs = first.listings[0].id
    refused = e.apply(EditListing(listing=theirs, price=9000), seller="player2")
    assert not refused.ok  # the second cannot edit the first's listing
    assert e.snapshot("player").listings[0].price == first.listings[0].price
    mine = second.listings[0].id
    assert e.apply(
        EditListing(listing=mine, price=first.listings[0].price + 500), seller="player2"
    ).ok
    assert e.snapshot("player").listings[0].price == first.listings[0].price
    assert [ev.kind for ev in e.events(seller="player2")][-2:] == [
        "hours_changed",
        "listing_changed",
    ]
    assert "hours_changed" not in [ev.kind for ev in e.events(seller="player")]
    e.advance_until_decision(e.month_end(2))
    waiting = {p: e.waiting_decisions(seller=p) for p in e.players()}
    for p, other in (("player", "player2"), ("player2", "player")):
        for d in waiting[p]:
            result = e.apply(AnswerDecision(decision=d, option="decline"), seller=other)
            assert not result.ok  # a decision put to one is not the other's to answer
    assert {p: e.waiting_decisions(seller=p) for p in e.players()} == waiting


def test_two_human_sellers_are_deterministic() -> None:
    a, b = _engine(), _engine()
    assert _play(a) == _play(b)
    for p in a.players():
        assert [x.as_dict() for x in a.events(seller=p)] == [
            x.as_dict() for x in b.events(seller=p)
        ]
        assert a.snapshot(p) == b.snapshot(p)
    assert a.ledger_balances() == b.ledger_balances()


KIND_CHECKS = re.compile(
    r"is_player|books_of\(|policy_of\(|books is (not )?None|isinstance\([^)]*\b(No)?Books\b"
)
"""Ways of asking what kind of seller one deals with that only ``controllers.py`` may use."""
FOLLOWING = re.compile(r"\.follows\b|\.plans_ahead\b")
"""How the rest of the engine asks, only where following a seller changes the model."""
WHERE_FOLLOWING_DIFFERS = {
    "buyers.py": 1,  # computer sellers propose by sampling; players are asked
    "facade.py": 2,  # a player by id; the computer sellers' summary
    "market.py": 1,  # players' listings are counted for the buyers they lose
    "money.py": 2,  # a follower's earnings clear and lapse; planned dispute hours
    "months.py": 1,  # a computer seller's rank is watched
    "orders.py": 1,  # a computer seller's order is worked out in advance
    "settle_effects.py": 2,  # off-platform offers and storms meet only followed sellers
}


def test_only_the_controllers_module_asks_what_kind_of_seller_it_deals_with() -> None:
    """Every seller has books of one interface: the subsystems record into them without
    asking, and ask ``follows`` or ``plans_ahead`` only in the places listed, so the count
    cannot creep back."""
    engine = Path(__file__).resolve().parents[2] / "gigsim" / "engine"
    asking: list[str] = []
    following: dict[str, int] = {}
    for f in sorted(engine.glob("*.py")):
        if f.name in ("controllers.py", "entities.py"):
            continue
        text = f.read_text(encoding="utf-8")
        asking += [f"{f.name}: {m.group(0)}" for m in KIND_CHECKS.finditer(text)]
        if n := len(FOLLOWING.findall(text)):
            following[f.name] = n
    assert asking == []
    assert following == WHERE_FOLLOWING_DIFFERS


def test_time_stops_for_any_players_decision_and_says_whose() -> None:
    e = _engine()
    end = e.month_end(MONTHS)
    seen: set[str] = set()
    while e.now < end:
        if not e.advance_until_decision(end):
            continue
        waiting = e.waiting_players()
        assert waiting, "time stopped for a decision no player has"
        assert set(waiting) == {p for p in e.players() if e.waiting_decisions(seller=p)}
        seen |= set(waiting)
        for p in waiting:
            for d in e.snapshot(p).decisions:
                assert e.apply(AnswerDecision(decision=d.id, option=d.options[0]), seller=p).ok
    assert seen == {"player", "player2"}


def test_a_game_of_two_human_sellers_saves_loads_and_rewinds(tmp_path: Path) -> None:
    e = _engine()
    _play(e)
    assert any("seller" in entry for _, _, entry in e.journal)  # the second player acted
    path = save_game(e, tmp_path / "two.json")
    again = load_game(path)
    assert again.players() == e.players()
    assert again.fingerprint() == e.fingerprint()
    assert again.ledger_balances() == e.ledger_balances()
    for p in e.players():
        assert again.snapshot(p) == e.snapshot(p)
    back = rewind(e, 2)
    assert back.players() == e.players()
    assert back.snapshot("player").months == e.snapshot("player").months[:1]
    assert back.snapshot("player2").months == e.snapshot("player2").months[:1]


def test_each_player_has_their_own_months_in_the_run_result() -> None:
    e = _engine()
    _play(e)
    result = RunResult.of(e)
    assert list(result.players) == ["player", "player2"]
    for p in e.players():
        mine = result.players[p]
        assert mine.seller == p
        assert mine.months == tuple(e.month_records(seller=p))
        assert [m["month"] for m in mine.months] == list(range(1, MONTHS + 1))
        assert mine.totals == run_totals(mine.months)
        assert mine.events == tuple(e.events(seller=p))
    first, second = result.players["player"], result.players["player2"]
    assert first.months != second.months
    assert (result.months, result.totals, result.events) == (
        first.months,
        first.totals,
        first.events,
    )
    written = result.as_dict()["players"]
    assert list(written) == ["player", "player2"]
    assert written["player2"]["months"] == list(second.months)
    assert written["player2"]["totals"] == second.totals


def test_the_fingerprint_covers_every_player() -> None:
    a, b = _engine(), _engine()
    a.advance_to(3.0)
    b.advance_to(3.0)
    assert a.fingerprint() == b.fingerprint()
    assert b.apply(SetHours(weekday=1.0, weekend=2.0), seller="player2").ok
    assert a.snapshot("player") == b.snapshot("player")
    assert a.fingerprint() != b.fingerprint()  # only the second player's business differs

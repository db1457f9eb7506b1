"""Balance that would lapse is announced a month ahead, shown part by part, and never silent."""

from __future__ import annotations

import datetime as dt

from gigsim.engine.api import Engine
from gigsim.scenarios import load_scenario
from gigsim.text.sentences import event_sentence, lapse_lines


def _unclaimed(months: int, *overrides: str) -> Engine:
    # No policy: nobody withdraws, as a player who never opens the Money tab; no competitors,
    # so that such a player sells at all.
    sc = load_scenario("default", ["mechanisms.competitors=false", *overrides])
    engine = Engine(sc, seed=4, policy=None)
    engine.run_months(months)
    return engine


def test_every_lapse_was_announced_at_least_a_month_ahead() -> None:
    engine = _unclaimed(9)
    events = [e.as_dict() for e in engine.events(0)]
    lapsed = [e for e in events if e["kind"] == "balance_lapsed"]
    warned = [e for e in events if e["kind"] == "balance_lapse_soon"]
    assert lapsed and warned
    for e in lapsed:
        before = [w for w in warned if w["t"] <= e["t"] - 31 and w["lapses_at"] <= e["t"] + 1e-6]
        assert before, f"lapse at day {e['t']:.1f} was not announced a month ahead"
    assert sum(w["amount"] for w in warned) >= sum(e["amount"] for e in lapsed)
    sentence = event_sentence(warned[0], "JPY")
    assert sentence is not None and sentence.startswith("! ¥") and "unless you withdraw" in sentence


def test_no_lapse_no_warning() -> None:
    engine = _unclaimed(6, "platform.payout.lapse_days=null")
    kinds = {e.kind for e in engine.events(0)}
    assert "balance_lapse_soon" not in kinds and "balance_lapsed" not in kinds
    assert engine.snapshot().balance_lapses == ()


def test_the_snapshot_says_when_each_part_lapses() -> None:
    engine = _unclaimed(3)
    snap = engine.snapshot()
    assert snap.balance_lapses
    assert sum(a for a, _ in snap.balance_lapses) == snap.balance
    assert all(t > snap.t for _, t in snap.balance_lapses)
    lines = lapse_lines(snap.balance_lapses, snap.t, dt.date(2026, 1, 1), "JPY")
    assert len(lines) == len(snap.balance_lapses)
    assert lines[0].startswith("¥") and " lapses " in lines[0] and "(in " in lines[0]

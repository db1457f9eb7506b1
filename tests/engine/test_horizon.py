"""A game has no last month: the calendar grows as it goes on, past twenty years and more."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gigsim.engine import saves
from gigsim.engine.api import AnswerDecision, Engine
from gigsim.engine.calendar import FIRST_CALENDAR, HorizonReached, horizon_days, month_starts
from gigsim.scenarios import load_scenario
from gigsim.tui import session

# White-box: Engine._world is the engine's live inside, not its API; these tests read the calendar the world grows (month_t, month_time).

# one category with a trickle of buyers and no competitors: 250 months in a fraction of a second
TINY = [
    "mechanisms.competitors=false",
    "mechanisms.risks=false",
    "categories.0.buyers_per_day=0.3",
    *(f"categories.{i}.buyers_per_day=0" for i in range(1, 9)),
]


def tiny(policy: str | None = "default", start: str | None = None) -> Engine:
    sc = load_scenario("default", TINY)
    if start:
        # past what a scenario file accepts (2200): the engine's own limit is what is tested
        sc = sc.model_copy(update={"start_date": dt.date.fromisoformat(start)})
    return Engine(sc, 2, policy=policy)


def test_a_headless_run_goes_past_month_241() -> None:
    e = tiny()
    e.run_months(250)
    assert len(e.months) == 250
    labels = [m.label for m in e.months]
    assert labels[0] == "2026-01" and labels[240] == "2046-01" and labels[-1] == "2046-10"
    assert len(set(labels)) == 250
    assert [m.start for m in e.months] == month_starts(dt.date(2026, 1, 1), 249)
    assert sum(m.orders for m in e.months[241:]) > 0  # the market still works out there
    assert sum(m.hours_worked for m in e.months[241:]) > 0
    assert e.invariant_violations() == []
    assert e.snapshot().month == 251


def test_the_game_keeps_playing_after_month_240(tmp_path: Path) -> None:
    e = tiny(policy=None)
    e.advance_to(e.month_end(240) - 2.0)
    game = session.Game(e, "tiny", tmp_path)
    for _ in range(200):  # across the old end of the calendar, as a player presses d / w / m
        if len(e.months) >= 242:
            break
        out = game.advance("week")
        for d in game.view().snapshot.decisions:
            game.apply(AnswerDecision(d.id, d.options[0]))
        assert out.stop in ("reached", "month", "decision")
    assert len(e.months) >= 242
    assert game.advance("month").stop in ("month", "decision")
    assert game.view().snapshot.month == len(e.months) + 1


def test_a_save_past_month_241_loads(tmp_path: Path) -> None:
    e = tiny()
    e.run_months(245)
    path = saves.save_game(e, tmp_path / "long.json")
    again = saves.load_game(path)
    assert again.fingerprint() == e.fingerprint() and len(again.months) == 245


def test_the_calendar_grows_a_year_at_a_time() -> None:
    e = tiny(policy=None)
    w = e._world
    assert len(w.month_t) == FIRST_CALENDAR + 1
    assert e.month_start(400) == month_starts(dt.date(2026, 1, 1), 399)[-1]
    assert len(w.month_t) >= 400
    with pytest.raises(ValueError):
        w.month_time(-1)


def test_the_end_of_the_calendar_is_a_clear_error_not_an_index_error() -> None:
    e = tiny(policy=None, start="9998-12-01")  # the calendar ends with the year 9999
    assert horizon_days(dt.date(9998, 12, 1)) == 365.0
    e.run_months(11)
    with pytest.raises(HorizonReached, match="the calendar ends after 12 months"):
        e.run_months(12)  # the last month closes; a thirteenth would end in the year 10000
    assert len(e.months) == 12

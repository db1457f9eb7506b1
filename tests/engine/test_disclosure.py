"""The player's disclosure as an action: trust in the buyers' choice, and harassment, follow it.

Paired runs on one seed: the same player with and without ``SetDisclosure``.
The action must change what the model reads (the trust part of the
listing's utility, the harassment rate) from the moment it is taken, be
journalled and replayed by a save, and refuse a level outside 0–1.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from gigsim.engine.api import Engine, SetDisclosure, load_game, save_game
from gigsim.model import market_rules as mr
from tests.engine.mechanism_kit import ALONE, FAST_PLAYER, engine, kinds, player_listing

# White-box: Engine._world is the engine's live inside, not its API; these tests read the live
# listing's utility to see what buyers weigh.

HARASSED = (*ALONE, "mechanisms.risks=true", "market.risks.harassment_per_month=20",
            "market.risks.off_platform_offer_prob=0", "market.risks.harassment_hours=0")  # fmt: skip


def paired(level: float | None, *sets: str, days: float = 60.0, at: float = 0.0) -> Engine:
    """The same run, with the disclosure set to ``level`` at ``at`` (None: never changed)."""
    e = engine(*sets)
    e.advance_to(at)
    if level is not None:
        assert e.apply(SetDisclosure(level)).ok
    e.advance_to(days)
    assert e.invariant_violations() == []
    return e


def test_disclosure_sets_the_trust_buyers_weigh() -> None:
    ch = engine().scenario.market.choice
    for level in (0.0, 0.5, 1.0):
        e = engine(*ALONE)
        assert e.apply(SetDisclosure(level)).ok
        assert e._world.player.disclosure == level == e.snapshot().disclosure
        trust = player_listing(e).comps[1]
        base = engine(*ALONE, f"player.disclosure={level}")  # the same level from the scenario
        assert trust == pytest.approx(player_listing(base).comps[1])
    off, full = engine(*ALONE), engine(*ALONE)
    off.apply(SetDisclosure(0.0))
    full.apply(SetDisclosure(1.0))
    gap = player_listing(full).comps[1] - player_listing(off).comps[1]
    assert gap == pytest.approx(mr.disclosure_utility(1.0, ch) - mr.disclosure_utility(0.0, ch))
    assert mr.disclosure_odds(1.0, ch) == pytest.approx(math.exp(ch.disclosure_coef * 0.5))


def test_more_disclosure_wins_more_buyers_on_the_same_seed() -> None:
    sets = (*ALONE, *FAST_PLAYER, "categories.0.buyers_per_day=6", "mechanisms.reviews=false",
            "market.choice.disclosure_coef=2")  # fmt: skip
    hidden, shown = paired(0.0, *sets, days=45), paired(1.0, *sets, days=45)
    assert kinds(shown)["order_placed"] > 1.2 * kinds(hidden)["order_placed"]


def test_disclosure_sets_the_harassment_rate_from_the_moment_it_changes() -> None:
    unchanged = paired(None, *HARASSED)  # 0.5 from the scenario: about 10 a month
    silent = paired(0.0, *HARASSED)
    loud = paired(1.0, *HARASSED)
    assert kinds(silent)["harassment"] == 0
    assert kinds(unchanged)["harassment"] == pytest.approx(20, rel=0.4)
    assert kinds(loud)["harassment"] == pytest.approx(40, rel=0.3)
    # changed half-way: what happened before is the unchanged run's, nothing after
    later = paired(0.0, *HARASSED, at=30.0)
    before = [ev.t for ev in unchanged.events() if ev.kind == "harassment" and ev.t < 30.0]
    assert [ev.t for ev in later.events() if ev.kind == "harassment"] == before
    changed = [ev for ev in later.events() if ev.kind == "disclosure_changed"]
    assert len(changed) == 1 and changed[0].data == {"level": 0.0}


def test_a_disclosure_change_is_saved_and_replayed(tmp_path: Path) -> None:
    e = engine(*HARASSED, policy=None)
    e.advance_to(10.0)
    assert e.apply(SetDisclosure(0.9)).ok
    e.advance_to(40.0)
    loaded = load_game(save_game(e, tmp_path / "game.json"))
    assert loaded.snapshot().disclosure == 0.9
    assert [ev.as_dict() for ev in loaded.events()] == [ev.as_dict() for ev in e.events()]


@pytest.mark.parametrize("level", [-0.1, 1.5, math.nan, math.inf])
def test_a_level_outside_0_to_1_is_refused(level: float) -> None:
    e = engine(*ALONE, policy=None)
    result = e.apply(SetDisclosure(level))
    assert not result.ok and "between 0 and 1" in result.message
    assert e.snapshot().disclosure == 0.5


def test_a_level_that_is_not_a_number_cannot_be_taken() -> None:
    e = engine(*ALONE, policy=None)
    with pytest.raises(TypeError):
        e.apply(SetDisclosure(True))
    with pytest.raises(TypeError):
        e.apply(SetDisclosure("0.5"))  # type: ignore[arg-type]

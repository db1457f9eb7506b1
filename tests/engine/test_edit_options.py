"""Editing a listing's paid options: validated, applied, and replayed from a save."""

from __future__ import annotations

from pathlib import Path

from gigsim.engine import saves
from gigsim.engine.api import EditListing, Engine
from gigsim.scenarios import load_scenario


def test_options_can_be_edited_and_bad_ones_are_refused(tmp_path: Path) -> None:
    e = Engine(load_scenario("default"), 3, policy=None)
    lid = e.snapshot().listings[0].id
    e.advance_to(5.0)
    ok = e.apply(EditListing(lid, options=(("Rush", 2000, 0.0), ("Source file", 1500, 0.5))))
    assert ok.ok
    assert e.snapshot().listings[0].options == (("Rush", 2000, 0.0), ("Source file", 1500, 0.5))
    bad = e.apply(EditListing(lid, options=(("Rush", -5, 0.0),)))
    assert not bad.ok and "options" in bad.message
    assert e.snapshot().listings[0].options[0] == ("Rush", 2000, 0.0)
    e.advance_to(40.0)
    again = saves.load_game(saves.save_game(e, tmp_path / "s.json"))
    assert again.fingerprint() == e.fingerprint()
    assert again.snapshot().listings[0].options == e.snapshot().listings[0].options

"""Saves are a journal: load replays to the fingerprint, rewind branches, bad saves are refused."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from gigsim.engine import saves
from gigsim.engine.actions import AnswerDecision, EditListing, SetHours
from gigsim.engine.facade import Engine
from gigsim.errors import BadInput
from gigsim.scenario_io import load_scenario


def play(seed: int, until: float) -> Engine:
    e = Engine(load_scenario("default"), seed, policy=None)
    rng = random.Random(seed)
    lid = e.snapshot().listings[0].id
    while e.now < until:
        if e.advance_until_decision(min(until, e.now + rng.uniform(1.0, 9.0))):
            for d in e.snapshot().decisions:
                e.apply(AnswerDecision(d.id, rng.choice(d.options)))
        elif rng.random() < 0.4:
            e.apply(EditListing(lid, price=rng.choice([3000, 4000, 5000, 6000])))
        elif rng.random() < 0.1:
            e.apply(SetHours(weekday=rng.choice([1.0, 2.0]), weekend=3.0))
    return e


def test_load_replays_to_the_same_state(tmp_path: Path) -> None:
    e = play(3, 70.0)
    path = saves.save_game(e, tmp_path / "a.json", label="test")
    again = saves.load_game(path)
    assert again.now == e.now
    assert again.fingerprint() == e.fingerprint()
    assert [x.as_dict() for x in again.events()] == [x.as_dict() for x in e.events()]
    assert again.snapshot() == e.snapshot()
    # a loaded game plays on exactly like the original
    e.advance_to(100.0)
    again.advance_to(100.0)
    assert again.fingerprint() == e.fingerprint()


def test_rewind_goes_back_to_a_month_start_and_branches() -> None:
    e = play(5, 95.0)
    r = saves.rewind(e, 2)
    assert r.snapshot().month == 2
    assert len(r.months) == 1
    assert all(t < e.month_start(2) for t, _, _ in r.journal)
    assert r.months[0].as_dict() == e.months[0].as_dict()
    # a different choice from there is a different future
    lid = r.snapshot().listings[0].id
    r.apply(EditListing(lid, price=2000))
    r.advance_to(95.0)
    assert r.fingerprint() != e.fingerprint()
    with pytest.raises(ValueError):
        saves.rewind(e, 99)


def test_a_save_that_no_longer_replays_says_so(tmp_path: Path) -> None:
    e = play(7, 40.0)
    path = saves.save_game(e, tmp_path / "b.json")
    data = json.loads(path.read_text())
    data["seed"] = 8  # another world: the journal no longer reaches the recorded state
    path.write_text(json.dumps(data))
    with pytest.raises(BadInput) as err:
        saves.load_game(path)
    assert err.value.field == "fingerprint"
    assert "does not replay" in err.value.problem


def test_a_save_from_another_model_version_is_refused_before_replaying(tmp_path: Path) -> None:
    e = play(7, 10.0)
    path = saves.save_game(e, tmp_path / "old.json")
    data = json.loads(path.read_text())
    data["model_version"] = "0"
    path.write_text(json.dumps(data))
    with pytest.raises(BadInput) as err:
        saves.load_game(path)
    assert err.value.field == "model_version"
    assert "cannot replay" in err.value.problem


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"", None),
        (b"\x00\x01binary", None),
        (b"[1, 2]", "format"),
        (b'{"format": "gigsim-save", "version": 99}', "version"),
        (b'{"format": "gigsim-save", "version": 1, "seed": "x"}', "seed"),
        (
            b'{"format": "gigsim-save", "version": 1, "seed": 1, "steps": 0, "t": 0, "actions": [],'
            b' "scenario": {"categories": []}}',
            "scenario.categories",
        ),
        (
            b'{"format": "gigsim-save", "version": 1, "seed": 1, "steps": 0, "t": 0,'
            b' "actions": [{"t": 0}], "scenario": {"categories": [{"id": "a", "name": "A"}]}}',
            "actions.0",
        ),
    ],
)
def test_corrupted_saves_are_refused_by_name(
    tmp_path: Path, content: bytes, field: str | None
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(BadInput) as err:
        saves.load_game(path)
    assert err.value.source == str(path)
    if field is not None:
        assert err.value.field is not None and err.value.field.startswith(field)


def test_a_failed_save_keeps_the_earlier_one(tmp_path: Path) -> None:
    e = play(2, 20.0)
    good = saves.save_game(e, tmp_path / "slot.json")
    before = good.read_bytes()
    with pytest.raises(BadInput):
        saves.save_game(e, tmp_path / "missing-folder" / "slot.json")
    assert good.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]

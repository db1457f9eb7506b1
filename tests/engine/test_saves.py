"""Saves are a journal: load replays to the fingerprint, rewind branches, bad saves are refused."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gigsim.engine import save_files, saves
from gigsim.engine.api import AnswerDecision, EditListing, Engine, SetHours
from gigsim.errors import BadInput
from gigsim.scenarios import load_scenario


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


def test_a_save_carried_in_another_file_loads_and_is_checked_as_a_file_is() -> None:
    """``load_data``: a save's content inside another file (a result handed in), replayed
    and checked like a save file; its problems name the carrier."""
    e = play(3, 40.0)
    data = json.loads(json.dumps(saves.save_data(e, "carried")))
    assert saves.load_data(data, "result.json: save").fingerprint() == e.fingerprint()
    for broken, field in (
        ([], "format"),
        ({**data, "format": "other"}, "format"),
        ({**data, "actions": {}}, "actions"),
        ({**data, "scenario": 3}, "scenario"),
        ({**data, "fingerprint": "0" * 16}, "fingerprint"),
    ):
        with pytest.raises(BadInput) as caught:
            saves.load_data(broken, "result.json: save")
        assert (caught.value.source, caught.value.field) == ("result.json: save", field)


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
    # found at the first action the other world does not reach, or at the end
    assert err.value.field == "fingerprint" or err.value.field.startswith("actions.")
    assert "edited or damaged: it does not replay" in err.value.problem


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


# -- hostile and edited saves ---------------------------------------------------


def edited(tmp_path: Path, e: Engine, change: Callable[[dict[str, Any]], None]) -> Path:
    """A save of ``e`` with ``change`` applied to its JSON, as an editor would leave it."""
    path = saves.save_game(e, tmp_path / "edited.json")
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    return path


def refused(path: Path) -> BadInput:
    with pytest.raises(BadInput) as err:
        saves.load_game(path)
    assert err.value.source == str(path) and "\n" not in err.value.line()
    return err.value


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "nested too deeply"),
        (b'{"format": "gigsim-save", "seed": ' + b"7" * 5000 + b"}", "number in it is too long"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_json_that_would_break_the_parser_is_one_line(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    assert problem in refused(path).problem
    with pytest.raises(BadInput):
        saves.read_header(path)


def test_a_save_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    e = play(4, 12.0)
    path = saves.save_game(e, tmp_path / "plain.json")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as some Windows editors save
    assert saves.load_game(bom).fingerprint() == e.fingerprint()
    assert saves.read_header(bom)["seed"] == 4


def test_a_game_stopped_on_a_whole_day_loads(tmp_path: Path) -> None:
    e = Engine(load_scenario("default"), 1, policy=None)
    e.advance_to(20)  # an int: the clock holds 20, the save "t": 20
    path = saves.save_game(e, tmp_path / "day20.json")
    assert saves.load_game(path).fingerprint() == e.fingerprint()


def test_steps_the_journal_cannot_reach_are_refused_at_once(tmp_path: Path) -> None:
    e = play(3, 15.0)
    path = edited(tmp_path, e, lambda d: d.update(steps=1_000_000_000_000))
    err = refused(path)
    assert err.field == "steps"
    assert "the game has no step 1000000000000 by day" in err.problem


def test_an_action_step_the_game_cannot_reach_is_refused(tmp_path: Path) -> None:
    e = play(3, 30.0)
    assert e.journal

    def push_all(d: dict[str, Any]) -> None:  # still in order, but past what day 30 holds
        for a in d["actions"]:
            a["steps"] += 10**6
        d["steps"] += 10**6

    err = refused(edited(tmp_path, e, push_all))
    assert err.field == "actions.0.steps" and "does not replay" in err.problem


INF, NAN = float("inf"), float("nan")


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("t", 1e308, "actions.0.t"),
        ("t", INF, "actions.0.t"),
        ("t", -INF, "actions.0.t"),
        ("t", NAN, "actions.0.t"),
        ("t", -1.0, "actions.0.t"),
        ("t", 1e6, "actions.0.t"),  # after the save's own time
        ("t", "inf", "actions.0"),
        ("steps", -5, "actions.0.steps"),
        ("steps", 10**15, "actions.0.steps"),
        ("steps", 1.5, "actions.0"),
        ("steps", True, "actions.0"),
    ],
)
def test_edited_action_times_and_steps_are_refused_by_name(
    tmp_path: Path, field: str, value: Any, where: str
) -> None:
    e = play(3, 20.0)
    assert e.journal
    path = edited(tmp_path, e, lambda d: d["actions"][0].update({field: value}))
    err = refused(path)
    assert err.field == where


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"t": INF}, "t"),
        ({"t": NAN}, "t"),
        ({"t": -1}, "t"),
        ({"t": 1e308}, "t"),
        ({"t": 370_000.0}, "t"),  # under the cheap bound, past this calendar's last month
        ({"t": "7"}, "t"),
        ({"steps": -1}, "steps"),
        ({"steps": 2.0}, "steps"),
        ({"steps": None}, "steps"),
        ({"seed": -3}, "seed"),
        ({"seed": True}, "seed"),
        ({"actions": {}}, "actions"),
    ],
)
def test_edited_times_and_counts_are_refused_before_replaying(
    tmp_path: Path, change: dict[str, Any], where: str
) -> None:
    e = play(2, 10.0)
    err = refused(edited(tmp_path, e, lambda d: d.update(change)))
    assert err.field == where


def test_too_many_actions_are_refused_before_replaying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    e = play(3, 20.0)
    n = len(e.journal)
    monkeypatch.setattr(save_files, "MAX_ACTIONS", n - 1)
    err = refused(saves.save_game(e, tmp_path / "many.json"))
    assert err.field == "actions" and f"more than {n - 1} actions" in err.problem


def test_an_edited_save_says_what_differs(tmp_path: Path) -> None:
    e = play(6, 40.0)
    balance = saves.figures(e)["balance"]

    def edit(d: dict[str, Any]) -> None:
        d["summary"]["balance"] = balance + 99_999  # as if the balance had been edited up
        d["fingerprint"] = "0" * 16

    err = refused(edited(tmp_path, e, edit))
    assert err.field == "fingerprint"
    assert err.problem.startswith("the file was edited or damaged: it does not replay")
    assert f"balance {balance + 99_999} recorded, {balance} replayed" in err.problem
    assert "this is gigsim" not in err.problem  # the versions are the same: not the reason


def test_an_edited_fingerprint_alone_says_the_figures_agree(tmp_path: Path) -> None:
    e = play(6, 20.0)
    err = refused(edited(tmp_path, e, lambda d: d.update(fingerprint="f" * 16)))
    assert "edited or damaged" in err.problem and "are as recorded" in err.problem


def test_another_gigsim_version_is_named_when_its_save_does_not_replay(tmp_path: Path) -> None:
    e = play(6, 20.0)
    err = refused(
        edited(tmp_path, e, lambda d: d.update(fingerprint="f" * 16, gigsim_version="0.0.9"))
    )
    assert err.problem.startswith("saved by gigsim 0.0.9; this is gigsim ")


def test_saves_made_before_the_summary_still_load(tmp_path: Path) -> None:
    e = play(5, 30.0)
    path = edited(tmp_path, e, lambda d: d.pop("summary"))
    assert saves.load_game(path).fingerprint() == e.fingerprint()
    assert saves.read_header(path)["seed"] == 5  # read whole: no summary to read alone
    err = refused(edited(tmp_path, e, lambda d: (d.pop("summary"), d.update(fingerprint="0"))))
    assert (
        err.problem == "the file was edited or damaged: it does not replay to the state it recorded"
    )


def test_an_action_the_engine_cannot_take_is_refused_by_its_index(tmp_path: Path) -> None:
    e = play(3, 20.0)
    e.apply(EditListing(e.snapshot().listings[0].id, price=4000))
    i = len(e.journal) - 1
    path = edited(tmp_path, e, lambda d: d["actions"][i]["action"].update(price="a lot"))
    err = refused(path)
    assert err.field == f"actions.{i}" and "cannot be applied" in err.problem


# -- progress and cancellation ---------------------------------------------------


def test_a_replay_reports_progress_and_can_be_cancelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(saves, "PROGRESS_EVERY", 0.0)  # report at every slice
    monkeypatch.setattr(saves, "REPLAY_CHUNK", 256)
    e = play(8, 95.0)  # into month 4
    path = saves.save_game(e, tmp_path / "long.json")
    seen: list[saves.Progress] = []
    loaded = saves.load_game(path, progress=seen.append, cancelled=lambda: False)
    assert loaded.fingerprint() == e.fingerprint()
    assert len(seen) > 10
    assert {p.months for p in seen} == {4}
    months = [p.month for p in seen]
    assert months == sorted(months) and months[0] == 1 and months[-1] == 4

    asked = []

    def cancel_after_month_two() -> bool:
        asked.append(1)
        return bool(seen) and seen[-1].month >= 2

    seen.clear()
    with pytest.raises(saves.Cancelled):
        saves.load_game(path, progress=seen.append, cancelled=cancel_after_month_two)
    assert seen[-1].month == 2 and len(asked) == len(seen) + 1


def test_a_rewind_can_be_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saves, "PROGRESS_EVERY", 0.0)
    e = play(5, 95.0)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(saves.Cancelled):
        saves.rewind(e, 4, cancelled=cancelled)
    assert saves.rewind(e, 4).snapshot().month == 4  # the game itself is untouched


def test_a_front_ends_own_fields_are_kept_before_the_scenario_and_ignored_by_load(
    tmp_path: Path,
) -> None:
    """The game keeps a lesson's progress in its saves: ``read_header`` (the saves list's cheap
    read of a big file) sees it, and loading replays the same game as without it."""
    e = play(3, 40.0)
    lesson = {"number": 1, "id": "cold-start", "reported": False}
    path = saves.save_game(e, tmp_path / "a.json", extra={"lesson": lesson})
    text = path.read_text("utf-8")
    assert text.index('"lesson"') < text.index('"scenario"')
    assert save_files.read_header(path)["lesson"] == lesson
    big = dict(json.loads(text), padding="x" * save_files.HEADER_BYTES)  # read as a header
    (tmp_path / "big.json").write_text(json.dumps(big, indent=1), encoding="utf-8")
    assert save_files.read_header(tmp_path / "big.json")["lesson"] == lesson
    assert saves.load_game(path).fingerprint() == e.fingerprint()
    plain = saves.save_game(e, tmp_path / "b.json")
    assert "lesson" not in json.loads(plain.read_text("utf-8"))
    for own in ("seed", "scenario", "actions", "fingerprint"):
        with pytest.raises(ValueError, match="field of the save"):
            saves.save_data(e, extra={own: 1})

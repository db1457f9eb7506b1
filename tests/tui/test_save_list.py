"""The saves folder: where it is, listing any file in it without failing, stale temporary files."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import platformdirs
import pytest

from gigsim.engine import api, save_files, saves
from gigsim.engine.api import Engine, SetListingStatus
from gigsim.errors import BadInput
from gigsim.scenarios import load_scenario
from gigsim.text.units import day
from gigsim.tui import session

QUIET = ["mechanisms.competitors=false", "mechanisms.risks=false"]


def engine(days: float = 10.0, seed: int = 1) -> Engine:
    e = Engine(load_scenario("default", QUIET), seed, policy=None)
    e.advance_to(days)
    return e


def test_save_dir_is_the_platforms_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def user_data_dir(appname: str, appauthor: object = None) -> str:
        calls.append((appname, appauthor))
        return "/somewhere/the/platform/keeps/gigsim"

    monkeypatch.setattr(platformdirs, "user_data_dir", user_data_dir)
    assert session.save_dir({}) == Path("/somewhere/the/platform/keeps/gigsim/saves")
    assert calls == [("gigsim", False)]  # no "author" folder level on Windows
    assert session.save_dir({"GIGSIM_SAVE_DIR": "~/my-saves"}) == Path("~/my-saves").expanduser()


def test_save_dir_honours_xdg_data_home_on_linux(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GIGSIM_SAVE_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = Path(platformdirs.user_data_dir("gigsim", appauthor=False)) / "saves"
    assert session.save_dir() == expected
    if sys.platform.startswith("linux"):
        assert expected == tmp_path / "data" / "gigsim" / "saves"


def test_listing_never_fails_on_any_file_in_the_folder(tmp_path: Path) -> None:
    good = saves.save_game(engine(), tmp_path / "good.json", label="mine")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep-header.json").write_text('{"format": "gigsim-save", "x": ' + "[" * 70_000)
    (tmp_path / "digits.json").write_text('{"seed": ' + "9" * 5000 + "}")
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "binary.json").write_bytes(bytes(range(256)) * 300)
    (tmp_path / "folder.json").mkdir()
    os.mkfifo(tmp_path / "pipe.json")  # opening it to read would wait for ever
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    listed = session.list_saves(tmp_path)
    by_name = {s.path.name: s for s in listed}
    assert by_name.pop("good.json").ok
    assert "dangling.json" not in by_name or not by_name.pop("dangling.json").ok
    assert by_name.keys() >= {"deep.json", "digits.json", "empty.json", "binary.json",
                              "folder.json", "pipe.json"}  # fmt: skip
    for info in by_name.values():
        assert not info.ok and info.title.startswith("✗ ") and "\n" not in info.title
    assert "nested too deeply" in by_name["deep.json"].title
    assert "not a regular file" in by_name["pipe.json"].title
    assert good.exists()


def test_the_list_reads_a_large_save_from_its_header(tmp_path: Path) -> None:
    e = engine(20.0, seed=3)
    lid = e.snapshot().listings[0].id
    for i in range(600):  # a long game's journal
        e.apply(SetListingStatus(lid, "paused" if i % 2 else "open"))
    path = saves.save_game(e, tmp_path / "big.json")
    raw = path.read_bytes()
    assert len(raw) > save_files.HEADER_BYTES
    path.write_bytes(raw[: save_files.HEADER_BYTES + 100])  # the rest lost: a damaged body
    [info] = session.list_saves(tmp_path)
    shown = day(
        dt.date.fromisoformat(e.snapshot_date())
    )  # the save's day, as the language writes it
    assert info.ok and "seed 3" in info.title and shown in info.title
    with pytest.raises(BadInput):  # loading reads it all and refuses it
        session.load(path, tmp_path)


def test_titles_show_text_from_the_file_as_text(tmp_path: Path) -> None:
    path = saves.save_game(engine(), tmp_path / "odd.json")
    data = json.loads(path.read_text())
    data["label"] = "[/bold]\x1b[2J" + "x" * 500
    data["summary"]["player"] = "Ann\nBee"
    path.write_text(json.dumps(data))  # not indented: read whole, not by its header
    [info] = session.list_saves(tmp_path)
    assert info.ok and "\n" not in info.title and "\x1b" not in info.title
    assert "Ann?Bee" in info.title and "[/bold]?[2J" in info.title
    assert len(info.title) < 200


def test_saves_from_before_the_summary_are_listed(tmp_path: Path) -> None:
    path = saves.save_game(engine(seed=9), tmp_path / "old.json")
    data = json.loads(path.read_text())
    del data["summary"]
    path.write_text(json.dumps(data, indent=1))
    [info] = session.list_saves(tmp_path)
    assert info.ok and "seed 9" in info.title and "Your name" not in info.title
    assert load_scenario("default").player.name in info.title


def _age(p: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(p, (t, t))


def test_stale_temporary_files_of_interrupted_saves_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".autosave-x.json.k2j4_9ab.tmp"
    fresh = tmp_path / ".slot.json.a1b2c3d4.tmp"  # a save being written right now
    other = tmp_path / ".notes.tmp"  # not ours
    mine = tmp_path / "keep.json"
    for p in (stale, fresh, other, mine):
        p.write_text("x" * 1000)
    _age(stale, 3600)
    _age(other, 3600)
    _age(mine, 3600)
    (tmp_path / ".dir.json.zzzzzzzz.tmp").mkdir()  # not a file: left alone
    _age(tmp_path / ".dir.json.zzzzzzzz.tmp", 3600)
    session.list_saves(tmp_path)
    assert not stale.exists()
    assert fresh.exists() and other.exists() and mine.exists()
    assert (tmp_path / ".dir.json.zzzzzzzz.tmp").is_dir()


def test_starting_a_game_removes_stale_temporary_files(tmp_path: Path) -> None:
    stale = tmp_path / ".game.json.abcdefgh.tmp"
    stale.write_text("partial")
    _age(stale, 120)
    session.Game(engine(0.0), "default", tmp_path)
    assert not stale.exists()
    session.Game(engine(0.0), "default", tmp_path / "not-yet")  # no folder yet: nothing to do


def test_a_load_through_the_session_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(BadInput) as err:
        session.load(deep, tmp_path)
    assert err.value.short() == "deep.json: not a gigsim save (nested too deeply)"


def test_a_time_too_large_for_a_float_is_one_line_in_the_list(tmp_path: Path) -> None:
    path = saves.save_game(engine(), tmp_path / "huge-t.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["t"] = 10**400  # a whole number no float holds: comparing it must not overflow
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BadInput) as err:
        saves.read_save(path)
    assert err.value.field == "t" and "is not a day of a game" in err.value.problem
    (info,) = session.list_saves(tmp_path)
    assert not info.ok and info.title.startswith("✗ huge-t.json: t: ")
    assert len(info.title) < 200


def test_a_file_that_breaks_the_reader_in_an_unforeseen_way_is_still_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves.save_game(engine(), tmp_path / "odd.json")

    def broken(path: Path) -> dict[str, object]:
        raise OverflowError("a failure no check foresaw")

    monkeypatch.setattr(api, "read_header", broken)  # the game reads saves through the API
    (info,) = session.list_saves(tmp_path)
    assert not info.ok
    assert info.title == (
        "✗ odd.json: not a readable save (OverflowError: a failure no check foresaw)"
    )


def test_a_rescue_save_never_replaces_a_save(tmp_path: Path) -> None:
    game = session.Game(engine(), "default", tmp_path)
    first = game.save_new("rescue", label="saved after an internal error")
    second = game.save_new("rescue", label="saved after an internal error")
    assert first != second and first.exists() and second.exists()
    assert second.name == first.name.replace(".json", "-2.json")


def test_a_save_reads_in_japanese(tmp_path: Path) -> None:
    """Its day as Japanese writes it and the shipped scenario's player as あなた."""
    from gigsim import i18n

    saves.save_game(engine(), tmp_path / "a.json")
    before = i18n.language()
    try:
        i18n.set_language("ja")
        [info] = session.list_saves(tmp_path)
    finally:
        i18n.set_language(before)
    assert info.title.startswith("2026年1月11日(日)  default  シード 1  あなた  (保存)"), info.title

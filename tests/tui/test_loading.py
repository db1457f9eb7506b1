"""Loading in the game: a replay in a worker behind a progress dialog; every failure one line."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from gigsim.engine import saves
from gigsim.engine.api import Engine
from gigsim.errors import BadInput
from gigsim.scenarios import load_scenario
from gigsim.tui import session
from gigsim.tui.app import GigsimApp
from gigsim.tui.messages import LoadRequested
from gigsim.tui.screens.help import HelpScreen
from gigsim.tui.screens.loading import LoadingScreen
from gigsim.tui.screens.saves_screen import SavesScreen
from tests.tui.conftest import QUIET, app_for, finish_loading, sync

SIZE = (80, 24)


def message_line(app: GigsimApp) -> str:
    return str(app.main.query_one("#message", Static).render())


def a_save(folder: Path, days: float = 70.0, name: str = "played.json") -> tuple[Path, str]:
    """A save of a game of ``days`` days in the quiet market; its path and fingerprint."""
    e = Engine(load_scenario("default", list(QUIET)), 4, policy=None)
    e.advance_to(days)
    folder.mkdir(parents=True, exist_ok=True)
    return saves.save_game(e, folder / name), e.fingerprint()


class Gate:
    """Holds a load's replay at its first progress report until the test lets it go on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reported = threading.Event()
        self.go = threading.Event()
        self.threads: list[threading.Thread] = []
        real = session.load

        def load(path: Path, folder: Path, progress: Any = None, cancelled: Any = None) -> Any:
            self.threads.append(threading.current_thread())

            def held(p: saves.Progress) -> None:
                progress(p)
                if not self.reported.is_set():
                    self.reported.set()
                    assert self.go.wait(30), "the test never let the replay go on"

            return real(path, folder, held, cancelled)

        monkeypatch.setattr(session, "load", load)
        monkeypatch.setattr(saves, "PROGRESS_EVERY", 0.0)  # report at every slice
        monkeypatch.setattr(saves, "REPLAY_CHUNK", 128)


async def until(pilot: Any, condition: Any, timeout: float = 20.0) -> None:
    waited = 0.0
    while not condition() and waited < timeout:
        await pilot.pause(0.02)
        waited += 0.02
    assert condition(), "timed out"


@sync
async def test_escape_cancels_a_load_and_the_game_goes_on(
    save_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_save(save_dir)
    gate = Gate(monkeypatch)
    app = app_for(save_dir, QUIET)
    async with app.run_test(size=SIZE) as pilot:
        before = app.game
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        await pilot.press("enter")
        await until(pilot, gate.reported.is_set)
        assert isinstance(app.screen, LoadingScreen)
        assert gate.threads[0] is not threading.main_thread()  # the replay runs in a worker

        def shown() -> str:
            return str(app.screen.query_one("#loading-progress", Static).render())

        await until(pilot, lambda: "replaying month" in shown())
        assert shown() == "replaying month 1 of 3 …"
        await pilot.press("escape")
        await pilot.pause()
        assert not any(isinstance(s, LoadingScreen) for s in app.screen_stack)
        assert app.game is before
        assert "loading cancelled" in message_line(app)
        gate.go.set()  # the worker hears the cancel at its next slice and stops
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.game is before and app.main.view.snapshot.t == 0.0
        await pilot.press("d")  # and the game plays on
        await until(pilot, lambda: not app.running and app.main.view.snapshot.t >= 1.0)


@sync
async def test_a_load_that_ends_under_another_dialog_waits_for_it(
    save_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, fingerprint = a_save(save_dir)
    gate = Gate(monkeypatch)
    app = app_for(save_dir, QUIET)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(LoadRequested(path))
        await until(pilot, gate.reported.is_set)
        # a dialog opened above it meanwhile (as a month report is, when a time slice
        # that was running closes a month)
        await app.push_screen(HelpScreen())
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        gate.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # not closed by the load's end
        await pilot.press("escape")
        await finish_loading(pilot, app)
        assert app.game.engine.fingerprint() == fingerprint
        assert message_line(app).endswith("loaded played.json")


@sync
async def test_a_deeply_nested_save_is_one_line_in_the_game(save_dir: Path) -> None:
    save_dir.mkdir(parents=True)
    deep = save_dir / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")  # the list reads every file: it must not fail on this one
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#saves-error", Static).render())
        assert error == "✗ deep.json: not a gigsim save (nested too deeply)"
        await pilot.press("escape")
        await pilot.pause()
        app.post_message(LoadRequested(deep))  # as if it broke after the list was read
        await finish_loading(pilot, app)
        assert message_line(app).endswith("deep.json: not a gigsim save (nested too deeply)")
        assert app.is_running and app.main.view.snapshot.t == 0.0


@sync
async def test_an_edited_save_is_one_line_saying_what_differs(save_dir: Path) -> None:
    path, _ = a_save(save_dir, days=20.0)
    data = json.loads(path.read_text())
    data["steps"] = 1_000_000_000_000  # the game froze on this, then said IndexError
    path.write_text(json.dumps(data, indent=1))
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(LoadRequested(path))
        await finish_loading(pilot, app)
        line = message_line(app)
        assert "played.json: steps: the file was edited or damaged" in line and "\n" not in line
        assert app.main.view.snapshot.t == 0.0


@sync
async def test_file_names_and_labels_in_the_list_are_text_not_markup(save_dir: Path) -> None:
    path, _ = a_save(save_dir, days=5.0, name="[bold]odd[red].json")
    path.write_text(path.read_text().replace('"label": "",', '"label": "[/]",', 1))
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        [info] = app.screen.saves
        assert info.ok and "[bold]odd[red].json" in info.title and "([/])" in info.title
        await pilot.press("enter")
        await finish_loading(pilot, app)
        assert "loaded [bold]odd[red].json" in message_line(app)


@sync
async def test_a_resume_that_comes_after_a_fast_replay_closed_the_dialog_is_ignored(
    save_dir: Path,
) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:

        def fails_at_once(progress: Any, cancelled: Any) -> Any:
            raise BadInput("x.json", None, "not a gigsim save")

        screen = LoadingScreen("Loading x.json", fails_at_once)
        closed: list[Any] = []
        app.push_screen(screen, callback=closed.append)
        await finish_loading(pilot, app)
        assert [r.error for r in closed] == ["x.json: not a gigsim save"]
        # the resume queued when the dialog opened, handled only now (seen with fast keys)
        screen.on_screen_resume()
        await pilot.pause()
        assert len(closed) == 1 and app.screen is app.main and app.is_running

"""The game's last line of defence: an unexpected exception saves the game and quits cleanly."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events

from gigsim.tui import session
from gigsim.tui.widgets.orders import Orders
from tests.tui.conftest import QUIET, app_for, settle, sync


def _broken_orders(monkeypatch: pytest.MonkeyPatch) -> None:
    def render_view(self: Orders, view: object) -> None:
        raise RuntimeError("the orders pane broke")

    monkeypatch.setattr(Orders, "render_view", render_view)


@sync
async def test_an_unexpected_error_saves_the_game_and_quits_with_one_line(
    save_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GIGSIM_DEBUG", raising=False)
    _broken_orders(monkeypatch)
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot, app)
        played_to = app.game.engine.now
        app.post_message(events.Key("4", "4"))  # the broken pane is built and drawn
        for _ in range(400):  # the app quits on its own; the Pilot would wait for the dead pane
            if not app.is_running:
                break
            await asyncio.sleep(0.025)
    assert app.return_code == 1
    assert [type(e) for e in app.internal_errors] == [RuntimeError]
    line = app.exit_line
    assert line.startswith("internal error: RuntimeError: the orders pane broke; ")
    assert "your game was saved as " in line and "\n" not in line
    saved = Path(line.split("saved as ", 1)[1].split(" (", 1)[0])
    assert saved.parent == save_dir and saved.exists()
    again = session.load(saved, save_dir)  # nothing played since the last autosave is lost
    assert again.engine.now == pytest.approx(played_to)


@sync
async def test_gigsim_debug_keeps_the_traceback(
    save_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIGSIM_DEBUG", "1")
    _broken_orders(monkeypatch)
    app = app_for(save_dir, QUIET, seed=3)
    with pytest.raises(RuntimeError, match="the orders pane broke"):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("4")
            await pilot.pause()
    assert app.exit_line == "" and not app.internal_errors

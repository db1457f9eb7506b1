"""Layout at 80×24 of the main screens (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from gigsim.tui.app import GigsimApp
from tests.tui.conftest import QUIET, app_for, settle

SIZE = (80, 24)


@pytest.fixture
def still(monkeypatch: pytest.MonkeyPatch) -> None:
    """No cursor blink: the frame must not depend on when it is taken."""
    monkeypatch.setattr(Input, "cursor_blink", False)


def _app(save_dir: Path) -> GigsimApp:
    return app_for(save_dir, QUIET, seed=3)


async def _week(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, GigsimApp)
    await pilot.press("w")
    await settle(pilot, app)


def test_dashboard(snap_compare: Any, save_dir: Path, still: None) -> None:
    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=_week)


def test_listings(snap_compare: Any, save_dir: Path, still: None) -> None:
    async def go(pilot: Pilot[Any]) -> None:
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=go)


def test_orders(snap_compare: Any, save_dir: Path, still: None) -> None:
    async def go(pilot: Pilot[Any]) -> None:
        await _week(pilot)
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=go)


def test_inbox(snap_compare: Any, save_dir: Path, still: None) -> None:
    async def go(pilot: Pilot[Any]) -> None:
        await pilot.press("d")
        await settle(pilot, pilot.app)  # type: ignore[arg-type]
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(app_for(save_dir, seed=3), terminal_size=SIZE, run_before=go)


def test_month_report(snap_compare: Any, save_dir: Path, still: None) -> None:
    async def go(pilot: Pilot[Any]) -> None:
        for _ in range(40):
            await pilot.press("m")
            await settle(pilot, pilot.app)  # type: ignore[arg-type]
            if len(pilot.app.screen_stack) > 1:
                break

    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=go)


def test_help(snap_compare: Any, save_dir: Path, still: None) -> None:
    assert snap_compare(_app(save_dir), terminal_size=SIZE, press=["question_mark"])

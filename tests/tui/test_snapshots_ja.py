"""The main screens at 80×24 in Japanese (pytest-textual-snapshot; update with --snapshot-update).

The same game and keys as ``test_snapshots`` (English), so that the two sets of pictures
show the same moments: double-width labels, columns and the tab bar must fit as English does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import QUIET, app_for, settle
from tests.tui.test_snapshots import SIZE, _app, _week, still  # noqa: F401  (a fixture)


@pytest.fixture
def ja(language: Callable[[str], None]) -> Iterator[None]:
    language("ja")
    yield


def test_dashboard_ja(snap_compare: Any, save_dir: Path, still: None, ja: None) -> None:  # noqa: F811
    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=_week)


def test_listings_ja(snap_compare: Any, save_dir: Path, still: None, ja: None) -> None:  # noqa: F811
    async def go(pilot: Pilot[Any]) -> None:
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=go)


def test_orders_ja(snap_compare: Any, save_dir: Path, still: None, ja: None) -> None:  # noqa: F811
    async def go(pilot: Pilot[Any]) -> None:
        await _week(pilot)
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=go)


def test_inbox_ja(snap_compare: Any, save_dir: Path, still: None, ja: None) -> None:  # noqa: F811
    async def go(pilot: Pilot[Any]) -> None:
        await pilot.press("d")
        await settle(pilot, pilot.app)  # type: ignore[arg-type]
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(app_for(save_dir, seed=3), terminal_size=SIZE, run_before=go)


def test_money_ja(snap_compare: Any, save_dir: Path, still: None, ja: None) -> None:  # noqa: F811
    async def go(pilot: Pilot[Any]) -> None:
        await _week(pilot)
        await pilot.press("5")
        await pilot.pause()

    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=go)


def test_month_report_ja(snap_compare: Any, save_dir: Path, still: None, ja: None) -> None:  # noqa: F811
    async def go(pilot: Pilot[Any]) -> None:
        for _ in range(40):
            await pilot.press("m")
            await settle(pilot, pilot.app)  # type: ignore[arg-type]
            if len(pilot.app.screen_stack) > 1:
                break

    assert snap_compare(_app(save_dir), terminal_size=SIZE, run_before=go)


def test_help_ja(snap_compare: Any, save_dir: Path, still: None, ja: None) -> None:  # noqa: F811
    assert snap_compare(_app(save_dir), terminal_size=SIZE, press=["question_mark"])


def test_settings_ja(snap_compare: Any, save_dir: Path, still: None, ja: None) -> None:  # noqa: F811
    assert snap_compare(app_for(save_dir, QUIET, seed=3), terminal_size=SIZE, press=["f2"])

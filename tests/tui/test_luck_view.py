"""The game's luck check: "nothing yet" before a month closes, the report after, escape stops it.

The check runs on the batch runner's worker processes (``gigsim.experiments.luck``); the
dialog must show its progress, then the report in the game's language within the dialog's
width, and escape must end those processes at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from gigsim.text.sentences import DECISION_TITLE
from gigsim.tui.screens.luck import TEXT_WIDTH, LuckScreen
from tests.tui.conftest import app_for, screen_text, sync

WAIT_S = 120.0


def _workers() -> list[int]:
    """Live worker processes of this test's pools: children of a fork server it started."""
    me = str(Path("/proc/self").resolve().name)
    procs: dict[str, tuple[str, str, str]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            cmd = (d / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        rest = stat[stat.rindex(")") + 2 :].split()
        procs[d.name] = (rest[0], rest[1], cmd)
    servers = {p for p, (_s, ppid, cmd) in procs.items() if ppid == me and "forkserver" in cmd}
    return [int(p) for p, (state, ppid, _c) in procs.items() if ppid in servers and state != "Z"]


async def _until(pilot: object, condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"waited {WAIT_S:.0f} s for {what}"
        await pilot.pause(0.05)  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "ja"])
@sync
async def test_the_report_after_a_month(
    save_dir: Path, lang: str, language: Callable[[str], None]
) -> None:
    language(lang)
    app = app_for(save_dir, seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        app.game.quiet = frozenset(DECISION_TITLE)  # decisions wait in the inbox; time goes on
        assert app.game.advance("month").stop == "month"
        app.refresh_view()
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LuckScreen)
        await _until(pilot, lambda: not screen.running, "the luck check")
        assert screen.summary is not None, screen.error
        word = "percentile" if lang == "en" else "パーセンタイル"
        await _until(pilot, lambda: word in screen_text(app), "the report drawn")
        lines = str(screen.query_one("#luck-text").render()).splitlines()
        assert max(cell_len(line) for line in lines) <= TEXT_WIDTH
        await pilot.press("pagedown", "pagedown", "pagedown")
        word = "your strategy" if lang == "en" else "あなたの戦略"
        await _until(pilot, lambda: word in screen_text(app), "the report scrolled")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LuckScreen)


@sync
async def test_before_any_month_closed_there_is_nothing_to_compare(save_dir: Path) -> None:
    app = app_for(save_dir, seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Luck check")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LuckScreen)
        await _until(pilot, lambda: "Nothing to compare yet" in screen_text(app), "the dialog")
        assert not app.screen.running and not _workers()


@sync
async def test_escape_stops_the_check_and_its_processes(save_dir: Path) -> None:
    app = app_for(save_dir, seed=3)
    app.luck_seeds = 400  # long enough to be stopped midway
    async with app.run_test(size=(80, 24)) as pilot:
        app.game.quiet = frozenset(DECISION_TITLE)
        assert app.game.advance("month").stop == "month"
        await pilot.press("k")
        screen = app.screen
        assert isinstance(screen, LuckScreen)
        await _until(pilot, lambda: len(_workers()) >= 1 and screen.done >= 1, "runs")
        await _until(pilot, lambda: "escape: cancel" in screen_text(app), "the progress")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LuckScreen)
        await _until(pilot, lambda: not _workers(), "the workers to end")
        await app.workers.wait_for_complete()
        assert app.is_running and not app.internal_errors

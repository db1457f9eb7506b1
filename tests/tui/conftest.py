"""Shared helpers for the game's Pilot tests: an app on a scenario, waiting for time, recording messages."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.pilot import Pilot

from gigsim import i18n
from gigsim.experiments.luck import game_luck_check
from gigsim.scenarios import load_scenario
from gigsim.tui.app import GigsimApp, make_app

# Quiet markets: no competitors, so orders come quickly; no noise decisions unless asked for.
QUIET = (
    "mechanisms.competitors=false",
    "mechanisms.public_requests=false",
    "mechanisms.inquiries=false",
    "mechanisms.risks=false",
)


@pytest.fixture
def save_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "saves"
    monkeypatch.setenv("GIGSIM_SAVE_DIR", str(folder))
    return folder


LUCK_SEEDS = 5
"""Other seeds of the luck check in the game's tests (the game's own number takes longer)."""


def app_for(save_dir: Path, overrides: Sequence[str] = (), seed: int = 1) -> GigsimApp:
    """The game as ``gigsim play`` starts it: with the luck check on the batch runner."""
    app = make_app(
        load_scenario("default", list(overrides)), seed, save_dir=save_dir, luck=game_luck_check
    )
    app.luck_seeds = LUCK_SEEDS
    return app


async def settle(pilot: Pilot[int], app: GigsimApp, timeout: float = 20.0) -> None:
    """Wait until time has stopped and every posted message is handled."""
    waited = 0.0
    await pilot.pause()
    while app.running and waited < timeout:
        await app.workers.wait_for_complete()
        await pilot.pause(0.01)
        waited += 0.01
    await pilot.pause()
    assert not app.running, "time did not stop"


def record(app: GigsimApp) -> list[Message]:
    """Every message posted to the app or its main screen, in order."""
    seen: list[Message] = []
    for target in (app, app.main):
        original = target.post_message

        def post(message: Message, original=original) -> bool:  # type: ignore[no-untyped-def]
            seen.append(message)
            return original(message)

        target.post_message = post  # type: ignore[method-assign]
    return seen


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test without an async pytest plugin (none is a project dependency)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def finish_loading(pilot: Pilot[int], app: GigsimApp, timeout: float = 30.0) -> None:
    """Wait until a load or rewind (a replay in a worker, behind its progress dialog) has ended."""
    from gigsim.tui.screens.loading import LoadingScreen

    def loading() -> bool:
        return any(isinstance(s, LoadingScreen) for s in app.screen_stack)

    waited = 0.0
    await pilot.pause()
    while loading() and waited < timeout:
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()
    assert not loading(), "the load did not finish"


@pytest.fixture
def language() -> Iterator[Callable[[str], None]]:
    """Show the game in a language for one test (``language("ja")``); English again after it."""
    before = i18n.language()
    yield i18n.set_language
    i18n.set_language(before)


def screen_text(app: GigsimApp) -> str:
    """What the terminal shows now, line by line (the screen on top, as drawn)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)

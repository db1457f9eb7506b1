"""A monkey at the keyboard: thousands of random keys on a running game never crash it.

Keys are posted in bursts, as a fast typist (or a cat) would send them, rather
than one by one with a wait for idle after each: that is both a harsher test
and fast enough for the suite.
"""

from __future__ import annotations

import random
from pathlib import Path

from textual import events

from tests.tui.conftest import app_for, sync

KEYS = [
    *"dwm123456?",
    "space", "tab", "shift+tab", "enter", "escape", "up", "down", "left", "right",
    "backspace", "ctrl+s", "ctrl+o", "ctrl+n", "ctrl+t", "f1", *"0579x",
]  # fmt: skip
CHARS = {"space": " ", "enter": "\r", "tab": "\t", "question_mark": "?"}
PRESSES = 2000
BURST = 20


@sync
async def test_random_keys_never_crash_the_game(save_dir: Path) -> None:
    rng = random.Random(20260101)
    app = app_for(save_dir, seed=11)
    app.animation_level = "none"
    furthest = 0.0  # the game's clock; ctrl+n or a rewind may leave the last game at 0
    async with app.run_test(size=(80, 24)) as pilot:
        for i in range(PRESSES):
            key = rng.choice(KEYS)
            key = "question_mark" if key == "?" else key
            app.post_message(events.Key(key, CHARS.get(key, key if len(key) == 1 else None)))
            if i % BURST == BURST - 1:
                await pilot.pause()
                furthest = max(furthest, app.main.view.snapshot.t if app.main.view else 0.0)
            if i % 200 == 199:
                await app.workers.wait_for_complete()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert app.main.view is not None
        assert not app.broken, app.broken
        assert app.game.engine.invariant_violations() == []
        assert furthest > 0  # time did move

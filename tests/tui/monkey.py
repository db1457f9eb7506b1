"""A monkey at the keyboard: random keys of every class, sent to a running game.

Shared by the suite's random-key test and ``benchmarks/monkey.py`` (long
runs). Keys are posted to the app in bursts, as a fast typist (or a cat)
sends them, rather than one by one with a wait for idle after each: that is
both harsher and fast enough for the suite. A crash is an exception Textual
would have ended the game with, or one the game's last line of defence
caught (``GigsimApp.internal_errors``); each comes with the keys sent before
it.
"""

from __future__ import annotations

import random
import string
import traceback
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.pilot import Pilot, WaitForScreenTimeout

from gigsim.experiments.luck import game_luck_check
from gigsim.scenarios import load_scenario
from gigsim.tui.app import GigsimApp, make_app

# Every key class a player can reach; quitting (ctrl+q, ctrl+c) is left out so a run goes on.
KEY_CLASSES: dict[str, list[str]] = {
    "letters": [*string.ascii_lowercase, *"ADMRWQ"],
    "digits": list(string.digits),
    "arrows": ["up", "down", "left", "right", "home", "end", "pageup", "pagedown"],
    "editing": ["tab", "shift+tab", "enter", "escape", "space", "backspace", "delete"],
    "function": [f"f{i}" for i in range(1, 13)],
    "ctrl": [f"ctrl+{c}" for c in string.ascii_lowercase if c not in "qc"]
    + ["ctrl+up", "ctrl+down", "ctrl+left", "ctrl+right", "ctrl+home", "ctrl+end"],
    "punctuation": ["question_mark", "full_stop", "comma", "minus", "colon", "slash"],
}
# The keys the game itself binds, weighted up so that the monkey plays as well as it types.
GAME_KEYS = [*"dwm123456abckr", "space", "ctrl+p", "ctrl+s", "ctrl+o", "ctrl+n", "escape", "enter"]
CHARS = {
    "space": " ",
    "enter": "\r",
    "tab": "\t",
    "question_mark": "?",
    "full_stop": ".",
    "comma": ",",
    "minus": "-",
    "colon": ":",
    "slash": "/",
}
MONKEY_QUIET = (  # a market where months close quickly and decisions still come
    "mechanisms.inquiries=false",
)


def random_key(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(GAME_KEYS)
    return rng.choice(KEY_CLASSES[rng.choice(sorted(KEY_CLASSES))])


def key_event(key: str) -> events.Key:
    char = CHARS.get(key, key if len(key) == 1 else None)
    return events.Key(key, char)


@dataclass
class Crash:
    error: str
    keys: list[str]
    trace: str = ""


@dataclass
class MonkeyResult:
    presses: int = 0
    crashes: list[Crash] = field(default_factory=list)
    months_closed: int = 0
    furthest_t: float = 0.0
    screens: set[str] = field(default_factory=set)
    quits: int = 0  # clean exits the keys asked for (the palette's Quit)
    violations: list[str] = field(default_factory=list)  # the engine's invariants, per game


MONKEY_LUCK_SEEDS = 5
"""The luck check runs for real (worker processes, cancelled by the next escape), on few seeds."""


def monkey_app(save_dir: Path, seed: int) -> GigsimApp:
    sc = load_scenario("default", list(MONKEY_QUIET))
    app = make_app(sc, seed, save_dir=save_dir, luck=game_luck_check)
    app.luck_seeds = MONKEY_LUCK_SEEDS
    app.animation_level = "none"
    return app


def _crash(app: GigsimApp) -> BaseException | None:
    # what Textual would end the game with, or what the game's last line of defence caught
    return app._exception or (app.internal_errors[-1] if app.internal_errors else None)


def _crash_text(app: GigsimApp) -> str | None:
    error = _crash(app)
    return None if error is None else f"{type(error).__name__}: {error}"


def _trace(app: GigsimApp) -> str:
    error = _crash(app)
    return "" if error is None else "".join(traceback.format_exception(error))


PAUSE_TRIES = 3
"""Textual's wait for a screen gives up after 30 s; a busy machine (the suite beside other work
on 2 cores) can take that long now and then, so a hang is a screen still unsettled after
``PAUSE_TRIES`` waits in a row."""


async def _pause(pilot: Pilot[int], app: GigsimApp) -> str | None:
    """Let the app handle what was sent; a screen that never settles is reported as a hang."""
    for _ in range(PAUSE_TRIES):
        if not app.is_running:
            return None
        try:
            await pilot.pause()
        except WaitForScreenTimeout:
            continue
        return None
    return f"hang: the screen did not process its messages in {PAUSE_TRIES} waits of 30 s"


async def run_monkey(
    save_dir: Path, seed: int, presses: int, burst: int = 20, history: int = 40
) -> MonkeyResult:
    """Send ``presses`` random keys to a game on ``default``; a crash starts a fresh game."""
    rng = random.Random(seed)
    result = MonkeyResult()
    while result.presses < presses:
        app = monkey_app(save_dir, seed + result.presses)
        recent: deque[str] = deque(maxlen=history)
        async with app.run_test(size=(80, 24)) as pilot:
            while result.presses < presses:
                key = random_key(rng)
                recent.append(key)
                app.post_message(key_event(key))
                result.presses += 1
                hang = None
                if result.presses % burst == 0:
                    hang = await _pause(pilot, app)
                    result.screens.add(type(app.screen).__name__)
                    if app.main.view is not None:
                        result.furthest_t = max(result.furthest_t, app.main.view.snapshot.t)
                        result.months_closed = max(
                            result.months_closed, len(app.main.view.snapshot.months)
                        )
                if result.presses % 200 == 0:
                    await app.workers.wait_for_complete()
                crash = _crash_text(app) or hang
                if crash is None and not app.is_running and app.return_code:
                    crash = f"the game exited with code {app.return_code}"
                if crash is not None:
                    result.crashes.append(Crash(crash, list(recent), _trace(app)))
                    app._exception = None  # reported here; run_test must not raise it again
                    break
                if not app.is_running:  # quit from the command palette: a new game goes on
                    result.quits += 1
                    break
            await app.workers.wait_for_complete()
            await _pause(pilot, app)
            with app.game.lock:
                result.violations += app.game.engine.invariant_violations()
            crash = _crash_text(app)
            if crash is not None and (not result.crashes or result.crashes[-1].error != crash):
                result.crashes.append(Crash(crash, list(recent), _trace(app)))
            app._exception = None
    return result

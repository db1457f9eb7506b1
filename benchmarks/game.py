"""Game speed: start-up against a minimal Textual app, and the cost of advancing a week.

Run ``python benchmarks/game.py`` (about half a minute) or ``--quick``. All
figures are measured in this process with ``time.perf_counter``, the best of
a few interleaved rounds, after one untimed warm-up round (so imports are
not counted for either app):

- start-up: from constructing the app (for gigsim: loading ``default`` and
  building the engine, as ``gigsim`` does) until its first screen is mounted
  and idle, headless at 80x24, for a minimal Textual app (a Static and a
  Footer) and for the game; printed with their ratio (target at most 1.5x,
  docs/architecture.md, "Speed");
- a week: what the time worker does for the ``w`` key on ``default``
  (``Game.advance("week")`` and the view taken after it), in ms per simulated
  week over a quarter, answering nothing; and the worst single call (target:
  no visible pause, under about 100 ms);
- the same week through the UI: pressing ``w`` in a running app until time
  has stopped and the screen is idle.

It only measures and reports; it never fails on speed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

from gigsim.engine.api import Engine
from gigsim.scenarios import load_scenario
from gigsim.tui.app import make_app
from gigsim.tui.session import Game

SIZE = (80, 24)


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello")
        yield Footer()


async def _startup(build: object) -> float:
    t0 = time.perf_counter()
    app = build()  # type: ignore[operator]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - t0
    return elapsed


def startup(rounds: int, saves: Path) -> tuple[float, float]:
    def game_app() -> App[int]:
        return make_app(load_scenario("default"), 1, save_dir=saves)

    asyncio.run(_startup(MinimalApp))
    asyncio.run(_startup(game_app))
    minimal, game = [], []
    for _ in range(rounds):
        gc.collect()
        minimal.append(asyncio.run(_startup(MinimalApp)))
        gc.collect()
        game.append(asyncio.run(_startup(game_app)))
    return min(minimal), min(game)


def weeks(n_weeks: int, saves: Path) -> tuple[float, float]:
    game = Game(Engine(load_scenario("default"), 1, policy=None), "default", saves)
    worst, total = 0.0, 0.0
    start = game.engine.now
    while game.engine.now < start + 7 * n_weeks:
        t0 = time.perf_counter()
        game.advance("week")
        game.view()
        dt = time.perf_counter() - t0
        worst, total = max(worst, dt), total + dt
    days = game.engine.now - start
    return total / (days / 7.0), worst


async def _ui_week(presses: int, saves: Path) -> float:
    app = make_app(load_scenario("default"), 1, save_dir=saves)
    best = float("inf")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(presses):
            t0 = time.perf_counter()
            await pilot.press("w")
            while app.running:
                await app.workers.wait_for_complete()
                await pilot.pause(0.001)
            await pilot.pause()
            best = min(best, time.perf_counter() - t0)
            while len(app.screen_stack) > 1:
                await pilot.press("escape")
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    args = parser.parse_args(argv)
    rounds, n_weeks, presses = (2, 2, 2) if args.quick else (7, 13, 8)
    with tempfile.TemporaryDirectory() as tmp:
        saves = Path(tmp)
        minimal, game = startup(rounds, saves)
        print(f"start-up, minimal Textual app: {minimal * 1000:.0f} ms")
        print(f"start-up, gigsim on default:   {game * 1000:.0f} ms")
        print(f"ratio gigsim / minimal: {game / minimal:.2f}x (target <= 1.5x)")
        per_week, worst = weeks(n_weeks, saves)
        print(
            f"advance a week on default (worker's share): {per_week * 1000:.1f} ms per week, "
            f"worst call {worst * 1000:.1f} ms (target < 100 ms)"
        )
        ui = asyncio.run(_ui_week(presses, saves))
        print(f"press w until idle (through the UI, best): {ui * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

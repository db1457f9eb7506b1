"""A monkey at the keyboard: thousands of random keys of every class never crash the game.

The keys and the harness are shared with ``benchmarks/monkey.py``, which runs
the same monkey for much longer; this one runs in the suite on a fixed seed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.tui.monkey import GAME_KEYS, KEY_CLASSES, random_key, run_monkey

PRESSES = 3000


def test_every_key_class_is_drawn_from() -> None:
    import random

    rng = random.Random(5)
    drawn = {random_key(rng) for _ in range(5000)}
    for name, keys in KEY_CLASSES.items():
        assert drawn & set(keys), name
    assert not drawn & {"ctrl+q", "ctrl+c"}  # quitting would end the run


def test_random_keys_never_crash_the_game(save_dir: Path) -> None:
    result = asyncio.run(run_monkey(save_dir, seed=20260101, presses=PRESSES))
    assert result.presses == PRESSES
    assert result.crashes == [], "\n\n".join(
        f"{c.error}\n{c.keys}\n{c.trace}" for c in result.crashes
    )
    assert result.violations == []
    assert result.furthest_t > 0  # time did move
    assert {
        "MainScreen", "HelpScreen", "MonthReportScreen", "LuckScreen", "RequestRuleScreen"
    } <= result.screens  # fmt: skip


def test_the_monkey_presses_the_games_own_keys() -> None:
    """Weighted up among the letters: r (the request rule) and k (the luck check) open
    dialogs whose widgets the keys after them then reach."""
    assert {"r", "k"} <= set(GAME_KEYS)

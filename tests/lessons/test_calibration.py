"""Each mission is winnable and not won by standing still: on the lesson's own seed (the one
`gigsim play --lesson N` plays), its calibration's `wins` policy passes and `fails` does not.

`benchmarks/lessons.py` plays every shipped policy on many seeds; docs/lessons.md keeps
its table.
"""

from __future__ import annotations

import pytest

from gigsim.engine.api import PLAYER_POLICIES, Engine
from gigsim.lessons import Scorecard, lesson, tally
from gigsim.scenarios import load_scenario


def play(number: int, policy: str) -> Scorecard:
    x = lesson(number)
    months = x.mission.months
    engine = Engine(load_scenario(x.scenario), x.seed, policy=policy)
    engine.run_months(months)
    counts = tally((e.as_dict() for e in engine.events()), engine.month_end(months))
    return x.mission.scorecard(engine.month_records(months), counts)


@pytest.mark.parametrize("number", range(1, 10))
def test_the_mission_is_winnable_and_not_won_by_the_failing_policy(number: int) -> None:
    cal = lesson(number).calibration
    assert {cal.wins, cal.fails} <= set(PLAYER_POLICIES)
    won, lost = play(number, cal.wins), play(number, cal.fails)
    assert won.over and won.passed, (cal.wins, won.score)
    assert not lost.passed, (cal.fails, lost.score)

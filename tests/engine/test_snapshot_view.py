"""What the engine's snapshot tells a front end about the month in progress."""

from __future__ import annotations

from gigsim.engine.api import Engine
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; these tests read the player's schedule, to check the snapshot's hours against it.


def test_month_so_far_counts_the_hours_available_up_to_now() -> None:
    e = Engine(load_scenario("default"), 3, policy="fixed")
    assert e.snapshot().month_so_far["hours_available"] == 0.0
    e.advance_to(10.0)
    schedule = e._world.player.schedule
    so_far = e.snapshot().month_so_far["hours_available"]
    assert so_far > 0
    assert abs(so_far - schedule.hours_between(0.0, 10.0)) < 1e-3
    e.run_months(1)
    closed = e.months[0].hours_available
    assert closed > so_far
    assert abs(closed - schedule.hours_between(0.0, e._world.month_t[1])) < 1e-6

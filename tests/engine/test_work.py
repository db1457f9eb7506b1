"""The player's working time: hours changed in play apply to the work in hand."""

from __future__ import annotations

from gigsim.engine.api import Engine, SetHours
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; these tests read the player's work queue and the month in progress.


def _engine_with_work_in_hand() -> Engine:
    e = Engine(load_scenario("default"), 3, policy="active")  # a seed with an early first order
    p = e._world.player
    t = 0.0
    while not (p.current is not None and p.current_sched is p.schedule and p.current.remaining > 2):
        t += 0.25
        assert t < 120, "the player never had work in hand"
        e.advance_to(t)
    return e


def test_new_hours_apply_to_the_item_in_hand_without_counting_it_as_overtime() -> None:
    e = _engine_with_work_in_hand()
    p = e._world.player
    item = p.current
    assert item is not None
    overtime_before = list(p.overtime_log)
    worked_before = sum(m.hours_worked for m in e.months) + e._world.cur.hours_worked
    assert e.apply(SetHours(weekday=6.0, weekend=10.0)).ok
    # put down and taken up again: the item due first (it, or one queued before it) is in hand
    assert p.current is item or any(x is item for _, x in p.queue)
    assert p.current is not None and p.current_sched is p.schedule  # on the new hours
    assert p.schedule.weekly_hours == 50.0
    assert list(p.overtime_log) == overtime_before
    e.advance_to(e.now + 45.0)
    worked_after = sum(m.hours_worked for m in e.months) + e._world.cur.hours_worked
    assert worked_after > worked_before
    assert not e.invariant_violations()

"""The order room's time limit: an order open too long closes and the seller is paid."""

from __future__ import annotations

from gigsim.engine.api import Engine
from gigsim.scenarios import load_scenario


def test_stale_orders_close_paid_and_the_books_still_balance() -> None:
    closed = 0
    for seed in range(4):
        e = Engine(load_scenario("default", ["platform.timings.order_room_days=3"]), seed)
        e.run_months(4)
        assert e.invariant_violations() == []
        for ev in e.events():
            if ev.kind == "order_completed" and ev.data["outcome"].startswith("order room closed"):
                closed += 1
                assert ev.data["refund"] == 0
                assert ev.data["net"] > 0
    assert closed > 0

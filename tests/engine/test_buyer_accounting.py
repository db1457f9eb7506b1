"""Every buyer who shops where the player sells is won, lost, declined or still waiting.

The month report says "N buyers shopped" and "you lost M": the two must agree,
so the months keep a count of buyers still deciding (public requests and
inquiries open at the close) and of buyers won, and these add up exactly.
"""

from __future__ import annotations

import pytest

from gigsim.engine.api import Engine
from gigsim.scenarios import load_scenario


@pytest.mark.parametrize(
    ("policy", "overrides"),
    [
        ("default", ()),
        ("passive", ()),  # slow answers: inquiries lost and carried over month ends
        ("active", ("player.listings.0.cap=1",)),  # a full listing loses buyers who chose it
        ("default", ("market.choice.repeat_prob=0.9", "player.listings.0.cap=1")),  # returning
    ],
)
def test_buyers_shopped_add_up_to_won_lost_declined_and_waiting(
    policy: str, overrides: tuple[str, ...]
) -> None:
    engine = Engine(load_scenario("default", list(overrides)), seed=4, policy=policy)
    engine.run_months(5)
    carried = 0
    for m in (m.as_dict() for m in engine.months):
        assert m["buyers_waiting_before"] == carried
        lost = sum(m["lost_buyers"].values())
        assert carried + m["buyers_in_categories"] == (
            m["buyers_won"] + lost + m["declined"] + m["buyers_waiting"]
        ), m["label"]
        assert m["buyers_won"] == m["orders"]  # every order is a buyer won, returning ones too
        carried = m["buyers_waiting"]
    months = [m.as_dict() for m in engine.months]
    if any("repeat_prob" in o for o in overrides):
        vias = [e.as_dict().get("via") for e in engine.events(0) if e.kind == "order_placed"]
        assert "repeat" in vias
    if policy != "passive":  # a passive seller often sells nothing for months
        assert sum(m["buyers_won"] for m in months) > 0
    assert any(m["buyers_waiting"] for m in months)  # the carry-over is exercised

"""Computer sellers obey the platform's moderation, at the start and when they enter later.

They hold no licences: never a listing in a banned category or in one that
needs a licence, never under a category's price floor, never a cap above the
platform's. Checked over a long run of a market whose banned and licence
categories have many buyers, which is what drew sellers there before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gigsim.engine.api import Engine
from gigsim.model import rules
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; these tests read every computer seller's listing and licences.

MARKET = """\
base: default
name: moderated-market
months: 30
categories:
  - {id: design, name: Design, buyers_per_day: 4, median_price: 5000, price_floor: 1000,
     competitors: 40}
  - {id: food, name: Home-cooked food, status: banned, ban_reason: food safety,
     buyers_per_day: 20, median_price: 1500, price_floor: 1000, competitors: 30}
  - {id: law, name: Legal advice, status: licence, licence: lawyer, buyers_per_day: 20,
     median_price: 10000, price_floor: 3000, competitors: 30}
  - {id: cheap, name: Quick help, buyers_per_day: 6, median_price: 2000, price_floor: 1800,
     competitors: 40}
competitors: {entries_per_month: 4, price_sigma: 1.5, cap_max: 5}
platform: {rules: {max_cap: 2}}
player:
  skills: {design: 0.7}
  listings:
    - {category: design, title: Sketches, price: 5000, cap: 2}
"""


@pytest.mark.parametrize("planned", [True, False])
def test_computer_sellers_never_list_where_or_how_the_platform_refuses(
    tmp_path: Path, planned: bool
) -> None:
    f = tmp_path / "market.yaml"
    f.write_text(MARKET, encoding="utf-8")
    sc = load_scenario(str(f))
    engine = Engine(sc, 3, planned_competitors=planned)
    engine.run_months(sc.months)
    w = engine._world
    computer = [lst for lst in w.all_listings if not lst.seller.is_player]
    entered = [e for e in engine.events() if e.kind == "competitor_entered"]
    assert len(entered) > 100  # sellers kept entering, month after month
    assert {lst.category.id for lst in computer} == {"design", "cheap"}
    assert {e.data["category"] for e in entered} == {"design", "cheap"}
    for lst in computer:
        problem = rules.moderation_problem(
            lst.category, lst.price, lst.cap, sc.platform.rules.max_cap, lst.seller.licences
        )
        assert problem is None, (lst.id, problem)
    # the wide price spread draws many prices under the floor: all were raised to it
    assert any(lst.price == 1800 for lst in computer if lst.category.id == "cheap")
    assert max(lst.cap for lst in computer) == 2
    assert sum(lst.sold for lst in computer) > 0  # the allowed categories' market works

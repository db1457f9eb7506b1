"""Side income and tax all year: the year's profit so far against the ¥200,000 threshold.

The figure is the year's net income so far (the closed months of the year and
the month under way), the same reckoning as the year end and ``gigsim run
--json``'s ``tax``; its line changes when the threshold is crossed; a player
who is not salaried, or a scenario not in yen, is told the rule does not apply.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gigsim.cli import main
from gigsim.engine.api import Engine, RunResult
from gigsim.scenarios import load_scenario
from gigsim.text.explain import year_end
from gigsim.text.tax import tax_so_far


def month(label: str, net: int) -> dict[str, Any]:
    return {"label": label, "month": int(label[-2:]), "net_income": net}


def test_the_figure_is_the_years_net_income_so_far() -> None:
    closed = [month("2025-12", 90000), month("2026-01", 40000), month("2026-02", 60000)]
    now = month("2026-03", 15000)
    t = tax_so_far(closed, now, "JPY")
    assert t.year == "2026" and t.profit == 115000  # December 2025 is another year
    assert "¥115,000" in t.headline and "¥85,000 left" in t.headline and t.over is False
    assert t.notes == ("Resident tax: side income is declared whatever the amount.",)
    assert "not tax advice" in t.caveat
    # a month report: the month is among the closed ones and is counted once
    assert tax_so_far(closed, closed[-1], "JPY").profit == 100000


def test_the_line_changes_when_the_threshold_is_crossed() -> None:
    closed = [month("2026-01", 120000), month("2026-02", 80000)]
    at = tax_so_far(closed, month("2026-03", 0), "JPY")
    over = tax_so_far(closed, month("2026-03", 1), "JPY")
    assert at.profit == 200000 and at.over is False and "¥0 left" in at.headline
    assert over.profit == 200001 and over.over is True
    assert (
        "above ¥200,000" in over.headline and "files an income-tax return for 2026" in over.headline
    )
    assert at.headline != over.headline


def test_the_rule_is_for_salaried_workers_in_yen() -> None:
    closed = [month("2026-01", 250000)]
    unsalaried = tax_so_far(closed, None, "JPY", salaried=False)
    assert unsalaried.over is None and "does not apply" in unsalaried.headline
    assert unsalaried.notes  # resident tax still
    dollars = tax_so_far(closed, None, "USD")
    assert dollars.over is None and "Japan's" in dollars.headline and dollars.notes == ()
    y = year_end(closed, "2026", "JPY", salaried=False)
    assert y.over_threshold is None and "does not apply" in y.lines[1]


def test_it_agrees_with_the_runs_tax_figure() -> None:
    e = Engine(load_scenario("default"), 7, policy="active")
    e.run_months(4)
    rows = e.month_records()
    (year,) = RunResult.of(e).tax
    assert (
        tax_so_far(rows, None, "JPY").profit == year["profit"] == sum(r["net_income"] for r in rows)
    )
    # during the fifth month: the closed months and the month so far
    e.advance_to(e.month_start(5) + 10)
    s = e.snapshot()
    so_far = s.month_so_far["net_income"]
    assert tax_so_far(s.months, s.month_so_far, "JPY").profit == year["profit"] + so_far


def test_a_player_who_is_not_salaried_needs_no_answer_in_the_runs_json(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    args = ["run", "default", "--months", "2", "--set", "player.salaried=false", "--json", str(out)]
    assert main(args) == 0
    (year,) = json.loads(out.read_text(encoding="utf-8"))["tax"]
    assert year["return_needed"] is None and "does not apply" in year["note"]

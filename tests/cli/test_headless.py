"""``gigsim run``'s tables and JSON: tax per calendar year, and no rating before the first review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gigsim.cli import main
from gigsim.engine.api import tax_years
from gigsim.text.explain import month_report, why_lines
from gigsim.tui.widgets.charts import chart_spec

NOTICE = "Illustration only, not tax advice"


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict, str]:
    out = tmp_path / "out.json"
    assert main(["run", *args, "--json", str(out)]) == 0
    return json.loads(out.read_text()), capsys.readouterr().out


def test_tax_per_calendar_year_in_json_and_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, table = _run(tmp_path, capsys, "default", "--months", "14", "--seed", "7")
    tax = data["tax"]
    assert [t["year"] for t in tax] == ["2026", "2027"]
    assert [t["months"] for t in tax] == [12, 2]
    for t in tax:
        profit = sum(m["net_income"] for m in data["months"] if m["label"].startswith(t["year"]))
        assert t["profit"] == profit
        assert (t["threshold"], t["threshold_currency"]) == (200_000, "JPY")
        assert t["return_needed"] is (profit > 200_000)
        assert NOTICE in t["note"]
    assert "the profit so far" in tax[1]["note"] and "so far" not in tax[0]["note"]
    assert "Tax (an illustration, not tax advice)" in table
    assert "return needed" in table and "¥200,000" in table


def test_the_threshold_is_200000_or_less_without_a_return() -> None:
    at = [{"label": "2026-01", "net_income": 150_000}, {"label": "2026-02", "net_income": 50_000}]
    (y,) = tax_years(at, "JPY")
    assert (y["profit"], y["return_needed"]) == (200_000, False)
    assert "resident tax must still be declared" in y["note"]
    over = [*at, {"label": "2026-03", "net_income": 1}]
    (y,) = tax_years(over, "JPY")
    assert (y["profit"], y["return_needed"]) == (200_001, True)
    assert "file an income-tax return" in y["note"] and NOTICE in y["note"]


def test_usd_scenarios_say_the_rule_is_japans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, table = _run(tmp_path, capsys, "fiverr", "--months", "2", "--seed", "7")
    (y,) = data["tax"]
    assert y["return_needed"] is None
    assert "The ¥200,000 rule is Japan's" in y["note"] and NOTICE in y["note"]
    assert "Japan's" in table


def test_no_rating_before_the_first_review_is_null(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for seed in range(1, 11):  # a run with months before and after the first review
        data, table = _run(tmp_path, capsys, "default", "--months", "4", "--seed", str(seed))
        months = data["months"]
        if months[0]["reviews"] == 0 and months[-1]["reviews"] > 0:
            break
    else:
        pytest.fail("no seed in 1-10 gives months both before and after the first review")
    for m in months:
        assert (m["rating"] is None) == (m["reviews"] == 0), m["label"]
    reputation = table.split("Orders and reputation", 1)[1]
    first = next(x for x in reputation.splitlines() if x.lstrip().startswith("2026-01"))
    assert first.split()[5] == "-"  # month, orders, cancelled, disputes, late, rating
    # the game's readers of a month treat null as "no rating yet"
    for i, m in enumerate(months):
        why_lines(m, months[i - 1] if i else None)
        month_report(m, months[i - 1] if i else None, "JPY")
    assert "No reviews yet" in " ".join(why_lines(months[0], None))
    spec = chart_spec("rating", months, "JPY")
    assert spec.kind == "line"
    assert len(spec.x) == sum(1 for m in months if m["reviews"])

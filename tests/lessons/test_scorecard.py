"""A mission's balanced scorecard: each line from a run's figures, a target that flips it."""

from __future__ import annotations

from typing import Any

import pytest

from gigsim import i18n
from gigsim.engine.api import Engine
from gigsim.lessons import Figures, Tally, Target, figures, lesson, score, tally
from gigsim.lessons.texts import target_text
from gigsim.scenarios import load_scenario


def month(n: int, **kw: Any) -> dict[str, Any]:
    base = {
        "month": n, "label": f"2026-0{n}", "net_income": 0, "hours_worked": 0.0,
        "hours_available": 40.0, "disputes": 0, "rating": None, "reviews": 0,
    }  # fmt: skip
    return {**base, **kw}


MONTHS = [
    month(1, net_income=3900, hours_worked=10.0, rating=5.0, reviews=1),
    month(2, net_income=7800, hours_worked=44.0, hours_available=40.0, disputes=1, rating=4.5,
          reviews=2),
    month(3, net_income=11700, hours_worked=30.0, hours_available=28.5, rating=4.6, reviews=4),
    month(4, net_income=99999, hours_worked=99.0, disputes=5, rating=1.0, reviews=9),
]  # fmt: skip
EVENTS = [
    {"kind": "order_delivered", "t": 10.0, "late": False},
    {"kind": "order_delivered", "t": 40.0, "late": True},
    {"kind": "order_delivered", "t": 70.0, "late": False},
    {"kind": "order_delivered", "t": 80.0, "late": False},
    {"kind": "account_warning", "t": 85.0, "warnings": 1},
    {"kind": "order_delivered", "t": 95.0, "late": True},  # after the mission's 90 days
    {"kind": "account_warning", "t": 100.0, "warnings": 2},
    {"kind": "review_posted", "t": 12.0},
]


def test_each_line_from_the_months_and_events_of_the_mission() -> None:
    got = figures(MONTHS, 3, tally(EVENTS, 90.0))
    assert got == Figures(
        months=3,
        net_income=3900 + 7800 + 11700,  # month 4 is past the time limit
        hours_worked=84.0,
        hourly_wage=23400 / 84.0,
        rating=4.6,  # at the close of the mission's last month
        reviews=4,
        on_time_rate=3 / 4,  # four first deliveries before day 90, one late
        disputes=1,
        hours_over_budget=4.0 + 1.5,  # month by month, only what went over
        warnings=1,
    )


def test_a_mission_in_progress_counts_the_month_so_far_and_the_rating_now() -> None:
    so_far = month(3, net_income=500, hours_worked=3.0, hours_available=10.0)
    got = figures(MONTHS[:2], 3, Tally(2, 1, 0), so_far, rating_now=(4.55, 3))
    assert got.months == 2 and got.net_income == 3900 + 7800 + 500
    assert (got.rating, got.reviews, got.on_time_rate) == (4.55, 3, 0.5)
    none_yet = figures([], 3, Tally(), month(1), rating_now=(0.0, 0))
    assert (
        none_yet.rating is None and none_yet.on_time_rate is None and none_yet.hourly_wage is None
    )


def _card(**targets: float) -> Any:
    weights = dict(net_income=30, hourly_wage=10, rating=20, on_time_rate=20, disputes=10,
                   hours_over_budget=10)  # fmt: skip
    lines = [Target(m, targets[m], w) for m, w in weights.items()]
    return score(lines, 70, 3, figures(MONTHS, 3, tally(EVENTS, 90.0)))


GOOD = dict(net_income=23400, hourly_wage=278, rating=4.6, on_time_rate=0.75, disputes=1,
            hours_over_budget=5.5)  # fmt: skip
"""Targets each figure meets exactly."""
FLIP = dict(net_income=23401, hourly_wage=279, rating=4.61, on_time_rate=0.76, disputes=0,
            hours_over_budget=5.4)  # fmt: skip
"""The same targets, each just out of reach."""


def test_the_score_is_the_weights_of_the_lines_met() -> None:
    card = _card(**GOOD)
    assert [line.passed for line in card.lines] == [True] * 6
    assert card.score == 100 and card.passed and card.over


@pytest.mark.parametrize("measure", sorted(GOOD))
def test_a_change_in_a_target_flips_its_line(measure: str) -> None:
    card = _card(**{**GOOD, measure: FLIP[measure]})
    failed = [line.target.measure for line in card.lines if not line.passed]
    assert failed == [measure]
    assert (
        card.score == 100 - {t.measure: t.weight for t in (x.target for x in card.lines)}[measure]
    )
    assert card.passed == (card.score >= 70)


def test_a_figure_not_known_yet_meets_no_target() -> None:
    empty = figures([month(1)], 1, Tally())
    card = score([Target("rating", 0.0, 50), Target("disputes", 0, 50)], 60, 1, empty)
    assert [line.passed for line in card.lines] == [False, True] and not card.passed


def test_the_scorecard_of_a_known_run() -> None:
    """Lesson 1 played headless: each line recomputed from the run's own records."""
    x = lesson(1)
    engine = Engine(load_scenario(x.scenario), x.seed, policy="cheap-start")
    engine.run_months(x.mission.months)
    months = engine.month_records(x.mission.months)
    events = [e.as_dict() for e in engine.events()]
    card = x.mission.scorecard(months, tally(events, engine.month_end(x.mission.months)))
    value = {line.target.measure: line.value for line in card.lines}
    net = sum(m["net_income"] for m in months)
    hours = sum(m["hours_worked"] for m in months)
    delivered = [e for e in events if e["kind"] == "order_delivered"]
    assert value["net_income"] == net > 0
    assert value["hourly_wage"] == pytest.approx(net / hours)
    assert value["rating"] == months[-1]["rating"] and value["reviews"] == months[-1]["reviews"]
    assert value["on_time_rate"] == pytest.approx(
        sum(not e["late"] for e in delivered) / len(delivered)
    )
    assert value["disputes"] == sum(m["disputes"] for m in months)
    assert sum(m["late_deliveries"] for m in months) == sum(e["late"] for e in delivered)
    assert card.over and card.months == x.mission.months


def test_a_target_of_none_reads_as_none_in_each_language() -> None:
    assert target_text(Target("disputes", 0, 10), "JPY") == "none (0 disputes)"
    assert target_text(Target("disputes", 1, 10), "JPY") == "at most 1 dispute"
    assert target_text(Target("hours_over_budget", 0, 10), "JPY") == "none (0.0 h)"
    before = i18n.language()
    i18n.set_language("ja")
    try:
        assert target_text(Target("disputes", 0, 10), "JPY") == "なし (0件)"
    finally:
        i18n.set_language(before)

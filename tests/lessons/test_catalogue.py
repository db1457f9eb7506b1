"""The shipped lessons: nine in an order that builds, each on a shipped scenario that sets it
up, with a card in English and Japanese and a mission that scores a balanced scorecard."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from rich.cells import cell_len

from gigsim.errors import BadInput
from gigsim.lessons import BALANCED, Mission, lesson, lessons
from gigsim.lessons.catalogue import join_lines
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario
from gigsim.text.wrap import wrap

TOPICS = [
    "The cold start and the first review",
    "Price and fees",
    "Capacity and overcommitting",
    "Reviews, trust and ranks",
    "Difficult buyers, disputes and escrow",
    "Safety and personal information",
    "What you may not sell",
    "Public requests and proposals",
    "Side income and tax",
]


def test_nine_lessons_in_the_order_that_builds() -> None:
    found = lessons()
    assert [x.number for x in found] == list(range(1, 10))
    assert [x.card_texts["en"].title for x in found] == TOPICS


@pytest.mark.parametrize("number", range(1, 10))
def test_each_lesson_scenario_loads_and_validates(number: int) -> None:
    x = lesson(number)
    sc = load_scenario(x.scenario)
    assert isinstance(sc, Scenario) and sc.name == x.scenario
    assert sc.months == x.mission.months  # `gigsim run lesson-N` runs the mission's months
    assert sc.description.startswith(f"Lesson {number}:")


@pytest.mark.parametrize("number", range(1, 10))
def test_each_card_in_both_languages_fits_the_screen(number: int) -> None:
    x = lesson(number)
    for code in ("en", "ja"):
        card = x.card_texts[code].model_dump()
        assert all(card.values()), (number, code)
        assert cell_len(card["summary"]) <= 76  # one line of `gigsim lessons`
        for text in card.values():
            assert "\n" not in text and "  " not in text
            assert all(cell_len(line) <= 72 for line in wrap(text, 72))
    ja = x.card_texts["ja"]
    assert not any(c.isascii() and c.isalpha() for c in ja.title)  # the title is Japanese


@pytest.mark.parametrize("number", range(1, 10))
def test_each_mission_scores_the_balanced_lines(number: int) -> None:
    m = lesson(number).mission
    measures = [t.measure for t in m.lines()]
    assert measures[: len(BALANCED)] == list(BALANCED)
    assert sum(t.weight for t in m.lines()) == 100


def test_each_scenario_sets_up_its_lesson() -> None:
    default = load_scenario("default")
    design = default.category("design")
    two = load_scenario("lesson-2").player.listings[0]
    assert two.price < design.median_price / 2  # far under the median: cheap hours
    three = load_scenario("lesson-3")
    weekly = 5 * three.player.hours.weekday + 2 * three.player.hours.weekend
    spec = three.player.listings[0]
    assert spec.cap * spec.hours_per_order > 3 * weekly  # a cap far beyond the hours
    assert three.category("design").buyers_per_day > design.buyers_per_day  # enough demand
    five = load_scenario("lesson-5").market.buyer_types
    assert five["monster"].share > default.market.buyer_types["monster"].share
    six = load_scenario("lesson-6")
    assert six.player.disclosure > default.player.disclosure
    assert six.market.risks.harassment_per_month > default.market.risks.harassment_per_month
    seven = load_scenario("lesson-7")
    banned = [c for c in seven.categories if c.status == "banned"]
    assert banned and max(c.buyers_per_day for c in banned) >= max(
        c.buyers_per_day for c in seven.categories if c.status == "allowed"
    )
    assert any(c.status == "licence" for c in seven.categories)
    assert seven.player.listings[0].category == "handmade"
    eight = load_scenario("lesson-8").market.choice
    assert eight.public_request_share > 5 * default.market.choice.public_request_share
    nine = load_scenario("lesson-9")
    assert nine.currency == "JPY" and nine.start_date.month + nine.months - 1 == 12  # to December


def test_a_lesson_of_no_number_is_one_line() -> None:
    for n in (0, 10, -1):
        with pytest.raises(BadInput) as info:
            lesson(n)
        assert info.value.line().startswith(
            f"error: --lesson: no lesson {n}: the lessons are 1 to 9"
        )


def _mission(**targets: Any) -> dict[str, Any]:
    base = {
        "net_income": {"target": 1000, "weight": 30},
        "hourly_wage": {"target": 300, "weight": 10},
        "rating": {"target": 4.0, "weight": 20},
        "on_time_rate": {"target": 0.7, "weight": 20},
        "disputes": {"target": 0, "weight": 10},
        "hours_over_budget": {"target": 5, "weight": 10},
    }
    base.update(targets)
    return {"months": 3, "pass_score": 60, "targets": {k: v for k, v in base.items() if v}}


def test_a_mission_is_checked_when_read() -> None:
    Mission.model_validate(_mission())
    bad = {
        "every mission scores it": _mission(rating=None, net_income={"target": 1, "weight": 50}),
        "add up to 90": _mission(net_income={"target": 1, "weight": 20}),
        "unknown measure": _mission(luck={"target": 1, "weight": 1}),
        "does nothing scores 60": _mission(
            disputes={"target": 0, "weight": 30}, hours_over_budget={"target": 5, "weight": 30},
            net_income={"target": 1, "weight": 10}, rating={"target": 4, "weight": 10},
            on_time_rate={"target": 0.7, "weight": 10},
        ),
    }  # fmt: skip
    for problem, data in bad.items():
        with pytest.raises(ValueError, match=problem):
            Mission.model_validate(data)


def test_card_lines_join_as_each_language_writes() -> None:
    assert join_lines("Buyers look down a\nranked list.") == "Buyers look down a ranked list."
    assert (
        join_lines("購入者は並んだ出品を\n上から見ます。") == "購入者は並んだ出品を上から見ます。"
    )
    assert (
        join_lines("実績のある\n160人の出品者") == "実績のある 160人の出品者"
    )  # a number: a space
    assert join_lines("約\n160人の出品者") == "約160人の出品者"  # but after a prefix (glossary)
    assert join_lines("価格\n(5,000円) で") == "価格 (5,000円) で"  # a parenthesis: a space
    assert join_lines("(税込)\n。") == "(税込)。"  # never before a punctuation mark
    assert join_lines("ctrl+o\nで戻れます") == "ctrl+o で戻れます"
    assert join_lines("「手一杯」。\n4 注文タブ") == "「手一杯」。4 注文タブ"  # nor after 。


def test_the_warnings_a_card_quotes_are_the_games_own_in_each_language() -> None:
    """A card that quotes a dashboard warning ("! OVERLOADED") quotes what the game shows,
    in English and in Japanese, so that a student finds it on the screen."""
    root = Path(__file__).resolve().parents[2] / "gigsim"
    with (root / "locale" / "ja" / "LC_MESSAGES" / "gigsim.po").open("rb") as f:
        po = {m.id: m.string for m in read_po(f) if isinstance(m.id, str) and m.id}
    quoted = 0
    for card in sorted((root / "lessons" / "data").glob("*.yaml")):
        text = card.read_text("utf-8")
        english = re.findall(r'"(! [^"]+)"', text)
        shown = [msgid for msgid in po if any(msgid.startswith(q) for q in english)]
        assert len(shown) == len(english), f"{card.name}: {english} are not all the game's"
        for q in re.findall(r"「(! [^」]+)」", text):
            assert any(str(po[m]).startswith(q) for m in shown), f"{card.name}: 「{q}」"
            quoted += 1
    assert quoted >= 2  # lessons 3 and 6 quote one each

"""The luck check's report as a reader sees it: its title names the months as the language
writes a month (2026-01 in English, 2026年1月 in Japanese), as the month report and the
dashboard do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gigsim import i18n
from gigsim.text.luck import LuckSummary, Result, Side, luck_lines


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = i18n.language()
    yield
    i18n.set_language(before)


def summary() -> LuckSummary:
    yours = Result(45200, 812.5, 4.8)
    sides = (
        Side("", Result(41000, 790.0, None), 30100, 12000, 80000, 820.0, 4.75),
        Side("default", Result(58110, 700.0, 5.0), 8970, 0, 42744, 532.0, 5.0, 0.2),
    )
    return LuckSummary(
        "Hana", "default", 3, 6, "2026-01", "2026-06", "JPY", yours, sides,
        (1000, 45200, 60000, 2000, 30000), 2, 1, 50.0, (5, 2, 1, 1), (), 0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "period"), [("en", "2026-01 to 2026-06"), ("ja", "2026年1月〜2026年6月")]
)
def test_the_title_names_the_months_as_the_language_writes_them(
    restore_language: None, lang: str, period: str
) -> None:
    i18n.set_language(lang)
    lines = luck_lines(summary())
    title = "".join(lines[: lines.index("")])  # the title, however it wraps
    assert period in title, title


def test_the_rules_for_public_requests_replayed_are_counted(restore_language: None) -> None:
    i18n.set_language("en")
    text = " ".join(luck_lines(summary(), width=400))
    assert "rules for public requests 1" in text and "changes of hours and profile 2" in text

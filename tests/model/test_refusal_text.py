"""A refused listing's reason as a person reads it, in each language.

The reason itself stays English (events and action results carry it beside its
code and arguments); ``Refusal.message`` (``rules.refusal_message``) words it by
its code, and ``rules.refusal_text`` a reason known only as English text.
"""

from __future__ import annotations

from gigsim.i18n import using
from gigsim.model import rules
from gigsim.scenarios import load_scenario

SC = load_scenario("default")


def reason(category: str, price: int = 5000, cap: int = 3) -> str:
    refusal = rules.moderation_refusal(SC.category(category), price, cap, 20, ())
    assert refusal is not None
    return refusal.reason


def test_the_reasons_stay_english_whatever_the_language() -> None:
    with using("ja"):
        assert reason("design", price=1) == "price 1 is below the category's floor of 1000"


def test_each_refusal_reads_in_japanese() -> None:
    with using("ja"):
        assert rules.refusal_text(reason("design", price=1)) == (
            "価格 1 はカテゴリの最低価格 1000 を下回っています"
        )
        banned = rules.refusal_text(reason("home-cooked-food"))
        assert banned.startswith("手料理は出品禁止です: ") and "お弁当" in banned
        assert rules.refusal_text(reason("legal-advice")) == (
            "法律相談には資格「弁護士」が必要ですが、お持ちではありません"
        )
        assert rules.refusal_text(reason("design", cap=21)) == "受付枠 21 は 1〜20 の範囲外です"
        assert rules.refusal_text("not a refusal") == "not a refusal"


def test_amounts_read_as_money_when_a_formatter_is_given() -> None:
    text = rules.refusal_text(reason("design", price=1), lambda x: f"¥{x:,}")
    assert text == "price ¥1 is below the category's floor of ¥1,000"


def test_a_refusal_is_worded_by_its_code_and_arguments() -> None:
    refusal = rules.moderation_refusal(SC.category("design"), 900, 3, 20, ())
    assert refusal is not None and refusal.code == "price_floor"
    assert dict(refusal.args) == {"price": 900, "floor": 1000}
    with using("ja"):
        assert refusal.message() == "価格 900 はカテゴリの最低価格 1000 を下回っています"
        assert refusal.message(lambda x: f"{x:,}円") == (
            "価格 900円 はカテゴリの最低価格 1,000円 を下回っています"
        )
        licence = rules.moderation_refusal(SC.category("legal-advice"), 9000, 3, 20, ())
        assert licence is not None and licence.message() == rules.refusal_text(licence.reason)
    for code, template in rules.REFUSAL_TEXT.items():  # the English is the message id
        names = {"price": 1, "floor": 2, "cap": 3, "max": 4}
        args = {k: names.get(k, k) for k in ("category", "reason", "licence", *names)}
        assert rules.refusal_message(code, args) == template.message.format(**args)

"""The engine's moderation refusals, decision options and rank needs are codes with arguments;
gigsim/text words them in the current language (no English read back with a pattern)."""

from __future__ import annotations

from gigsim.engine.api import EditListing, Engine, Withdraw, option_text
from gigsim.i18n import using
from gigsim.model import rules
from gigsim.scenarios import load_scenario
from gigsim.text import codes, results, sentences
from gigsim.text.units import money

QUIET = ("mechanisms.competitors=false", "mechanisms.public_requests=false")


def _yen(amount: float) -> str:
    return money(amount, "JPY")


def test_a_refused_listing_carries_the_refusals_code_and_is_worded_from_it() -> None:
    e = Engine(load_scenario("default", list(QUIET)), 3, policy=None)
    lst = e.snapshot().listings[0].id
    r = e.apply(EditListing(lst, price=10))
    args = dict(r.args)
    assert (r.ok, r.code, r.message) == (
        False,
        "refused",
        "price 10 is below the category's floor of 1000",  # the English interface, as before
    )
    assert args["refusal"] == "price_floor" and args["refusal_args"] == {"price": 10, "floor": 1000}
    with using("ja"):
        assert results.action_message(r, "JPY") == (
            "価格 10円 はカテゴリの最低価格 1,000円 を下回っています"
        )  # amounts as money: the English reason gives raw minor units
    event = next(x for x in e.events() if x.kind == "listing_refused")
    assert event.data["refusal"] == "price_floor"
    with using("ja"):
        line = sentences.event_sentence(event.as_dict(), "JPY")
    assert line is not None and "1,000円" in line


def test_a_refusal_without_a_code_is_still_read_back() -> None:
    """A result or event from before refusals had codes: the English reason, matched."""
    reason = "price 10 is below the category's floor of 1000"
    with using("ja"):
        worded = results.answer_text("refused", {"reason": reason}, reason, _yen)
    assert worded == "価格 10円 はカテゴリの最低価格 1,000円 を下回っています"


def test_a_withdrawal_refusal_reads_in_japanese() -> None:
    e = Engine(load_scenario("default", list(QUIET)), 3, policy=None)
    r = e.apply(Withdraw(10**9))
    with using("ja"):
        shown = results.action_message(r, "JPY")
    assert not any(c.isascii() and c.isalpha() for c in shown), shown


def test_an_options_words_are_in_one_place_and_its_english_is_the_interface() -> None:
    assert option_text("inquiry", "answer") == "answer the buyer's question (they may then buy)"
    assert option_text("revision_request", "accept").startswith("do the revision")
    assert option_text("inquiry", "no_such_option") == "no such option"
    with using("ja"):
        assert codes.option_text("inquiry", "answer") != option_text("inquiry", "answer")
        assert not any(c.isascii() and c.isalpha() for c in codes.option_text("dispute", "contest"))


def test_what_the_next_rank_needs_is_worded_from_its_codes() -> None:
    needs = [
        ("sales_ever", {"n": 1}),
        ("sales_in_window", {"n": 3, "months": 3}),
        ("amount_in_window", {"amount": 30000, "months": 3}),
        ("completion_rate", {"want": 0.9, "now": 0.85}),
        ("rating", {"want": 4.5, "now": 4.25}),
        ("id_verified", {}),
    ]
    english = [codes.rank_need_text(n, _yen) for n in needs]
    assert english == [
        "1 more sale",
        "3 more sales in the last 3 months",
        "¥30,000 more sold in the last 3 months",
        "completion rate 90% (now 85%)",
        "rating 4.5 (now 4.25)",
        "identity verification",
    ]
    with using("ja"):
        japanese = [codes.rank_need_text(n, _yen) for n in needs]
    assert all(not any(c.isascii() and c.isalpha() for c in s) for s in japanese), japanese
    assert "30,000円" in japanese[2]


def test_the_snapshot_holds_what_the_next_rank_needs_as_codes() -> None:
    e = Engine(load_scenario("default"), 3, policy=None)
    needs = e.snapshot().next_rank_needs
    assert needs[0] == ("sales_ever", (("n", 1),))
    window = rules.RankWindow(0, 0, 0, 1.0, 0.0, False)
    ranks = e.scenario.platform.ranks
    assert rules.next_rank_needs(ranks, window, 0)[0] == ("sales_ever", {"n": 1})

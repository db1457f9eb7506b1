"""The event log's lines for the rule for public requests, from a real run's events: the rule
set and removed, the proposals it sent and their results; a request it passed over makes no
line (ten to twenty a month would push the player's own lines out of the log)."""

from __future__ import annotations

import pytest

from gigsim.engine.api import Engine, SetRequestRule
from gigsim.i18n import using
from gigsim.scenarios import load_scenario
from gigsim.text.sentences import event_sentence

REQUESTS = (
    "mechanisms.competitors=false",
    "mechanisms.inquiries=false",
    "mechanisms.risks=false",
    "market.choice.public_request_share=0.5",
)


def lines(rule: SetRequestRule, lang: str = "en", days: float = 21.0) -> dict[str, list[str]]:
    """Each kind of the run's events with its log lines (None, no line, left out)."""
    e = Engine(load_scenario("default", list(REQUESTS)), 4, policy=None)
    assert e.apply(rule).ok
    e.advance_to(days)
    out: dict[str, list[str]] = {}
    with using(lang):
        for ev in e.events(0):
            line = event_sentence(ev.as_dict(), "JPY")
            out.setdefault(ev.kind, [])
            if line is not None:
                out[ev.kind].append(line)
    return out


@pytest.mark.parametrize(
    ("price", "others", "en", "ja"),
    [
        (
            "budget",
            "ask",
            "at the budget; others asked.",
            "予算の額で週4件まで提案し、対象外の依頼は聞きます。",
        ),
        ("budget", "skip", "at the budget; others passed over.", "対象外の依頼は見送ります。"),
        ("under", "ask", "at 20% under the budget; others asked.", "予算の 20% 引きで週4件まで"),
        ("under", "skip", "at 20% under the budget; others passed over.", "20% 引きで"),
        ("listing", "ask", "at your listing's price; others asked.", "出品の価格で週4件まで提案"),
        ("listing", "skip", "at your listing's price; others passed over.", "出品の価格で"),
    ],
)
def test_the_rule_set_reads_as_it_was_set(price: str, others: str, en: str, ja: str) -> None:
    rule = SetRequestRule(per_week=4, price=price, others=others)
    got = lines(rule, days=0.0)["request_rule_set"]
    assert got == [f"Rule for public requests: up to 4 a week {en}"]
    assert ja in lines(rule, "ja", days=0.0)["request_rule_set"][0]


def test_the_rules_proposals_are_logged_and_the_requests_it_passed_over_are_not() -> None:
    got = lines(SetRequestRule(budget_max=4000, others="skip"))
    e = Engine(load_scenario("default", list(REQUESTS)), 4, policy=None)
    assert e.apply(SetRequestRule(budget_max=4000, others="skip")).ok
    e.advance_to(21.0)
    rules = [ev.data["rule"] for ev in e.events(0) if ev.kind == "request_posted"]
    assert "passed" in rules and "proposed" in rules  # both kinds happened in this run
    assert got["request_posted"] == []  # passed over or proposed: no line of its own
    sent = got["proposal_sent"]
    assert sent and all(x.startswith("Proposal sent by your rule at ¥") for x in sent)
    results = got["proposal_result"]
    assert results and set(results) <= {
        "Your rule's proposal won!",
        "Your rule's proposal was not chosen.",
    }
    assert not [x for x in got.get("decision_waiting", []) if "public request" in x]
    ja = lines(SetRequestRule(budget_max=4000, others="skip"), "ja")
    assert all(x.startswith("提案ルールで ") and x.endswith("円 の提案を送りました。")
               for x in ja["proposal_sent"])  # fmt: skip


def test_a_person_s_own_proposal_reads_as_before() -> None:
    assert event_sentence({"kind": "proposal_sent", "price": 5000}, "JPY") == (
        "Proposal sent at ¥5,000."
    )
    assert event_sentence({"kind": "proposal_result", "won": True}, "JPY") == "Your proposal won!"


def test_the_rule_removed() -> None:
    e = Engine(load_scenario("default", list(REQUESTS)), 4, policy=None)
    assert e.apply(SetRequestRule()).ok and e.apply(SetRequestRule(on=False)).ok
    last = e.events(0)[-1]
    assert last.kind == "request_rule_set"
    assert event_sentence(last.as_dict(), "JPY") == "Rule for public requests removed."
    with using("ja"):
        assert event_sentence(last.as_dict(), "JPY") == "提案ルールをやめました。"

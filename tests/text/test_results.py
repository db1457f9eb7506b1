"""What the engine answers to each action, worded from its code and arguments in the player's
language: every refusal the engine can give (a field out of its bounds, a listing that does
not exist, hours out of range, a withdrawal it cannot pay, …) and every acceptance."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gigsim import i18n
from gigsim.engine.api import (
    Action,
    ActionResult,
    AnswerDecision,
    CreateListing,
    EditListing,
    Engine,
    SetDisclosure,
    SetHours,
    SetListingStatus,
    SetRequestRule,
    Withdraw,
)
from gigsim.scenarios import load_scenario
from gigsim.text.results import CODES, action_message
from tests.test_translations import messages, pseudo_dir, unmarked_words  # noqa: F401  (fixtures)

QUIET = (
    "mechanisms.competitors=false",
    "mechanisms.public_requests=false",
    "mechanisms.inquiries=false",
    "mechanisms.risks=false",
)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def language() -> Iterator[Callable[[str], None]]:
    before = i18n.language()
    yield i18n.set_language
    i18n.set_language(before)


def _engine(*sets: str) -> Engine:
    return Engine(load_scenario("default", [*QUIET, "player.balance=10000", *sets]), 3, policy=None)


def _listing(e: Engine) -> int:
    return e.snapshot().listings[0].id


def _listing_actions(e: Engine) -> Iterator[tuple[str, Action]]:
    design = {"category": "design", "price": 3000}
    yield "price below 0", CreateListing(category="design", price=-5)
    yield "no title", CreateListing(**design, title="")  # type: ignore[arg-type]
    yield "title too long", CreateListing(**design, title="x" * 81)  # type: ignore[arg-type]
    yield "no delivery days", CreateListing(**design, delivery_days=0)  # type: ignore[arg-type]
    yield "delivery not a number", CreateListing(**design, delivery_days=float("nan"))  # type: ignore[arg-type]
    yield "cap 0", CreateListing(**design, cap=0)  # type: ignore[arg-type]
    yield "cap 21", CreateListing(**design, cap=21)  # type: ignore[arg-type]
    yield "21 options", CreateListing(**design, options=(("x", 100, 0.0),) * 21)  # type: ignore[arg-type]
    yield "under the floor", CreateListing(category="design", price=900)
    yield "banned", CreateListing(category="home-cooked-food", price=3000)
    yield "licence", CreateListing(category="legal-advice", price=10000)
    yield "unknown category", CreateListing(category="nope", price=3000)
    yield "published", CreateListing(category="design", price=3000)
    lst = _listing(e)
    yield "edit: no listing", EditListing(99, price=3000)
    yield "edit: option without a name", EditListing(lst, options=(("", 100, 0.0),))
    yield "edit: option under 0", EditListing(lst, options=(("Express", -1, 0.0),))
    yield "edit: under the floor", EditListing(lst, price=900)
    yield "edited", EditListing(lst, price=4000)
    yield "status: no listing", SetListingStatus(99, "open")
    yield "status: unknown", SetListingStatus(lst, "gone")
    for status in ("busy", "paused", "open"):
        yield f"status: {status}", SetListingStatus(lst, status)


def _other_actions(e: Engine) -> Iterator[tuple[str, Action]]:
    yield "hours over 24", SetHours(25.0, 5.0)
    yield "overtime over 100", SetHours(3.0, 5.0, 101.0)
    yield "reply hours below 0", SetHours(3.0, 5.0, 5.0, -1.0)
    yield "hours", SetHours(3.0, 6.0, 5.0, 12.0)
    yield "one hour a week", SetHours(0.2, 0.0)  # five weekday evenings
    yield "disclosure", SetDisclosure(0.3)
    yield "disclosure over 1", SetDisclosure(2.0)
    yield "rule", SetRequestRule(per_week=4)
    yield "rule off", SetRequestRule(on=False)
    yield "rule: unknown category", SetRequestRule(categories=("nope",))
    yield "rule: budget range backwards", SetRequestRule(budget_min=5000, budget_max=3000)
    yield "rule: 101 a week", SetRequestRule(per_week=101)
    yield "rule: unknown price", SetRequestRule(price="half")
    yield "not waiting", AnswerDecision(999, "accept")
    yield "withdraw 0", Withdraw(0)
    yield "withdraw more than the balance", Withdraw(10**9)
    yield "withdraw less than the fee", Withdraw(100)
    yield "withdraw", Withdraw(5000)


def results() -> list[tuple[str, ActionResult]]:
    """An answer of each kind the engine gives, from a real engine."""
    e = _engine()
    out = [(name, e.apply(a)) for name, a in _listing_actions(e)]
    out += [(name, e.apply(a)) for name, a in _other_actions(e)]
    small = _engine("platform.payout.minimum=5000")
    out.append(("under the minimum payout", small.apply(Withdraw(3000))))
    busy = _engine("player.listings.0.cap=5", "categories.0.buyers_per_day=0")
    lst = busy._world.player.listings[0]  # white-box: orders placed by hand, as the engine does
    for _ in range(3):
        assert busy._world.place_order(lst, "ordinary", via="search") is not None
    out.append(("cap under the orders", busy.apply(EditListing(lst.id, cap=2))))
    asked = Engine(load_scenario("default"), 3, policy=None)
    asked.advance_until_decision(60.0)
    decision = asked.snapshot().decisions[0]
    out.append(("not an option", asked.apply(AnswerDecision(decision.id, "bogus"))))
    out.append(("answered", asked.apply(AnswerDecision(decision.id, decision.options[0]))))
    return out


@pytest.fixture(scope="module")
def answers() -> list[tuple[str, ActionResult]]:
    return results()


def test_every_code_the_engine_gives_has_its_text(answers: list[tuple[str, ActionResult]]) -> None:
    """The codes in the engine's source and those its answers carry are all worded here."""
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "gigsim/engine").glob("*.py"))
    written = set(re.findall(r"\bresult\(\s*(?:True|False),[^,]+,\s*\"(\w+)\"", source))
    assert len(written) >= 20 and written <= CODES, written - CODES
    given = {r.code for _, r in answers}
    assert given <= CODES and len(given) >= 20, given


# names in the answers: the user's own values and the options' codes, as typed
NAMES = {"nope", "gone", "bogus", "open", "busy", "paused", "accept", "design"}
NAMES |= {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb"}  # CLDR's English days


def test_every_answer_reads_in_japanese(
    answers: list[tuple[str, ActionResult]], language: Callable[[str], None]
) -> None:
    language("ja")
    for name, r in answers:
        text = action_message(r, "JPY")
        english = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w.lower() not in NAMES]
        assert english == [], (name, r.message, text)


def test_every_answer_is_marked(
    answers: list[tuple[str, ActionResult]],
    pseudo_dir: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    language: Callable[[str], None],
) -> None:
    """Under the pseudo-locale (each literal part of a message marked, its placeholders
    not): no English word is left, so none came from the engine's English sentence."""
    monkeypatch.setenv(i18n.EXTRA_DIR_ENV, str(pseudo_dir))
    language("xx")
    for name, r in answers:
        text = action_message(r, "JPY")
        assert "⟦" in text and unmarked_words(text, NAMES) == [], (name, r.message, text)


@pytest.mark.parametrize(
    ("name", "ja", "en"),
    [
        (
            "price below 0",
            "価格は 0円 以上にしてください (指定値: -5円)",
            "price must be ¥0 or more",
        ),
        (
            "cap 21",
            "受付枠は 20 以下にしてください (指定値: 21)",
            "cap must be 20 or less (got 21)",
        ),
        ("hours over 24", "1日の時間は 0〜24 の範囲にしてください", "between 0 and 24"),
        ("withdraw more than the balance", "振込申請できるのは 10,000円 までです", "only ¥10,000"),
        (
            "edit: option without a name",
            "有料オプション 1 の名前を入力してください",
            "option 1: name",
        ),
        ("one hour a week", "週1時間", "1 hour a week"),
        ("disclosure", "30%", "disclosure 30%"),
        ("hours", "週", "hours a week"),
    ],
)
def test_answers_in_both_languages(
    answers: list[tuple[str, ActionResult]],
    language: Callable[[str], None],
    name: str,
    ja: str,
    en: str,
) -> None:
    result = dict(answers)[name]
    language("ja")
    assert ja in action_message(result, "JPY")
    language("en")
    assert en in action_message(result, "JPY")


def test_the_english_message_does_not_follow_the_language_shown(
    language: Callable[[str], None],
) -> None:
    """The engine's sentence (a refused withdrawal's reason in its event) is English with
    English amounts in a Japanese game too: it is an interface."""
    language("ja")
    refused = _engine().apply(Withdraw(10**9))
    assert refused.message == "only ¥10,000 is available"
    assert action_message(refused, "JPY") == "振込申請できるのは 10,000円 までです"


def test_a_code_not_known_shows_the_engines_sentence() -> None:
    assert action_message(ActionResult(False, "a new refusal", None, "new_code"), "JPY") == (
        "a new refusal"
    )


def refusal_events() -> list[dict[str, object]]:
    """The events of refused listings and withdrawals, one of each kind of refusal."""
    e = _engine()
    for _name, action in _listing_actions(e):
        e.apply(action)
    for _name, action in _other_actions(e):
        e.apply(action)
    small = _engine("platform.payout.minimum=5000")
    small.apply(Withdraw(3000))
    kinds = ("listing_refused", "withdrawal_refused")
    return [ev.as_dict() for x in (e, small) for ev in x.events() if ev.kind in kinds]


def test_the_event_log_words_every_refusal(
    pseudo_dir: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    language: Callable[[str], None],
) -> None:
    """A refused listing's or withdrawal's event keeps its English reason (an interface) and
    carries its code and values, from which the event log words it."""
    from gigsim.text.sentences import event_sentence

    events = refusal_events()
    assert len([e for e in events if e["kind"] == "withdrawal_refused"]) == 4
    assert len([e for e in events if e["kind"] == "listing_refused"]) >= 14
    assert all(e.get("code") and e.get("reason") for e in events)
    language("ja")
    for event in events:
        text = str(event_sentence(event, "JPY"))
        english = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w.lower() not in NAMES]
        assert english == [], (event, text)
    monkeypatch.setenv(i18n.EXTRA_DIR_ENV, str(pseudo_dir))
    language("xx")
    for event in events:
        text = str(event_sentence(event, "JPY"))
        assert unmarked_words(text, NAMES) == [], (event, text)


def test_an_off_platform_warning_reads_in_japanese(language: Callable[[str], None]) -> None:
    from gigsim.text.sentences import event_sentence

    language("ja")
    warning = {"kind": "account_warning", "reason": "accepted payment outside the platform"}
    taken = {"kind": "listing_taken_down", "listing": 1, "reason": warning["reason"]}
    assert event_sentence(warning, "JPY") == "! 運営からの警告: 直接取引に応じたため (規約違反)。"
    assert "直接取引に応じたため" in str(event_sentence(taken, "JPY"))

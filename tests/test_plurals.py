"""Counts read right for one and for two, in English and in Japanese: no "1 days", no "1
replications", and Japanese's single form with its counter (1日間, 2日間).

Each case renders its text where the program renders it (the inbox's facts, the event log,
the engine's answer, the batch's summary, a --set error, the month report's advice), with
the count 1 and 2.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator

import pytest

from gigsim import i18n
from gigsim.cli import main
from gigsim.engine.api import Engine, SetHours, SetRequestRule
from gigsim.scenarios import load_scenario
from gigsim.text.explain import hints
from gigsim.text.results import action_message
from gigsim.text.sentences import decision_facts, event_sentence


def _facts(n: int) -> str:
    return decision_facts({"window_days": float(n)}, "JPY")


def _suspended(n: int) -> str:
    return str(event_sentence({"kind": "account_suspended", "days": float(n)}, "JPY"))


def _hours_a_week(n: int) -> str:
    engine = Engine(load_scenario("default"), 1, policy=None)
    return action_message(engine.apply(SetHours(n / 5, 0.0)), "JPY")  # five evenings


def _advice(n: int) -> str:
    month = {"lost_buyers": {"not_seen": 90, "trust": 10}, "new_listing_days_left": float(n)}
    return " ".join(hints(month))


def _cli(argv: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(["--lang", i18n.language(), *argv])
    return out.getvalue() + err.getvalue()


def _replications(n: int) -> str:
    return _cli(["batch", "textbook-queue", "--months", "1", "--reps", str(n), "--jobs", "1"])


def _index(n: int) -> str:
    """A --set index past the end of a list of n items (the default has one listing and two
    options on it)."""
    key = "player.listings.4.price=1" if n == 1 else "player.listings.0.options.4.price=1"
    return _cli(["run", "default", "--months", "1", "--set", key])


def _precision(n: int) -> str:
    """The batch's line when --reps auto reached its precision (the count of replications it
    took; the batch's own runs take ten or more, so the message is read as the code reads it)."""
    return i18n.ngettext(
        "--reps auto: precision reached with {n} replication",
        "--reps auto: precision reached with {n} replications",
        n,
    ).format(n=n)


def _options(n: int) -> str:
    """The message line when a/b/c names an option past a decision's last one."""
    return i18n.ngettext("that decision has {n} option", "that decision has {n} options", n).format(
        n=n
    )


def _proposal_hours(n: int) -> str:
    """The request rule's note on the hours each proposal takes (a scenario's own hours)."""
    from gigsim.tui.screens.request_rule import RuleForm, rule_note

    return rule_note(RuleForm(SetRequestRule(), False, (), 0, "JPY", float(n)))


CASES: dict[str, tuple[Callable[[int], str], tuple[str, str], tuple[str, str]]] = {
    "open {days} days": (_facts, ("open 1 day", "open 2 days"), ("受付 1日間", "受付 2日間")),
    "suspended days": (
        _suspended,
        ("suspended for 1 day.", "suspended for 2 days."),
        ("停止 (1日間)", "停止 (2日間)"),
    ),
    "hours a week": (_hours_a_week, ("1 hour a week", "2 hours a week"), ("週1時間", "週2時間")),
    "new-listing days": (_advice, ("(1 more day)", "(2 more days)"), ("あと 1日", "あと 2日")),
    "replications": (
        _replications,
        ("1 replication each", "2 replications each"),
        ("各1回の反復", "各2回の反復"),
    ),
    "index item": (
        _index,
        ("has 1 item)", "has 2 items)"),
        ("は 1個)", "は 2個)"),
    ),
    "precision replications": (
        _precision,
        ("with 1 replication", "with 2 replications"),
        ("1回の反復で", "2回の反復で"),
    ),
    "decision options": (_options, ("has 1 option", "has 2 options"), ("1つです", "2つです")),
    "proposal hours": (
        _proposal_hours,
        ("takes 1 hour of", "takes 2 hours of"),
        ("提案1件に1時間", "提案1件に2時間"),
    ),
}


@pytest.fixture
def language() -> Iterator[Callable[[str], None]]:
    before = i18n.language()
    yield i18n.set_language
    i18n.set_language(before)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_one_and_two(case: str, lang: str, language: Callable[[str], None]) -> None:
    render, en, ja = CASES[case]
    language(lang)
    one, two = render(1), render(2)
    want = en if lang == "en" else ja
    assert want[0] in one, one
    assert want[1] in two, two
    if lang == "en":  # "open 1 day" is in "open 1 days" too: the plural with 1 is not
        assert en[1].replace("2", "1") not in one, one

"""The first time each mechanism happens to the player: one notice, with that event's numbers.

Each mechanism is forced by the scenario (a buyer who never answers, one who
always disputes, a short lapse, a furious buyer, an offer to pay outside);
the notice must come once, however often the mechanism happens after, carry
the numbers of the event that caused it, and come back the same after a save
is loaded, without a second one later. The notices draw nothing and log
nothing: the run's events are the same with them as without.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from gigsim.engine.api import Decision, Engine, Notice, load_game, save_game
from gigsim.model import rules
from gigsim.text.notices import notice_text
from gigsim.text.units import day
from tests.engine.mechanism_kit import (
    ALONE,
    FAST_PLAYER,
    answer_every_decision,
    engine,
    events,
    run,
)

# White-box: Engine._world is the engine's live inside, not its API; these tests read the live
# orders a notice is about, and mute the other mechanisms to force one.

TYPES = ("ordinary", "demanding", "monster")
RISKY = (*ALONE, "mechanisms.risks=true", "market.risks.harassment_per_month=0")


def every_type(field: str, value: object) -> tuple[str, ...]:
    return tuple(f"market.buyer_types.{t}.{field}={value}" for t in TYPES)


def of(e: Engine, kind: str) -> list[Notice]:
    return [n for n in e.notices() if n.kind == kind]


def test_the_first_order_explains_escrow_with_the_money_held_once() -> None:
    e = run(*ALONE, *FAST_PLAYER, "mechanisms.disputes=false", days=30)
    placed = events(e, "order_placed")
    assert len(placed) > 3
    (n,) = of(e, "escrow")
    first = placed[0].data
    pf = e.scenario.platform
    assert n.t == placed[0].t and n.get("order") == first["order"]
    assert n.get("amount") == first["amount"]
    assert n.get("held") == first["amount"] + rules.buyer_fee(first["amount"], pf.buyer_fee)
    fee = rules.commission(first["amount"], pf.commission).total
    assert n.get("fee") == fee and n.get("net") == first["amount"] - fee
    assert n.get("due") == first["due"]
    assert n.get("release_by") == pytest.approx(first["due"] + pf.timings.auto_approve_hours / 24)


def test_a_silent_buyer_explains_automatic_approval_once_and_an_answering_one_does_not() -> None:
    silent = run(*ALONE, *FAST_PLAYER, *every_type("silent_prob", 1), "mechanisms.disputes=false",
                 "mechanisms.revisions=false", days=40)  # fmt: skip
    done = events(silent, "order_completed")
    assert len(done) > 2
    (n,) = of(silent, "auto_approval")
    assert n.t == done[0].t and n.get("order") == done[0].data["order"]
    assert n.get("net") == done[0].data["net"] and n.get("fee") == done[0].data["commission"]
    assert n.t - n.get("delivered") == pytest.approx(n.get("hours") / 24)

    answering = run(*ALONE, *FAST_PLAYER, *every_type("silent_prob", 0), "market.accept_hours=1",
                    "mechanisms.disputes=false", "mechanisms.revisions=false", days=40)  # fmt: skip
    assert len(events(answering, "order_completed")) > 2
    assert of(answering, "auto_approval") == []


def test_the_first_dispute_says_how_much_is_held() -> None:
    e = run(*ALONE, *FAST_PLAYER, *every_type("dispute_prob", 1), days=40)
    opened = events(e, "dispute_opened")
    assert len(opened) > 1
    (n,) = of(e, "dispute")
    order = opened[0].data["order"]
    assert n.t == opened[0].t and n.get("order") == order
    amount = next(
        ev.data["amount"] for ev in events(e, "order_placed") if ev.data["order"] == order
    )
    held = amount + rules.buyer_fee(amount, e.scenario.platform.buyer_fee)
    assert n.get("amount") == amount and n.get("held") == held
    assert n.get("reply_hours") == e.scenario.market.disputes.reply_hours


def test_the_first_lapse_warning_says_how_much_and_when() -> None:
    e = engine(*ALONE, *FAST_PLAYER, "platform.payout.lapse_days=40", policy=None)
    answer_every_decision(e, e.month_end(4), lambda d: d.default)  # never withdraws
    warned = events(e, "balance_lapse_soon")
    assert len(warned) > 1
    (n,) = of(e, "lapse_warning")
    assert n.t == warned[0].t
    assert n.get("amount") == warned[0].data["amount"]
    assert n.get("lapses_at") == warned[0].data["lapses_at"] and n.get("lapse_days") == 40
    # the warning covers parts that lapse on different days: the notice says until when
    first, last = (dt.date.fromisoformat(warned[0].data[k]) for k in ("date", "last_date"))
    assert first < last, "the scenario must warn of parts of several days at once"
    start = e.scenario.start_date
    lapses = start + dt.timedelta(days=math.floor(n.get("last_lapses_at") + 1e-9))
    assert lapses == last
    _, text = notice_text("lapse_warning", dict(n.info), "JPY", start)
    assert f"lapses between {day(first)} and {day(last)}, part by part" in " ".join(text.split())


FURIOUS = (*RISKY, *FAST_PLAYER, *every_type("storms", "true"), *every_type("strictness", 2),
           "market.reviews.leniency=-1", "market.risks.storm_prob=1.0",
           "market.risks.off_platform_offer_prob=0", "market.risks.storm_days=5")  # fmt: skip


def test_every_storm_says_its_cause_how_long_and_how_much_the_first_one_explains() -> None:
    e = run(*FURIOUS, days=60)
    storms = events(e, "storm_started")
    assert len(storms) > 1
    notices = of(e, "storm")
    assert len(notices) == len(storms)
    assert [n.get("first") for n in notices] == [True] + [False] * (len(storms) - 1)
    risks = e.scenario.market.risks
    for n, started in zip(notices, storms, strict=True):
        review = next(
            ev for ev in reversed(e.events()) if ev.kind == "review_posted" and ev.t == started.t
        )
        assert n.t == started.t
        assert (
            n.get("order") == review.data["order"] and n.get("stars") == 1 == review.data["stars"]
        )
        assert n.get("days") == risks.storm_days and n.get("kept") == risks.storm_demand_factor
        assert n.get("until") == pytest.approx(started.t + risks.storm_days)
        assert n.get("buyer_type") in TYPES


def test_the_first_off_platform_offer_and_the_first_warning_explain_themselves_once() -> None:
    e = engine(*RISKY, *FAST_PLAYER, "market.risks.off_platform_offer_prob=1.0",
               "platform.rules.off_platform_detection=1.0",
               "platform.rules.warnings_before_suspension=3", policy=None)  # fmt: skip

    def accept(d: Decision) -> str:
        return "accept" if d.kind.value == "off_platform_offer" else d.default

    answer_every_decision(e, 30.0, accept)
    offered = [ev for ev in events(e, "decision_waiting")
               if ev.data["decision_kind"] == "off_platform_offer"]  # fmt: skip
    warned = events(e, "account_warning")
    assert len(offered) > 1 and len(warned) > 1
    (offer,) = of(e, "off_platform_offer")
    amount = offered[0].data["amount"]
    assert offer.t == offered[0].t and offer.get("amount") == amount
    assert offer.get("fee_saved") == rules.commission(amount, e.scenario.platform.commission).total
    assert offer.get("detection") == 1.0 and offer.get("warnings") == 3
    (warning,) = of(e, "account_warning")
    taken = events(e, "listing_taken_down")[0]
    assert warning.t == warned[0].t and warning.get("warnings") == 1 and warning.get("limit") == 3
    assert warning.get("listing") == taken.data["listing"]


def test_notices_come_back_the_same_after_a_load_and_are_not_given_again(tmp_path: Path) -> None:
    e = engine(*FURIOUS, "platform.payout.lapse_days=40", policy=None)
    answer_every_decision(e, 25.0, lambda d: d.default)
    before = e.notices()
    assert {n.kind for n in before} >= {"escrow", "auto_approval", "storm"}
    path = save_game(e, tmp_path / "game.json")
    loaded = load_game(path)
    assert loaded.notices() == before
    for game in (e, loaded):  # the game played on and the one loaded go on alike
        answer_every_decision(game, 60.0, lambda d: d.default)
    assert loaded.notices() == e.notices()
    once = [n.kind for n in loaded.notices() if n.kind != "storm"]
    assert len(once) == len(set(once)) and "lapse_warning" in once
    assert json.loads(path.read_text(encoding="utf-8"))["fingerprint"]  # a save as before


def test_notices_draw_nothing_and_log_nothing() -> None:
    """The same run with the notices' subscriber muted logs the same events, byte for byte."""
    sets = (*FURIOUS, "platform.payout.lapse_days=40")
    with_notices = run(*sets, days=60)
    muted = engine(*sets)
    firsts = muted._world.firsts
    muted._world.kernel._subscribers = {
        kind: [fn for fn in fns if getattr(fn, "__self__", None) is not firsts]
        for kind, fns in muted._world.kernel._subscribers.items()
    }
    muted.advance_to(60)
    assert with_notices.notices() and not muted.notices()
    assert [ev.as_dict() for ev in muted.events()] == [ev.as_dict() for ev in with_notices.events()]

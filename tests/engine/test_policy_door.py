"""Policies go through the door a human uses: a decision as a person sees it (``DecisionView``)
and what the seller sees now (``SellerView``, the snapshot's figures), never live model objects."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from gigsim.engine.api import (
    PLAYER_POLICIES,
    Action,
    DecisionView,
    Engine,
    PlayerPolicy,
    SellerView,
    Snapshot,
)
from gigsim.scenarios import load_scenario

SETS = ["market.choice.public_request_share=0.3"]


def _engine_with(
    monkeypatch: pytest.MonkeyPatch,
    decide: Callable[[DecisionView, SellerView], tuple[str, float]],
    review: Callable[[SellerView], list[Action]] | None = None,
) -> Engine:
    policy = PlayerPolicy("recording", "answers as told, and looks", decide, review)
    monkeypatch.setitem(PLAYER_POLICIES, "recording", policy)
    return Engine(load_scenario("default", SETS), 4, policy="recording")


def test_a_player_policy_is_handed_views_not_the_live_run(monkeypatch: pytest.MonkeyPatch) -> None:
    handed: list[tuple[Any, ...]] = []

    def decide(d: DecisionView, v: SellerView) -> tuple[str, float]:
        handed.append((d, v))
        return d.options[0], 0.0

    def review(v: SellerView) -> list[Action]:
        handed.append((v,))
        return []

    e = _engine_with(monkeypatch, decide, review)
    e.run_months(2)
    decisions = [h for h in handed if len(h) == 2]
    reviews = [h for h in handed if len(h) == 1]
    assert decisions and len(reviews) >= 8  # weekly
    for d, v in decisions:
        assert type(d) is DecisionView and type(v) is SellerView
        assert not hasattr(d, "resolve")  # nothing in it answers the decision behind the policy
        assert v.id == "player"
    assert all(type(v) is SellerView for (v,) in reviews)
    kinds = {d.kind for d, _ in decisions}
    assert {"inquiry", "public_request"} <= kinds


def test_what_a_policy_reads_is_what_the_snapshot_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[Snapshot] = []
    e: Engine

    def review(v: SellerView) -> list[Action]:
        snap = e.snapshot()
        assert v.snapshot() == snap
        assert v.now == snap.t
        assert v.listings == snap.listings
        assert v.balance == snap.balance
        assert v.reviews == snap.reviews
        assert round(v.rating, 3) == snap.rating
        assert v.hours_week == snap.hours_week
        assert v.reply_hours == snap.hours[3]
        assert v.listing(snap.listings[0].id) == snap.listings[0]
        assert v.listing(-1) is None
        since = v.now - 30.0
        assert v.events_since(since) == tuple(x for x in e.events() if x.t >= since)
        looked.append(snap)
        return []

    e = _engine_with(monkeypatch, lambda d, v: (d.options[0], 0.0), review)
    e.run_months(3)
    assert len(looked) >= 12
    assert looked[-1].reviews > 0 and looked[-1].months  # the run had something to show


def test_a_policy_cannot_change_the_run_through_its_views(monkeypatch: pytest.MonkeyPatch) -> None:
    tried: list[str] = []

    def decide(d: DecisionView, v: SellerView) -> tuple[str, float]:
        with pytest.raises(AttributeError):
            v.reviews = 99  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            d.default = d.options[0]  # type: ignore[misc]
        lst = v.listings[0]
        with pytest.raises(dataclasses.FrozenInstanceError):
            lst.price = 1  # type: ignore[misc]
        tried.append(d.kind)
        return d.options[0], 0.0

    e = _engine_with(monkeypatch, decide)
    e.run_months(1)
    assert tried
    assert e.invariant_violations() == []


def test_a_decision_view_says_what_the_decision_says() -> None:
    d = DecisionView(1, "dispute", 0.0, 1.0, ("contest",), "contest", (("on_time", True),))
    assert d.get("on_time") is True
    assert d.get("amount") is None and d.get("amount", 0) == 0


def test_the_computer_sellers_policy_is_handed_the_same_views() -> None:
    # White-box: Engine._world is the engine's live inside, not its API; this swaps the
    # computer sellers' policy for one that records what it is handed.
    e = Engine(load_scenario("default"), 2)
    books = e._world.no_books
    shipped = books.policy
    assert shipped is not None
    handed: list[tuple[Any, Any]] = []

    def recording(d: Any, v: Any) -> tuple[str, float]:
        handed.append((d, v))
        return shipped(d, v)

    books.policy = recording
    e.run_months(1)
    assert handed
    assert all(type(d) is DecisionView and type(v) is SellerView for d, v in handed)
    assert all(v.id.startswith("c") for _, v in handed)
    assert all(v.events_since(0.0) == () for _, v in handed)  # nobody follows them

"""Shipped what-if policies, and users' policies through the ``gigsim.policies`` entry points."""

from __future__ import annotations

import csv
import re
from importlib import metadata
from pathlib import Path

import pytest

from gigsim.engine import policies
from gigsim.engine.api import PLAYER_POLICIES, Engine, PlayerPolicy, load_entry_point_policies
from gigsim.scenarios import load_scenario

from .helpers import batch


@pytest.mark.parametrize("name", ["capacity", "cheap-start"])
def test_new_policies_run_and_keep_the_invariants(name: str) -> None:
    engine = Engine(load_scenario("default"), 5, policy=name)
    engine.run_months(3)
    assert engine.invariant_violations() == []
    snap = engine.snapshot()
    lst = snap.listings[0]
    assert 1 <= lst.cap <= 20
    median = next(m.median_price for m in snap.markets if m.category == lst.category)
    if name == "cheap-start" and snap.reviews < policies.CHEAP_START_REVIEWS:
        assert lst.price <= median * 0.5 + 100


def always_accept(d: object, w: object) -> tuple[str, float]:
    return "accept", 0.0


USER_POLICY = PlayerPolicy("user-accepts", "a user's policy from a plug-in", always_accept)


def _fake_entry_points(monkeypatch: pytest.MonkeyPatch, *eps: metadata.EntryPoint) -> None:
    real = metadata.entry_points

    def fake(**kw: str) -> object:
        if kw.get("group") == policies.POLICY_ENTRY_POINTS:
            return metadata.EntryPoints(eps)
        return real(**kw)

    monkeypatch.setattr(metadata, "entry_points", fake)


def test_entry_point_policy_is_registered_and_runs_in_a_batch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = __name__
    _fake_entry_points(
        monkeypatch,
        metadata.EntryPoint("user-accepts", f"{here}:USER_POLICY", policies.POLICY_ENTRY_POINTS),
        metadata.EntryPoint("default", f"{here}:USER_POLICY", policies.POLICY_ENTRY_POINTS),
        metadata.EntryPoint("broken", "no.such.module:X", policies.POLICY_ENTRY_POINTS),
    )
    monkeypatch.setitem(PLAYER_POLICIES, "default", PLAYER_POLICIES["default"])
    try:
        problems = load_entry_point_policies()
        assert PLAYER_POLICIES["user-accepts"] is USER_POLICY
        assert PLAYER_POLICIES["default"].name == "default"  # shipped ones are never replaced
        assert "cannot replace a shipped policy" in problems["default"]
        assert "failed to load" in problems["broken"]
        out = tmp_path / "user"
        code, _, err = batch(
            capsys, "textbook-queue", "--months", "1", "--reps", "2", "--jobs", "1",
            "--policy", "user-accepts", "--out", str(out),
        )  # fmt: skip
        assert code == 0, err
        assert {r["policy"] for r in csv.DictReader((out / "runs.csv").open())} == {"user-accepts"}
        code, _, err = batch(capsys, "textbook-queue", "--reps", "2", "--policy", "broken")
        assert code == 2 and "policy 'broken': entry point 'no.such.module:X' failed to load" in err
    finally:
        PLAYER_POLICIES.pop("user-accepts", None)


def _readme_policy_example() -> str:
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = text.split("- **Policies.**", 1)[1].split("- **Executors.**", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the policies' paragraph has one python example"
    return blocks[0]


def test_the_readme_policy_example_runs_through_the_views(monkeypatch: pytest.MonkeyPatch) -> None:
    names: dict[str, object] = {}
    exec(compile(_readme_policy_example(), "README.md", "exec"), names)
    policy = names["MY_POLICY"]
    assert isinstance(policy, PlayerPolicy)
    monkeypatch.setitem(PLAYER_POLICIES, policy.name, policy)
    engine = Engine(load_scenario("default"), 3, policy=policy.name)
    engine.run_months(6)
    assert engine.invariant_violations() == []
    snap = engine.snapshot()
    median = next(m.median_price for m in snap.markets if m.category == snap.listings[0].category)
    prices = [e.data["price"] for e in engine.events() if e.kind == "listing_changed"]
    assert snap.reviews >= 5 and prices == [round(median * 0.8), median]
    assert snap.listings[0].price == median
    assert any(e.kind == "proposal_sent" for e in engine.events())

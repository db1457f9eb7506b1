"""RunResult: a finished run's report, built only from the engine's public methods.

The headless run's ``--json`` and ``--events`` files are ``RunResult.to_json``
and ``RunResult.event_lines``; the batch's records come from the same object.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gigsim.engine.api import EVENT_KINDS, ORDER_PLACED, Engine, RunResult
from gigsim.headless import run_command
from gigsim.scenarios import load_scenario

JSON_KEYS = [
    "gigsim_version",
    "model_version",
    "seed",
    "scenario",
    "source",
    "policy",
    "currency",
    "months",
    "totals",
    "tax",
    "ledger",
    "ledger_sum",
    "reviews_histogram",
    "competitors",
]


class PublicOnly:
    """An engine seen only through the results methods (no ``world``, no private state)."""

    PUBLIC = (
        "scenario",
        "seed",
        "policy_name",
        "month_records",
        "ledger_balances",
        "ledger_sum",
        "reviews_histogram",
        "competitors_summary",
        "events",
        "players",
        "player_spec",
    )

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __getattr__(self, name: str) -> Any:
        if name not in self.PUBLIC:
            raise AttributeError(f"RunResult read {name!r}, which is not a public results method")
        return getattr(self._engine, name)


def _engine(months: int) -> Engine:
    engine = Engine(load_scenario("default"), 11, policy="active")
    engine.run_months(months)
    return engine


def test_run_result_reads_only_public_methods() -> None:
    engine = _engine(3)
    through_public = RunResult.of(PublicOnly(engine), 3, "default")  # type: ignore[arg-type]
    assert through_public == RunResult.of(engine, 3, "default")
    assert len(through_public.months) == 3 and through_public.ledger_sum == 0
    assert through_public.competitors and through_public.events


def test_run_result_is_a_copy_the_run_cannot_change() -> None:
    engine = _engine(2)
    result = RunResult.of(engine)
    before = json.dumps(result.as_dict()), len(result.events)
    engine.run_months(4)
    assert (json.dumps(result.as_dict()), len(result.events)) == before
    assert len(RunResult.of(engine).months) == 4
    assert [m["month"] for m in result.months] == [1, 2]


def test_headless_files_are_the_run_result(tmp_path: Path, capsys: Any) -> None:
    sc = load_scenario("default")
    out, events = tmp_path / "a.json", tmp_path / "a.jsonl"
    assert run_command(sc, 2, 7, str(out), str(events), source="default") == 0
    capsys.readouterr()
    engine = Engine(sc, 7, policy=sc.player.policy)
    engine.run_months(2)
    result = RunResult.of(engine, 2, "default")
    assert out.read_text(encoding="utf-8") == result.to_json()
    assert events.read_text(encoding="utf-8") == "".join(result.event_lines())
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == JSON_KEYS
    assert data["totals"]["net_income"] == sum(m["net_income"] for m in data["months"])
    assert data["months"] == [dict(m) for m in engine.month_records(2)]
    assert [json.loads(line)["seq"] for line in result.event_lines()] == list(
        range(len(result.events))
    )


def test_event_kinds_are_the_logs_kinds_not_the_buss() -> None:
    engine = _engine(3)
    kinds = {e.kind for e in engine.events()}
    assert ORDER_PLACED in kinds and kinds <= EVENT_KINDS
    assert "order_settled" not in EVENT_KINDS  # published between subsystems, never logged

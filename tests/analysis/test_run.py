"""gigsim.run: the months, events and competitors of ``gigsim run`` as DataFrames."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import gigsim
from gigsim.engine.api import EVENT_KINDS
from gigsim.errors import BadInput
from gigsim.experiments.runs import month_row
from gigsim.headless import run_command
from gigsim.scenarios import load_scenario


def _cli_run(tmp_path: Path, capsys: Any, months: int, seed: int, *sets: str) -> tuple[dict, list]:
    sc = load_scenario("default", list(sets))
    out, events = tmp_path / "a.json", tmp_path / "a.jsonl"
    assert run_command(sc, months, seed, str(out), str(events), source="default") == 0
    capsys.readouterr()
    lines = events.read_text(encoding="utf-8").splitlines()
    return json.loads(out.read_text(encoding="utf-8")), [json.loads(x) for x in lines]


def _plain(value: Any) -> Any:
    return None if value is pd.NA or (isinstance(value, float) and value != value) else value


def test_the_months_frame_is_the_json_months(tmp_path: Path, capsys: Any) -> None:
    data, events = _cli_run(tmp_path, capsys, 3, 7)
    r = gigsim.run("default", months=3, seed=7)
    assert r.result.as_dict() == data
    assert r.totals == data["totals"]
    assert list(r.months["month"]) == [1, 2, 3]
    for (_, row), month in zip(r.months.iterrows(), data["months"], strict=True):
        expected = {"month": month["month"], **month_row(month)}
        assert {k: _plain(v) for k, v in row.items()} == expected
    assert r.months["net_income"].sum() == data["totals"]["net_income"]
    assert str(r.months["rating"].dtype) == "float64" and str(r.months["orders"].dtype) == "Int64"
    # events: one row each, in order, with their fields
    assert len(r.events) == len(events) and list(r.events["seq"]) == list(range(len(events)))
    assert set(r.events["kind"]) <= EVENT_KINDS
    placed = r.events[r.events["kind"] == "order_placed"]
    assert list(placed["order"]) == [e["order"] for e in events if e["kind"] == "order_placed"]
    # competitors: one row per computer listing
    assert len(r.competitors) == len(data["competitors"])
    assert list(r.competitors["sales"]) == [c["sales"] for c in data["competitors"]]
    assert r.competitors["left"].dtype == "boolean"


def test_overrides_are_set_keys_with_python_values(tmp_path: Path, capsys: Any) -> None:
    data, _ = _cli_run(
        tmp_path, capsys, 2, 3, "player.listings.0.price=3000", "player.policy=active"
    )
    r = gigsim.run(
        "default",
        months=2,
        seed=3,
        overrides={"player.listings.0.price": 3000, "player.policy": "active"},
    )
    assert r.result.as_dict() == data
    first = r.events.iloc[0]
    assert first["kind"] == "listing_published" and first["price"] == 3000
    plain = gigsim.run("default", months=2, seed=3)
    assert not plain.months.equals(r.months)


def test_a_scenario_object_runs_too() -> None:
    sc = load_scenario("textbook-queue")
    a = gigsim.run(sc, months=1, seed=2, overrides={"player.hours.weekday": 1.5})
    b = gigsim.run("textbook-queue", months=1, seed=2, overrides={"player.hours.weekday": 1.5})
    pd.testing.assert_frame_equal(a.months, b.months)
    assert a.result.scenario == b.result.scenario


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"overrides": {"player.no_such_field": 1}}, "player.no_such_field"),
        ({"overrides": {"player.hours.weekday": float("nan")}}, "player.hours.weekday"),
        ({"months": 0}, "months"),
        ({"policy": "no-such-policy"}, "player.policy"),
        ({"seed": -1}, "seed"),
        ({"seed": "7"}, "seed"),
        ({"seed": 7.0}, "seed"),
        ({"seed": True}, "seed"),
        ({"overrides": ["player.hours.weekday=2"]}, "overrides"),
    ],
)
def test_bad_input_is_the_command_lines_one_line(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(BadInput) as err:
        gigsim.run("default", **{"months": 1, **kwargs})
    assert (err.value.field or err.value.source) == field
    assert "\n" not in str(err.value)


def test_an_override_refused_on_a_scenario_object_is_one_line_naming_the_field() -> None:
    with pytest.raises(BadInput) as err:
        gigsim.run(load_scenario("default"), months=1, overrides={"player.listings.0.price": 1})
    assert err.value.field == "player.listings.0.price"
    assert "\n" not in str(err.value)


def test_the_version_comes_from_the_package_metadata_and_types_ship() -> None:
    assert gigsim.__version__ == importlib.metadata.version("gigsim")
    assert (Path(gigsim.__file__).parent / "py.typed").is_file()

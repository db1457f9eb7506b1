"""Scenario files: shipped ones load, YAML round-trips, --set works, schema is usable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from gigsim.errors import BadInput
from gigsim.model.scenario import Scenario
from gigsim.scenario_io import load_scenario, scenario_yaml, schema_json, shipped_scenarios

SHIPPED = [name for name, _ in shipped_scenarios()]
EXPECTED = {
    "default",
    "coconala",
    "timeticket",
    "anytimes",
    "skillcloud",
    "requ",
    "fiverr",
    "upwork",
    "textbook-queue",
}


def test_every_expected_scenario_is_shipped_with_a_description() -> None:
    assert set(SHIPPED) == EXPECTED
    assert SHIPPED[0] == "default"
    for name, desc in shipped_scenarios():
        assert desc and "\n" not in desc, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shipped_scenario_loads_and_round_trips(name: str, tmp_path: Path) -> None:
    s = load_scenario(name)
    assert isinstance(s, Scenario)
    assert s.name == name
    path = tmp_path / f"{name}.yaml"
    path.write_text(scenario_yaml(s), encoding="utf-8")
    assert load_scenario(str(path)) == s


def _keys(data: object, prefix: str = "") -> set[str]:
    if isinstance(data, dict):
        out = set()
        for k, v in data.items():
            out.add(f"{prefix}{k}")
            out |= _keys(v, f"{prefix}{k}.")
        return out
    if isinstance(data, list):
        out = set()
        for i, v in enumerate(data):
            out |= _keys(v, f"{prefix}{i}.")
        return out
    return set()


def test_default_writes_out_every_field() -> None:
    """default.yaml is for reading: every value explicit, none left to a default."""
    text = (Path(__file__).parents[1] / "gigsim" / "scenarios" / "default.yaml").read_text("utf-8")
    full = yaml.safe_load(scenario_yaml(load_scenario("default")))
    missing = _keys(full) - _keys(yaml.safe_load(text))
    assert not missing, f"default.yaml leaves these to defaults: {sorted(missing)}"


def test_default_matches_the_brief() -> None:
    s = load_scenario("default")
    assert s.platform.commission.rate == 0.22
    assert s.platform.buyer_fee.rate == 0.055
    assert [r.name for r in s.platform.ranks] == ["Regular", "Bronze", "Silver", "Gold", "Platinum"]
    statuses = {c.id: c.status.value for c in s.categories}
    assert statuses["legal-advice"] == "licence"
    assert statuses["home-cooked-food"] == "banned"
    (listing,) = s.player.listings
    design = s.category(listing.category)
    assert listing.price == design.median_price
    assert listing.cap >= 1
    # established computer sellers compete with the new listing
    assert design.competitors >= 60


def test_textbook_queue_is_mm1k() -> None:
    s = load_scenario("textbook-queue")
    m = s.mechanisms.model_dump()
    assert m.pop("work_time") == "exponential"
    assert not any(m.values())
    assert s.player.hours.always
    assert not s.market.choice.outside_option
    (cat,) = s.categories
    (listing,) = s.player.listings
    assert cat.competitors == 0
    assert listing.cap == 4
    assert cat.buyers_per_day / (24.0 / listing.hours_per_order) == pytest.approx(2 / 3)


def test_set_numbers_nested_and_list_index() -> None:
    s = load_scenario(
        "default",
        [
            "months=6",
            "categories.0.buyers_per_day=5",
            "player.listings.0.price=3000",
            "player.hours.weekday=2",
            "platform.commission.rate=0.2",
            "mechanisms.risks=false",
            "market.weekday_factors=[1, 1, 1, 1, 1, 1, 1]",
            "player.name=Aiko",
        ],
    )
    assert s.months == 6
    assert s.categories[0].buyers_per_day == 5.0
    assert s.player.listings[0].price == 3000
    assert s.player.hours.weekday == 2.0
    assert s.platform.commission.rate == 0.2
    assert s.mechanisms.risks is False
    assert s.market.weekday_factors == (1.0,) * 7
    assert s.player.name == "Aiko"


def test_set_on_a_section_absent_from_the_file_keeps_its_defaults() -> None:
    s = load_scenario("textbook-queue", ["market.buyer_types.monster.dispute_prob=0.5"])
    assert s.market.buyer_types["monster"].dispute_prob == 0.5
    assert s.market.buyer_types["ordinary"].share == pytest.approx(0.82)
    s = load_scenario("textbook-queue", ["competitors.cap_max=2"])
    assert s.competitors.cap_max == 2


@pytest.mark.parametrize(
    ("item", "field", "words"),
    [
        ("player.listings.0.price=-5", "player.listings.0.price", ">= 0"),
        ("player.listings.0.cap=21", "player.listings.0.cap", "<= 20"),
        ("months=abc", "months", "integer"),
        ("player.nope=1", "player.nope", "unknown key 'nope'"),
        ("categories.x.id=a", "categories.x.id", "list"),
        ("categories.99.id=a", "categories.99.id", "out of range"),
        ("months.x=1", "months.x", "single value"),
        ("player.listings.0.price", "player.listings.0.price", "dotted.key=value"),
        ("player.name=&a x", "player.name", "anchors"),
    ],
)
def test_set_is_validated(item: str, field: str, words: str) -> None:
    with pytest.raises(BadInput) as info:
        load_scenario("default", [item])
    err = info.value
    assert err.source == "--set"
    assert err.field == field
    assert words in err.problem


def test_file_errors_name_field_and_line(tmp_path: Path) -> None:
    text = scenario_yaml(load_scenario("default")).replace(
        "price_floor: 1000", "price_floor: -1", 1
    )
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "price_floor: -1" in t)
    with pytest.raises(BadInput) as info:
        load_scenario(str(path))
    assert info.value.line() == (
        f"error: {path}: categories.0.price_floor (line {line}): must be >= 0 (got -1)"
    )


def test_whole_scenario_checks_name_their_field(tmp_path: Path) -> None:
    with pytest.raises(BadInput) as info:
        load_scenario("default", ["player.listings.0.category=nowhere"])
    assert info.value.field == "player.listings.0.category"
    assert info.value.source == "--set"


def test_unknown_key_suggests_the_known_one(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("categories:\n  - id: a\n    name: A\n    pric_floor: 3\n", encoding="utf-8")
    with pytest.raises(BadInput) as info:
        load_scenario(str(path))
    assert info.value.field == "categories.0.pric_floor (line 4)"
    assert "price_floor" in info.value.problem


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("months: 3\nmonths: 4\ncategories: []\n", encoding="utf-8")
    with pytest.raises(BadInput, match="duplicate key"):
        load_scenario(str(path))


def test_schema_is_json_with_descriptions() -> None:
    schema = json.loads(schema_json())
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    props = schema["properties"]
    assert {"platform", "categories", "market", "player", "mechanisms"} <= set(props)
    assert all(p.get("description") for p in props.values())
    listing = schema["$defs"]["ListingSpec"]["properties"]
    assert "一度に受注可能な件数" in listing["cap"]["description"]
    assert listing["cap"]["maximum"] == 20

"""Scenario files: shipped ones load, YAML round-trips, --set works, schema is usable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from gigsim.errors import BadInput
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario, scenario_yaml, schema_json, shipped_scenarios

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
    *(f"lesson-{n}" for n in range(1, 10)),  # the lessons' scenarios (gigsim/lessons)
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
    text = (Path(__file__).parents[2] / "gigsim" / "scenarios" / "default.yaml").read_text("utf-8")
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
        ("months=abc", "months", "must be a whole number"),
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


# --------------------------------------------------------------------------
# Inheritance: ``base: NAME``
# --------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CHILD = """\
base: default
platform:
  commission:
    rate: 0.15
  payout:
    lapse_days: null
market:
  weekday_factors: [1, 1, 1, 1, 1, 1, 1]
  buyer_types:
    monster:
      dispute_prob: 0.5
player:
  listings:
    - {category: writing, price: 4000}
"""


def test_base_deep_merges_mappings_and_replaces_lists_and_scalars(tmp_path: Path) -> None:
    s = load_scenario(str(write(tmp_path / "mine.yaml", CHILD)))
    d = load_scenario("default")
    # a scalar in a mapping: the file wins, its siblings are the base's
    assert s.platform.commission.rate == 0.15
    assert s.platform.commission.tax_included_rate == d.platform.commission.tax_included_rate
    assert s.platform.buyer_fee == d.platform.buyer_fee
    assert s.platform.payout.fee == d.platform.payout.fee
    # null is a value like any other: it replaces
    assert s.platform.payout.lapse_days is None
    # lists replace whole
    assert s.market.weekday_factors == (1.0,) * 7
    (listing,) = s.player.listings
    assert (listing.category, listing.price, listing.options) == ("writing", 4000, ())
    # entries of a mapping merge one by one
    assert s.market.buyer_types["monster"].dispute_prob == 0.5
    assert s.market.buyer_types["monster"].share == d.market.buyer_types["monster"].share
    assert s.market.buyer_types["ordinary"] == d.market.buyer_types["ordinary"]
    # everything not mentioned is the base's
    assert s.categories == d.categories
    assert s.competitors == d.competitors
    assert s.market.search == d.market.search
    assert s.player.hours == d.player.hours
    assert s.player.skills == d.player.skills


def test_a_file_with_a_base_names_itself(tmp_path: Path) -> None:
    s = load_scenario(str(write(tmp_path / "my-market.yaml", "base: default\nmonths: 3\n")))
    assert s.name == "my-market"
    assert s.description == "Based on default."
    assert s.months == 3
    named = write(tmp_path / "n.yaml", "base: default\nname: Aiko's test\ndescription: Mine.\n")
    s = load_scenario(str(named))
    assert (s.name, s.description) == ("Aiko's test", "Mine.")


def test_base_by_relative_path_and_chains(tmp_path: Path) -> None:
    write(tmp_path / "lib" / "cheap.yaml", "base: default\nplayer:\n  reply_hours: 1.0\n")
    write(tmp_path / "lib" / "cheaper.yaml", "base: cheap.yaml\nmonths: 4\n")
    mine = write(tmp_path / "work" / "mine.yaml", "base: ../lib/cheaper.yaml\nmonths: 5\n")
    s = load_scenario(str(mine))
    assert s.name == "mine"
    assert s.months == 5  # the nearest file wins
    assert s.player.reply_hours == 1.0  # from two bases up, resolved beside lib/cheaper.yaml
    assert s.categories == load_scenario("default").categories


def test_base_works_from_a_relative_command_line_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "sub" / "base.yaml", "base: default\nmonths: 2\n")
    write(tmp_path / "sub" / "mine.yaml", "base: base.yaml\n")
    monkeypatch.chdir(tmp_path)
    assert load_scenario("sub/mine.yaml").months == 2


def test_show_prints_the_merged_scenario_and_it_loads_back_equal(tmp_path: Path) -> None:
    s = load_scenario(str(write(tmp_path / "mine.yaml", CHILD)))
    text = scenario_yaml(s)
    assert "base" not in yaml.safe_load(text)
    shown = write(tmp_path / "shown.yaml", text)
    assert load_scenario(str(shown)) == s


def test_set_applies_after_the_merge(tmp_path: Path) -> None:
    mine = str(write(tmp_path / "mine.yaml", CHILD))
    s = load_scenario(mine, ["platform.commission.rate=0.3", "player.listings.0.price=2500"])
    assert s.platform.commission.rate == 0.3
    assert s.platform.commission.tax_included_rate == 0.10
    assert s.player.listings[0].price == 2500
    assert s.market.weekday_factors == (1.0,) * 7
    with pytest.raises(BadInput) as info:
        load_scenario(mine, ["player.listings.0.cap=0"])
    assert (info.value.source, info.value.field) == ("--set", "player.listings.0.cap")


def test_cycles_are_refused_naming_the_base_field(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "base: b.yaml\n")
    write(tmp_path / "b.yaml", "months: 3\nbase: a.yaml\n")
    with pytest.raises(BadInput) as info:
        load_scenario(str(a))
    err = info.value
    assert err.source == str(tmp_path / "b.yaml")
    assert err.field == "base (line 2)"
    assert err.problem == f"inheritance cycle: {a} -> {tmp_path / 'b.yaml'} -> {a}"
    me = write(tmp_path / "me.yaml", "base: ./me.yaml\n")
    with pytest.raises(BadInput, match="inheritance cycle"):
        load_scenario(str(me))


def test_chains_deeper_than_five_bases_are_refused(tmp_path: Path) -> None:
    for i in range(1, 7):
        write(tmp_path / f"d{i}.yaml", f"base: d{i + 1}.yaml\n")
    write(tmp_path / "d7.yaml", "base: default\n")
    assert load_scenario(str(tmp_path / "d3.yaml")).name == "d3"  # five bases: fine
    with pytest.raises(BadInput) as info:
        load_scenario(str(tmp_path / "d2.yaml"))  # six
    assert info.value.field == "base (line 1)"
    assert info.value.source == str(tmp_path / "d7.yaml")
    assert "more than 5 bases" in info.value.problem


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("base: nowhere\n", ["unknown base 'nowhere'", "default", "fiverr", "textbook-queue"]),
        ("base: ./gone.yaml\n", ["gone.yaml", "no such file", "shipped scenarios: default"]),
        ("base: 3\n", ["shipped scenario's name or a path", "got 3"]),
        ("base: [default]\n", ["got a list"]),
        ("base:\n", ["got None"]),
        ("base: ''\n", ["got ''"]),
    ],
)
def test_bad_base_values_name_the_file_and_field(
    text: str, words: list[str], tmp_path: Path
) -> None:
    f = write(tmp_path / "mine.yaml", text)
    with pytest.raises(BadInput) as info:
        load_scenario(str(f))
    assert (info.value.source, info.value.field) == (str(f), "base (line 1)")
    for word in words:
        assert word in info.value.problem


def test_errors_point_into_the_file_that_holds_the_value(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", "base: default\nmarket:\n  search:\n    attention_decay: 2\n")
    mine = write(tmp_path / "mine.yaml", "base: base.yaml\nmonths: 3\n")
    with pytest.raises(BadInput) as info:
        load_scenario(str(mine))
    assert info.value.line() == (
        f"error: {mine}: market.search.attention_decay "
        f"(inherited from {tmp_path / 'base.yaml'}, line 4): must be <= 1.0 (got 2)"
    )
    own = write(tmp_path / "own.yaml", "base: default\n\nmonths: 0\n")
    with pytest.raises(BadInput) as info:
        load_scenario(str(own))
    assert info.value.field == "months (line 3)"
    # an inherited value that no longer fits: still named, with where it came from
    cats = write(tmp_path / "cats.yaml", "base: default\ncategories:\n  - {id: x, name: X}\n")
    with pytest.raises(BadInput) as info:
        load_scenario(str(cats))
    assert info.value.source == str(cats)
    assert info.value.field is not None
    assert info.value.field.startswith("player.listings.0.category (inherited from default.yaml")


def test_schema_knows_base_and_lets_a_based_file_leave_out_categories() -> None:
    schema = json.loads(schema_json())
    assert "base" in schema["properties"]
    assert schema["if"] == {"required": ["base"]}
    assert schema["else"] == {"required": ["categories"]}


# --------------------------------------------------------------------------
# Platform presets: default's market under each platform's rules
# --------------------------------------------------------------------------

PRESETS = ["coconala", "timeticket", "anytimes", "skillcloud", "requ", "fiverr", "upwork"]
SCENARIOS_DIR = Path(__file__).parents[2] / "gigsim" / "scenarios"

# Each preset's platform figures (docs/model.md, "Public figures"; "unconfirmed" ones as the presets assume).
PLATFORM_FIGURES: dict[str, dict[str, object]] = {
    "coconala": {
        "name": "Coconala",
        "commission.kind": "flat",
        "commission.rate": 0.22,
        "commission.tax_included_rate": 0.10,
        "buyer_fee.rate": 0.055,
        "payout.fee": 160,
        "payout.fee_waived_from": 3000,
        "payout.minimum": 0,
        "payout.schedule.kind": "semi_monthly",
        "payout.schedule.cutoff_day": 15,
        "payout.schedule.first_pay_day": 20,
        "payout.schedule.second_pay_day": 5,
        "payout.lapse_days": 120.0,
        "timings.first_reply_hours": 48.0,
        "timings.auto_approve_hours": 72.0,
        "timings.revisions_included": 1,
        "timings.cancel_response_hours": 24.0,
        "timings.order_room_days": 120.0,
        "rank_window_months": 3,
        "rules.max_cap": 20,
    },
    "timeticket": {
        "name": "TimeTicket",
        "commission.kind": "banded",
        "commission.tiers": [
            {"up_to": 50000, "rate": 0.25},
            {"up_to": 100000, "rate": 0.20},
            {"up_to": None, "rate": 0.15},
        ],
        "commission.tax_on_fee": 0.10,
        "buyer_fee.rate": 0.0,
        "payout.fee": 300,
        "payout.fee_waived_from": None,
        "payout.minimum": 1000,
        "payout.schedule.kind": "semi_monthly",
        "payout.lapse_days": None,
        "ranks": [],
    },
    "anytimes": {
        "name": "ANYTIMES",
        "commission.rate": 0.15,
        "buyer_fee.rate": 0.0,
        "payout.fee": 165,
        "payout.fee_waived_from": None,
        "payout.schedule.kind": "days_after",
        "payout.schedule.delay_days": 2.0,
        "payout.lapse_days": None,
        "ranks": [],
    },
    "skillcloud": {
        "name": "SkillCloud",
        "commission.rate": 0.20,
        "buyer_fee.rate": 0.0,
        "payout.fee": 160,
        "payout.fee_waived_from": None,
        "payout.minimum": 3000,
        "payout.schedule.first_pay_day": 0,
        "payout.schedule.second_pay_day": 15,
        "ranks": [],
    },
    "requ": {"name": "REQU", "commission.kind": "flat", "commission.rate": 0.15, "ranks": []},
    "fiverr": {
        "name": "Fiverr",
        "commission.rate": 0.20,
        "buyer_fee.rate": 0.055,
        "buyer_fee.fixed": 300,
        "buyer_fee.fixed_below": 10000,
        "payout.schedule.kind": "on_demand",
        "payout.clearing_days": 14.0,
        "timings.auto_approve_hours": 72.0,
        "timings.revisions_included": 2,
        "timings.cancel_response_hours": 48.0,
        "timings.late_cancel_days": 1.0,
        "rank_window_months": 2,
    },
    "upwork": {
        "name": "Upwork",
        "commission.rate": 0.10,
        "buyer_fee.rate": 0.0,
        "buyer_fee.fixed": 495,
        "buyer_fee.fixed_below": None,
        "payout.fee": 99,
        "payout.schedule.kind": "on_demand",
        "payout.clearing_days": 5.0,
        "timings.auto_approve_hours": 336.0,
        "rank_window_months": 12,
    },
}


def _at_path(data: object, dotted: str) -> object:
    for part in dotted.split("."):
        assert isinstance(data, dict), dotted
        data = data[part]
    return data


@pytest.mark.parametrize("name", PRESETS)
def test_preset_builds_on_default_and_keeps_its_platform_figures(name: str) -> None:
    raw = yaml.safe_load((SCENARIOS_DIR / f"{name}.yaml").read_text("utf-8"))
    assert raw["base"] == "default"
    assert set(raw) <= {
        "base",
        "name",
        "description",
        "currency",
        "platform",
        "categories",
        "market",
        "player",
    }
    s = load_scenario(name)
    platform = s.platform.model_dump(mode="json")
    for dotted, value in PLATFORM_FIGURES[name].items():
        assert _at_path(platform, dotted) == value, (name, dotted)
    d = load_scenario("default")
    # the calibrated market and competitors are default's
    assert s.competitors == d.competitors
    assert s.mechanisms == d.mechanisms
    if name == "upwork":  # most Upwork work comes from clients' job posts
        assert s.market.choice.public_request_share == 0.5
        d = load_scenario("default", ["market.choice.public_request_share=0.5"])
    assert s.market == d.market


def test_coconala_is_default_under_its_own_name() -> None:
    c = load_scenario("coconala")
    d = load_scenario("default")
    assert c.name == "coconala"
    assert c.model_copy(update={"name": d.name, "description": d.description}) == d
    assert [r.name for r in c.platform.ranks] == ["Regular", "Bronze", "Silver", "Gold", "Platinum"]


@pytest.mark.parametrize("name", ["timeticket", "anytimes", "skillcloud", "requ"])
def test_yen_presets_share_default_categories_and_player(name: str) -> None:
    s = load_scenario(name)
    d = load_scenario("default")
    assert s.currency == "JPY"
    assert s.categories == d.categories
    assert s.player == d.player


@pytest.mark.parametrize("name", ["fiverr", "upwork"])
def test_dollar_presets_are_default_in_cents(name: str) -> None:
    s = load_scenario(name)
    d = load_scenario("default")
    assert s.currency == "USD"
    assert [c.id for c in s.categories] == [c.id for c in d.categories]
    yen_per_dollar = 150
    for c, dc in zip(s.categories, d.categories, strict=True):
        # the same calibrated demand and work; prices converted at ¥150 = $1
        same = ("buyers_per_day", "hours_per_order", "delivery_days")
        assert [getattr(c, k) for k in same] == [getattr(dc, k) for k in same], c.id
        dollars = dc.median_price / yen_per_dollar
        assert abs(c.median_price / 100 - dollars) <= 2.5, c.id  # nearest $5
        assert c.price_floor >= 500, c.id  # $5, Fiverr's minimum price
        assert c.price_floor <= c.median_price
    design = s.category("design")
    assert design.competitors == d.category("design").competitors
    (listing,) = s.player.listings
    (dlisting,) = d.player.listings
    assert listing.price == design.median_price
    assert [o.price for o in listing.options] == [
        round(o.price / yen_per_dollar) * 100 for o in dlisting.options
    ]
    assert listing.model_dump(exclude={"price", "options"}) == dlisting.model_dump(
        exclude={"price", "options"}
    )
    assert s.player.balance == 0
    assert s.player.hours == d.player.hours
    assert s.player.skills == d.player.skills


def test_fiverr_bans_physical_goods() -> None:
    s = load_scenario("fiverr")
    assert s.category("handmade").status.value == "banned"
    assert s.category("home-cooked-food").status.value == "banned"


@pytest.mark.parametrize("fast", [True, False])
def test_both_yaml_paths_refuse_aliases_and_agree(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fast: bool
) -> None:
    """With libyaml (the fast path) and without it, the same files load and the same are refused."""
    import gigsim.scenarios.yaml_io as sy

    if not fast:
        monkeypatch.setattr(sy, "_FastLoader", None)
    elif sy._FastLoader is None:
        pytest.skip("libyaml is not available")
    assert load_scenario("default") == load_scenario("coconala").model_copy(
        update={"name": "default", "description": load_scenario("default").description}
    )
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text('a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n', encoding="utf-8")
    with pytest.raises(BadInput, match="anchors and aliases"):
        load_scenario(str(bomb))


# --------------------------------------------------------------------------
# Bounds and the platform's refusals
# --------------------------------------------------------------------------


def _numeric_properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(model.field, property) of every number, number list or number mapping in the schema."""
    out = []
    defs = dict(schema["$defs"])
    defs["Scenario"] = schema
    for model, d in defs.items():
        for name, prop in (d.get("properties") or {}).items():
            nodes = [prop, *prop.get("anyOf", [])]
            nodes += [n.get(k) for n in list(nodes) for k in ("items", "additionalProperties")]
            if any(isinstance(n, dict) and n.get("type") in ("number", "integer") for n in nodes):
                out.append((f"{model}.{name}", prop))
    return out


def test_schema_states_every_numbers_bounds_in_its_description() -> None:
    schema = json.loads(schema_json())
    props = _numeric_properties(schema)
    assert len(props) > 100
    missing = [name for name, prop in props if "Bounds: " not in str(prop.get("description"))]
    assert missing == []
    desc = {name: str(prop["description"]) for name, prop in props}
    assert "at most 1,000" in desc["Category.buyers_per_day"]
    assert "hard rule" in desc["Choice.price_coef"]  # the shared reason of a shared bound
    assert "twenty years" in desc["Player.reply_hours"]
    assert "each value at least 0, at most 10" in desc["Market.weekday_factors"]
    assert "finite" in schema["description"]
    assert "boundsReason" not in schema_json()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        (["player.listings.0.category=home-cooked-food"], "category", "banned"),
        (["player.listings.0.category=tax-advice"], "category", "licence 'tax accountant'"),
        (["player.listings.0.price=999"], "price", "floor of 1000"),
        (["categories.0.price_floor=5000", "player.listings.0.price=4900"], "price", "floor"),
    ],
)
def test_a_player_listing_the_platform_refuses_is_bad_input_with_the_engines_reason(
    overrides: list[str], field: str, words: str
) -> None:
    from gigsim.model import rules

    with pytest.raises(BadInput) as err:
        load_scenario("default", overrides)
    assert err.value.field == f"player.listings.0.{field}"
    assert words in err.value.problem
    # the very text the engine gives when it refuses a listing at publication
    base = load_scenario("default")
    spec = base.player.listings[0]
    for item in overrides:
        key, value = item.split("=")
        if key == "player.listings.0.category":
            spec = spec.model_copy(update={"category": value})
        elif key == "player.listings.0.price":
            spec = spec.model_copy(update={"price": int(value)})
    cat = base.category(spec.category)
    if "categories.0.price_floor=5000" in overrides:
        cat = cat.model_copy(update={"price_floor": 5000})
    reason = rules.moderation_problem(
        cat, spec.price, spec.cap, base.platform.rules.max_cap, base.player.licences
    )
    assert reason is not None and err.value.problem.endswith(reason)


def test_a_licence_the_player_holds_lets_the_listing_through() -> None:
    s = load_scenario(
        "default", ["player.listings.0.category=legal-advice", "player.licences=[lawyer]"]
    )
    assert s.player.listings[0].category == "legal-advice"


def test_a_saved_scenario_with_a_refused_listing_does_not_validate() -> None:
    """Every way in (saves, batch workers, the game's form) validates the same model."""
    data = load_scenario("default").model_dump(mode="json")
    data["player"]["listings"][0]["category"] = "home-cooked-food"
    with pytest.raises(ValueError, match="Home-cooked food is banned"):
        Scenario.model_validate(data)


def test_a_refused_listing_in_a_file_names_the_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(
        "base: default\nplayer:\n  listings:\n    - {category: design, title: Cheap, price: 500}\n",
        encoding="utf-8",
    )
    with pytest.raises(BadInput) as err:
        load_scenario(str(f))
    assert err.value.line() == (
        f"error: {f}: player.listings.0.price (line 4): the platform refuses this listing: "
        "price 500 is below the category's floor of 1000"
    )

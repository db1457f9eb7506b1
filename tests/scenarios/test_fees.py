"""Every platform preset charges the published fees: a worked example per preset.

Each expected figure is worked out by hand from the platforms' published
rules (as of about 2020–2025), never read back from the code: commission and
what the seller keeps of a sale, the buyer's fee, the payout fee, minimum,
schedule and lapse, and the order cycle's timings where they are published.
Money is in minor units (yen; cents for the USD presets).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gigsim.cli import main
from gigsim.headless import run_engine
from gigsim.model import rules
from gigsim.model.scenario import Commission, CommissionTier, Scenario
from gigsim.scenarios import load_scenario, shipped_scenarios

KEEPS_OF_5000 = {
    "default": 3900,  # Coconala's 22% incl. tax
    "coconala": 3900,
    "timeticket": 3625,  # 25% + 10% tax on the fee: 5,000 - 1,375
    "anytimes": 4250,  # 15%
    "skillcloud": 4000,  # 20%
    "requ": 4250,  # 15%
    "fiverr": 4000,  # 20% of $50
    "upwork": 4500,  # 10% of $50
    "textbook-queue": 3900,  # default's platform
    **{f"lesson-{n}": 3900 for n in range(1, 10)},  # the lessons play on default's platform
}
"""What the seller keeps of a sale of 5,000 minor units on every shipped scenario."""


def preset(name: str, *overrides: str) -> Scenario:
    return load_scenario(name, list(overrides))


def keeps(sc: Scenario, amount: int) -> int:
    """What the seller keeps of a sale of ``amount``."""
    return amount - rules.commission(amount, sc.platform.commission).total


# --------------------------------------------------------------------------
# Commission: what the seller keeps of a sale
# --------------------------------------------------------------------------


def test_every_shipped_scenario_has_a_worked_example() -> None:
    shipped = {name for name, _ in shipped_scenarios()}
    assert shipped == set(KEEPS_OF_5000)
    for name, kept in KEEPS_OF_5000.items():
        assert keeps(preset(name), 5000) == kept, name


@pytest.mark.parametrize("name", ["coconala", "default"])
def test_coconala_5000_sale_22_percent_incl_tax_leaves_3900(name: str) -> None:
    sc = preset(name)
    cut = rules.commission(5000, sc.platform.commission)
    # 22% of 5,000 = 1,100, of which 10% consumption tax: 1,000 + 100
    assert (cut.fee, cut.tax) == (1000, 100)
    assert keeps(sc, 5000) == 3900


@pytest.mark.parametrize(
    ("price", "fee", "tax"),
    [
        # (50,000 × 25% + 10,000 × 20%) = 14,500, + 10% tax = 15,950
        (60_000, 14_500, 1_450),
        # 50,000 × 25% + 50,000 × 20% + 300,000 × 15% = 67,500, + 10% tax = 74,250
        (400_000, 67_500, 6_750),
        # a ¥5,000 sale lies in the first band: 1,250 + 125
        (5_000, 1_250, 125),
        # the band edges: 12,500; 12,500 + 10,000 = 22,500
        (50_000, 12_500, 1_250),
        (100_000, 22_500, 2_250),
        # one yen above the first edge pays 20% on that yen: 12,500.2 → 12,500
        (50_001, 12_500, 1_250),
    ],
)
def test_timeticket_charges_each_band_at_its_own_rate_plus_10_percent_tax(
    price: int, fee: int, tax: int
) -> None:
    sc = preset("timeticket")
    cut = rules.commission(price, sc.platform.commission)
    assert (cut.fee, cut.tax) == (fee, tax)
    assert keeps(sc, price) == price - fee - tax


def test_timeticket_worked_examples_as_published() -> None:
    sc = preset("timeticket")
    assert rules.commission(60_000, sc.platform.commission).total == 15_950
    assert rules.commission(400_000, sc.platform.commission).total == 74_250


def test_banded_commission_grows_with_the_price_and_never_jumps_down() -> None:
    """Bands charge the marginal rate on the part above a threshold: a higher price never keeps less."""
    sc = preset("timeticket")
    previous = 0
    for price in range(40_000, 120_001, 500):
        kept = keeps(sc, price)
        assert kept > previous, price
        previous = kept


@pytest.mark.parametrize(
    ("name", "rate_pct", "keeps_of_5000"),
    [
        ("anytimes", 15, 4250),  # 15%: 5,000 - 750
        ("requ", 15, 4250),  # 15% flat from April 2019
        ("skillcloud", 20, 4000),  # 20% (sources also say 25%)
    ],
)
def test_flat_rate_presets(name: str, rate_pct: int, keeps_of_5000: int) -> None:
    sc = preset(name)
    assert round(sc.platform.commission.rate * 100) == rate_pct
    assert keeps(sc, 5000) == keeps_of_5000


def test_at_25_percent_a_5000_sale_leaves_3750() -> None:
    # "Most sites take about 25%: a ¥5,000 sale leaves ¥3,750", e.g. SkillCloud at 25%
    sc = preset("skillcloud", "platform.commission.rate=0.25")
    assert keeps(sc, 5000) == 3750


def test_fiverr_20_percent_and_the_buyer_pays_5_5_percent_plus_3_dollars_under_100() -> None:
    sc = preset("fiverr")
    assert sc.currency == "USD"
    assert keeps(sc, 5000) == 4000  # $50 sale: $10 commission, $40 kept
    assert rules.buyer_fee(5000, sc.platform.buyer_fee) == 275 + 300  # $2.75 + $3
    assert rules.buyer_fee(9999, sc.platform.buyer_fee) == 550 + 300  # 549.945 → 550, under $100
    assert rules.buyer_fee(10_000, sc.platform.buyer_fee) == 550  # $100: no fixed part


def test_upwork_10_percent_and_a_4_95_client_fee() -> None:
    sc = preset("upwork")
    assert sc.currency == "USD"
    assert keeps(sc, 5000) == 4500  # $50 contract: $5 fee
    assert rules.buyer_fee(5000, sc.platform.buyer_fee) == 495


@pytest.mark.parametrize(
    ("name", "fee_on_5000"),
    [
        ("coconala", 275),  # 5.5% incl. tax
        ("default", 275),
        ("timeticket", 0),
        ("anytimes", 0),
        ("skillcloud", 0),
    ],
)
def test_buyer_fees_on_a_5000_sale(name: str, fee_on_5000: int) -> None:
    assert rules.buyer_fee(5000, preset(name).platform.buyer_fee) == fee_on_5000


# --------------------------------------------------------------------------
# Payouts
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fee_small", "fee_large", "minimum", "lapse_days"),
    [
        ("coconala", 160, 0, 0, 120.0),  # ¥160 under ¥3,000, else free; claim within 120 days
        ("default", 160, 0, 0, 120.0),
        ("timeticket", 300, 300, 1000, None),  # ¥300, minimum ¥1,000
        ("anytimes", 165, 165, 0, None),  # ¥165
        ("skillcloud", 160, 160, 3000, None),  # ¥160, minimum ¥3,000
        ("upwork", 99, 99, 0, None),  # $0.99 to a local bank
    ],
)
def test_payout_fees_minimum_and_lapse(
    name: str, fee_small: int, fee_large: int, minimum: int, lapse_days: float | None
) -> None:
    p = preset(name).platform.payout
    assert rules.payout_fee(2999, p) == fee_small
    assert rules.payout_fee(3000, p) == fee_large
    assert p.minimum == minimum
    assert p.lapse_days == lapse_days


D = dt.date


@pytest.mark.parametrize(
    ("name", "requested", "paid"),
    [
        # Coconala: 1st–15th → 20th; 16th–end → 5th of the next month
        ("coconala", D(2026, 3, 15), D(2026, 3, 20)),
        ("coconala", D(2026, 3, 16), D(2026, 4, 5)),
        ("coconala", D(2026, 12, 31), D(2027, 1, 5)),
        # SkillCloud: 1st–15th → end of the month; 16th–end → 15th of the next month
        ("skillcloud", D(2026, 2, 10), D(2026, 2, 28)),
        ("skillcloud", D(2026, 2, 16), D(2026, 3, 15)),
        # ANYTIMES: within two business days (taken as two days)
        ("anytimes", D(2026, 3, 2), D(2026, 3, 4)),
        # Fiverr and Upwork: on demand
        ("fiverr", D(2026, 3, 2), D(2026, 3, 2)),
        ("upwork", D(2026, 3, 2), D(2026, 3, 2)),
    ],
)
def test_payout_schedules(name: str, requested: dt.date, paid: dt.date) -> None:
    assert rules.payout_date(requested, preset(name).platform.payout) == paid


def test_timeticket_pays_twice_a_month() -> None:
    p = preset("timeticket").platform.payout
    days = {rules.payout_date(D(2026, 5, day), p) for day in range(1, 32)}
    assert len(days) == 2


def test_clearing_holds() -> None:
    assert preset("fiverr").platform.payout.clearing_days == 14.0  # earnings clear after 14 days
    assert preset("upwork").platform.payout.clearing_days == 5.0  # 5-day security hold
    for name in ("coconala", "timeticket", "anytimes", "skillcloud", "requ"):
        assert preset(name).platform.payout.clearing_days == 0.0, name


# --------------------------------------------------------------------------
# Order cycle timings where they are published
# --------------------------------------------------------------------------


def test_published_timings() -> None:
    t = preset("coconala").platform.timings
    assert (t.first_reply_hours, t.auto_approve_hours, t.revisions_included) == (48.0, 72.0, 1)
    assert (t.cancel_response_hours, t.order_room_days) == (24.0, 120.0)
    assert preset("coconala").platform.rules.max_cap == 20
    f = preset("fiverr").platform.timings
    assert (f.auto_approve_hours, f.cancel_response_hours, f.late_cancel_days) == (72.0, 48.0, 1.0)
    assert 1 <= f.revisions_included <= 3
    assert preset("upwork").platform.timings.auto_approve_hours == 14 * 24.0


# --------------------------------------------------------------------------
# The engine charges the rule: a ¥60,000 TimeTicket order through a whole run
# --------------------------------------------------------------------------


def test_a_timeticket_60000_order_pays_15950_in_the_engine() -> None:
    sc = preset(
        "timeticket",
        "player.listings.0.price=60000",
        "player.listings.0.options=[]",
        "categories.0.median_price=60000",
    )
    at_list_price: list[dict[str, object]] = []
    for seed in range(1, 21):  # a cold start may sell nothing: the first seed that sells
        engine = run_engine(sc, 4, seed)
        done = [e.as_dict() for e in engine.events() if e.kind == "order_completed"]
        at_list_price = [d for d in done if d["amount"] == 60_000 and d["refund"] == 0]
        if at_list_price:
            break
    assert at_list_price, "no ¥60,000 order completed in 20 seeds: the example lost its subject"
    for d in at_list_price:
        assert (d["commission"], d["net"]) == (15_950, 44_050)


# --------------------------------------------------------------------------
# The schema: both kinds, validated
# --------------------------------------------------------------------------


def test_tiered_kind_still_takes_one_rate_on_the_whole_price() -> None:
    c = Commission(
        kind="tiered",
        tiers=(CommissionTier(up_to=50_000, rate=0.25), CommissionTier(rate=0.20)),
    )
    assert rules.commission(60_000, c).total == 12_000  # 20% of the whole 60,000
    banded = c.model_copy(update={"kind": "banded"})
    assert rules.commission(60_000, banded).total == 14_500  # 12,500 + 2,000


@pytest.mark.parametrize(
    ("tiers", "problem"),
    [
        ("[{up_to: 100000, rate: 0.25}, {up_to: 50000, rate: 0.2}, {up_to: null, rate: 0.15}]",
         "strictly increasing"),
        ("[{up_to: 50000, rate: 0.25}, {up_to: 50000, rate: 0.2}, {up_to: null, rate: 0.15}]",
         "strictly increasing"),
        ("[{up_to: 0, rate: 0.25}, {up_to: null, rate: 0.15}]", "above 0"),
        ("[{up_to: 50000, rate: 0.25}]", "last band must have up_to null"),
        ("[{up_to: null, rate: 0.25}, {up_to: null, rate: 0.15}]", "only the last band"),
        ("[]", "at least one band"),
    ],
)  # fmt: skip
def test_badly_ordered_bands_are_one_line_of_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tiers: str, problem: str
) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(f"base: timeticket\nplatform:\n  commission:\n    tiers: {tiers}\n")
    assert main(["scenario", "validate", str(f)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"error: {f}: platform.commission")
    assert problem in err


def test_the_schema_documents_both_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenario", "schema"]) == 0
    text = capsys.readouterr().out
    schema = json.loads(text)
    kinds = json.dumps(schema)
    assert '"banded"' in kinds and '"tiered"' in kinds and '"flat"' in kinds
    assert "each part of the amount" in kinds
    assert "halves to even" in kinds  # the rounding rule is stated

"""The rules view's text: every figure from the scenario's platform and the model's rules.

The fee example is what ordering and settlement compute (``rules.buyer_fee``,
``rules.commission``): a test runs an order through the engine and compares;
another changes the scenario's fee and sees the figures change. Commission
kinds, payouts, ranks and the disclosure trade-off are said from the fields,
never written per platform.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gigsim.engine.api import Engine
from gigsim.model import market_rules
from gigsim.scenarios import load_scenario
from gigsim.text.platform_rules import (
    commission_terms,
    disclosure_lines,
    fee_example,
    percent,
    rules_sections,
)
from gigsim.text.units import money

ALONE = ("mechanisms.competitors=false", "mechanisms.public_requests=false",
         "mechanisms.inquiries=false", "mechanisms.risks=false")  # fmt: skip
WITHDRAWAL = (0, dt.date(2026, 1, 20))


def section(sections: list[tuple[str, tuple[str, ...]]], start: str) -> str:
    return "\n".join(
        "\n".join((heading, *lines)) for heading, lines in sections if heading.startswith(start)
    )


def test_the_fee_example_is_what_an_order_leaves_in_the_engine() -> None:
    sc = load_scenario("default", [*ALONE, "player.listings.0.options=[]",
                                   "player.hours.always=true", "player.reply_hours=1"])  # fmt: skip
    e = Engine(sc, 2, policy="default")
    e.advance_to(40.0)
    done = next(ev for ev in e.events() if ev.kind == "order_completed")
    placed = next(ev for ev in e.events() if ev.kind == "order_placed")
    ex = fee_example(5000, sc.platform)
    assert (placed.data["amount"], placed.data["buyer_fee"]) == (5000, ex.buyer_fee)
    assert done.data["net"] == ex.to_you and done.data["commission"] == ex.commission + ex.tax
    assert ex.buyer_pays == 5000 + ex.buyer_fee == 5275
    assert ex.platform_keeps == 1100 + 275 and ex.to_you == 3900


def test_changing_the_scenarios_fee_changes_the_figures_shown() -> None:
    def fees(*sets: str) -> str:
        sc = load_scenario("default", list(sets))
        return section(rules_sections(sc, [("your listing #1", 5000)], WITHDRAWAL, "", 0.5), "Fees")

    before = fees()
    after = fees("platform.commission.rate=0.3", "platform.buyer_fee.rate=0.1")
    assert "¥1,100" in before and "22% of the price, tax included" in before
    assert "¥5,275" in before and "¥3,900 reaches your balance" in before
    assert "¥1,500" in after and "30% of the price" in after
    assert "¥5,500" in after and "¥3,500 reaches your balance" in after


def test_a_banded_commission_with_tax_on_top_is_described_band_by_band() -> None:
    sc = load_scenario("timeticket")
    ex = fee_example(60000, sc.platform)
    assert ex.commission + ex.tax == 15950  # TimeTicket's own example: ¥14,500 + ¥1,450
    terms = commission_terms(sc.platform.commission, lambda x: money(x, "JPY"))
    assert terms.startswith("each part of the price at its own rate: 25% up to ¥50,000")
    assert "15% above ¥100,000" in terms and "plus 10% consumption tax on the fee" in terms


def test_payouts_ranks_and_conduct_come_from_the_platform() -> None:
    sc = load_scenario("default", ["platform.payout.minimum=5000",
                                   "platform.rules.warnings_before_suspension=3"])  # fmt: skip
    sections = rules_sections(sc, [("your listing #1", 3000)], (160, dt.date(2026, 2, 5)),
                              "none · Regular needs 1 more sale", 0.5)  # fmt: skip
    payouts = section(sections, "Payouts")
    assert "Minimum: ¥5,000." in payouts and "none from ¥3,000" in payouts
    assert "Requested by day 15: paid on day 20; later: on day 5 of the next month." in payouts
    assert "within 120 days lapses" in payouts
    fees = section(sections, "Fees")
    assert "The least you can withdraw is ¥5,000" in fees  # ¥2,340 reaches you: not enough
    ranks = section(sections, "Ranks")
    assert "Regular: 1 sale ever (kept once reached)" in ranks
    assert "Gold: ¥50,000 sold in the last 3 months, 90% completed, rating 4.8" in ranks
    assert "You: none · Regular needs 1 more sale" in ranks
    assert "3 warnings suspend the account for 30 days" in section(sections, "Rules of conduct")
    fiverr = load_scenario("fiverr")
    pay = section(rules_sections(fiverr, [("a listing", 5000)], WITHDRAWAL, "", 0.5), "Payouts")
    assert f"{fiverr.platform.payout.clearing_days:g} days after an order completes" in pay


def test_the_withdrawal_line_says_the_fee_and_the_day_it_was_given() -> None:
    sc = load_scenario("default")
    with_fee = rules_sections(sc, [("your listing #1", 3000)], (160, dt.date(2026, 2, 5)), "", 0.5)
    assert "it costs ¥160 and ¥2,180 reaches your bank on Thu Feb 05, 2026" in section(
        with_fee, "Fees"
    )
    free = rules_sections(sc, [("your listing #1", 5000)], WITHDRAWAL, "", 0.5)
    assert "reaches your bank on Tue Jan 20, 2026, with no fee" in section(free, "Fees")


@pytest.mark.parametrize("level", [0.0, 0.5, 1.0])
def test_the_disclosure_trade_off_is_the_models(level: float) -> None:
    sc = load_scenario("default")
    trust, harm = disclosure_lines(level, sc)
    odds = market_rules.disclosure_odds(level, sc.market.choice)
    assert f"{odds:.2f}×" in trust and percent(sc.market.choice.disclosure_reference) in trust
    rate = market_rules.harassment_per_month(sc.market.risks, level)
    assert f"{rate:.2f} incidents a month" in harm
    off = load_scenario("default", ["mechanisms.trust_effect=false", "mechanisms.risks=false"])
    assert [line.split(":")[0] for line in disclosure_lines(level, off)] == ["Trust", "Harassment"]
    assert "off" in disclosure_lines(level, off)[0] and "off" in disclosure_lines(level, off)[1]


def test_percentages_read_as_people_write_them() -> None:
    assert [percent(x) for x in (0.22, 0.055, 0.1, 1.0, 0.0)] == [
        "22%",
        "5.5%",
        "10%",
        "100%",
        "0%",
    ]


def test_a_storm_is_said_from_the_models_rule_and_the_disclosure_can_be_changed() -> None:
    sc = load_scenario("default")
    sections = rules_sections(sc, [("your listing #1", 5000)], WITHDRAWAL, "", 0.5)
    storms = section(sections, "Social-media storms")
    r = sc.market.risks
    assert f"A 1★ review from a monster buyer starts a storm {percent(r.storm_prob)}" in storms
    assert f"For {r.storm_days:g} days, demand for your listings is down by " in storms
    assert f"buyers choose you {percent(r.storm_demand_factor)} as often" in storms
    assert "h (Your hours and profile)" in section(sections, "Personal information")
    longer = load_scenario("default", ["market.risks.storm_prob=0.6",
                                       "market.risks.storm_days=30",
                                       "market.risks.storm_demand_factor=0.25"])  # fmt: skip
    changed = section(rules_sections(longer, [("a", 5000)], WITHDRAWAL, "", 0.5), "Social")
    assert "starts a storm 60% of the time" in changed
    assert "For 30 days, demand for your listings is down by 75%" in changed
    off = load_scenario("default", ["mechanisms.risks=false"])
    quiet = section(rules_sections(off, [("a", 5000)], WITHDRAWAL, "", 0.5), "Social")
    assert "None in this scenario" in quiet and "1★" not in quiet

"""Engine effects of the money rules: escrow, commission, buyer fee, refunds, payouts, clearing, lapse.

Each test places or settles one order by hand on a quiet market (no buyers
arrive) and follows every yen through the double-entry ledger.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gigsim.engine import accounts as acc
from gigsim.engine.api import Engine
from gigsim.engine.entities import Order
from gigsim.model import rules
from tests.engine.mechanism_kit import ALONE, engine, player_listing

# White-box: Engine._world is the engine's live inside, not its API; these tests read live orders, accounts and sellers, set up and inspected to isolate one mechanism.

QUIET = (*ALONE, "categories.0.buyers_per_day=0")


def _order(e: Engine) -> Order:
    lst = player_listing(e)
    lst.options = ()  # exactly the listed price
    o = e._world.place_order(lst, "ordinary", via="search")
    assert o is not None
    return o


def _balances(e: Engine) -> dict[str, int]:
    return dict(e._world.ledger.accounts())


def test_the_buyer_pays_price_and_fee_into_escrow() -> None:
    e = engine(*QUIET)
    o = _order(e)
    fee = rules.buyer_fee(5000, e.scenario.platform.buyer_fee)
    assert o.buyer_fee == fee == 275  # Coconala-like: 5.5% on top
    b = _balances(e)
    assert b[acc.ESCROW] == 5275 and b[acc.BUYERS] == -5275
    assert e.invariant_violations() == []


def test_paid_options_add_their_price_and_hours_to_the_order() -> None:
    e = engine(*QUIET, *(f"player.listings.0.options.{i}.take_rate=1.0" for i in (0, 1)),
               "mechanisms.work_time=fixed")  # fmt: skip
    o = e._world.place_order(player_listing(e), "ordinary", via="search")
    assert o is not None
    assert o.amount == 5000 + 1500 + 3000  # express delivery and a commercial licence
    assert o.hours == 4.0 + 0.5
    assert o.buyer_fee == rules.buyer_fee(9500, e.scenario.platform.buyer_fee)
    none = engine(*QUIET, *(f"player.listings.0.options.{i}.take_rate=0.0" for i in (0, 1)))
    o = none._world.place_order(player_listing(none), "ordinary", via="search")
    assert o is not None and o.amount == 5000 and o.options == ()


def test_a_completed_order_pays_the_seller_the_price_less_commission() -> None:
    e = engine(*QUIET)
    o = _order(e)
    e._world.money.settle(o, refund=0, outcome="completed")
    cut = rules.commission(5000, e.scenario.platform.commission)
    b = _balances(e)
    assert b[acc.ESCROW] == 0
    assert b[acc.P_BALANCE] == 5000 - cut.total == 3900  # 22% including tax
    assert b[acc.COMMISSION] + b[acc.TAX] == cut.total
    assert b[acc.BUYER_FEES] == 275


def test_a_partial_refund_takes_commission_on_what_is_kept_and_returns_its_share_of_the_fee() -> (
    None
):
    e = engine(*QUIET)
    o = _order(e)
    e._world.money.settle(o, refund=2000, outcome="partial")
    cut = rules.commission(3000, e.scenario.platform.commission)
    b = _balances(e)
    fee_back = round(275 * 2000 / 5000)
    assert b[acc.BUYERS] == -5275 + 2000 + fee_back
    assert b[acc.P_BALANCE] == 3000 - cut.total
    assert b[acc.COMMISSION] + b[acc.TAX] == cut.total
    assert b[acc.BUYER_FEES] == 275 - fee_back
    assert e._world.player.completed == 1 and e._world.player.cancelled == 0


def test_a_full_refund_gives_the_buyer_everything_back_and_counts_as_cancelled() -> None:
    e = engine(*QUIET)
    o = _order(e)
    e._world.money.cancel(o, reason="test")
    b = _balances(e)
    assert b.get(acc.BUYERS, 0) == 0 and b.get(acc.P_BALANCE, 0) == 0
    assert b.get(acc.COMMISSION, 0) == 0 and b.get(acc.BUYER_FEES, 0) == 0
    assert e._world.player.cancelled == 1 and e._world.player.completion_rate == 0.0


def test_earnings_clear_before_they_can_be_withdrawn() -> None:
    e = engine(*QUIET, "platform.payout.clearing_days=14", policy=None)
    e._world.money.settle(_order(e), refund=0, outcome="completed")
    assert e._world.ledger.balance(acc.P_PENDING) == 3900
    assert e._world.ledger.balance(acc.P_BALANCE) == 0
    assert not e._world.money.withdraw(e._world.player.books, 3900).ok
    e.advance_to(13.9)
    assert e._world.ledger.balance(acc.P_BALANCE) == 0
    e.advance_to(14.1)
    assert e._world.ledger.balance(acc.P_BALANCE) == 3900
    assert e._world.ledger.balance(acc.P_PENDING) == 0


def test_a_withdrawal_reaches_the_bank_on_the_payout_date_less_its_fee() -> None:
    e = engine(*QUIET, "player.balance=10000", policy=None)
    # requested on Jan 1: paid on Jan 20, ¥160 fee
    assert e._world.money.withdraw(e._world.player.books, 2000).ok
    assert rules.payout_date(dt.date(2026, 1, 1), e.scenario.platform.payout) == dt.date(
        2026, 1, 20
    )
    e.advance_to(18.9)
    assert e._world.ledger.balance(acc.P_BANK) == 0
    assert e._world.ledger.balance(acc.P_PAYOUT) == 2000
    e.advance_to(19.1)
    assert e._world.ledger.balance(acc.P_BANK) == 2000 - 160
    assert e._world.ledger.balance(acc.PAYOUT_FEES) == 160
    assert e._world.ledger.balance(acc.P_BALANCE) == 8000
    assert e.invariant_violations() == []


def test_a_withdrawal_of_the_fee_free_amount_pays_no_fee() -> None:
    e = engine(*QUIET, "player.balance=10000", policy=None)
    assert e._world.money.withdraw(e._world.player.books, 3000).ok
    assert e._world.money.withdraw(e._world.player.books, 2999).ok
    e.advance_to(19.1)
    assert e._world.ledger.balance(acc.PAYOUT_FEES) == 160  # the ¥2,999 one only
    assert e._world.ledger.balance(acc.P_BANK) == 3000 + 2999 - 160


def test_a_withdrawal_under_the_minimum_or_the_fee_is_refused() -> None:
    e = engine(*QUIET, "player.balance=10000", "platform.payout.minimum=5000", policy=None)
    refused = e._world.money.withdraw(e._world.player.books, 3000)
    assert not refused.ok and "minimum" in refused.message
    assert e._world.money.withdraw(e._world.player.books, 5000).ok
    small = engine(*QUIET, "player.balance=10000", policy=None)
    refused = small._world.money.withdraw(small._world.player.books, 150)
    assert not refused.ok and "fee" in refused.message
    assert small._world.ledger.balance(acc.P_BALANCE) == 10000


@pytest.mark.parametrize("lapse", [30, None])
def test_an_unclaimed_balance_lapses_to_the_platform(lapse: int | None) -> None:
    days = "null" if lapse is None else str(lapse)
    e = engine(*QUIET, "player.balance=10000", f"platform.payout.lapse_days={days}", policy=None)
    e.advance_to(29.9)
    assert e._world.ledger.balance(acc.LAPSED) == 0
    e.advance_to(31.0)
    lapsed = 10000 if lapse is not None else 0
    assert e._world.ledger.balance(acc.LAPSED) == lapsed
    assert e._world.ledger.balance(acc.P_BALANCE) == 10000 - lapsed
    assert sum(m.lapsed for m in [*e._world.months, e._world.cur]) == lapsed

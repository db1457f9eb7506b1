"""Rules whose exact edges a beginner's figures depend on: fee rounding and the star bands.

A fee is rounded once to the nearest yen with halves to even (Python's
``round``), and tax on the fee is worked out on that rounded fee and rounded
the same way. The star bands are the lenient scale's cut-offs: moving one
moves the whole J-shape of the reviews.
"""

from __future__ import annotations

import pytest

from gigsim.model import rules
from gigsim.scenarios import load_scenario

TIMETICKET = load_scenario("timeticket").platform.commission
"""25% up to ¥50,000 (banded) plus 10% consumption tax on the fee."""


@pytest.mark.parametrize(
    ("amount", "fee", "tax"),
    [
        (5000, 1250, 125),  # exact: 1,250 and 125
        (5060, 1265, 126),  # tax 126.5: half to even -> 126 (half up would give 127)
        (5020, 1255, 126),  # tax 125.5: half to even -> 126 (down would give 125)
        (5062, 1266, 127),  # fee 1,265.5 -> 1,266 (even); tax on the rounded fee 126.6 -> 127
        (5058, 1264, 126),  # fee 1,264.5 -> 1,264 (even); tax 126.4 -> 126
    ],
)
def test_timeticket_fee_and_tax_round_half_to_even_tax_on_the_rounded_fee(
    amount: int, fee: int, tax: int
) -> None:
    split = rules.commission(amount, TIMETICKET)
    assert (split.fee, split.tax) == (fee, tax)
    assert split.total == fee + tax


@pytest.mark.parametrize(
    ("x", "stars"),
    [
        (4.2, 5),
        (4.2 - 1e-9, 4),
        (3.6, 4),
        (3.6 - 1e-9, 3),
        (3.4, 3),
        (3.4 - 1e-9, 2),
        (3.25, 2),
        (3.25 - 1e-9, 1),
        (-10.0, 1),
        (10.0, 5),
    ],
)
def test_star_bands_cut_at_4_2_3_6_3_4_and_3_25(x: float, stars: int) -> None:
    assert rules.stars_from_experience(x) == stars

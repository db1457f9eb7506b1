"""The base of every scenario section, the value types they share and their bounds.

Split from ``gigsim.model.scenario``, which puts the sections together and
re-exports every name. Must not import SimPy, the engine or Textual.

Every number of a scenario is finite (``.inf`` and ``.nan`` are refused
everywhere) and bounded: the bounds are far beyond any real platform or
market, and near enough that the model stays computable (no overflow, no
timer so far off that a date cannot hold it, no run that cannot end). Each
field's description says its bound and why; ``gigsim.model.limits`` adds the
checks of a whole run (buyers and sellers over its months).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MAX_MONEY = 10**10
"""Largest amount of money in a scenario, in minor units (¥10 billion, $100 million).

Far above any price, fee or balance, and small enough that a run's sums stay
exact for every JSON reader (below 2**53).
"""
MAX_DAYS = 7305.0
"""Longest duration in days: twenty years, the longest ``gigsim run`` (240 months).

A delay longer than this never ends within such a run; where "never" is
meant, a field says so (null).
"""
MAX_HOURS = 24.0 * MAX_DAYS
"""Longest duration in hours: the same twenty years."""
MIN_HOURS = 0.01
"""Shortest positive duration in hours (36 seconds): below it a draw around it can round to zero."""
MIN_DAYS = MIN_HOURS / 24.0
"""Shortest positive duration in days (the same 36 seconds)."""
LISTING_CAP_MAX = 20
"""The most orders a listing may hold in progress: the listing spec's bound
(``ListingSpec.cap``); a platform's ``max_cap`` and the computer sellers'
``cap_max`` may only lower it."""
LISTING_OPTIONS_MAX = 20
"""The most paid options a listing may offer (``ListingSpec.options``)."""
LISTING_DELIVERY_DAYS_MAX = 120.0
"""The longest delivery time a listing may promise, in days (``ListingSpec.delivery_days``)."""
MAX_COEF = 20.0
"""Largest size of a choice coefficient (utility per unit).

At 20 a 5% difference in a listing's price or rating already multiplies its
odds of being chosen by 2.7: beyond it a coefficient is a hard rule, not a
preference.
"""
MAX_WEIGHT = 100.0
"""Largest size of a search-score weight: at 100 one term decides the order on its own."""
MAX_COUNT = 10**9
"""Largest count (sales, reviews, warnings): a billion, beyond any seller's record."""

BOUNDS_REASON = "boundsReason"
"""JSON Schema key under which a shared type gives the reason of its bounds (``gigsim
scenario schema`` moves it into the field's description)."""
_MONEY_WHY = "far above any price or balance; a run's sums stay exact in any JSON reader"
_LONGEST = "twenty years, the longest gigsim run"
_SHORTEST = "36 seconds: a draw around a shorter one can round to nothing"


def _why(reason: str) -> dict[str, str]:
    return {BOUNDS_REASON: reason}


Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Money = Annotated[int, Field(ge=0, le=MAX_MONEY, json_schema_extra=_why(_MONEY_WHY))]
PositiveHours = Annotated[
    float, Field(ge=MIN_HOURS, le=MAX_HOURS, json_schema_extra=_why(f"{_SHORTEST}; {_LONGEST}"))
]
NonNegHours = Annotated[float, Field(ge=0.0, le=MAX_HOURS, json_schema_extra=_why(_LONGEST))]
PositiveDays = Annotated[
    float, Field(ge=MIN_DAYS, le=MAX_DAYS, json_schema_extra=_why(f"{_SHORTEST}; {_LONGEST}"))
]
NonNegDays = Annotated[float, Field(ge=0.0, le=MAX_DAYS, json_schema_extra=_why(_LONGEST))]
Coefficient = Annotated[
    float,
    Field(
        ge=-MAX_COEF,
        le=MAX_COEF,
        json_schema_extra=_why(
            "at 20 a 5% difference already multiplies the odds of being chosen by 2.7; "
            "beyond it a coefficient is a hard rule, not a preference"
        ),
    ),
]
Weight = Annotated[
    float,
    Field(
        ge=-MAX_WEIGHT,
        le=MAX_WEIGHT,
        json_schema_extra=_why("at 100 one term decides the order on its own"),
    ),
]
Count = Annotated[
    int, Field(ge=0, le=MAX_COUNT, json_schema_extra=_why("a billion, beyond any seller's record"))
]


class Frozen(BaseModel):
    """Base for every scenario section: immutable, no unknown keys, finite numbers only."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        validate_default=True,
        allow_inf_nan=False,
    )

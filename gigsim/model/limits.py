"""How big a run may be: the buyers and computer sellers it brings over its months.

Each field of a scenario has its own bounds (see ``scenario_base``), but some
combine: many categories, each with many buyers a day, a steep growth and
240 months make a run that would compute for hours or fill the memory. These
checks estimate the whole run from the scenario alone, before anything is
built, and say which field to lower. A scenario is checked over its own
``months``; a run of another length (``gigsim run --months``) is checked again
at its start.

Must not import SimPy, the engine or Textual.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gigsim.errors import BadInput
from gigsim.i18n import _
from gigsim.model.rules import category_refusal

if TYPE_CHECKING:
    from gigsim.model.scenario import Scenario

MAX_RUN_BUYERS = 10_000_000
"""Most buyers a run may expect: about five minutes of computing on a laptop."""
MAX_RUN_VIEWS = 1_000_000_000
"""Most listings buyers may look at over a run (each look is a fraction of a microsecond;
a billion is a few minutes): what many sellers, a deep search or no ranking cost."""
MAX_RUN_SELLERS = 100_000
"""Most computer sellers a run may set up (at the start and entering later): about ten
seconds of setting up and a few hundred megabytes of memory."""


def _month_start(start: dt.date, k: int) -> dt.date:
    """First day of the k-th month after the one of ``start`` (k = 0 is ``start`` itself)."""
    if k == 0:
        return start
    y, m = divmod(start.month - 1 + k, 12)
    return dt.date(start.year + y, m + 1, 1)


def demand_days(sc: Scenario, months: int) -> float:
    """Days of a run of ``months`` weighted by the weekday, month and growth factors.

    Buyers a category expects over the run are its ``buyers_per_day`` times
    this; without seasonality it is the run's length in days. Growth is taken
    at the middle of each month, which is close enough for a limit.
    """
    start = sc.start_date
    m = sc.market
    week_sum = sum(m.weekday_factors)
    total = 0.0
    begin = 0
    for k in range(months):
        end = (_month_start(start, k + 1) - start).days
        length = end - begin
        if not sc.mechanisms.seasonality:
            total += length
        else:
            first = (start.weekday() + begin) % 7
            weeks, rest = divmod(length, 7)
            days = weeks * week_sum + sum(m.weekday_factors[(first + j) % 7] for j in range(rest))
            month = m.month_factors[(start.month - 1 + k) % 12]
            growth = (1.0 + m.growth_per_year) ** ((begin + end) / 2.0 / 365.0)
            total += days * month * growth
        begin = end
    return total


def expected_buyers(sc: Scenario, months: int) -> float:
    """Buyers a run of ``months`` is expected to bring, over every category."""
    return sum(c.buyers_per_day for c in sc.categories) * demand_days(sc, months)


def expected_sellers(sc: Scenario, months: int) -> tuple[int, float]:
    """(computer sellers at the start, expected to enter over ``months``).

    Computer sellers hold no licences, so they list only where the platform
    lets an unlicensed seller list.
    """
    if not sc.mechanisms.competitors:
        return 0, 0.0
    open_ = [c for c in sc.categories if category_refusal(c, ()) is None]
    return sum(c.competitors for c in open_), sc.competitors.entries_per_month * months * len(open_)


def expected_views(sc: Scenario, months: int) -> list[float]:
    """Listings buyers are expected to look at over ``months``, per category.

    A buyer looks down the ranking with falling attention (on average
    1 / (1 - attention_decay) positions, at most max_depth) or, without
    search ranking, at every listing; the category's listings are taken at
    their average over the run (the starting ones plus half the entries).
    """
    days = demand_days(sc, months)
    search = sc.market.search
    decay = search.attention_decay
    depth = float(search.max_depth)
    if 0.0 < decay < 1.0:
        depth = min(depth, 1.0 / (1.0 - decay))
    entering = sc.competitors.entries_per_month * months / 2.0
    out = []
    for c in sc.categories:
        listings = float(sum(1 for spec in sc.player.listings if spec.category == c.id))
        if sc.mechanisms.competitors and category_refusal(c, ()) is None:
            listings += c.competitors + entering
        seen = min(listings, depth) if sc.mechanisms.search_ranking else listings
        out.append(c.buyers_per_day * days * seen)
    return out


def run_size_problem(sc: Scenario, months: int) -> tuple[str, str] | None:
    """(field, problem) when a run of ``months`` is too big to compute, else None.

    The field is the one that contributes most: the ``buyers_per_day`` of the
    busiest category, the biggest ``competitors`` or ``entries_per_month``.
    """
    buyers = expected_buyers(sc, months)
    if buyers > MAX_RUN_BUYERS:
        i = max(range(len(sc.categories)), key=lambda j: sc.categories[j].buyers_per_day)
        return (
            f"categories.{i}.buyers_per_day",
            _(
                "the categories would bring about {buyers:,.0f} buyers over {months} months, "
                "more than the {most:,} a run can take; lower buyers_per_day, the months or "
                "market.growth_per_year"
            ).format(buyers=buyers, months=months, most=MAX_RUN_BUYERS),
        )
    views = expected_views(sc, months)
    if sum(views) > MAX_RUN_VIEWS:
        i = max(range(len(views)), key=views.__getitem__)
        return (
            f"categories.{i}.buyers_per_day",
            _(
                "buyers would look at about {views:,.0f} listings over {months} months, more "
                "than the {most:,} a run can take; lower buyers_per_day or competitors, "
                "market.search.max_depth or attention_decay, or the months"
            ).format(views=sum(views), months=months, most=MAX_RUN_VIEWS),
        )
    start, entering = expected_sellers(sc, months)
    if start + entering > MAX_RUN_SELLERS:
        if entering > start:
            field = "competitors.entries_per_month"
        else:
            cats = sc.categories
            i = max(
                (j for j, c in enumerate(cats) if category_refusal(c, ()) is None),
                key=lambda j: cats[j].competitors,
            )
            field = f"categories.{i}.competitors"
        return (
            field,
            _(
                "the market would set up about {sellers:,.0f} computer sellers over {months} "
                "months ({start:,} at the start), more than the {most:,} a run can hold; lower "
                "the categories' competitors, competitors.entries_per_month or the months"
            ).format(sellers=start + entering, months=months, start=start, most=MAX_RUN_SELLERS),
        )
    return None


def check_run(sc: Scenario, months: int, source: str) -> None:
    """Refuse a run of ``months`` that is too big (``BadInput`` naming ``source`` and the field).

    The scenario itself was checked over its own ``months`` when it was
    loaded; this is for a run of another length (``--months``).
    """
    problem = run_size_problem(sc, months)
    if problem is not None:
        raise BadInput(source, problem[0], problem[1])

"""The luck check in words: where the player's result falls among other seeds, and a histogram.

The figures come from ``gigsim.experiments.luck`` as plain data (``LuckSummary``);
this module only lays them out, in the current language, every line within
80 terminal cells (a Japanese character takes two): ``gigsim luck`` prints
these lines and the game's "Luck check" dialog shows them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from gigsim.i18n import _, lazy, ngettext
from gigsim.text.sentences import DECISION_TITLE
from gigsim.text.units import money, month_label
from gigsim.text.wrap import WIDTH, wrap

BAR_CELLS = 28
BINS = 8
LUCKY, UNLUCKY = 90.0, 10.0
"""Percentiles from which a result is called lucky (at or above) or unlucky (at or below)."""


@dataclass(frozen=True)
class Result:
    """A run's figures over the months compared."""

    net_income: int
    hourly_wage: float | None
    """Net income per hour worked; None without hours."""
    rating: float | None
    """The rating at the last month's close; None before the first review."""


@dataclass(frozen=True)
class Side:
    """One way of playing on the same seeds: the player's strategy or a shipped policy."""

    policy: str
    """The policy's name; "" for the player's strategy."""
    own_seed: Result
    """On the save's own seed."""
    median: float
    p10: float
    p90: float
    """Net income on the other seeds: median, 10th and 90th percentiles."""
    hourly_wage: float | None
    rating: float | None
    """Medians over the other seeds (of those with hours, with a rating)."""
    ahead: float | None = None
    """For a policy: the share of the other seeds where it earned more than the strategy."""


@dataclass(frozen=True)
class Way:
    """How the strategy answers one kind of decision (the player's most frequent way)."""

    kind: str
    option: str | None
    """What the option does, in English as the engine words it (translated when shown);
    None: no answer, the default applies at the deadline."""
    chosen: int
    of: int
    delay_hours: float
    """0: when time stops for the decision."""


@dataclass(frozen=True)
class LuckSummary:
    player: str
    scenario: str
    seed: int
    months: int
    first: str
    last: str
    """Labels (YYYY-MM) of the first and last month compared."""
    currency: str
    yours: Result
    """The player's own game."""
    sides: tuple[Side, ...]
    """The strategy first, then the policies beside it."""
    incomes: tuple[int, ...]
    """The strategy's net income on each other seed (the histogram's data)."""
    below: int
    equal: int
    percentile: float
    """Where ``yours`` falls among ``incomes``: how many are below, equal, and the percentile."""
    moves: tuple[int, int, int, int]
    """The strategy's listing actions, changes of hours and withdrawals."""
    ways: tuple[Way, ...]
    differing: int
    """Decisions the player answered otherwise than the strategy does."""


NOTHING_YET = lazy(
    "Nothing to compare yet: the luck check replays the months you have played, and no month "
    "has closed yet. Play to the end of a month (m), then look again."
)


def _m(value: float | None, currency: str) -> str:
    return "–" if value is None else money(round(value), currency)


def _result_line(r: Result, currency: str) -> str:
    parts = [_("net income {amount}").format(amount=money(r.net_income, currency))]
    if r.hourly_wage is not None:
        parts.append(_("{amount} an hour").format(amount=_m(r.hourly_wage, currency)))
    parts.append(
        _("rating {stars:.2f}").format(stars=r.rating) if r.rating is not None else _("no rating")
    )
    return " · ".join(parts)


def _pad(text: str, cells: int, right: bool = False) -> str:
    space = " " * max(0, cells - cell_len(text))
    return space + text if right else text + space


def _step(span: float) -> float:
    """A round width for about ``BINS`` bins over ``span`` (1, 2 or 5 times a power of ten)."""
    raw = max(span / BINS, 1.0)
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def bins(values: Sequence[float], also: float) -> list[tuple[float, float, int]]:
    """Equal round bins ``[low, high)`` covering ``values`` and ``also``, with their counts."""
    low, high = min(*values, also), max(*values, also)
    step = _step(high - low)
    start = math.floor(low / step) * step
    n = max(1, math.floor((high - start) / step) + 1)
    counts = [0] * n
    for v in values:
        counts[min(n - 1, int((v - start) // step))] += 1
    return [(start + i * step, start + (i + 1) * step, c) for i, c in enumerate(counts)]


def histogram(s: LuckSummary, width: int = WIDTH) -> list[str]:
    """The strategy's net income on the other seeds, a bar per bin; the player's bin marked."""
    rows = bins(s.incomes, s.yours.net_income)
    labels = [
        _("{low} to {high}").format(low=money(lo, s.currency), high=money(hi, s.currency))
        for lo, hi, _n in rows
    ]
    mark = "  " + _("◀ your game")
    label_cells = max(cell_len(label) for label in labels)
    cells = max(5, min(BAR_CELLS, width - label_cells - cell_len(mark) - 9))
    most = max(n for _lo, _hi, n in rows) or 1
    out = []
    for label, (lo, hi, n) in zip(labels, rows, strict=True):
        bar = "█" * round(cells * n / most) if n else ""
        here = mark if lo <= s.yours.net_income < hi else ""
        out.append(f"  {_pad(label, label_cells)}  {_pad(bar, cells)} {n:>4}{here}".rstrip())
    return out


def _ways(s: LuckSummary, width: int) -> list[str]:
    out = []
    for w in s.ways:
        title = str(DECISION_TITLE.get(w.kind, w.kind))
        if w.option is None:
            how = _("no answer (the default applies at the deadline)")
        elif w.delay_hours <= 0:
            how = _(w.option)
        else:
            how = _("{answer}, after about {hours:.0f} h").format(
                answer=_(w.option), hours=w.delay_hours
            )
        out.extend(
            wrap(
                _("{decision}: {how} ({chosen} of {of})").format(
                    decision=title, how=how, chosen=w.chosen, of=w.of
                ),
                width=width - 4,
            )
        )
    return ["    " + line for line in out]


def _verdict(s: LuckSummary) -> str:
    if s.percentile >= LUCKY:
        return _(
            "Luck was on your side: the same moves earned less on most other seeds. Do not count "
            "on it next time."
        )
    if s.percentile <= UNLUCKY:
        return _(
            "Bad luck: the same moves earned more on most other seeds. Judge the strategy by "
            "its median, not by this one game."
        )
    return _(
        "A typical result for your strategy: your moves, more than luck, made it. To do better, "
        "change the strategy (price, cap, hours, answers)."
    )


def _side_name(side: Side) -> str:
    return _("your strategy") if not side.policy else _("{name} policy").format(name=side.policy)


def table(s: LuckSummary) -> list[str]:
    """The strategy and the policies on the other seeds, a row each, columns aligned by cells."""
    cur = s.currency
    head = ["", _("median"), "P10", "P90", _("hourly"), _("rating"), _("ahead")]
    rows = [head]
    for side in s.sides:
        rows.append(
            [
                _side_name(side),
                _m(side.median, cur),
                _m(side.p10, cur),
                _m(side.p90, cur),
                _m(side.hourly_wage, cur),
                "–" if side.rating is None else f"{side.rating:.2f}",
                "–" if side.ahead is None else f"{side.ahead:.0%}",
            ]
        )
    widths = [max(cell_len(r[i]) for r in rows) for i in range(len(head))]
    return [
        "  ".join(
            _pad(cell, w, right=i > 0) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _policies_on_your_seed(s: LuckSummary) -> str:
    items = [
        _("{name} {amount}").format(
            name=_side_name(side), amount=money(side.own_seed.net_income, s.currency)
        )
        for side in s.sides[1:]
    ]
    return _("On your own seed, net income of {items}.").format(items=_(", ").join(items))


def _placing(s: LuckSummary) -> str:
    n = len(s.incomes)
    if not s.equal:
        return ngettext(
            "Your game is at percentile {p:.0f}: the same strategy earned less on {below} of "
            "the {n} other seed.",
            "Your game is at percentile {p:.0f}: the same strategy earned less on {below} of "
            "the {n} other seeds.",
            n,
        ).format(p=s.percentile, below=s.below, n=n)
    return ngettext(
        "Your game is at percentile {p:.0f}: the same strategy earned less on {below} of the "
        "{n} other seed, and as much on {equal} (ties count half).",
        "Your game is at percentile {p:.0f}: the same strategy earned less on {below} of the "
        "{n} other seeds, and as much on {equal} (ties count half).",
        n,
    ).format(p=s.percentile, below=s.below, n=n, equal=s.equal)


def _own_seed(s: LuckSummary) -> str:
    again = s.sides[0].own_seed
    if again == s.yours:
        return _("Your strategy replayed on your own seed: the same result, exactly.")
    result = _result_line(again, s.currency)
    if s.differing:
        return ngettext(
            "Your strategy replayed on your own seed: {result}. You answered {n} decision "
            "otherwise than your usual way.",
            "Your strategy replayed on your own seed: {result}. You answered {n} decisions "
            "otherwise than your usual way.",
            s.differing,
        ).format(result=result, n=s.differing)
    return _(
        "Your strategy replayed on your own seed: {result}. It differs because, while a "
        "decision waited unanswered, the game looked for new ones at moments a save does not "
        "keep (the README says when)."
    ).format(result=result)


def _findings(s: LuckSummary) -> list[str]:
    """The sentences at the top: the player's result, the replay, where the result falls."""
    cur, strategy, n = s.currency, s.sides[0], len(s.incomes)
    spread = ngettext(
        "Your strategy on {n} other seed: median {median} (P10 {p10}, P90 {p90}).",
        "Your strategy on {n} other seeds: median {median} (P10 {p10}, P90 {p90}).",
        n,
    ).format(
        n=n, median=_m(strategy.median, cur), p10=_m(strategy.p10, cur), p90=_m(strategy.p90, cur)
    )
    return [
        _("Your game: {result}.").format(result=_result_line(s.yours, cur)),
        _own_seed(s),
        _policies_on_your_seed(s),
        spread,
        _placing(s),
        _verdict(s),
    ]


def _replayed(s: LuckSummary) -> str:
    listing, hours, rules, withdrawals = s.moves
    return _(
        "What was replayed, at the moments you took them: listing actions {listing}, "
        "changes of hours and profile {hours}, rules for public requests {rules}, "
        "withdrawals {withdrawals}; each kind of decision answered as you answered it most:"
    ).format(listing=listing, hours=hours, rules=rules, withdrawals=withdrawals)


def luck_lines(s: LuckSummary, width: int = WIDTH) -> list[str]:
    """The whole report, lines of at most ``width`` cells: the player's result, where it falls
    among the other seeds, the histogram, the table beside the policies, what was replayed."""
    n = len(s.incomes)
    period = ngettext(
        "{n} month, {first} to {last}", "{n} months, {first} to {last}", s.months
    ).format(n=s.months, first=month_label(s.first), last=month_label(s.last))
    title = _("Luck check: {player} on {scenario}, seed {seed}, {period}").format(
        player=s.player, scenario=s.scenario, seed=s.seed, period=period
    )
    out = [*wrap(title, width), ""]
    for text in _findings(s):
        out.extend(wrap(text, width))
    over = ngettext(
        "Net income over {n} month, your strategy on each other seed:",
        "Net income over {n} months, your strategy on each other seed:",
        s.months,
    ).format(n=s.months)
    out += ["", *wrap(over, width), *histogram(s, width), ""]
    same = ngettext("On the same {n} other seed:", "On the same {n} other seeds:", n)
    legend = _(
        "median, P10, P90: net income; hourly: net income per hour worked; ahead: the "
        "share of the seeds where the policy earned more than your strategy."
    )
    out += [*wrap(same.format(n=n), width), *table(s), *wrap(legend, width), ""]
    out.extend(wrap(_replayed(s), width))
    out.extend(_ways(s, width) or ["    " + _("(no decision came)")])
    return out

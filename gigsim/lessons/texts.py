"""A mission's scorecard, the list of lessons and a mission's progress, in the current language.

Shared by the game (the dashboard's mission line, the card and the mission
report), the hand-in report and ``gigsim lessons``. Every amount goes
through ``gigsim.text.units.money``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from gigsim.i18n import _, lazy, ngettext
from gigsim.lessons.catalogue import Lesson, lessons
from gigsim.lessons.scorecard import MEASURES, Line, Scorecard, Target
from gigsim.text.units import hours, money
from gigsim.text.wrap import WIDTH, wrap

LABELS = {
    "net_income": lazy("Net income"),
    "hourly_wage": lazy("Effective hourly wage"),
    "rating": lazy("Rating"),
    "on_time_rate": lazy("On-time deliveries"),
    "disputes": lazy("Disputes"),
    "hours_over_budget": lazy("Hours over budget"),
    "reviews": lazy("Reviews"),
    "warnings": lazy("Account warnings"),
}
"""Each scorecard line's name."""

SHORT = {
    "net_income": lazy("net"),
    "hourly_wage": lazy("wage"),
    "rating": lazy("rating"),
    "on_time_rate": lazy("on time"),
    "disputes": lazy("disputes"),
    "hours_over_budget": lazy("over"),
    "reviews": lazy("reviews"),
    "warnings": lazy("warnings"),
}
"""Each line's name on the dashboard's mission line."""

MET, NOT_MET = "✓", "✗"


def value_text(measure: str, value: float | None, currency: str, bare: bool = False) -> str:
    """A line's figure as a person reads it ('2 disputes'; '2' when ``bare``, as the dashboard's
    short line has it); '–' for one not known yet (no review, no delivery, no hour worked)."""
    if value is None:
        return "–"
    n = int(value)
    if measure == "disputes" and not bare:
        return ngettext("{n} dispute", "{n} disputes", n).format(n=n)
    if measure == "reviews" and not bare:
        return ngettext("{n} review", "{n} reviews", n).format(n=n)
    if measure == "warnings" and not bare:
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    if measure == "net_income":
        return money(value, currency)
    if measure == "hourly_wage":
        return _("{amount}/h").format(amount=money(round(value), currency))
    if measure == "rating":
        return f"{value:.2f}★"
    if measure == "on_time_rate":
        return f"{value:.0%}"
    if measure == "hours_over_budget":
        return hours(value)
    return str(n)


def target_text(target: Target, currency: str) -> str:
    """'at least ¥30,000', 'at most 1' or 'none (0 disputes)'."""
    shown = value_text(target.measure, target.target, currency)
    if MEASURES[target.measure] == "at_least":
        return _("at least {value}").format(value=shown)
    if target.target == 0:  # "at most 0 disputes" reads as a riddle
        return _("none ({value})").format(value=shown)
    return _("at most {value}").format(value=shown)


def _bare(target: Target, currency: str) -> str:
    """The target's figure with its sign: '≥¥30,000', '≤1' (the dashboard's short form)."""
    sign = "≥" if MEASURES[target.measure] == "at_least" else "≤"
    return sign + value_text(target.measure, target.target, currency, bare=True)


@dataclass(frozen=True)
class Row:
    """One line of a mission report: its name, the figure, the target, the weight, the mark."""

    name: str
    value: str
    target: str
    weight: str
    result: str


def rows(card: Scorecard, currency: str) -> list[Row]:
    return [
        Row(
            str(LABELS[line.target.measure]),
            value_text(line.target.measure, line.value, currency),
            target_text(line.target, currency),
            str(line.target.weight),
            f"{MET} " + _("met") if line.passed else f"{NOT_MET} " + _("not met"),
        )
        for line in card.lines
    ]


def verdict(card: Scorecard) -> str:
    """'Score 80 of 100 (pass mark 70): passed', or 'not passed', or 'so far' while it runs."""
    if not card.over:
        return _("Score so far {score} of 100 (pass mark {mark})").format(
            score=card.score, mark=card.pass_score
        )
    if card.passed:
        return _("Score {score} of 100 (pass mark {mark}): mission passed").format(
            score=card.score, mark=card.pass_score
        )
    return _("Score {score} of 100 (pass mark {mark}): mission not passed").format(
        score=card.score, mark=card.pass_score
    )


def lesson_heading(lesson: Lesson) -> str:
    return _("Lesson {n}: {title}").format(n=lesson.number, title=lesson.title)


def months_text(n: int) -> str:
    return ngettext("{n} month", "{n} months", n).format(n=n)


def _item(line: Line, currency: str) -> str:
    mark = MET if line.passed else NOT_MET
    shown = value_text(line.target.measure, line.value, currency, bare=True)
    return f"{SHORT[line.target.measure]} {shown}/{_bare(line.target, currency)} {mark}"


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, with … where it was cut."""
    if cell_len(text) <= width:
        return text
    out = ""
    for c in text:
        if cell_len(out + c) > width - 1:
            break
        out += c
    return out + "…"


def mission_lines(
    lesson: Lesson, card: Scorecard, currency: str, width: int, classroom: str = ""
) -> list[str]:
    """The dashboard's mission line: the class's name if any, the months left, the score, and
    each target's progress.

    Wrapped between items to ``width`` terminal cells (a Japanese character is two).
    """
    if card.over:
        state = _("Lesson {n} mission over: {verdict}").format(
            n=lesson.number, verdict=_("passed") if card.passed else _("not passed")
        )
    else:
        left = card.limit - card.months
        state = _("Lesson {n} mission · {left} · score {score} (pass {mark})").format(
            n=lesson.number,
            left=ngettext("{n} month left", "{n} months left", left).format(n=left),
            score=card.score,
            mark=card.pass_score,
        )
    if classroom:  # the class first, cut to what the line leaves it
        room = max(8, width - cell_len(state) - 3)
        state = f"{shorten(classroom, room)} · {state}"
    out, line = [state], ""
    for item in (_item(x, currency) for x in card.lines):
        joined = f"{line}  {item}" if line else item
        if line and cell_len(joined) > width:
            out.append(line)
            joined = item
        line = joined
    if line:
        out.append(line)
    return out


def lesson_list(width: int = WIDTH) -> list[str]:
    """``gigsim lessons``: each lesson's number, title and months, and its line below."""
    out = []
    for x in lessons():
        out.append(f"{x.number:>2}  {x.title} ({months_text(x.mission.months)})")
        out.extend("    " + line for line in wrap(x.card.summary, width - 4))
    return out

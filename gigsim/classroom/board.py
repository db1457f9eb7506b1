"""The class's leaderboard as printed (80 columns, both languages) and its tidy table (CSV).

The leaderboard has one table a lesson (rank, student, score, passed, net
income, hourly wage, luck-check percentile) and, for a pack of more than one
lesson, the class's total. The tidy table has one row a student and lesson,
its columns English keys (an interface, like ``gigsim batch``'s tables):
who, which lesson, the pack, the scorecard line by line, the settings over
the mission's months, the luck-check percentile and the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rich.cells import cell_len

from gigsim.classroom.collect import SETTINGS, Collected, Entry, settings_of
from gigsim.i18n import _, lazy, ngettext
from gigsim.lessons import MEASURES, Lesson
from gigsim.lessons.pack import DIGEST_SHOWN
from gigsim.lessons.texts import MET, NOT_MET, lesson_heading, months_text, shorten, value_text
from gigsim.text.units import money
from gigsim.text.wrap import WIDTH, wrap

NAME_CELLS = 20
"""Cells a student's name has in the printed tables (a longer one is cut with …)."""


def _columns(rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """Rows aligned by terminal cells (a Japanese character is two); figures to the right."""
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = []
        for cell, width, r in zip(row, widths, right, strict=True):
            pad = " " * (width - cell_len(cell))
            cells.append(pad + cell if r else cell + pad)
        out.append("  ".join(cells).rstrip())
    return out


def luck_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def score_text(entry: Entry) -> str:
    """The score, marked * when the mission's months have not all closed (a score so far)."""
    card = entry.result.scorecard
    return f"{card.score}" + ("" if card.over else "*")


def lesson_board(c: Collected, lesson: Lesson) -> list[str]:
    entries = c.of(lesson)
    m = lesson.mission
    title = _("{heading} ({months}, pass mark {mark})").format(
        heading=lesson_heading(lesson), months=months_text(m.months), mark=m.pass_score
    )
    head = (
        "#", _("Student"), _("Score"), _("Passed"), _("Net income"), _("Wage"), _("Luck"),
    )  # fmt: skip
    rows = [head]
    for e in entries:
        r = e.result
        rows.append(
            (
                str(e.rank),
                shorten(r.student, NAME_CELLS),
                score_text(e),
                MET if r.scorecard.passed else NOT_MET,
                money(r.net_income, r.currency),
                value_text("hourly_wage", r.value("hourly_wage"), r.currency),
                luck_text(e.luck),
            )
        )
    right = (True, False, True, False, True, True, True)
    return [*wrap(title, WIDTH), *_columns(rows, right)]


def total_rows(c: Collected) -> list[tuple[str, ...]]:
    """The class's total: a head, then a row a student, best first (rank, student, total, each
    lesson's score, lessons passed); a lesson not handed in counts 0."""
    scores: dict[str, dict[int, int]] = {}
    names: dict[str, str] = {}
    passed: dict[str, int] = {}
    for r in c.results:
        who = r.key[0]
        names.setdefault(who, r.student)
        scores.setdefault(who, {})[r.lesson.number] = r.scorecard.score
        passed[who] = passed.get(who, 0) + (1 if r.scorecard.passed else 0)
    order = sorted(scores, key=lambda w: (-sum(scores[w].values()), names[w].casefold()))
    head = ("#", _("Student"), _("Total"), *(f"L{x.number}" for x in c.lessons), _("Passed"))
    rows = [head]
    rank, last = 0, None
    for i, who in enumerate(order):
        total = sum(scores[who].values())
        rank = rank if total == last else i + 1
        last = total
        per = [str(scores[who].get(x.number, "–")) for x in c.lessons]
        done = f"{passed[who]}/{len(c.lessons)}"
        rows.append((str(rank), names[who], str(total), *per, done))
    return rows


TOTAL_TITLE = lazy("The class: each student's scores added up over the lessons")


def total_board(c: Collected) -> list[str]:
    rows = total_rows(c)
    shown = [rows[0], *((r[0], shorten(r[1], NAME_CELLS), *r[2:]) for r in rows[1:])]
    right = (True, False, True, *(True for _x in c.lessons), True)
    return [*wrap(str(TOTAL_TITLE), WIDTH), *_columns(shown, right)]


def leaderboard(c: Collected) -> list[str]:
    """The printed leaderboard: the class, each lesson's table, the total for several."""
    n, k = len(c.students), len(c.results)
    out = wrap(
        _("Class {name} (pack {digest}): {students}, {results}").format(
            name=c.name,
            digest=c.digest[:DIGEST_SHOWN],
            students=ngettext("{n} student", "{n} students", n).format(n=n),
            results=ngettext("{n} result", "{n} results", k).format(n=k),
        ),
        WIDTH,
    )
    for lesson in c.lessons:
        out += ["", *lesson_board(c, lesson)]
    if len(c.lessons) > 1:
        out += ["", *total_board(c)]
    notes = []
    if any(not r.finished for r in c.results):
        notes.append(_("* the mission's months have not all closed: the score so far"))
    if c.luck_seeds:
        notes.append(
            _(
                "Luck: where the student's net income falls among their own strategy's on "
                "{n} other seeds (percentile; 50 is the middle)"
            ).format(n=c.luck_seeds)
        )
    if notes:
        out.append("")
        for note in notes:
            out += wrap(note, WIDTH)
    return out


# --------------------------------------------------------------------------
# The tidy table
# --------------------------------------------------------------------------

COLUMNS = (
    "student", "lesson", "lesson_id", "class", "pack_digest", "seed", "mission_months",
    "months_closed", "finished", "rank", "score", "pass_score", "passed",
    *MEASURES, *(f"{m}_met" for m in MEASURES), *SETTINGS, "luck_percentile", "luck_seeds",
    "file",
)  # fmt: skip
"""The tidy table's columns: a line's value is empty where the lesson does not score it."""


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


def tidy_rows(c: Collected) -> list[dict[str, str]]:
    out = []
    for lesson in c.lessons:
        for e in c.of(lesson):
            r = e.result
            card = r.scorecard
            lines = {x.target.measure: x for x in card.lines}
            row = {
                "student": r.student,
                "lesson": str(lesson.number),
                "lesson_id": lesson.id,
                "class": r.class_name,
                "pack_digest": r.digest,
                "seed": str(r.seed),
                "mission_months": str(lesson.mission.months),
                "months_closed": str(len(r.months)),
                "finished": "true" if card.over else "false",
                "rank": str(e.rank),
                "score": str(card.score),
                "pass_score": str(card.pass_score),
                "passed": "true" if card.passed else "false",
                "luck_percentile": _number(e.luck),
                "luck_seeds": str(c.luck_seeds) if e.luck is not None else "",
                "file": str(r.path),
            }
            for m in MEASURES:
                line = lines.get(m)
                row[m] = "" if line is None else _number(line.value)
                row[f"{m}_met"] = "" if line is None else ("true" if line.passed else "false")
            for key, value in settings_of(r).items():
                row[key] = _number(value)
            out.append(row)
    return out


def tidy_csv(c: Collected) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(tidy_rows(c))
    return buf.getvalue()

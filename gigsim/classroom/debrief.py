"""The debrief page: one self-contained HTML file (inline CSS and SVG, no script, no network).

For each lesson of the pack: the mission, the spread of the scores (with
the pass mark) and of the net incomes, each student's raw score beside their
luck-check percentile (and the two against each other), and what the best
third did differently from the rest: price, capacity, hours and proposals,
over the mission's months. Then the class's total over the lessons and the
files left out. The page holds no times: the same results give the same
bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from gigsim import __version__
from gigsim.classroom.board import TOTAL_TITLE, luck_text, score_text, total_rows
from gigsim.classroom.charts import scatter, strip
from gigsim.classroom.collect import Collected, Entry, differences, settings_of, top_third
from gigsim.i18n import _, language, lazy, ngettext
from gigsim.lessons import Lesson
from gigsim.lessons.texts import LABELS, MET, NOT_MET, lesson_heading, months_text, value_text
from gigsim.text.units import hours, money

CSS = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1180px;color:#222;padding:0 1em}
table{border-collapse:collapse;font-size:13px;margin:1em 0}
th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}
th:first-child,td:first-child,td.name{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:1em}
.note{color:#555;font-size:13px}
.teacher{background:#f6f6f0;border-left:4px solid #ccc;padding:.5em 1em;white-space:pre-wrap}
code{background:#f4f4f4;padding:0 3px}
.warn{color:#a40000;font-size:13px}
.wide{overflow-x:auto}
"""

SETTING_NAMES = {
    "price": lazy("Price"),
    "cap": lazy("Orders at once"),
    "hours_available": lazy("Hours offered"),
    "hours_worked": lazy("Hours worked"),
    "proposals_sent": lazy("Proposals sent"),
    "proposals_won": lazy("Proposals won"),
}
"""Each compared setting's name on the page (the notes below the tables say how each is
counted)."""


SETTINGS_NOTE = lazy(
    "Over the mission's months: price, the mean price of the open listings over each month's "
    "time; orders at once, the open listings' caps added up, averaged the same way; hours "
    "offered by the schedule and hours worked, a month on average; proposals sent to public "
    "requests and won, added up."
)


def _row(cells: Sequence[str], head: bool = False, name: int | None = None) -> str:
    """A table row; the cell ``name`` (a student's) is text, left-aligned."""
    tag = "th" if head else "td"
    out = []
    for i, c in enumerate(cells):
        attr = " class='name'" if i == name and not head else ""
        out.append(f"<{tag}{attr}>{c}</{tag}>")
    return "<tr>" + "".join(out) + "</tr>"


def _setting_text(key: str, value: float | None, currency: str) -> str:
    if value is None:
        return "–"
    if key == "price":
        return escape(money(round(value), currency))
    if key.startswith("hours"):
        return escape(hours(value))
    # proposals are counted, a cap kept all month is whole: "24", not "24.0"; a mean is not
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _header(c: Collected) -> str:
    items = [
        (_("Class"), escape(c.name)),
        (_("Class pack"), f"<code>{escape(c.digest)}</code>"),
        (_("Lessons"), escape(", ".join(lesson_heading(x) for x in c.lessons))),
        (_("Students"), str(len(c.students))),
        (_("Results"), str(len(c.results))),
        (_("Files left out"), str(len(c.warnings))),
        ("gigsim", escape(__version__)),
    ]
    rows = "".join(f"<tr><th>{k}</th><td style='text-align:left'>{v}</td></tr>" for k, v in items)
    out = (
        "<h1>"
        + escape(_("Class debrief: {name}").format(name=c.name))
        + f"</h1><table>{rows}</table>"
    )
    if c.note:
        out += f"<div class='teacher'>{escape(c.note)}</div>"
    return out


def _spread(c: Collected, lesson: Lesson, entries: list[Entry]) -> str:
    if not entries:
        return ""
    cur = entries[0].result.currency
    mark = lesson.mission.pass_score
    scores = strip(
        [(float(e.result.scorecard.score), e.result.student) for e in entries],
        _("Scores"),
        lambda v: f"{v:.0f}",
        (float(mark), _("pass mark {n}").format(n=mark)),
        (0.0, 100.0),
    )
    nets = strip(
        [(float(e.result.net_income), e.result.student) for e in entries],
        _("Net income over the mission's months"),
        lambda v: money(v, cur),
    )
    charts = [scores, nets]
    lucky = [(e.luck, float(e.result.net_income), e.result.student) for e in entries]
    if c.luck_seeds and any(luck is not None for luck, _v, _n in lucky):
        charts.append(
            scatter(
                [(luck, v, n) for luck, v, n in lucky if luck is not None],
                _("Net income against the luck check"),
                lambda v: money(v, cur),
            )
        )
    return (
        "<h3>"
        + escape(_("The spread of results"))
        + f"</h3><div class='charts'>{''.join(charts)}</div>"
    )


def _students(c: Collected, entries: list[Entry]) -> str:
    head = [
        "#", _("Student"), _("Score"), _("Passed"), _("Luck"), str(LABELS["net_income"]),
        str(LABELS["hourly_wage"]), str(LABELS["rating"]), str(LABELS["on_time_rate"]),
        *(str(SETTING_NAMES[k]) for k in SETTING_NAMES),
    ]  # fmt: skip
    body = []
    for e in entries:
        r = e.result
        cur = r.currency
        settings = settings_of(r)
        cells = [
            str(e.rank),
            escape(r.student),
            score_text(e),
            MET if r.scorecard.passed else NOT_MET,
            luck_text(e.luck),
            escape(money(r.net_income, cur)),
            escape(value_text("hourly_wage", r.value("hourly_wage"), cur)),
            escape(value_text("rating", r.value("rating"), cur)),
            escape(value_text("on_time_rate", r.value("on_time_rate"), cur)),
            *(_setting_text(k, settings[k], cur) for k in SETTING_NAMES),
        ]
        body.append(_row(cells, name=1))
    notes = [
        _("Score: the weights of the scorecard's lines met, out of 100; * the mission's months "
          "have not all closed (the score so far)."),
        str(SETTINGS_NOTE),
    ]  # fmt: skip
    if c.luck_seeds:
        notes.append(
            _(
                "Luck: the luck check replays each student's own strategy (their settings over "
                "time, each kind of decision answered their most frequent way) on {n} other "
                "seeds; the percentile is where their real net income falls among those. High: "
                "this market suited their way of playing better than most would; a high score "
                "with a low percentile is skill the market did not reward."
            ).format(n=c.luck_seeds)
        )
    else:
        notes.append(_("Luck: not computed for this page."))
    return (
        "<h3>" + escape(_("Each student")) + "</h3><div class='wide'><table>"
        + _row(head, head=True) + "".join(body) + "</table></div>"
        + "".join(f"<p class='note'>{escape(n)}</p>" for n in notes)
    )  # fmt: skip


def _best(entries: list[Entry]) -> str:
    title = "<h3>" + escape(_("What the best third did differently")) + "</h3>"
    if len(entries) < 3:
        return title + "<p class='note'>" + escape(
            _("Too few results to compare: at least 3 are needed.")
        ) + "</p>"  # fmt: skip
    cur = entries[0].result.currency
    top, rest = top_third(entries)
    head = [
        _("Setting"),
        escape(
            ngettext("The top {n} student", "The top {n} students", len(top)).format(n=len(top))
        ),
        escape(
            ngettext("The other {n} student", "The other {n} students", len(rest)).format(
                n=len(rest)
            )
        ),
    ]
    body = [_row(head, head=True)]
    for d in differences(entries):
        body.append(
            _row(
                [
                    escape(str(SETTING_NAMES[d.setting])),
                    _setting_text(d.setting, d.top, cur),
                    _setting_text(d.setting, d.rest, cur),
                ]
            )
        )
    note = _(
        "The top third by rank (score, then net income) against everyone else, each setting "
        "as in the table above. The figures say what went with the better results, not what "
        "caused them."
    )
    return title + "<table>" + "".join(body) + f"</table><p class='note'>{escape(note)}</p>"


def _lesson(c: Collected, lesson: Lesson) -> str:
    entries = c.of(lesson)
    m = lesson.mission
    weights = ", ".join(f"{LABELS[t.measure]} {t.weight}" for t in m.lines())
    summary = _("Mission: {months}, pass mark {mark} of 100; weights: {weights}.").format(
        months=months_text(m.months), mark=m.pass_score, weights=weights
    )
    passed = sum(1 for e in entries if e.result.scorecard.passed)
    counts = _("{passed} of {n} passed.").format(passed=passed, n=len(entries))
    return (
        "<h2>" + escape(lesson_heading(lesson)) + "</h2>"
        f"<p>{escape(summary)} {escape(counts)}</p>"
        + _spread(c, lesson, entries) + _students(c, entries) + _best(entries)
    )  # fmt: skip


def _total(c: Collected) -> str:
    if len(c.lessons) < 2:
        return ""
    head, *rows = total_rows(c)
    body = [_row([escape(x) for x in head], head=True)]
    body += [_row([escape(x) for x in r], name=1) for r in rows]
    return "<h2>" + escape(str(TOTAL_TITLE)) + "</h2><table>" + "".join(body) + "</table>"


def _skipped(c: Collected) -> str:
    if not c.warnings:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in c.warnings)
    return "<h2>" + escape(_("Files left out")) + f"</h2><ul class='warn'>{items}</ul>"


def debrief_html(c: Collected) -> str:
    """The whole page."""
    parts = [_header(c), *(_lesson(c, x) for x in c.lessons), _total(c), _skipped(c)]
    return (
        f"<!DOCTYPE html>\n<html lang='{language()}'><head><meta charset='utf-8'>"
        "<title>" + escape(_("Class debrief: {name}").format(name=c.name)) + "</title>"
        f"<style>{CSS}</style></head><body>{''.join(parts)}</body></html>\n"
    )

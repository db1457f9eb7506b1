"""The hand-in report as a Markdown page and two CSV tables, in the current language.

The CSV files are for spreadsheets: their columns are the English keys of
``gigsim run --json`` (an interface, as in the batch's ``months.csv``), with
``hours`` and ``lost_buyers`` flattened to ``hours.<activity>`` and
``lost_buyers.<reason>``; only the decisions' ``text`` column is in the
report's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from gigsim.handin.build import Report
from gigsim.i18n import _
from gigsim.lessons.texts import lesson_heading, months_text, rows, verdict
from gigsim.text.explain import year_end
from gigsim.text.run_tables import rank_name
from gigsim.text.units import day, hours, money, month_label
from gigsim.text.wrap import join_sentences

DECISION_COLUMNS = ("t", "date", "kind", "decision_kind", "option", "text")


def _cell(value: Any) -> str:
    """A Markdown table cell: one line, its pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def _table(head: Sequence[str], body: Iterable[Sequence[Any]], right: int = 0) -> list[str]:
    """A Markdown table; the columns from ``right`` on are right-aligned (figures)."""
    align = ["---" if i < right or not right else "---:" for i in range(len(head))]
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    return lines


def _wage(m: dict[str, Any], cur: str) -> str:
    w = m.get("effective_hourly_wage")
    return "–" if w is None else money(round(w), cur)


def _month_rows(r: Report) -> list[list[str]]:
    cur = r.currency
    return [
        [
            month_label(str(m["label"])),
            str(m["orders"]),
            str(m["completed"]),
            str(m["late_deliveries"]),
            str(m["disputes"]),
            money(m["gross_sales"], cur),
            money(m["platform_fees"], cur),
            money(m["net_income"], cur),
            hours(m["hours_worked"]),
            hours(m["hours_available"]),
            _wage(m, cur),
            "–" if m.get("rating") is None else f"{m['rating']:.2f}",
            str(m["reviews"]),
            rank_name(m.get("rank") or "none"),
        ]
        for m in r.months
    ]


def _header(r: Report) -> list[str]:
    played = _("{date} ({months} closed)").format(
        date=day_of(r.now), months=months_text(len(r.months))
    )
    scenario = r.scenario + (" — " + _cell(r.description) if r.description else "")
    made = "gigsim {gigsim} ({model})".format(
        gigsim=r.gigsim_version, model=_("model {version}").format(version=r.model_version)
    )
    facts: tuple[tuple[str, str], ...] = (
        (_("Scenario"), scenario),
        (_("Seed"), str(r.seed)),
        (_("Started"), day(r.start)),
        (_("Played to"), played),
        (_("Made by"), made),
    )
    room = r.classroom
    if room is not None:
        pack = _("{name} (pack {digest})").format(name=_cell(room.name), digest=room.short_digest)
        facts = ((_("Class"), pack), (_("Student"), _cell(r.student)), *facts)
    title = _("gigsim report: {player} on {scenario}").format(player=r.player, scenario=r.scenario)
    return ["# " + title, "", *(_("- {name}: {value}").format(name=n, value=v) for n, v in facts)]


def day_of(iso: str) -> str:
    return day(dt.date.fromisoformat(iso))


def _lesson(r: Report) -> list[str]:
    if r.lesson is None or r.scorecard is None:
        return []
    x, card = r.lesson, r.scorecard
    out = ["", "## " + lesson_heading(x), "", x.card.goal, ""]
    out.append(
        _("Mission: {months}, pass mark {mark} of 100.").format(
            months=months_text(x.mission.months), mark=x.mission.pass_score
        )
    )
    out += ["", "### " + _("Scorecard, months 1 to {n}").format(n=x.mission.months), ""]
    out += _table(
        (_("Line"), _("Value"), _("Target"), _("Weight"), _("Result")),
        (
            (row.name, row.value, row.target, row.weight, row.result)
            for row in rows(card, r.currency)
        ),
    )
    out += ["", "**" + verdict(card) + "**"]
    return out


def _years(r: Report) -> list[str]:
    years = sorted({str(m["label"])[:4] for m in r.months})
    if not years:
        return []
    out = ["", "## " + _("Side income and tax (illustration)"), ""]
    for year in years:
        y = year_end(list(r.months), year, r.currency)
        out.append("- " + join_sentences(y.lines))
    return out


def markdown(r: Report) -> str:
    """The whole report as one Markdown page."""
    out = _header(r) + _lesson(r)
    out += ["", "## " + _("Month by month"), ""]
    if r.months:
        out += _table(
            (
                _("Month"), _("Orders"), _("Completed"), _("Late"), _("Disputes"),
                _("Gross sales"), _("Platform fee"), _("Net income"), _("Hours"),
                _("Available"), _("Wage"), _("Rating"), _("Reviews"), _("Rank"),
            ),
            _month_rows(r),
            right=1,
        )  # fmt: skip
    else:
        out.append(_("No month has closed yet."))
    out += _years(r)
    out += ["", "## " + _("Your decisions"), ""]
    if r.decisions:
        out += _table(
            (_("When"), _("Decision")),
            ((d.moment.strftime("%Y-%m-%d %H:%M"), d.text) for d in r.decisions),
        )
    else:
        out.append(_("No decisions yet."))
    return "\n".join(out) + "\n"


def _flat(m: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in m.items():
        if isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def _csv(head: Sequence[str], body: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head)
    for row in body:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def months_csv(r: Report) -> str:
    """One row a closed month, the columns of ``gigsim run --json``'s months (flattened)."""
    flat = [_flat(m) for m in r.months]
    if not flat:
        return _csv(("month", "label"), ())
    head = list(flat[0])
    return _csv(head, ([row.get(k) for k in head] for row in flat))


def decisions_csv(r: Report) -> str:
    """One row a decision: model time, date and time, event kind, decision, option, words."""
    return _csv(
        DECISION_COLUMNS,
        (
            (
                f"{d.t:.6f}",
                d.moment.strftime("%Y-%m-%dT%H:%M"),
                d.kind,
                d.decision_kind,
                d.option,
                d.text,
            )
            for d in r.decisions
        ),
    )

"""The result a student hands in for the teacher: one JSON file, read by ``gigsim class collect``.

Beside the Markdown page and the CSV tables, ``<stem>-result.json`` holds
what a teacher needs, machine-readable: who played (the student's name, the
seller's), the class pack (name and digest) and the lesson, the seed, the
mission's scorecard line by line, the monthly figures (the keys of ``gigsim
run --json``), the player's settings month by month (price, capacity,
hours, proposals sent and won), their decisions with dates, and the game's
own save, so that the collector can replay the game and trust no figure it
did not compute itself. Keys are English and values language-neutral; only
the decisions' ``text`` is in the report's language.
"""

from __future__ import annotations

import json
from typing import Any

from gigsim.handin.build import Report
from gigsim.lessons import Scorecard, Tally

RESULT_FORMAT = "gigsim-result"
RESULT_VERSION = 1
SUFFIX = "-result.json"


def scorecard_dict(card: Scorecard, counts: Tally | None) -> dict[str, Any]:
    return {
        "score": card.score,
        "pass_score": card.pass_score,
        "passed": card.passed,
        "over": card.over,
        "months": card.months,
        "limit": card.limit,
        "lines": [
            {
                "measure": line.target.measure,
                "value": line.value,
                "target": line.target.target,
                "weight": line.target.weight,
                "direction": line.target.direction,
                "met": line.passed,
            }
            for line in card.lines
        ],
        "counts": (
            None
            if counts is None
            else {"deliveries": counts.deliveries, "late": counts.late, "warnings": counts.warnings}
        ),
    }


def result_dict(r: Report) -> dict[str, Any]:
    """The result file's content (``save`` last: the figures a person reads come first)."""
    room = r.classroom
    lesson = r.lesson
    return {
        "format": RESULT_FORMAT,
        "version": RESULT_VERSION,
        "gigsim_version": r.gigsim_version,
        "model_version": r.model_version,
        "student": r.student,
        "seller": r.player,
        "class": None if room is None else {"name": room.name, "digest": room.digest},
        "lesson": (
            None
            if lesson is None
            else {"number": lesson.number, "id": lesson.id, "scenario": lesson.scenario}
        ),
        "scenario": r.scenario,
        "seed": r.seed,
        "currency": r.currency,
        "start": r.start.isoformat(),
        "date": r.now,
        "months_closed": len(r.months),
        "scorecard": None if r.scorecard is None else scorecard_dict(r.scorecard, r.counts),
        "months": list(r.months),
        "settings": [s.as_dict() for s in r.settings],
        "decisions": [
            {
                "t": d.t,
                "date": d.moment.strftime("%Y-%m-%dT%H:%M"),
                "kind": d.kind,
                "decision_kind": d.decision_kind,
                "option": d.option,
                "text": d.text,
            }
            for d in r.decisions
        ],
        "save": r.save,
    }


def result_json(r: Report) -> str:
    return json.dumps(result_dict(r), ensure_ascii=False, indent=1) + "\n"

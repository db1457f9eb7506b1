"""What the hand-in report says, read from an engine through its published API.

The decisions are the player's own acts as the engine's log recorded them:
listings published, changed or refused, hours changed, each decision
answered (or left to its default when time ran out) and each withdrawal,
each with its time. The report's months are the closed months; a mission's
scorecard counts its months only (``gigsim.lessons.scorecard``). The
settings are the player's price, capacity, hours and proposals month by
month (``settings``); the save is the game's own, so that a teacher's
``gigsim class collect`` can replay it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gigsim import MODEL_VERSION, __version__
from gigsim.engine import api
from gigsim.engine.api import Engine
from gigsim.handin.settings import MonthSettings, month_settings
from gigsim.i18n import _, lazy
from gigsim.lessons import Lesson, Scorecard, Tally, tally
from gigsim.lessons.pack import ClassGame
from gigsim.lessons.progress import LessonProgress
from gigsim.scenarios.texts import text as scenario_text
from gigsim.text.sentences import DECISION_TITLE, event_sentence
from gigsim.text.units import money

DECISION_KINDS = (
    api.LISTING_PUBLISHED,
    api.LISTING_CHANGED,
    api.LISTING_REFUSED,
    api.HOURS_CHANGED,
    api.DISCLOSURE_CHANGED,
    api.DECISION_ANSWERED,
    api.DECISION_DEFAULTED,
    api.WITHDRAWAL_REQUESTED,
    api.WITHDRAWAL_REFUSED,
)
"""The events that are the player's decisions (or, for a default, the lack of one)."""

STATUS = {"open": lazy("open"), "busy": lazy("BUSY"), "paused": lazy("PAUSED")}
"""A listing's status in words."""
DECISION_NAME = {"public_request": lazy("Public request")}
"""A decision's name where its title in the inbox is a question."""


@dataclass(frozen=True)
class Decision:
    t: float
    moment: dt.datetime  # the model time as a date and time
    kind: str  # the event's kind
    decision_kind: str  # for an answer: the decision's kind, else ""
    option: str  # for an answer: the option taken, else ""
    text: str  # in the current language


@dataclass(frozen=True)
class Report:
    scenario: str
    description: str
    player: str
    seed: int
    currency: str
    start: dt.date
    now: str  # the game's date (YYYY-MM-DD)
    months: tuple[dict[str, Any], ...]
    lesson: Lesson | None
    scorecard: Scorecard | None
    decisions: tuple[Decision, ...]
    gigsim_version: str = __version__
    model_version: str = str(MODEL_VERSION)
    classroom: ClassGame | None = None
    counts: Tally | None = None  # the scorecard's tallies (deliveries, late, warnings)
    settings: tuple[MonthSettings, ...] = ()
    save: dict[str, Any] | None = None  # the game's save, as a save file holds it

    @property
    def student(self) -> str:
        """The class game's student, else the seller's name."""
        return self.classroom.student if self.classroom and self.classroom.student else self.player


def mission_counts(engine: Engine, lesson: Lesson) -> Tally:
    """The tallies of the events before the mission's end the month records do not count."""
    end = engine.month_end(lesson.mission.months)
    return tally((e.as_dict() for e in engine.events()), end)


def engine_scorecard(engine: Engine, lesson: Lesson) -> Scorecard:
    """The lesson's scorecard of a game: its mission's months, or those so far."""
    months = engine.month_records()
    counts = mission_counts(engine, lesson)
    snap = engine.snapshot()
    return lesson.mission.scorecard(months, counts, snap.month_so_far, (snap.rating, snap.reviews))


def engine_settings(engine: Engine) -> tuple[MonthSettings, ...]:
    months = engine.month_records()
    ends = [engine.month_end(k) for k in range(1, len(months) + 1)]
    return month_settings([e.as_dict() for e in engine.events()], months, ends)


def _moment(start: dt.date, t: float) -> dt.datetime:
    moment = dt.datetime(start.year, start.month, start.day) + dt.timedelta(days=t, seconds=30)
    return moment.replace(second=0, microsecond=0)


def _option(kind: str, option: str) -> str:
    return _(api.option_text(kind, option))


def decision_text(
    e: Mapping[str, Any], currency: str, categories: Mapping[str, str] | None = None
) -> str:
    """One decision in words, with the figures the log line leaves out; ``categories`` names
    each category id (as the scenario writes them, shown in the current language)."""
    kind = e["kind"]
    m = money
    if kind == api.LISTING_PUBLISHED:
        return _(
            "Listing #{listing} published: {title} ({category}), {price}, cap {cap}, "
            "delivery in {days} days"
        ).format(
            listing=e["listing"],
            title=scenario_text(str(e.get("title", ""))),
            category=scenario_text((categories or {}).get(str(e.get("category")), ""))
            or e.get("category", ""),
            price=m(e["price"], currency),
            cap=e.get("cap", ""),
            days=f"{e.get('delivery_days', 0):g}",
        )
    if kind == api.LISTING_CHANGED and "price" in e:
        return _("Listing #{listing} changed: {price}, cap {cap}, delivery in {days} days").format(
            listing=e["listing"],
            price=m(e["price"], currency),
            cap=e.get("cap", ""),
            days=f"{e.get('delivery_days', 0):g}",
        )
    if kind == api.LISTING_CHANGED:
        return _("Listing #{listing} set to {status}").format(
            listing=e["listing"], status=str(STATUS.get(str(e.get("status")), e.get("status")))
        )
    if kind == api.HOURS_CHANGED:
        return _(
            "Hours: {weekday} h each weekday evening, {weekend} h each weekend day, up to "
            "{overtime} h of overtime a week ({weekly} h a week)"
        ).format(
            weekday=f"{e.get('weekday', 0):g}",
            weekend=f"{e.get('weekend', 0):g}",
            overtime=f"{e.get('overtime', 0):g}",
            weekly=f"{e.get('weekly', 0):g}",
        )
    if kind in (api.DECISION_ANSWERED, api.DECISION_DEFAULTED):
        dk = str(e.get("decision_kind", ""))
        title = str(DECISION_NAME.get(dk) or DECISION_TITLE.get(dk) or dk.replace("_", " "))
        what = _option(dk, str(e.get("option", "")))
        if kind == api.DECISION_DEFAULTED:
            return _("{decision}: not answered in time; the default applied: {option}").format(
                decision=title, option=what
            )
        return _("{decision}: {option}").format(decision=title, option=what)
    return event_sentence(e, currency) or kind.replace("_", " ")


def decisions(engine: Engine) -> tuple[Decision, ...]:
    sc = engine.scenario
    names = {c.id: c.name for c in sc.categories}
    out = []
    for ev in engine.events():
        if ev.kind not in DECISION_KINDS:
            continue
        e = ev.as_dict()
        out.append(
            Decision(
                t=float(e["t"]),
                moment=_moment(sc.start_date, float(e["t"])),
                kind=ev.kind,
                decision_kind=str(e.get("decision_kind", "")),
                option=str(e.get("option", "")),
                text=decision_text(e, sc.currency, names),
            )
        )
    return tuple(out)


def build(engine: Engine, progress: LessonProgress | None = None) -> Report:
    """The report of a game as it stands (the months closed so far)."""
    sc = engine.scenario
    lesson = progress.lesson if progress is not None else None
    return Report(
        scenario=sc.name,
        description=scenario_text(sc.description.strip()),
        player=scenario_text(sc.player.name),
        seed=engine.seed,
        currency=sc.currency,
        start=sc.start_date,
        now=engine.snapshot_date(),
        months=tuple(engine.month_records()),
        lesson=lesson,
        scorecard=engine_scorecard(engine, lesson) if lesson is not None else None,
        decisions=decisions(engine),
        classroom=progress.classroom if progress is not None else None,
        counts=mission_counts(engine, lesson) if lesson is not None else None,
        settings=engine_settings(engine),
        save=api.save_data(
            engine, "result", progress.save_fields() if progress is not None else None
        ),
    )

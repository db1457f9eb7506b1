"""The running game without Textual: the engine, its lock, views, saves and time slices.

The app holds one ``Game``. Only one thread touches the engine at a time
(``Game.lock``): the time worker takes it for each slice of at most a day, the
UI thread for an action. Everything leaving this module is immutable
(``GameView``, ``Outcome``), so screens never see a live engine.

Imports no Textual, so it can be tested and benchmarked on its own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from gigsim.engine import api
from gigsim.engine.api import (
    Action,
    ActionResult,
    CancelFn,
    Engine,
    Event,
    Notice,
    ProgressFn,
    Snapshot,
)
from gigsim.errors import BadInput
from gigsim.i18n import _, language
from gigsim.lessons.progress import LessonProgress, from_save
from gigsim.model.scenario import Scenario
from gigsim.text.sentences import event_sentence
from gigsim.text.units import clock
from gigsim.tui.mission import Mission, MissionView
from gigsim.tui.saves_folder import SaveInfo as SaveInfo  # re-exported: they were here
from gigsim.tui.saves_folder import clean_stale_temps
from gigsim.tui.saves_folder import list_saves as list_saves
from gigsim.tui.saves_folder import save_dir as save_dir

Mode = Literal["day", "week", "month", "until"]
Stop = Literal["reached", "decision", "month", "paused"]
LOG_LENGTH = 60
UNTIL_LIMIT_DAYS = 92.0  # "run until something needs you" gives up after about a quarter


def scenario_with(base: Scenario, name: str, weekday: float, weekend: float) -> Scenario:
    """``base`` with the player's name and weekly hours, validated like a scenario file."""
    player = base.player.model_copy(
        update={
            "name": name,
            "hours": base.player.hours.model_copy(update={"weekday": weekday, "weekend": weekend}),
        }
    )
    data = base.model_copy(update={"player": player}).model_dump(mode="json")
    try:
        return Scenario.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err.get("loc", ()))
        raise BadInput(_("new game"), loc or None, err.get("msg", "invalid")) from None


@dataclass(frozen=True)
class GameView:
    """Everything the screens render: one snapshot plus the game's identity and log."""

    snapshot: Snapshot
    log: tuple[str, ...]  # newest first
    currency: str
    start: dt.date
    scenario: str
    seed: int
    player: str
    categories: tuple[tuple[str, str, str], ...]  # (id, name, status)
    running: bool = False
    mission: MissionView | None = None  # a lesson game's mission
    notices: tuple[Notice, ...] = ()  # the explanations given so far, oldest first
    salaried: bool = True  # the player is a salaried worker (the ¥200,000 rule applies)


@dataclass(frozen=True)
class Outcome:
    stop: Stop
    new_decisions: tuple[int, ...] = ()
    closed_months: tuple[dict[str, Any], ...] = ()
    previous_month: dict[str, Any] | None = None
    autosave: str = ""  # path written, or an error line


@dataclass
class Game:
    engine: Engine
    source: str
    saves: Path
    lock: threading.RLock = field(default_factory=threading.RLock)
    last_autosave: Path | None = None
    quiet: frozenset[str] = (
        frozenset()
    )  # decision kinds that wait in the inbox without stopping time
    lesson: LessonProgress | None = None  # the lesson this game plays, if any
    reports: Path | None = None  # where the report to hand in is written (None: the saves)

    def __post_init__(self) -> None:
        self._log: deque[str] = deque(maxlen=LOG_LENGTH)
        self._logged: deque[Event] = deque(maxlen=LOG_LENGTH)  # the events behind the lines
        self._log_language = language()
        self._seen = 0
        self.mission = Mission(self.lesson, self.engine) if self.lesson is not None else None
        self._read_events()
        clean_stale_temps(self.saves)

    # -- reading ----------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.engine.scenario

    def _read_events(self) -> None:
        new = self.engine.events(self._seen)
        self._seen += len(new)
        if self.mission is not None:
            self.mission.feed(new)
        if self._log_language != language():  # switched: the log is written again in it
            self._log_language = language()
            lines = (self._line(e) for e in self._logged)  # newest first, as the log is
            self._log = deque((line for line in lines if line), maxlen=LOG_LENGTH)
        for e in new[-LOG_LENGTH:]:
            line = self._line(e)
            if line:
                self._log.appendleft(line)
                self._logged.appendleft(e)

    def _line(self, e: Event) -> str | None:
        """The log's line for an event in the current language, or None for market noise."""
        sc = self.scenario
        data = e.as_dict()
        if "option" in data and "decision_kind" in data:  # the option in words
            data["option_text"] = _(api.option_text(data["decision_kind"], data["option"]))
        text = event_sentence(data, sc.currency)
        return f"{clock(e.t, sc.start_date)}  {text}" if text else None

    def view(self, running: bool = False) -> GameView:
        with self.lock:
            self._read_events()
            sc = self.scenario
            snapshot = self.engine.snapshot()
            return GameView(
                snapshot=snapshot,
                log=tuple(self._log),
                currency=sc.currency,
                start=sc.start_date,
                scenario=sc.name,
                seed=self.engine.seed,
                player=sc.player.name,
                categories=tuple((c.id, c.name, c.status) for c in sc.categories),
                running=running,
                mission=self.mission.view(snapshot) if self.mission is not None else None,
                notices=self.engine.notices(),
                salaried=sc.player.salaried,
            )

    # -- acting -----------------------------------------------------------
    def apply(self, action: Action) -> ActionResult:
        with self.lock:
            return self.engine.apply(action)

    def payout_preview(self, amount: int) -> tuple[int, str]:
        with self.lock:
            return self.engine.payout_preview(amount)

    # -- time -------------------------------------------------------------
    def _target(self, mode: Mode) -> float:
        e = self.engine
        now = e.now
        if mode == "day":
            return math.floor(now + 1e-9) + 1.0
        if mode == "week":
            return math.floor(now + 1e-9) + 7.0
        if mode == "month":
            return e.month_end(len(e.months) + 1)
        return now + UNTIL_LIMIT_DAYS

    def advance(
        self,
        mode: Mode,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[GameView], None] | None = None,
    ) -> Outcome:
        """Advance in slices of at most a day; stop at the target, a new decision or a month's close."""
        e = self.engine
        with self.lock:
            target = self._target(mode)
            seen = set(e.waiting_decisions())
            closed_before = len(e.months)
        last_progress = time.monotonic()
        while True:
            with self.lock:
                if e.now >= target:
                    return Outcome("reached")
                stop_at = min(target, e.now + 1.0, e.month_end(len(e.months) + 1))
                if e.waiting_decisions():
                    # Old decisions still wait: walk an hour at a time to spot new ones.
                    e.advance_to(min(stop_at, e.now + 1.0 / 24.0))
                else:
                    e.advance_until_decision(stop_at)
                if len(e.months) > closed_before:
                    return self._month_closed(closed_before)
                new = tuple(d for d in e.waiting_decisions(self.quiet) if d not in seen)
                if new:
                    return Outcome("decision", new_decisions=new)
            if cancelled():
                return Outcome("paused")
            if progress is not None and time.monotonic() - last_progress > 0.1:
                last_progress = time.monotonic()
                progress(self.view(running=True))

    def _month_closed(self, closed_before: int) -> Outcome:
        months = [m.as_dict() for m in self.engine.months]
        prev = months[closed_before - 1] if closed_before > 0 else None
        return Outcome(
            "month",
            closed_months=tuple(months[closed_before:]),
            previous_month=prev,
            autosave=self.autosave(),
        )

    # -- saves ------------------------------------------------------------
    def _slug(self) -> str:
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{self.scenario.player.name}-{self.scenario.name}")
        return f"{name.strip('-') or 'game'}-seed{self.engine.seed}"

    def _report_slug(self) -> str:
        """The report's name: a class game's by its student (in any script: a teacher sorts
        the files handed in by name), another's as its saves are named."""
        room = self.lesson.classroom if self.lesson is not None else None
        if room is None or not room.student:
            return self._slug()
        student = re.sub(r"[^\w-]+", "-", room.student).strip("-") or "student"
        return f"{student}-{self.scenario.name}-seed{self.engine.seed}"

    def autosave(self) -> str:
        """Write the autosave atomically; return its path, or a readable error line."""
        try:
            path = self.save(f"autosave-{self._slug()}.json", label="autosave")
        except BadInput as e:
            return e.line()
        self.last_autosave = path
        return str(path)

    def save(self, filename: str | None = None, label: str = "saved") -> Path:
        with self.lock:
            if filename is None:
                filename = f"{self._slug()}-{self.engine.snapshot_date()}.json"
            try:
                self.saves.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise BadInput(
                    str(self.saves),
                    None,
                    _("cannot create the saves folder {folder}: {why}").format(
                        folder=self.saves, why=e.strerror or e
                    ),
                ) from None
            extra = self.lesson.save_fields() if self.lesson is not None else None
            return api.save_game(self.engine, self.saves / filename, label=label, extra=extra)

    def set_student(self, name: str) -> None:
        """The student's name for a class game's results (a save from now on keeps it)."""
        if self.lesson is not None and self.mission is not None:
            self.lesson = self.mission.progress = self.lesson.with_student(name)

    def mission_reported(self) -> None:
        """The mission's report has been shown: a save from now on says so."""
        if self.lesson is not None and self.mission is not None:
            self.lesson = self.mission.progress = self.lesson.shown()

    def write_report(self) -> list[Path]:
        """Write the report to hand in (Markdown and CSV) into ``reports``, never over an earlier
        one (a second report of the same day is ``…-2``); return the files."""
        from gigsim.handin import FORMATS, build, report_paths, write_report

        with self.lock:
            report = build(self.engine, self.lesson)
            base = f"report-{self._report_slug()}-{self.engine.snapshot_date()}"
        folder = self.reports if self.reports is not None else self.saves / "reports"
        stem, n = base, 1
        while any(p.exists() for p in report_paths(folder, stem, FORMATS)):  # keep earlier ones
            n += 1
            stem = f"{base}-{n}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BadInput(
                str(folder),
                None,
                _("cannot create the folder: {why}").format(why=e.strerror or e),
            ) from None
        return write_report(report, folder, stem, FORMATS)

    def save_new(self, prefix: str, label: str) -> Path:
        """Save under a name no file in the folder has yet (a rescue never replaces a save)."""
        with self.lock:
            stem = f"{prefix}-{self._slug()}-{self.engine.snapshot_date()}"
            n = 1
            while (self.saves / (name := f"{stem}{'' if n == 1 else f'-{n}'}.json")).exists():
                n += 1
            return self.save(name, label=label)

    def rewind(
        self,
        month: int,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> Game:
        """A new game from the start of ``month`` (may run long: see ``load``).

        The lock is held only while the journal is copied, so the replay may
        run in a worker while this game stays usable.
        """
        with self.lock:
            if month < 1 or month > self.engine.months_closed() + 1:
                raise ValueError(
                    _("month {month} is not in the past of this game").format(month=month)
                )
            data = api.save_data(self.engine)
        engine = api.branch(data, month, progress, cancelled)
        lesson = self.lesson.rewound(month) if self.lesson is not None else None
        return Game(engine, self.source, self.saves, lesson=lesson, reports=self.reports)


def load(
    path: Path,
    save_folder: Path,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    reports: Path | None = None,
) -> Game:
    """Load a save by replaying it; raises ``BadInput`` with one readable line.

    A long game takes seconds to replay: ``progress`` hears how far it is and
    ``cancelled`` is asked as often; when it says True, ``api.Cancelled`` is
    raised and nothing else has changed.
    """
    try:
        lesson = from_save(api.read_header(path), str(path))
        engine = api.load_game(path, progress, cancelled)
    except (BadInput, api.Cancelled):
        raise
    except Exception as e:  # a save that breaks the replay is still only a bad file
        raise BadInput(
            str(path), None, _("cannot replay: {error}").format(error=f"{type(e).__name__}: {e}")
        ) from None
    return Game(engine, engine.scenario.name, save_folder, lesson=lesson, reports=reports)

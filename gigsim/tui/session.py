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
import os
import re
import stat
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import ValidationError

from gigsim.engine import api
from gigsim.engine.api import (
    Action,
    ActionResult,
    CancelFn,
    Engine,
    Event,
    ProgressFn,
    Snapshot,
)
from gigsim.errors import BadInput
from gigsim.i18n import N_, _, language
from gigsim.model.scenario import Scenario
from gigsim.text.sentences import event_sentence
from gigsim.text.units import clock

Mode = Literal["day", "week", "month", "until"]
Stop = Literal["reached", "decision", "month", "paused"]
LOG_LENGTH = 60
UNTIL_LIMIT_DAYS = 92.0  # "run until something needs you" gives up after about a quarter


STALE_TEMP_SECONDS = 60.0  # a temporary file this old is not being written any more
MAX_TITLE_FIELD = 40  # characters of a field read from a save file shown in the list
SAVE_LABELS = (N_("autosave"), N_("saved"), N_("saved after an internal error"))
"""The labels the game writes into its saves (in English, as data); shown translated."""


def save_dir(env: dict[str, str] | None = None) -> Path:
    """$GIGSIM_SAVE_DIR, else the platform's folder for user data (platformdirs) + ``saves``:
    ``$XDG_DATA_HOME/gigsim`` or ``~/.local/share/gigsim`` on Linux, ``~/Library/Application
    Support/gigsim`` on macOS, ``%LOCALAPPDATA%\\gigsim`` on Windows."""
    env = dict(os.environ) if env is None else env
    if env.get("GIGSIM_SAVE_DIR"):
        return Path(env["GIGSIM_SAVE_DIR"]).expanduser()
    return Path(platformdirs.user_data_dir("gigsim", appauthor=False)) / "saves"


def clean_stale_temps(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove what interrupted saves left in ``folder``: ``.NAME.json.*.tmp`` files (the
    atomic writer's pattern) older than ``older_than`` seconds; return those removed.

    Younger ones may belong to a save being written right now (another game
    open on the same folder), so they stay.
    """
    removed = []
    cutoff = time.time() - older_than
    try:
        candidates = list(folder.glob(".*.json.*.tmp"))
    except OSError:
        return []
    for p in candidates:
        try:
            st = p.lstat()
            if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                p.unlink()
                removed.append(p)
        except OSError:
            continue
    return removed


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


@dataclass(frozen=True)
class Outcome:
    stop: Stop
    new_decisions: tuple[int, ...] = ()
    closed_months: tuple[dict[str, Any], ...] = ()
    previous_month: dict[str, Any] | None = None
    autosave: str = ""  # path written, or an error line


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    title: str  # readable line, or the error line of a broken save
    ok: bool
    mtime: float = 0.0


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

    def __post_init__(self) -> None:
        self._log: deque[str] = deque(maxlen=LOG_LENGTH)
        self._logged: deque[Event] = deque(maxlen=LOG_LENGTH)  # the events behind the lines
        self._log_language = language()
        self._seen = 0
        self._read_events()
        clean_stale_temps(self.saves)

    # -- reading ----------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.engine.scenario

    def _read_events(self) -> None:
        new = self.engine.events(self._seen)
        self._seen += len(new)
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
            return GameView(
                snapshot=self.engine.snapshot(),
                log=tuple(self._log),
                currency=sc.currency,
                start=sc.start_date,
                scenario=sc.name,
                seed=self.engine.seed,
                player=sc.player.name,
                categories=tuple((c.id, c.name, c.status) for c in sc.categories),
                running=running,
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
            return api.save_game(self.engine, self.saves / filename, label=label)

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
        return Game(engine, self.source, self.saves)


def load(
    path: Path,
    save_folder: Path,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> Game:
    """Load a save by replaying it; raises ``BadInput`` with one readable line.

    A long game takes seconds to replay: ``progress`` hears how far it is and
    ``cancelled`` is asked as often; when it says True, ``api.Cancelled`` is
    raised and nothing else has changed.
    """
    try:
        engine = api.load_game(path, progress, cancelled)
    except (BadInput, api.Cancelled):
        raise
    except Exception as e:  # a save that breaks the replay is still only a bad file
        raise BadInput(
            str(path), None, _("cannot replay: {error}").format(error=f"{type(e).__name__}: {e}")
        ) from None
    return Game(engine, engine.scenario.name, save_folder)


def _field(value: Any) -> str:
    """A value read from a save file, fit for one line of the list."""
    text = "".join(c if c.isprintable() else "?" for c in str(value))
    return text if len(text) <= MAX_TITLE_FIELD else text[: MAX_TITLE_FIELD - 1] + "…"


def _title(data: dict[str, Any], name: str) -> str:
    summary = data.get("summary")
    if isinstance(summary, dict):
        scenario, player = summary.get("scenario_name", "?"), summary.get("player", "?")
    else:  # a full read of a save made before the summary was kept
        sc = data.get("scenario")
        scenario = sc.get("name", "?") if isinstance(sc, dict) else "?"
        pl = sc.get("player") if isinstance(sc, dict) else None
        player = pl.get("name", "?") if isinstance(pl, dict) else "?"
    fields = [data.get("date", "?"), scenario, _("seed {seed}").format(seed=data["seed"]), player]
    label = str(data.get("label") or "saved")
    shown = _(label) if label in SAVE_LABELS else label
    return "  ".join(_field(f) for f in fields) + f"  ({_field(shown)})  {_field(name)}"


def list_saves(folder: Path) -> list[SaveInfo]:
    """The save files in ``folder``, newest first; broken ones with their error line.

    Reads only each file's header (``api.read_header``), and never fails on
    a file, whatever it holds; stale temporary files of interrupted saves go.
    """
    try:
        if not folder.is_dir():
            return []
        clean_stale_temps(folder)
        paths = list(folder.glob("*.json"))
    except OSError:
        return []
    out = []
    for p in paths:
        try:
            mtime = p.stat().st_mtime
        except OSError:
            continue
        try:
            out.append(SaveInfo(p, _title(api.read_header(p), p.name), True, mtime))
        except BadInput as e:
            out.append(SaveInfo(p, f"✗ {e.short()}", False, mtime))
        except Exception as e:  # whatever a file holds, the list shows it as one line
            what = " ".join(f"{type(e).__name__}: {e}".split())[:120]
            line = _("{file}: not a readable save ({why})").format(file=p.name, why=what)
            out.append(SaveInfo(p, f"✗ {line}", False, mtime))
    out.sort(key=lambda s: -s.mtime)
    return out

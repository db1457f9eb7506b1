"""Saves are a journal: scenario, seed, model version and the player's actions.

SimPy processes are generators and cannot be pickled, so a save holds what
is needed to replay a game rather than its state: the whole scenario, the
seed, the model version, every action with the time and the number of
simulation steps at which it was taken, a fingerprint of the state and a few
readable figures of it (month, balance, orders, ...). Loading replays the
journal and checks the fingerprint; the figures say what differs when it does
not match. This gives rewind to any earlier month and branching ("what if I
had kept my price?") for free.

A save is checked before anything is replayed: every count and time in it
must be one the recorded game can have reached, so a hostile number is one
refused line, not a long replay. Replays report progress and can be cancelled
between slices of a few thousand steps.

Files are written atomically (temporary file, then rename): a failed save
never damages an earlier one. Every problem with a save file is a
``BadInput`` naming the file and the field.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gigsim import MODEL_VERSION, __version__
from gigsim.engine.accounts import P_BALANCE
from gigsim.engine.actions import Action, action_from_dict
from gigsim.engine.calendar import horizon_days, month_starts
from gigsim.engine.facade import Engine
from gigsim.engine.save_files import (
    MAX_ACTIONS,
    MAX_SAVE_BYTES,
    SAVE_FORMAT,
    SAVE_VERSION,
    check_save,
    read_header,
    read_save,
)
from gigsim.errors import BadInput
from gigsim.fileio import write_atomic
from gigsim.model.scenario import Player, Scenario

__all__ = [
    "MAX_ACTIONS",
    "MAX_SAVE_BYTES",
    "Cancelled",
    "Progress",
    "load_data",
    "load_game",
    "read_header",
    "read_save",
    "replay",
    "rewind",
    "save_game",
]

REPLAY_CHUNK = 4096  # steps between two looks at the progress callback and the cancel check
PROGRESS_EVERY = 0.05  # seconds between two progress reports
FIGURES = ("month", "balance", "orders", "completed", "reviews", "events")
_OWN_KEYS = ("scenario", "actions", "fingerprint", "humans")
_EDITED = "the file was edited or damaged"


class Cancelled(Exception):
    """A replay stopped because its caller's cancellation check said so."""


@dataclass(frozen=True)
class Progress:
    """How far a replay has come: the month it is in, of the months it must reach."""

    month: int
    months: int


ProgressFn = Callable[[Progress], None]
CancelFn = Callable[[], bool]


def figures(engine: Engine) -> dict[str, int]:
    """A few readable figures of the state, saved beside the fingerprint."""
    w = engine._world  # the saved figures read the player's live record
    p = w.player
    return {
        "month": w.month_index + 1,
        "balance": w.ledger.balance(P_BALANCE),
        "orders": sum(lst.sold for lst in p.listings),
        "completed": p.completed,
        "reviews": p.n_reviews,
        "events": len(w.events),
    }


def save_data(
    engine: Engine, label: str = "", extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """What a save file holds. ``extra`` adds a front end's own fields (the game's lesson),
    written before the scenario so that ``read_header`` reads them; loading ignores them."""
    sc = engine.scenario
    data: dict[str, Any] = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "gigsim_version": __version__,
        "model_version": MODEL_VERSION,
        "label": label,
        "seed": engine.seed,
        "policy": engine.policy_name,
        "t": engine.now,
        "steps": engine.steps,
        "date": engine.snapshot_date(),
        # read alone by the saves list (``save_files.read_header``): keep it before "scenario"
        "summary": {"scenario_name": sc.name, "player": sc.player.name, **figures(engine)},
    }
    for key, value in (extra or {}).items():
        if key in data or key in _OWN_KEYS:
            raise ValueError(f"{key!r} is a field of the save itself")
        data[key] = value
    data["scenario"] = sc.model_dump(mode="json")
    data["actions"] = [{"t": t, "steps": n, "action": a} for t, n, a in engine.journal]
    data["fingerprint"] = engine.fingerprint()
    if engine.humans:  # a market with more human players; a one-player save stays as it was
        data["humans"] = [h.model_dump(mode="json") for h in engine.humans]
    return data


def save_game(
    engine: Engine, path: str | Path, label: str = "", extra: Mapping[str, Any] | None = None
) -> Path:
    p = Path(path)
    data = save_data(engine, label, extra)
    write_atomic(p, [json.dumps(data, ensure_ascii=False, indent=1), "\n"], "save")
    return p


def _scenario(data: dict[str, Any], src: str) -> Scenario:
    try:
        return Scenario.model_validate(data["scenario"])
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err.get("loc", ()))
        raise BadInput(
            src, f"scenario.{loc}" if loc else "scenario", err.get("msg", "invalid")
        ) from None


def _number(entry: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = entry.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ValueError(f"{key} is missing or not a number")
    return value


def _actions(data: dict[str, Any], src: str) -> list[tuple[float, int, Action, str | None]]:
    """Every action, checked before anything runs: times finite, in order and within the save.

    An action of a player other than the first names its ``seller``.
    """
    end_t, end_steps = float(data["t"]), data["steps"]
    out: list[tuple[float, int, Action, str | None]] = []
    last_t, last_steps = 0.0, 0
    for i, entry in enumerate(data["actions"]):
        where = f"actions.{i}"
        try:
            if not isinstance(entry, dict) or not isinstance(entry.get("action"), dict):
                raise ValueError("not a mapping with an action")
            t = float(_number(entry, "t", (int, float)))
            steps = _number(entry, "steps", int)
            fields = dict(entry["action"])
            seller = fields.pop("seller", None)
            if seller is not None and not isinstance(seller, str):
                raise ValueError("seller must be a player's id")
            action = action_from_dict(fields)
        except (KeyError, TypeError, ValueError) as e:
            raise BadInput(src, where, f"not a valid action ({e})") from None
        if not math.isfinite(t) or not 0.0 <= t <= end_t:
            raise BadInput(
                src, f"{where}.t", f"{t!r} is not a time between 0 and the save's {end_t:g}"
            )
        if not 0 <= steps <= end_steps:
            raise BadInput(
                src, f"{where}.steps", f"{steps} is not between 0 and the save's {end_steps}"
            )
        if steps < last_steps or t < last_t:
            raise BadInput(src, where, "actions are out of order")
        out.append((t, steps, action, seller))
        last_t, last_steps = t, steps
    return out


def _months_to(start: dt.date, t: float) -> int:
    """The 1-based month that day ``t`` falls in."""
    d = start + dt.timedelta(days=math.floor(t))
    return (d.year - start.year) * 12 + d.month - start.month + 1


class _Watch:
    """Progress reports and the cancel check, looked at no more often than ``PROGRESS_EVERY``."""

    def __init__(
        self, engine: Engine, months: int, progress: ProgressFn | None, cancelled: CancelFn | None
    ) -> None:
        self.engine, self.months = engine, months
        self.progress, self.cancelled = progress, cancelled
        self.last = -math.inf

    @property
    def active(self) -> bool:
        return self.progress is not None or self.cancelled is not None

    def tick(self, _now: float = 0.0) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None:
            month = min(self.engine.months_closed() + 1, self.months)
            self.progress(Progress(month, self.months))


def _replay_to(engine: Engine, steps: int, t: float, watch: _Watch) -> bool:
    """``engine.replay_to_step`` in slices, so that progress shows and a cancel is heard."""
    if not watch.active:
        return engine.replay_to_step(steps, t)
    while True:
        target = min(steps, engine.steps + REPLAY_CHUNK)
        if not engine.replay_to_step(target, t):
            return False
        if target >= steps:
            return True
        watch.tick()


def _why(data: dict[str, Any]) -> str:
    """Why a save of this model may not replay: another gigsim made it, or it was changed."""
    made_by = data.get("gigsim_version")
    if isinstance(made_by, str) and made_by != __version__:
        return f"saved by gigsim {made_by[:20]}; this is gigsim {__version__}"
    return _EDITED


def _not_reached(data: dict[str, Any], src: str, field: str, steps: int, t: float) -> BadInput:
    return BadInput(
        src,
        field,
        f"{_why(data)}: it does not replay to the state it recorded "
        f"(the game has no step {steps} by day {t:.6g})",
    )


def _engine(data: dict[str, Any], src: str, scenario: Scenario) -> Engine:
    policy = data.get("policy")
    if policy is not None and not isinstance(policy, str):
        raise BadInput(src, "policy", "must be a policy name or null")
    humans = data.get("humans", [])
    if not isinstance(humans, list):
        raise BadInput(src, "humans", "must be a list of players")
    players = []
    for i, h in enumerate(humans):
        try:
            players.append(Player.model_validate(h))
        except ValidationError as e:
            raise BadInput(
                src, f"humans.{i}", f"not a valid player ({e.errors()[0]['msg']})"
            ) from None
    try:
        return Engine(scenario, data["seed"], policy=policy, humans=players)
    except KeyError as e:
        raise BadInput(src, "policy", str(e)) from None


def replay(
    data: dict[str, Any],
    src: str,
    until_steps: int | None = None,
    until_t: float | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> Engine:
    """Build a fresh engine and replay the journal (optionally only up to a point).

    ``progress`` is told the month reached now and then; ``cancelled`` is asked
    as often, and when it answers True the replay raises ``Cancelled``.
    """
    scenario = _scenario(data, src)
    horizon = horizon_days(scenario.start_date)
    if float(data["t"]) > horizon:
        raise BadInput(src, "t", f"day {data['t']:g} is past the game's last month ({horizon:g})")
    entries = _actions(data, src)
    engine = _engine(data, src, scenario)
    end_t = float(data["t"]) if until_t is None else min(float(data["t"]), until_t)
    watch = _Watch(engine, _months_to(scenario.start_date, end_t), progress, cancelled)
    for i, (t, steps, action, seller) in enumerate(entries):
        if until_steps is not None and steps > until_steps:
            break
        if until_t is not None and t >= until_t:
            break
        if not _replay_to(engine, steps, t, watch):
            raise _not_reached(data, src, f"actions.{i}.steps", steps, t)
        if engine.now != t:
            raise BadInput(
                src,
                f"actions.{i}.t",
                f"{_why(data)}: it does not replay to the state it recorded "
                f"(the game is not at day {t:.6g} at step {steps})",
            )
        try:
            engine.apply(action, seller)
        except Exception as e:  # an edited action the engine cannot take is still a bad file
            raise BadInput(
                src, f"actions.{i}", f"cannot be applied: {type(e).__name__}: {e}"
            ) from None
        if watch.active:
            watch.tick()
    return engine


def _diverged(data: dict[str, Any], engine: Engine, src: str) -> BadInput:
    """Say what differs between the recorded state and the replayed one."""
    problem = f"{_why(data)}: it does not replay to the state it recorded"
    recorded = data.get("summary")
    if not isinstance(recorded, dict):  # saves made before the figures were kept
        return BadInput(src, "fingerprint", problem)
    now = figures(engine)
    diffs = [
        f"{k} {str(recorded[k])[:20]} recorded, {now[k]} replayed"
        for k in FIGURES
        if k in recorded and recorded[k] != now[k]
    ]
    what = "; ".join(diffs) or (
        f"{', '.join(FIGURES[:-1])} and {FIGURES[-1]} are as recorded: something else differs"
    )
    return BadInput(src, "fingerprint", f"{problem} ({what})")


def load_game(
    path: str | Path, progress: ProgressFn | None = None, cancelled: CancelFn | None = None
) -> Engine:
    """Load a save by replaying it; refuse one that no longer replays to its fingerprint."""
    return load_data(read_save(path), str(path), progress, cancelled)


def load_data(
    data: Any,
    src: str,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> Engine:
    """``load_game`` of a save's content carried in another file (a result handed in), checked
    as a save file is; ``src`` names it in errors."""
    data = check_save(data, src)
    engine = replay(data, src, progress=progress, cancelled=cancelled)
    watch = _Watch(engine, _months_to(engine.scenario.start_date, data["t"]), progress, cancelled)
    if not _replay_to(engine, data["steps"], float(data["t"]), watch):
        raise _not_reached(data, src, "steps", data["steps"], float(data["t"]))
    if engine.fingerprint() != data.get("fingerprint"):
        raise _diverged(data, engine, src)
    return engine


def rewind(
    engine: Engine,
    month: int,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> Engine:
    """A new engine at the start of 1-based ``month``, with the actions taken before it.

    The returned engine's journal ends there, so playing on is a new branch.
    """
    if month < 1 or month > engine.months_closed() + 1:
        raise ValueError(f"month {month} is not in the past of this game")
    return branch(save_data(engine), month, progress, cancelled)


def branch(
    data: dict[str, Any],
    month: int,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> Engine:
    """``rewind`` from a game's save data (taken while the game was held still)."""
    if month < 1:
        raise ValueError(f"month {month} is not in the past of this game")
    start_date = dt.date.fromisoformat(data["scenario"]["start_date"])
    start = month_starts(start_date, month - 1, month - 1)[-1]
    again = replay(data, "rewind", until_t=start, progress=progress, cancelled=cancelled)
    watch = _Watch(again, month, progress, cancelled)
    again.advance_to(
        again.month_end(month - 1) if month > 1 else start, watch.tick if watch.active else None
    )
    return again

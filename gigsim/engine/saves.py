"""Saves are a journal: scenario, seed, model version and the player's actions.

SimPy processes are generators and cannot be pickled, so a save holds what
is needed to replay a game rather than its state: the whole scenario, the
seed, the model version, every action with the time and the number of
simulation steps at which it was taken, and a fingerprint of the state.
Loading replays the journal and checks the fingerprint. This gives rewind to
any earlier month and branching ("what if I had kept my price?") for free.

Files are written atomically (temporary file, then rename): a failed save
never damages an earlier one. Every problem with a save file is a
``BadInput`` naming the file and the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gigsim import MODEL_VERSION, __version__
from gigsim.engine.actions import action_from_dict
from gigsim.engine.facade import Engine
from gigsim.errors import BadInput
from gigsim.fileio import write_atomic
from gigsim.model.scenario import Scenario

SAVE_FORMAT = "gigsim-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024
_DIVERGED = (
    "this save does not replay to the state it recorded "
    "(saved by gigsim {}, model {}; this is gigsim {}, model {})"
)


def save_data(engine: Engine, label: str = "") -> dict[str, Any]:
    return {
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
        "scenario": engine.scenario.model_dump(mode="json"),
        "actions": [{"t": t, "steps": n, "action": a} for t, n, a in engine.journal],
        "fingerprint": engine.fingerprint(),
    }


def save_game(engine: Engine, path: str | Path, label: str = "") -> Path:
    p = Path(path)
    write_atomic(
        p, [json.dumps(save_data(engine, label), ensure_ascii=False, indent=1), "\n"], "save"
    )
    return p


def read_save(path: str | Path) -> dict[str, Any]:
    """Read and check a save file's structure (not yet its replay)."""
    p = Path(path)
    src = str(p)
    if not p.exists():
        raise BadInput(src, None, "no such file")
    if p.is_dir():
        raise BadInput(src, None, "is a directory, not a save file")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise BadInput(src, None, f"cannot read: {e.strerror or e}") from None
    if len(raw) > MAX_SAVE_BYTES:
        raise BadInput(src, None, "too large for a save file")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BadInput(src, None, f"not a gigsim save (corrupted or not JSON: {e})") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise BadInput(src, "format", "not a gigsim save")
    if data.get("version") != SAVE_VERSION:
        raise BadInput(src, "version", f"save format {data.get('version')!r} is not supported")
    for key, kind in (("seed", int), ("steps", int), ("t", (int, float)), ("actions", list)):
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            raise BadInput(src, key, "missing or of the wrong type")
    if not isinstance(data.get("scenario"), dict):
        raise BadInput(src, "scenario", "missing or not a mapping")
    made_by = data.get("model_version")
    if made_by is not None and made_by != MODEL_VERSION:
        raise BadInput(
            src,
            "model_version",
            f"made with model {made_by} of the simulation; this gigsim runs model "
            f"{MODEL_VERSION} and cannot replay it (start a new game)",
        )
    return data


def _diverged(data: dict[str, Any], src: str) -> BadInput:
    return BadInput(
        src,
        "fingerprint",
        _DIVERGED.format(
            data.get("gigsim_version", "?"),
            data.get("model_version", "?"),
            __version__,
            MODEL_VERSION,
        ),
    )


def _scenario(data: dict[str, Any], src: str) -> Scenario:
    try:
        return Scenario.model_validate(data["scenario"])
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err.get("loc", ()))
        raise BadInput(
            src, f"scenario.{loc}" if loc else "scenario", err.get("msg", "invalid")
        ) from None


def replay(
    data: dict[str, Any], src: str, until_steps: int | None = None, until_t: float | None = None
) -> Engine:
    """Build a fresh engine and replay the journal (optionally only up to a point)."""
    scenario = _scenario(data, src)
    policy = data.get("policy")
    if policy is not None and not isinstance(policy, str):
        raise BadInput(src, "policy", "must be a policy name or null")
    try:
        engine = Engine(scenario, data["seed"], policy=policy)
    except KeyError as e:
        raise BadInput(src, "policy", str(e)) from None
    last_steps, last_t = 0, 0.0
    for i, entry in enumerate(data["actions"]):
        try:
            t, steps, raw = float(entry["t"]), int(entry["steps"]), dict(entry["action"])
            action = action_from_dict(raw)
        except (KeyError, TypeError, ValueError) as e:
            raise BadInput(src, f"actions.{i}", f"not a valid action ({e})") from None
        if steps < last_steps or t < last_t:
            raise BadInput(src, f"actions.{i}", "actions are out of order")
        if until_steps is not None and steps > until_steps:
            break
        if until_t is not None and t >= until_t:
            break
        engine.replay_to_step(steps, t)
        if engine.now != t:
            raise _diverged(data, src)
        engine.apply(action)
        last_steps, last_t = steps, t
    return engine


def load_game(path: str | Path) -> Engine:
    """Load a save by replaying it; refuse one that no longer replays to its fingerprint."""
    src = str(path)
    data = read_save(path)
    engine = replay(data, src)
    engine.replay_to_step(data["steps"], float(data["t"]))
    if engine.fingerprint() != data.get("fingerprint"):
        raise _diverged(data, src)
    return engine


def rewind(engine: Engine, month: int) -> Engine:
    """A new engine at the start of 1-based ``month``, with the actions taken before it.

    The returned engine's journal ends there, so playing on is a new branch.
    """
    if month < 1 or month > engine.world.month_index + 1:
        raise ValueError(f"month {month} is not in the past of this game")
    data = save_data(engine)
    start = engine.month_start(month)
    again = replay(data, "rewind", until_t=start)
    again.advance_to(again.month_end(month - 1) if month > 1 else start)
    return again

"""Reading save files safely: bounded reads, guarded JSON, the header's checks.

Any file can sit in the saves folder (a save from another version, a file
edited by hand, a hostile one, a pipe named ``x.json``), and the saves list
reads every one, so nothing here may hang, crash or take long: only regular
files are opened, reads are bounded, and JSON that would exhaust the parser
(deep nesting, huge integers) is one ``BadInput`` line like any other damage.

``read_header`` is the saves list's cheap read: the fields written before the
scenario (seed, time, date and a summary), parsed from the file's first
kilobytes when the file is laid out as the game writes it.
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

from gigsim import MODEL_VERSION
from gigsim.engine.calendar import MAX_MONTHS
from gigsim.errors import BadInput

SAVE_FORMAT = "gigsim-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024
MAX_ACTIONS = 500_000  # far more than decades of play; a 32 MB file holds fewer anyway
HEADER_BYTES = 64 * 1024
MAX_SAVE_DAYS = MAX_MONTHS * 31.0  # a cheap bound; the scenario's calendar gives the exact one
_SCENARIO_KEY = b'\n "scenario": '  # the game writes one space of indent before top-level keys


def read_bytes(path: Path, limit: int = MAX_SAVE_BYTES, whole: bool = True) -> bytes:
    """The bytes of a regular file: all of them (refused past ``limit``), or with
    ``whole=False`` only the first ``limit`` and one more (to tell there is more)."""
    src = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise BadInput(src, None, "no such file") from None
    except OSError as e:
        raise BadInput(src, None, f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise BadInput(src, None, "is a directory, not a save file")
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(src, None, "not a regular file")
    too_large = BadInput(src, None, "too large for a save file")
    if whole and st.st_size > limit:
        raise too_large
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as e:
        raise BadInput(src, None, f"cannot read: {e.strerror or e}") from None
    if whole and len(raw) > limit:  # it grew since the stat
        raise too_large
    return raw


def parse_json(raw: bytes, src: str) -> Any:
    """JSON from UTF-8 bytes (a byte-order mark is allowed); every failure is a ``BadInput``."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise BadInput(src, None, f"not a gigsim save (not UTF-8 text: {e.reason})") from None
    except json.JSONDecodeError as e:
        raise BadInput(src, None, f"not a gigsim save (corrupted or not JSON: {e})") from None
    except ValueError:  # an integer of thousands of digits
        raise BadInput(src, None, "not a gigsim save (a number in it is too long)") from None
    except RecursionError:
        raise BadInput(src, None, "not a gigsim save (nested too deeply)") from None
    except MemoryError:
        raise BadInput(src, None, "not a gigsim save (too large to read)") from None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_header(data: Any, src: str) -> None:
    """The checks that need no scenario: format, versions, seed, time and step count."""
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise BadInput(src, "format", "not a gigsim save")
    if data.get("version") != SAVE_VERSION:
        version = data.get("version")
        shown = repr(version) if isinstance(version, (int, float, str)) else "of this kind"
        raise BadInput(src, "version", f"save format {shown[:40]} is not supported")
    made_by = data.get("model_version")
    if made_by is not None and made_by != MODEL_VERSION:
        raise BadInput(
            src,
            "model_version",
            f"made with model {str(made_by)[:40]} of the simulation; this gigsim runs model "
            f"{MODEL_VERSION} and cannot replay it (start a new game)",
        )
    for key in ("seed", "steps"):
        if not _is_int(data.get(key)):
            raise BadInput(src, key, "missing or not a whole number")
        if data[key] < 0:
            raise BadInput(src, key, f"must be 0 or more (got {data[key]})")
    t = data.get("t")
    if not isinstance(t, (int, float)) or isinstance(t, bool):
        raise BadInput(src, "t", "missing or not a number")
    # compared as given: a whole number too large for a float must not overflow here
    if (isinstance(t, float) and not math.isfinite(t)) or not 0 <= t <= MAX_SAVE_DAYS:
        shown = repr(t) if len(repr(t)) <= 24 else repr(t)[:20] + "…"
        raise BadInput(src, "t", f"{shown} is not a day of a game (0 to {MAX_SAVE_DAYS:g})")


def read_save(path: str | Path) -> dict[str, Any]:
    """Read and check a save file's structure and counts (not yet its replay)."""
    src = str(path)
    return check_save(parse_json(read_bytes(Path(path)), src), src)


def check_save(data: Any, src: str) -> dict[str, Any]:
    """Check a save's structure and counts, as read from a file or carried inside another."""
    check_header(data, src)
    if not isinstance(data.get("actions"), list):
        raise BadInput(src, "actions", "missing or of the wrong type")
    if len(data["actions"]) > MAX_ACTIONS:
        raise BadInput(src, "actions", f"more than {MAX_ACTIONS} actions: not a save of a game")
    if not isinstance(data.get("scenario"), dict):
        raise BadInput(src, "scenario", "missing or not a mapping")
    return data


def read_header(path: Path) -> dict[str, Any]:
    """The save's top-level fields before the scenario, checked like a full read's.

    A small file, or one not laid out as the game writes it (edited by hand,
    or from before saves had a summary), is read whole instead.
    """
    src = str(path)
    head = read_bytes(path, HEADER_BYTES, whole=False)
    cut = head.find(_SCENARIO_KEY)
    if len(head) <= HEADER_BYTES or cut < 0:
        return read_save(path)
    try:
        data = parse_json(head[:cut].rstrip().rstrip(b",") + b"}", src)
    except BadInput:
        return read_save(path)
    if not isinstance(data, dict) or not isinstance(data.get("summary"), dict):
        return read_save(path)
    check_header(data, src)
    return data

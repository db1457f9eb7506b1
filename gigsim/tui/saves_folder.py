"""The saves folder: where it is, the temporary files interrupted saves leave, and the list of
saves the game offers to load (each file's header only, never failing on one).

Imports no Textual.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from gigsim.engine import api
from gigsim.errors import BadInput
from gigsim.i18n import N_, _
from gigsim.scenarios.texts import text
from gigsim.text.units import day

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


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    title: str  # readable line, or the error line of a broken save
    ok: bool
    mtime: float = 0.0


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
    # the day as the language writes it; the player's name a shipped scenario's in it too
    when, who = _save_day(data.get("date", "?")), text(str(player))
    fields = [when, scenario, _("seed {seed}").format(seed=data["seed"]), who]
    label = str(data.get("label") or "saved")
    shown = _(label) if label in SAVE_LABELS else label
    return "  ".join(_field(f) for f in fields) + f"  ({_field(shown)})  {_field(name)}"


def _save_day(value: Any) -> str:
    try:
        return day(dt.date.fromisoformat(str(value)))
    except ValueError:  # a file's own text: shown as it is
        return str(value)


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

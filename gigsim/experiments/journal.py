"""The run journal: ``runs.jsonl`` in the output folder, one finished run per line.

Each record is appended, flushed and fsynced as soon as its run finishes,
so that Ctrl-C or a killed process loses no finished run. Reading stops at
the first line that does not parse (a run cut off while being written) and
cuts the file back to the last whole line before new records are appended.
When the experiment completes, the journal is rewritten sorted, atomically,
so that it too does not depend on the order runs finished in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gigsim.fileio import write_atomic

NAME = "runs.jsonl"
Key = tuple[int, int]


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def normalise(record: dict[str, Any]) -> dict[str, Any]:
    """A record as it reads back from the journal (so results never depend on the path taken)."""
    loaded: dict[str, Any] = json.loads(_line(record))
    return loaded


class Journal:
    def __init__(self, folder: Path) -> None:
        self.path = folder / NAME

    def load(self) -> dict[Key, dict[str, Any]]:
        """Records by (group, replication); a torn last line is cut off."""
        out: dict[Key, dict[str, Any]] = {}
        if not self.path.exists():
            return out
        good = 0
        with self.path.open("rb") as f:
            for raw in f:
                if not raw.endswith(b"\n"):
                    break
                try:
                    rec = json.loads(raw)
                    key = (int(rec["group"]), int(rec["replication"]))
                except (ValueError, KeyError, TypeError):
                    break
                out[key] = rec
                good += len(raw)
        if good != self.path.stat().st_size:
            with self.path.open("r+b") as f:
                f.truncate(good)
        return out

    def append(self, record: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as f:
            f.write(_line(record))
            f.flush()
            os.fsync(f.fileno())

    def rewrite(self, records: Iterable[dict[str, Any]]) -> None:
        write_atomic(self.path, (_line(r) for r in records), NAME)

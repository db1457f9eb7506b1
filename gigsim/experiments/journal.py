"""The run journal: ``runs.jsonl`` in the output folder, one finished run per line.

Each record is appended, flushed and fsynced as soon as its run finishes,
so that Ctrl-C or a killed process loses no finished run. A write that
fails (a full disk) is cut back to the last whole record and reported as
bad input: nothing already written is lost.

Reading keeps every whole line that is a finished run's record. A last line
without its newline (a run cut off while being written) is cut off the
file; a line that is not a record of the right shape (damaged by hand or by
the disk) is set aside, its run is run again, and ``damaged`` says which
lines they were. When the experiment completes, the journal is rewritten
sorted, atomically, so that it does not depend on the order runs finished in.

A record is self-describing: ``group``, ``replication``, ``seed``,
``totals`` (each ``runs.csv`` KPI by name) and ``months`` (one object per
month, each ``months.csv`` column by name). Journals of older gigsim
versions stored each month as a list of values: a list of the current
columns' length is read in their order (``upgrade``); any other is set aside
as damaged and its run is run again.

The journal is opened only if it is a regular file (``fileio.open_regular``):
a link or a FIFO put in its place is refused, never followed.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from numbers import Real
from pathlib import Path
from typing import Any

from gigsim.errors import BadInput
from gigsim.experiments.interrupts import shielded
from gigsim.experiments.runs import MONTH_KPIS, RUN_KPIS, month_kpi_kind
from gigsim.fileio import open_regular, write_atomic
from gigsim.i18n import _

NAME = "runs.jsonl"
Key = tuple[int, int]


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def normalise(record: dict[str, Any]) -> dict[str, Any]:
    """A record as it reads back from the journal (so results never depend on the path taken)."""
    loaded: dict[str, Any] = json.loads(_line(record))
    return loaded


def _number(v: Any) -> bool:
    """A figure of a run: None (no value) or a finite number (inf and NaN are damage)."""
    return v is None or (isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(v))


def _whole(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _row_problem(i: int, row: Any) -> str | None:
    if not isinstance(row, dict):
        return f"months.{i}: not an object of named values"
    missing = next((k for k in MONTH_KPIS if k not in row), None)
    if missing is not None:
        return f"months.{i}.{missing}: missing"
    extra = next((k for k in row if k not in MONTH_KPIS), None)
    if extra is not None:
        return f"months.{i}.{extra}: not a month's value"
    for k in MONTH_KPIS:
        v = row[k]
        ok = isinstance(v, str) if month_kpi_kind(k) == "str" else _number(v)
        if not ok:
            return f"months.{i}.{k}: not a {'text' if month_kpi_kind(k) == 'str' else 'number'}"
    return None


def upgrade(rec: Any) -> Any:
    """A record of an older journal (months as positional rows) with its months named.

    Older journals stored each month as a list of values in ``MONTH_KPIS``
    order, and 0.0 as the rating before the first review. A list of exactly
    that length is read as such, its rating made null when it has no reviews;
    any other list is left for ``record_problem`` to refuse.
    """
    if not isinstance(rec, dict) or not isinstance(rec.get("months"), list):
        return rec
    months = []
    for row in rec["months"]:
        if isinstance(row, list) and len(row) == len(MONTH_KPIS):
            row = dict(zip(MONTH_KPIS, row, strict=True))
            if not row["reviews"]:
                row["rating"] = None
        months.append(row)
    return {**rec, "months": months}


def record_problem(rec: Any) -> str | None:
    """What is wrong with a journal record's shape, or None for a finished run's record."""
    if not isinstance(rec, dict):
        return "not a JSON object"
    for key in ("group", "replication", "seed"):
        if not _whole(rec.get(key)):
            return f"{key}: missing or not a whole number"
    totals = rec.get("totals")
    if not isinstance(totals, dict):
        return "totals: missing or not an object"
    bad = next((k for k in RUN_KPIS if k not in totals or not _number(totals[k])), None)
    if bad is not None:
        return f"totals.{bad}: missing or not a number"
    months = rec.get("months")
    if not isinstance(months, list) or not months:
        return "months: missing or empty"
    for i, row in enumerate(months):
        if isinstance(row, list):
            return (
                f"months.{i}: neither a month's named values nor an older journal's row "
                f"of {len(MONTH_KPIS)} values"
            )
        problem = _row_problem(i, row)
        if problem is not None:
            return problem
    return None


class Journal:
    """``experiment`` is the plan's key: a record of another experiment is set aside and run
    again. A record without a key (an older journal) is kept only when ``unkeyed_ok``: its
    folder's manifest named this very experiment."""

    def __init__(
        self, folder: Path, experiment: str | None = None, unkeyed_ok: bool = False
    ) -> None:
        self.path = folder / NAME
        self.experiment = experiment
        self.unkeyed_ok = unkeyed_ok
        self.damaged: list[str] = []
        """Lines set aside by the last ``load``: "line N: problem"."""
        self.count = 0
        """Records loaded and appended since (what an interruption keeps)."""

    def load(self) -> dict[Key, dict[str, Any]]:
        """Records by (group, replication); a torn last line is cut off, damaged lines set aside."""
        out: dict[Key, dict[str, Any]] = {}
        self.damaged = []
        self.count = 0
        if not os.path.lexists(self.path):
            return out
        fd = open_regular(self.path, os.O_RDWR, NAME)
        with os.fdopen(fd, "r+b") as f:
            data = f.read()
            whole = data.rfind(b"\n") + 1
            for n, raw in enumerate(data[:whole].splitlines(), start=1):
                try:
                    rec = json.loads(raw)
                except (ValueError, RecursionError):  # nested too deeply is damage too
                    self.damaged.append(f"line {n}: not JSON")
                    continue
                rec = upgrade(rec)
                problem = record_problem(rec) or self._foreign(rec)
                if problem is not None:
                    self.damaged.append(f"line {n}: {problem}")
                    continue
                if self.experiment is not None:  # an older record, vouched for by its manifest
                    rec.setdefault("experiment", self.experiment)
                out[(rec["group"], rec["replication"])] = rec
            self.count = len(out)
            if whole != len(data):
                f.truncate(whole)
                f.flush()
                os.fsync(f.fileno())
        return out

    def _foreign(self, rec: dict[str, Any]) -> str | None:
        if self.experiment is None:
            return None
        key = rec.get("experiment")
        if key is None:
            return (
                None if self.unkeyed_ok else "a run of an unknown experiment (no key, no manifest)"
            )
        if key != self.experiment:
            return "a run of another experiment"
        return None

    def append(self, record: dict[str, Any]) -> None:
        """Add a finished run; on failure the file is cut back and ``BadInput`` says why."""
        data = _line(record).encode("utf-8")
        with shielded():
            fd = open_regular(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, NAME)
            try:
                size = os.fstat(fd).st_size
                try:
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view) :]
                    os.fsync(fd)
                except OSError as e:
                    _cut_back(fd, size)
                    raise BadInput(
                        str(self.path),
                        None,
                        _("cannot add a finished run: {why}").format(why=e.strerror or e),
                    ) from None
            finally:
                os.close(fd)
            self.count += 1

    def rewrite(self, records: Iterable[dict[str, Any]]) -> None:
        write_atomic(self.path, (_line(r) for r in records), NAME)


def _cut_back(fd: int, size: int) -> None:
    """Remove a partly written record (a failed write must not leave half a line)."""
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass  # the next load cuts a torn last line anyway

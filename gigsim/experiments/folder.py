"""The ``--out`` folder of a batch: which folders may be written into, and holding one.

A folder is taken when it does not exist (its nearest existing parent must
be a writable folder), is empty, or holds the same experiment and
``--resume`` is given. Files that ``fileio.write_atomic`` leaves when a
process is killed while writing (``.<name>.<8 characters>.tmp``, for this
folder's own file names) count as nothing: they are removed once the folder
is held. A folder with a run journal but no manifest (the manifest was
removed) is resumed from the journal, whose records are then checked
against the experiment one by one.

Every file the batch writes there must be a regular file or absent: a link,
FIFO or device under one of its names is refused before anything runs.
While a batch runs, it holds a lock on the folder, so that a second batch
cannot write into it at the same time.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from pathlib import Path
from typing import Any

from gigsim.errors import BadInput
from gigsim.experiments.journal import NAME as JOURNAL
from gigsim.experiments.outputs import MANIFEST, OUTPUT_FILES, PARQUET_FILES
from gigsim.fileio import check_target, is_temp_name, remove_temps
from gigsim.i18n import _

OWN_FILES = (MANIFEST, JOURNAL, *OUTPUT_FILES, *PARQUET_FILES)


def _differences(a: Any, b: dict[str, Any]) -> str:
    if not isinstance(a, dict):
        return "everything (its experiment is not a mapping)"
    keys = sorted(str(k) for k in set(a) | set(b) if a.get(k) != b.get(k))
    return ", ".join(keys) or _("nothing")


def _check_creatable(out: Path) -> None:
    """Refuse a folder that cannot be created, before anything is done."""
    parent = out
    while not os.path.lexists(parent):
        parent = parent.parent
    if not parent.is_dir():
        problem = _("cannot create the --out folder: {name!r} is a file").format(name=str(parent))
        raise BadInput(str(out), None, problem)
    if not os.access(parent, os.W_OK | os.X_OK):
        read_only = bool(os.statvfs(parent).f_flag & os.ST_RDONLY)
        problem = (
            _("cannot create the --out folder: {name!r} is on a read-only file system")
            if read_only
            else _("cannot create the --out folder: {name!r} is not writable")
        )
        raise BadInput(str(out), None, problem.format(name=str(parent)))


def _read_manifest(path: Path) -> dict[str, Any]:
    check_target(path, MANIFEST)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("experiment"), dict):
            raise KeyError("experiment")
        return dict(manifest)
    except (OSError, ValueError, KeyError, TypeError, RecursionError, MemoryError):
        raise BadInput(
            str(path), None, _("is not a gigsim batch manifest; choose another --out")
        ) from None


def check_out(out: Path, identity: dict[str, Any], resume: bool) -> dict[str, Any] | None:
    """Refuse a folder we must not write into; return its manifest when resuming."""
    where = str(out)
    if not os.path.lexists(out):
        _check_creatable(out)
        return None
    if not out.exists():
        raise BadInput(where, None, _("--out is a symbolic link to nothing"))
    if not out.is_dir():
        raise BadInput(
            where, None, _("--out must be a directory, and this is not one (a file or a device)")
        )
    names = {e.name for e in os.scandir(out) if not is_temp_name(e.name, OWN_FILES)}
    for name in sorted(names & set(OWN_FILES)):
        check_target(out / name, "--out")
    if not os.access(out, os.W_OK | os.X_OK):
        raise BadInput(where, None, _("--out folder is not writable"))
    if MANIFEST not in names:
        if names - {JOURNAL}:
            raise BadInput(
                where,
                None,
                _("is not empty and holds no gigsim batch manifest; choose a new or empty --out"),
            )
        if names and not resume:
            raise BadInput(
                where,
                None,
                _(
                    "holds a run journal ({journal}); add --resume to finish it, or choose "
                    "another --out"
                ).format(journal=JOURNAL),
            )
        return None
    manifest = _read_manifest(out / MANIFEST)
    if not resume:
        raise BadInput(
            where,
            None,
            _("holds an experiment's results; add --resume to finish it, or choose another --out"),
        )
    if manifest["experiment"] != identity:
        raise BadInput(
            where,
            None,
            _(
                "holds another experiment (differs in: {keys}); --resume needs the same one, "
                "or choose another --out"
            ).format(keys=_differences(manifest["experiment"], identity)),
        )
    return manifest


class HeldFolder:
    """The ``--out`` folder, created if needed and locked while the batch writes into it."""

    def __init__(self, out: Path, identity: dict[str, Any], resume: bool) -> None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as e:
            raise BadInput(
                str(out),
                None,
                _("cannot create the --out folder: {why}").format(why=e.strerror or e),
            ) from None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                os.close(self._fd)
                raise BadInput(
                    str(out), None, _("another gigsim batch is writing to this folder")
                ) from None
            # a file system without locks: go on unlocked
        try:
            self.manifest = check_out(out, identity, resume)  # again, now that it is ours
            self.removed = remove_temps(out, OWN_FILES)
        except BaseException:
            self.close()
            raise
        self.path = out

    def close(self) -> None:
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing releases the lock
            self._fd = -1

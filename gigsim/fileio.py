"""Safe file writing shared by every command that writes results or saves.

gigsim writes only regular files. A target that exists must be a regular
file (never a symbolic link, FIFO, device, socket or folder): anything else
is refused with ``BadInput`` naming the file, and nothing is written. A link
is refused by its own name, never followed, so that no write lands outside
the folder the user named.

``write_atomic`` writes to a temporary file in the target's folder, flushes
it to disk and renames it over the target, after checking the target again:
a failure (a full disk, a missing folder, Ctrl-C) leaves any earlier file
untouched and removes the temporary file. Only a process killed outright
(kill -9) can leave one; temporary names are ``.<target name>.<8
characters>.tmp`` (``is_temp_name``), so that a folder's owner can recognise
and remove those (``remove_temps``: ``gigsim batch`` does so in ``--out``,
``gigsim run`` beside the files it has just written).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from gigsim.errors import BadInput
from gigsim.i18n import _, lazy

_TEMP_RE = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
_TEMP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_KINDS = (
    (stat.S_ISLNK, lazy("a symbolic link")),
    (stat.S_ISDIR, lazy("a directory")),
    (stat.S_ISFIFO, lazy("a FIFO (named pipe)")),
    (stat.S_ISCHR, lazy("a character device")),
    (stat.S_ISBLK, lazy("a block device")),
    (stat.S_ISSOCK, lazy("a socket")),
)


def is_temp_name(filename: str, targets: Iterable[str] | None = None) -> bool:
    """Whether ``filename`` is one of ``write_atomic``'s temporary names (for one of ``targets``)."""
    m = _TEMP_RE.fullmatch(filename)
    if m is None:
        return False
    return targets is None or m["name"] in set(targets)


def remove_temps(folder: Path, targets: Iterable[str]) -> list[str]:
    """Remove temporary files of ``targets`` left in ``folder`` by a killed writer; their names."""
    names = set(targets)
    removed = []
    for entry in os.scandir(folder):
        if is_temp_name(entry.name, names) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed.append(entry.name)
    return sorted(removed)


def _kind(mode: int) -> str | None:
    """What a file of this mode is, when it is not a regular file."""
    return next((str(what) for test, what in _KINDS if test(mode)), None)


def _refusal(path: Path, what: str, kind: str) -> BadInput:
    label = f" ({what})" if what else ""
    return BadInput(
        str(path),
        None,
        _("is {kind}, not a regular file{label}; gigsim writes only regular files").format(
            kind=kind, label=label
        ),
    )


def _cannot(path: Path, what: str, e: OSError) -> BadInput:
    label = f" ({what})" if what else ""
    return BadInput(
        str(path), None, _("cannot write{label}: {why}").format(label=label, why=e.strerror or e)
    )


def check_target(path: Path, what: str = "") -> None:
    """Refuse a target that exists and is not a regular file, or whose folder does not exist."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.is_dir():
            problem = _("folder {name!r} does not exist").format(name=str(parent))
            raise BadInput(str(path), None, problem) from None
        return
    except NotADirectoryError:
        problem = _("{name!r} is not a folder").format(name=str(path.parent))
        raise BadInput(str(path), None, problem) from None
    except OSError as e:
        raise _cannot(path, what, e) from None
    kind = _kind(mode)
    if kind is not None:
        raise _refusal(path, what, kind)


def _create_temp(directory: Path, target: str) -> tuple[int, str]:
    """A new, empty temporary file for ``target`` in ``directory``, with the umask's mode."""
    for _attempt in range(100):
        tmp = str(
            directory / f".{target}.{''.join(secrets.choice(_TEMP_CHARS) for _i in range(8))}.tmp"
        )
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def write_atomic(path: Path, chunks: Iterable[str] | bytes, what: str = "") -> None:
    """Write the text ``chunks`` (or the ``bytes``) to ``path`` atomically; ``what`` names the
    option for errors."""
    path = Path(path)
    check_target(path, what)
    directory = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = _create_temp(directory, path.name)
        if isinstance(chunks, bytes):
            with os.fdopen(fd, "wb") as b:
                b.write(chunks)
                b.flush()
                os.fsync(b.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                for chunk in chunks:
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
        check_target(path, what)  # again: something may have been put there meanwhile
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise _cannot(path, what, e) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def open_regular(path: Path, flags: int, what: str = "") -> int:
    """Open ``path`` (created if ``os.O_CREAT`` is in ``flags``) only if it is a regular file.

    A link is not followed and a FIFO does not block: both are refused like
    devices and folders. Returns the file descriptor.
    """
    path = Path(path)
    check_target(path, what)
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR):
            check_target(path, what)  # replaced meanwhile: name what stands there now
        raise _cannot(path, what, e) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _refusal(path, what, _kind(mode) or _("not a regular file"))
    os.set_blocking(fd, True)
    return fd


def require_parquet(what: str = "--format") -> None:
    """Refuse ``--format parquet`` before any work when pyarrow (the ``[parquet]`` extra) is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        problem = _("Parquet files need pyarrow: pip install 'gigsim[parquet]'")
        raise BadInput(what, None, problem) from None

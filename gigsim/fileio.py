"""Atomic file writing shared by every command that writes results or saves.

Text goes to a temporary file in the target's folder, is flushed to disk,
then renamed over the target: a failure (a full disk, a missing folder)
leaves any earlier file untouched and raises ``BadInput`` naming the file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from gigsim.errors import BadInput


def write_atomic(path: Path, chunks: Iterable[str], what: str = "") -> None:
    """Write the text ``chunks`` to ``path`` atomically; ``what`` names the option for errors."""
    directory = path.parent if str(path.parent) else Path(".")
    label = f" ({what})" if what else ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise BadInput(str(path), None, f"cannot write{label}: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise BadInput(str(path), None, f"cannot write{label}: {e.strerror or e}") from None

"""Ctrl-C and SIGTERM during a batch: the first stops it, later ones wait for it to clean up.

While a ``SignalGuard`` is active, the first SIGINT or SIGTERM raises
``Interrupted`` in the main thread (a ``KeyboardInterrupt``), unless the
batch is inside a ``shielded()`` section (appending a finished run to the
journal), where it is raised at the section's end. Every later signal is
ignored: stopping the workers and marking the manifest "interrupted" take a
moment, and a second Ctrl-C must neither hang that nor print a traceback.
``ignore_further()`` keeps ignoring them after the guard, while the process
exits.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType, TracebackType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """The batch was asked to stop by ``signum`` (SIGINT or SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


_active: SignalGuard | None = None


class SignalGuard:
    def __init__(self) -> None:
        self.signum: int | None = None
        self._shield = 0
        self._pending = False
        self._old: dict[int, Any] = {}
        self._ignore_after = False

    def __enter__(self) -> SignalGuard:
        global _active
        if threading.current_thread() is threading.main_thread():
            for s in SIGNALS:
                self._old[s] = signal.signal(s, self._handle)
            _active = self
        return self

    def __exit__(
        self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        global _active
        for s, old in self._old.items():
            signal.signal(s, signal.SIG_IGN if self._ignore_after else old)
        self._old.clear()
        if _active is self:
            _active = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is not None:
            return  # already stopping
        self.signum = signum
        if self._shield:
            self._pending = True
            return
        raise Interrupted(signum)

    def ignore_further(self) -> None:
        """Keep ignoring SIGINT and SIGTERM after the guard: the process is about to exit."""
        self._ignore_after = True

    def stopping(self) -> None:
        """The batch is stopping for another reason: ignore signals while it cleans up."""
        if self.signum is None:
            self.signum = 0

    @contextlib.contextmanager
    def shielded(self) -> Iterator[None]:
        self._shield += 1
        try:
            yield
        finally:
            self._shield -= 1
        if not self._shield and self._pending and self.signum is not None:
            self._pending = False
            raise Interrupted(self.signum)


def shielded() -> contextlib.AbstractContextManager[None]:
    """A section a signal does not cut short (it takes effect at the end), if a guard is active."""
    return _active.shielded() if _active is not None else contextlib.nullcontext()

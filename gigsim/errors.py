"""Error types and exit codes shared by every front end.

Exit codes are an interface: 0 success, 1 internal error, 2 bad input.
``BadInput`` carries the file, the field and the problem so that the command
line can print one clear line instead of a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1
    BAD_INPUT = 2


class BadInput(Exception):
    """Input the user can fix: a scenario file, an option, a save."""

    def __init__(self, source: str, field: str | None, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        super().__init__(self.line())

    def line(self) -> str:
        where = f"{self.source}: {self.field}" if self.field else self.source
        return f"error: {where}: {self.problem}"

    def short(self) -> str:
        """The line for a narrow message bar: the file's own name, not its whole path."""
        name = self.source.replace("\\", "/").rsplit("/", 1)[-1] or self.source
        where = f"{name}: {self.field}" if self.field else name
        return f"{where}: {self.problem}"

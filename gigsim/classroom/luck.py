"""Each student's luck check for the debrief: where their result falls among their own
strategy's on other seeds (``gigsim.experiments.luck``, the check ``gigsim luck SAVE`` runs).

The check replays the mission's months only: a student who played on past
the time limit is compared on the months the scorecard counts (the save is
rewound to the mission's end first). Every student's runs go to one pool of
the batch runner, all cores, with one progress bar for the class. A result
the check cannot replay (a game a policy played, a market of several
players) gets no percentile and one warning line; it stays in the table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from gigsim.classroom.results import StudentResult
from gigsim.engine import api
from gigsim.errors import BadInput
from gigsim.experiments.executors import Executor
from gigsim.experiments.luck import run_luck
from gigsim.experiments.runner import Progress
from gigsim.experiments.strategy import read_strategy
from gigsim.i18n import _


class Overall:
    """One progress bar for every student's runs: each plan's (grow, advance) added up."""

    def __init__(self, bar: Progress | None, students: int, each: int) -> None:
        self.bar, self.each, self.offset = bar, each, 0
        self.total = students * each

    def grow(self, total: int, done: int) -> None:
        if self.bar is not None:
            self.bar.grow(self.total, self.offset + done)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance()

    def next(self) -> None:
        """The next student's runs (a student not checked counts as done)."""
        self.offset += self.each
        if self.bar is not None:
            self.bar.grow(self.total, self.offset)


def mission_save(r: StudentResult) -> dict[str, Any]:
    """The result's save, rewound to the end of its mission if it was played on past it."""
    limit = r.lesson.mission.months
    if len(r.months) <= limit:
        return r.save
    return api.save_data(api.branch(r.save, limit + 1))


def percentiles(
    results: Sequence[StudentResult],
    n: int,
    executor: Executor,
    bar: Progress | None = None,
    warn: Callable[[str], None] = lambda _line: None,
) -> dict[Path, float]:
    """Each result's luck-check percentile (a result the check cannot replay: none, and a
    warning line)."""
    progress = Overall(bar, len(results), n + 1)
    out: dict[Path, float] = {}
    for r in results:
        src = str(r.path)
        try:
            game = read_strategy(mission_save(r), src)
            if game.months == 0:
                raise BadInput(src, None, _("no month of its game has closed"))
            out[r.path] = run_luck(game, n, executor, progress, (), src).percentile
        except BadInput as e:
            warn(_("no luck check for {file}: {why}").format(file=r.path, why=e.problem))
        progress.next()
    return out

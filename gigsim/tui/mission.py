"""A lesson game's mission as the game tracks it, without Textual.

The game's ``Game`` holds one ``Mission`` when it plays a lesson: the
lesson's progress as the save keeps it, and the tallies of the events the
month records do not count (deliveries, late ones, warnings), fed as the
game reads its new events, so that a view never rescans the whole log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gigsim.engine.api import Engine, Event, Snapshot
from gigsim.lessons import Lesson, Scorecard, Tally
from gigsim.lessons.pack import ClassGame
from gigsim.lessons.progress import LessonProgress


@dataclass(frozen=True)
class MissionView:
    """What the screens show of a mission: the lesson, its scorecard now, whether the report
    of its end has been shown, and the class pack it is played on, if any."""

    lesson: Lesson
    card: Scorecard
    reported: bool
    classroom: ClassGame | None = None

    @property
    def due(self) -> bool:
        """The time limit is reached and its report not shown yet."""
        return self.card.over and not self.reported


class Mission:
    def __init__(self, progress: LessonProgress, engine: Engine) -> None:
        self.progress = progress
        self.end = engine.month_end(progress.lesson.mission.months)
        self.counts = Tally()

    def feed(self, events: Iterable[Event]) -> None:
        for e in events:
            if e.t < self.end:
                self.counts = self.counts.add({"kind": e.kind, "t": e.t, **e.data}, self.end)

    def view(self, snapshot: Snapshot) -> MissionView:
        lesson = self.progress.lesson
        card = lesson.mission.scorecard(
            snapshot.months,
            self.counts,
            snapshot.month_so_far,
            (snapshot.rating, snapshot.reviews),
        )
        return MissionView(lesson, card, self.progress.reported, self.progress.classroom)

"""Lessons: shipped scenarios with a card to read and a mission to pass.

- ``catalogue``: the lesson files (``data/NN-id.yaml``), their cards in
  English and Japanese and their missions, read and checked;
- ``scorecard``: a mission's balanced scorecard from a run's month records
  and events, as pure functions;
- ``progress``: the lesson a game is playing, as its save file keeps it;
- ``texts``: the scorecard's lines, the list of lessons and the mission's
  progress in the current language.

Imports neither the engine nor the game: the game, the hand-in report and
the command line hand it plain records.
"""

from gigsim.lessons.catalogue import Card, Lesson, Mission, lesson, lessons
from gigsim.lessons.scorecard import (
    BALANCED,
    MEASURES,
    Figures,
    Line,
    Scorecard,
    Tally,
    Target,
    figures,
    score,
    tally,
)

__all__ = [
    "BALANCED",
    "MEASURES",
    "Card",
    "Figures",
    "Lesson",
    "Line",
    "Mission",
    "Scorecard",
    "Tally",
    "Target",
    "figures",
    "lesson",
    "lessons",
    "score",
    "tally",
]

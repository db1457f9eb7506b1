"""The end-of-game report a player can hand in: Markdown and CSV, from a game or a save.

- ``build``: what the report says, read from an engine through
  ``gigsim.engine.api`` only: the scenario, the lesson and its scorecard if
  the game plays one, the months, and the player's decisions with their dates;
- ``render``: the Markdown page and the two CSV tables (months; decisions);
- ``files``: writing them atomically, and ``gigsim report SAVE``.

Must not import Textual: the game and the command line both call it.
"""

from gigsim.handin.build import Decision, Report, build, engine_scorecard
from gigsim.handin.files import (
    FORMATS,
    parse_formats,
    report_command,
    report_paths,
    write_report,
)

__all__ = [
    "FORMATS",
    "Decision",
    "Report",
    "build",
    "engine_scorecard",
    "parse_formats",
    "report_command",
    "report_paths",
    "write_report",
]

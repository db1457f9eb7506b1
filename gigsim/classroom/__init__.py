"""The class: a teacher's commands around a class pack (``gigsim.lessons.pack``).

- ``results``: a student's result file (``-result.json``), its game replayed
  from the save it carries and checked against the pack;
- ``collect``: every result in a folder, one per student and lesson, ranked,
  and what the best third did differently;
- ``board``: the printed leaderboard and the tidy table (CSV);
- ``charts`` and ``debrief``: the debrief page (self-contained HTML);
- ``command``: ``gigsim class new``, ``validate`` and ``collect``.

Must not import Textual; reaches the engine through ``gigsim.engine.api`` only.
"""

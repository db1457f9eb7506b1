"""Text for people: amounts, dates, the month report, hints, event sentences.

- ``units``: the one ``money()`` formatter, days, clock times, counts; every
  front end and the engine's messages format amounts through it.
- ``explain``: the month report, its "why" and hints, the year end.
- ``sentences``: event sentences, decision facts and the money tab's lines.

Pure functions over plain records; nothing here imports Textual, SimPy or the
engine.
"""

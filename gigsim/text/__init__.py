"""Text for people: amounts, dates, the month report, hints, event sentences.

- ``units``: the one ``money()`` formatter, days, clock times, counts; every
  front end and the engine's messages format amounts through it.
- ``explain``: the month report, its "why" and hints, the year end.
- ``sentences``: event sentences, decision facts and the money tab's lines.
- ``results``: what the engine answers to an action, by its code.
- ``codes``: a decision's options and what the next rank needs, by their codes.

Pure functions over plain records; nothing here imports Textual, SimPy or the
engine.
"""

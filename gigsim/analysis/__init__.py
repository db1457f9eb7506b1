"""The Python API for analysts: ``gigsim.run``, ``gigsim.batch`` and ``gigsim.load_experiment``.

Results come back as pandas DataFrames, the same figures as the command
line's files: ``gigsim.run`` as ``gigsim run --json``/``--events``,
``gigsim.batch`` as ``gigsim batch``'s ``runs.csv``, ``months.csv`` and
``summary.csv`` (it builds the same plan and runs the same jobs, on any
``concurrent.futures.Executor`` or a Dask ``Client``), and
``gigsim.load_experiment`` reads a folder ``gigsim batch --out`` wrote.

Layering: analysis -> experiments -> headless -> engine (through
``gigsim.engine.api`` only). Must not import Textual.
"""

from gigsim.analysis.experiment import Experiment, batch, load_experiment
from gigsim.analysis.single import Run, run

__all__ = ["Experiment", "Run", "batch", "load_experiment", "run"]

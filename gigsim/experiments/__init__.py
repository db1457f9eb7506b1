"""What-if analysis: replications, designs, statistics, outputs and executors.

``gigsim batch`` runs one or more scenarios many times with common random
numbers, over a design of parameter points, on a local process pool or a
Dask cluster, and writes tidy CSV files, a manifest and an HTML report.

Layering: experiments -> engine -> model. Nothing here imports Textual (an
import-linter contract checks it); SALib and Dask are imported only by the
code paths that need them.
"""

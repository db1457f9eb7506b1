"""gigsim: a simulation game of running a side gig on a skill marketplace.

The package is layered: ``gigsim.model`` (pure domain rules and scenario
types), ``gigsim.engine`` (the SimPy model, published through
``gigsim.engine.api``), front ends on top (``gigsim.cli``, ``gigsim.tui``)
and the Python API for analysts (``gigsim.run``, ``gigsim.batch``,
``gigsim.load_experiment``, from ``gigsim.analysis``). Importing this
package must stay cheap and must not import Textual: the analyst API (and
with it pandas and the engine) is imported on first use.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from typing import TYPE_CHECKING, Any

try:
    __version__ = _version("gigsim")
except PackageNotFoundError:  # a source tree on sys.path that was never installed
    __version__ = "0+unknown"
MODEL_VERSION = "5"

if TYPE_CHECKING:
    from gigsim.analysis import Experiment, Run, batch, load_experiment, run

__all__ = ["MODEL_VERSION", "Experiment", "Run", "__version__", "batch", "load_experiment", "run"]
_API = frozenset(__all__) - {"MODEL_VERSION", "__version__"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from gigsim import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'gigsim' has no attribute {name!r}")

"""gigsim: a simulation game of running a side gig on a skill marketplace.

The package is layered: ``gigsim.model`` (pure domain rules and scenario
types), ``gigsim.engine`` (the SimPy model behind one facade), front ends on
top (``gigsim.cli``, ``gigsim.tui``). Importing this package must stay cheap
and must not import Textual.
"""

__version__ = "0.1.0"
MODEL_VERSION = "5"

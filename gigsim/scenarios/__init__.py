"""Scenarios: the shipped scenario files and everything that reads, checks and prints them.

The shipped scenarios are the ``<name>.yaml`` files of this package, read
with ``importlib.resources`` (so they install with the package). The
modules:

- ``loading``: a scenario reference (a shipped name or a path) plus
  ``--set`` overrides into a validated ``Scenario``, following ``base``
  links; a scenario back to YAML; the scenario type as a JSON Schema.
- ``yaml_io``: strict YAML reading (size, encoding, no anchors or aliases)
  with the line of every value.
- ``overrides``: ``--set dotted.key=value`` checked against the scenario type.

Nothing here imports Textual, SimPy or the engine.
"""

from gigsim.scenarios.loading import (
    BASE_KEY,
    MAX_BASE_DEPTH,
    MAX_BYTES,
    MAX_DEPTH,
    SET_SOURCE,
    load_scenario,
    override_scenario,
    scenario_yaml,
    schema_json,
    shipped_scenarios,
)

__all__ = [
    "BASE_KEY",
    "MAX_BASE_DEPTH",
    "MAX_BYTES",
    "MAX_DEPTH",
    "SET_SOURCE",
    "load_scenario",
    "override_scenario",
    "scenario_yaml",
    "schema_json",
    "shipped_scenarios",
]

"""Headless runs: ``gigsim run`` prints a monthly table and writes JSON and events.

The JSON layout is an interface (documented in the README): ``seed``,
``scenario``, ``months``, ``totals``, ``ledger``, ``reviews_histogram``,
``competitors``. Files are written atomically (temporary file, then rename),
so a failed run never leaves a half-written or clobbered result.

Must not import Textual.
"""

from __future__ import annotations

from pathlib import Path

from gigsim.engine.api import PLAYER_POLICIES, Engine, RunResult
from gigsim.errors import BadInput, ExitCode
from gigsim.fileio import write_atomic
from gigsim.i18n import SOURCE_LANGUAGE, _, using
from gigsim.model.limits import check_run
from gigsim.model.scenario import Scenario
from gigsim.text.run_tables import format_table


def run_engine(
    scenario: Scenario, months: int, seed: int, policy: str | None = None, source: str = "scenario"
) -> Engine:
    name = policy or scenario.player.policy
    if name not in PLAYER_POLICIES:
        known = ", ".join(sorted(PLAYER_POLICIES))
        problem = _("unknown policy {name!r} (known: {names})").format(name=name, names=known)
        raise BadInput(source, "player.policy", problem)
    check_run(scenario, months, source)  # a --months longer than the scenario's own
    engine = Engine(scenario, seed, policy=name)
    engine.run_months(months)
    return engine


def run_command(
    scenario: Scenario,
    months: int,
    seed: int,
    json_path: str | None = None,
    events_path: str | None = None,
    source: str = "",
) -> int:
    engine = run_engine(scenario, months, seed, source=source)
    with using(SOURCE_LANGUAGE):  # the JSON is an interface: English in every language
        result = RunResult.of(engine, months, source)
        data = result.as_dict()
        text = result.to_json()
    if json_path:
        write_atomic(Path(json_path), [text], "--json")
    if events_path:
        write_atomic(Path(events_path), result.event_lines(), "--events")
    print(format_table(data))
    return int(ExitCode.OK)

"""Headless runs: ``gigsim run`` prints a monthly table and writes JSON and events.

The JSON layout is an interface (documented in the README): ``seed``,
``scenario``, ``months``, ``totals``, ``ledger``, ``reviews_histogram``,
``competitors``. Files are written atomically (temporary file, then rename),
so a failed run never leaves a half-written or clobbered result.

Must not import Textual.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from gigsim.engine.api import PLAYER_POLICIES, Engine, RunResult
from gigsim.errors import BadInput, ExitCode
from gigsim.fileio import remove_temps, write_atomic
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


def events_parquet(result: RunResult) -> bytes:
    """The run's events as one Parquet table (``--format parquet``; pyarrow, the ``[parquet]`` extra).

    A row per event: ``seq``, ``t``, ``kind``, then every field any event
    has, by name, null where an event has none. A field whose values are not
    plain numbers, words or booleans of one type across events is written as
    JSON text, so that every column has one type.
    """
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [e.as_dict() for e in result.events]
    names = ["seq", "t", "kind", *sorted({k for r in rows for k in r} - {"seq", "t", "kind"})]
    columns: dict[str, Any] = {}
    for name in names:
        values = [r.get(name) for r in rows]
        kinds = {type(v) for v in values if v is not None}
        plain = kinds <= {int, float} or (len(kinds) == 1 and kinds <= {str, bool})
        columns[name] = (
            values
            if plain
            else [None if v is None else json.dumps(v, sort_keys=True) for v in values]
        )
    buf = io.BytesIO()
    pq.write_table(pa.table(columns), buf)
    return buf.getvalue()


def _remove_leftovers(path: Path) -> None:
    """Remove the temporary files an earlier run killed outright (kill -9) while writing
    ``path`` left beside it; the file itself was just written whole."""
    with contextlib.suppress(OSError):
        remove_temps(path.parent if str(path.parent) else Path("."), [path.name])


def run_command(
    scenario: Scenario,
    months: int,
    seed: int,
    json_path: str | None = None,
    events_path: str | None = None,
    source: str = "",
    events_format: str = "json",
) -> int:
    engine = run_engine(scenario, months, seed, source=source)
    with using(SOURCE_LANGUAGE):  # the JSON is an interface: English in every language
        result = RunResult.of(engine, months, source)
        data = result.as_dict()
        text = result.to_json()
    if json_path:
        write_atomic(Path(json_path), [text], "--json")
        _remove_leftovers(Path(json_path))
    if events_path:
        chunks = events_parquet(result) if events_format == "parquet" else result.event_lines()
        write_atomic(Path(events_path), chunks, "--events")
        _remove_leftovers(Path(events_path))
    print(format_table(data))
    return int(ExitCode.OK)

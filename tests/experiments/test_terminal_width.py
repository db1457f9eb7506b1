"""The batch summary on a narrow terminal folds its cells: no figure is cut, in either language."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console

from gigsim.experiments.designs import from_flags
from gigsim.experiments.executors import LocalExecutor
from gigsim.experiments.plan import AutoReps, build_plan
from gigsim.experiments.runner import execute
from gigsim.experiments.terminal import print_summary
from gigsim.i18n import using


def summary(lang: str) -> str:
    design = from_flags("factorial", ["player.listings.0.price=3000,6000"], [], None)
    plan = build_plan(["default"], [], design, 2, 0, 2, None, AutoReps())
    executor = LocalExecutor(1)
    try:
        outcome = execute(plan, executor)
    finally:
        executor.close()
    out = io.StringIO()
    with using(lang):
        print_summary(
            plan, outcome.records, {"reps": outcome.reps, "precise": True},
            Console(file=out, width=80, force_terminal=False, color_system=None),
        )  # fmt: skip
    return out.getvalue()


def test_a_narrow_terminal_folds_the_summary_rather_than_cutting_it() -> None:
    for lang in ("en", "ja"):
        text = summary(lang)
        assert "…" not in text, text  # rich's mark of a cut cell
        assert all(cell_len(line) <= 80 for line in text.splitlines()), text
        assert "[price=3" in text and "000]" in text

"""The batch summary on a narrow terminal folds its cells: no figure is cut, in either language."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console

from gigsim.experiments.analysis import summaries
from gigsim.experiments.designs import from_flags
from gigsim.experiments.executors import LocalExecutor
from gigsim.experiments.plan import AutoReps, build_plan
from gigsim.experiments.runner import execute
from gigsim.experiments.terminal import print_summary
from gigsim.i18n import using


def summary(lang: str, figures: list[str] | None = None) -> str:
    design = from_flags("factorial", ["player.listings.0.price=3000,6000"], [], None)
    plan = build_plan(["default"], [], design, 2, 0, 2, None, AutoReps())
    executor = LocalExecutor(1)
    try:
        outcome = execute(plan, executor)
    finally:
        executor.close()
    if figures is not None:  # the hours and orders of each group, as the table writes them
        for s in summaries(plan, outcome.records).values():
            figures += [f"{s['hours_worked'].mean:.1f}", f"{s['orders'].mean:.1f}"]
    out = io.StringIO()
    with using(lang):
        print_summary(
            plan, outcome.records, {"reps": outcome.reps, "precise": True},
            Console(file=out, width=80, force_terminal=False, color_system=None),
        )  # fmt: skip
    return out.getvalue()


def test_a_narrow_terminal_folds_the_summary_rather_than_cutting_it() -> None:
    for lang in ("en", "ja"):
        figures: list[str] = []
        text = summary(lang, figures)
        assert "…" not in text, text  # rich's mark of a cut cell
        assert all(cell_len(line) <= 80 for line in text.splitlines()), text
        assert "[price=3" in text and "000]" in text
        cut = [f for f in figures if not any(f in line.split() for line in text.splitlines())]
        assert cut == [], text  # every figure whole on its line


def test_an_interval_in_japanese_keeps_its_amounts_whole() -> None:
    """At 80 columns the interval's ends go one above the other: a fold had left 円 alone on
    a line (-82,178円 / 〜96,218 / 円)."""
    text = summary("ja")
    lines = text.splitlines()
    assert not any(line.strip() == "円" for line in lines), text
    ends = [w for line in lines for w in line.split() if w.startswith("〜")]
    assert ends and all(w.endswith("円") for w in ends), text

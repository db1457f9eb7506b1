"""What ``gigsim batch`` shows on the terminal: a progress bar with ETA, then a summary.

The progress bar goes to stderr and only when it is a terminal; the summary
table goes to stdout. With two scenarios (or two points) the paired
difference of total net income, its 95% CI and the share of replications
where each side wins are printed under the table. A design with factors
adds its ranking (Sobol' S1 and ST, Morris μ*, each with SALib's 95%
confidence half-width) and, for Sobol', warnings when the indices cannot
be trusted.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from gigsim.experiments.analysis import comparisons, sensitivity, summaries, warnings_of
from gigsim.experiments.plan import Plan
from gigsim.experiments.report_html import _label as _plain_label
from gigsim.experiments.report_html import measure_text
from gigsim.text.units import money


def _label(g: Any) -> str:
    """A group's label for the terminal: escaped, since "[price=3000]" is not Rich markup."""
    return escape(_plain_label(g))


class RichProgress:
    """Progress through the runner's callbacks (grow, advance), drawn by rich."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self._bar = Progress(
            TextColumn("runs"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            disable=not self.console.is_terminal,
            transient=False,
        )
        self._task = self._bar.add_task("runs", total=None)

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def grow(self, total: int, done: int) -> None:
        self._bar.update(self._task, total=total, completed=done)

    def advance(self) -> None:
        self._bar.advance(self._task)


def print_summary(
    plan: Plan, records: list[dict[str, Any]], extra: dict[str, Any], console: Console | None = None
) -> None:
    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=140)
    cur = plan.scenarios[0].currency
    summ = summaries(plan, records)

    def m(x: float | None) -> str:
        return "–" if x is None else money(x, cur)

    t = Table(title=f"Total over {plan.months} months, {extra['reps']} replications each")
    for col in (
        escape("scenario [point]"),
        "net income",
        "95% CI",
        "P10",
        "P50",
        "P90",
        "orders",
        "hours",
    ):
        t.add_column(col, justify="left" if col.startswith("scenario") else "right")
    for g in plan.groups[:40]:
        s = summ[g.index]
        net = s["net_income"]
        ci = f"{m(net.ci_low)} to {m(net.ci_high)}" if net.ci_low is not None else "–"
        orders, hours = s["orders"].mean, s["hours_worked"].mean
        t.add_row(
            _label(g), m(net.mean), ci, m(net.p10), m(net.p50), m(net.p90),
            "–" if orders is None else f"{orders:.1f}", "–" if hours is None else f"{hours:.1f}",
        )  # fmt: skip
    console.print(t)
    if len(plan.groups) > 40:
        console.print(f"… and {len(plan.groups) - 40} more points: see summary.csv")
    if plan.reps is None:
        if extra.get("precise"):
            console.print(f"--reps auto: precision reached with {extra['reps']} replications")
        else:
            console.print(
                f"--reps auto: the cap of {plan.auto.max_reps} replications was reached before the "
                f"95% CI half-width of net income was within {plan.auto.precision:.0%} of its mean"
            )
    comps = [c for c in comparisons(plan, records) if c.kpi == "net_income"]
    for c in comps[:10]:
        r = c.result
        ci = f"{m(r.ci_low)} to {m(r.ci_high)}" if r.ci_low is not None else "–"
        console.print(
            f"{_label(c.this)} − {_label(c.reference)}: net income {m(r.mean)} "
            f"(95% CI {ci}); {_label(c.this)} ahead in {r.b_wins:.0%} of replications, "
            f"{_label(c.reference)} in {r.a_wins:.0%}, tied in {r.ties:.0%}",
            highlight=False,
        )
    print_sensitivity(plan, records, console)


MAX_FACTORS_SHOWN = 10


def print_sensitivity(plan: Plan, records: list[dict[str, Any]], console: Console) -> None:
    items = sensitivity(plan, records)
    if not items:
        return
    cur = plan.scenarios[0].currency
    method = plan.design.method
    rows = len(plan.points.rows)
    if rows > len(plan.points.points):
        console.print(
            f"{method}: {rows} sample rows, {len(plan.points.points)} distinct points "
            "(each distinct point run once)",
            highlight=False,
        )
    for label in plan.labels:
        mine = [x for x in items if x.scenario == label]
        if not mine:
            continue
        console.print(f"What matters most for {escape(label)} ({method}):", highlight=False)
        for rank, x in enumerate(mine[:MAX_FACTORS_SHOWN], start=1):
            console.print(
                f"  {rank}. {escape(x.factor)}: {measure_text(x, method, cur)}", highlight=False
            )
        if len(mine) > MAX_FACTORS_SHOWN:
            console.print(f"  … and {len(mine) - MAX_FACTORS_SHOWN} more: see sensitivity.csv")
        for w in warnings_of(items, label):
            console.print(f"warning: {escape(w)}", highlight=False)

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

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
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
from gigsim.i18n import _, ngettext
from gigsim.text.units import money


def _label(g: Any) -> str:
    """A group's label for the terminal: escaped, since "[price=3000]" is not Rich markup."""
    return escape(_plain_label(g))


def _between(low: str, high: str) -> str:
    """A confidence interval: "¥1,000 to ¥2,000"."""
    return _("{low} to {high}").format(low=low, high=high)


class RichProgress:
    """Progress through the runner's callbacks (grow, advance), drawn by rich."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self._bar = Progress(
            TextColumn(_("runs")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn(_("ETA")),
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


def _summary_table(title: str, rows: list[list[Any]], two_lines: bool) -> Table:
    """The summary; ``two_lines`` for a narrow terminal: no lines between the columns and
    an interval's ends one above the other, so that 80 columns hold it (in Japanese, whose
    amounts end in 円, too)."""
    cells = []
    for row in rows:
        ci = row[2]
        if ci is None:
            shown = "–"
        elif two_lines:  # rather than a fold that leaves 円 alone on a line
            shown = _("{low}\nto {high}").format(low=ci[0], high=ci[1])
        else:
            shown = _between(*ci)
        cells.append([row[0], row[1], shown, *row[3:]])
    t = Table(
        title=title,
        box=box.SIMPLE_HEAD if two_lines else box.HEAVY_HEAD,
        pad_edge=not two_lines,
        collapse_padding=two_lines,
    )
    # fold rather than cut: a narrow terminal keeps every figure (Japanese has no spaces to wrap
    # at); the interval, on two lines, keeps its width, so that its ends stay whole
    t.add_column(escape(_("scenario [point]")), justify="left", overflow="fold")
    heads = (_("net income"), _("95% CI"), "P10", "P50", "P90", _("orders"), _("hours"))
    for i, col in enumerate(heads, start=1):
        widest = max((cell_len(line) for r in cells for line in r[i].split("\n")), default=0)
        keep = widest if two_lines and i == 2 else None
        t.add_column(col, justify="right", overflow="fold", min_width=keep)
    for row in cells:
        t.add_row(*row)
    return t


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

    over = ngettext("Total over {n} month", "Total over {n} months", plan.months)
    each = ngettext("{n} replication each", "{n} replications each", extra["reps"])
    title = _("{total}, {each}").format(
        total=over.format(n=plan.months), each=each.format(n=extra["reps"])
    )
    rows = []
    for g in plan.groups[:40]:
        s = summ[g.index]
        net = s["net_income"]
        ci = (m(net.ci_low), m(net.ci_high)) if net.ci_low is not None else None
        orders, hours = s["orders"].mean, s["hours_worked"].mean
        rows.append([
            _label(g), m(net.mean), ci, m(net.p10), m(net.p50), m(net.p90),
            "–" if orders is None else f"{orders:.1f}", "–" if hours is None else f"{hours:.1f}",
        ])  # fmt: skip
    t = _summary_table(title, rows, two_lines=False)
    natural = Measurement.get(console, console.options.update_width(10_000), t).maximum
    if natural > console.width:
        t = _summary_table(title, rows, two_lines=True)
    console.print(t)
    if len(plan.groups) > 40:
        console.print(_("… and {n} more points: see summary.csv").format(n=len(plan.groups) - 40))
    if plan.reps is None:
        if extra.get("precise"):
            console.print(
                ngettext(
                    "--reps auto: precision reached with {n} replication",
                    "--reps auto: precision reached with {n} replications",
                    extra["reps"],
                ).format(n=extra["reps"])
            )
        else:
            console.print(
                ngettext(
                    "--reps auto: the cap of {n} replication was reached before the 95% CI "
                    "half-width of net income was within {share:.0%} of its mean",
                    "--reps auto: the cap of {n} replications was reached before the 95% CI "
                    "half-width of net income was within {share:.0%} of its mean",
                    plan.auto.max_reps,
                ).format(n=plan.auto.max_reps, share=plan.auto.precision)
            )
    comps = [c for c in comparisons(plan, records) if c.kpi == "net_income"]
    for c in comps[:10]:
        r = c.result
        between = _between(m(r.ci_low), m(r.ci_high)) if r.ci_low is not None else "–"
        console.print(
            _(
                "{this} − {reference}: net income {mean} (95% CI {ci}); {this} ahead in "
                "{this_wins:.0%} of replications, {reference} in {reference_wins:.0%}, tied in "
                "{ties:.0%}"
            ).format(
                this=_label(c.this),
                reference=_label(c.reference),
                mean=m(r.mean),
                ci=between,
                this_wins=r.b_wins,
                reference_wins=r.a_wins,
                ties=r.ties,
            ),
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
            _(
                "{method}: {rows} sample rows, {points} distinct points (each distinct point "
                "run once)"
            ).format(method=method, rows=rows, points=len(plan.points.points)),
            highlight=False,
        )
    for label in plan.labels:
        mine = [x for x in items if x.scenario == label]
        if not mine:
            continue
        console.print(
            _("What matters most for {scenario} ({method}):").format(
                scenario=escape(label), method=method
            ),
            highlight=False,
        )
        for rank, x in enumerate(mine[:MAX_FACTORS_SHOWN], start=1):
            console.print(
                f"  {rank}. {escape(x.factor)}: {measure_text(x, method, cur)}", highlight=False
            )
        if len(mine) > MAX_FACTORS_SHOWN:
            more = len(mine) - MAX_FACTORS_SHOWN
            console.print("  " + _("… and {n} more: see sensitivity.csv").format(n=more))
        for w in warnings_of(items, label, translated=True):
            console.print(_("warning: {text}").format(text=escape(w)), highlight=False)

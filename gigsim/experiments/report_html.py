"""``report.html``: one self-contained page (inline CSS and SVG, no scripts, no network).

Sections: what was run; a summary table; a fan chart of monthly net income
(P10–P90) per scenario and point; paired differences with their 95% CIs
when there is something to compare; the sensitivity ranking (tornado, or
the design's own measure) when the design varies factors. The page holds no
times, so it is byte-identical for the same experiment.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from gigsim.experiments.analysis import (
    Sensitivity,
    by_group,
    comparisons,
    monthly_net,
    sensitivity,
    summaries,
    warnings_of,
)
from gigsim.experiments.plan import Group, Plan
from gigsim.experiments.svg import fan_chart, forest, ranking, tornado
from gigsim.i18n import _, language, ngettext
from gigsim.text.units import money

MAX_FANS = 12
CSS = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:980px;color:#222;padding:0 1em}
table{border-collapse:collapse;font-size:13px;margin:1em 0}
th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:1em}
.note{color:#555;font-size:13px}
code{background:#f4f4f4;padding:0 3px}
.warn{color:#a40000;font-size:13px}
"""


def _label(g: Group) -> str:
    if not g.values:
        return g.label
    vals = ", ".join(f"{k.rsplit('.', 1)[-1]}={json.dumps(v)}" for k, v in g.values.items())
    return f"{g.label} [{vals}]"


def _currency(plan: Plan) -> str:
    return plan.scenarios[0].currency


def _points_text(plan: Plan) -> str:
    n, rows = len(plan.points.points), len(plan.points.rows)
    if rows > n:
        return _("{rows} sample rows, {n} distinct points (each distinct point run once)").format(
            rows=rows, n=n
        )
    return ngettext("{n} point", "{n} points", n).format(n=n)


def _header(plan: Plan, extra: dict[str, Any]) -> str:
    ident = plan.identity()
    reps = extra.get("reps")
    auto = ""
    if plan.reps is None:
        met = (
            _("met")
            if extra.get("precise")
            else _("not met: the cap of {n} was reached").format(n=plan.auto.max_reps)
        )
        auto = " " + _(
            "(auto: until the 95% CI half-width of total net income is within {share:.0%} of "
            "its mean; {met})"
        ).format(share=plan.auto.precision, met=met)
    design = plan.design
    none = _("none")
    factors = _(", ").join(f"<code>{escape(k)}</code>" for k in design.keys) or none
    overrides = _(", ").join(f"<code>{escape(o)}</code>" for o in plan.overrides) or none
    items = [
        (_("Scenarios"), _(", ").join(escape(lb) for lb in plan.labels)),
        (_("Overrides"), overrides),
        (_("Months"), str(plan.months)),
        (_("Base seed"), str(plan.seed)),
        (_("Replications"), _("{n} per scenario and point").format(n=reps) + auto),
        (_("Policy"), escape(plan.policy or _("each scenario's own (player.policy)"))),
        (
            _("Design"),
            _("{method}, {points}; factors: {factors}").format(
                method=design.method, points=_points_text(plan), factors=factors
            ),
        ),
        (
            "gigsim",
            _("{version} (model {model})").format(
                version=ident["gigsim_version"], model=ident["model_version"]
            ),
        ),
    ]
    rows = "".join(f"<tr><th>{k}</th><td style='text-align:left'>{v}</td></tr>" for k, v in items)
    return "<h1>" + _("gigsim batch report") + f"</h1><table>{rows}</table>"


def _summary_table(plan: Plan, records: list[dict[str, Any]]) -> str:
    summ = summaries(plan, records)
    cur = _currency(plan)

    def m(x: float | None) -> str:
        return "–" if x is None else escape(money(x, cur))

    heads = [
        _("scenario [point]"),
        "n",
        _("net income: mean"),
        _("95% CI"),
        "P10",
        "P50",
        "P90",
        _("orders"),
        _("hours"),
        _("per hour"),
    ]
    head = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr>"
    body = []
    for g in plan.groups:
        s = summ[g.index]
        net = s["net_income"]
        ci = (
            _("{low} to {high}").format(low=m(net.ci_low), high=m(net.ci_high))
            if net.ci_low is not None
            else "–"
        )
        orders = s["orders"].mean
        hours = s["hours_worked"].mean
        body.append(
            f"<tr><td>{escape(_label(g))}</td><td>{net.n}</td><td>{m(net.mean)}</td><td>{ci}</td>"
            f"<td>{m(net.p10)}</td><td>{m(net.p50)}</td><td>{m(net.p90)}</td>"
            f"<td>{'–' if orders is None else f'{orders:.1f}'}</td>"
            f"<td>{'–' if hours is None else f'{hours:.1f}'}</td>"
            f"<td>{m(s['effective_hourly_wage'].mean)}</td></tr>"
        )
    title = ngettext("Summary over {n} month", "Summary over {n} months", plan.months)
    note = _(
        "Net income: gross sales − platform fees − refunds − payout fees − lapsed balance, "
        "summed over the months. CI: Student t over replications. Every KPI of every group is "
        "in {file}."
    ).format(file="<code>summary.csv</code>")
    return (
        f"<h2>{title.format(n=plan.months)}</h2><table>{head}{''.join(body)}</table>"
        f"<p class='note'>{note}</p>"
    )


def _fans(plan: Plan, records: list[dict[str, Any]]) -> str:
    groups = by_group(plan, records)
    cur = _currency(plan)
    charts = []
    for g in plan.groups[:MAX_FANS]:
        band = monthly_net(groups[g.index])
        charts.append(
            fan_chart(
                band.months,
                band.p10,
                band.p50,
                band.p90,
                band.mean,
                _("Monthly net income: {group}").format(group=_label(g)),
                lambda v: money(v, cur),
            )
        )
    more = len(plan.groups) - MAX_FANS
    note = ""
    if more > 0:
        text = ngettext(
            "{n} more scenario point is in months.csv.",
            "{n} more scenario points are in months.csv.",
            more,
        )
        note = f"<p class='note'>{text.format(n=more)}</p>"
    heading = _("Monthly net income")
    return f"<h2>{heading}</h2><div class='charts'>{''.join(charts)}</div>{note}"


def _comparison(plan: Plan, records: list[dict[str, Any]]) -> str:
    comps = [c for c in comparisons(plan, records) if c.kpi == "net_income"]
    if not comps:
        return ""
    cur = _currency(plan)
    rows = [
        (
            f"{_label(c.this)} − {_label(c.reference)}",
            c.result.mean or 0.0,
            c.result.ci_low,
            c.result.ci_high,
            _("ahead in {ahead:.0%} of runs, behind in {behind:.0%}").format(
                ahead=c.result.b_wins, behind=c.result.a_wins
            ),
        )
        for c in comps
    ]
    title = _("Paired difference in total net income (95% CI)")
    chart = forest(rows, title, lambda v: money(v, cur))
    note = _(
        "Replication r of every scenario and point uses the same random streams (common random "
        "numbers), so each difference is taken run by run. More KPIs are in {file}."
    ).format(file="<code>comparison.csv</code>")
    return "<h2>" + _("Comparison") + f"</h2>{chart}<p class='note'>{note}</p>"


def _sensitivity(plan: Plan, records: list[dict[str, Any]]) -> str:
    items = sensitivity(plan, records)
    if not items:
        return ""
    cur = _currency(plan)
    method = plan.design.method
    out = ["<h2>" + _("What matters most") + "</h2>"]
    for label in plan.labels:
        mine = [s for s in items if s.scenario == label]
        if not mine:
            continue
        if method in ("factorial", "oat"):
            rows3 = [(s.factor, s.measures["low"], s.measures["high"]) for s in mine]
            base = mine[0].measures["baseline"]
            out.append(
                tornado(
                    rows3,
                    base,
                    _("Mean total net income by factor: {scenario}").format(scenario=label),
                    lambda v: money(v, cur),
                )
            )
            continue
        measure, what = {
            "lhs": ("spearman_rho", _("Spearman rank correlation with mean net income")),
            "morris": ("mu_star", _("Morris μ* (mean |elementary effect|), 95% CI")),
            "sobol": ("ST", _("Sobol' total-order index, 95% CI")),
        }[method]
        rows = [(s.factor, s.measures[measure], s.conf.get(measure)) for s in mine]
        fmt = (lambda v: money(v, cur)) if method == "morris" else (lambda v: f"{v:.2f}")
        out.append(ranking(rows, f"{what}: {label}", fmt))
        out.append(_measures_table(mine, method, cur))
        warnings = warnings_of(items, label, translated=True)
        if warnings:
            lis = "".join(f"<li>{escape(w)}</li>" for w in warnings)
            out.append(
                "<p class='warn'><b>"
                + _("Warning: these indices are not trustworthy.")
                + "</b></p>"
                f"<ul class='warn'>{lis}</ul>"
            )
    note = _(
        "Computed on each point's mean total net income over replications; ± is the 95% "
        "confidence half-width SALib's bootstrap gives; all measures are in {file}."
    ).format(file="<code>sensitivity.csv</code>")
    out.append(f"<p class='note'>{note}</p>")
    return "".join(out)


def measure_text(s: Sensitivity, method: str, cur: str) -> str:
    """A factor's measures as one phrase, each with its 95% confidence half-width if it has one."""

    def with_conf(name: str, fmt: str) -> str:
        value = s.measures[name]
        conf = s.conf.get(name)
        text = money(value, cur) if fmt == "money" else f"{value:.2f}"
        if conf is None:
            return text
        c = money(conf, cur) if fmt == "money" else f"{conf:.2f}"
        return f"{text} ± {c}"

    if method == "sobol":
        return f"S1 {with_conf('S1', 'index')}, ST {with_conf('ST', 'index')}"
    if method == "morris":
        return f"μ* {with_conf('mu_star', 'money')}, σ {money(s.measures['sigma'], cur)}"
    if method == "lhs":
        return f"Spearman ρ {s.measures['spearman_rho']:.2f}"
    return _("swing {amount}").format(amount=money(s.measures["swing"], cur))


def _measures_table(mine: list[Sensitivity], method: str, cur: str) -> str:
    head = (
        "<tr><th>" + _("factor") + "</th><th>" + _("measures (± 95% CI half-width)") + "</th></tr>"
    )
    body = "".join(
        f"<tr><td>{escape(s.factor)}</td><td>{escape(measure_text(s, method, cur))}</td></tr>"
        for s in mine
    )
    return f"<table>{head}{body}</table>"


def report_html(plan: Plan, records: list[dict[str, Any]], extra: dict[str, Any]) -> str:
    parts = [
        _header(plan, extra),
        _summary_table(plan, records),
        _fans(plan, records),
        _comparison(plan, records),
        _sensitivity(plan, records),
    ]
    return (
        f"<!DOCTYPE html>\n<html lang='{language()}'><head><meta charset='utf-8'>"
        "<title>" + _("gigsim batch") + ": " + escape(_(", ").join(plan.labels)) + "</title>"
        f"<style>{CSS}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )

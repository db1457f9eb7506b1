"""From sorted run records to summaries, paired comparisons and sensitivity rankings.

Everything here is a pure function of the plan and the records (sorted by
group and replication), so the files and the report built from it are the
same whatever executor ran the experiment and in whatever order runs ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gigsim.experiments.plan import Group, Plan
from gigsim.experiments.runs import MONTH_KPIS, RUN_KPIS
from gigsim.experiments.stats import Paired, Summary, paired, rank_correlation, summarize

COMPARED_KPIS = ("net_income", "orders", "hours_worked")
NET_MONTH = MONTH_KPIS.index("net_income")


def by_group(plan: Plan, records: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {g.index: [] for g in plan.groups}
    for r in records:
        out[r["group"]].append(r)
    return out


def summaries(plan: Plan, records: list[dict[str, Any]]) -> dict[int, dict[str, Summary]]:
    groups = by_group(plan, records)
    return {
        g: {k: summarize([r["totals"][k] for r in recs]) for k in RUN_KPIS}
        for g, recs in groups.items()
    }


@dataclass(frozen=True)
class MonthlyBand:
    months: list[int]
    p10: list[float]
    p50: list[float]
    p90: list[float]
    mean: list[float]


def monthly_net(recs: list[dict[str, Any]]) -> MonthlyBand:
    """P10/P50/P90 and mean of each month's net income over replications (the fan chart)."""
    if not recs:
        return MonthlyBand([], [], [], [], [])
    m = np.array([[row[NET_MONTH] for row in r["months"]] for r in recs], dtype=float)
    q = np.percentile(m, [10, 50, 90], axis=0)
    return MonthlyBand(
        list(range(1, m.shape[1] + 1)),
        [float(x) for x in q[0]],
        [float(x) for x in q[1]],
        [float(x) for x in q[2]],
        [float(x) for x in m.mean(axis=0)],
    )


def comparison_pairs(plan: Plan) -> list[tuple[Group, Group]]:
    """(this, reference): each scenario against the first at every point; else points against the first."""
    index = {(g.scenario, g.point): g for g in plan.groups}
    n_points = len(plan.points.points)
    if len(plan.labels) > 1:
        return [
            (index[(s, p)], index[(0, p)])
            for s in range(1, len(plan.labels))
            for p in range(n_points)
        ]
    if n_points > 1 and not plan.design.sampled:
        return [(index[(0, p)], index[(0, 0)]) for p in range(1, n_points)]
    return []


@dataclass(frozen=True)
class Comparison:
    this: Group
    reference: Group
    kpi: str
    result: Paired


def comparisons(plan: Plan, records: list[dict[str, Any]]) -> list[Comparison]:
    groups = by_group(plan, records)
    out = []
    for this, ref in comparison_pairs(plan):
        a_recs, b_recs = groups[ref.index], groups[this.index]
        for kpi in COMPARED_KPIS:
            a = [r["totals"][kpi] for r in a_recs]
            b = [r["totals"][kpi] for r in b_recs]
            out.append(Comparison(this, ref, kpi, paired(a, b)))
    return out


@dataclass(frozen=True)
class Sensitivity:
    """One factor's importance for one scenario: measures by name, ranked by ``score``."""

    scenario: str
    factor: str
    measures: dict[str, float]
    score: float


def _means(plan: Plan, records: list[dict[str, Any]], scenario: int) -> list[float]:
    groups = by_group(plan, records)
    return [
        float(np.mean([r["totals"]["net_income"] for r in groups[g.index]]))
        for g in plan.groups
        if g.scenario == scenario
    ]


def sensitivity(plan: Plan, records: list[dict[str, Any]]) -> list[Sensitivity]:
    """Which factors move mean total net income most, by the design's own measure."""
    d = plan.design
    if not d.factors or not records:
        return []
    out: list[Sensitivity] = []
    for s, label in enumerate(plan.labels):
        y = _means(plan, records, s)
        if d.method in ("factorial", "oat"):
            out.extend(_swings(plan, label, y))
        elif d.method == "lhs":
            x = np.array(plan.points.matrix)
            for i, key in enumerate(d.keys):
                rho = rank_correlation(list(x[:, i]), y)
                out.append(Sensitivity(label, key, {"spearman_rho": rho}, abs(rho)))
        else:
            out.extend(_salib(plan, label, y))
    out = [
        Sensitivity(x.scenario, x.factor, x.measures, 0.0 if np.isnan(x.score) else x.score)
        for x in out
    ]
    return sorted(out, key=lambda x: (plan.labels.index(x.scenario), -x.score, x.factor))


def _swings(plan: Plan, label: str, y: list[float]) -> list[Sensitivity]:
    """Tornado bars: mean net income at each factor's lowest- and highest-scoring level."""
    pts = plan.points.points
    out = []
    base = y[0]
    for key in plan.design.keys:
        levels: dict[str, list[float]] = {}
        for p, point in enumerate(pts):
            if plan.design.method == "oat" and p > 0 and key not in point:
                continue
            level = repr(point.get(key, "baseline"))
            levels.setdefault(level, []).append(y[p])
        means = {lv: float(np.mean(v)) for lv, v in levels.items()}
        if len(means) < 2:
            continue
        lo = min(means, key=lambda lv: (means[lv], lv))
        hi = max(means, key=lambda lv: (means[lv], lv))
        m = {"low": means[lo], "high": means[hi], "baseline": base}
        out.append(
            Sensitivity(label, key, m | {"swing": means[hi] - means[lo]}, means[hi] - means[lo])
        )
    return out


def _salib(plan: Plan, label: str, y: list[float]) -> list[Sensitivity]:
    d = plan.design
    problem = d.problem()
    yy = np.array(y, dtype=float)
    seed = plan.seed % 2**32
    out = []
    if d.method == "morris":
        from SALib.analyze import morris

        from gigsim.experiments.designs import MORRIS_LEVELS

        x = np.array(plan.points.matrix, dtype=float)
        res = morris.analyze(problem, x, yy, num_levels=MORRIS_LEVELS, seed=seed)
        for i, key in enumerate(d.keys):
            m = {k: float(res[k][i]) for k in ("mu", "mu_star", "sigma", "mu_star_conf")}
            out.append(Sensitivity(label, key, m, m["mu_star"]))
    else:
        from SALib.analyze import sobol

        res = sobol.analyze(problem, yy, calc_second_order=False, seed=seed)
        for i, key in enumerate(d.keys):
            m = {k: float(res[k][i]) for k in ("S1", "S1_conf", "ST", "ST_conf")}
            out.append(Sensitivity(label, key, m, m["ST"]))
    return out

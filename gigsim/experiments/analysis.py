"""From sorted run records to summaries, paired comparisons and sensitivity rankings.

Everything here is a pure function of the plan and the records (sorted by
group and replication), so the files and the report built from it are the
same whatever executor ran the experiment and in whatever order runs ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from gigsim.experiments.plan import Group, Plan
from gigsim.experiments.runs import RUN_KPIS
from gigsim.experiments.stats import Paired, Summary, paired, rank_correlation, summarize
from gigsim.i18n import N_, _

COMPARED_KPIS = ("net_income", "orders", "hours_worked")

SOBOL_MIN_BASE_POINTS = 64
"""Fewer Sobol' base points than this give indices too rough to rank factors by.

Saltelli's estimators converge slowly: with a few dozen base points the
bootstrap intervals of S1 and ST typically span much of 0–1, and S1 above
ST (impossible for true indices) is common. 64 is the default ``--samples``.
"""
SOBOL_MAX_HALF_WIDTH = 0.1
"""A 95% confidence interval of S1 or ST wider than ±0.1 (a tenth of the whole scale) is flagged."""


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
    m = np.array([[row["net_income"] for row in r["months"]] for r in recs], dtype=float)
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


Note = tuple[str, dict[str, str]]
"""A message (English, marked for translation) and the values it is formatted with."""


@dataclass(frozen=True)
class Sensitivity:
    """One factor's importance for one scenario: measures by name, ranked by ``score``.

    ``conf`` holds the 95% confidence half-width SALib gives beside a
    measure (S1, ST, mu_star); ``warnings`` say why the factor's figures
    should not be trusted (empty when nothing is wrong with them), in English
    as ``sensitivity.csv`` writes them; ``notes`` are the same as messages and
    values, for the terminal and the report in the chosen language.
    """

    scenario: str
    factor: str
    measures: dict[str, float]
    score: float
    conf: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


def _means(plan: Plan, records: list[dict[str, Any]], scenario: int) -> list[float]:
    """Mean total net income at each distinct design point of one scenario."""
    groups = by_group(plan, records)
    return [
        float(np.mean([r["totals"]["net_income"] for r in groups[g.index]]))
        for g in plan.groups
        if g.scenario == scenario
    ]


def _row_means(plan: Plan, y: list[float]) -> list[float]:
    """The point means by row of the sampled matrix (a row repeating a point gets its result)."""
    return [y[p] for p in plan.points.rows]


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
            yy = _row_means(plan, y)
            for i, key in enumerate(d.keys):
                rho = rank_correlation(list(x[:, i]), yy)
                out.append(Sensitivity(label, key, {"spearman_rho": rho}, abs(rho)))
        else:
            out.extend(_salib(plan, label, _row_means(plan, y)))
    out = [replace(x, score=0.0 if np.isnan(x.score) else x.score) for x in out]
    return sorted(out, key=lambda x: (plan.labels.index(x.scenario), -x.score, x.factor))


def warnings_of(items: list[Sensitivity], scenario: str, translated: bool = False) -> list[str]:
    """A scenario's sensitivity warnings, each once, in ranking order (in English as in
    ``sensitivity.csv``, or ``translated`` into the chosen language)."""
    seen: dict[str, None] = {}
    for s in items:
        if s.scenario == scenario:
            texts = [_(m).format(**v) for m, v in s.notes] if translated else s.warnings
            seen.update(dict.fromkeys(texts))
    return list(seen)


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
            m = {k: float(res[k][i]) for k in ("mu", "mu_star", "sigma")}
            conf = {"mu_star": float(res["mu_star_conf"][i])}
            out.append(Sensitivity(label, key, m, m["mu_star"], conf))
        return out
    from SALib.analyze import sobol

    res = sobol.analyze(problem, yy, calc_second_order=False, seed=seed)
    for i, key in enumerate(d.keys):
        m = {k: float(res[k][i]) for k in ("S1", "ST")}
        conf = {k: float(res[f"{k}_conf"][i]) for k in ("S1", "ST")}
        out.append(Sensitivity(label, key, m, m["ST"], conf))
    common = _sobol_sample_notes(d.samples, yy)
    out = [replace(s, notes=(*common, *_sobol_factor_notes(s))) for s in out]
    return [replace(s, warnings=_english(s.notes)) for s in out]


def _english(notes: tuple[Note, ...] | list[Note]) -> tuple[str, ...]:
    return tuple(m.format(**v) for m, v in notes)


def _sobol_sample_warnings(base_points: int, y: np.ndarray) -> list[str]:
    """The sample's warnings in English, as ``sensitivity.csv`` writes them."""
    return list(_english(_sobol_sample_notes(base_points, y)))


def _sobol_factor_warnings(s: Sensitivity) -> list[str]:
    """A factor's warnings in English, as ``sensitivity.csv`` writes them."""
    return list(_english(_sobol_factor_notes(s)))


def _sobol_sample_notes(base_points: int, y: np.ndarray) -> list[Note]:
    out: list[Note] = []
    if base_points < SOBOL_MIN_BASE_POINTS:
        out.append(
            (
                N_(
                    "only {n} base points (fewer than {least}): Sobol' indices this rough can "
                    "mislead; run --samples {least} or more"
                ),
                {"n": str(base_points), "least": str(SOBOL_MIN_BASE_POINTS)},
            )
        )
    if y.size and float(np.ptp(y)) == 0.0:
        out.append(
            (
                N_("mean net income is the same at every point: there is no variance to share out"),
                {},
            )
        )
    return out


def _sobol_factor_notes(s: Sensitivity) -> list[Note]:
    """Why one factor's S1 and ST cannot both be right, or are too imprecise to rank by."""
    s1, st = s.measures["S1"], s.measures["ST"]
    c1, ct = s.conf["S1"], s.conf["ST"]
    f = s.factor
    if any(np.isnan(v) for v in (s1, st, c1, ct)):
        return [(N_("{factor}: the indices could not be estimated"), {"factor": f})]
    out: list[Note] = []
    two = {"factor": f, "s1": f"{s1:.2f}", "c1": f"{c1:.2f}", "st": f"{st:.2f}", "ct": f"{ct:.2f}"}
    if s1 - c1 > st + ct:
        out.append(
            (
                N_(
                    "{factor}: S1 {s1} ± {c1} is above ST {st} ± {ct} beyond their confidence "
                    "intervals, which true indices never are: the estimates are noise"
                ),
                two,
            )
        )
    for name, v, c in (("S1", s1, c1), ("ST", st, ct)):
        if v + c < 0.0 or v - c > 1.0:
            values = {"factor": f, "name": name, "value": f"{v:.2f}", "half": f"{c:.2f}"}
            out.append(
                (
                    N_("{factor}: {name} {value} ± {half} lies outside 0–1 beyond its interval"),
                    values,
                )
            )
    if max(c1, ct) > SOBOL_MAX_HALF_WIDTH:
        values = {**two, "most": f"{SOBOL_MAX_HALF_WIDTH:g}"}
        out.append(
            (
                N_("{factor}: 95% confidence interval wider than ±{most} (S1 ± {c1}, ST ± {ct})"),
                values,
            )
        )
    return out

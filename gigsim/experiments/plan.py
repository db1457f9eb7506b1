"""An experiment's plan: scenarios × design points × replications, checked up front.

``build_plan`` turns the command line's choices into groups (one per
scenario and design point, each with its fully overridden scenario and
policy) and checks everything before any run starts or any file is written:
scenarios, ``--set`` overrides, every design point against every scenario,
policies (shipped or from the ``gigsim.policies`` entry points). Its
``identity`` is what ``manifest.json`` records and ``--resume`` compares.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gigsim import MODEL_VERSION, __version__
from gigsim.engine.api import PLAYER_POLICIES, load_entry_point_policies
from gigsim.errors import BadInput
from gigsim.experiments.designs import Design, Points, make_points, overrides_of
from gigsim.experiments.runs import Job, replication_seed
from gigsim.i18n import _
from gigsim.model.limits import check_run
from gigsim.model.scenario import Scenario
from gigsim.scenarios import SET_SOURCE, load_scenario

FORMAT = "gigsim-batch/1"
AUTO_FIRST = 10
"""Replications in the first batch of ``--reps auto``, and in every batch after it."""


@dataclass(frozen=True)
class Group:
    """One scenario at one design point: the unit that summaries and comparisons are about."""

    index: int
    scenario: int
    point: int
    label: str
    values: dict[str, Any]
    policy: str
    scenario_json: str
    strategy: str = ""
    """A player's strategy played instead of the policy (the luck check: ``Job.strategy``)."""


@dataclass(frozen=True)
class AutoReps:
    precision: float = 0.05
    """Target: 95% CI half-width of total net income within this share of |mean|."""
    max_reps: int = 200
    batch: int = AUTO_FIRST


@dataclass
class Plan:
    labels: list[str]
    refs: list[str]
    scenarios: list[Scenario]
    overrides: list[str]
    design: Design
    points: Points
    groups: list[Group]
    months: int
    seed: int
    reps: int | None
    """Replications per group; None for ``--reps auto``."""
    auto: AutoReps = field(default_factory=AutoReps)
    policy: str | None = None
    seeds: tuple[int, ...] = ()
    """Replication r's seed when given (the luck check's seeds), else derived from ``seed``."""

    @property
    def keys(self) -> list[str]:
        return self.design.keys

    def job(self, group: Group, replication: int) -> Job:
        return Job(
            group.index,
            replication,
            self.replication_seed(replication),
            self.months,
            group.policy,
            group.scenario_json,
            self.key,
            group.strategy,
        )

    def replication_seed(self, replication: int) -> int:
        if self.seeds:
            return self.seeds[replication]
        return replication_seed(self.seed, replication)

    @functools.cached_property
    def key(self) -> str:
        """A short fingerprint of ``identity()``, written into every journal record."""
        text = json.dumps(self.identity(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def identity(self) -> dict[str, Any]:
        """Everything the results depend on (no times): manifest.json's ``experiment``."""
        out: dict[str, Any] = {
            "format": FORMAT,
            "gigsim_version": __version__,
            "model_version": MODEL_VERSION,
            "scenarios": [
                {"label": lb, "ref": ref, "scenario": sc.model_dump(mode="json")}
                for lb, ref, sc in zip(self.labels, self.refs, self.scenarios, strict=True)
            ],
            "overrides": list(self.overrides),
            "months": self.months,
            "seed": self.seed,
            "reps": "auto" if self.reps is None else self.reps,
            "policy": self.policy,
            "design": self.design.as_dict(),
            "points": self.points.points,
        }
        if self.reps is None:
            out["auto"] = {
                "precision": self.auto.precision,
                "max_reps": self.auto.max_reps,
                "batch": self.auto.batch,
                "kpi": "net_income",
            }
        return json.loads(json.dumps(out))


def _labels(refs: Sequence[str]) -> list[str]:
    out: list[str] = []
    for ref in refs:
        label = ref
        k = 2
        while label in out:
            label = f"{ref}#{k}"
            k += 1
        out.append(label)
    return out


def _walk(data: Any, key: str) -> tuple[bool, Any]:
    node = data
    for part in key.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False, None
    return True, node


def _load_point(ref: str, overrides: list[str], point: dict[str, Any], design: Design) -> Scenario:
    try:
        return load_scenario(ref, [*overrides, *overrides_of(point)])
    except BadInput as e:
        field = e.field or ""
        if e.source == SET_SOURCE and any(
            field == k or field.startswith(k + ".") or k.startswith(field + ".") for k in point
        ):
            value = next((point[k] for k in point if field == k or k.startswith(field)), None)
            # Translators: the start of "(got VALUE)" as the scenario's errors write it
            shown = value is None or _("(got ") in e.problem
            got = "" if shown else " " + _("(value {value})").format(value=json.dumps(value))
            raise BadInput(design.source, field, f"{e.problem}{got}") from None
        raise


def _policy(name: str, label: str, problems: dict[str, str]) -> str:
    if name in PLAYER_POLICIES:
        return name
    if name in problems:
        problem = _("policy {name!r}: {why}").format(name=name, why=problems[name])
        raise BadInput("--policy", None, problem)
    known = ", ".join(sorted(PLAYER_POLICIES))
    problem = _("unknown policy {name!r} for {label} (known: {names})")
    raise BadInput("--policy", None, problem.format(name=name, label=label, names=known))


def build_plan(
    refs: Sequence[str],
    overrides: Sequence[str],
    design: Design,
    months: int | None,
    seed: int,
    reps: int | None,
    policy: str | None = None,
    auto: AutoReps | None = None,
) -> Plan:
    """Check everything and build the plan; raises ``BadInput`` naming what is wrong."""
    if not refs:
        raise BadInput("batch", None, _("name at least one scenario"))
    problems = load_entry_point_policies()
    scenarios = [load_scenario(ref, list(overrides)) for ref in refs]
    months = months if months is not None else scenarios[0].months
    base_data = scenarios[0].model_dump(mode="json")
    base: dict[str, Any] = {}
    integer: dict[str, bool] = {}
    for key in design.keys:
        found, value = _walk(base_data, key)
        if found:
            base[key] = value
        integer[key] = isinstance(value, int) and not isinstance(value, bool)
    points = make_points(design, base, integer, seed)
    labels = _labels(refs)
    groups: list[Group] = []
    for s, (ref, label) in enumerate(zip(refs, labels, strict=True)):
        for p, point in enumerate(points.points):
            sc = _load_point(ref, list(overrides), point, design) if point else scenarios[s]
            check_run(sc, months, ref)  # --months may be longer than the scenario's own
            name = _policy(policy or sc.player.policy, label, problems)
            # the scenario's own key order: a mapping's order is the order the model draws in,
            # so that replication r is exactly `gigsim run` with its seed
            text = json.dumps(sc.model_dump(mode="json"), sort_keys=False, ensure_ascii=False)
            groups.append(Group(len(groups), s, p, label, dict(point), name, text))
    return Plan(
        labels,
        list(refs),
        scenarios,
        list(overrides),
        design,
        points,
        groups,
        months,
        seed,
        reps,
        auto or AutoReps(),
        policy,
    )

"""Experimental designs: which parameter points an experiment runs.

A design varies scenario fields (the dotted keys of ``--set``) and yields a
list of points, each a mapping from key to value:

- ``factorial``: every combination of the ``--sweep k=v1,v2`` values;
- ``oat``: one at a time: the scenario as it is, then each value of each
  key with the others at the scenario's own values;
- ``lhs``: a Latin hypercube of ``--samples`` points over ``--range k=lo:hi``;
- ``morris``: Morris elementary effects (SALib), ``--samples`` trajectories;
- ``sobol``: Sobol' indices (SALib, Saltelli's scheme), ``--samples`` base points.

Designs come from flags or from a YAML file (``--design FILE``) with a
``design`` section. Sampled values of a key whose scenario value is a whole
number are rounded, and a point the sample holds twice is run once
(``Points.rows``). SALib is imported only for the sampled designs. The
points are checked against the scenario by ``gigsim.experiments.plan``.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gigsim.errors import BadInput
from gigsim.i18n import _

METHODS = ("factorial", "oat", "lhs", "morris", "sobol")
SAMPLED = ("lhs", "morris", "sobol")
DEFAULT_SAMPLES = {"lhs": 20, "morris": 10, "sobol": 64}
MORRIS_LEVELS = 4
MAX_POINTS = 5000
MAX_DESIGN_BYTES = 256 * 1024


@dataclass(frozen=True)
class Factor:
    """A scenario field the design varies: listed values, or a range for sampled designs."""

    key: str
    values: tuple[Any, ...] = ()
    low: float | None = None
    high: float | None = None

    def as_dict(self) -> dict[str, Any]:
        if self.values:
            return {"key": self.key, "values": list(self.values)}
        return {"key": self.key, "low": self.low, "high": self.high}


@dataclass(frozen=True)
class Design:
    method: str = "factorial"
    factors: tuple[Factor, ...] = ()
    samples: int = 0
    source: str = "--sweep"
    """Where the design came from, for messages: ``--sweep``, ``--range`` or the file."""

    @property
    def sampled(self) -> bool:
        return self.method in SAMPLED

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.factors]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "method": self.method,
            "factors": [f.as_dict() for f in self.factors],
        }
        if self.sampled:
            out["samples"] = self.samples
        return out

    def problem(self) -> dict[str, Any]:
        """The SALib problem of a sampled design."""
        return {
            "num_vars": len(self.factors),
            "names": self.keys,
            "bounds": [[f.low, f.high] for f in self.factors],
        }


@dataclass
class Points:
    """A design's distinct points; for sampled designs also the unrounded matrix SALib analyses.

    A sampled design's rows can repeat a point: Morris trajectories walk a
    grid of ``MORRIS_LEVELS`` levels per factor and cross each other, and
    rounding a whole-number field maps nearby rows onto one value. Each
    distinct point is run once; ``rows[i]`` is the point that row ``i`` of
    ``matrix`` runs as, so the analysis gives every row its point's result.
    """

    points: list[dict[str, Any]]
    matrix: list[list[float]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


# --------------------------------------------------------------------------
# From flags and files
# --------------------------------------------------------------------------


def _yaml_value(text: str, source: str, key: str) -> Any:
    try:
        value = yaml.safe_load(text) if text.strip() else None
    except yaml.YAMLError:
        raise BadInput(
            source, key, _("value {text!r} is not valid YAML").format(text=text)
        ) from None
    if isinstance(value, (dict, list)) or value is None:
        problem = _("value {text!r} must be a single number, word or true/false")
        raise BadInput(source, key, problem.format(text=text))
    return value


def _split_key(item: str, source: str, example: str) -> tuple[str, str]:
    key, sep, rest = item.partition("=")
    key = key.strip()
    if not sep or not key or not rest.strip():
        raise BadInput(source, item or None, _("expected {example}").format(example=example))
    return key, rest


def parse_sweep(item: str) -> Factor:
    """``key=v1,v2,…`` (each value YAML: 3000, 0.5, true, coconala)."""
    key, rest = _split_key(
        item, "--sweep", _("key=v1,v2,…, e.g. player.listings.0.price=3000,5000")
    )
    values = tuple(_yaml_value(v, "--sweep", key) for v in rest.split(","))
    if len(set(map(json.dumps, values))) != len(values):
        raise BadInput("--sweep", key, _("the same value is listed twice"))
    return Factor(key, values=values)


def _number(text: Any, source: str, key: str) -> float:
    if isinstance(text, bool):
        raise BadInput(source, key, _("range ends must be numbers, not {text!r}").format(text=text))
    try:
        return float(text)
    except (TypeError, ValueError):
        raise BadInput(
            source, key, _("range ends must be numbers, not {text!r}").format(text=text)
        ) from None


def _range(key: str, low: Any, high: Any, source: str) -> Factor:
    lo, hi = _number(low, source, key), _number(high, source, key)
    if not lo < hi:
        problem = _("the range must go from low to high (got {low:g} to {high:g})")
        raise BadInput(source, key, problem.format(low=lo, high=hi))
    return Factor(key, low=lo, high=hi)


def parse_range(item: str) -> Factor:
    """``key=low:high`` for the sampled designs."""
    key, rest = _split_key(item, "--range", _("key=low:high, e.g. player.hours.weekday=1:3"))
    low, sep, high = rest.partition(":")
    if not sep:
        raise BadInput("--range", key, _("expected low:high, not {text!r}").format(text=rest))
    return _range(key, low, high, "--range")


def _check(design: Design) -> Design:
    src = design.source
    if design.method not in METHODS:
        raise BadInput(
            src,
            "method",
            _("unknown method {name!r} (known: {names})").format(
                name=design.method, names=", ".join(METHODS)
            ),
        )
    keys = design.keys
    dup = next((k for k in keys if keys.count(k) > 1), None)
    if dup:
        raise BadInput(src, dup, _("the same key is varied twice"))
    if design.sampled:
        if not design.factors:
            problem = _("{method} needs at least one --range key=low:high")
            raise BadInput(src, None, problem.format(method=design.method))
        if any(f.values for f in design.factors):
            raise BadInput(
                src,
                None,
                _("{method} samples ranges (key=low:high), not --sweep values").format(
                    method=design.method
                ),
            )
        if design.samples < 1 or (
            design.method == "sobol" and design.samples & (design.samples - 1)
        ):
            problem = (
                _("must be a power of two for {method} (got {n})")
                if design.method == "sobol"
                else _("must be >= 1 for {method} (got {n})")
            )
            raise BadInput(src, "samples", problem.format(method=design.method, n=design.samples))
    elif any(not f.values for f in design.factors):
        problem = _("{method} takes --sweep key=v1,v2 values, not ranges")
        raise BadInput(src, None, problem.format(method=design.method))
    if design.method == "oat" and not design.factors:
        raise BadInput(src, None, _("oat needs at least one --sweep key=v1,v2"))
    return design


def from_flags(method: str, sweeps: list[str], ranges: list[str], samples: int | None) -> Design:
    factors = tuple([parse_sweep(s) for s in sweeps] + [parse_range(r) for r in ranges])
    source = "--range" if method in SAMPLED else "--sweep"
    n = DEFAULT_SAMPLES.get(method, 0) if samples is None else samples
    return _check(Design(method, factors, n if method in SAMPLED else 0, source))


def from_file(path: str) -> Design:
    """A design from a YAML file: a ``design`` section (or the whole file) with method and factors."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_DESIGN_BYTES:
            raise BadInput(path, None, _("file too large for a design (the limit is 256 KiB)"))
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(path, None, _("no such file")) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(path, None, _("cannot read: {why}").format(why=e)) from None
    except yaml.YAMLError as e:
        problem = _("not valid YAML: {why}").format(why=str(e).splitlines()[0])
        raise BadInput(path, None, problem) from None
    if isinstance(data, dict) and "design" in data:
        data = data["design"]
    if not isinstance(data, dict):
        raise BadInput(path, "design", _("must be a mapping with method and factors"))
    unknown = sorted(set(data) - {"method", "samples", "factors"})
    if unknown:
        raise BadInput(
            path, f"design.{unknown[0]}", _("unknown key (known: method, samples, factors)")
        )
    method = str(data.get("method", "factorial"))
    factors = data.get("factors") or {}
    if not isinstance(factors, dict):
        raise BadInput(path, "design.factors", _("must map scenario keys to values or ranges"))
    out: list[Factor] = []
    for key, spec in factors.items():
        where = f"design.factors.{key}"
        if method in SAMPLED:
            if isinstance(spec, dict) and set(spec) == {"low", "high"}:
                out.append(_range(str(key), spec["low"], spec["high"], path))
            elif isinstance(spec, list) and len(spec) == 2:
                out.append(_range(str(key), spec[0], spec[1], path))
            else:
                raise BadInput(
                    path, where, _("must be [low, high] or {{low: …, high: …}}").format()
                )
        else:
            if not isinstance(spec, list) or not spec:
                raise BadInput(path, where, _("must be a list of values"))
            if any(isinstance(v, (dict, list)) or v is None for v in spec):
                raise BadInput(path, where, _("values must be single numbers, words or true/false"))
            out.append(Factor(str(key), values=tuple(spec)))
    samples = data.get("samples", DEFAULT_SAMPLES.get(method, 0))
    if not isinstance(samples, int) or isinstance(samples, bool):
        problem = _("must be a whole number (got {value!r})").format(value=samples)
        raise BadInput(path, "design.samples", problem)
    return _check(Design(method, tuple(out), samples if method in SAMPLED else 0, path))


# --------------------------------------------------------------------------
# Points
# --------------------------------------------------------------------------


def make_points(
    design: Design, base: dict[str, Any], integer: dict[str, bool], seed: int
) -> Points:
    """The design's points. ``base``: the scenario's value at each key; ``integer``: whole-number keys."""
    if design.method == "factorial":
        combos = itertools.product(*(f.values for f in design.factors))
        pts = Points([dict(zip(design.keys, c, strict=True)) for c in combos])
    elif design.method == "oat":
        pts = Points([{}])
        for f in design.factors:
            pts.points.extend({f.key: v} for v in f.values if v != base.get(f.key))
    else:
        matrix = _sample(design, seed)
        rows = [
            {
                k: (round(x) if integer.get(k) else round(float(x), 6))
                for k, x in zip(design.keys, row, strict=True)
            }
            for row in matrix
        ]
        index: dict[str, int] = {}
        unique: list[dict[str, Any]] = []
        of_row = []
        for r in rows:
            text = json.dumps(r, sort_keys=True)
            if text not in index:
                index[text] = len(unique)
                unique.append(r)
            of_row.append(index[text])
        pts = Points(unique, [[float(x) for x in row] for row in matrix], of_row)
    if len(pts.points) > MAX_POINTS:
        problem = _("{n} points is more than {most}").format(n=len(pts.points), most=MAX_POINTS)
        raise BadInput(design.source, None, problem)
    return pts


def _sample(design: Design, seed: int) -> Any:
    problem = design.problem()
    s = seed % 2**32
    if design.method == "lhs":
        from SALib.sample import latin

        return latin.sample(problem, design.samples, seed=s)
    if design.method == "morris":
        from SALib.sample import morris

        return morris.sample(problem, design.samples, num_levels=MORRIS_LEVELS, seed=s)
    from SALib.sample import sobol

    return sobol.sample(problem, design.samples, calc_second_order=False, seed=s)


def overrides_of(point: dict[str, Any]) -> list[str]:
    """A point as ``--set`` strings (JSON values are YAML)."""
    return [f"{k}={json.dumps(v)}" for k, v in point.items()]

"""Reading, overriding, printing and describing scenario files.

Turns a scenario reference (a shipped name or a path to a YAML file) plus
``--set dotted.key=value`` overrides into a validated ``Scenario``, and every
way that can fail into one ``BadInput`` that names the file, the field and,
where known, the YAML line. It also renders a scenario back to YAML and the
scenario type to a JSON Schema.

YAML is read strictly by ``gigsim.scenarios.yaml_io`` (size, encoding and binary
checks; safe loader only; no anchors or aliases), and ``--set`` overrides are
checked and applied by ``gigsim.scenarios.overrides``; this module ties them
together, follows ``base`` links and turns validation errors into one line.

A file may start with ``base: NAME`` (a shipped scenario, or a path relative
to the file) and give only what differs: mappings are deep-merged onto the
base's raw data (the file's values win; lists and scalars replace), up to
``MAX_BASE_DEPTH`` bases deep, before validation and before ``--set``.

This module must not import Textual, SimPy or the engine.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gigsim.errors import BadInput
from gigsim.i18n import _, lazy
from gigsim.model.scenario import Scenario
from gigsim.model.scenario_base import BOUNDS_REASON
from gigsim.scenarios.overrides import SET_SOURCE, apply_override, known_fields
from gigsim.scenarios.texts import text as scenario_text
from gigsim.scenarios.yaml_io import (
    MAX_BYTES,
    MAX_DEPTH,
    NoAliasDumper,
    Path_,
    decode,
    dotted,
    parse,
    read_file,
)

__all__ = [
    "BASE_KEY",
    "MAX_BASE_DEPTH",
    "MAX_BYTES",
    "MAX_DEPTH",
    "SET_SOURCE",
    "load_scenario",
    "override_scenario",
    "scenario_yaml",
    "schema_json",
    "shipped_scenarios",
]

MAX_BASE_DEPTH = 5
"""Most ``base`` links followed from the file named on the command line."""
BASE_KEY = "base"
_SHIPPED_PACKAGE = "gigsim.scenarios"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_FIELD_PREFIX_RE = re.compile(r"^([A-Za-z_][\w-]*(?:\.[\w-]+)*): (.+)$", re.DOTALL)

Origins = dict[Path_, tuple[int, int]]
"""Where each path of merged data was written: (file's place in the chain, line)."""


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def load_scenario(ref: str, overrides: Sequence[str] = ()) -> Scenario:
    """Load a shipped scenario by name, or a YAML file by path, with overrides.

    A file with ``base`` is merged onto its base first (see the module's
    docstring). ``overrides`` are ``dotted.key=value`` strings (the command
    line's ``--set``), applied after the merge; each value is YAML (``3``,
    ``0.2``, ``true``, ``[1, 2]``) and numeric parts index lists
    (``categories.0.buyers_per_day=5``). Raises ``BadInput`` for anything
    wrong with the files, the overrides or the values.
    """
    data, origins, sources = _load_merged(ref)
    set_paths = [apply_override(data, item) for item in overrides]
    return _validate(data, sources, origins, set_paths)


def override_scenario(s: Scenario, overrides: Sequence[str]) -> Scenario:
    """``s`` with ``--set``-style overrides applied and checked as ``load_scenario`` checks them.

    For a scenario already in memory (the analyst API's ``Scenario``
    argument): a refused value raises ``BadInput`` naming ``--set`` and the
    field, never pydantic's own error.
    """
    if not overrides:
        return s
    data = s.model_dump(mode="json")
    set_paths = [apply_override(data, item) for item in overrides]
    return _validate(data, [SET_SOURCE], {}, set_paths)


def shipped_scenarios() -> list[tuple[str, str]]:
    """Names and one-line descriptions of the shipped scenarios (in the current language),
    default first."""
    out = []
    for name in _shipped_names():
        source, text = _read_shipped(name)
        data, _ = parse(text, source)
        if isinstance(data, dict):
            data = _own_identity(data, name)
        desc = data.get("description", "") if isinstance(data, dict) else ""
        first = scenario_text(str(desc).strip()).splitlines()[0] if str(desc).strip() else ""
        out.append((name, first))
    return out


def scenario_yaml(s: Scenario) -> str:
    """Full YAML of a scenario, every field included; loads back to an equal one."""
    # the comments in the reader's language; the fields and values stay as the file has them
    header = "".join(
        f"# {line}\n"
        for line in (
            _("gigsim scenario {name}: every field, defaults included.").format(name=repr(s.name)),
            _(
                "Money in minor units (yen, or cents for USD); time in days unless the name says hours."
            ),
        )
    )
    body = yaml.dump(
        s.model_dump(mode="json"),
        Dumper=NoAliasDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return header + body


def schema_json() -> str:
    """JSON Schema of a scenario file, with a description for every field."""
    schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema.update(Scenario.model_json_schema())
    schema["properties"] = {
        BASE_KEY: {
            "type": "string",
            "title": "Base",
            "description": "Scenario this file builds on: a shipped scenario's name or a path "
            "relative to this file. Mappings merge onto the base (this file's values win); "
            "lists and single values replace. name defaults to the file's stem.",
        },
        **schema["properties"],
    }
    _document_bounds(schema)
    schema["description"] = (
        f"{schema.get('description', '')} Every number is finite (no .inf or .nan) and within "
        "the bounds its field states, chosen far beyond any real platform or market but "
        "near enough that a run stays computable; a whole run is bounded too (buyers, the "
        "listings they look at and computer sellers over its months)."
    ).strip()
    required = schema.pop("required", None)
    if required:  # a file with a base may leave everything to it
        schema["if"] = {"required": [BASE_KEY]}
        schema["then"] = {}
        schema["else"] = {"required": required}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _number(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


def _bounds_text(node: dict[str, Any]) -> str | None:
    """ "at least A, at most B" for a JSON Schema number (and why, for the shared types)."""
    parts = []
    for key, word in (
        ("minimum", "at least"),
        ("exclusiveMinimum", "above"),
        ("maximum", "at most"),
        ("exclusiveMaximum", "below"),
    ):
        if key in node:
            parts.append(f"{word} {_number(node[key])}")
    reason = node.pop(BOUNDS_REASON, None)
    if not parts:
        return None
    return ", ".join(parts) + (f" ({reason})" if reason else "")


def _document_bounds(schema: Any) -> None:
    """Say every field's bounds in its description, where editors and readers see them."""
    if isinstance(schema, list):
        for item in schema:
            _document_bounds(item)
        return
    if not isinstance(schema, dict):
        return
    for prop in (schema.get("properties") or {}).values():
        if not isinstance(prop, dict):
            continue
        nodes = [prop, *prop.get("anyOf", [])]
        nodes += [n.get(k) for n in list(nodes) for k in ("items", "additionalProperties")]
        texts = [t for n in nodes if isinstance(n, dict) and (t := _bounds_text(n))]
        if texts:
            where = "each value " if _bounds_text(prop) is None and not prop.get("anyOf") else ""
            desc = prop.get("description", "").rstrip()
            prop["description"] = f"{desc} Bounds: {where}{texts[0]}.".strip()
    for value in schema.values():
        _document_bounds(value)


# --------------------------------------------------------------------------
# Finding and reading the file
# --------------------------------------------------------------------------


def _shipped_names() -> list[str]:
    root = resources.files(_SHIPPED_PACKAGE)
    names = sorted(p.name[: -len(".yaml")] for p in root.iterdir() if p.name.endswith(".yaml"))
    return sorted(names, key=lambda n: n != "default")


def _looks_like_path(ref: str) -> bool:
    return "/" in ref or os.sep in ref or ref.endswith((".yaml", ".yml")) or not _NAME_RE.match(ref)


def _read_ref(ref: str) -> tuple[str, str, bool]:
    """Return (source name for messages, text, shipped?) for a shipped name or a path."""
    if not ref:
        raise BadInput("scenario", None, _("empty scenario name or path"))
    if not _looks_like_path(ref):
        if ref in _shipped_names():
            return (*_read_shipped(ref), True)
        if not Path(ref).exists():
            known = ", ".join(_shipped_names())
            raise BadInput(
                ref,
                None,
                _("no shipped scenario of that name and no such file (shipped: {names})").format(
                    names=known
                ),
            )
    return ref, read_file(Path(ref), ref), False


def _read_shipped(name: str) -> tuple[str, str]:
    source = f"{name}.yaml"
    data = resources.files(_SHIPPED_PACKAGE).joinpath(source).read_bytes()
    return source, decode(data, source)


# --------------------------------------------------------------------------
# Inheritance: ``base: NAME`` merged before validation
# --------------------------------------------------------------------------


@dataclass
class _Doc:
    """One parsed scenario file of an inheritance chain."""

    key: tuple[str, str]  # ("shipped", name) or ("file", real path): what a cycle repeats
    source: str  # name for messages
    stem: str  # default name when the file has a base but no name
    directory: Path | None  # where relative bases are found; None for shipped files
    data: dict[str, Any]
    lines: dict[Path_, int]


def _load_merged(ref: str) -> tuple[dict[str, Any], Origins, list[str]]:
    """Raw data of ``ref`` merged onto its bases; where each value was written; file names.

    In the origins, 0 is ``ref`` itself, 1 its base, and so on.
    """
    source, text, shipped = _read_ref(ref)
    if shipped:
        top = _doc(("shipped", ref), source, ref, None, text)
    else:
        top = _doc(("file", os.path.realpath(ref)), source, Path(ref).stem, Path(ref).parent, text)
    chain = [top]
    while BASE_KEY in chain[-1].data:
        child = chain[-1]
        field = _field_at((BASE_KEY,), child.lines)
        parent = _open_base(child.data[BASE_KEY], child, field)
        keys = [d.key for d in chain]
        if parent.key in keys:
            loop = [d.source for d in chain[keys.index(parent.key) :]] + [parent.source]
            raise BadInput(child.source, field, _("inheritance cycle: ") + " -> ".join(loop))
        if len(chain) > MAX_BASE_DEPTH:
            path = " -> ".join(d.source for d in [*chain, parent])
            raise BadInput(
                child.source,
                field,
                _("more than {n} bases in a row: {path}").format(n=MAX_BASE_DEPTH, path=path),
            )
        chain.append(parent)
    data: dict[str, Any] = {}
    origins: Origins = {}
    for depth in range(len(chain) - 1, -1, -1):
        doc = chain[depth]
        own = _own_identity(doc.data, doc.stem)
        replaced: set[Path_] = set()
        data = _merge(data, own, (), replaced)
        origins = {
            p: o for p, o in origins.items() if not any(p[:n] in replaced for n in range(1, len(p)))
        }
        origins.update({p: (depth, line) for p, line in doc.lines.items() if p[0] != BASE_KEY})
    return data, origins, [d.source for d in chain]


def _doc(key: tuple[str, str], source: str, stem: str, directory: Path | None, text: str) -> _Doc:
    data, lines = parse(text, source)
    if not isinstance(data, dict):
        if isinstance(data, list):
            kind = _("a list")
        else:
            kind = _("a single value ({value})").format(value=_describe(data))
        problem = _("must be a mapping of scenario fields, not {kind}").format(kind=kind)
        raise BadInput(source, None, problem)
    return _Doc(key, source, stem, directory, data, lines)


def _open_base(value: Any, child: _Doc, field: str) -> _Doc:
    """Find, read and parse the file a ``base`` value names."""
    shipped = _shipped_names()
    known = _("shipped scenarios: {names}").format(names=", ".join(shipped))
    if not isinstance(value, str) or not value.strip():
        raise BadInput(
            child.source,
            field,
            _(
                "must be a shipped scenario's name or a path relative to this file (got {value})"
            ).format(value=_describe(value)),
        )
    if not _looks_like_path(value) and value in shipped:
        source, text = _read_shipped(value)
        return _doc(("shipped", value), source, value, None, text)
    if child.directory is None:  # a shipped file builds only on shipped scenarios
        problem = _("unknown base {value!r} ({known})").format(value=value, known=known)
        raise BadInput(child.source, field, problem)
    beside = child.directory / value
    if not _looks_like_path(value) and not beside.exists():
        raise BadInput(
            child.source,
            field,
            _(
                "unknown base {value!r}: no shipped scenario of that name and no such file "
                "beside this one ({known})"
            ).format(value=value, known=known),
        )
    path = Path(os.path.normpath(beside))
    try:
        text = read_file(path, str(path))
    except BadInput as e:
        hint = f" ({known})" if e.problem == _("no such file") else ""
        problem = _("base {value!r} ({path}): {why}").format(value=value, path=path, why=e.problem)
        raise BadInput(child.source, field, problem + hint) from None
    return _doc(("file", os.path.realpath(path)), str(path), path.stem, path.parent, text)


def _own_identity(data: dict[str, Any], stem: str) -> dict[str, Any]:
    """A file's data without ``base``; a file with a base names itself.

    ``name`` and ``description`` are not inherited: absent, they become the
    file's stem and "Based on <base>.".
    """
    own = dict(data)
    if BASE_KEY in own:
        base = own.pop(BASE_KEY)
        own.setdefault("name", stem[:60])
        own.setdefault("description", f"Based on {base}.")
    return own


def _merge(base: Any, own: dict[str, Any], path: Path_, replaced: set[Path_]) -> dict[str, Any]:
    """Deep-merge mappings (``own`` wins); record the paths whose value ``own`` replaced."""
    out = dict(base) if isinstance(base, dict) else {}
    for key, value in own.items():
        here = (*path, key)
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value, here, replaced)
        else:
            out[key] = value
            replaced.add(here)
    return out


def _field_at(path: Path_, lines: dict[Path_, int]) -> str:
    line = lines.get(path)
    if not line:
        return dotted(path)
    return dotted(path) + " (" + _("line {n}").format(n=line) + ")"


# --------------------------------------------------------------------------
# Validation errors as one line
# --------------------------------------------------------------------------


def _validate(
    data: dict[str, Any], sources: list[str], origins: Origins, set_paths: list[Path_]
) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc: Path_ = tuple(err["loc"])
        problem = _problem(err)
        m = _FIELD_PREFIX_RE.match(problem)
        if not loc and m:  # whole-scenario checks name their field in the message
            loc = tuple(int(p) if p.isdigit() else p for p in m.group(1).split("."))
            problem = m.group(2)
        field = dotted(loc) or None
        if any(loc[: len(p)] == p for p in set_paths):
            raise BadInput(SET_SOURCE, field, problem) from None
        where = _where(loc, origins, sources)
        if field and where:
            field = f"{field} ({where})"
        elif where and not field:
            problem = f"{problem} ({where})"
        raise BadInput(sources[0], field, problem) from None


def validation_problem(err: Any) -> str:
    """One of pydantic's errors as a phrase of gigsim's ("must be >= 1 (got 0)"), for the other
    files read like scenarios (a class pack)."""
    return _problem(err)


def _problem(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = err.get("input")
    bounds = {  # one message each: Japanese words the bound after it (0 以上, 1 未満)
        "greater_than_equal": ("ge", lazy("must be >= {bound} (got {value})")),
        "greater_than": ("gt", lazy("must be > {bound} (got {value})")),
        "less_than": ("lt", lazy("must be < {bound} (got {value})")),
        "less_than_equal": ("le", lazy("must be <= {bound} (got {value})")),
    }
    if kind in bounds:
        name, message = bounds[kind]
        return message.format(bound=ctx.get(name), value=_describe(got))
    if kind == "extra_forbidden":
        loc = tuple(err["loc"])
        close = difflib.get_close_matches(str(loc[-1]), known_fields(loc[:-1]) or [], n=1)
        if close:
            return _("unknown key; did you mean {name!r}?").format(name=close[0])
        return _("unknown key")
    if kind == "missing":
        return _("required field is missing")
    if kind in _TYPE_PROBLEMS:
        return _("must be {kind} (got {value})").format(
            kind=_TYPE_PROBLEMS[kind], value=_describe(got)
        )
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    if msg.startswith("Assertion failed, "):
        return msg[len("Assertion failed, ") :]
    msg = msg.replace("Input should be", "must be")
    if isinstance(got, (str, int, float, bool)) or got is None:
        msg += f" (got {_describe(got)})"
    return msg


_TYPE_PROBLEMS = {
    "int_parsing": lazy("a whole number"),
    "int_type": lazy("a whole number"),
    "int_from_float": lazy("a whole number"),
    "float_parsing": lazy("a number"),
    "float_type": lazy("a number"),
    "bool_parsing": lazy("true or false"),
    "bool_type": lazy("true or false"),
    "string_type": lazy("text"),
    "list_type": lazy("a list"),
    "dict_type": lazy("a mapping"),
    "model_type": lazy("a mapping"),
    "date_from_datetime_parsing": lazy("a date (YYYY-MM-DD)"),
    "date_parsing": lazy("a date (YYYY-MM-DD)"),
    "date_type": lazy("a date (YYYY-MM-DD)"),
}
"""Pydantic's type errors by kind, as one phrase: "must be a whole number (got 'many')"."""


def _where(loc: Path_, origins: Origins, sources: list[str]) -> str | None:
    """ "line N" in the file named, or "inherited from F, line N" for a base's value."""
    for n in range(len(loc), 0, -1):
        if loc[:n] in origins:
            depth, line = origins[loc[:n]]
            if depth == 0:
                return _("line {n}").format(n=line)
            return _("inherited from {file}, line {n}").format(file=sources[depth], n=line)
    return None


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    text = value.isoformat() if isinstance(value, dt.date) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

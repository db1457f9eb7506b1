"""Reading, overriding, printing and describing scenario files.

Turns a scenario reference (a shipped name or a path to a YAML file) plus
``--set dotted.key=value`` overrides into a validated ``Scenario``, and every
way that can fail into one ``BadInput`` that names the file, the field and,
where known, the YAML line. It also renders a scenario back to YAML and the
scenario type to a JSON Schema.

YAML is parsed with PyYAML's safe loader only, after size, encoding and
binary checks, and anchors/aliases are refused before anything is built (a
scenario never needs them and they are how alias bombs work).

A file may start with ``base: NAME`` (a shipped scenario, or a path relative
to the file) and give only what differs: mappings are deep-merged onto the
base's raw data (the file's values win; lists and scalars replace), up to
``MAX_BASE_DEPTH`` bases deep, before validation and before ``--set``.

This module must not import Textual, SimPy or the engine.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from gigsim.errors import BadInput
from gigsim.model.scenario import Scenario

MAX_BYTES = 1024 * 1024
"""Largest scenario file accepted (1 MiB); real ones are a few kilobytes."""
MAX_DEPTH = 40
"""Deepest nesting of YAML collections accepted; the schema needs about six."""
MAX_BASE_DEPTH = 5
"""Most ``base`` links followed from the file named on the command line."""
BASE_KEY = "base"
SET_SOURCE = "--set"
_SHIPPED_PACKAGE = "gigsim.scenarios"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_FIELD_PREFIX_RE = re.compile(r"^([A-Za-z_][\w-]*(?:\.[\w-]+)*): (.+)$", re.DOTALL)

Path_ = tuple[str | int, ...]
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
    set_paths = [_apply_override(data, item) for item in overrides]
    return _validate(data, sources, origins, set_paths)


def shipped_scenarios() -> list[tuple[str, str]]:
    """Names and one-line descriptions of the shipped scenarios, default first."""
    out = []
    for name in _shipped_names():
        source, text = _read_shipped(name)
        data, _ = _parse(text, source)
        if isinstance(data, dict):
            data = _own_identity(data, name)
        desc = data.get("description", "") if isinstance(data, dict) else ""
        first = str(desc).strip().splitlines()[0] if str(desc).strip() else ""
        out.append((name, first))
    return out


def scenario_yaml(s: Scenario) -> str:
    """Full YAML of a scenario, every field included; loads back to an equal one."""
    header = (
        f"# gigsim scenario {s.name!r}: every field, defaults included.\n"
        "# Money in minor units (yen, or cents for USD); time in days unless the name says hours.\n"
    )
    body = yaml.dump(
        s.model_dump(mode="json"),
        Dumper=_NoAliasDumper,
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
    required = schema.pop("required", None)
    if required:  # a file with a base may leave everything to it
        schema["if"] = {"required": [BASE_KEY]}
        schema["then"] = {}
        schema["else"] = {"required": required}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


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
        raise BadInput("scenario", None, "empty scenario name or path")
    if not _looks_like_path(ref):
        if ref in _shipped_names():
            return (*_read_shipped(ref), True)
        if not Path(ref).exists():
            known = ", ".join(_shipped_names())
            raise BadInput(
                ref, None, f"no shipped scenario of that name and no such file (shipped: {known})"
            )
    return ref, _read_file(Path(ref), ref), False


def _read_shipped(name: str) -> tuple[str, str]:
    source = f"{name}.yaml"
    data = resources.files(_SHIPPED_PACKAGE).joinpath(source).read_bytes()
    return source, _decode(data, source)


def _read_file(path: Path, source: str) -> str:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BadInput(source, None, "no such file") from None
    except OSError as e:
        raise BadInput(source, None, f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise BadInput(source, None, "is a directory, not a scenario file")
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(source, None, "not a regular file")
    if st.st_size > MAX_BYTES:
        raise BadInput(source, None, f"file too large ({st.st_size} bytes; the limit is 1 MiB)")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise BadInput(source, None, f"cannot read: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:
        raise BadInput(source, None, "file too large (the limit is 1 MiB)")
    return _decode(data, source)


def _decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise BadInput(source, None, "file is empty")
    if b"\0" in data:
        raise BadInput(source, None, "binary file (contains NUL bytes), not YAML text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadInput(
            source, None, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})"
        ) from None
    return text


# --------------------------------------------------------------------------
# Parsing YAML safely, keeping line numbers
# --------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.mark = mark


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and absurd nesting while composing.

    Refusing at composition means an alias bomb is rejected at its first
    anchor, before any expansion happens.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                "YAML anchors and aliases (&name, *name) are not allowed in scenario files",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _NoAliasDumper(yaml.SafeDumper):
    """Never writes anchors: our own loader refuses them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_FastLoader: Any = getattr(yaml, "CSafeLoader", None)


def _check_events(text: str) -> None:
    """Refuse anchors, aliases and absurd nesting from the event stream, before composing."""
    depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                "YAML anchors and aliases (&name, *name) are not allowed in scenario files",
                event.start_mark,
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _parse_text(text: str, source: str, field: str | None = None) -> tuple[Any, yaml.Node | None]:
    # With libyaml, the checks run on its event stream and composing is done in C
    # (ten times faster: the game starts sooner); without it, the strict
    # pure-Python loader does both at once.
    loader = _StrictLoader(text) if _FastLoader is None else _FastLoader(text)
    try:
        if _FastLoader is not None:
            _check_events(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as e:
        raise BadInput(source, field, _at(e.problem, e.mark)) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "syntax error"
        if isinstance(e, yaml.composer.ComposerError) and "single document" in str(e.context):
            problem = "more than one YAML document"
        raise BadInput(source, field, _at(f"not valid YAML: {problem}", mark)) from None
    except yaml.YAMLError as e:
        raise BadInput(source, field, f"not valid YAML: {e}") from None
    except RecursionError:
        raise BadInput(source, field, "nested too deeply") from None
    finally:
        loader.dispose()
    return data, node


def _parse(text: str, source: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML text; return the data and the line (1-based) of every path in it."""
    data, node = _parse_text(text, source)
    if node is None:
        raise BadInput(source, None, "file is empty (only comments or blank lines)")
    lines: dict[Path_, int] = {}
    _index_lines(node, (), lines, source)
    return data, lines


def _index_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], source: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise BadInput(
                    source, _dotted((*path, key)), _at("duplicate key", key_node.start_mark)
                )
            seen.add(key)
            lines[(*path, key)] = key_node.start_mark.line + 1
            _index_lines(value_node, (*path, key), lines, source)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*path, i)] = item.start_mark.line + 1
            _index_lines(item, (*path, i), lines, source)


def _at(problem: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return problem
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"


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
            raise BadInput(child.source, field, "inheritance cycle: " + " -> ".join(loop))
        if len(chain) > MAX_BASE_DEPTH:
            path = " -> ".join(d.source for d in [*chain, parent])
            raise BadInput(
                child.source, field, f"more than {MAX_BASE_DEPTH} bases in a row: {path}"
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
    data, lines = _parse(text, source)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({_describe(data)})"
        raise BadInput(source, None, f"must be a mapping of scenario fields, not {kind}")
    return _Doc(key, source, stem, directory, data, lines)


def _open_base(value: Any, child: _Doc, field: str) -> _Doc:
    """Find, read and parse the file a ``base`` value names."""
    shipped = _shipped_names()
    known = f"shipped scenarios: {', '.join(shipped)}"
    if not isinstance(value, str) or not value.strip():
        raise BadInput(
            child.source,
            field,
            "must be a shipped scenario's name or a path relative to this file "
            f"(got {_describe(value)})",
        )
    if not _looks_like_path(value) and value in shipped:
        source, text = _read_shipped(value)
        return _doc(("shipped", value), source, value, None, text)
    if child.directory is None:  # a shipped file builds only on shipped scenarios
        raise BadInput(child.source, field, f"unknown base {value!r} ({known})")
    beside = child.directory / value
    if not _looks_like_path(value) and not beside.exists():
        raise BadInput(
            child.source,
            field,
            f"unknown base {value!r}: no shipped scenario of that name and no such file "
            f"beside this one ({known})",
        )
    path = Path(os.path.normpath(beside))
    try:
        text = _read_file(path, str(path))
    except BadInput as e:
        hint = f" ({known})" if e.problem == "no such file" else ""
        raise BadInput(child.source, field, f"base {value!r} ({path}): {e.problem}{hint}") from None
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
    return f"{_dotted(path)} (line {line})" if line else _dotted(path)


# --------------------------------------------------------------------------
# --set overrides
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    """Where a path part leads in the schema."""

    model: type[BaseModel] | None = None
    item: Any = None
    kind: str = "leaf"  # model, list, dict or leaf


def _apply_override(data: dict[str, Any], item: str) -> Path_:
    """Apply one ``dotted.key=value`` to the raw data; return the path it set."""
    key, sep, raw_value = item.partition("=")
    key = key.strip()
    if not sep or not key:
        raise BadInput(
            SET_SOURCE, item or None, "expected dotted.key=value, e.g. player.hours.weekday=2"
        )
    parts = key.split(".")
    if any(not p for p in parts):
        raise BadInput(SET_SOURCE, key, "empty part in the dotted key")
    path = _check_schema_path(parts, key)
    value = _parse_text(raw_value, SET_SOURCE, key)[0] if raw_value.strip() else None
    _set_in(data, path, value, key)
    return path


def _check_schema_path(parts: list[str], key: str) -> Path_:
    """Check a dotted key against the Scenario type; return it with list indexes as ints."""
    return _walk_schema(parts, key)[0]


def _step_for_path(parts: list[str]) -> _Step:
    return _walk_schema(parts, _dotted(tuple(parts)))[1]


def _walk_schema(parts: list[str], key: str) -> tuple[Path_, _Step]:
    step = _Step(model=Scenario, kind="model")
    path: list[str | int] = []
    for part in parts:
        where = _dotted(tuple(path)) or "the scenario"
        if step.kind == "model":
            assert step.model is not None
            fields = step.model.model_fields
            if part not in fields:
                raise BadInput(SET_SOURCE, key, _unknown_key(part, list(fields), where))
            step = _step_for(fields[part].annotation)
            path.append(part)
        elif step.kind == "list":
            if not part.isdigit():
                raise BadInput(SET_SOURCE, key, f"{where} is a list: use a number, not {part!r}")
            path.append(int(part))
            step = _step_for(step.item)
        elif step.kind == "dict":
            path.append(part)
            step = _step_for(step.item)
        else:
            raise BadInput(SET_SOURCE, key, f"{where} is a single value and has no field {part!r}")
    return tuple(path), step


def _step_for(annotation: Any) -> _Step:
    ann = _unwrap(annotation)
    origin = typing.get_origin(ann)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return _Step(model=ann, kind="model")
    if origin in (tuple, list):
        args = typing.get_args(ann)
        return _Step(item=args[0] if args else Any, kind="list")
    if origin is dict:
        args = typing.get_args(ann)
        return _Step(item=args[1] if len(args) == 2 else Any, kind="dict")
    return _Step()


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so the structural type shows."""
    ann = annotation
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            ann = typing.get_args(ann)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(ann) if a is not type(None)]
            if len(rest) != 1:
                return ann
            ann = rest[0]
        else:
            return ann


def _set_in(data: dict[str, Any], path: Path_, value: Any, key: str) -> None:
    node: Any = data
    for i, part in enumerate(path):
        last = i == len(path) - 1
        here = _dotted(path[:i]) or "the scenario"
        if isinstance(part, int):
            if not isinstance(node, list):
                raise BadInput(SET_SOURCE, key, f"{here} is not a list in the file")
            if part >= len(node):
                raise BadInput(
                    SET_SOURCE, key, f"index {part} out of range ({here} has {len(node)} items)"
                )
        else:
            if not isinstance(node, dict):
                raise BadInput(SET_SOURCE, key, f"{here} is not a mapping in the file")
            if not last and node.get(part) is None:
                # A section absent from the file starts from its defaults, so that
                # setting one entry of a default mapping keeps the other entries.
                node[part] = _default_raw(path[: i + 1])
        if last:
            node[part] = value
        else:
            node = node[part]


def _default_raw(path: Path_) -> Any:
    """The schema's default at a path, as plain data ({} when there is none)."""
    obj: Any = None
    for i, part in enumerate(path):
        if i == 0:
            default = Scenario.model_fields[str(part)].get_default(call_default_factory=True)
            obj = None if default is PydanticUndefined else default
        elif isinstance(obj, BaseModel):
            obj = getattr(obj, str(part), None)
        elif isinstance(obj, dict):
            obj = obj.get(part)
        elif isinstance(obj, tuple) and isinstance(part, int) and part < len(obj):
            obj = obj[part]
        else:
            obj = None
        if obj is None:
            return {}
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, dict):
        return {
            k: v.model_dump(mode="json") if isinstance(v, BaseModel) else v for k, v in obj.items()
        }
    return {}


def _known_fields(path: Path_) -> list[str] | None:
    """Field names of the model at a path of the schema, or None if not a model."""
    try:
        parts = [str(p) for p in path]
        step = _Step(model=Scenario, kind="model") if not parts else _step_for_path(parts)
    except BadInput:
        return None
    return list(step.model.model_fields) if step.model is not None else None


def _unknown_key(part: str, known: list[str], where: str) -> str:
    close = difflib.get_close_matches(part, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown key {part!r} in {where}{hint}"


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
        field = _dotted(loc) or None
        if any(loc[: len(p)] == p for p in set_paths):
            raise BadInput(SET_SOURCE, field, problem) from None
        where = _where(loc, origins, sources)
        if field and where:
            field = f"{field} ({where})"
        elif where and not field:
            problem = f"{problem} ({where})"
        raise BadInput(sources[0], field, problem) from None


def _problem(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = err.get("input")
    bounds = {
        "greater_than_equal": (">=", "ge"),
        "greater_than": (">", "gt"),
        "less_than": ("<", "lt"),
        "less_than_equal": ("<=", "le"),
    }
    if kind in bounds:
        op, name = bounds[kind]
        return f"must be {op} {ctx.get(name)} (got {_describe(got)})"
    if kind == "extra_forbidden":
        loc = tuple(err["loc"])
        close = difflib.get_close_matches(str(loc[-1]), _known_fields(loc[:-1]) or [], n=1)
        return f"unknown key; did you mean {close[0]!r}?" if close else "unknown key"
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    if msg.startswith("Assertion failed, "):
        return msg[len("Assertion failed, ") :]
    msg = msg.replace("Input should be", "must be")
    if isinstance(got, (str, int, float, bool)) or got is None:
        msg += f" (got {_describe(got)})"
    return msg


def _where(loc: Path_, origins: Origins, sources: list[str]) -> str | None:
    """ "line N" in the file named, or "inherited from F, line N" for a base's value."""
    for n in range(len(loc), 0, -1):
        if loc[:n] in origins:
            depth, line = origins[loc[:n]]
            return f"line {line}" if depth == 0 else f"inherited from {sources[depth]}, line {line}"
    return None


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)

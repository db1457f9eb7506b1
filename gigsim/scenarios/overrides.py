"""``--set dotted.key=value`` overrides, checked against the scenario type.

The command line's ``--set`` changes one field of a scenario after its files
are read and merged. The dotted key is walked through the ``Scenario`` pydantic
schema first, so that a misspelt or misplaced key is refused with a
suggestion before any value is set; the value is parsed as strict YAML. A
section the file leaves out starts from the schema's defaults, so setting one
entry of a default mapping keeps the others. The same schema walk gives the
known fields behind the "did you mean" hints of validation errors.

This module must not import Textual, SimPy or the engine.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from gigsim.errors import BadInput
from gigsim.i18n import _, ngettext
from gigsim.model.scenario import Scenario
from gigsim.scenarios.yaml_io import Path_, dotted, parse_text

SET_SOURCE = "--set"


@dataclass(frozen=True)
class _Step:
    """Where a path part leads in the schema."""

    model: type[BaseModel] | None = None
    item: Any = None
    kind: str = "leaf"  # model, list, dict or leaf


def apply_override(data: dict[str, Any], item: str) -> Path_:
    """Apply one ``dotted.key=value`` to the raw data; return the path it set."""
    key, sep, raw_value = item.partition("=")
    key = key.strip()
    if not sep or not key:
        raise BadInput(
            SET_SOURCE,
            item or None,
            _("expected dotted.key=value, e.g. player.hours.weekday=2"),
        )
    parts = key.split(".")
    if any(not p for p in parts):
        raise BadInput(SET_SOURCE, key, _("empty part in the dotted key"))
    path = _check_schema_path(parts, key)
    value = parse_text(raw_value, SET_SOURCE, key)[0] if raw_value.strip() else None
    _set_in(data, path, value, key)
    return path


def _check_schema_path(parts: list[str], key: str) -> Path_:
    """Check a dotted key against the Scenario type; return it with list indexes as ints."""
    return _walk_schema(parts, key)[0]


def _step_for_path(parts: list[str]) -> _Step:
    return _walk_schema(parts, dotted(tuple(parts)))[1]


def _walk_schema(parts: list[str], key: str) -> tuple[Path_, _Step]:
    step = _Step(model=Scenario, kind="model")
    path: list[str | int] = []
    for part in parts:
        where = dotted(tuple(path)) or _("the scenario")
        if step.kind == "model":
            assert step.model is not None
            fields = step.model.model_fields
            if part not in fields:
                raise BadInput(SET_SOURCE, key, _unknown_key(part, list(fields), where))
            step = _step_for(fields[part].annotation)
            path.append(part)
        elif step.kind == "list":
            if not part.isdigit():
                problem = _("{where} is a list: use a number, not {part!r}")
                raise BadInput(SET_SOURCE, key, problem.format(where=where, part=part))
            path.append(int(part))
            step = _step_for(step.item)
        elif step.kind == "dict":
            path.append(part)
            step = _step_for(step.item)
        else:
            problem = _("{where} is a single value and has no field {part!r}")
            raise BadInput(SET_SOURCE, key, problem.format(where=where, part=part))
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
        here = dotted(path[:i]) or _("the scenario")
        if isinstance(part, int):
            if not isinstance(node, list):
                raise BadInput(
                    SET_SOURCE, key, _("{here} is not a list in the file").format(here=here)
                )
            if part >= len(node):
                problem = ngettext(
                    "index {i} out of range ({here} has {n} item)",
                    "index {i} out of range ({here} has {n} items)",
                    len(node),
                )
                raise BadInput(SET_SOURCE, key, problem.format(i=part, here=here, n=len(node)))
        else:
            if not isinstance(node, dict):
                problem = _("{here} is not a mapping in the file").format(here=here)
                raise BadInput(SET_SOURCE, key, problem)
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


def known_fields(path: Path_) -> list[str] | None:
    """Field names of the model at a path of the schema, or None if not a model."""
    try:
        parts = [str(p) for p in path]
        step = _Step(model=Scenario, kind="model") if not parts else _step_for_path(parts)
    except BadInput:
        return None
    return list(step.model.model_fields) if step.model is not None else None


def _unknown_key(part: str, known: list[str], where: str) -> str:
    close = difflib.get_close_matches(part, known, n=1)
    if close:
        return _("unknown key {part!r} in {where}; did you mean {name!r}?").format(
            part=part, where=where, name=close[0]
        )
    return _("unknown key {part!r} in {where}").format(part=part, where=where)

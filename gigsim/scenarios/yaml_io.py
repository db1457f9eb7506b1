"""Strict YAML reading for scenario files.

Scenario files come from users and from ``--set`` values, so every way they
can be wrong must end as one ``BadInput`` naming the file, the field and, where
known, the line and column, never as a traceback or a hang. Files are checked
for size, encoding and binary content before parsing; YAML is read with
PyYAML's safe loader only, and anchors/aliases and absurd nesting are refused
before anything is built (a scenario never needs them, and they are how alias
bombs work). Parsing returns the data with the line of every path in it, so
that later checks can say where a value was written. The no-alias dumper
writes YAML that this reader loads back.

This module must not import Textual, SimPy or the engine.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from gigsim.errors import BadInput
from gigsim.i18n import _
from gigsim.scenarios import yaml_problems

MAX_BYTES = 1024 * 1024
"""Largest scenario file accepted (1 MiB); real ones are a few kilobytes."""
MAX_DEPTH = 40
"""Deepest nesting of YAML collections accepted; the schema needs about six."""

Path_ = tuple[str | int, ...]


# --------------------------------------------------------------------------
# Reading and decoding a file
# --------------------------------------------------------------------------


def read_file(path: Path, source: str) -> str:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BadInput(source, None, _("no such file")) from None
    except OSError as e:
        raise BadInput(source, None, _("cannot read: {why}").format(why=e.strerror or e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise BadInput(source, None, _("is a directory, not a scenario file"))
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(source, None, _("not a regular file"))
    if st.st_size > MAX_BYTES:
        problem = _("file too large ({n} bytes; the limit is 1 MiB)").format(n=st.st_size)
        raise BadInput(source, None, problem)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise BadInput(source, None, _("cannot read: {why}").format(why=e.strerror or e)) from None
    if len(data) > MAX_BYTES:
        raise BadInput(source, None, _("file too large (the limit is 1 MiB)"))
    return decode(data, source)


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise BadInput(source, None, _("file is empty"))
    if b"\0" in data:
        raise BadInput(source, None, _("binary file (contains NUL bytes), not YAML text"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadInput(
            source,
            None,
            _("not UTF-8 text (byte 0x{byte:02x} at offset {offset})").format(
                byte=data[e.start], offset=e.start
            ),
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
                _("YAML anchors and aliases (&name, *name) are not allowed in scenario files"),
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    _("nested deeper than {n} levels").format(n=MAX_DEPTH), event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class NoAliasDumper(yaml.SafeDumper):
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
                _("YAML anchors and aliases (&name, *name) are not allowed in scenario files"),
                event.start_mark,
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    _("nested deeper than {n} levels").format(n=MAX_DEPTH), event.start_mark
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def parse_text(text: str, source: str, field: str | None = None) -> tuple[Any, yaml.Node | None]:
    # With libyaml, the checks run on its event stream and composing is done in C
    # (ten times faster: the game starts sooner); without it, the strict
    # pure-Python loader does both at once.
    loader = _StrictLoader(text) if _FastLoader is None else _FastLoader(text)
    try:
        if _FastLoader is not None:
            _check_events(text)
        node = loader.get_single_node()
        if node is not None:
            _check_scalars(loader, node, (), source, field)
        data = loader.construct_document(node) if node is not None else None
    except _Refused as e:
        raise BadInput(source, field, _at(e.problem, e.mark)) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise BadInput(source, field, _at(yaml_problems.describe(e, text), mark)) from None
    except yaml.reader.ReaderError as e:
        raise BadInput(source, field, yaml_problems.describe_reader_error(e, text)) from None
    except yaml.YAMLError as e:
        problem = _("not valid YAML ({problem})").format(problem=" ".join(str(e).split()))
        raise BadInput(source, field, problem) from None
    except RecursionError:
        raise BadInput(source, field, _("nested too deeply")) from None
    finally:
        loader.dispose()
    return data, node


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_TYPED = (_TIMESTAMP, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")
"""Tags of values built from their text: a text that is not one (2026-02-30, ``!!int x``)."""


def _check_scalars(
    loader: yaml.SafeLoader, node: yaml.Node, path: Path_, source: str, field: str | None
) -> None:
    """A date, number or truth value that cannot be built from its text (2026-02-30, or a
    value tagged ``!!int`` that is no number) is refused by name, not as a crash."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag in _TYPED:
            try:
                loader.yaml_constructors[node.tag](loader, node)
            except (ValueError, OverflowError, TypeError, KeyError, AttributeError) as e:
                where = ".".join(str(p) for p in path) or field
                if not field:  # a file's line helps; a --set value has only the one line
                    where = f"{where} (" + _("line {n}").format(n=node.start_mark.line + 1) + ")"
                raise BadInput(source, where, _not_typed(node, e)) from None
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_scalars(loader, value, (*path, getattr(key, "value", "?")), source, field)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_scalars(loader, item, (*path, i), source, field)


def _not_typed(node: yaml.ScalarNode, error: Exception) -> str:
    if node.tag == _TIMESTAMP and isinstance(error, ValueError | OverflowError):
        return _("{value!r} is not a date in the calendar").format(value=node.value)
    tag = "!!" + node.tag.rsplit(":", 1)[-1]
    return _("{value!r} cannot be read as {tag}").format(value=node.value, tag=tag)


def parse(text: str, source: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML text; return the data and the line (1-based) of every path in it."""
    data, node = parse_text(text, source)
    if node is None:
        raise BadInput(source, None, _("file is empty (only comments or blank lines)"))
    lines: dict[Path_, int] = {}
    _index_lines(node, (), lines, source)
    return data, lines


def _index_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], source: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                line = _("line {n}").format(n=key_node.start_mark.line + 1)
                raise BadInput(source, f"{dotted((*path, key))} ({line})", _("duplicate key"))
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
    where = _("line {n}, column {col}").format(n=mark.line + 1, col=mark.column + 1)
    return f"{problem} ({where})"


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)

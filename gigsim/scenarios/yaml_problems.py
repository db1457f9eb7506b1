"""What is wrong with a YAML text, as a sentence in the reader's language.

PyYAML (and libyaml, its C parser, which words its errors differently) says
what its parser expected ("did not find expected ',' or ']'", "mapping values
are not allowed here"): a parser's English, and not a way a person writing a
scenario thinks of the mistake. Each known error is named here by what the
writer did (a list not closed, a tab in the indentation, a ': ' inside a
value), in gigsim's catalogue; an error not known is given with PyYAML's own
words in parentheses, so that nothing it said is lost.

Must not import Textual, SimPy or the engine.
"""

from __future__ import annotations

import re

import yaml

from gigsim.i18n import LazyString, _, lazy

_BY_WORDS: tuple[tuple[tuple[str, ...], LazyString], ...] = (
    (
        ("',' or ']'",),
        lazy("a list in [ ] is not closed with ], or a comma is missing between its items"),
    ),
    (
        ("',' or '}'",),
        lazy("a mapping in {{ }} is not closed with }}, or a comma is missing between its entries"),
    ),
    (
        ("escape",),
        lazy(
            "an unknown escape (\\ and a letter) in double quotes: write \\\\ for a backslash, "
            "or put the text in single quotes"
        ),
    ),
    (
        ("hexdecimal", "hexadecimal"),
        lazy(
            "an unknown escape (\\ and a letter) in double quotes: write \\\\ for a backslash, "
            "or put the text in single quotes"
        ),
    ),
    (
        ("tab character",),
        lazy("a tab in the indentation: YAML indents with spaces only"),
    ),
    (
        ("mapping values are not allowed",),
        lazy(
            "a ': ' where no key can start: check the indentation, or put a value that "
            "contains ': ' in quotes"
        ),
    ),
    (
        ("could not find expected ':'",),
        lazy("a key without ':' after it"),
    ),
    (
        ("unhashable key",),
        lazy("a key that is a list or a mapping: a key is a name"),
    ),
    (
        ("expected a mapping node", "expected a sequence node", "expected a scalar node"),
        lazy("a tag (!!…) that does not fit its value: write the value without it"),
    ),
    (
        ("mapping of length 1",),
        lazy("a tag (!!…) that does not fit its value: write the value without it"),
    ),
    (
        ("directive",),
        lazy("a %YAML or %TAG line twice or out of place: scenario files need none"),
    ),
    (
        (
            "expected key",
            "block end",
            "'-' indicator",
            "node content",
            "expected <document start>",
        ),
        lazy(
            "the indentation does not line up: each key of a mapping and each '- ' of a "
            "list starts in the same column as the others"
        ),
    ),
)
"""Errors by words of PyYAML's or libyaml's problem text (either parser's wording)."""


def describe(error: yaml.MarkedYAMLError, text: str) -> str:
    """What ``error`` (raised on ``text``) says is wrong, as a sentence: 'not valid YAML: …'."""
    problem = error.problem or error.context or ""
    context = error.context or ""
    low = problem.lower()
    if isinstance(error, yaml.composer.ComposerError) and "single document" in context:
        what = _("more than one YAML document")
    elif "end of stream" in low:
        what = (
            _("a quoted text is not closed: its closing quote is missing")
            if "quoted" in context
            else _("the file ends in the middle of a value")
        )
    elif "cannot start any token" in low:
        what = _cannot_start(error.problem_mark, text)
    elif "constructor for the tag" in low or "tag handle" in low:
        tag = re.search(r"'([^']+)'", problem)
        what = _("the tag {tag} is not allowed in scenario files: write the plain value").format(
            tag=_short_tag(tag.group(1)) if tag else "!…"
        )
    else:
        found = next((m for words, m in _BY_WORDS if any(w in low for w in words)), None)
        if found is None:  # a problem not known here: PyYAML's words say what it is
            return _("not valid YAML ({problem})").format(problem=problem or _("syntax error"))
        what = found.format()  # (braces written twice in the messages)
    return _("not valid YAML: {why}").format(why=what)


def _cannot_start(mark: yaml.Mark | None, text: str) -> str:
    """A character no value may start with, named: a tab, or '@' and '`' (reserved)."""
    char = ""
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            char = lines[mark.line][mark.column]
    if char == "\t":
        return _("a tab in the indentation: YAML indents with spaces only")
    return _("a value cannot start with {char}: put the value in quotes").format(
        char=repr(char) if char else _("this character")
    )


def _short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:python/object`` as it is written in a file: ``!!python/object``."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


def describe_reader_error(error: yaml.reader.ReaderError, text: str) -> str:
    """A character YAML does not allow in a text (a control character), with its line."""
    position = max(0, int(error.position))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1])
    return _(
        "not valid YAML: a control character (U+{code}) at line {n}, column {col}: a "
        "scenario file is plain text"
    ).format(code=f"{code:04X}", n=line, col=column)

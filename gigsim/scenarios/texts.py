"""The shipped scenarios' texts for people, in the current language.

A scenario file's values stay English: they are the file's interface, and a
user's own file says what it says. The texts a person reads — the
description, the platform's and the player's names, rank names, category
names, ban reasons, licences, listing titles and option names — are
translated through gigsim's gettext catalogue, keyed by the English text:
``pybabel extract`` finds them in the shipped YAML files with ``extract``
(pyproject's ``[tool.babel]`` mapping), and ``text`` shows one. A text that
has no translation (a user's own scenario) is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

import yaml

from gigsim.i18n import _

TEXT_PATHS = (
    "description",
    "platform.name",
    "platform.ranks.*.name",
    "categories.*.name",
    "categories.*.ban_reason",
    "categories.*.licence",
    "player.name",
    "player.licences.*",
    "player.listings.*.title",
    "player.listings.*.options.*.name",
)
"""The fields whose values are texts for people, ``*`` standing for a list's index."""

_PATTERNS = [re.compile("^" + re.escape(p).replace(r"\*", r"\d+") + "$") for p in TEXT_PATHS]


def text(value: str | None) -> str:
    """A scenario's text in the current language (as written when it has no translation)."""
    return _(value) if value else (value or "")


def is_text(path: str) -> bool:
    """Whether the field at a dotted ``path`` (``categories.3.name``) holds a text for people."""
    return any(p.match(path) for p in _PATTERNS)


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extractor: the texts of one scenario file, with their lines and fields."""
    node = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if node is not None:
        yield from _walk(node, "")


def _walk(node: yaml.Node, path: str) -> Iterator[tuple[int, None, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _walk(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _walk(item, f"{path}.{i}")
    elif node.tag == "tag:yaml.org,2002:str" and node.value.strip() and is_text(path):
        yield node.start_mark.line + 1, None, node.value, [f"scenario field {path}"]

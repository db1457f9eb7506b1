"""A class pack written out for a teacher to edit (``gigsim class new``), every value spelt
out and explained in the current language; and a new pack from ``class new``'s options,
checked as its file would be.

Imports neither the engine nor the game.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import yaml

from gigsim.errors import BadInput
from gigsim.i18n import _
from gigsim.lessons.pack import PACK_VERSION, ClassPack, parse_pack
from gigsim.text.wrap import wrap


def _scalar(value: Any) -> str:
    """One YAML scalar as the safe dumper writes it, on one line where it can be."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _comment(text: str) -> list[str]:
    return ["# " + line for line in wrap(text, 76)]


def pack_yaml(pack: ClassPack, file_name: str = "class.yaml") -> str:
    """The pack as a file a teacher edits: every value written out, each explained."""
    out = _comment(
        _(
            "gigsim class pack. Students start it with `gigsim play --class {file}` (or a "
            "room in browsers: `gigsim serve --class {file}`); check it with `gigsim class "
            "validate {file}`; collect the results the students export with `gigsim class "
            "collect DIR --pack {file}`."
        ).format(file=file_name)
    )
    out += [f"version: {PACK_VERSION}", f"name: {_scalar(pack.name)}"]
    out += _comment(_("The teacher's note, shown on every lesson's card (may be empty)."))
    if "\n" in pack.note:
        out.append("note: |-")
        out += ["  " + line if line else "" for line in pack.note.splitlines()]
    else:
        out.append(f"note: {_scalar(pack.note)}")
    out.append("lessons:")
    for x in pack.lessons:
        out += ["  " + line for line in _comment(f"{x.number}. {x.lesson.title}")]
        out.append(f"  - lesson: {x.number}  # " + _("a lesson's number or id"))
        out.append(f"    seed: {x.seed}  # " + _("every student faces this market"))
        out.append(f"    months: {x.mission.months}  # " + _("the mission's time limit"))
        out.append(f"    pass_score: {x.mission.pass_score}  # " + _("out of 100"))
        out.append("    weights:  # " + _("each scorecard line's weight; they add up to 100"))
        out += [f"      {t.measure}: {t.weight}" for t in x.mission.lines()]
    return "\n".join(out) + "\n"


NEW_OPTIONS = {"lessons": "--lessons", "seed": "--seed", "months": "--months"}
"""The ``class new`` option that sets each field of a pack's lessons."""


def new_pack(
    numbers: Sequence[int | str],
    name: str,
    note: str = "",
    seed: int | None = None,
    months: int | None = None,
) -> ClassPack:
    """A pack of these lessons with their own settings (or ``seed`` and ``months`` for all),
    checked as a file of it would be; a refused value names its ``class new`` option."""
    data: dict[str, Any] = {"name": name, "note": note, "lessons": []}
    for n in numbers:
        entry: dict[str, Any] = {"lesson": n}
        if seed is not None:
            entry["seed"] = seed
        if months is not None:
            entry["months"] = months
        data["lessons"].append(entry)
    text = json.dumps(data, ensure_ascii=False)  # JSON is YAML: checked by the file's reader
    try:
        return parse_pack(text, "class new")
    except BadInput as e:
        parts = (e.field or "").split(" ")[0].split(".")
        if parts[0] == "lessons" and len(parts) > 2:
            option = NEW_OPTIONS.get(parts[2], "--lessons")
        else:
            option = "--" + parts[0] if parts[0] in ("name", "note") else "--lessons"
        raise BadInput(option, None, e.problem) from None

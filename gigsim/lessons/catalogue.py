"""The shipped lessons: one YAML file each in ``gigsim/lessons/data``, read and checked here.

A lesson is a shipped scenario (``gigsim/scenarios/lesson-*.yaml``) plus a
card in the style of NetLogo's Info tab (what it is, how it works, what to
notice, what to try) and a mission: a goal, a time limit in months and a
balanced scorecard whose lines each have a target and a weight. The card's
texts are shipped data in both languages, side by side in the file (``en``
and ``ja``); every other value is language-neutral.

A mission is checked when it is read: every balanced line is scored, the
weights add up to 100, and a player who does nothing (no sale, no hour, no
dispute) cannot pass, so that the lines that are met by standing still weigh
less than the pass mark.

Imports neither the engine nor the game.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from gigsim.errors import BadInput
from gigsim.i18n import SOURCE_LANGUAGE, _, language
from gigsim.lessons.scorecard import (
    BALANCED,
    MEASURES,
    Scorecard,
    Tally,
    Target,
    figures,
    score,
)
from gigsim.scenarios.yaml_io import decode, parse

_PACKAGE = "gigsim.lessons"
_DATA = "data"
_FILE_RE = re.compile(r"^(\d\d)-([a-z0-9-]+)\.yaml$")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_PREFIXES = "各約週月計全第"
"""One-character prefixes written together with the number after them (docs/glossary.md)."""


def join_lines(text: str) -> str:
    """A card's text as one paragraph: a line break between Japanese characters joins without a
    space (Japanese has none between words); one beside English, a number, a key or a
    parenthesis joins with one, as a sentence writes them (``3 やること``, ``価格 (5,000円)``),
    but never before a punctuation mark nor after a Japanese one (``。4 注文タブ``)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        first = line[:1]
        latin = (out and out[-1].isascii()) or (
            first.isascii() and (first.isalnum() or first == "(")
        )
        prefix = out[-1:] in _PREFIXES and first.isdigit()  # 約160人, 週10時間 (the glossary)
        after_mark = out[-1:] in "、。「」『』"
        space = latin and not prefix and not after_mark and first not in "、。,.:;)」』"
        out += (" " if space else "") + line
    return out


class Card(_Frozen):
    """A lesson's card in one language (its texts written on as many lines as the file likes:
    ``join_lines`` makes each one paragraph)."""

    title: str = Field(min_length=1, max_length=60)
    summary: str = Field(min_length=1, max_length=120)
    """One line for ``gigsim lessons``."""
    what_it_is: str = Field(min_length=1)
    how_it_works: str = Field(min_length=1)
    what_to_notice: str = Field(min_length=1)
    what_to_try: str = Field(min_length=1)
    goal: str = Field(min_length=1, max_length=400)
    """The mission's goal in words."""

    @field_validator("*", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return join_lines(value) if isinstance(value, str) else value


class TargetSpec(_Frozen):
    target: float = Field(ge=0.0, le=1e9)
    weight: int = Field(ge=1, le=100)


class Mission(_Frozen):
    months: int = Field(ge=1, le=36)
    """The time limit: the mission is scored when this many months have closed."""
    pass_score: int = Field(ge=1, le=100)
    """The score (out of 100) that passes."""
    targets: dict[str, TargetSpec]

    @model_validator(mode="after")
    def _check(self) -> Mission:
        unknown = sorted(set(self.targets) - set(MEASURES))
        if unknown:
            raise ValueError(f"mission.targets.{unknown[0]}: unknown measure")
        missing = [m for m in BALANCED if m not in self.targets]
        if missing:
            raise ValueError(f"mission.targets.{missing[0]}: every mission scores it")
        total = sum(t.weight for t in self.targets.values())
        if total != 100:
            raise ValueError(f"mission.targets: the weights add up to {total}, not 100")
        idle = sum(t.weight for m, t in self.targets.items() if MEASURES[m] == "at_most")
        if idle >= self.pass_score:
            raise ValueError(
                f"mission.pass_score: a player who does nothing scores {idle}, "
                f"which passes {self.pass_score}"
            )
        return self

    def scorecard(
        self,
        months: Sequence[Mapping[str, Any]],
        counts: Tally,
        so_far: Mapping[str, Any] | None = None,
        rating_now: tuple[float, int] | None = None,
    ) -> Scorecard:
        """The scorecard of a game's months (``scorecard.figures`` says what each counts)."""
        got = figures(months, self.months, counts, so_far, rating_now)
        return score(self.lines(), self.pass_score, self.months, got)

    def lines(self) -> tuple[Target, ...]:
        """The targets in a fixed order: the balanced lines, then the lesson's own."""
        order = [*BALANCED, *(m for m in MEASURES if m not in BALANCED)]
        return tuple(
            Target(m, self.targets[m].target, self.targets[m].weight)
            for m in order
            if m in self.targets
        )


class Calibration(_Frozen):
    """How the mission was calibrated: a shipped player policy that passes it on the lesson's
    seed and one that does not (``tests/lessons`` plays both; ``benchmarks/lessons.py`` plays
    every policy on many seeds)."""

    wins: str
    fails: str


class Lesson(_Frozen):
    number: int = Field(ge=1, le=99)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    scenario: str
    """The shipped scenario the lesson is played on."""
    seed: int = Field(ge=0, le=2**32 - 1)
    """The seed ``gigsim play --lesson N`` plays without ``--seed``: every player of the
    lesson faces the same market."""
    mission: Mission
    calibration: Calibration
    card_texts: dict[str, Card] = Field(alias="card")

    @model_validator(mode="after")
    def _check(self) -> Lesson:
        for code in ("en", "ja"):
            if code not in self.card_texts:
                raise ValueError(f"card.{code}: the card is given in English and Japanese")
        return self

    @property
    def card(self) -> Card:
        """The card in the current language (English where there is none)."""
        return self.card_texts.get(language()) or self.card_texts[SOURCE_LANGUAGE]

    @property
    def title(self) -> str:
        return self.card.title


def _read(name: str) -> Lesson:
    source = f"lessons/{name}"
    text = decode(resources.files(_PACKAGE).joinpath(_DATA).joinpath(name).read_bytes(), source)
    data, _lines = parse(text, source)
    try:
        lesson = Lesson.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err.get("loc", ()))
        raise BadInput(source, loc or None, str(err.get("msg", "invalid"))) from None
    m = _FILE_RE.match(name)
    if m is None or int(m.group(1)) != lesson.number or m.group(2) != lesson.id:
        raise BadInput(source, "number", "the file is named NN-id.yaml after its number and id")
    return lesson


@functools.cache
def lessons() -> tuple[Lesson, ...]:
    """Every shipped lesson, by number (1, 2, …, with no gap)."""
    names = sorted(
        p.name
        for p in resources.files(_PACKAGE).joinpath(_DATA).iterdir()
        if _FILE_RE.match(p.name)
    )
    out = tuple(_read(name) for name in names)
    for i, lesson in enumerate(out, 1):
        if lesson.number != i:
            raise BadInput(f"lessons/{names[i - 1]}", "number", f"expected lesson {i}")
    return out


def lesson(number: int, option: str = "--lesson") -> Lesson:
    """The lesson of that number; any other number is one ``BadInput`` line naming ``option``."""
    found = lessons()
    if not 1 <= number <= len(found):
        raise BadInput(
            option,
            None,
            _("no lesson {n}: the lessons are 1 to {last} (see `gigsim lessons`)").format(
                n=number, last=len(found)
            ),
        )
    return found[number - 1]

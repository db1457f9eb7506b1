"""Merging a class's results: the files found, the duplicates and strays left out, the ranks.

``collect`` reads every file named ``…-result.json`` under a folder (its
subfolders too, in name order, links to folders not followed: the folder of
a room's served games holds their saves beside their results), keeps the
results of one class pack
(the pack given, or else the one most results name), and one result per
student and lesson: of two, the one with more months closed (then the later
one). Everything left out is one warning line. The ranks are by the
scorecard: the score, then the mission's net income; equal in both, equal
rank.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from gigsim.classroom.results import Skipped, StudentResult, read_result
from gigsim.errors import BadInput
from gigsim.handin.result import SUFFIX
from gigsim.i18n import _
from gigsim.lessons import Lesson
from gigsim.lessons.pack import DIGEST_SHOWN, ClassPack

MAX_FILES = 10_000
"""More results than any class hands in: the folder is not a class's results."""
SETTINGS = ("price", "cap", "hours_available", "hours_worked", "proposals_sent", "proposals_won")
"""The settings a debrief compares, each averaged over a mission's months (proposals added)."""


@dataclass(frozen=True)
class Entry:
    """A result with its rank among the lesson's and its luck-check percentile (if computed)."""

    result: StudentResult
    rank: int
    luck: float | None = None


@dataclass
class Collected:
    """A class's results, by the pack's lessons."""

    name: str
    digest: str
    note: str
    lessons: tuple[Lesson, ...]  # the lessons results were found for, in the pack's order
    results: list[StudentResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    luck: dict[Path, float] = field(default_factory=dict)
    luck_seeds: int = 0  # the other seeds each luck check played (0: not computed)

    def of(self, lesson: Lesson) -> list[Entry]:
        """The lesson's results, ranked."""
        mine = [r for r in self.results if r.lesson.number == lesson.number]
        return [Entry(r, rank, self.luck.get(r.path)) for r, rank in ranked(mine)]

    @property
    def students(self) -> list[str]:
        seen: dict[str, str] = {}
        for r in self.results:
            seen.setdefault(r.key[0], r.student)
        return sorted(seen.values(), key=str.casefold)


def _order(r: StudentResult) -> tuple[int, int]:
    return (r.scorecard.score, r.net_income)


def ranked(results: Iterable[StudentResult]) -> list[tuple[StudentResult, int]]:
    """Best first by score, then net income; ties share a rank (1, 2, 2, 4)."""
    order = sorted(results, key=lambda r: (-_order(r)[0], -_order(r)[1], r.student.casefold()))
    out: list[tuple[StudentResult, int]] = []
    for i, r in enumerate(order):
        same = out and _order(out[-1][0]) == _order(r)
        out.append((r, out[-1][1] if same else i + 1))
    return out


def result_files(folder: Path) -> list[Path]:
    """Every ``…-result.json`` file under ``folder``, in name order; its subfolders' too
    (links to folders not followed)."""
    if not folder.is_dir():
        problem = _("no such folder") if not folder.exists() else _("not a folder")
        raise BadInput(str(folder), None, problem)
    out: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=None, followlinks=False):
        dirs.sort()
        out += [Path(root) / n for n in sorted(names) if n.endswith(SUFFIX)]
        if len(out) > MAX_FILES:
            raise BadInput(
                str(folder),
                None,
                _("more than {n} results: not a folder of a class's results").format(n=MAX_FILES),
            )
    return out


def _dedupe(results: list[StudentResult], warnings: list[str]) -> list[StudentResult]:
    """One result per student and lesson: the one with more months closed, then the later."""
    best: dict[tuple[str, int], StudentResult] = {}
    for r in results:
        kept = best.get(r.key)
        if kept is None:
            best[r.key] = r
            continue
        new_wins = (len(r.months), r.t) > (len(kept.months), kept.t)
        winner, loser = (r, kept) if new_wins else (kept, r)
        best[r.key] = winner
        warnings.append(
            Skipped(
                loser.path,
                _("a second result of {student} for lesson {n}: {kept} is kept").format(
                    student=r.student, n=r.lesson.number, kept=winner.path
                ),
            ).line()
        )
    return [r for r in results if best[r.key] is r]


def _one_pack(results: list[StudentResult], warnings: list[str]) -> list[StudentResult]:
    """Without a pack file: the results of the pack most of them name (then the one first
    found), each lesson on the seed and mission most of its results have."""
    if not results:
        return []
    digest = Counter(r.digest for r in results).most_common(1)[0][0]
    kept = []
    for r in results:
        if r.digest != digest:
            why = _("from another class pack ({name!r}, {digest}; most results are of {mine})")
            line = why.format(name=r.class_name, digest=r.digest[:DIGEST_SHOWN],
                              mine=digest[:DIGEST_SHOWN])  # fmt: skip
            warnings.append(Skipped(r.path, line).line())
            continue
        kept.append(r)

    def market(r: StudentResult) -> tuple[int, str]:
        return (r.seed, json.dumps(r.lesson.mission.model_dump(), sort_keys=True))

    common = {
        n: Counter(market(r) for r in kept if r.lesson.number == n).most_common(1)[0][0]
        for n in {r.lesson.number for r in kept}
    }
    out = []
    for r in kept:
        seed, _mission = common[r.lesson.number]
        if market(r) != common[r.lesson.number]:
            why = _(
                "played on seed {got} or another mission; most results of lesson {n} are on "
                "seed {want}"
            ).format(got=r.seed, n=r.lesson.number, want=seed)
            warnings.append(Skipped(r.path, why).line())
            continue
        out.append(r)
    return out


Progress = Callable[[int, int, Path], None]


def collect(
    folder: Path, pack: ClassPack | None = None, progress: Progress | None = None
) -> Collected:
    """The class's results under ``folder``: read, checked, one per student and lesson."""
    files = result_files(folder)
    if not files:
        raise BadInput(
            str(folder),
            None,
            _(
                "no result here (a file named …-result.json, as the report to hand in, e in "
                "the game, names it)"
            ),
        )
    warnings: list[str] = []
    results: list[StudentResult] = []
    for i, path in enumerate(files):
        if progress is not None:
            progress(i, len(files), path)
        try:
            results.append(read_result(path, pack))
        except Skipped as e:
            warnings.append(e.line())
    if pack is None:
        results = _one_pack(results, warnings)
    results = _dedupe(results, warnings)
    if not results:
        return Collected("", "", "", (), [], warnings)
    if pack is not None:
        name, digest, note = pack.name, pack.digest, pack.note
        numbers = [x.number for x in pack.lessons]
    else:
        first = results[0]
        name, digest, note = first.class_name, first.digest, ""
        numbers = sorted({r.lesson.number for r in results})
    by_number = {r.lesson.number: r.lesson for r in results}
    lessons = tuple(by_number[n] for n in numbers if n in by_number)
    return Collected(name, digest, note, lessons, results, warnings)


# --------------------------------------------------------------------------
# What the best did differently
# --------------------------------------------------------------------------


def settings_of(r: StudentResult) -> dict[str, float | None]:
    """A result's settings over its mission's months: price, cap and hours averaged by month,
    proposals added up."""
    months = r.mission_settings
    out: dict[str, float | None] = {}
    for key in SETTINGS:
        values = [getattr(m, key) for m in months]
        present = [float(v) for v in values if v is not None]
        if key.startswith("proposals"):
            out[key] = float(sum(present))
        else:
            out[key] = fmean(present) if present else None
    return out


@dataclass(frozen=True)
class Difference:
    setting: str
    top: float | None  # mean among the top third
    rest: float | None  # mean among the others


def top_third(entries: Sequence[Entry]) -> tuple[list[Entry], list[Entry]]:
    """The best third by rank (at least one) and the rest."""
    n = math.ceil(len(entries) / 3)
    return list(entries[:n]), list(entries[n:])


def differences(entries: Sequence[Entry]) -> list[Difference]:
    """Each setting's mean in the top third and in the rest (None where no one has one)."""
    top, rest = top_third(entries)

    def mean(group: list[Entry], key: str) -> float | None:
        values = [v for e in group if (v := settings_of(e.result)[key]) is not None]
        return fmean(values) if values else None

    return [Difference(key, mean(top, key), mean(rest, key)) for key in SETTINGS]

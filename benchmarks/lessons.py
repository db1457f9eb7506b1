"""Calibration of the lessons' missions: every shipped player policy on many seeds.

A mission must be winnable and not won by standing still. For each lesson
this plays every shipped policy (``gigsim.engine.api.PLAYER_POLICIES``)
headless for the mission's months on seeds 1..N and prints how often it
passes and its scores, then the lesson's own seed with its calibration's
``wins`` and ``fails`` policies. docs/lessons.md keeps the table of a
10-seed run; ``tests/lessons/test_calibration.py`` plays the lesson's seed.

Usage: python benchmarks/lessons.py [--seeds N] [--lessons 1,3] [--processes P]
"""

from __future__ import annotations

import argparse
from multiprocessing import Pool

from gigsim.engine.api import PLAYER_POLICIES, Engine
from gigsim.lessons import Scorecard, lesson, lessons, tally
from gigsim.scenarios import load_scenario


def play(number: int, policy: str, seed: int) -> Scorecard:
    """The mission's scorecard of one headless run of the lesson under ``policy``."""
    x = lesson(number)
    months = x.mission.months
    engine = Engine(load_scenario(x.scenario), seed, policy=policy)
    engine.run_months(months)
    counts = tally((e.as_dict() for e in engine.events()), engine.month_end(months))
    return x.mission.scorecard(engine.month_records(months), counts)


def _job(args: tuple[int, str, int]) -> tuple[int, str, int, int, bool]:
    number, policy, seed = args
    card = play(number, policy, seed)
    return number, policy, seed, card.score, card.passed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--lessons", default="")
    ap.add_argument("--processes", type=int, default=None)
    args = ap.parse_args()
    chosen = [int(n) for n in args.lessons.split(",") if n] or [x.number for x in lessons()]
    policies = sorted(PLAYER_POLICIES)
    jobs = [(n, p, s) for n in chosen for p in policies for s in range(1, args.seeds + 1)]
    with Pool(args.processes) as pool:
        results = pool.map(_job, jobs)
    for n in chosen:
        x = lesson(n)
        cal = x.calibration
        print(
            f"lesson {n}: {x.card_texts['en'].title} ({x.mission.months} months, "
            f"pass {x.mission.pass_score}; seed {x.seed}: wins {cal.wins}, fails {cal.fails})"
        )
        for p in policies:
            rows = [r for r in results if r[0] == n and r[1] == p]
            won = sum(r[4] for r in rows)
            scores = " ".join(f"{r[3]:3d}" for r in rows)
            print(f"  {p:12s} passes {won:2d}/{len(rows)}   scores {scores}")
        wins, fails = play(n, cal.wins, x.seed), play(n, cal.fails, x.seed)
        print(
            f"  on seed {x.seed}: {cal.wins} {wins.score} ({'pass' if wins.passed else 'FAIL'}), "
            f"{cal.fails} {fails.score} ({'FAIL' if not fails.passed else 'pass'})"
        )


if __name__ == "__main__":
    main()

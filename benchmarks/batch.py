"""Batch speed-up: replications of ``default`` on 1 worker and on N, measured in one run.

Run ``python benchmarks/batch.py`` (about a minute on 2 cores) or ``--quick``
(a few seconds, for CI smoke runs). Both measurements run the same
experiment through ``gigsim.experiments`` (the same plan, journal-free) in
this process, timed with ``time.perf_counter`` including the pool's
start-up. Rounds are interleaved (1 worker, then N, repeated) and the best
of each is kept, so that both see the same machine load; the ratio of the
bests is the speed-up. For scale it also prints the speed-up of a bare CPU
loop on the same pool (what this machine can give right now: shared or
busy cores cap both). It also checks
that both gave identical records. Target (docs/architecture.md, "Speed"): at least 0.9 x
cores, i.e. 1.8x on 2 cores. This script only measures and reports.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# Run from a checkout without installing: make ``gigsim`` importable.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from gigsim.experiments.designs import Design  # noqa: E402
from gigsim.experiments.executors import LocalExecutor, default_jobs  # noqa: E402
from gigsim.experiments.plan import build_plan  # noqa: E402
from gigsim.experiments.runner import execute  # noqa: E402


def measure(workers: int, reps: int, months: int) -> tuple[float, list[dict[str, object]]]:
    plan = build_plan(["default"], [], Design(), months, 1, reps)
    ex = LocalExecutor(workers)
    t0 = time.perf_counter()
    try:
        out = execute(plan, ex)
    finally:
        ex.close()
    return time.perf_counter() - t0, out.records


def _spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def ceiling(workers: int, jobs: int, n: int) -> float:
    """Speed-up of a bare CPU loop on a process pool of ``workers``: the machine's ceiling."""
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    for _ in range(jobs):
        _spin(n)
    serial = time.perf_counter() - t0
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_spin, [1] * workers))  # start the workers before timing
        t0 = time.perf_counter()
        list(pool.map(_spin, [n] * jobs))
        parallel = time.perf_counter() - t0
    return serial / parallel


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a few seconds, for smoke tests")
    ap.add_argument("--workers", type=int, default=None, help="default: all cores")
    ap.add_argument("--rounds", type=int, default=None, help="interleaved rounds (best kept)")
    args = ap.parse_args()
    workers = args.workers or default_jobs()
    reps, months = (4, 1) if args.quick else (8 * workers, 12)
    rounds = args.rounds or (1 if args.quick else 2)
    print(f"scenario default, {months} months, {reps} replications; {workers} workers")
    t1 = tn = float("inf")
    for _ in range(rounds):
        a, r1 = measure(1, reps, months)
        b, rn = measure(workers, reps, months)
        t1, tn = min(t1, a), min(tn, b)
    print(f"1 worker: {t1:.2f} s ({t1 / reps:.3f} s per run)")
    print(f"{workers} workers: {tn:.2f} s")
    print(f"speed-up {workers} workers / 1: {t1 / tn:.2f}x (target >= {0.9 * workers:.1f}x)")
    n_loop = 200_000 if args.quick else 5_000_000
    print(f"bare CPU loop on the same pool: {ceiling(workers, 2 * workers, n_loop):.2f}x")
    print(f"identical results: {'yes' if r1 == rn else 'NO'}")
    return 0 if r1 == rn else 1


if __name__ == "__main__":
    raise SystemExit(main())

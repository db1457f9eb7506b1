"""Long random-key runs against the game: every crash with the keys sent before it.

    python benchmarks/monkey.py                  # 10,000 keys on each of seeds 1, 2, 3
    python benchmarks/monkey.py --keys 2000 --seeds 7

Each run plays ``default`` at 80x24 headless through Textual's Pilot and
sends keys of every class (letters, digits, arrows, tab, enter, escape,
function keys, ctrl combinations other than quit) in bursts. A crash, caught
by Textual or by the game's last line of defence, is printed with the last
40 keys; the run then goes on in a fresh game. The exit code is 1 when any
run crashed, so the script can gate a release; it measures, it is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tui.monkey import run_monkey  # noqa: E402  (the repository root is on the path now)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--keys", type=int, default=10_000, help="keys per seed (default 10000)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3], help="default 1 2 3")
    parser.add_argument("--burst", type=int, default=20, help="keys sent between pauses")
    parser.add_argument("--traceback", action="store_true", help="print each crash's traceback")
    args = parser.parse_args()
    crashed = 0
    for seed in args.seeds:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            result = asyncio.run(run_monkey(Path(tmp), seed, args.keys, args.burst))
        took = time.perf_counter() - started
        print(
            f"seed {seed}: {result.presses} keys in {took:.0f} s, {len(result.crashes)} crashes, "
            f"{result.quits} quits, {result.months_closed} months closed, day {result.furthest_t:.0f} reached, "
            f"screens seen: {', '.join(sorted(result.screens))}"
        )
        for crash in result.crashes:
            print(f"  crash: {crash.error}")
            print(f"    keys before it: {' '.join(crash.keys)}")
            if args.traceback and crash.trace:
                print("    " + crash.trace.replace("\n", "\n    "))
        crashed += bool(result.crashes)
    print(f"total: {crashed} of {len(args.seeds)} seeds crashed")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Every numeric field of a scenario at extreme values: refused or run, never a crash or a hang.

Walks every number of the ``default`` scenario (list items and mapping entries
included: ``categories.0.buyers_per_day``, ``platform.ranks.2.rating``,
``market.buyer_types.monster.share``, …, and the optional numbers left null),
sets each in turn to ``.inf``, ``-.inf``, ``.nan``, ``±1e300``, ``±1e18``,
``1e-300``, ``0`` and runs ``gigsim run default --months 2 --set KEY=VALUE`` in a forked
child with a time and memory limit. A case is fine when it exits 0 or 2 (one
``error:`` line); it is an internal error when it exits 1 or dies, and a
hang when it outlives the time limit or the memory limit. Prints the cases
that are not fine, then the counts; on a sound model both are 0.

Usage: python benchmarks/extremes.py [--scenario NAME] [--months N] [--timeout S] [--jobs J]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing as mp
import os
import resource
import sys
import time
import types
import typing
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pydantic import BaseModel

import gigsim.headless  # noqa: F401 - loaded before forking, so children import nothing
from gigsim.cli import main as cli_main
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario

VALUES = (".inf", "-.inf", ".nan", "1e300", "-1e300", "1e18", "-1e18", "1e-300", "0")
MEMORY_LIMIT = 2 * 1024**3  # a run that needs more than this has exploded


def _base(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under Annotated and Optional, and the constraints met on the way."""
    ann, metadata = annotation, []
    while True:
        if typing.get_origin(ann) is typing.Annotated:
            ann, *extra = typing.get_args(ann)
            for m in extra:
                metadata.extend(getattr(m, "metadata", [m]))
        elif typing.get_origin(ann) in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(ann) if a is not type(None)]
            if len(rest) != 1:
                return ann, metadata
            ann = rest[0]
        else:
            return ann, metadata


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None]:
    lo = hi = None
    for m in metadata:
        for name in ("ge", "gt"):
            if getattr(m, name, None) is not None:
                lo = getattr(m, name)
        for name in ("le", "lt"):
            if getattr(m, name, None) is not None:
                hi = getattr(m, name)
    return lo, hi


Field_ = tuple[str, float | None, float | None]
"""A number of a scenario: dotted key, lower and upper bound (None: none declared)."""


def numeric_fields(scenario: Scenario) -> Iterator[Field_]:
    """Every number of a scenario with its declared bounds, in the order of its fields."""

    def number(ann: Any, metadata: list[Any]) -> tuple[bool, float | None, float | None]:
        base, more = _base(ann)
        return base in (int, float), *_bounds(metadata + more)

    def walk(obj: Any, path: str) -> Iterator[Field_]:
        if isinstance(obj, tuple):
            for i, item in enumerate(obj):
                yield from walk(item, f"{path}{i}.")
            return
        if isinstance(obj, dict):
            for k, v in obj.items():
                yield from walk(v, f"{path}{k}.")
            return
        if not isinstance(obj, BaseModel):
            return
        for name, info in type(obj).model_fields.items():
            value, key = getattr(obj, name), f"{path}{name}"
            is_num, lo, hi = number(info.annotation, list(info.metadata))
            base, _ = _base(info.annotation)
            args = typing.get_args(base)
            if is_num:
                yield key, lo, hi
            elif typing.get_origin(base) in (tuple, dict) and args:
                item = args[-1] if typing.get_origin(base) is dict else args[0]
                item_num, lo, hi = number(item, [])
                if item_num:
                    names = value if isinstance(value, dict) else range(len(value))
                    yield from ((f"{key}.{k}", lo, hi) for k in names)
                else:
                    yield from walk(value, key + ".")
            else:
                yield from walk(value, key + ".")

    yield from walk(scenario, "")


def _child(argv: list[str], conn: Any) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    err = io.StringIO()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = cli_main(argv)
    except BaseException as e:
        code, err = 1, io.StringIO(f"{type(e).__name__}: {e}")
    conn.send((code, err.getvalue().strip()))
    conn.close()


def run_case(argv: list[str], timeout: float) -> tuple[str, str]:
    """("ok" | "internal" | "hang", message) for one command line, in a forked child."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(argv, child))
    proc.start()
    child.close()
    start = time.monotonic()
    ready = parent.poll(timeout)
    elapsed = time.monotonic() - start
    if not ready:
        proc.kill()
        proc.join()
        return "hang", f"still running after {timeout:.0f} s"
    try:
        code, message = parent.recv()
    except EOFError:
        proc.join()
        return "internal", f"child died (exit {proc.exitcode})"
    proc.join()
    if code in (0, 2) and "MemoryError" not in message:
        return "ok", message
    kind = "hang" if "MemoryError" in message else "internal"
    return kind, f"{message} ({elapsed:.1f} s)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="default")
    ap.add_argument("--months", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=15.0)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    keys = [key for key, _, _ in numeric_fields(load_scenario(args.scenario))]
    cases = [(k, v) for k in keys for v in VALUES]
    argvs = [
        ["run", args.scenario, "--months", str(args.months), "--set", f"{k}={v}"] for k, v in cases
    ]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda a: run_case(a, args.timeout), argvs))
    counts = {"ok": 0, "internal": 0, "hang": 0}
    for (k, v), (kind, message) in zip(cases, results, strict=True):
        counts[kind] += 1
        if kind != "ok":
            print(f"{kind}: {k}={v}: {message}")
    print(
        f"{len(keys)} fields x {len(VALUES)} values = {len(cases)} runs "
        f"in {time.monotonic() - started:.0f} s"
    )
    print(f"internal errors: {counts['internal']}")
    print(f"hangs: {counts['hang']}")
    return 0 if counts["internal"] == counts["hang"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""Mutation testing: does the test suite notice when a mechanism of the model is broken?

Each mutant of ``benchmarks/mutant_list.py`` replaces one exact piece of
``gigsim/model`` or ``gigsim/engine`` (a constant changed, an effect
removed, a comparison flipped, a window off by one) and says what it
breaks. The tool copies the repository into a temporary folder (never
touching the checkout it runs from), checks that the tests pass on the
unchanged copy, then applies each mutant in turn to the copy, runs the
tests there (``python -m pytest -x``) and restores the file. A mutant is
*killed* when a test fails (the first failing test is named), when the run
errors or when it outlives its time limit; it *survives* when every test
passes. A mutant whose text no longer occurs exactly once in its file is
*stale*: an error of the list, reported apart and counted neither way.

Usage:
    python benchmarks/mutants.py                  # every mutant, the fast tests, 2 processes
    python benchmarks/mutants.py --all-tests      # every test, TUI and slow ones included
    python benchmarks/mutants.py --only storm     # mutants whose id or text contains "storm"
    python benchmarks/mutants.py --tests tests/model/test_rules.py   # only these tests
    python benchmarks/mutants.py --list           # list the mutants and check they apply
    python benchmarks/mutants.py --head           # test the last commit, not the working tree

The fast tests are every test outside ``tests/tui`` except those listed in
``SLOW_TESTS`` (subprocess-heavy command-line, interruption and benchmark
checks that watch files and processes rather than the model), run with the
mechanism tests first so that most mutants die within seconds. Prints one
line per mutant, then the share killed, the survivors with what they break,
and the elapsed time. Exit code 0 when at least ``--target`` (default 90%)
of the mutants are killed and none is stale, 1 otherwise. Ctrl-C or SIGTERM
stops it (exit 130): the test runs under way are killed and the temporary
copies removed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutant_list import MUTANTS, Mutant

ROOT = Path(__file__).resolve().parents[1]
FIRST_TESTS = (
    "tests/model/test_mechanism_rules.py",
    "tests/engine/test_mechanism_effects_*.py",
    "tests/engine/test_request_rule.py",
    "tests/model/test_rules.py",
)
"""Run first: they watch the mechanisms one by one, so they kill most mutants soonest."""
SLOW_TESTS = (
    "tests/tui",
    "tests/scenarios/test_extremes.py",
    "tests/cli/test_benchmarks_smoke.py",
    "tests/test_layering.py",
    "tests/cli/test_output_paths.py",
    "tests/experiments/test_interruptions.py",
    "tests/experiments/test_dask.py",
    "tests/experiments/test_resume_anywhere.py",
    "tests/experiments/test_workers_and_resume.py",
    "tests/experiments/test_batch_bad_input.py",
)
"""Left out of the default selection: they check files, processes, tools and the screen."""
PYTEST = ("-x", "-q", "-p", "no:cacheprovider", "-rfE", "--no-header")
FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+?)(?: - .*)?$", re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    status: str  # killed | survived | stale | timeout | stopped
    by: str  # the killing test, the reason of an error, or ""
    seconds: float


def copy_tree(root: Path, dest: Path, head: bool) -> None:
    """The repository's files into ``dest``: the last commit, or the working tree's tracked and
    new (not ignored) files; a folder that is not a git checkout is copied without its caches."""
    if head:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", "HEAD"], cwd=root, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        return
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
    )
    if listed.returncode != 0:
        ignore = shutil.ignore_patterns("__pycache__", ".*_cache", ".hypothesis", ".git")
        shutil.copytree(root, dest, dirs_exist_ok=True, ignore=ignore)
        return
    for name in listed.stdout.decode().split("\0"):
        src = root / name
        if name and src.is_file():  # a file deleted but not yet committed is left out
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    # no bytecode: a mutant of the same size written within the same second as the
    # original would otherwise be run from the original's cached .pyc
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH")]))
    return env


def where_gigsim_is(tree: Path) -> str:
    """``gigsim.__file__`` as the tests in ``tree`` see it (pytest puts the tree first)."""
    probe = tree / "tests" / "test_zz_mutants_probe.py"
    probe.write_text("import gigsim\n\n\ndef test_where():\n    print('GIGSIM', gigsim.__file__)\n")
    try:
        out = subprocess.run(
            [sys.executable, "-m", "pytest", "-s", *PYTEST, str(probe.relative_to(tree))],
            cwd=tree,
            env=_env(tree),
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    finally:
        probe.unlink()
    found = re.search(r"^GIGSIM (.+)$", out, re.MULTILINE)
    return found.group(1) if found else f"(not found: {out.strip()[-300:]})"


def selection(tree: Path, all_tests: bool) -> list[str]:
    """Test files to run, mechanism tests first; without ``all_tests``, no slow ones."""
    first: list[str] = []
    for pattern in FIRST_TESTS:
        first += [t for t in sorted(str(p.relative_to(tree)) for p in tree.glob(pattern))
                  if t not in first]  # fmt: skip
    rest = sorted(str(p.relative_to(tree)) for p in (tree / "tests").rglob("test_*.py"))
    chosen = first + [t for t in rest if t not in first]
    if not all_tests:
        chosen = [t for t in chosen if not any(t == s or t.startswith(s + "/") for s in SLOW_TESTS)]
    return chosen


_RUNNING: set[subprocess.Popen[str]] = set()
"""The pytest runs under way, each the leader of its own process group."""
_STOP = threading.Event()
"""Set on Ctrl-C or SIGTERM: no further mutant starts."""


def _kill_group(proc: subprocess.Popen[str]) -> None:
    """Kill a pytest run and whatever its tests started (they share its process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def run_tests(tree: Path, tests: list[str], timeout: float) -> tuple[str, str]:
    """(status, detail): passed, failed (the first failing test), timeout or stopped."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", *PYTEST, *tests],
        cwd=tree,
        env=_env(tree),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _RUNNING.add(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        return "timeout", f"no result within {timeout:.0f} s"
    finally:
        _RUNNING.discard(proc)
        _kill_group(proc)  # a test's own subprocesses, should any outlive pytest
    if _STOP.is_set():
        return "stopped", ""
    if proc.returncode == 0:
        return "passed", ""
    found = FAILED.search(out)
    if found:
        return "failed", found.group(1)
    tail = (out + err).strip().splitlines()[-1:] or ["?"]
    return "failed", f"pytest exit {proc.returncode}: {tail[0][:200]}"


def apply(tree: Path, m: Mutant) -> str | None:
    """Write the mutant into ``tree``; the original text, or None when the mutant is stale."""
    path = tree / m.file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    if text.count(m.old) != 1:
        return None
    path.write_text(text.replace(m.old, m.new), encoding="utf-8")
    return text


def stale_reason(tree: Path, m: Mutant) -> str:
    path = tree / m.file
    if not path.is_file():
        return f"{m.file} does not exist"
    n = path.read_text(encoding="utf-8").count(m.old)
    return f"its text occurs {n} times in {m.file}, not once"


def try_mutant(tree: Path, m: Mutant, tests: list[str], timeout: float) -> Outcome:
    start = time.monotonic()
    original = apply(tree, m)
    if original is None:
        return Outcome(m, "stale", stale_reason(tree, m), 0.0)
    try:
        status, detail = run_tests(tree, tests, timeout)
    finally:
        (tree / m.file).write_text(original, encoding="utf-8")
    seconds = time.monotonic() - start
    if status == "stopped":
        return Outcome(m, "stopped", "", seconds)
    if status == "passed":
        return Outcome(m, "survived", "", seconds)
    return Outcome(m, "timeout" if status == "timeout" else "killed", detail, seconds)


def report_line(i: int, n: int, o: Outcome) -> str:
    word = {"killed": "KILLED", "survived": "SURVIVED", "stale": "STALE", "timeout": "KILLED"}
    by = f" by {o.by}" if o.status in ("killed", "timeout") else ""
    if o.status == "stale":
        by = f": {o.by}"
    return (
        f"[{i:>2}/{n}] {word[o.status]:<8} {o.mutant.id:<28} {o.mutant.breaks}{by}"
        f" ({o.seconds:.1f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--all-tests", action="store_true", help="run every test (TUI, slow ones)")
    ap.add_argument("--tests", nargs="+", default=None, help="run these test files or ids instead")
    ap.add_argument("--only", default="", help="mutants whose id, file or text contains this")
    ap.add_argument("--jobs", type=int, default=2, choices=(1, 2), help="processes (1 or 2)")
    ap.add_argument("--timeout", type=float, default=0.0, help="seconds a mutant's tests may take")
    ap.add_argument("--head", action="store_true", help="test the last commit")
    ap.add_argument("--root", type=Path, default=ROOT, help="repository to copy")
    ap.add_argument("--list", action="store_true", help="list the mutants, check that they apply")
    ap.add_argument("--target", type=float, default=0.9, help="share to kill for exit code 0")
    args = ap.parse_args(argv)
    mutants = [
        m for m in MUTANTS if not args.only or any(args.only in x for x in (m.id, m.file, m.old))
    ]
    ids = [m.id for m in MUTANTS]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        print(f"error: mutant ids used twice: {', '.join(dupes)}")
        return 1
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gigsim-mutants-") as tmp:
        trees = [Path(tmp) / f"tree{k}" for k in range(args.jobs)]
        for tree in trees:
            tree.mkdir()
            copy_tree(args.root.resolve(), tree, args.head)
        if args.list:
            stale = 0
            for m in mutants:
                ok = (trees[0] / m.file).is_file() and (trees[0] / m.file).read_text(
                    encoding="utf-8"
                ).count(m.old) == 1
                stale += not ok
                print(f"{'ok   ' if ok else 'STALE'} {m.id:<28} {m.file}: {m.breaks}")
            print(f"{len(mutants)} mutants, {stale} stale")
            return 1 if stale else 0
        return _run(args, mutants, trees, started)


def _run(args: argparse.Namespace, mutants: list[Mutant], trees: list[Path], started: float) -> int:
    tests = args.tests or selection(trees[0], args.all_tests)
    which = "given" if args.tests else "all" if args.all_tests else "fast selection"
    print(f"tests run from: {where_gigsim_is(trees[0])}")
    print(f"{len(tests)} test files ({which})")
    t0 = time.monotonic()
    status, detail = run_tests(trees[0], tests, 3600.0)
    if status == "stopped":
        return 130
    baseline = time.monotonic() - t0
    if status != "passed":
        print(f"error: the tests fail on the unchanged copy ({detail}): fix them first")
        return 1
    timeout = args.timeout or max(120.0, 4.0 * baseline)
    print(f"unchanged copy: all pass in {baseline:.0f} s; a mutant's limit is {timeout:.0f} s")
    outcomes: list[Outcome] = []

    def worker(k: int) -> None:
        for i in range(k, len(mutants), len(trees)):
            if _STOP.is_set():
                return
            o = try_mutant(trees[k], mutants[i], tests, timeout)
            if o.status == "stopped":
                return
            outcomes.append(o)
            print(report_line(len(outcomes), len(mutants), o), flush=True)

    pool = ThreadPoolExecutor(len(trees))
    try:
        for future in [pool.submit(worker, k) for k in range(len(trees))]:
            future.result()
    except KeyboardInterrupt:
        _STOP.set()
        for proc in list(_RUNNING):
            _kill_group(proc)
        pool.shutdown(wait=True)
        print(f"\nstopped after {len(outcomes)} of {len(mutants)} mutants", file=sys.stderr)
        return 130
    pool.shutdown(wait=True)
    return _summary(outcomes, args.target, time.monotonic() - started)


def _summary(outcomes: list[Outcome], target: float, elapsed: float) -> int:
    stale = [o for o in outcomes if o.status == "stale"]
    counted = [o for o in outcomes if o.status != "stale"]
    killed = [o for o in counted if o.status in ("killed", "timeout")]
    survived = [o for o in counted if o.status == "survived"]
    share = len(killed) / len(counted) if counted else 0.0
    print()
    print(f"killed {len(killed)} of {len(counted)} mutants: {share:.1%}")
    for o in survived:
        print(f"  survived: {o.mutant.id} ({o.mutant.file}): {o.mutant.breaks}")
    for o in stale:
        print(f"  error: stale mutant {o.mutant.id}: {o.by}")
    print(f"elapsed {elapsed:.0f} s")
    return 0 if share >= target and not stale else 1


def _terminate(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)  # stop like Ctrl-C: kill the runs, remove the copies
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        _STOP.set()
        for running in list(_RUNNING):
            _kill_group(running)
        sys.exit(130)

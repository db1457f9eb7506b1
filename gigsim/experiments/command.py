"""``gigsim batch``: from parsed arguments to files and a summary, with one-line errors.

Everything that can be wrong with the input is found before anything is
written: options, scenarios, overrides, the design against every scenario,
policies, the output folder (a folder that holds another experiment, or
anything but a gigsim experiment, is refused; ``--resume`` needs the same
experiment) and the Dask scheduler. Then the manifest is written, runs are
journalled as they finish, and the tables and report are written at the
end, atomically. Ctrl-C keeps every finished run for ``--resume``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gigsim.errors import BadInput, ExitCode
from gigsim.experiments.designs import Design, from_file, from_flags
from gigsim.experiments.executors import default_jobs, make_executor
from gigsim.experiments.journal import Journal
from gigsim.experiments.outputs import MANIFEST, OUTPUT_FILES, write_manifest, write_outputs
from gigsim.experiments.plan import AutoReps, Plan, build_plan
from gigsim.experiments.runner import Outcome, execute
from gigsim.experiments.terminal import RichProgress, print_summary

MAX_MONTHS = 240
MAX_REPS = 100_000
INTERRUPTED = 130


def parse_reps(text: str) -> int | None:
    """``auto`` (None) or a whole number >= 1."""
    if text.strip().lower() == "auto":
        return None
    try:
        n = int(text)
    except ValueError:
        raise BadInput(
            "--reps", None, f"must be a whole number >= 1 or auto (got {text!r})"
        ) from None
    if not 1 <= n <= MAX_REPS:
        raise BadInput("--reps", None, f"must be between 1 and {MAX_REPS} or auto (got {n})")
    return n


def _design(args: argparse.Namespace) -> Design:
    if args.design:
        if args.sweeps or args.ranges or args.method or args.samples is not None:
            raise BadInput(
                "--design", None, "a design file replaces --sweep, --range, --method and --samples"
            )
        return from_file(args.design)
    method = args.method or ("lhs" if args.ranges and not args.sweeps else "factorial")
    return from_flags(method, args.sweeps, args.ranges, args.samples)


def _check_numbers(args: argparse.Namespace) -> None:
    if args.months is not None and not 1 <= args.months <= MAX_MONTHS:
        raise BadInput("--months", None, f"must be between 1 and {MAX_MONTHS} (got {args.months})")
    if args.seed < 0:
        raise BadInput("--seed", None, f"must be a whole number >= 0 (got {args.seed})")
    if args.jobs is not None and args.jobs < 1:
        raise BadInput("--jobs", None, f"must be at least 1 (got {args.jobs})")
    if not 2 <= args.max_reps <= MAX_REPS:
        raise BadInput(
            "--max-reps", None, f"must be between 2 and {MAX_REPS} (got {args.max_reps})"
        )


def plan_from_args(args: argparse.Namespace) -> Plan:
    _check_numbers(args)
    reps = parse_reps(args.reps)
    design = _design(args)
    auto = AutoReps(max_reps=args.max_reps)
    return build_plan(
        args.scenarios, args.overrides, design, args.months, args.seed, reps, args.policy, auto
    )


def _differences(a: dict[str, Any], b: dict[str, Any]) -> str:
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    return ", ".join(keys) or "nothing"


def check_out(out: Path, identity: dict[str, Any], resume: bool) -> dict[str, Any] | None:
    """Refuse a folder we must not write into; return its manifest when resuming."""
    where = str(out)
    if out.exists() and not out.is_dir():
        raise BadInput(where, None, "--out must be a directory, and this is a file")
    if not out.exists():
        return None
    manifest_path = out / MANIFEST
    if not manifest_path.exists():
        if any(out.iterdir()):
            raise BadInput(
                where,
                None,
                "is not empty and holds no gigsim batch manifest; choose a new or empty --out",
            )
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        old = manifest["experiment"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BadInput(
            str(manifest_path), None, "is not a gigsim batch manifest; choose another --out"
        ) from None
    if not resume:
        raise BadInput(
            where,
            None,
            "holds an experiment's results; add --resume to finish it, or choose another --out",
        )
    if old != identity:
        raise BadInput(
            where,
            None,
            f"holds another experiment (differs in: {_differences(old, identity)}); "
            "--resume needs the same one, or choose another --out",
        )
    return dict(manifest)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _manifest(plan: Plan, started: str, status: str, outcome: Outcome | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "experiment": plan.identity(),
        "status": status,
        "started": started,
        "finished": _now() if status != "running" else None,
        "replications": outcome.reps if outcome else None,
        "runs": len(outcome.records) if outcome else None,
        "files": list(OUTPUT_FILES),
        "note": "every file here but this manifest (which holds times) is identical for the same "
        "experiment, whatever --jobs, executor or interruptions",
    }
    if plan.reps is None and outcome is not None:
        out["precision_met"] = outcome.precise
    return out


def batch_command(args: argparse.Namespace) -> int:
    plan = plan_from_args(args)
    out = Path(args.out) if args.out else None
    old = check_out(out, plan.identity(), args.resume) if out else None
    workers = args.jobs or default_jobs()
    executor = make_executor(args.executor, workers, args.scheduler)
    started = (old or {}).get("started") or _now()
    journal = None
    try:
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            write_manifest(out, _manifest(plan, started, "running", None))
            journal = Journal(out)
        try:
            with RichProgress() as progress:
                outcome = execute(plan, executor, journal, progress)
        except KeyboardInterrupt:
            kept = len(journal.load()) if journal is not None else 0
            where = (
                f"; {kept} finished runs are kept in {out}, --resume finishes the rest"
                if out
                else ""
            )
            print(f"interrupted{where}", file=sys.stderr, flush=True)
            if out is not None:
                write_manifest(out, _manifest(plan, started, "interrupted", None))
            return INTERRUPTED
    finally:
        executor.close()
    extra = {"reps": outcome.reps, "precise": outcome.precise}
    if out is not None and journal is not None:
        write_outputs(plan, outcome.records, out, extra)
        journal.rewrite(outcome.records)
        write_manifest(out, _manifest(plan, started, "complete", outcome))
    print_summary(plan, outcome.records, extra)
    if out is not None:
        print(f"wrote {', '.join(OUTPUT_FILES)} and {MANIFEST} to {out}")
    return int(ExitCode.OK)

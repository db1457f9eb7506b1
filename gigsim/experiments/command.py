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
import contextlib
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gigsim.errors import BadInput, ExitCode
from gigsim.experiments.designs import Design, from_file, from_flags
from gigsim.experiments.executors import Executor, default_jobs, make_executor
from gigsim.experiments.folder import HeldFolder, check_out
from gigsim.experiments.interrupts import Interrupted, SignalGuard
from gigsim.experiments.journal import Journal
from gigsim.experiments.outputs import (
    MANIFEST,
    OUTPUT_FILES,
    columns,
    write_manifest,
    write_outputs,
)
from gigsim.experiments.plan import AutoReps, Plan, build_plan
from gigsim.experiments.pool import WorkerDied
from gigsim.experiments.runner import Outcome, execute
from gigsim.experiments.terminal import RichProgress, print_summary
from gigsim.fileio import require_parquet
from gigsim.i18n import _, ngettext
from gigsim.text.wrap import wrap

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
            "--reps",
            None,
            _("must be a whole number >= 1 or auto (got {text!r})").format(text=text),
        ) from None
    if not 1 <= n <= MAX_REPS:
        problem = _("must be between 1 and {most} or auto (got {n})").format(most=MAX_REPS, n=n)
        raise BadInput("--reps", None, problem)
    return n


def _design(args: argparse.Namespace) -> Design:
    if args.design:
        if args.sweeps or args.ranges or args.method or args.samples is not None:
            raise BadInput(
                "--design",
                None,
                _("a design file replaces --sweep, --range, --method and --samples"),
            )
        return from_file(args.design)
    method = args.method or ("lhs" if args.ranges and not args.sweeps else "factorial")
    return from_flags(method, args.sweeps, args.ranges, args.samples)


def _check_numbers(args: argparse.Namespace) -> None:
    if args.months is not None and not 1 <= args.months <= MAX_MONTHS:
        problem = _("must be between {low} and {high} (got {n})")
        raise BadInput("--months", None, problem.format(low=1, high=MAX_MONTHS, n=args.months))
    if args.seed < 0:
        raise BadInput(
            "--seed", None, _("must be a whole number >= 0 (got {n})").format(n=args.seed)
        )
    if args.jobs is not None and args.jobs < 1:
        raise BadInput("--jobs", None, _("must be at least 1 (got {n})").format(n=args.jobs))
    if not 2 <= args.max_reps <= MAX_REPS:
        raise BadInput(
            "--max-reps",
            None,
            _("must be between {low} and {high} (got {n})").format(
                low=2, high=MAX_REPS, n=args.max_reps
            ),
        )


def plan_from_args(args: argparse.Namespace) -> Plan:
    _check_numbers(args)
    reps = parse_reps(args.reps)
    design = _design(args)
    auto = AutoReps(max_reps=args.max_reps)
    return build_plan(
        args.scenarios, args.overrides, design, args.months, args.seed, reps, args.policy, auto
    )


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
        "columns": columns(plan),
        "note": "every file here but this manifest (which holds times) is identical for the same "
        "experiment, whatever --jobs, executor or interruptions",
    }
    if plan.reps is None and outcome is not None:
        out["precision_met"] = outcome.precise
    return out


def batch_command(args: argparse.Namespace) -> int:
    parquet = getattr(args, "format", "csv") == "parquet"
    if parquet:
        if not args.out:
            raise BadInput(
                "--format", None, _("parquet tables are written to --out: add --out DIR")
            )
        require_parquet()
    plan = plan_from_args(args)
    out = Path(args.out) if args.out else None
    if out is not None:
        check_out(out, plan.identity(), args.resume)
    workers = args.jobs or default_jobs()
    with SignalGuard() as guard:
        executor = make_executor(args.executor, workers, args.scheduler)
        batch = _Batch(plan, out, args.resume)
        batch.parquet = parquet
        try:
            outcome = batch.run(executor)
        except BaseException as e:
            guard.stopping()  # from here on, further signals wait for the clean-up
            executor.close(abort=True)
            return batch.stopped(e, guard)
        finally:
            executor.close()
            batch.release()
    print_summary(plan, outcome.records, {"reps": outcome.reps, "precise": outcome.precise})
    if out is not None:
        wrote = _("wrote {files} and {manifest} to {out}").format(
            files=", ".join(OUTPUT_FILES), manifest=MANIFEST, out=out
        )
        # folded at the terminal's width: Japanese has no spaces for the terminal to break at
        print("\n".join(wrap(wrote, shutil.get_terminal_size().columns, indent="  ")))
    return int(ExitCode.OK)


class _Batch:
    """One batch's folder, journal and manifest, from the first write to the last."""

    def __init__(self, plan: Plan, out: Path | None, resume: bool) -> None:
        self.plan, self.out, self.resume = plan, out, resume
        self.folder: HeldFolder | None = None
        self.journal: Journal | None = None
        self.started = _now()
        self.parquet = False  # --format parquet: the tables as Parquet files too

    def run(self, executor: Executor) -> Outcome:
        if self.out is not None:
            self.folder = HeldFolder(self.out, self.plan.identity(), self.resume)
            self.started = (self.folder.manifest or {}).get("started") or self.started
            write_manifest(self.out, _manifest(self.plan, self.started, "running", None))
            self.journal = Journal(
                self.out, self.plan.key, unkeyed_ok=self.folder.manifest is not None
            )
        with RichProgress() as progress:
            outcome = execute(self.plan, executor, self.journal, progress)
        executor.close()
        self._note_damaged()
        if self.out is not None and self.journal is not None:
            extra = {"reps": outcome.reps, "precise": outcome.precise}
            write_outputs(self.plan, outcome.records, self.out, extra, self.parquet)
            self.journal.rewrite(outcome.records)
            write_manifest(self.out, _manifest(self.plan, self.started, "complete", outcome))
        return outcome

    def _note_damaged(self) -> None:
        damaged = self.journal.damaged if self.journal is not None else []
        if damaged:
            more = ""
            if len(damaged) > 1:
                more = " " + _("(and {n} more)").format(n=len(damaged) - 1)
            path = self.journal.path if self.journal else ""
            note = _("set aside, and run again")
            print(f"note: {path}: {damaged[0]}{more}: {note}", file=sys.stderr)

    def _kept(self) -> str:
        if self.out is None or self.journal is None:
            return ""
        return ngettext(
            "{n} finished run is kept in {out}, --resume finishes the rest",
            "{n} finished runs are kept in {out}, --resume finishes the rest",
            self.journal.count,
        ).format(n=self.journal.count, out=self.out)

    def stopped(self, e: BaseException, guard: SignalGuard) -> int:
        """Say why the batch stopped and mark the manifest "interrupted"; the exit code."""
        if not isinstance(e, KeyboardInterrupt | WorkerDied | BadInput):
            raise e
        if self.journal is not None:
            with contextlib.suppress(BadInput):  # the disk may be full: the journal stands
                write_manifest(self.out, _manifest(self.plan, self.started, "interrupted", None))  # type: ignore[arg-type]
        self._note_damaged()
        kept = self._kept()
        if isinstance(e, BadInput):
            if kept:
                e = BadInput(e.source, e.field, f"{e.problem}; {kept}")
            raise e
        if isinstance(e, WorkerDied):
            print(f"error: {e}" + (f"; {kept}" if kept else ""), file=sys.stderr, flush=True)
            return int(ExitCode.INTERNAL)
        print(_("interrupted") + (f"; {kept}" if kept else ""), file=sys.stderr, flush=True)
        if guard.signum:
            guard.ignore_further()  # a Ctrl-C while the interpreter exits must not print a traceback
        return e.exit_code if isinstance(e, Interrupted) else INTERRUPTED

    def release(self) -> None:
        if self.folder is not None:
            self.folder.close()
            self.folder = None

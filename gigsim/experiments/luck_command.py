"""``gigsim luck SAVE``: the luck check from the command line, with one-line errors.

The save is loaded (and checked) as the game loads it, its strategy read, and
the runs go to the batch runner's pool on all cores with its progress bar.
Ctrl-C or SIGTERM stop it as they stop ``gigsim batch``: at once, the worker
processes ended, one line, exit 130 or 143; nothing is written, so nothing
is lost.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from gigsim.engine import api
from gigsim.errors import BadInput, ExitCode
from gigsim.experiments.executors import LocalExecutor, default_jobs
from gigsim.experiments.interrupts import Interrupted, SignalGuard
from gigsim.experiments.luck import (
    COMPARED,
    check_policies,
    check_seeds,
    nothing_yet,
    run_luck,
)
from gigsim.experiments.pool import WorkerDied
from gigsim.experiments.strategy import PlayersGame, read_strategy
from gigsim.experiments.terminal import RichProgress
from gigsim.i18n import _
from gigsim.text.luck import luck_lines

INTERRUPTED = 130
T = TypeVar("T")


@dataclass(frozen=True)
class Stopped:
    """A run on the pool was stopped (Ctrl-C, SIGTERM, a worker died); the exit code."""

    code: int


def on_pool(jobs: int | None, work: Callable[[LocalExecutor, RichProgress], T]) -> T | Stopped:
    """``work`` on the batch runner's pool (``jobs`` workers, all cores by default) with its
    progress bar, stopped as ``gigsim batch`` stops: the first Ctrl-C or SIGTERM ends the
    workers at once and says so in one line; later ones wait for that clean-up."""
    with SignalGuard() as guard:
        executor = LocalExecutor(jobs or default_jobs())
        try:
            with RichProgress() as bar:
                return work(executor, bar)
        except (KeyboardInterrupt, WorkerDied) as e:
            guard.stopping()  # from here on, further signals wait for the clean-up
            executor.close(abort=True)
            if isinstance(e, WorkerDied):
                print(f"error: {e}", file=sys.stderr, flush=True)
                return Stopped(int(ExitCode.INTERNAL))
            print(_("interrupted"), file=sys.stderr, flush=True)
            if guard.signum:
                guard.ignore_further()
            return Stopped(e.exit_code if isinstance(e, Interrupted) else INTERRUPTED)
        except BaseException:
            guard.stopping()
            executor.close(abort=True)
            raise
        finally:
            executor.close()


def load_players_game(path: str) -> PlayersGame:
    """The save's game and strategy; every problem with the file is one ``BadInput`` line."""
    try:
        engine = api.load_game(path)
    except BadInput:
        raise
    except Exception as e:  # a save that breaks the replay is still only a bad file
        raise BadInput(
            path, None, _("cannot replay: {error}").format(error=f"{type(e).__name__}: {e}")
        ) from None
    game = read_strategy(api.save_data(engine), path)
    if game.months == 0:
        raise nothing_yet(path)
    return game


def luck_command(args: argparse.Namespace) -> int:
    n = check_seeds(args.seeds)
    policies = check_policies(args.policies if args.policies is not None else COMPARED)
    if args.jobs is not None and args.jobs < 1:
        raise BadInput("--jobs", None, _("must be at least 1 (got {n})").format(n=args.jobs))
    game = load_players_game(args.save)
    stopped = on_pool(
        args.jobs, lambda executor, bar: run_luck(game, n, executor, bar, policies, args.save)
    )
    if isinstance(stopped, Stopped):
        return stopped.code
    summary = stopped
    for line in luck_lines(summary):
        print(line)
    return int(ExitCode.OK)

"""The ``gigsim`` command line (also ``python -m gigsim``).

Exit codes are an interface (``gigsim.errors.ExitCode``): 0 success, 2 bad
input with exactly one ``error: <file>: <field>: <problem>`` line on stderr,
1 internal error with one ``internal error: ...`` line (``GIGSIM_DEBUG=1``
re-raises it with its traceback instead).

This module must stay cheap to import: the game (Textual) and the headless
runner are imported only inside the commands that use them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from gigsim import __version__
from gigsim.errors import BadInput, ExitCode
from gigsim.fileio import check_target
from gigsim.model.scenario import Scenario
from gigsim.scenarios import (
    load_scenario,
    scenario_yaml,
    schema_json,
    shipped_scenarios,
)

MAX_MONTHS = 240
DEFAULT_SCENARIO = "default"
DEFAULT_SEED = 1
GAME_NOT_BUILT = "the game is not built yet; try `gigsim run default`"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """ArgumentParser that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"error: {self.prog}: {message} (see `{self.prog} --help`)")


# --------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------


def _int_arg(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None


def _add_set(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a scenario field, e.g. --set player.listings.0.price=3000 (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gigsim",
        description="A simulation game of running a side gig on a skill marketplace. "
        "Without a command, starts the game on the default scenario "
        "(`gigsim --seed 5` is `gigsim play --seed 5`).",
    )
    parser.add_argument("--version", action="version", version=f"gigsim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("scenarios", help="list the shipped scenarios")

    sc = sub.add_parser("scenario", help="show, validate or describe scenario files")
    sc_sub = sc.add_subparsers(dest="scenario_command", metavar="ACTION", required=True)
    show = sc_sub.add_parser("show", help="print a scenario's full YAML, defaults included")
    show.add_argument("scenario", metavar="NAME", help="shipped scenario name or YAML file")
    _add_set(show)
    val = sc_sub.add_parser("validate", help="check a scenario file")
    val.add_argument("scenario", metavar="FILE", help="YAML file or shipped scenario name")
    _add_set(val)
    sc_sub.add_parser("schema", help="print the JSON Schema of scenario files")

    run = sub.add_parser("run", help="run a scenario headless and print a monthly table")
    run.add_argument("scenario", metavar="SCENARIO", help="shipped scenario name or YAML file")
    run.add_argument("--months", type=_int_arg, default=None, help="months to simulate (1-240)")
    run.add_argument("--seed", type=_int_arg, default=DEFAULT_SEED, help="random seed (>= 0)")
    _add_set(run)
    run.add_argument("--json", dest="json_path", metavar="FILE", help="write results as JSON")
    run.add_argument(
        "--events", dest="events_path", metavar="FILE", help="write events as JSON Lines"
    )

    _add_batch(sub)

    play = sub.add_parser("play", help="start the game (the default without a command)")
    play.add_argument("scenario", metavar="SCENARIO", nargs="?", default=DEFAULT_SCENARIO)
    play.add_argument("--seed", type=_int_arg, default=DEFAULT_SEED, help="random seed (>= 0)")
    _add_set(play)
    return parser


def _add_batch(sub: argparse._SubParsersAction[_Parser]) -> None:
    b = sub.add_parser(
        "batch",
        help="what-if runs: replications, sweeps and paired comparisons",
        description="Run scenarios many times with common random numbers, over a design of "
        "parameter points, and write tables and an HTML report (see README, gigsim batch).",
    )
    b.add_argument("scenarios", metavar="SCENARIO", nargs="+", help="shipped name or YAML file")
    b.add_argument("--reps", default="20", metavar="N|auto", help="replications (default 20)")
    b.add_argument("--max-reps", type=_int_arg, default=200, metavar="N", help="cap for auto")
    b.add_argument("--months", type=_int_arg, default=None, help="months per run (1-240)")
    b.add_argument("--seed", type=_int_arg, default=DEFAULT_SEED, help="base seed (>= 0)")
    _add_set(b)
    b.add_argument(
        "--sweep", dest="sweeps", action="append", default=[], metavar="KEY=V1,V2",
        help="values of a scenario field (repeatable: full factorial, or --method oat)",
    )  # fmt: skip
    b.add_argument(
        "--range", dest="ranges", action="append", default=[], metavar="KEY=LOW:HIGH",
        help="range of a scenario field for --method lhs, morris or sobol (repeatable)",
    )  # fmt: skip
    b.add_argument("--method", choices=("factorial", "oat", "lhs", "morris", "sobol"))
    b.add_argument("--samples", type=_int_arg, default=None, help="points or trajectories")
    b.add_argument("--design", metavar="FILE", help="YAML file with a design section")
    b.add_argument("--policy", metavar="NAME", help="player policy (default: the scenario's)")
    b.add_argument("--jobs", type=_int_arg, default=None, help="workers (default: all cores)")
    b.add_argument("--out", metavar="DIR", help="write runs, tables, manifest and report here")
    b.add_argument("--resume", action="store_true", help="finish an interrupted --out")
    b.add_argument("--executor", choices=("local", "dask"), default="local")
    b.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (tcp://host:8786)")


def resolve_scenario(args: argparse.Namespace) -> tuple[Scenario, str]:
    """The one place where a SCENARIO argument and its --set overrides become a Scenario."""
    ref = getattr(args, "scenario", None) or DEFAULT_SCENARIO
    return load_scenario(ref, getattr(args, "overrides", None) or ()), ref


def _check_seed(seed: int) -> int:
    if seed < 0:
        raise BadInput("--seed", None, f"must be a whole number >= 0 (got {seed})")
    return seed


def _check_output(option: str, path: str | None) -> Path | None:
    """Refuse an output path that cannot be written, before any work is done.

    It must name a regular file or nothing yet, in an existing folder: a
    directory, link, FIFO or device there is refused (``fileio.check_target``).
    """
    if path is None:
        return None
    p = Path(path)
    check_target(p, option)
    return p


def _not_the_input(scenario: str, *outputs: tuple[str, Path | None]) -> None:
    """Results never replace the scenario file they come from."""
    source = Path(scenario)
    if not source.is_file():
        return  # a shipped scenario's name
    for option, path in outputs:
        if path is not None and path.exists() and path.resolve() == source.resolve():
            raise BadInput(option, None, f"{path} is the scenario file being run: choose another")


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def _cmd_scenarios(args: argparse.Namespace) -> int:
    items = shipped_scenarios()
    width = max(len(name) for name, _ in items)
    for name, desc in items:
        print(f"{name.ljust(width)}  {desc}".rstrip())
    return ExitCode.OK


def _cmd_scenario(args: argparse.Namespace) -> int:
    if args.scenario_command == "schema":
        sys.stdout.write(schema_json())
        return ExitCode.OK
    scenario, ref = resolve_scenario(args)
    if args.scenario_command == "show":
        sys.stdout.write(scenario_yaml(scenario))
    else:
        print(f"ok: {ref} (scenario {scenario.name})")
    return ExitCode.OK


def _cmd_run(args: argparse.Namespace) -> int:
    if args.months is not None and not 1 <= args.months <= MAX_MONTHS:
        raise BadInput("--months", None, f"must be between 1 and {MAX_MONTHS} (got {args.months})")
    seed = _check_seed(args.seed)
    json_path = _check_output("--json", args.json_path)
    events_path = _check_output("--events", args.events_path)
    if json_path and events_path and json_path.resolve() == events_path.resolve():
        raise BadInput("--events", None, "must not be the same file as --json")
    _not_the_input(args.scenario, ("--json", json_path), ("--events", events_path))
    scenario, ref = resolve_scenario(args)
    months = args.months if args.months is not None else scenario.months

    from gigsim.headless import run_command  # lazy: the engine loads only for a run

    result: int = run_command(
        scenario,
        months=months,
        seed=seed,
        json_path=args.json_path,
        events_path=args.events_path,
        source=ref,
    )
    return result


def _cmd_play(args: argparse.Namespace) -> int:
    seed = _check_seed(getattr(args, "seed", DEFAULT_SEED))  # bare `gigsim` has no options
    scenario, ref = resolve_scenario(args)
    try:
        from gigsim.tui.app import run_game  # lazy: Textual loads only for the game
    except ModuleNotFoundError as e:
        if e.name and (e.name == "gigsim.tui" or e.name.startswith("gigsim.tui.")):
            print(GAME_NOT_BUILT, file=sys.stderr)
            return ExitCode.INTERNAL
        raise
    result: int = run_game(scenario, seed=seed, source=ref)
    return result


def _cmd_batch(args: argparse.Namespace) -> int:
    from gigsim.experiments.command import batch_command  # lazy: engine and stats load here

    result: int = batch_command(args)
    return result


_COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "scenarios": _cmd_scenarios,
    "scenario": _cmd_scenario,
    "run": _cmd_run,
    "batch": _cmd_batch,
    "play": _cmd_play,
    None: _cmd_play,
}


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "play")  # `gigsim --seed 5` is `gigsim play --seed 5`
    real_stdout = sys.stdout
    try:
        args = build_parser().parse_args(argv)
        if args.command not in ("play", None):
            sys.stdout = _checked_stdout(real_stdout)
        code = int(_COMMANDS[args.command](args))
        sys.stdout.flush()
        return code
    except _UsageError as e:
        print(_one_line(str(e)), file=sys.stderr)
        return ExitCode.BAD_INPUT
    except BadInput as e:
        print(_one_line(e.line()), file=sys.stderr)
        return ExitCode.BAD_INPUT
    except _StdoutFailed as e:
        # A full disk, or a reader that went away (`gigsim scenario schema | head -c1`):
        # the files the command writes are complete; what it printed is not.
        if real_stdout is not None and real_stdout is sys.__stdout__:
            _silence_stdout()
        print(f"error: standard output: cannot write: {e.why}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if os.environ.get("GIGSIM_DEBUG") == "1":
            raise
        print(_one_line(f"internal error: {type(e).__name__}: {e}"), file=sys.stderr)
        return ExitCode.INTERNAL
    finally:
        sys.stdout = real_stdout


class _StdoutFailed(Exception):
    """Standard output could not be written (full disk, closed pipe): not an error of any file."""

    def __init__(self, e: OSError | None) -> None:
        self.why = (e.strerror or str(e)) if e is not None else "it is closed"
        super().__init__(self.why)


class _CheckedStdout:
    """Standard output whose write errors are told apart from those of the files written."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as e:
            raise _StdoutFailed(e) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as e:
            raise _StdoutFailed(e) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _checked_stdout(stream: Any) -> Any:
    if stream is None:  # started with standard output closed (`gigsim run default >&-`)
        raise _StdoutFailed(None)
    return _CheckedStdout(stream)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so that the final flush at exit cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass

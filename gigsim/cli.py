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
from gigsim.cli_args import (
    DEFAULT_SEED,
    add_batch,
    add_luck,
    add_no_tour,
    add_serve,
    add_set,
    files,
    help_formatter,
    int_arg,
    lang_in,
    localise_argparse,
)
from gigsim.cli_class import add_class, cmd_class
from gigsim.cli_lessons import (
    add_lesson_option,
    add_lessons,
    add_report,
    cmd_lessons,
    cmd_report,
    lesson_game,
    play_seed,
)
from gigsim.errors import BadInput, ExitCode
from gigsim.fileio import check_target, require_parquet
from gigsim.i18n import LanguageError, _, choose, language, set_language
from gigsim.model.scenario import Scenario
from gigsim.scenarios import (
    load_scenario,
    scenario_yaml,
    schema_json,
    shipped_scenarios,
)
from gigsim.text.wrap import WIDTH, wrap

MAX_MONTHS = 240
DEFAULT_SCENARIO = "default"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """ArgumentParser that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        see = _("(see `{command} --help`)").format(command=self.prog)
        raise _UsageError(f"error: {self.prog}: {message} {see}")


# --------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------


def _add_lang(p: argparse.ArgumentParser, top: bool = False) -> None:
    """``--lang``, on the top level and on each command (read before parsing: ``_lang_in``)."""
    p.add_argument(
        "--lang",
        metavar="LANG",
        default=None if top else argparse.SUPPRESS,
        help=_(
            "language of every text: ja or en (default: GIGSIM_LANG, else the locale "
            "such as LANG=ja_JP.UTF-8, else en; e.g. --lang ja)"
        ),
    )


def _add_seed(p: argparse.ArgumentParser, lesson: bool = False) -> None:
    helps = (
        _(
            "random seed, a whole number >= 0: the same seed gives the same run "
            "(default: {seed}, a lesson's own with --lesson; e.g. --seed 7)"
        )
        if lesson
        else _(
            "random seed, a whole number >= 0: the same seed gives the same run "
            "(default: {seed}; e.g. --seed 7)"
        )
    )
    p.add_argument(
        "--seed",
        type=int_arg,
        default=None if lesson else DEFAULT_SEED,
        help=helps.format(seed=DEFAULT_SEED),
    )


def scenario_help(default: str | None = None) -> str:
    """The help of a SCENARIO argument; with its ``default`` for one that may be left out."""
    if default is not None:
        return _(
            "a shipped scenario's name (see `gigsim scenarios`) or a YAML file "
            "(default: {name}; e.g. coconala, mine.yaml)"
        ).format(name=default)
    return _(
        "a shipped scenario's name (see `gigsim scenarios`) or a YAML file "
        "(e.g. coconala, mine.yaml)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the current language (``gigsim.i18n``)."""
    localise_argparse()
    parser = _Parser(
        prog="gigsim",
        description=_(
            "A simulation game of running a side gig on a skill marketplace. "
            "Without a command, starts the game on the default scenario "
            "(`gigsim --seed 5` is `gigsim play --seed 5`)."
        ),
        formatter_class=help_formatter(),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"gigsim {__version__}",
        help=_("print gigsim's version and exit"),
    )
    _add_lang(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))

    def command(name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(
            name, help=help, description=description or help, formatter_class=help_formatter()
        )
        _add_lang(p)
        return p

    command("scenarios", _("list the shipped scenarios"))
    _add_scenario(command("scenario", _("show, validate or describe scenario files")))
    _add_run(command("run", _("run a scenario headless and print monthly tables")))
    add_batch(command)
    add_luck(command)
    play = command("play", _("start the game (what `gigsim` alone does)"))
    play.add_argument(
        "scenario",
        metavar="SCENARIO",
        nargs="?",
        default=None,
        help=scenario_help(DEFAULT_SCENARIO),
    )
    _add_seed(play, lesson=True)
    add_set(play)
    add_lesson_option(play)
    add_no_tour(play)
    add_lesson_option(add_serve(command, scenario_help(DEFAULT_SCENARIO), _add_seed), student=False)
    add_lessons(command)
    add_report(command)
    add_class(command, _add_lang)
    completion = command(
        "completion",
        _("print a shell completion script (e.g. gigsim completion bash > ~/.gigsim-complete)"),
        _(
            "Print a script that completes gigsim's commands, options and files in bash or "
            "zsh. Load it from your shell's start-up file, e.g. in ~/.bashrc: "
            'eval "$(gigsim completion bash)"'
        ),
    )
    completion.add_argument(
        "shell", choices=("bash", "zsh"), help=_("the shell: bash or zsh (e.g. bash)")
    )
    files(parser)
    return parser


def _add_run(run: argparse.ArgumentParser) -> None:
    run.add_argument("scenario", metavar="SCENARIO", help=scenario_help())
    run.add_argument(
        "--months",
        type=int_arg,
        default=None,
        help=_(
            "months to simulate, 1-{most} (default: the scenario's own months; e.g. --months 6)"
        ).format(most=MAX_MONTHS),
    )
    _add_seed(run)
    add_set(run)
    run.add_argument(
        "--json",
        dest="json_path",
        metavar="FILE",
        help=_("write the results as one JSON object (default: none; e.g. --json out.json)"),
    )
    run.add_argument(
        "--events",
        dest="events_path",
        metavar="FILE",
        help=_("write the run's events as JSON Lines (default: none; e.g. --events out.jsonl)"),
    )
    run.add_argument(
        "--format",
        choices=("json", "parquet"),
        default="json",
        help=_(
            "format of the --events file: json (JSON Lines) or parquet (a table; needs "
            "gigsim[parquet]) (default: json; e.g. --format parquet)"
        ),
    )


def _add_scenario(sc: argparse.ArgumentParser) -> None:
    sc_sub = sc.add_subparsers(
        dest="scenario_command", metavar="ACTION", required=True, title=_("actions")
    )

    def action(name: str, help: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sc_sub.add_parser(
            name, help=help, description=help, formatter_class=help_formatter()
        )
        _add_lang(p)
        return p

    show = action("show", _("print a scenario's full YAML, defaults included"))
    show.add_argument("scenario", metavar="NAME", help=scenario_help())
    add_set(show)
    val = action("validate", _("check a scenario file and say what is wrong"))
    val.add_argument("scenario", metavar="FILE", help=scenario_help())
    add_set(val)
    action("schema", _("print the JSON Schema of scenario files"))


def resolve_scenario(args: argparse.Namespace) -> tuple[Scenario, str]:
    """The one place where a SCENARIO argument and its --set overrides become a Scenario."""
    ref = getattr(args, "scenario", None) or DEFAULT_SCENARIO
    return load_scenario(ref, getattr(args, "overrides", None) or ()), ref


def _check_seed(seed: int) -> int:
    if seed < 0:
        raise BadInput("--seed", None, _("must be a whole number >= 0 (got {n})").format(n=seed))
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
            raise BadInput(
                option,
                None,
                _("{path} is the scenario file being run: choose another").format(path=path),
            )


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def _cmd_scenarios(args: argparse.Namespace) -> int:
    items = shipped_scenarios()
    width = max(len(name) for name, _desc in items)
    indent = " " * (width + 2)
    for name, desc in items:
        lines = wrap(desc, width=WIDTH - len(indent)) if desc else [""]
        print(f"{name.ljust(width)}  {lines[0]}".rstrip())
        for line in lines[1:]:
            print(indent + line)
    return ExitCode.OK


def _cmd_scenario(args: argparse.Namespace) -> int:
    if args.scenario_command == "schema":
        sys.stdout.write(schema_json())
        return ExitCode.OK
    scenario, ref = resolve_scenario(args)
    if args.scenario_command == "show":
        sys.stdout.write(scenario_yaml(scenario))
    else:
        print(_("ok: {ref} (scenario {name})").format(ref=ref, name=scenario.name))
    return ExitCode.OK


def _cmd_run(args: argparse.Namespace) -> int:
    if args.months is not None and not 1 <= args.months <= MAX_MONTHS:
        raise BadInput(
            "--months",
            None,
            _("must be between {low} and {high} (got {n})").format(
                low=1, high=MAX_MONTHS, n=args.months
            ),
        )
    seed = _check_seed(args.seed)
    json_path = _check_output("--json", args.json_path)
    events_path = _check_output("--events", args.events_path)
    if json_path and events_path and json_path.resolve() == events_path.resolve():
        raise BadInput("--events", None, _("must not be the same file as --json"))
    _not_the_input(args.scenario, ("--json", json_path), ("--events", events_path))
    if args.format == "parquet":
        if events_path is None:
            raise BadInput(
                "--format", None, _("parquet is for the --events table: add --events FILE")
            )
        require_parquet()
    scenario, ref = resolve_scenario(args)
    months = args.months if args.months is not None else scenario.months

    from gigsim.headless import run_command  # lazy: the engine loads only for a run

    result: int = run_command(
        scenario,
        months=months,
        seed=seed,
        json_path=args.json_path,
        events_path=args.events_path,
        events_format=args.format,
        source=ref,
    )
    return result


def _cmd_play(args: argparse.Namespace) -> int:
    lesson = None
    chosen = lesson_game(args)  # `play --lesson N` or `--class PACK`: the lesson's scenario, seed
    if chosen is not None:
        scenario, seed, ref, lesson = chosen
    else:
        scenario, ref = resolve_scenario(args)
        seed = play_seed(args)  # bare `gigsim` has no options
    seed = _check_seed(seed)
    from gigsim.web.child import exit_with_server

    served = exit_with_server()  # a game that `gigsim serve` started ends with its server
    # the report to hand in (`e`): in the folder the game was started in, but a served game's
    # in its own saves folder (a room's games share the server's folder and their names)
    reports = None if served else Path.cwd()
    try:
        from gigsim.tui.app import run_game  # lazy: Textual loads only for the game
    except ModuleNotFoundError as e:
        if e.name and (e.name == "gigsim.tui" or e.name.startswith("gigsim.tui.")):
            print(_("the game is not built yet; try `gigsim run default`"), file=sys.stderr)
            return ExitCode.INTERNAL
        raise
    tour = not getattr(args, "no_tour", False)
    result: int = run_game(
        scenario,
        seed=seed,
        source=ref,
        lesson=lesson,
        reports=reports,
        luck=_luck_check,
        tour=tour,
    )
    return result


def _luck_check(data: dict[str, Any], seeds: int, progress: Any, cancelled: Any) -> Any:
    """The game's luck check on the batch runner (imported when first used, not at start-up)."""
    from gigsim.experiments.luck import game_luck_check

    return game_luck_check(data, seeds, progress, cancelled)


def _cmd_serve(args: argparse.Namespace) -> int:
    # an unknown scenario, lesson or pack, or a bad --set, stops here, not in each game
    chosen = lesson_game(args)
    pack = None
    if chosen is not None:
        _scenario, seed, _ref, lesson = chosen
        number = lesson if isinstance(lesson, int) else lesson.number
        if args.class_pack is not None:  # every game reads the very file: its path in full
            pack = str(Path(args.class_pack).resolve())
    else:
        resolve_scenario(args)
        seed, number = play_seed(args), None
    seed = _check_seed(seed)
    from gigsim.tui.session import save_dir
    from gigsim.web.server import ServeOptions, serve  # lazy: aiohttp loads only to serve

    options = ServeOptions(
        args.scenario or DEFAULT_SCENARIO,
        seed,
        tuple(args.overrides),
        language(),
        args.host,
        args.port,
        tour=not args.no_tour,
        lesson=number,
        pack=pack,
    )
    return serve(options, save_dir())


def _cmd_completion(args: argparse.Namespace) -> int:
    import shtab

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return ExitCode.OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from gigsim.experiments.command import batch_command  # lazy: engine and stats load here

    result: int = batch_command(args)
    return result


def _cmd_luck(args: argparse.Namespace) -> int:
    from gigsim.experiments.luck_command import luck_command  # lazy: the engine loads here

    result: int = luck_command(args)
    return result


_COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "scenarios": _cmd_scenarios,
    "scenario": _cmd_scenario,
    "run": _cmd_run,
    "batch": _cmd_batch,
    "luck": _cmd_luck,
    "play": _cmd_play,
    "serve": _cmd_serve,
    "lessons": cmd_lessons,
    "report": cmd_report,
    "class": cmd_class,
    "completion": _cmd_completion,
    None: _cmd_play,
}


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line in the chosen language (``gigsim.i18n.choose``); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    before = language()
    try:
        set_language(choose(lang_in(argv)))
    except LanguageError as e:
        known = ", ".join(e.known)
        print(f"error: {e.source}: unknown language {e.value!r} (known: {known})", file=sys.stderr)
        return ExitCode.BAD_INPUT
    try:
        return _main(_without_leading_lang(argv))
    finally:
        set_language(before)  # a caller in the same process (a test) keeps its language


def _without_leading_lang(argv: list[str]) -> list[str]:
    """``gigsim --lang ja run ...`` is ``gigsim run ...`` in Japanese (the language is set)."""
    while argv:
        if argv[0] == "--lang" and len(argv) >= 2:
            argv = argv[2:]
        elif argv[0].startswith("--lang="):
            argv = argv[1:]
        else:
            break
    return argv


def _main(argv: list[str]) -> int:
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "play")  # `gigsim --seed 5` is `gigsim play --seed 5`
    real_stdout = sys.stdout
    try:
        args = build_parser().parse_args(argv)
        if args.command not in ("play", "serve", None):
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
        print(
            "error: " + _("standard output: cannot write: {why}").format(why=e.why),
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
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

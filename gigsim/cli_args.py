"""Parts of the command line beside ``gigsim.cli``: the batch's options, argparse's own
texts in the current language, the help's look (rich-argparse) and shell completion.

Cheap to import, like ``gigsim.cli``: nothing here loads the engine or the game.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from collections.abc import Callable
from typing import Any

from gigsim.i18n import N_, _, ngettext

DEFAULT_SEED = 1
DEFAULT_REPS = 20
DEFAULT_MAX_REPS = 200
SAMPLES = {"lhs": 20, "morris": 10, "sobol": 64}
"""``--samples`` when not given, by method (the batch's own defaults, checked in the tests)."""

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("unexpected option string: %s"),
)
"""The texts argparse shows (Python 3.11's ``argparse._`` calls), so that they are translated."""


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n)


def localise_argparse() -> None:
    """Route argparse's own texts (``usage:``, ``options``, its errors) through gigsim's catalogue.

    argparse looks its texts up with the module-level ``_`` and ``ngettext`` it
    imported from ``gettext``; gigsim's catalogue holds them (``ARGPARSE_TEXTS``).
    """
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


def help_formatter() -> type[argparse.HelpFormatter]:
    """Coloured, readable help (rich-argparse); headings and texts as written.

    Rich renders into a buffer of its own, never onto standard output, so that
    building the parser cannot fail on a full disk or a closed pipe; colours
    only when standard output is a terminal.
    """
    from rich.cells import cell_len
    from rich.console import Console
    from rich.containers import Lines
    from rich.text import Text
    from rich_argparse import RichHelpFormatter

    from gigsim.text.wrap import line_ranges

    class Formatter(RichHelpFormatter):
        group_name_formatter = str
        help_markup = False  # "gigsim[dask]" is text, not a Rich style
        text_markup = False

        def __init__(self, prog: str, *args: Any, **kwargs: Any) -> None:
            tty = bool(getattr(sys.stdout, "isatty", lambda: False)())
            kwargs.setdefault(
                "console",
                Console(
                    file=io.StringIO(),
                    force_terminal=tty,
                    no_color=not tty,
                    width=shutil.get_terminal_size().columns,
                ),
            )
            super().__init__(prog, *args, **kwargs)

        def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any) -> str:
            """argparse measures the usage line in characters: 使い方 is six cells, not three.
            The line is laid out as many cells narrower, and its continuation lines indented
            as many cells further, so that it fits and lines up."""
            shown = _("usage: ") if prefix is None else prefix
            extra = cell_len(shown) - len(shown)
            self._width -= extra
            try:
                text = str(super()._format_usage(usage, actions, groups, prefix))
            finally:
                self._width += extra
            if not extra:
                return text
            first, *rest = text.split("\n")
            return "\n".join([first, *(" " * extra + line if line else line for line in rest)])

        def _rich_split_lines(self, text: Any, width: int) -> Any:
            """Japanese breaks between characters (``gigsim.text.wrap``), not only at spaces."""
            text = self._rich_whitespace_sub(text)
            if cell_len(text.plain) == len(text.plain):
                return super()._rich_split_lines(text, width)
            return Lines(text[a:b] for a, b in line_ranges(text.plain, width))

        def _rich_fill_text(self, text: Any, width: int, indent: Any) -> Any:
            if cell_len(text.plain) == len(text.plain):
                return super()._rich_fill_text(text, width, indent)
            lines = self._rich_split_lines(text, width)
            return Text("\n").join(indent + line for line in lines) + "\n\n"

    return Formatter


Command = Callable[..., argparse.ArgumentParser]


def add_batch(command: Command) -> None:
    """``gigsim batch`` and its options; ``command(name, help, description)`` adds a command."""
    b = command(
        "batch",
        _("what-if runs: replications, sweeps and paired comparisons"),
        _(
            "Run scenarios many times with common random numbers (replication r of every "
            "scenario and point has the same seed), over a design of parameter points, and "
            "print a summary; with --out, also write runs, tables, a manifest and report.html."
        ),
    )
    b.add_argument(
        "scenarios",
        metavar="SCENARIO",
        nargs="+",
        help=_(
            "one or more scenarios: shipped names or YAML files; each is compared with the "
            "first (e.g. coconala timeticket)"
        ),
    )
    _batch_runs(b)
    _batch_design(b)
    _batch_where(b)


def _batch_runs(b: argparse.ArgumentParser) -> None:
    b.add_argument(
        "--reps",
        default=str(DEFAULT_REPS),
        metavar="N|auto",
        help=_(
            "replications of each scenario and point, or auto: 10 more at a time until the "
            "95%% confidence half-width of total net income is within 5%% of its mean, at most "
            "--max-reps (default: {reps}; e.g. --reps auto)"
        ).format(reps=DEFAULT_REPS),
    )
    b.add_argument(
        "--max-reps",
        type=int_arg,
        default=DEFAULT_MAX_REPS,
        metavar="N",
        help=_("most replications --reps auto runs (default: {n}; e.g. --max-reps 100)").format(
            n=DEFAULT_MAX_REPS
        ),
    )
    b.add_argument(
        "--months",
        type=int_arg,
        default=None,
        help=_("months per run, 1-240 (default: the first scenario's own months; e.g. --months 6)"),
    )
    b.add_argument(
        "--seed",
        type=int_arg,
        default=DEFAULT_SEED,
        help=_(
            "base seed, a whole number >= 0; replication r's seed is derived from it and r "
            "(default: {seed}; e.g. --seed 7)"
        ).format(seed=DEFAULT_SEED),
    )
    add_set(b)
    b.add_argument(
        "--policy",
        metavar="NAME",
        help=_(
            "player policy for every run: default, active, passive, fixed, capacity, "
            "cheap-start or an installed one (default: each scenario's player.policy; "
            "e.g. --policy active)"
        ),
    )


def add_serve(
    command: Command, scenario_help: str, add_seed: Callable[..., None]
) -> argparse.ArgumentParser:
    """``gigsim serve`` and its options (``gigsim.web.server`` does the serving); the command
    line adds the lesson's and the class pack's."""
    s = command(
        "serve",
        _("serve the game to web browsers: each browser page gets its own game"),
        _(
            "Serve the game on a web address: every browser page that opens it gets a game "
            "of its own on this machine, all on the same scenario and seed, in the language "
            "of --lang, or a lesson or a class pack's lesson for a room. Saves stay on this "
            "machine. Ctrl+C stops the server and every game."
        ),
    )
    s.add_argument(
        "scenario",
        metavar="SCENARIO",
        nargs="?",
        default=None,
        help=scenario_help,
    )
    add_seed(s, lesson=True)
    add_set(s)
    s.add_argument(
        "--host",
        default="127.0.0.1",
        help=_(
            "address to serve on (default: 127.0.0.1, this machine only). Any other address "
            "exposes the game to the network: everyone who can reach it can start games here "
            "(e.g. --host 192.168.1.20, this machine's address in a classroom's network)"
        ),
    )
    s.add_argument(
        "--port",
        type=int_arg,
        default=8000,
        help=_("port to serve on, 1-65535 (default: 8000; e.g. --port 8080)"),
    )
    add_no_tour(s)
    return s


def add_no_tour(p: argparse.ArgumentParser) -> None:
    """``--no-tour``: the game starts without its first-time tour (``play`` and ``serve``)."""
    p.add_argument(
        "--no-tour",
        action="store_true",
        help=_(
            "start without the short tour a new game opens with (default: the tour is shown; "
            "e.g. --no-tour)"
        ),
    )


def add_set(p: argparse.ArgumentParser) -> None:
    """``--set KEY=VALUE``, as every command that reads a scenario takes it."""
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_(
            "override a scenario field, checked like the file; repeatable (default: none; "
            "e.g. --set player.listings.0.price=3000)"
        ),
    )


def _batch_design(b: argparse.ArgumentParser) -> None:
    b.add_argument(
        "--sweep",
        dest="sweeps",
        action="append",
        default=[],
        metavar="KEY=V1,V2",
        help=_(
            "values of a scenario field; repeatable: every combination is run, or each key "
            "alone with --method oat (default: none; e.g. --sweep player.listings.0.price="
            "3000,5000)"
        ),
    )
    b.add_argument(
        "--range",
        dest="ranges",
        action="append",
        default=[],
        metavar="KEY=LOW:HIGH",
        help=_(
            "range of a scenario field sampled by --method lhs, morris or sobol; repeatable "
            "(default: none; e.g. --range player.hours.weekday=0.5:3)"
        ),
    )
    b.add_argument(
        "--method",
        choices=("factorial", "oat", "lhs", "morris", "sobol"),
        help=_(
            "the design: factorial (every combination of --sweep values), oat (one --sweep "
            "key at a time, the others at the scenario's values), lhs (a Latin hypercube over "
            "--range), morris (elementary effects: which factors matter), sobol (first and "
            "total-order indices) (default: lhs with --range alone, else factorial; "
            "e.g. --method morris)"
        ),
    )
    b.add_argument(
        "--samples",
        type=int_arg,
        default=None,
        help=_(
            "for lhs: points of the hypercube (default {lhs}); for morris: trajectories, "
            "each of factors + 1 points (default {morris}); for sobol: base points, a power "
            "of two, each giving factors + 2 points (default {sobol}); e.g. --samples 32"
        ).format(**SAMPLES),
    )
    b.add_argument(
        "--design",
        metavar="FILE",
        help=_(
            "YAML file with a design section (method, samples, factors) instead of --sweep, "
            "--range, --method and --samples (default: none; e.g. --design design.yaml)"
        ),
    )


def _batch_where(b: argparse.ArgumentParser) -> None:
    b.add_argument(
        "--jobs",
        type=int_arg,
        default=None,
        help=_("worker processes or Dask workers (default: all cores; e.g. --jobs 2)"),
    )
    b.add_argument(
        "--out",
        metavar="DIR",
        help=_(
            "folder for runs.jsonl, the CSV tables, manifest.json and report.html "
            "(default: none, only the summary is printed; e.g. --out price)"
        ),
    )
    b.add_argument(
        "--resume",
        action="store_true",
        help=_("finish an interrupted --out with the same command (default: off)"),
    )
    b.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help=_(
            "where runs execute: local (processes on this machine) or dask (a Dask cluster, "
            "with gigsim[dask] installed) (default: local; e.g. --executor dask)"
        ),
    )
    b.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help=_(
            "Dask scheduler to connect to (default: a local Dask cluster of --jobs workers; "
            "e.g. --scheduler tcp://host:8786)"
        ),
    )
    b.add_argument(
        "--format",
        choices=("csv", "parquet"),
        default="csv",
        help=_(
            "tables in --out: csv, or parquet as well (needs gigsim[parquet]) "
            "(default: csv; e.g. --format parquet)"
        ),
    )


def int_arg(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("must be a whole number, not {text!r}").format(text=text)
        ) from None


_FILE = {"bash": "_shtab_compgen_files", "zsh": "_files"}
_DIR = {"bash": "_shtab_compgen_dirs", "zsh": "_files -/"}
"""How shtab completes a file or a folder (``shtab.FILE``, ``shtab.DIRECTORY``)."""


def files(parser: argparse.ArgumentParser) -> None:
    """Tell shell completion which arguments are files or folders, in every command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                files(sub)
        elif action.dest in (
            "scenario", "scenarios", "json_path", "events_path", "design", "save"
        ):  # fmt: skip
            action.complete = _FILE  # type: ignore[attr-defined]
        elif action.dest == "out":
            action.complete = _DIR  # type: ignore[attr-defined]


def lang_in(argv: list[str]) -> str | None:
    """The value of the last ``--lang`` in ``argv``, read before the parser is built."""
    value: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    return value


DEFAULT_LUCK_SEEDS = 100


def add_luck(command: Command) -> None:
    """``gigsim luck SAVE`` and its options; ``command(name, help, description)`` adds a command."""
    p = command(
        "luck",
        _("luck check: replay a saved game's strategy on other seeds"),
        _(
            "Replay the strategy of a saved game (your listing settings and hours at the moments "
            "you changed them, each kind of decision answered as you answered it most) on other "
            "seeds, over the months you played, and show where your result falls among them "
            "(percentile, a histogram, the median), beside shipped policies on the same seeds."
        ),
    )
    p.add_argument(
        "save",
        metavar="SAVE",
        help=_("a save file of the game (ctrl+s in the game, or an autosave; e.g. game.json)"),
    )
    p.add_argument(
        "--seeds",
        type=int_arg,
        default=DEFAULT_LUCK_SEEDS,
        metavar="N",
        help=_(
            "other seeds to replay the strategy on, 5-10000 (default: {n}; e.g. --seeds 30)"
        ).format(n=DEFAULT_LUCK_SEEDS),
    )
    p.add_argument(
        "--policy",
        dest="policies",
        action="append",
        default=None,
        metavar="NAME",
        help=_(
            "a shipped or installed policy to show beside your strategy; at most 2 "
            "(default: default and active; e.g. --policy cheap-start)"
        ),
    )
    p.add_argument(
        "--jobs",
        type=int_arg,
        default=None,
        metavar="N",
        help=_("worker processes (default: all cores; e.g. --jobs 2)"),
    )

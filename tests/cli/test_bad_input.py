"""Broken input through the real command line: exit 2, one line naming file and field.

Each case runs ``python -m gigsim`` in a subprocess, so this is what a user
sees: exactly one line on stderr, no traceback, exit code 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from gigsim.scenarios import load_scenario, scenario_yaml

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_YAML = scenario_yaml(load_scenario("default"))


def gigsim(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GIGSIM_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "gigsim", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def default_with(old: str, new: str) -> str:
    assert old in DEFAULT_YAML, old
    return DEFAULT_YAML.replace(old, new, 1)


def default_set(dotted: str, value: object) -> str:
    """The default scenario's YAML with one field changed."""
    data = yaml.safe_load(DEFAULT_YAML)
    *parents, last = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    node = data
    for part in parents:
        node = node[part]
    node[last] = value
    return yaml.safe_dump(data, sort_keys=False)


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


# name -> (file writer or None, command args with {f} for the file, words expected on the line)
Writer = Callable[[Path], None]


def text(content: str) -> Writer:
    return lambda p: p.write_text(content, encoding="utf-8")


def raw(content: bytes) -> Writer:
    return lambda p: p.write_bytes(content)


CASES: dict[str, tuple[Writer | None, list[str], list[str]]] = {
    "missing file": (None, ["scenario", "validate", "{f}"], ["{f}", "no such file"]),
    "directory": (lambda p: p.mkdir(), ["scenario", "validate", "{f}"], ["{f}", "directory"]),
    "empty file": (text(""), ["scenario", "validate", "{f}"], ["{f}", "empty"]),
    "only comments": (text("# nothing\n\n"), ["run", "{f}"], ["{f}", "empty"]),
    "not yaml": (
        text("name: [unclosed\nmonths: 3\n"),
        ["run", "{f}"],
        ["{f}", "not valid YAML", "line"],
    ),
    "yaml list": (text("- a\n- b\n"), ["scenario", "validate", "{f}"], ["{f}", "mapping", "list"]),
    "yaml scalar": (text("just words\n"), ["scenario", "validate", "{f}"], ["{f}", "mapping"]),
    "alias bomb": (
        text(_alias_bomb()),
        ["scenario", "validate", "{f}"],
        ["{f}", "anchors", "line 1"],
    ),
    "unknown key": (
        text(default_with("months: 12", "months: 12\nmonthz: 3")),
        ["scenario", "validate", "{f}"],
        ["{f}", "monthz", "unknown key"],
    ),
    "wrong type": (
        text(default_set("months", "twelve")),
        ["scenario", "validate", "{f}"],
        ["{f}", "months (line", "must be a whole number (got 'twelve')"],
    ),
    "negative price": (
        text(default_set("player.listings.0.price", -5000)),
        ["scenario", "validate", "{f}"],
        ["{f}", "player.listings.0.price (line", ">= 0"],
    ),
    "commission 100%": (
        text(default_set("platform.commission.rate", 1.0)),
        ["scenario", "validate", "{f}"],
        ["{f}", "platform.commission.rate (line", "< 1"],
    ),
    "commission with tax over 100%": (
        text(
            default_set("platform.commission.rate", 0.95).replace(
                "tax_on_fee: 0.0", "tax_on_fee: 0.1", 1
            )
        ),
        ["scenario", "validate", "{f}"],
        ["{f}", "platform.commission (line", "100%"],
    ),
    "cap 0": (
        text(default_set("player.listings.0.cap", 0)),
        ["scenario", "validate", "{f}"],
        ["{f}", "player.listings.0.cap (line", ">= 1"],
    ),
    "cap 21": (
        text(default_set("player.listings.0.cap", 21)),
        ["run", "{f}"],
        ["{f}", "player.listings.0.cap (line", "<= 20"],
    ),
    "binary file": (
        raw(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20),
        ["run", "{f}"],
        ["{f}", "binary"],
    ),
    "not utf-8": (raw("name: caf\u00e9\n".encode("latin-1")), ["run", "{f}"], ["{f}", "UTF-8"]),
    "too large": (text("#" * (1024 * 1024 + 10) + "\n"), ["run", "{f}"], ["{f}", "too large"]),
    "two documents": (
        text("months: 1\n---\nmonths: 2\n"),
        ["run", "{f}"],
        ["{f}", "more than one"],
    ),
    "python tag": (
        text("months: !!python/object:os.system x\n"),
        ["run", "{f}"],
        ["{f}", "not valid YAML"],
    ),
    "zero months": (None, ["run", "default", "--months", "0"], ["--months", "between 1 and 240"]),
    "months over 240": (None, ["run", "default", "--months", "241"], ["--months", "240"]),
    "months not a number": (
        None,
        ["run", "default", "--months", "x"],
        ["--months", "whole number"],
    ),
    "negative seed": (None, ["run", "default", "--seed", "-1"], ["--seed", ">= 0"]),
    "unknown shipped scenario": (
        None,
        ["run", "no-such-scenario"],
        ["no-such-scenario", "default"],
    ),
    "set on unknown key": (
        None,
        ["run", "default", "--set", "player.wings=2"],
        ["--set", "player.wings", "unknown key"],
    ),
    "set without =": (
        None,
        ["scenario", "show", "default", "--set", "months"],
        ["--set", "months", "="],
    ),
    "set bad value": (
        None,
        ["scenario", "show", "default", "--set", "player.listings.0.cap=0"],
        ["--set", "player.listings.0.cap", ">= 1"],
    ),
    "unknown command": (None, ["fly"], ["gigsim", "fly"]),
    "base cycle": (
        lambda p: (
            p.write_text("base: other.yaml\n", encoding="utf-8"),
            (p.parent / "other.yaml").write_text("base: broken.yaml\n", encoding="utf-8"),
        ),
        ["run", "{f}"],
        ["{f}", "other.yaml: base (line 1)", "inheritance cycle"],
    ),
    "base chain too deep": (
        lambda p: [
            (p.parent / f"b{i}.yaml" if i else p).write_text(
                f"base: b{i + 1}.yaml\n", encoding="utf-8"
            )
            for i in range(7)
        ],
        ["scenario", "validate", "{f}"],
        ["b5.yaml: base (line 1)", "more than 5 bases", "{f}"],
    ),
    "unknown base": (
        text("base: nowhere\nmonths: 3\n"),
        ["scenario", "show", "{f}"],
        ["{f}", "base (line 1)", "unknown base 'nowhere'", "default", "upwork"],
    ),
    "base wrong type": (
        text("months: 3\nbase: {name: default}\n"),
        ["run", "{f}"],
        ["{f}", "base (line 2)", "got a mapping"],
    ),
    "base file missing": (
        text("base: ../nowhere/gone.yaml\n"),
        ["run", "{f}"],
        ["{f}", "base (line 1)", "no such file"],
    ),
    "infinite buyers a day": (
        text(default_set("categories.0.buyers_per_day", float("inf"))),
        ["scenario", "validate", "{f}"],
        ["{f}", "categories.0.buyers_per_day (line", "finite"],
    ),
    "buyers a day beyond the bound": (
        None,
        ["run", "default", "--months", "1", "--set", "categories.0.buyers_per_day=1.0e+18"],
        ["--set", "categories.0.buyers_per_day", "<= 1000"],
    ),
    "infinite reply hours": (
        None,
        ["run", "default", "--months", "2", "--set", "player.reply_hours=.inf"],
        ["--set", "player.reply_hours", "finite"],
    ),
    "price coefficient 1e300": (
        None,
        ["run", "default", "--months", "2", "--set", "market.choice.price_coef=1e300"],
        ["--set", "market.choice.price_coef", "<= 20"],
    ),
    "nan in a list item": (
        None,
        ["scenario", "validate", "default", "--set", "market.weekday_factors.3=.nan"],
        ["--set", "market.weekday_factors.3", "finite"],
    ),
    "run too big for its months": (
        None,
        ["run", "default", "--months", "240", "--set", "categories.0.buyers_per_day=1000"],
        ["default: categories.0.buyers_per_day", "buyers over 240 months", "10,000,000"],
    ),
    "batch too big for its months": (
        None,
        [
            "batch",
            "default",
            "--reps",
            "1",
            "--months",
            "240",
            "--set",
            "categories.0.buyers_per_day=1000",
        ],
        ["default: categories.0.buyers_per_day", "buyers over 240 months"],
    ),
    "scenario too big for its own months": (
        text(default_set("months", 240)),
        ["scenario", "validate", "{f}", "--set", "competitors.entries_per_month=100"],
        ["--set", "competitors.entries_per_month", "computer sellers over 240 months"],
    ),
    "banned listing, validate": (
        text(default_set("player.listings.0.category", "home-cooked-food")),
        ["scenario", "validate", "{f}"],
        ["{f}", "player.listings.0.category (line", "refuses", "banned", "food safety"],
    ),
    "banned listing, run": (
        text(default_set("player.listings.0.category", "home-cooked-food")),
        ["run", "{f}", "--months", "1"],
        ["{f}", "player.listings.0.category (line", "Home-cooked food is banned"],
    ),
    "banned listing, play": (
        text(default_set("player.listings.0.category", "home-cooked-food")),
        ["play", "{f}"],
        ["{f}", "player.listings.0.category (line", "banned"],
    ),
    "banned listing, batch": (
        text(default_set("player.listings.0.category", "home-cooked-food")),
        ["batch", "{f}", "--reps", "1", "--months", "1"],
        ["{f}", "player.listings.0.category (line", "banned"],
    ),
    "listing without the licence": (
        None,
        ["run", "default", "--set", "player.listings.0.category=legal-advice"],
        ["--set", "player.listings.0.category", "needs the licence 'lawyer'"],
    ),
    "listing under the floor": (
        text(default_set("player.listings.0.price", 900)),
        ["scenario", "validate", "{f}"],
        ["{f}", "player.listings.0.price (line", "below the category's floor of 1000"],
    ),
    "a value that does not fit its tag": (
        text("base: default\nmonths: !!int twelve\n"),
        ["scenario", "validate", "{f}"],
        ["{f}", "months (line 2)", "'twelve' cannot be read as !!int"],
    ),
    "a truth value that does not fit its tag": (
        text("base: default\nmechanisms:\n  risks: !!bool maybe\n"),
        ["run", "{f}"],
        ["{f}", "mechanisms.risks (line 3)", "'maybe' cannot be read as !!bool"],
    ),
    "a tag that does not fit, in --set": (
        None,
        ["run", "default", "--set", "months=!!float x"],
        ["--set", "months", "'x' cannot be read as !!float"],
    ),
    "a control character": (
        text("base: default\nname: a\x07b\n"),
        ["scenario", "validate", "{f}"],
        ["{f}", "control character (U+0007) at line 2, column 8"],
    ),
    "a date that does not exist": (
        text("base: default\nstart_date: 2026-02-30\n"),
        ["scenario", "validate", "{f}"],
        ["{f}", "start_date", "'2026-02-30' is not a date", "line 2"],
    ),
    "a start date too late for the calendar": (
        None,
        ["run", "default", "--set", "start_date=9998-06-01", "--months", "24"],
        ["--set", "start_date", "must be <= 2200-12-31 (got 9998-06-01)"],
    ),
    "a start date too late, batch": (
        text("base: default\nstart_date: 9998-06-01\n"),
        ["batch", "{f}", "--reps", "1", "--months", "24"],
        ["{f}", "start_date (line 2)", "2200-12-31"],
    ),
    "results over the scenario file": (
        text("base: default\n"),
        ["run", "{f}", "--months", "1", "--json", "{f}"],
        ["--json", "is the scenario file being run"],
    ),
    "events over the scenario file": (
        text("base: default\n"),
        ["run", "{f}", "--months", "1", "--events", "{f}"],
        ["--events", "is the scenario file being run"],
    ),
    "value inherited that no longer fits": (
        text("base: default\ncategories:\n  - {id: x, name: X}\n"),
        ["run", "{f}"],
        ["{f}", "player.listings.0.category (inherited from default.yaml, line", "unknown"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_one_line_and_exit_2(case: str, tmp_path: Path) -> None:
    write, args, words = CASES[case]
    f = tmp_path / "broken.yaml"
    if write is not None:
        write(f)
    result = gigsim(*[a.replace("{f}", str(f)) for a in args], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for word in words:
        assert word.replace("{f}", str(f)) in lines[0], lines[0]
    assert result.stdout == ""


def test_failed_run_leaves_existing_output_untouched(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(default_set("player.listings.0.cap", 0), encoding="utf-8")
    out = tmp_path / "out.json"
    events = tmp_path / "events.jsonl"
    out.write_text('{"keep": true}\n', encoding="utf-8")
    events.write_text('{"keep": 1}\n', encoding="utf-8")
    before = (out.stat().st_mtime_ns, events.stat().st_mtime_ns)
    result = gigsim("run", str(broken), "--json", str(out), "--events", str(events), cwd=tmp_path)
    assert result.returncode == 2
    assert out.read_text(encoding="utf-8") == '{"keep": true}\n'
    assert events.read_text(encoding="utf-8") == '{"keep": 1}\n'
    assert (out.stat().st_mtime_ns, events.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "events.jsonl", "out.json"]


def test_validate_ok_and_show_round_trip(tmp_path: Path) -> None:
    shown = gigsim("scenario", "show", "default", "--set", "months=6", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    f = tmp_path / "mine.yaml"
    f.write_text(shown.stdout, encoding="utf-8")
    ok = gigsim("scenario", "validate", str(f), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == f"ok: {f} (scenario default)"
    assert load_scenario(str(f)) == load_scenario("default", ["months=6"])


def test_show_of_a_based_file_is_merged_and_loads_back(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("base: fiverr\nplayer:\n  reply_hours: 2.0\n", encoding="utf-8")
    shown = gigsim("scenario", "show", str(mine), "--set", "months=6", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    data = yaml.safe_load(shown.stdout)
    assert "base" not in data
    assert (data["name"], data["currency"], data["months"]) == ("mine", "USD", 6)
    f = tmp_path / "shown.yaml"
    f.write_text(shown.stdout, encoding="utf-8")
    assert load_scenario(str(f)) == load_scenario(str(mine), ["months=6"])


def test_scenarios_lists_one_line_each(tmp_path: Path) -> None:
    result = gigsim("scenarios", cwd=tmp_path)
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names[0] == "default"
    assert {"textbook-queue", "fiverr", "upwork", "requ"} <= set(names)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--seed", "abc"], "gigsim play: argument --seed: must be a whole number, not 'abc'"),
        (["--set", "nope.key=1"], "nope.key: unknown key 'nope'"),
        (["--sed", "3"], "unrecognized arguments: --sed"),
    ],
)
def test_options_without_a_command_are_the_games(
    args: list[str], says: str, tmp_path: Path
) -> None:
    """`gigsim --seed 5` means `gigsim play --seed 5`; its mistakes are refused before the game starts."""
    result = gigsim(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

"""Translations: every text marked, the Japanese catalogue complete, the language chosen.

The messages are extracted afresh from the source (as ``pybabel extract`` does
with pyproject's ``[tool.babel]``), so that a string marked but not yet in the
catalogue fails here, not on a Japanese user's screen. A pseudo-locale ``xx``
wraps each literal part of every extracted message in ⟦…⟧ (its placeholders
between the marks); the command line run under it must show no English word
outside those marks: an English word left means a text that was never marked
for translation, or English put into a placeholder (a library's own message).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import string
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from gigsim import i18n
from gigsim.cli import main
from gigsim.scenarios import shipped_scenarios

ROOT = Path(__file__).resolve().parents[1]
JA_PO = ROOT / "gigsim" / "locale" / "ja" / "LC_MESSAGES" / "gigsim.po"


def extract() -> Catalog:
    """Every message marked in gigsim's source and the shipped scenarios' texts, as
    ``pybabel extract`` finds them with pyproject's ``[tool.babel]`` mappings."""
    import tomllib

    babel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["babel"]
    method_map = [(m["pattern"], m["method"]) for m in babel["mappings"]]
    keywords = {**DEFAULT_KEYWORDS, **dict.fromkeys(babel["extract_messages"]["keywords"].split())}
    catalog = Catalog(project="gigsim")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT / "gigsim", method_map=method_map, keywords=keywords
    ):
        catalog.add(message, None, [(filename, lineno)])
    return catalog


@pytest.fixture(scope="session")
def messages() -> Catalog:
    return extract()


def _placeholders(text: str) -> set[str]:
    brace = {f[1] for f in string.Formatter().parse(text.replace("%%", "")) if f[1] is not None}
    percent = set(re.findall(r"%(?:\(\w+\))?[srd]", text))
    return brace | percent


def test_japanese_catalogue_is_complete(messages: Catalog) -> None:
    """Every marked message has a Japanese translation, none fuzzy, with the same placeholders."""
    ja = read_po(JA_PO.open("rb"))
    problems = []
    for m in messages:
        if not m.id:
            continue
        t = ja.get(m.id)
        if t is None:
            problems.append(f"not in ja.po: {m.id!r} ({m.locations[0][0]})")
            continue
        forms = [t.string] if isinstance(t.string, str) else list(t.string)
        if not all(forms):
            problems.append(f"untranslated: {m.id!r}")
        elif t.fuzzy:
            problems.append(f"fuzzy: {m.id!r}")
        else:
            ids = [m.id] if isinstance(m.id, str) else list(m.id)
            want = set().union(*(_placeholders(i) for i in ids))
            for form in forms:
                if _placeholders(form) - want or (len(ids) == 1 and _placeholders(form) != want):
                    problems.append(f"placeholders differ: {m.id!r} -> {form!r}")
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} problems)"


JA_COUNTERS = "回|件|個|点|行|列|日|時間|週間|か月|人|つ|段|バイト|文字|番目|円"


def test_japanese_follows_the_glossary_style() -> None:
    """The rules docs/glossary.md settles, over every Japanese entry: a number and its counter
    or unit without a space (5件, 3日, 10時間); half-width parentheses, a space before the
    opening one after text; comparisons in words (0 以上, 1 未満, not >= 0); dollars as $3.00;
    the effective hourly wage as 実質時給; 税込 for incl. tax."""
    from gigsim.lessons import lessons

    ja = read_po(JA_PO.open("rb"))
    texts = [t for m in ja if m.id for t in ([m.string] if isinstance(m.string, str) else m.string)]
    # the lessons' cards, shipped in Japanese beside the catalogue, follow the same rules
    texts += [str(v) for x in lessons() for v in x.card_texts["ja"].model_dump().values()]
    problems = []
    for text in texts:
        if True:
            text = re.sub(r"`[^`]*`|%\([^)]*\)[srd]|\$\([^)]*\)", "", text)  # commands as typed
            rules = {
                "counter apart": rf"(?:\d|\{{(?:n|days|hours|months|most|i)\b[^}}]*\}}) (?:{JA_COUNTERS})",
                "full-width parenthesis": r"[（）]",
                "no space before (": r"[\u3040-\u30ff\u4e00-\u9fff\w.%)\]}}](?<!\d\.)\(",
                "comparison sign": r"[<>]=? ?\d|\d ?[<>]=?",
                "dollars in words": r"\d ?ドル",
                "old wording": r"時給 \(実質\)|消費税込み",
            }
            problems += [
                f"{name}: {text!r}" for name, rule in rules.items() if re.search(rule, text)
            ]
    assert problems == [], "\n".join(problems)


def test_no_translation_inside_an_f_string() -> None:
    """``f"{_('x')}"`` works but is never extracted (the f-string is one token): mark outside."""
    import tokenize

    found = []
    for path in sorted((ROOT / "gigsim").rglob("*.py")):
        with path.open("rb") as f:
            for tok in tokenize.tokenize(f.readline):
                prefix = re.match(r"[A-Za-z]*", tok.string).group(0).lower()  # type: ignore[union-attr]
                inside = re.search(r"\{[^}]*\b(_|ngettext|lazy|N_)\(", tok.string)
                if tok.type == tokenize.STRING and "f" in prefix and inside:
                    found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert found == []


def test_each_message_is_in_the_catalogue_once() -> None:
    """A message twice (two branches that each added it, merged) keeps only one of its
    translations when read: which one shows is then an accident."""
    text = JA_PO.read_text(encoding="utf-8")
    ids = re.findall(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)', text, re.M)
    assert [i for i in set(ids) if ids.count(i) > 1] == []


def test_catalogue_holds_every_plural_form() -> None:
    ja = read_po(JA_PO.open("rb"))
    assert ja.num_plurals == 1  # Japanese has one form: no "1 orders" to get wrong


# --------------------------------------------------------------------------
# The pseudo-locale
# --------------------------------------------------------------------------


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[srd]|%%|\{\{|\}\}")


def pseudo(text: str) -> str:
    """A message's literal parts each in ⟦…⟧, its placeholders between them: a value put in
    a placeholder must be marked itself (another message) or a name, never English text."""
    out, at = "", 0
    for m in _PLACEHOLDER.finditer(text):
        if m.group() in ("%%", "{{", "}}"):  # an escaped sign is text
            continue
        if text[at : m.start()]:
            out += f"⟦{text[at : m.start()]}⟧"
        out += m.group()
        at = m.end()
    return out + (f"⟦{text[at:]}⟧" if text[at:] else "")


@pytest.fixture(scope="session")
def pseudo_dir(messages: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue ``xx`` that wraps every message's literal parts in ⟦…⟧."""
    catalog = Catalog(locale="en", project="gigsim")  # English plural rules
    for m in messages:
        if not m.id:
            continue
        if isinstance(m.id, str):
            catalog.add(m.id, pseudo(m.id))
        else:
            catalog.add(m.id, tuple(pseudo(i) for i in m.id))
    root = tmp_path_factory.mktemp("locale")
    (root / "xx" / "LC_MESSAGES").mkdir(parents=True)
    out = io.BytesIO()
    write_mo(out, catalog)
    (root / "xx" / "LC_MESSAGES" / "gigsim.mo").write_bytes(out.getvalue())
    return root


ALLOWED = {
    "gigsim",
    "error",  # the line's prefix is an interface: `error: <file>: <field>: <problem>`
    "warning",  # as is a warning's: `warning: skipped <file>: <why>`
    "ok",
    "ja",
    "en",
    "auto",
    "factorial",
    "oat",
    "lhs",
    "morris",
    "sobol",
    "local",
    "dask",
    "default",
    "active",
    "passive",
    "fixed",
    "capacity",
    "cheap-start",
    "h",
    "d",
    "scenarios",
    "scenario",
    "show",
    "validate",
    "schema",
    "run",
    "batch",
    "play",
    "serve",
    "lessons",
    "report",
    "md",
    "csv",
    "json",
    "class",
    "new",
    "collect",
    "completion",
    "bash",
    "zsh",
    "luck",
}
"""Words that are names, not English: commands, options' values, policies, methods, units."""

_NOT_WORDS = [
    r"⟦[^⟦⟧]*⟧",  # a marked message (innermost first, until none is left)
    r"(?<![\w-])--?[A-Za-z][\w-]*",  # options
    r"\b[A-Z][A-Z0-9_|=,.:]*\b",  # metavars: SCENARIO, KEY=VALUE, N|auto
    r"\{[^{}]*\}",  # argparse's list of choices
    r"\b[\w-]+(?:\.[\w-]+)+",  # dotted keys and file names: player.hours.weekday, out.json
    r"\b\w+://\S+",  # addresses
    r"`[^`]*`",  # commands quoted in a message
    r"\[[\w.-]+=[^\]]*\]",  # a design point's values: default [weekday=0.5]
    r"'[^']*'",  # values quoted in a message (a file's own key, a user's value)
]


def unmarked_words(text: str, names: set[str]) -> list[str]:
    """English words left outside the pseudo-locale's marks, names and interfaces aside."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(_NOT_WORDS[0], " ", text)
    for pattern in _NOT_WORDS[1:]:
        text = re.sub(pattern, " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    return [w for w in words if len(w) > 1 and w.lower() not in ALLOWED | names]


@pytest.fixture
def under_pseudo(pseudo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.EXTRA_DIR_ENV, str(pseudo_dir))
    for name in (i18n.LANG_ENV, *i18n.LOCALE_ENVS):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


def _names() -> set[str]:
    names = {name for name, _ in shipped_scenarios()} | {"mine", "yaml"}
    return names | {w for n in names for w in re.findall(r"[A-Za-z][A-Za-z'-]*", n)}


HELP = [
    [],
    ["scenarios"],
    ["scenario"],
    ["scenario", "show"],
    ["scenario", "validate"],
    ["scenario", "schema"],
    ["run"],
    ["batch"],
    ["play"],
    ["serve"],
    ["lessons"],
    ["report"],
    ["class"],
    ["class", "new"],
    ["class", "validate"],
    ["class", "collect"],
    ["completion"],
    ["luck"],
]


@pytest.mark.parametrize("command", HELP, ids=lambda c: " ".join(c) or "gigsim")
def test_help_is_all_marked(
    command: list[str], under_pseudo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "xx", *command, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "⟦" in out
    assert unmarked_words(out, _names()) == [], out


def test_run_tables_are_all_marked(under_pseudo: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "xx", "run", "default", "--months", "3"]) == 0
    out = capsys.readouterr().out
    assert "⟦" in out
    assert unmarked_words(out, _names()) == [], out


def test_scenario_list_is_all_marked(
    under_pseudo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`gigsim scenarios` shows each shipped scenario's description from the catalogue."""
    assert main(["--lang", "xx", "scenarios"]) == 0
    out = capsys.readouterr().out
    assert out.count("⟦") == len(shipped_scenarios())
    assert unmarked_words(out, _names()) == [], out


def test_scenario_show_comments_are_all_marked(
    under_pseudo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`gigsim scenario show` writes the file's fields as they are (an interface), and its
    comments for the reader."""
    assert main(["--lang", "xx", "scenario", "show", "default"]) == 0
    comments = [line for line in capsys.readouterr().out.splitlines() if line.startswith("#")]
    assert len(comments) == 2 and all("⟦" in line for line in comments)
    assert unmarked_words("\n".join(comments), _names()) == [], comments


BAD_FILES = {
    "below.yaml": "base: default\nname: x\nplayer:\n  hours: {weekday: -3}\n",
    "category.yaml": (
        "base: default\nname: x\nplayer:\n  listings:\n"
        '    - {category: nope, title: "t", price: 3000, cap: 2}\n'
    ),
    "typo.yaml": "base: default\nnmae: x\n",
    "type.yaml": "base: default\nname: x\nmonths: many\n",
    "missing.yaml": None,
    # YAML that does not parse: each problem named in the catalogue, not in PyYAML's words
    "list.yaml": "base: default\nname: [x\n",
    "mapping.yaml": "base: default\nname: {a: 1, b\n",
    "quote.yaml": 'base: default\nname: "x\n',
    "tab.yaml": "base: default\nname:\n\t- 1\n",
    "char.yaml": "base: default\nname: @x\n",
    "colon.yaml": "base: default\nname: x\n  months: 3\n",
    "indent.yaml": "base: default\nplayer:\n  - 1\n name: 2\n",
    "dash.yaml": "- a\nname: 1\n",
    "unhashable.yaml": "? [a]\n: 1\n",
    "tag.yaml": "base: default\nname: !!python/object 1\n",
    "typed.yaml": "base: default\nmonths: !!int many\n",
    "date.yaml": "base: default\nstart_date: 2026-02-30\n",
    "escape.yaml": 'base: default\nname: "\\q"\n',
    "documents.yaml": "base: default\n---\nname: x\n",
    "duplicate.yaml": "base: default\nname: x\nname: y\n",
    "directive.yaml": "%YAML 1.1\n%YAML 1.1\n---\nname: x\n",
    "control.yaml": "base: default\nname: \x07\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_validate_errors_are_all_marked(
    name: str, under_pseudo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    if BAD_FILES[name] is not None:
        path.write_text(BAD_FILES[name], encoding="utf-8")
    assert main(["--lang", "xx", "scenario", "validate", str(path)]) == 2
    err = capsys.readouterr().err.replace(str(path), "FILE")
    assert err.startswith("error: FILE: ") and "⟦" in err
    problem = re.sub(r"^error: FILE: [\w.-]+ ", "", err)  # the field's name is the file's key
    names = _names() | {"nmae", "nope", "many", "python", "object", "int", "day", "month"}
    assert unmarked_words(problem, names) == [], err


BAD_OPTIONS = {
    "unknown key": ["run", "default", "--set", "foo.bar=1"],
    "set format": ["run", "default", "--set", "player.hours.weekday"],
    "list index": ["run", "default", "--set", "categories.x.id=a"],
    "months": ["run", "default", "--months", "0"],
    "whole number": ["run", "default", "--months", "many"],
    "unknown option": ["run", "default", "--monhts", "3"],
    "choice": ["batch", "default", "--method", "guess"],
    "reps": ["batch", "default", "--reps", "lots"],
    "range": ["batch", "default", "--method", "lhs"],
    "sweep twice": ["batch", "default", "--sweep", "player.hours.weekday=1,1"],
    "executor": ["batch", "default", "--scheduler", "tcp://x:1"],
    "policy": ["batch", "default", "--policy", "greedy"],
    "missing": ["scenario", "validate"],
}


@pytest.mark.parametrize("case", sorted(BAD_OPTIONS))
def test_option_errors_are_all_marked(
    case: str, under_pseudo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "xx", *BAD_OPTIONS[case]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "⟦" in err and err.count("\n") == 1
    problem = re.sub(r"^error: [^:]+: (?:[\w.-]+: )?", "", err)  # the option and the key
    assert unmarked_words(problem, _names() | {"foo", "greedy", "categories"}) == [], err


def _html_text(html: str) -> str:
    """The words a reader sees in report.html: no style sheet, tags or entities."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]*>", " ", html)
    return re.sub(r"&\w+;|&#\d+;", " ", html)


def test_batch_summary_and_report_are_all_marked(
    under_pseudo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = ["--lang", "xx", "batch", "default", "coconala", "--months", "1", "--reps", "2"]
    argv += ["--jobs", "1", "--method", "oat", "--sweep", "player.hours.weekday=0.5,2"]
    assert main([*argv, "--out", str(out)]) == 0
    printed = capsys.readouterr().out.replace(str(out), "DIR")
    assert "⟦" in printed
    assert unmarked_words(printed, _names()) == [], printed
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<html lang='xx'>" in html
    assert unmarked_words(_html_text(html), _names()) == [], _html_text(html)


def _luck_summaries() -> list[Any]:
    """Luck checks that take every branch of the report: ties, answers that differ, a kind
    answered after a delay, one left to its deadline, policies ahead and behind."""
    from gigsim.text.luck import LuckSummary, Result, Side, Way

    yours = Result(45200, 812.5, 4.8)
    sides = (
        Side("", Result(41000, 790.0, None), 30100, 12000, 80000, 820.0, 4.75),
        Side("default", Result(58110, 700.0, 5.0), 8970, 0, 42744, 532.0, 5.0, 0.2),
    )
    ways = (
        Way("quote_request", "quote your listed price", 9, 10, 0.0),
        Way("public_request", None, 18, 18, 0.0),
        Way("revision_request", "do the revision (more hours on this order)", 3, 4, 6.0),
    )
    base = LuckSummary(
        "Hana", "default", 3, 6, "2026-01", "2026-06", "JPY", yours, sides,
        (1000, 45200, 60000, 2000, 30000), 2, 1, 50.0, (5, 2, 1, 1), ways, 2,
    )  # fmt: skip
    again = Side("", yours, 30100, 12000, 80000, 820.0, 4.75)
    lucky = replace(base, sides=(again, sides[1]), equal=0, percentile=95.0, differing=0)
    other = replace(lucky, sides=(replace(again, own_seed=sides[0].own_seed), sides[1]))
    return [base, lucky, replace(other, percentile=5.0, ways=())]


def test_the_luck_report_is_all_marked(under_pseudo: None) -> None:
    from gigsim.text.luck import NOTHING_YET, luck_lines

    before = i18n.language()
    i18n.set_language("xx")
    try:
        for summary in _luck_summaries():
            text = "\n".join(luck_lines(summary))
            assert "⟦" in text
            assert unmarked_words(text, _names() | {"hana"}) == [], text
        assert str(NOTHING_YET).startswith("⟦")
    finally:
        i18n.set_language(before)


def test_sobol_warnings_are_marked_and_the_csv_stays_english(
    under_pseudo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sobol"
    argv = ["--lang", "xx", "batch", "textbook-queue", "--months", "1", "--reps", "2"]
    argv += ["--jobs", "1", "--method", "sobol", "--samples", "4"]
    argv += ["--range", "categories.0.buyers_per_day=2:6", "--out", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out.replace(str(out), "DIR")
    assert "⟦only ⟧4⟦ base points" in printed
    assert unmarked_words(printed, _names()) == [], printed
    html = _html_text((out / "report.html").read_text(encoding="utf-8"))
    assert "⟦only ⟧4⟦ base points" in html and unmarked_words(html, _names()) == [], html
    csv_text = (out / "sensitivity.csv").read_text(encoding="utf-8")
    assert "only 4 base points (fewer than 64)" in csv_text and "⟦" not in csv_text


def test_an_unmarked_string_is_caught() -> None:
    """The check itself: an English word outside the marks is reported, names are not."""
    text = "⟦Money (⟦x⟧)⟧ total --months N coconala [weekday=2] n"
    assert unmarked_words(text, {"coconala"}) == ["total"]


# --------------------------------------------------------------------------
# The shipped scenarios' texts
# --------------------------------------------------------------------------


def test_every_text_of_the_shipped_scenarios_is_extracted(messages: Catalog) -> None:
    """Descriptions, names, ban reasons, licences, titles and options of every shipped file."""
    import yaml

    from gigsim.scenarios.texts import TEXT_PATHS

    found = []
    for path in sorted((ROOT / "gigsim" / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field in TEXT_PATHS:
            found += [v for v in _values(data, field.split(".")) if isinstance(v, str) and v]
    assert "Home-cooked food" in found and "Illustration & design" in found
    assert len(found) > 40
    assert [t for t in found if t not in messages] == []


def _values(node: object, parts: list[str]) -> list[object]:
    if not parts:
        return [node]
    head, rest = parts[0], parts[1:]
    if head == "*":
        return [v for item in node if isinstance(node, list) for v in _values(item, rest)]
    if isinstance(node, dict) and head in node:
        return _values(node[head], rest)
    return []


def test_a_scenario_text_in_japanese_and_a_users_own_as_written() -> None:
    from gigsim.scenarios.texts import is_text, text

    before = i18n.language()
    try:
        i18n.set_language("ja")
        assert text("Home-cooked food") == "手料理"
        assert text("Coconala") == "ココナラ"
        assert text("My own category") == "My own category"
        assert text(None) == ""
    finally:
        i18n.set_language(before)
    assert is_text("categories.3.ban_reason") and is_text("player.listings.0.options.1.name")
    assert not is_text("categories.3.id") and not is_text("player.listings.0.price")


# --------------------------------------------------------------------------
# 80 columns in Japanese
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["scenarios"],
        ["run", "default", "--months", "3"],
        ["run", "fiverr", "--months", "14"],
        ["--help"],
        ["run", "--help"],
        ["batch", "--help"],
        ["play", "--help"],
        ["scenario", "show", "--help"],
        ["completion", "--help"],
    ],
    ids=" ".join,
)
def test_japanese_fits_80_columns(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    with contextlib.suppress(SystemExit):
        main(["--lang", "ja", *argv])
    out = capsys.readouterr().out
    assert any(cell_len(c) == 2 for c in out)
    wide = [line for line in out.splitlines() if cell_len(line) > 80]
    assert wide == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_batch_says_where_it_wrote_within_80_columns(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The line naming the files a batch wrote folds at the terminal's width (129 cells in
    Japanese, which has no spaces for the terminal to break at); the folder stays whole."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    out = tmp_path / "out"
    argv = ["--lang", lang, "batch", "textbook-queue", "--months", "1", "--reps", "2"]
    assert main([*argv, "--jobs", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    wrote = printed[next(i for i, line in enumerate(printed) if line.startswith("└")) + 1 :]
    assert len(wrote) >= 2 and all(cell_len(line) <= 80 for line in wrote), wrote
    assert any(str(out) in line for line in wrote) and "manifest.json" in "".join(wrote)


def test_wrap_keeps_numbers_whole_and_marks_off_the_line_start() -> None:
    from rich.cells import cell_len

    from gigsim.text.wrap import wrap

    lines = wrap("振込手数料 165円、振込申請から 2 日以内に振込。" * 4, width=30)
    assert all(len(line) and line[0] not in "、。円" for line in lines)
    assert not any(line.endswith("16") or line.startswith("5円") for line in lines)
    assert all(cell_len(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == "振込手数料165円、振込申請から2日以内に振込。" * 4


KINSOKU_START = "、。)]」』】）ー・！？ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々"
"""Characters a Japanese line never starts with (kinsoku): closing marks, small kana, ー."""


@pytest.mark.parametrize("width", range(14, 41))  # wider than its longest word
def test_wrap_follows_japanese_line_breaking(width: int) -> None:
    """At every width: no line starts with a closing mark, a small kana or ー, none ends with
    an opening mark, and a number stays with its counter (1人, 5,000円, 3日)."""
    from gigsim.text.wrap import wrap

    text = "YAML ファイル(例: mine.yaml)、ショッピングのチャット「ユーザー」。購入者1人、5,000円で3日、48時間、3か月。"
    for line in wrap(text * 2, width=width):
        assert line and line[0] not in KINSOKU_START and line[-1] not in "(「（", line
    lines = wrap(text * 2, width=width)
    for a, b in itertools.pairwise(lines):
        assert not (a[-1].isdigit() and b[0] in "人円日時か"), (a, b)
        assert not (a[-2:-1].isdigit() and a[-1] + b[0] in ("時間", "か月")), (a, b)


def test_help_breaks_japanese_lines_by_kinsoku(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command's help at 80 columns: no line starts with a mark that never starts one
    (the SCENARIO help broke 'YAML フ' / 'ァイル')."""
    monkeypatch.setenv("COLUMNS", "80")
    starts = []
    for command in HELP:
        with contextlib.suppress(SystemExit):
            main(["--lang", "ja", *command, "--help"])
        lines = capsys.readouterr().out.splitlines()
        starts += [ln for ln in lines if ln.strip() and ln.strip()[0] in KINSOKU_START]
    assert starts == [], starts


# --------------------------------------------------------------------------
# Choosing the language
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "want"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # no French catalogue: English, no error
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:ja", "LANG": "en_US.UTF-8"}, "ja"),
        ({"GIGSIM_LANG": "en", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"GIGSIM_LANG": "ja"}, "ja"),
        ({}, "en"),
    ],
)
def test_language_from_the_environment(env: dict[str, str], want: str) -> None:
    assert i18n.choose(None, env) == want


def test_option_beats_the_environment() -> None:
    assert i18n.choose("en", {"GIGSIM_LANG": "ja", "LANG": "ja_JP.UTF-8"}) == "en"
    assert i18n.choose("ja", {"LANG": "C"}) == "ja"


@pytest.mark.parametrize(
    ("argv", "env", "source"),
    [
        (["--lang", "fr", "scenarios"], {}, "--lang"),
        (["scenarios", "--lang=klingon"], {}, "--lang"),
        (["scenarios"], {"GIGSIM_LANG": "de"}, "GIGSIM_LANG"),
    ],
)
def test_an_unknown_language_is_one_line_and_exit_2(
    argv: list[str],
    env: dict[str, str],
    source: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {source}: unknown language")
    assert "(known: en, ja)" in lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "ja", "run", "--help"],
        ["run", "--lang", "ja", "--help"],
        ["run", "--lang=ja", "--help"],
    ],
)
def test_lang_on_every_command(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert "シミュレーションする月数" in out and "使い方" in out


def test_japanese_run_tables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", i18n.LANG_ENV):
        monkeypatch.delenv(name, raising=False)
    assert main(["run", "default", "--months", "3"]) == 0
    out = capsys.readouterr().out
    assert "お金 (default、シード 1)" in out
    assert "12か月中3か月" in out and "9,750円" in out and "¥" not in out
    assert "2026年1月" in out and "2026年3月" in out and "2026-0" not in out  # months as written
    assert i18n.language() == "en"  # main() leaves the caller's language as it was


def test_the_json_is_the_same_in_every_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON keys and values are an interface: `--lang ja` writes the same file byte for byte."""
    files = []
    for lang in ("en", "ja"):
        path = tmp_path / f"{lang}.json"
        assert main(["--lang", lang, "run", "default", "--months", "2", "--json", str(path)]) == 0
        files.append(path.read_bytes())
    capsys.readouterr()
    assert files[0] == files[1] and b"The run covers 2 months" in files[0]


def test_batch_files_are_the_same_in_every_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CSV, JSON Lines and the manifest are an interface: only report.html is in Japanese."""
    from tests.experiments.helpers import outputs

    folders = {}
    for lang in ("en", "ja"):
        folders[lang] = tmp_path / lang
        argv = ["--lang", lang, "batch", "textbook-queue", "--months", "1", "--reps", "2"]
        assert main([*argv, "--jobs", "1", "--out", str(folders[lang])]) == 0
    capsys.readouterr()
    en, ja = outputs(folders["en"]), outputs(folders["ja"])
    assert "合計" not in en.pop("report.html").decode() and "利益" in ja.pop("report.html").decode()
    assert en == ja


def test_dates_and_yen_as_each_language_writes_them() -> None:
    """Babel's CLDR data, not strftime in the C locale: 2026年1月1日(木); 5,000円 in Japanese."""
    import datetime as dt

    from gigsim.text.units import day, money

    before = i18n.language()
    try:
        i18n.set_language("ja")
        assert day(dt.date(2026, 1, 1)) == "2026年1月1日(木)"
        assert (money(5000, "JPY"), money(-1234567, "JPY")) == ("5,000円", "-1,234,567円")
        assert money(5000, "USD") == "$50.00"
        i18n.set_language("en")
        assert day(dt.date(2026, 1, 1)) == "Thu Jan 01, 2026"
        assert (money(5000, "JPY"), money(-500, "JPY")) == ("¥5,000", "-¥500")
    finally:
        i18n.set_language(before)


def test_lazy_strings_follow_the_language() -> None:
    text = i18n.lazy("total")
    before = i18n.language()
    try:
        i18n.set_language("ja")
        assert str(text) == "合計" and f"{text}!" == "合計!"
        i18n.set_language("en")
        assert str(text) == "total"
    finally:
        i18n.set_language(before)


def test_plural_forms() -> None:
    one = "The run covers {n} month of {year}: the profit so far."
    many = "The run covers {n} months of {year}: the profit so far."
    before = i18n.language()
    try:
        i18n.set_language("en")
        assert (
            i18n.ngettext(one, many, 1).format(n=1, year=2026).startswith("The run covers 1 month ")
        )
        assert "3 months" in i18n.ngettext(one, many, 3).format(n=3, year=2026)
        i18n.set_language("ja")
        assert i18n.ngettext(one, many, 1).format(n=1, year=2026) == (
            "この実行は2026年の1か月分です。ここまでの所得です。"
        )
    finally:
        i18n.set_language(before)


# --------------------------------------------------------------------------
# Compiled catalogues in the installed package
# --------------------------------------------------------------------------


def test_wheel_carries_compiled_catalogues(tmp_path: Path) -> None:
    """The build hook compiles each .po into the wheel (and beside it, for the editable install).

    The .mo files are not in git (.gitignore), so only the hook can put them there;
    the wheel's .mo is the current .po compiled.
    """
    import zipfile

    from hatchling.builders.wheel import WheelBuilder

    wheel = next(
        iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"]))
    )
    with zipfile.ZipFile(wheel) as z:
        mo = z.read("gigsim/locale/ja/LC_MESSAGES/gigsim.mo")
    assert mo == i18n.compile_po(JA_PO.read_bytes())
    import gettext

    assert gettext.GNUTranslations(io.BytesIO(mo)).gettext("total") == "合計"


def test_compiled_catalogues_are_not_kept_in_git() -> None:
    ignore = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "gigsim/locale/*/LC_MESSAGES/*.mo" in ignore


def test_the_japanese_report_lists_names_with_the_japanese_comma(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ja"
    argv = ["--lang", "ja", "batch", "textbook-queue", "default", "--months", "1", "--reps", "2"]
    assert main([*argv, "--jobs", "1", "--out", str(out)]) == 0
    capsys.readouterr()
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "textbook-queue、default</title>" in html
    assert "<td style='text-align:left'>textbook-queue、default</td>" in html


def test_the_class_commands_are_all_marked(
    under_pseudo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`class new`, `class validate`, `class collect` (its warnings, leaderboard and debrief
    page); the tidy table's columns stay English."""
    from gigsim.lessons import lessons
    from tests.classroom.helpers import class_folder, hand_in, small_pack

    titles = {w.lower() for x in lessons() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", x.title)}
    # a lesson's title is the lesson file's own text in English and Japanese, not a message

    def digests(text: str) -> str:  # a pack's digest (hex) is a name
        return re.sub(r"\b[0-9a-f]{12}(?:[0-9a-f]{52})?\b", "DIGEST", text)

    pack = tmp_path / "week.yaml"
    assert main(["--lang", "xx", "class", "new", str(pack), "--lessons", "1,2", "--months", "1",
                 "--name", "Gigs"]) == 0  # fmt: skip
    assert main(["--lang", "xx", "class", "validate", str(pack)]) == 0
    printed = digests(capsys.readouterr().out.replace(str(pack), "FILE"))
    assert unmarked_words(printed, _names() | titles | {"gigs"}) == [], printed
    folder = tmp_path / "results"
    class_folder(folder, small_pack("Gigs"))
    (folder / "broken-result.json").write_text("{", encoding="utf-8")
    hand_in(small_pack("Other"), 1, "Dai", "active", folder, stem="other")
    out = tmp_path / "out"
    argv = ["--lang", "xx", "class", "collect", str(folder), "--out", str(out), "--luck-seeds", "0"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    names = _names() | titles | {"gigs", "other", "aiko", "ben", "chie", "dai", "l1", "l2"}
    printed = digests(captured.out.replace(str(out), "DIR"))
    assert "⟦" in printed and unmarked_words(printed, names) == [], printed
    err = digests(captured.err.replace(str(folder), "DIR"))
    assert err.count("warning: ") == 2 and unmarked_words(err, names) == [], err
    html = _html_text((out / "class-debrief.html").read_text(encoding="utf-8"))
    html = digests(html.replace(str(folder), "DIR"))
    assert unmarked_words(html, names) == [], html
    table = (out / "class-results.csv").read_text(encoding="utf-8")
    assert table.startswith("student,lesson,lesson_id,") and "⟦" not in table.split("\n")[0]

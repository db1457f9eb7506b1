"""Translations: every text marked, the Japanese catalogue complete, the language chosen.

The messages are extracted afresh from the source (as ``pybabel extract`` does
with pyproject's ``[tool.babel]``), so that a string marked but not yet in the
catalogue fails here, not on a Japanese user's screen. A pseudo-locale ``xx``
wraps every extracted message in ⟦…⟧; the command line run under it must show
no English word outside those marks: an English word left means a text that
was never marked for translation.
"""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

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
    """Every message marked in gigsim's source, as ``pybabel extract`` finds them."""
    catalog = Catalog(project="gigsim")
    keywords = {**DEFAULT_KEYWORDS, "lazy": None}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT / "gigsim", method_map=[("**.py", "python")], keywords=keywords
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


def test_catalogue_holds_every_plural_form() -> None:
    ja = read_po(JA_PO.open("rb"))
    assert ja.num_plurals == 1  # Japanese has one form: no "1 orders" to get wrong


# --------------------------------------------------------------------------
# The pseudo-locale
# --------------------------------------------------------------------------


def pseudo(text: str) -> str:
    return f"⟦{text}⟧"


@pytest.fixture(scope="session")
def pseudo_dir(messages: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue ``xx`` that wraps every message in ⟦…⟧ (placeholders kept inside)."""
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
}
"""Words that are names, not English: commands, options' values, policies, methods, units."""

_NOT_WORDS = [
    r"⟦[^⟦⟧]*⟧",  # a marked message (innermost first, until none is left)
    r"--?[A-Za-z][\w-]*",  # options
    r"\b[A-Z][A-Z0-9_|=,.:]*\b",  # metavars: SCENARIO, KEY=VALUE, N|auto
    r"\{[^{}]*\}",  # argparse's list of choices
    r"\b[\w-]+(?:\.[\w-]+)+",  # dotted keys and file names: player.hours.weekday, out.json
    r"\b\w+://\S+",  # addresses
    r"`[^`]*`",  # commands quoted in a message
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
    return [w for w in words if w.lower() not in ALLOWED | names]


@pytest.fixture
def under_pseudo(pseudo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.EXTRA_DIR_ENV, str(pseudo_dir))
    for name in (i18n.LANG_ENV, *i18n.LOCALE_ENVS):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


def _names() -> set[str]:
    return {name for name, _ in shipped_scenarios()} | {"mine", "yaml"}


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


BAD_FILES = {
    "below.yaml": "base: default\nname: x\nplayer:\n  hours: {weekday: -3}\n",
    "category.yaml": (
        "base: default\nname: x\nplayer:\n  listings:\n"
        '    - {category: nope, title: "t", price: 3000, cap: 2}\n'
    ),
    "typo.yaml": "base: default\nnmae: x\n",
    "type.yaml": "base: default\nname: x\nmonths: many\n",
    "missing.yaml": None,
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
    assert unmarked_words(problem, _names() | {"nmae", "nope", "many"}) == [], err


def test_an_unmarked_string_is_caught() -> None:
    """The check itself: an English word outside the marks is reported, names are not."""
    assert unmarked_words("⟦Money (⟦x⟧)⟧ total --months N coconala", {"coconala"}) == ["total"]


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
    assert "お金(default、シード 1)" in out
    assert "12か月中3か月" in out and "9,750円" in out and "¥" not in out
    assert i18n.language() == "en"  # main() leaves the caller's language as it was


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

"""``gigsim serve`` end to end: a headless Chromium opens the page, plays a month, reads it.

Debian's ``chromium`` package, driven by Playwright (pointed at it: Playwright's
own browser download is not used); ``.ci/run`` installs both.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.tui.test_glyphs import game_characters
from tests.web.browser import browser_page, focus_terminal, rows, wait_for_screen
from tests.web.serving import QUIET, Served, serving, stop, wait_for

MAX_DECISIONS = 20


def _status(text: str) -> str:
    return text.splitlines()[0] if text else ""


def test_a_student_plays_a_month_in_the_browser(tmp_path: Path) -> None:
    with serving(["default", "--seed", "3", *QUIET], tmp_path / "saves") as served:
        with browser_page(tmp_path / "profile") as page:
            page.goto(served.url)
            text = wait_for_screen(page, lambda t: "paused" in _status(t), "the game's screen")
            assert "month 1" in _status(text) and "seed 3" in _status(text)
            assert "1 Dashboard" in text
            wait_for(lambda: len(served.games()) == 1, "the page's game process", served)

            focus_terminal(page)
            assert "Skip the tour" in text  # a new game opens with the tour: escape skips it
            page.keyboard.press("Escape")
            wait_for_screen(page, lambda t: "Skip the tour" not in t, "the tour to close")
            report = _play_a_month(page)
            assert re.search(r"\b(January|2026-01)\b", report), report
            page.keyboard.press("Enter")  # the report's Continue
            text = wait_for_screen(
                page,
                lambda t: "month 2" in _status(t) and "Continue" not in t,
                "the main screen in month 2",
            )
            assert "paused" in _status(text)
            _autosave_in_its_own_folder(served)
        code, err = stop(served)
        assert code == 0, err
        assert served.games() == []


def _play_a_month(page: Page) -> str:
    """``m`` runs time to the month's end; a decision that stops it on the way is answered
    with ``a`` (its first choice) and ``m`` pressed again. The report's text."""
    for _decision in range(MAX_DECISIONS):
        page.keyboard.press("m")
        text = wait_for_screen(
            page,
            lambda t: "Continue" in t or "decision waiting" in t,
            "the month's report or a decision",
        )
        if "Continue" in text:
            return text
        page.keyboard.press("a")
        wait_for_screen(page, lambda t: "decision waiting" not in t, "the answer to be taken")
    pytest.fail(f"the month did not end within {MAX_DECISIONS} decisions")


def _autosave_in_its_own_folder(served: Served) -> None:
    """The month's autosave is in the session's own folder under the saves folder."""
    found = list((served.saves / "serve").glob("*-1/autosave-*.json"))
    assert len(found) == 1, list(served.saves.rglob("*"))


def test_a_japanese_game_in_the_browser(tmp_path: Path) -> None:
    with (
        serving(["default", "--seed", "3", "--lang", "ja"], tmp_path / "saves") as served,
        browser_page(tmp_path / "profile") as page,
    ):
        page.goto(served.url)
        text = wait_for_screen(page, lambda t: "停止中" in _status(t), "the Japanese game")
        assert "1か月目" in _status(text) and "シード 3" in _status(text)
        assert page.title() == "gigsim: スキルマーケットで副業"
        assert page.locator("html").get_attribute("lang") == "ja"
        assert rows(page)


TEXTUAL_SYMBOLS = "▁▂▃▄▅▆▇█▊▎▏▔▲▼╭╮╯╰━╸╺─│┌┐└┘┤┬⠈⠉⠒⡀"
"""What Textual and plotext draw besides the game's texts (scroll bars, tabs, dropdowns,
borders, charts), as seen on every view's screen (``tests/tui/test_every_view.py``)."""

BLANK = """async (texts) => {
  await document.fonts.ready;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 64;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  ctx.font = "32px 'Roboto Mono', Monaco, 'Courier New', monospace";  // the terminal's
  ctx.textBaseline = "top";
  ctx.fillStyle = "#fff";
  return texts.filter((text) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.fillText(text, 8, 8);
    const pixels = ctx.getImageData(0, 0, 64, 64).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) return false;
    return true;
  });
}"""
"""The texts that Chromium draws as nothing at all: no font it has holds them."""


def test_every_character_of_the_game_draws_in_chromium(tmp_path: Path) -> None:
    """Each symbol and each Japanese character the game shows is drawn by a font in Chromium
    (a CJK font must be installed: fonts-ipafont-gothic, which .ci/run installs)."""
    characters = sorted(game_characters() | set(TEXTUAL_SYMBOLS))
    assert "‖" in characters and "停" in characters and "★" in characters
    with (
        serving(["default"], tmp_path / "saves") as served,
        browser_page(tmp_path / "profile") as page,
    ):
        page.goto(served.url)
        wait_for_screen(page, lambda t: "paused" in _status(t), "the game's screen")
        assert page.evaluate(BLANK, ["\u0378", "A"]) == ["\u0378"]  # unassigned: none
        assert page.evaluate(BLANK, characters) == []


def test_a_room_plays_a_class_pack_and_the_teacher_collects_it(tmp_path: Path) -> None:
    """`gigsim serve --class PACK`: the browser's game asks the student's name, shows the
    class on the card, and `e` writes the result among the game's saves, where `gigsim class
    collect` finds it."""
    from gigsim.cli import main
    from gigsim.lessons.pack_file import new_pack, pack_yaml

    pack = tmp_path / "week.yaml"
    pack.write_text(pack_yaml(new_pack([1, 2], "Side gigs 101", months=1)), encoding="utf-8")
    with serving(
        ["--class", str(pack), "--lesson", "2", "--no-tour"], tmp_path / "saves"
    ) as served:
        with browser_page(tmp_path / "profile") as page:
            page.goto(served.url)
            wait_for_screen(page, lambda t: "Class: Side gigs 101" in t, "the name's question")
            focus_terminal(page)
            page.keyboard.type("Aiko")
            page.keyboard.press("Enter")
            card = wait_for_screen(page, lambda t: "Student: Aiko" in t, "the lesson's card")
            assert "Lesson 2: Price and fees" in card
            page.keyboard.press("Enter")
            text = wait_for_screen(page, lambda t: "Lesson 2 mission" in t, "the dashboard")
            assert "Side gigs 101 · Lesson 2 mission · 1 month left" in text
            page.keyboard.press("e")
            wait_for_screen(page, lambda t: "report written" in t, "the report")
        code, err = stop(served)
        assert code == 0, err
    (result,) = (served.saves / "serve").glob("*-1/reports/report-Aiko-*-result.json")
    assert json.loads(result.read_text("utf-8"))["student"] == "Aiko"
    out = tmp_path / "debrief"
    argv = ["class", "collect", str(served.saves / "serve"), "--pack", str(pack), "--out",
            str(out), "--luck-seeds", "0"]  # fmt: skip
    assert main(argv) == 0
    assert (out / "class-results.csv").read_text("utf-8").count("\nAiko,2,") == 1

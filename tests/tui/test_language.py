"""The game in Japanese: the switch (ctrl+l, the palette, Settings), every screen's text marked
for translation, the engine's words translated, and the layout at 80×24."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from rich.cells import cell_len
from textual.geometry import Region
from textual.widgets import Button, Input, Select, Static

from gigsim import i18n
from gigsim.engine.api import (
    AnswerDecision,
    Engine,
    SetHours,
    SetListingStatus,
    Withdraw,
    option_text,
)
from gigsim.engine.decisions import OPTIONS
from gigsim.i18n import _
from gigsim.lessons import lessons
from gigsim.scenarios import load_scenario, shipped_scenarios
from gigsim.text.results import action_message
from gigsim.text.sentences import DECISION_TITLE
from gigsim.tui.app import GigsimApp
from gigsim.tui.screens.new_game import DESC_WIDTH
from gigsim.tui.screens.settings import SettingsScreen
from gigsim.tui.widgets.charts import chart_spec, legend_text
from gigsim.tui.widgets.listings import Listings
from gigsim.tui.widgets.status_line import StatusLine
from gigsim.tui.widgets.tab_bar import TabBar
from tests.test_translations import messages, pseudo_dir, unmarked_words  # noqa: F401  (fixtures)
from tests.tui.conftest import QUIET, app_for, screen_text, sync
from tests.tui.monkey import key_event
from tests.tui.test_every_view import CLASS, VIEWS, close_views

SIZE = (80, 24)


def _tabs(app: GigsimApp) -> str:
    return " ".join(label[1] for label in app.main.query_one(TabBar).labels)


@sync
async def test_ctrl_l_switches_every_screen_at_once(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    language("en")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # a tab other than the first: it stays open across the switch
        await pilot.pause()
        assert "Listings" in _tabs(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert i18n.language() == "ja"
        text = screen_text(app)
        assert "1 ホーム" in text and "2 出品" in text and "受付枠" in text, text
        assert "言語: 日本語" in text  # the message line says what happened
        assert "進む/止める" in text  # the footer's keys
        assert app.main.tab == "listings"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert i18n.language() == "en"
        assert "1 Dashboard" in screen_text(app)


@sync
async def test_the_event_log_is_written_again_in_the_new_language(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    language("en")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("published at" in line for line in app.game.view().log)
        await pilot.press("ctrl+l")
        await pilot.pause()
        log = app.game.view().log
        assert any("公開しました" in line for line in log), log
        assert not any("published at" in line for line in log), log


@sync
async def test_settings_screen_switches_language(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    language("en")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#language", Select).value = "ja"
        await pilot.pause()
        await pilot.pause()
        assert i18n.language() == "ja"
        assert "設定" in screen_text(app)  # the dialog itself is drawn again in Japanese
        await pilot.press("escape")
        await pilot.pause()
        assert "ホーム" in _tabs(app) and "売上金" in str(app.main.query_one(StatusLine).forms)
    assert i18n.language() == "en"  # the game's choice ends with the game: the caller's is back


@sync
async def test_the_palette_offers_the_other_language(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    language("ja")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "言語: English" in titles and "設定" in titles and "ヘルプ" in titles
        language_command = next(
            c for c in app.get_system_commands(app.screen) if "English" in c.title
        )
        language_command.callback()
        await pilot.pause()
        assert i18n.language() == "en"


@pytest.mark.parametrize("tab_key", ["5", "6", "3"])
@sync
async def test_switching_while_a_new_tab_is_still_being_built(
    save_dir: Path, language: Callable[[str], None], tab_key: str
) -> None:
    """A tab opened and the language switched in one burst of keys: the switch used to
    recompose the screen while the new tab's pane had not yet mounted, the pane then
    mounted with no children, and the game quit (found by ``benchmarks/monkey.py``)."""
    language("en")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in (tab_key, "ctrl+l", "pagedown", "down"):
            app.post_message(key_event(key))  # no pause between them, as a fast typist sends
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.5)  # not pilot.pause: a game that quit never settles
        assert app.internal_errors == [] and app.is_running
        await pilot.pause()
        assert i18n.language() == "ja"
        assert app.main.tab == {"5": "money", "6": "charts", "3": "inbox"}[tab_key]
        assert "ホーム" in _tabs(app)


# --------------------------------------------------------------------------
# Every screen's text is marked: the pseudo-locale on the game's screens
# --------------------------------------------------------------------------


def _game_names() -> set[str]:
    """Words that are names on the screens: scenarios, the player, scenario data, dates."""
    names = {name for name, _ in shipped_scenarios()} | {"you", "gigsim", "ctrl", "esc", "f1"}
    sc = load_scenario("default")
    for text in [*(c.name for c in sc.categories), *(c.id for c in sc.categories)]:
        names |= {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)}
    data = [listing.title for listing in sc.player.listings]
    data += [o.name for listing in sc.player.listings for o in listing.options]
    for text in data:  # cut to a column's width, a word of them may show only in part
        words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
        names |= {w.lower()[:n] for w in words for n in range(1, len(w) + 1)}
    # CLDR's English day and month names: the pseudo-locale formats dates as English does
    names |= {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    names |= {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
    names |= {"loading", "a", "save"}  # the walk's own title of the replay dialog
    names |= {"xx", "english"}  # languages by their own names, in the language menu
    names |= {"qqqq"}  # what the walk types into the palette to find nothing
    names |= {"autosave", "json", "seed"}  # a save file's name: autosave-You-default-seed3.json
    names |= {"space", "enter", "escape", "tab", "shift", "f2"}  # keys named in the keys' column
    # the lessons' cards are shipped data in English and Japanese (a pseudo-locale shows English)
    for x in lessons():
        for text in x.card_texts["en"].model_dump().values():
            names |= {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)}
    names |= {"home", "end", "pgup", "pgdn", "super", "alt", "del", "delete", "backspace"}
    for theme in GigsimApp(None).available_themes:  # type: ignore[arg-type]  # Textual's names
        names |= {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", theme)}
    # a class pack's name and note are the teacher's own text, a student's name their own
    for text in (CLASS.name, CLASS.note, CLASS.student):
        names |= {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)}
    return names


def _region_text(app: GigsimApp, region: Region) -> str:
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips)


@pytest.mark.parametrize("months", [0, 2])
@sync
async def test_every_screen_is_marked_for_translation(
    save_dir: Path,
    months: int,
    pseudo_dir: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    language: Callable[[str], None],
) -> None:
    """Under a pseudo-locale that wraps every translated text in ⟦…⟧, no English word is left
    on any tab, chart, screen or dialog: a word left is a text nobody marked."""
    monkeypatch.setenv(i18n.EXTRA_DIR_ENV, str(pseudo_dir))
    language("xx")
    app = app_for(save_dir, seed=3)  # a full market: decisions, orders, events of every kind
    names = _game_names()
    # a screen tall and wide enough for every text to show whole, with its closing mark
    # (layout at 80×24 is the snapshot tests' and the Japanese layout test's business)
    problems = {}
    async with app.run_test(size=(120, 60)) as pilot:
        app.game.quiet = frozenset(DECISION_TITLE)  # decisions wait in the inbox; time goes on
        for _ in range(months):
            assert app.game.advance("month").stop == "month"
        app.refresh_view()
        await pilot.pause()
        for name, open_ in VIEWS.items():
            await open_(pilot, app)
            await pilot.pause()
            if len(app.screen_stack) > 1:  # a dialog alone, not the tab it covers in part
                app.screen.styles.background = "black"
                await pilot.pause()
            text = screen_text(app)
            if name.startswith("panel:"):  # the panel alone: a tab's text wraps beside it
                text = _region_text(app, app.screen.query_one("HelpPanel").region)
            if name.startswith("notice:"):  # a notice's toast (run_test draws none)
                text = "\n".join(f"{n.title}\n{n.message}" for n in app._notifications)
            text = text.replace(str(save_dir), " ")  # the saves folder, a name
            left = unmarked_words(text.replace("…", " "), names)
            if left:
                problems[name] = (left, text)
            await close_views(pilot, app)
    assert not problems, "\n\n".join(f"{k}: {v[0]}\n{v[1]}" for k, v in problems.items())


# --------------------------------------------------------------------------
# The engine's words, translated on the game's side
# --------------------------------------------------------------------------


def test_every_option_of_every_decision_has_words(language: Callable[[str], None]) -> None:
    """The inbox shows ``_(option_text(kind, option))``: each option code the engine offers has
    words (not its code spelled out), in English and in Japanese."""
    for code in ("en", "ja"):
        language(code)
        for kind, (options, default) in OPTIONS.items():
            for option in (*options, default):
                words = _(option_text(kind, option))
                assert words != option.replace("_", " "), (kind, option)
                if code == "ja":
                    assert not any(c.isascii() and c.isalpha() for c in words), words


def test_action_results_read_in_japanese(language: Callable[[str], None]) -> None:
    """What the engine answers to the player's actions, shown in Japanese (no English left)."""
    language("ja")
    engine = Engine(load_scenario("default", list(QUIET)), 3, policy=None)
    lst = engine.snapshot().listings[0].id
    results = [
        engine.apply(SetListingStatus(lst, "busy")),
        engine.apply(SetListingStatus(lst, "paused")),
        engine.apply(SetListingStatus(lst, "open")),
        engine.apply(SetHours(3.0, 6.0, 5.0, 12.0)),
        engine.apply(Withdraw(10)),
    ]
    shown = [action_message(r, "JPY") for r in results]
    assert shown[:3] == ["出品を多忙にしました", "出品を停止しました", "出品を受付中にしました"]
    assert shown[3] == "週27時間"  # five evenings of 3 h and two weekend days of 6 h
    assert all(not any(c.isascii() and c.isalpha() for c in s) for s in shown), shown


def test_an_answer_reads_in_japanese(language: Callable[[str], None]) -> None:
    language("ja")
    engine = Engine(load_scenario("default"), 3, policy=None)
    engine.advance_until_decision(60.0)
    decision = engine.snapshot().decisions[0]
    result = engine.apply(AnswerDecision(decision.id, decision.options[0]))
    shown = action_message(result, "JPY")
    assert shown.startswith("返答しました: ") and not any(
        c.isascii() and c.isalpha() for c in shown
    )


# --------------------------------------------------------------------------
# Layout at 80×24 in Japanese
# --------------------------------------------------------------------------


@sync
async def test_japanese_main_screen_fits_80_columns(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    """The tab bar keeps its full labels, the status line its longest form, the footer
    every key: double-width text measured in cells, not characters."""
    language("ja")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        bar = app.main.query_one(TabBar)
        assert bar._layout() == (1, " ")
        status = app.main.query_one(StatusLine)
        assert cell_len(status.forms[0]) <= status.size.width - 2, status.forms[0]
        lines = screen_text(app).splitlines()
        assert len(lines) == 24 and all(cell_len(line) == 80 for line in lines)
        assert "^p コマンド" in lines[-1] and "? ヘルプ" in lines[-1]


def test_japanese_chart_text_stays_outside_plotext(language: Callable[[str], None]) -> None:
    """plotext counts a Japanese character as one cell: its ticks stay ASCII (円 goes to the
    title, which the game draws above the plot) and the legend is drawn under it."""
    language("ja")
    months = [
        {"label": "2026-01", "net_income": 12000, "orders": 3, "lost_buyers": {"full": 4}},
        {"label": "2026-02", "net_income": 30000, "orders": 5, "lost_buyers": {"price": 2}},
    ]
    net = chart_spec("net", months, "JPY")
    assert net.title == "月ごとの利益 (円) · 横軸の 26-01 は 2026年1月"  # the axis stays ASCII
    assert net.xticks[1] == ("26-01", "26-02")
    assert all(cell_len(t) == len(t) for t in net.yticks[1]) and "30,000" in net.yticks[1]
    lost = chart_spec("lost", months, "JPY")
    assert str(legend_text(lost.legend)).startswith("██ 目に留まらず  ██ 受付枠なし")
    language("en")
    net = chart_spec("net", months, "JPY")
    assert net.yticks[1][-1] == "¥30,000" and net.title == "Net income per month"


@sync
async def test_new_game_description_breaks_between_characters(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    """A Japanese description has hardly a space to break at: it is broken here to the
    dialog's width, between characters (Textual would push a whole clause down a line)."""
    language("ja")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        desc = str(app.screen.query_one("#scenario-desc", Static).render())
        lines = desc.splitlines()
        assert len(lines) > 1 and all(cell_len(line) <= DESC_WIDTH for line in lines), lines
        assert cell_len(lines[0]) >= DESC_WIDTH - 2  # the first line is filled, not cut at a space


@sync
async def test_the_new_game_form_offers_the_sellers_name_in_japanese(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    language("ja")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == "あなた"  # the scenario's "You"


@sync
async def test_every_key_of_every_view_is_in_the_catalogue(
    save_dir: Path,
    messages: Catalog,  # noqa: F811
    language: Callable[[str], None],
) -> None:
    """What the keys panel and the footer say of a key: the description of every binding of
    every widget on every view (Textual's own and the game's), its tooltip and its group's
    title, each a message of the catalogue."""
    language("en")
    app = app_for(save_dir, QUIET, seed=3)
    missing: dict[str, set[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        for name, open_ in VIEWS.items():
            await open_(pilot, app)
            await pilot.pause()
            for node in [app, *app.screen.walk_children(with_self=True)]:
                texts = {getattr(node, "BINDING_GROUP_TITLE", None) or ""}
                for bindings in node._bindings.key_to_bindings.values():
                    texts |= {t for b in bindings for t in (b.description, b.tooltip)}
                for text in texts - {""}:
                    if text not in messages:
                        missing.setdefault(text, set()).add(f"{name}: {type(node).__name__}")
            await close_views(pilot, app)
    assert not missing, missing


# --------------------------------------------------------------------------
# A shipped scenario's listing in the player's language
# --------------------------------------------------------------------------


@sync
async def test_the_shipped_listing_reads_in_japanese_and_stays_as_written(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    """The default scenario's listing title and option names are the scenario's texts: the
    form shows them in Japanese; saved unchanged, the listing keeps them as written (English,
    as the scenario and the save have them); typed anew, they are the player's, as typed."""
    language("ja")
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        main = app.main
        assert main.query_one("#f-title", Input).value == "イラストとかんたんなデザイン"
        options = main.query_one("#f-options", Input).value
        assert options.startswith("特急納品:1500") and "商用利用:" in options, options
        main.query_one("#f-price", Input).value = "5500"
        main.query_one("#edit", Button).press()
        await pilot.pause()
        listing = main.view.snapshot.listings[0]
        assert listing.price == 5500 and listing.title == "Illustrations and simple designs"
        assert [n for n, _p, _h in listing.options] == [
            "Express delivery",
            "Commercial use licence",
        ]
        assert "イラストとかんたんなデザイン" in screen_text(app)  # the table, in Japanese
        main.query_one("#f-title", Input).value = "似顔絵イラスト"
        main.query_one("#f-options", Input).value = "特急納品:2000, 背景追加:800"
        main.query_one("#edit", Button).press()
        await pilot.pause()
        listing = main.view.snapshot.listings[0]
        assert listing.title == "似顔絵イラスト"
        assert listing.options == (("Express delivery", 2000, 0.0), ("背景追加", 800, 0.0))
        await pilot.press("ctrl+l")  # in English, the shipped option is its English name again
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        main.query_one(Listings).fill(main.view.snapshot.listings[0])
        assert main.query_one("#f-options", Input).value == "Express delivery:2000, 背景追加:800"


def test_an_inquiry_names_the_listing_in_japanese(language: Callable[[str], None]) -> None:
    from gigsim.text.sentences import decision_facts

    language("ja")
    facts = decision_facts({"listing": 1, "title": "Illustrations and simple designs"}, "JPY")
    assert "タイトル イラストとかんたんなデザイン" in facts


def test_the_search_place_counts_from_one(language: Callable[[str], None]) -> None:
    """The engine's position is 0 for the first listing; the table showed it as #0."""
    from gigsim.tui.widgets.listings import place

    language("en")
    assert (place(0), place(4), place(None)) == ("#1", "#5", "-")
    language("ja")
    assert (place(0), place(4)) == ("1位", "5位")

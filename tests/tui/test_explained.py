"""The game explains the platform: the rules view, the tour, first-time notices in the inbox,
the disclosure setting and the year's tax figure, in English and in Japanese at 80×24."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Button, Select, Static

from gigsim import cli
from gigsim.model import market_rules
from gigsim.scenarios import load_scenario
from gigsim.text.platform_rules import fee_example
from gigsim.tui.app import make_app
from gigsim.tui.messages import LoadRequested, MonthClosed, NewGameRequested
from gigsim.tui.palette import game_commands
from gigsim.tui.screens.help import HelpScreen
from gigsim.tui.screens.hours import HoursScreen
from gigsim.tui.screens.report import MonthReportScreen
from gigsim.tui.screens.rules import RulesScreen, rules_facts
from gigsim.tui.screens.tour import PAGES, TourScreen
from gigsim.tui.widgets.inbox import new_explanations
from gigsim.tui.widgets.tab_bar import TabBar
from tests.tui.conftest import QUIET, app_for, finish_loading, screen_text, sync

SIZE = (80, 24)


def rules_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, RulesScreen)
    return "\n".join(str(s.render()) for s in screen.query(Static))


# -- the rules view -----------------------------------------------------------------------------


@sync
async def test_p_opens_the_rules_worked_out_on_the_players_price(save_dir: Path) -> None:
    async def shown(*sets: str) -> str:
        app = app_for(save_dir, (*QUIET, *sets), seed=3)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("p")
            await pilot.pause()
            text = rules_text(app)
            facts = rules_facts(app.game)
            net = fee_example(facts.listings[0][1], app.game.scenario.platform).to_you
            fee, date = app.game.payout_preview(net)  # the engine's own preview
            assert facts.withdrawal[0] == fee and facts.withdrawal[1].isoformat() == date
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, RulesScreen)
            return text

    base = await shown()
    assert "Fees on your listing #1 at ¥5,000" in base and "The buyer pays ¥5,275" in base
    assert "commission ¥1,100" in base and "¥3,900 reaches your balance" in base
    assert "72 h" in base and "none · Regular needs 1 more sale" in base
    dearer = await shown("platform.commission.rate=0.3", "player.listings.0.price=8000")
    assert "Fees on your listing #1 at ¥8,000" in dearer and "commission ¥2,400" in dearer
    assert "¥5,600 reaches your balance" in dearer


@sync
async def test_the_rules_are_in_the_palette_and_the_help(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET)
    async with app.run_test(size=SIZE) as pilot:
        command = next(c for c in game_commands(app) if c.title == "Platform rules")
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, RulesScreen)
        app.pop_screen()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "p          the platform's rules" in help_text


# -- the tour -----------------------------------------------------------------------------------


@sync
async def test_a_new_game_opens_with_the_tour_and_its_end_opens_the_rules(save_dir: Path) -> None:
    app = make_app(load_scenario("default", list(QUIET)), 3, save_dir=save_dir, tour=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TourScreen)
        await pilot.press("enter")  # the Next button has the focus
        assert app.screen.page == 1  # type: ignore[attr-defined]
        await pilot.press("left")
        for _ in range(len(PAGES) - 1):  # → pages on too (enter again at once is debounced)
            await pilot.press("right")
        assert app.screen.page == len(PAGES) - 1  # type: ignore[attr-defined]
        assert str(app.screen.query_one("#tour-next", Button).label) == "Start playing"
        assert "rules" in str(PAGES[1][1])
        app.screen.query_one("#tour-rules", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, RulesScreen)


@sync
async def test_the_tour_is_skipped_and_never_shown_again_after_a_load(save_dir: Path) -> None:
    app = make_app(load_scenario("default", list(QUIET)), 3, save_dir=save_dir, tour=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TourScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        path = app.game.save()
        app.post_message(LoadRequested(path))
        await finish_loading(pilot, app)
        assert len(app.screen_stack) == 1 and not app.tour_pending
        # a new game started in the game: the tour again, unless the setting says never
        app.post_message(NewGameRequested("default", "You", 1.0, 2.5, 4))
        await pilot.pause()
        assert isinstance(app.screen, TourScreen)
        await pilot.press("escape")
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#tour", Select).value = False
        await pilot.pause()
        assert app.tour is False
        await pilot.press("escape")
        app.post_message(NewGameRequested("default", "You", 1.0, 2.5, 5))
        await pilot.pause()
        assert len(app.screen_stack) == 1


@sync
async def test_a_lessons_card_comes_after_the_tour(save_dir: Path) -> None:
    from gigsim.lessons import lesson
    from gigsim.tui.screens.lesson import LessonCardScreen

    x = lesson(1)
    app = make_app(load_scenario(x.scenario), x.seed, save_dir=save_dir, lesson=1, tour=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TourScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonCardScreen)


def test_no_tour_on_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import gigsim.tui.app as tui_app

    got: list[bool] = []
    monkeypatch.setattr(tui_app, "run_game", lambda *a, tour=True, **k: got.append(tour) or 0)
    assert cli.main(["play", "--no-tour"]) == 0
    assert cli.main(["--seed", "2"]) == 0
    assert got == [False, True]  # `gigsim --seed 2` is `gigsim play --seed 2`: with the tour


# -- first-time notices in the inbox --------------------------------------------------------------


@sync
async def test_the_first_order_is_explained_in_the_inbox_with_its_numbers(save_dir: Path) -> None:
    app = app_for(save_dir, (*QUIET, "player.hours.always=true", "player.reply_hours=1"), seed=3)
    async with app.run_test(size=SIZE) as pilot:
        app.game.quiet = frozenset({"revision_request", "dispute", "cancellation_request"})
        while not app.game.engine.notices():
            app.game.advance("day")
        app.refresh_view()
        await pilot.press("3")
        await pilot.pause()
        notice = app.game.engine.notices()[0]
        held = notice.get("held")
        text = str(app.main.query_one("#inbox-explained", Static).render())
        assert "new · Your first order: the payment is held (escrow)" in text
        assert f"¥{held:,}" in text and f"order #{notice.get('order')}" in text
        assert inbox_count(app) == len(app.main.view.snapshot.decisions) + 1
        # two weeks later it no longer counts on the tab, and is still there
        app.game.engine.advance_to(notice.t + 15)
        app.refresh_view()
        await pilot.pause()
        fresh = new_explanations(app.main.view)
        assert notice not in fresh  # newer ones (an automatic approval, say) may count
        assert inbox_count(app) == len(app.main.view.snapshot.decisions) + len(fresh)
        text = str(app.main.query_one("#inbox-explained", Static).render())
        heading = next(line for line in text.splitlines() if "Your first order" in line)
        assert heading.startswith("Your first order: the payment is held (escrow) · ")


def inbox_count(app: object) -> int:
    """What the inbox tab counts: '3 Inbox (2!)' is 2."""
    label = next(t for t in app.main.query_one(TabBar).labels if t[0] == "inbox")[1]  # type: ignore[attr-defined]
    return int(label.split("(")[1].rstrip("!)")) if "(" in label else 0


# -- disclosure -----------------------------------------------------------------------------------


@sync
async def test_disclosure_is_set_in_hours_and_profile_with_its_trade_off(save_dir: Path) -> None:
    app = app_for(save_dir, (*QUIET, "mechanisms.risks=true"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HoursScreen)
        note = app.screen.query_one("#disclosure-note", Static)
        assert "0.15 incidents a month" in str(note.render())
        app.screen.query_one("#disclosure", Select).value = 1.0
        await pilot.pause()
        sc = app.game.scenario
        odds = market_rules.disclosure_odds(1.0, sc.market.choice)
        assert f"{odds:.2f}×" in str(note.render()) and "0.30 incidents" in str(note.render())
        app.screen.query_one("#apply", Button).press()
        await pilot.pause()
        assert app.game.view().snapshot.disclosure == 1.0
        actions = [a for _, _, a in app.game.engine.journal]
        assert actions[-1] == {"level": 1.0, "kind": "set_disclosure"}
        # applying again without a change journals no second disclosure
        await pilot.press("h")
        await pilot.pause()
        app.screen.query_one("#apply", Button).press()
        await pilot.pause()
        kinds = [a["kind"] for _, _, a in app.game.engine.journal]
        assert kinds.count("set_disclosure") == 1


# -- side income and tax ----------------------------------------------------------------------------


@sync
async def test_the_money_tab_and_the_month_report_show_the_years_profit(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        app.game.quiet = frozenset({"revision_request", "dispute", "cancellation_request"})
        assert app.game.advance("month").stop == "month"
        app.game.engine.advance_to(app.game.engine.now + 10)
        app.refresh_view()
        await pilot.press("5")
        await pilot.pause()
        s = app.main.view.snapshot
        profit = s.months[0]["net_income"] + s.month_so_far["net_income"]
        tax = str(app.main.query_one("#tax", Static).render())
        assert f"Profit in 2026 so far: ¥{profit:,}" in tax and "Resident tax" in tax
        app.post_message(MonthClosed(dict(s.months[0]), None, s.months))
        await pilot.pause()
        assert isinstance(app.screen, MonthReportScreen)
        report = str(app.screen.query_one("#tax", Static).render())
        assert f"¥{s.months[0]['net_income']:,}" in report and "not tax advice" in report


# -- Japanese at 80×24 --------------------------------------------------------------------------------


@pytest.mark.parametrize("keys", [("p",), ("h",), ("3",)])
@sync
async def test_japanese_fits_80_by_24(
    save_dir: Path, keys: tuple[str, ...], language: Callable[[str], None]
) -> None:
    """Japanese lines broken between characters inside their box: none runs into a border."""
    language("ja")
    app = app_for(save_dir, (*QUIET, "player.hours.always=true", "mechanisms.risks=true"), seed=3)
    async with app.run_test(size=SIZE) as pilot:
        app.game.quiet = frozenset({"revision_request", "dispute", "cancellation_request",
                                    "off_platform_offer"})  # fmt: skip
        for _ in range(20):
            app.game.advance("day")
        app.refresh_view()
        await pilot.press(*keys)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert len(lines) == 24 and all(cell_len(line) == 80 for line in lines)
        for line in lines:  # a box's text stops before its right border, with a space
            if line.count("│") >= 2 and keys != ("3",):
                inside = line[line.index("│") + 1 : line.rindex("│")]
                assert inside.endswith(" ") or inside.rstrip().endswith(("▂", "▄", "▆", "█")), line
        if keys == ("3",):
            assert app.game.engine.notices()
            text = str(app.main.query_one("#inbox-explained", Static).render())
            assert all(cell_len(line) <= 76 for line in text.splitlines())

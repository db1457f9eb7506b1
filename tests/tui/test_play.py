"""The game through the Pilot: each screen's behaviour, asserting on the app's snapshot and messages."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Select, Static

from gigsim.engine.api import AnswerDecision, CreateListing, Withdraw
from gigsim.tui.app import GigsimApp
from gigsim.tui.messages import (
    ActionApplied,
    DecisionArrived,
    GameReplaced,
    MonthClosed,
    TimeRequested,
    TimeStopped,
)
from gigsim.tui.screens.help import HelpScreen
from gigsim.tui.screens.new_game import NewGameScreen
from gigsim.tui.screens.report import MonthReportScreen
from gigsim.tui.screens.saves_screen import SavesScreen
from gigsim.tui.widgets.footer import KeyFooter
from gigsim.tui.widgets.inbox import DecisionCard
from gigsim.tui.widgets.tab_bar import TabBar
from tests.tui.conftest import QUIET, app_for, finish_loading, record, settle, sync

SIZE = (80, 24)


def message_line(app: GigsimApp) -> str:
    return str(app.main.query_one("#message", Static).render())


def applied(seen: list) -> list[ActionApplied]:  # type: ignore[type-arg]
    return [m for m in seen if isinstance(m, ActionApplied)]


@sync
async def test_create_a_listing_then_a_banned_one_is_refused(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        await pilot.press("2")
        main = app.main
        main.query_one("#f-category", Select).value = "writing"
        for key, value in (("title", "Blog posts"), ("price", "3000"), ("delivery", "4"),
                           ("hours", "3"), ("cap", "2"), ("options", "Rush:1000:0")):  # fmt: skip
            main.query_one(f"#f-{key}", Input).value = value
        main.query_one("#create", Button).press()
        await pilot.pause()
        snap = main.view.snapshot
        assert [lst.category for lst in snap.listings] == ["design", "writing"]
        assert snap.listings[1].price == 3000 and snap.listings[1].options == (("Rush", 1000, 0.0),)
        ok = applied(seen)[-1]
        assert isinstance(ok.action, CreateListing) and ok.result.ok
        assert "published" in message_line(app)

        main.query_one("#f-category", Select).value = "home-cooked-food"
        await pilot.pause()
        assert "refused" in str(main.query_one("#market", Static).render())
        main.query_one("#create", Button).press()
        await pilot.pause()
        refused = applied(seen)[-1]
        assert not refused.result.ok
        assert "food safety" in refused.result.message
        assert "✗ refused" in message_line(app) and "food safety" in message_line(app)
        assert len(main.view.snapshot.listings) == 2


@sync
async def test_price_under_the_floor_and_pause_busy(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        await pilot.press("2")
        main = app.main
        main.query_one("#f-price", Input).value = "100"
        main.query_one("#edit", Button).press()
        await pilot.pause()
        assert not applied(seen)[-1].result.ok
        assert main.view.snapshot.listings[0].price == 5000
        main.query_one("#busy", Button).press()
        await pilot.pause()
        assert main.view.snapshot.listings[0].status == "busy"
        main.query_one("#pause", Button).press()
        await pilot.pause()
        assert main.view.snapshot.listings[0].status == "paused"


@sync
async def test_time_runs_until_an_order_arrives(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        for _ in range(10):
            await pilot.press("d")
            await settle(pilot, app)
            if app.main.view.snapshot.orders:
                break
        snap = app.main.view.snapshot
        assert snap.orders, "no order arrived within ten days"
        assert snap.t >= 1.0
        assert any(isinstance(m, TimeStopped) for m in seen)
        await pilot.press("4")
        await pilot.pause()
        rows = [str(w.render()) for w in app.main.query(".order-row").results(Static) if w.display]
        assert any(f"#{snap.orders[0].id}" in r for r in rows)


@sync
async def test_a_dispute_is_answered_from_the_inbox(save_dir: Path) -> None:
    overrides = (*QUIET, "mechanisms.revisions=false",
                 *(f"market.buyer_types.{t}.dispute_prob=1.0" for t in ("ordinary", "demanding", "monster")))  # fmt: skip
    app = app_for(save_dir, overrides)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        dispute = None
        for _ in range(40):
            await pilot.press("w")
            await settle(pilot, app)
            while isinstance(app.screen, MonthReportScreen):
                await pilot.press("enter")
            dispute = next(
                (d for d in app.main.view.snapshot.decisions if d.kind == "dispute"), None
            )
            if dispute:
                break
        assert dispute is not None, "no dispute within the weeks tried"
        assert any(isinstance(m, DecisionArrived) for m in seen)
        assert app.main.tab == "inbox"
        assert app.main.query_one("#inbox").display
        card = next(c for c in app.main.query(DecisionCard) if c.decision == dispute.id)
        assert "if you do nothing" in str(card.query_one(".card-default", Static).render())
        buttons = list(card.query(".option").results(Button))
        buttons[dispute.options.index("contest")].press()
        await pilot.pause()
        answer = applied(seen)[-1]
        assert answer.action == AnswerDecision(dispute.id, "contest") and answer.result.ok
        assert dispute.id not in {d.id for d in app.main.view.snapshot.decisions}


@sync
async def test_withdraw_shows_fee_and_date_first(save_dir: Path) -> None:
    app = app_for(save_dir, ("player.balance=20000",))
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        await pilot.press("5")
        main = app.main
        amount = main.query_one("#amount", Input)
        amount.value = "2000"
        await pilot.pause()
        await pilot.pause()
        preview = str(main.query_one("#preview", Static).render())
        assert "fee ¥160" in preview and "Jan " in preview and "2026" in preview
        # cleared and typed again: the same fee comes back (it used to stay on the prompt)
        amount.value = ""
        await pilot.pause()
        assert "Type an amount" in str(main.query_one("#preview", Static).render())
        amount.value = "2000"
        await pilot.pause()
        await pilot.pause()
        assert "fee ¥160" in str(main.query_one("#preview", Static).render())
        amount.value = "999999"
        await pilot.pause()
        await pilot.pause()
        assert "more than your balance" in str(main.query_one("#preview", Static).render())
        amount.value = "2000"
        await pilot.pause()
        await pilot.pause()
        main.query_one("#withdraw", Button).press()
        await pilot.pause()
        result = applied(seen)[-1]
        assert result.action == Withdraw(2000) and result.result.ok
        snap = main.view.snapshot
        assert snap.balance == 18000
        assert snap.in_transit == 2000  # the fee comes off when it is paid


@sync
async def test_a_click_on_a_tab_or_a_footer_key_works_like_its_key(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        bar = app.main.query_one(TabBar)
        await pilot.click(bar, offset=(str(bar.render()).index("3 Inbox") + 2, 0))
        assert app.main.tab == "inbox"
        assert app.main.query_one("#inbox").display
        assert not app.main.query_one("#dashboard").display
        footer = app.main.query_one(KeyFooter)
        await pilot.click(footer, offset=(str(footer.render()).index("+Day"), 0))
        await settle(pilot, app)
        assert any(isinstance(m, TimeRequested) and m.mode == "day" for m in seen)
        assert app.main.view.snapshot.t > 0


@sync
async def test_left_and_right_step_through_the_tabs_but_not_out_of_a_field(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        assert app.main.tab == "listings"
        await pilot.press("left", "left")
        assert app.main.tab == "charts"  # wraps around
        await pilot.press("5")
        await pilot.pause()
        amount = app.main.query_one("#amount", Input)
        amount.focus()
        await pilot.press("1", "2", "left", "3")
        assert app.main.tab == "money"  # the field moved its cursor instead
        assert amount.value == "132"
        await pilot.press("escape", "left")  # out of the field, the arrows step tabs again
        assert app.main.tab == "orders"


@sync
async def test_a_long_number_and_a_letter_in_the_amount_do_not_freeze_the_game(
    save_dir: Path,
) -> None:
    # Textual's type="number" pattern backtracks exponentially on such input: 27 digits
    # and a letter froze the monkey test for hours.
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        app.main.query_one("#amount", Input).focus()
        await pilot.press(*"1" * 27, "m", "x", ".", "5")
        assert app.main.query_one("#amount", Input).value == "1" * 12
        await pilot.press("escape", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewGameScreen)
        for field in ("#weekday", "#seed"):
            box = app.screen.query_one(field, Input)
            box.value = ""
            box.focus()
            await pilot.press(*"1" * 19, "x", "2")
            assert box.value == "1" * 12


@sync
async def test_month_report_autosave_save_load_and_rewind(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        for _ in range(60):
            await pilot.press("m")
            await settle(pilot, app)
            if isinstance(app.screen, MonthReportScreen):
                break
        assert isinstance(app.screen, MonthReportScreen)
        closed = [m for m in seen if isinstance(m, MonthClosed)]
        assert closed[0].month["label"] == "2026-01"
        assert "Why" in "".join(str(w.render()) for w in app.screen.query(Static))
        autosaves = list(save_dir.glob("autosave-*.json"))
        assert len(autosaves) == 1
        await pilot.press("enter")
        assert not isinstance(app.screen, MonthReportScreen)
        month_two = app.main.view.snapshot
        assert month_two.month == 2

        await pilot.press("d")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved_t = app.main.view.snapshot.t
        assert len(list(save_dir.glob("*.json"))) == 2

        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        await pilot.press("enter")  # the newest save: the manual one
        await finish_loading(pilot, app)
        assert any(isinstance(m, GameReplaced) for m in seen)
        assert app.main.view.snapshot.t == saved_t

        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("tab", "enter")  # month list: start of month 1
        await finish_loading(pilot, app)
        snap = app.main.view.snapshot
        assert snap.month == 1 and snap.t == 0.0 and snap.months == ()


@sync
async def test_a_corrupted_save_is_one_readable_line(save_dir: Path) -> None:
    save_dir.mkdir(parents=True)
    (save_dir / "broken.json").write_text("{not json")
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#saves-error", Static).render())
        assert "broken.json" in error and "not a gigsim save" in error and "\n" not in error
        await pilot.press("escape")
        assert app.main.view.snapshot.t == 0.0


@sync
async def test_an_engine_error_is_a_message_not_a_traceback(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:

        def boom(limit: float) -> bool:
            raise RuntimeError("model exploded")

        app.game.engine.advance_until_decision = boom  # type: ignore[method-assign]
        await pilot.press("w")
        await settle(pilot, app)
        line = message_line(app)
        assert "the simulation stopped: RuntimeError: model exploded" in line
        await pilot.press("w")  # time stays stopped, the app keeps running
        await pilot.pause()
        assert app.is_running and "simulation stopped" in message_line(app)


@sync
async def test_help_new_game_and_theme(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "".join(str(w.render()) for w in app.screen.query(Static))
        for key in ("space", "ctrl+n", "ctrl+s", "ctrl+o", "ctrl+q", "ctrl+p"):
            assert key in text
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark != dark

        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NewGameScreen)
        screen = app.screen
        screen.query_one("#scenario", Select).value = "fiverr"
        screen.query_one("#name", Input).value = "Aiko"
        screen.query_one("#weekday", Input).value = "2"
        screen.query_one("#weekend", Input).value = "4"
        screen.query_one("#seed", Input).value = "42"
        screen.query_one("#start", Button).press()
        await pilot.pause()
        view = app.main.view
        assert (view.player, view.seed, view.currency) == ("Aiko", 42, "USD")
        assert view.snapshot.hours_week == 2 * 5 + 4 * 2
        assert "seed 42" in str(app.main.query_one("#status").render())


@sync
async def test_letter_keys_answer_the_most_urgent_decision(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        await pilot.press("b")  # nothing waits yet: a readable refusal, no crash
        await pilot.pause()
        assert "nothing is waiting" in message_line(app)
        for _ in range(20):
            await pilot.press("w")
            await settle(pilot, app)
            while isinstance(app.screen, MonthReportScreen):
                await pilot.press("enter")
            if app.main.view.snapshot.decisions:
                break
        decisions = app.main.view.snapshot.decisions
        assert decisions, "no decision within the weeks tried"
        assert "a/b/c" in message_line(app)
        first = min(decisions, key=lambda d: d.deadline)
        await pilot.press("a")
        await pilot.pause()
        answer = applied(seen)[-1]
        assert answer.action == AnswerDecision(first.id, first.options[0]) and answer.result.ok
        assert first.id not in {d.id for d in app.main.view.snapshot.decisions}


@sync
async def test_hours_can_be_changed_in_the_game(save_dir: Path) -> None:
    from gigsim.engine.actions import SetHours
    from gigsim.tui.screens.hours import HoursScreen

    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        assert app.main.view.snapshot.hours_week == 10.0
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HoursScreen)
        app.screen.query_one("#h-weekday", Input).value = "2"
        app.screen.query_one("#h-reply", Input).value = "-3"
        app.screen.query_one("#apply", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, HoursScreen)  # a bad value keeps the form open
        assert "Answer messages" in str(app.screen.query_one("#hours-error", Static).render())
        app.screen.query_one("#h-reply", Input).value = "2"
        app.screen.query_one("#apply", Button).press()
        await pilot.pause()
        assert not isinstance(app.screen, HoursScreen)
        ok = applied(seen)[-1]
        assert isinstance(ok.action, SetHours) and ok.result.ok
        assert app.main.view.snapshot.hours_week == 15.0
        assert app.main.view.snapshot.hours == (2.0, 2.5, 4.0, 2.0)

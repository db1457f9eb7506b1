"""What a beginner stumbled on at 80x24, each pinned: money, the report, the log, the keys panel."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Select, Static

from gigsim.engine.api import Withdraw
from gigsim.tui.app import GigsimApp
from gigsim.tui.messages import MonthClosed
from gigsim.tui.screens.report import MonthReportScreen
from gigsim.tui.widgets.dashboard import rank_line
from gigsim.tui.widgets.money_panel import PROMPT
from gigsim.tui.widgets.tab_bar import TabBar
from tests.tui.conftest import QUIET, app_for, record, settle, sync
from tests.tui.test_play import SIZE, applied, message_line


def _text(app: GigsimApp, selector: str) -> str:
    return str(app.main.query_one(selector).render())


@sync
async def test_a_withdrawal_empties_the_field_and_a_tiny_one_says_the_fee_eats_it(
    save_dir: Path,
) -> None:
    app = app_for(save_dir, ("player.balance=6240",))
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        await pilot.press("5")
        amount = app.main.query_one("#amount", Input)
        amount.value = "86"
        await pilot.pause()
        await pilot.pause()
        preview = _text(app, "#preview")
        assert "¥86 does not cover the ¥160 transfer fee" in preview
        assert "you receive" not in preview and "-¥" not in preview
        assert "Withdraw ¥3,000 or more and there is no fee" in preview
        amount.value = "6240"
        await pilot.pause()
        await pilot.pause()
        app.main.query_one("#withdraw", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert applied(seen)[-1].action == Withdraw(6240) and applied(seen)[-1].result.ok
        assert amount.value == ""
        assert _text(app, "#preview") == PROMPT
        line = message_line(app)
        assert "¥6,240 reaches your bank on " in line and "2026" in line and "(fee ¥0)" in line


@sync
async def test_the_money_tab_and_the_inbox_say_when_balance_lapses(save_dir: Path) -> None:
    app = app_for(save_dir, ("player.balance=5000", "platform.payout.lapse_days=40"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        summary = _text(app, "#money-summary")
        assert "Unclaimed balance lapses to the platform:" in summary
        assert "¥5,000 lapses Tue Feb 10, 2026 (in 40 d)" in summary
        await pilot.press("3")
        await pilot.pause()
        notes = _text(app, "#inbox-notices")
        assert notes == (
            "! ¥5,000 of your balance lapses on Tue Feb 10, 2026 (in 40 d): "
            "withdraw it on the Money tab (5)."
        )
        labels = {lb[0]: lb[1] for lb in app.main.query_one(TabBar).labels}
        assert labels["inbox"] == "3 Inbox (1!)"


@sync
async def test_changing_a_listings_category_is_refused_with_the_reason(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        main = app.main
        main.query_one("#f-category", Select).value = "writing"
        await pilot.pause()
        main.query_one("#edit", Button).press()
        await pilot.pause()
        assert "category cannot be changed" in message_line(app)
        assert "✗" in message_line(app)
        assert [lst.category for lst in main.view.snapshot.listings] == ["design"]


@sync
async def test_new_events_bring_the_log_back_to_the_newest(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET, seed=3)
    app.game.quiet = frozenset({"revision_request", "cancellation_request", "dispute"})
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.press("w")
            await settle(pilot, app)
            while len(app.screen_stack) > 1:
                app.pop_screen()
                await pilot.pause()
        box = app.main.query_one("#dash-log-box", VerticalScroll)
        assert box.max_scroll_y > 0, "the log must be long enough to scroll"
        box.scroll_end(animate=False)
        await pilot.pause()
        assert box.scroll_y > 0
        before = app.main.view.log[0]
        await pilot.press("w")
        await settle(pilot, app)
        assert app.main.view.log[0] != before
        assert box.scroll_y == 0


@sync
async def test_the_month_report_scrolls_with_the_arrows_and_fits_the_hints(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        app.game.quiet = frozenset({"revision_request", "cancellation_request", "dispute"})
        app.game.advance("month")
        app.refresh_view()
        month = dict(app.main.view.snapshot.months[-1])
        month["late_deliveries"] = 3  # a month with much to say: late orders, December
        month["revisions"] = 2
        month["label"] = "2026-12"
        app.post_message(MonthClosed(month, None, (month,)))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MonthReportScreen)
        assert screen.focused is screen.query_one("#continue")
        body = screen.query_one("#report-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("down")
        assert body.scroll_y == 1
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        assert body.scroll_y == 0
        # the P&L leaves out the empty lines, so "Try this" starts on the first screen
        pnl = str(screen.query_one("#pnl", Static).render())
        assert "Refunds" not in pnl and "Net income" in pnl and "Hours" in pnl
        hints_top = screen.query_one("#hints").region.y
        assert hints_top < 24
        await pilot.press("enter")
        assert not isinstance(app.screen, MonthReportScreen)


@sync
async def test_escape_on_the_money_tab_gives_the_keys_back(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "tab", "1", "0", "0", "escape")
        assert app.focused is None
        await pilot.press("d")
        await settle(pilot, app)
        assert app.main.view.snapshot.t >= 1.0
        await pilot.press("5", "tab", "tab", "enter", "escape", "d")
        await settle(pilot, app)
        assert app.main.view.snapshot.t >= 2.0


@sync
async def test_the_keys_panel_leaves_room_for_the_status_tabs_and_log(save_dir: Path) -> None:
    app = app_for(save_dir, QUIET, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        app.action_show_help_panel()
        await pilot.pause()
        await pilot.pause()
        status = _text(app, "#status")
        assert "¥0" in status and "m1" in status  # the balance is never cut off
        tabs = _text(app, "#tab-bar")
        assert all(f"{i} " in tabs for i in range(1, 7)), tabs
        assert app.main.query_one("#dash-log-box").size.width >= 16
        app.action_hide_help_panel()
        await pilot.pause()
        await pilot.pause()
        assert "seed 3" in _text(app, "#status") and "6 Charts" in _text(app, "#tab-bar")


def test_rank_lines_say_what_comes_next_in_words() -> None:
    assert rank_line("none", "Regular", ("1 more sale",)) == "none · Regular needs 1 more sale"
    assert rank_line("Platinum", "", ()) == "Platinum · top rank"
    assert rank_line("none", "Regular", ()) == (
        "none · Regular at the next monthly review (the 1st)"
    )
    assert "top rank" not in rank_line("none", "", ())


def test_many_lapsing_parts_are_one_notice(save_dir: Path) -> None:
    import dataclasses

    from gigsim.tui.widgets.inbox import notices

    view = app_for(save_dir).game.view()
    lots = (*((1950 + i, 20.0 + i) for i in range(18)), (9999, 400.0))  # one far off
    snap = dataclasses.replace(view.snapshot, balance_lapses=lots)
    (line,) = notices(dataclasses.replace(view, snapshot=snap))
    total = sum(a for a, t in lots if t <= 62)
    assert line == (
        f"! ¥{total:,} of your balance lapses within two months, the first ¥1,950 on "
        "Wed Jan 21, 2026 (in 20 d): withdraw it on the Money tab (5)."
    )

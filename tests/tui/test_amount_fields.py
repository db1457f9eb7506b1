"""Amount fields speak the currency's major unit both ways: what a form shows, sent back
unchanged, is the same amount, in yen and in dollars (amounts held in cents)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Static

from gigsim.engine.api import EditListing
from gigsim.scenarios import load_scenario
from gigsim.tui.app import GigsimApp, make_app
from tests.tui.conftest import record, sync

SIZE = (80, 24)


def app_on(scenario: str, save_dir: Path, *overrides: str) -> GigsimApp:
    return make_app(load_scenario(scenario, list(overrides)), 1, save_dir=save_dir)


@sync
async def test_a_dollar_listing_saved_unchanged_keeps_its_price_and_options(
    save_dir: Path,
) -> None:
    app = app_on("fiverr", save_dir)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        await pilot.press("2")
        main = app.main
        before = main.view.snapshot.listings[0]
        assert main.query_one("#f-price", Input).value == f"{before.price / 100:.2f}"
        main.query_one("#edit", Button).press()
        await pilot.pause()
        edit = [m for m in seen if isinstance(getattr(m, "action", None), EditListing)][-1]
        assert edit.result.ok  # type: ignore[attr-defined]
        after = main.view.snapshot.listings[0]
        assert (after.price, after.options) == (before.price, before.options)


@sync
async def test_a_dollar_price_and_option_are_typed_in_dollars(save_dir: Path) -> None:
    app = app_on("fiverr", save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        main = app.main
        main.query_one("#f-price", Input).value = "49.99"
        main.query_one("#f-options", Input).value = "Rush:10.50, Licence:20:0.5"
        main.query_one("#edit", Button).press()
        await pilot.pause()
        after = main.view.snapshot.listings[0]
        assert after.price == 4999
        assert after.options == (("Rush", 1050, 0.0), ("Licence", 2000, 0.5))


async def _fill_in_all(app: GigsimApp, pilot: object) -> tuple[str, str]:
    await pilot.press("5")  # type: ignore[attr-defined]
    main = app.main
    main.query_one("#all", Button).press()
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]
    return main.query_one("#amount", Input).value, str(main.query_one("#preview", Static).render())


@sync
async def test_fill_in_all_writes_a_large_yen_balance_whole(save_dir: Path) -> None:
    app = app_on("default", save_dir, "player.balance=1234567")
    async with app.run_test(size=SIZE) as pilot:
        value, preview = await _fill_in_all(app, pilot)
        assert value == "1234567"  # not 1.23457e+06, which withdraws ¥1,234,570
        assert "Withdraw ¥1,234,567" in preview


@sync
async def test_fill_in_all_writes_a_dollar_balance_to_the_cent(save_dir: Path) -> None:
    app = app_on("fiverr", save_dir, "player.balance=1234567")
    async with app.run_test(size=SIZE) as pilot:
        value, preview = await _fill_in_all(app, pilot)
        assert value == "12345.67"  # not 12345.7, more than the balance
        assert "Withdraw $12,345.67" in preview

"""The rule for public requests in the game (``r``): the dialog opens filled with the current
rule (or a first rule's defaults), sets the rule in the engine, refuses a wrong value with one
line naming the field and changes nothing then, nor on cancel; with the rule set, the
requests it takes no longer stop time. In English and in Japanese, at 80×24.

Paired runs on one seed: the same market with no rule stops time for a public request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Button, Checkbox, Input, Select, Static

from gigsim.engine.api import CreateListing, SetRequestRule
from gigsim.engine.request_rule import MAX_PER_WEEK
from gigsim.i18n import _
from gigsim.scenarios import load_scenario
from gigsim.tui.app import GigsimApp, make_app
from gigsim.tui.messages import ActionRequested
from gigsim.tui.screens.help import KEYS
from gigsim.tui.screens.report import MonthReportScreen
from gigsim.tui.screens.request_rule import PER_WEEK_TOP, RequestRuleScreen
from tests.tui.conftest import app_for, record, screen_text, settle, sync

SIZE = (80, 24)
REQUESTS = (
    "mechanisms.competitors=false",
    "mechanisms.inquiries=false",
    "mechanisms.risks=false",
    "market.choice.public_request_share=0.5",
)
"""The player alone, half of the buyers posting a public request instead of searching."""
A_RULE = SetRequestRule(
    categories=("design",), budget_min=2000, budget_max=9000, per_week=5, price="listing",
    others="skip",
)  # fmt: skip
WRITING = CreateListing(
    category="writing", price=3000, title="Blog posts", delivery_days=4, hours_per_order=2, cap=2
)


def message_line(app: GigsimApp) -> str:
    return str(app.main.query_one("#message", Static).render())


def error_line(app: GigsimApp) -> str:
    return str(app.screen.query_one("#rule-error", Static).render())


async def open_rule(pilot, app: GigsimApp) -> RequestRuleScreen:  # type: ignore[no-untyped-def]
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, RequestRuleScreen)
    return app.screen


def fields(screen: RequestRuleScreen) -> dict[str, object]:
    """What the dialog shows: the switch, each category's box, the numbers and the choices."""
    return {
        "on": screen.query_one("#rule-on", Select).value,
        "categories": [c.value for c in screen.query(Checkbox)],
        **{k: screen.query_one(f"#rule-{k}", Input).value for k in ("from", "to", "week")},
        **{k: screen.query_one(f"#rule-{k}", Select).value for k in ("price", "others")},
    }


def fill(screen: RequestRuleScreen, **values: str) -> None:
    for key, value in values.items():
        widget = screen.query_one(f"#rule-{key}")
        widget.value = value  # type: ignore[attr-defined]


async def press(pilot, app: GigsimApp, button: str) -> None:  # type: ignore[no-untyped-def]
    app.screen.query_one(f"#{button}", Button).press()
    await pilot.pause()


@sync
async def test_a_first_rule_opens_with_its_defaults(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rule(pilot, app)
        floor = next(c.price_floor for c in app.game.scenario.categories if c.id == "design")
        assert fields(screen) == {
            "on": "on", "categories": [True], "from": str(floor), "to": "", "week": "3",
            "price": "budget", "others": "ask",
        }  # fmt: skip
        note = str(screen.query_one("#rule-note", Static).render())
        assert "No rule yet" in note and "0.5 hours of your time" in note
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RequestRuleScreen)
        assert app.game.engine.snapshot().request_rule is None


@sync
async def test_the_dialog_opens_filled_with_the_current_rule(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.game.apply(WRITING).ok and app.game.apply(A_RULE).ok
        screen = await open_rule(pilot, app)
        assert [str(c.label) for c in screen.query(Checkbox)] == [
            "Illustration & design",
            "Writing",
        ]
        assert fields(screen) == {
            "on": "on", "categories": [True, False], "from": "2000", "to": "9000", "week": "5",
            "price": "listing", "others": "skip",
        }  # fmt: skip
        assert "This week: 0 of 5 sent." in str(screen.query_one("#rule-note", Static).render())
        # an unchecked box shows blank, a checked one X: told apart without colour
        assert "▐X▌ Illustration & design" in screen_text(app)
        assert "▐ ▌ Writing" in screen_text(app)


@sync
async def test_apply_sets_the_rule_and_the_requests_it_takes_no_longer_stop_time(
    save_dir: Path,
) -> None:
    def public_waits(app: GigsimApp) -> int:
        return sum(
            1
            for e in app.game.engine.events(0)
            if e.kind == "decision_waiting" and e.data.get("decision_kind") == "public_request"
        )

    without = app_for(save_dir, REQUESTS, seed=4)
    async with without.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await settle(pilot, without)
        assert public_waits(without) == 1  # the same market with no rule stops time
        assert "r: request rule" in message_line(without)

    app = app_for(save_dir, REQUESTS, seed=4)
    async with app.run_test(size=SIZE) as pilot:
        seen = record(app)
        screen = await open_rule(pilot, app)
        fill(screen, week="100", others="skip")
        await press(pilot, app, "apply")
        assert not isinstance(app.screen, RequestRuleScreen)
        want = SetRequestRule(budget_min=1000, per_week=100, others="skip")
        assert app.game.engine.snapshot().request_rule == want
        assert [m.origin for m in seen if isinstance(m, ActionRequested)] == ["rule"]
        assert "your rule now proposes to public requests, up to 100 a week" in message_line(app)
        assert (
            app.game.view()
            .log[0]
            .endswith(
                "Rule for public requests: up to 100 a week at the budget; others passed over."
            )
        )
        for _ in range(20):
            await pilot.press("m")
            await settle(pilot, app)
            if isinstance(app.screen, MonthReportScreen):
                break
            # only other kinds of decision (a revision request) may have stopped time
            kinds = {d.kind for d in app.main.view.snapshot.decisions}
            assert kinds and "public_request" not in kinds
            await pilot.press("a")
            await pilot.pause()
        assert isinstance(app.screen, MonthReportScreen)  # the month ran through
        assert public_waits(app) == 0
        events = app.game.engine.events(0)
        posted = [e.data for e in events if e.kind == "request_posted"]
        assert len(posted) > 20 and all(p["rule"] in ("proposed", "passed") for p in posted)
        sent = [e for e in events if e.kind == "proposal_sent" and e.data.get("by_rule")]
        assert len(sent) == sum(p["rule"] == "proposed" for p in posted) > 20
        assert any("Proposal sent by your rule at ¥" in x for x in app.game.view().log)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"from": "5000", "to": "3000"}, "Budget to (¥): blank for no upper bound, or ¥5,000"),
        ({"from": "abc"}, "Budget from (¥): 'abc' is not a number"),
        ({"to": "-1"}, "Budget to (¥): an amount of 0 or more"),
        ({"from": "-5"}, "Budget from (¥): an amount of 0 or more"),
        ({"week": "x"}, "Proposals a week: a whole number from 0 to 100"),
        ({"week": "2.5"}, "Proposals a week: a whole number from 0 to 100"),
        ({"week": "101"}, "Proposals a week: a whole number from 0 to 100"),
        ({"week": ""}, "Proposals a week: a whole number from 0 to 100"),
        ({"cat-0": False}, "Categories: check at least one"),
    ],
)
@sync
async def test_a_wrong_value_shows_one_line_and_changes_nothing(
    save_dir: Path, values: dict[str, object], field: str
) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.game.apply(A_RULE).ok
        seen = record(app)
        screen = await open_rule(pilot, app)
        fill(screen, **values)  # type: ignore[arg-type]
        await press(pilot, app, "apply")
        assert app.screen is screen  # the form stays open
        assert error_line(app).startswith(f"✗ {field}")
        assert app.game.engine.snapshot().request_rule == A_RULE
        assert not [m for m in seen if isinstance(m, ActionRequested)]
        await pilot.press("escape")
        await pilot.pause()
        assert app.game.engine.snapshot().request_rule == A_RULE


@sync
async def test_letters_and_a_minus_cannot_be_typed_into_the_numbers(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rule(pilot, app)
        screen.query_one("#rule-week", Input).focus()
        await pilot.press("end", "x", "minus", "r", "5")
        assert screen.query_one("#rule-week", Input).value == "35"
        assert isinstance(app.screen, RequestRuleScreen)  # r typed in a field opens nothing


@sync
async def test_cancel_and_escape_change_nothing(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.game.apply(A_RULE).ok
        seen = record(app)
        for close in ("cancel", "escape"):
            screen = await open_rule(pilot, app)
            fill(screen, week="9", on="off", price="budget")
            if close == "cancel":
                await press(pilot, app, "cancel")
            else:
                await pilot.press("escape")
                await pilot.pause()
            assert not isinstance(app.screen, RequestRuleScreen)
            assert app.game.engine.snapshot().request_rule == A_RULE
        assert not [m for m in seen if isinstance(m, ActionRequested)]


@sync
async def test_off_removes_the_rule_and_all_checked_means_every_category(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.game.apply(WRITING).ok and app.game.apply(A_RULE).ok
        screen = await open_rule(pilot, app)
        fill(screen, **{"cat-1": True, "to": "", "from": "1500"})  # type: ignore[arg-type]
        await press(pilot, app, "apply")
        got = app.game.engine.snapshot().request_rule
        assert got == SetRequestRule(
            categories=(), budget_min=1500, per_week=5, price="listing", others="skip"
        )
        screen = await open_rule(pilot, app)
        fill(screen, on="off")
        await pilot.pause()
        assert screen.query_one("#rule-week", Input).disabled  # off: the fields say nothing
        await press(pilot, app, "apply")
        assert app.game.engine.snapshot().request_rule is None
        assert "no rule: time stops for every public request" in message_line(app)
        assert any("Rule for public requests removed." in x for x in app.game.view().log)


@sync
async def test_a_rule_in_some_categories_only(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.game.apply(WRITING).ok
        screen = await open_rule(pilot, app)
        fill(screen, **{"cat-0": False, "to": "8000"})  # type: ignore[arg-type]
        await press(pilot, app, "apply")
        got = app.game.engine.snapshot().request_rule
        assert got == SetRequestRule(categories=("writing",), budget_min=1000, budget_max=8000)


@sync
async def test_dollars_are_typed_as_the_listing_form_takes_prices(save_dir: Path) -> None:
    app = make_app(load_scenario("fiverr"), 1, save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rule(pilot, app)
        floor = min(c.price_floor for c in app.game.scenario.categories
                    if c.id in {lst.category for lst in app.main.view.snapshot.listings})  # fmt: skip
        assert fields(screen)["from"] == f"{floor / 100:.2f}"
        fill(screen, **{"from": "20", "to": "45.50"})
        await press(pilot, app, "apply")
        got = app.game.engine.snapshot().request_rule
        assert got is not None and (got.budget_min, got.budget_max) == (2000, 4550)


@sync
async def test_in_japanese_within_80_by_24(save_dir: Path, language: Callable[[str], None]) -> None:
    language("ja")
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.game.apply(WRITING).ok
        for c in ("consultation", "wake-up-call", "handmade", "fortune-telling"):
            assert app.game.apply(replace(WRITING, category=c)).ok
        screen = await open_rule(pilot, app)
        text = screen_text(app)
        lines = text.split("\n")
        assert len(lines) == 24 and all(cell_len(line) <= 80 for line in lines)
        for shown in ("公開依頼の提案ルール", "予算の下限 (円)", "週の提案数", "対象外の依頼",
                      "占い", "提案1件に0.5時間かかります", "適用", "キャンセル"):  # fmt: skip
            assert shown in text, shown
        assert text.count("╰") == 1  # the dialog's bottom edge is on the screen: nothing cut off
        fill(screen, **{"from": "5000", "to": "3000"})
        await press(pilot, app, "apply")
        assert error_line(app) == "✗ 予算の上限 (円): 空欄 (上限なし) か 5,000円 以上にしてください"
        assert app.game.engine.snapshot().request_rule is None
        fill(screen, to="", others="skip")
        await press(pilot, app, "apply")
        assert app.game.engine.snapshot().request_rule == SetRequestRule(
            budget_min=5000, others="skip"
        )
        assert "提案ルールが公開依頼に提案します (週3件まで)" in message_line(app)
        assert any("提案ルール: 予算の額で週3件まで提案し、対象外の依頼は見送ります。" in x
                   for x in app.game.view().log)  # fmt: skip


@sync
async def test_the_palette_and_the_help_offer_the_rule(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands[_("Rule for public requests")].callback()
        await pilot.pause()
        assert isinstance(app.screen, RequestRuleScreen)
    assert "r          rule for public requests" in str(KEYS)


@sync
async def test_every_field_is_reached_with_tab_and_enter_applies(save_dir: Path) -> None:
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.game.apply(WRITING).ok
        screen = await open_rule(pilot, app)
        reached = []
        for _ in range(10):
            await pilot.press("tab")
            reached.append(app.focused.id if app.focused is not None else None)
        assert reached == [
            "rule-cat-0", "rule-cat-1", "rule-from", "rule-to", "rule-week", "rule-price",
            "rule-others", "apply", "cancel", "rule-on",
        ]  # fmt: skip
        await pilot.press("tab", "space")  # the first category unchecked
        assert not screen.query_one("#rule-cat-0", Checkbox).value
        await pilot.press(*["tab"] * 4, "backspace", "7", "enter")  # a week: 7
        await pilot.pause()
        assert not isinstance(app.screen, RequestRuleScreen)
        got = app.game.engine.snapshot().request_rule
        assert got == SetRequestRule(categories=("writing",), budget_min=1000, per_week=7)


def test_the_dialog_allows_what_the_engine_does() -> None:
    assert PER_WEEK_TOP == MAX_PER_WEEK


@sync
async def test_the_language_switched_with_the_dialog_open(
    save_dir: Path, language: Callable[[str], None]
) -> None:
    language("en")
    app = app_for(save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_rule(pilot, app)
        await app.switch_language("ja")
        await pilot.pause()
        text = screen_text(app)
        assert "公開依頼の提案ルール" in text and "イラスト・デザイン" in text, text


@sync
async def test_many_categories_scroll_and_apply_stays_in_reach(save_dir: Path) -> None:
    """A scenario's player may list in more categories than the dialog has lines for: it
    scrolls, and tab still reaches every box and Apply."""
    base = load_scenario("default")
    design = next(c for c in base.categories if c.id == "design")
    extra = [design.model_copy(update={"id": f"art-{i}", "name": f"Art {i}"}) for i in range(12)]
    scenario = base.model_copy(update={"categories": [*base.categories, *extra]})
    app = make_app(scenario, 1, save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        for c in extra:
            assert app.game.apply(replace(WRITING, category=c.id, price=5000)).ok
        screen = await open_rule(pilot, app)
        assert len(screen.query(Checkbox)) == 13
        for _ in range(40):
            await pilot.press("tab")
            if app.focused is not None and app.focused.id == "apply":
                break
        assert "Apply" in screen_text(app)  # scrolled into view
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.engine.snapshot().request_rule == SetRequestRule(budget_min=1000)


def test_full_width_digits_are_taken_for_the_number_a_week_as_for_the_amounts() -> None:
    from gigsim.tui.screens.request_rule import RuleForm, build_rule

    form = RuleForm(SetRequestRule(), False, (("design", "Design"),), 0, "JPY", 0.5)
    rule = build_rule(form, ["design"], "１０００", "", "５", "budget", "ask")
    assert rule.per_week == 5 and rule.budget_min == 1000

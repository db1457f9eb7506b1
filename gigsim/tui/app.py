"""The game's App: holds the ``Game``, runs time in a worker, routes messages.

Thin on purpose (modules of about 400 lines: docs/architecture.md, "Conventions"):
screens render ``GameView`` objects and post messages; this class owns the only reference to the engine (through
``Game``) and is the one place where worker failures become a readable line.
``make_app`` is the factory shared by the command line, the tests and the
benchmark.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from gigsim import i18n
from gigsim.engine.api import Engine
from gigsim.errors import BadInput
from gigsim.i18n import N_, _, ngettext
from gigsim.lessons.progress import LessonProgress
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario, shipped_scenarios
from gigsim.text.sentences import withdraw_preview
from gigsim.tui import glyphs, lesson_actions, session, textual_fixes, textual_texts
from gigsim.tui.language import language_name, other_language
from gigsim.tui.messages import (
    ActionApplied,
    ActionRequested,
    DecisionArrived,
    GameReplaced,
    LanguageRequested,
    LoadRequested,
    MonthClosed,
    NewGameRequested,
    PauseRequested,
    PreviewRequested,
    RewindRequested,
    TimeRequested,
    TimeStopped,
    ViewUpdated,
)
from gigsim.tui.palette import game_commands
from gigsim.tui.screens.help import HelpScreen
from gigsim.tui.screens.hours import HoursScreen
from gigsim.tui.screens.loading import LoadingScreen, Replay, Replayed
from gigsim.tui.screens.luck import GAME_SEEDS, LuckRunner, luck_screen
from gigsim.tui.screens.main import MainScreen
from gigsim.tui.screens.new_game import NewGameScreen
from gigsim.tui.screens.report import MonthReportScreen
from gigsim.tui.screens.request_rule import RequestRuleScreen, rule_form
from gigsim.tui.screens.rules import RulesScreen, rules_facts
from gigsim.tui.screens.saves_screen import SavesScreen
from gigsim.tui.screens.settings import SettingsScreen
from gigsim.tui.screens.tour import TourScreen
from gigsim.tui.session import Game, Mode


class GigsimApp(App[int]):
    # The main screen's styles load with the app's: loaded as a screen's CSS_PATH they
    # would make Textual parse every stylesheet twice more at start-up.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["theme.tcss", "screens/main.tcss"]
    TITLE = "gigsim"
    BINDINGS: ClassVar[list[BindingType]] = [
        # descriptions marked only: the footer shows them translated (``_(description)``)
        Binding("question_mark,f1", "help", N_("Help")),
        Binding("ctrl+n", "new_game", N_("New")),
        Binding("h", "hours", N_("Hours"), show=False),
        Binding("p", "rules", N_("Rules"), show=False),
        Binding("r", "request_rule", N_("Request rule"), show=False),
        Binding("ctrl+s", "save", N_("Save")),
        Binding("ctrl+o", "load", N_("Load/Rewind")),
        Binding("ctrl+t", "toggle_theme", N_("Theme"), show=False),
        Binding("ctrl+l", "language", N_("Language"), show=False),
        Binding("f2", "settings", N_("Settings"), show=False),
        Binding("l", "lesson_card", N_("Lesson"), show=False),
        Binding("e", "write_report", N_("Report"), show=False),
        Binding("k", "luck", N_("Luck check"), show=False),
    ]

    def __init__(self, game: Game, luck: LuckRunner | None = None, tour: bool = False) -> None:
        """``luck`` runs the luck check (the command line hands in the batch runner's);
        ``tour``: open the first-time tour on this new game, and on each new game started
        in it (the setting ``tour`` can change that)."""
        textual_fixes.install()
        glyphs.install()
        super().__init__()
        self.game = game
        self.luck = luck
        self.luck_seeds = GAME_SEEDS
        self.tour = tour
        self.tour_pending = tour  # the game given is new: its tour is still to be shown
        self.running = False
        self.broken = ""  # set when the engine failed: time stays stopped
        self.internal_errors: list[Exception] = []  # what the last line of defence caught
        self.exit_line = ""  # printed by ``run_game`` once the terminal is restored
        self.started_in = i18n.language()  # the language given back when the game ends

    def on_unmount(self) -> None:
        """A language chosen in the game lasts as long as the game: the caller gets its own back."""
        i18n.set_language(self.started_in)

    # -- screens ------------------------------------------------------------
    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def get_default_screen(self) -> MainScreen:
        """The main screen, composed with the current view so it is drawn once at start-up."""
        return MainScreen(self.game.view(running=self.running))

    def on_mount(self) -> None:
        self.show_tour()

    def show_tour(self) -> None:
        """The tour, once for a new game (never for a loaded one); its end may open the rules.
        A lesson's card comes after it (at once without a tour)."""

        def card() -> None:
            if self.game.lesson is not None:  # a lesson starts with its card (a class: a name)
                lesson_actions.start(self)

        if not self.tour_pending:
            card()
            return
        self.tour_pending = False

        def done(rules: bool | None) -> None:
            if rules and isinstance(self.screen, MainScreen):  # the card once they are read
                self.push_screen(RulesScreen(rules_facts(self.game)), callback=lambda _: card())
            else:
                card()

        self.push_screen(TourScreen(self.game.scenario.platform.name), callback=done)

    def refresh_view(self) -> None:
        self.main.view = self.game.view(running=self.running)

    def say(self, text: str, ok: bool = True) -> None:
        self.main.say(text, ok)

    # -- actions --------------------------------------------------------------
    @on(ActionRequested)
    def _action(self, event: ActionRequested) -> None:
        try:
            result = self.game.apply(event.action)
        except Exception as e:  # an engine bug must not reach the player as a traceback
            self.failed(e)
            return
        self.main.post_message(ActionApplied(event.action, result, event.origin))
        if not self.running:
            self.refresh_view()

    @on(PreviewRequested)
    def _preview(self, event: PreviewRequested) -> None:
        try:
            fee, date = self.game.payout_preview(event.amount)
        except Exception as e:
            self.failed(e)
            return
        sc = self.game.scenario
        view = self.main.view
        balance = view.snapshot.balance if view is not None else 0
        payout = sc.platform.payout
        self.main.preview = withdraw_preview(
            event.amount,
            fee,
            dt.date.fromisoformat(date),
            balance,
            sc.currency,
            payout.minimum,
            payout.fee_waived_from,
        )

    # -- time -----------------------------------------------------------------
    @on(TimeRequested)
    def _time(self, event: TimeRequested) -> None:
        if self.broken:
            self.say(self.broken, ok=False)
        elif not self.running:
            self.running = True
            self.refresh_view()
            self.run_worker(
                lambda: self._advance(event.mode), thread=True, group="time", exit_on_error=False
            )

    @on(PauseRequested)
    def _pause(self) -> None:
        self.workers.cancel_group(self, "time")

    def _advance(self, mode: Mode) -> None:
        """In the worker thread: the only place time moves."""
        game, worker = self.game, get_current_worker()

        def progress(view: session.GameView) -> None:
            if self.game is game:
                self.post_message(ViewUpdated(view))

        outcome = game.advance(mode, lambda: worker.is_cancelled, progress)
        if self.game is game:
            self.post_message(TimeStopped(game.view(), outcome))

    @on(ViewUpdated)
    def _view_updated(self, event: ViewUpdated) -> None:
        if self.running:
            self.main.view = event.view

    @on(TimeStopped)
    def _time_stopped(self, event: TimeStopped) -> None:
        self.running = False
        self.main.view = event.view
        out = event.outcome
        if out.stop == "month":
            ok = not out.autosave.startswith("error")
            saved = (
                _("autosaved ({file})").format(file=Path(out.autosave).name) if ok else out.autosave
            )
            self.say(_("month closed; {saved}").format(saved=saved), ok)
            prev = out.previous_month
            for month in out.closed_months:
                self.post_message(MonthClosed(month, prev, event.view.snapshot.months))
                prev = month
        elif out.stop == "decision":
            self.post_message(DecisionArrived(out.new_decisions))
        elif out.stop == "paused":
            self.say(_("paused"))

    @on(MonthClosed)
    def _month_closed(self, event: MonthClosed) -> None:
        cur = self.game.scenario.currency
        lesson_actions.mission_due(self)  # under the month's report: the month is read first
        salaried = self.game.scenario.player.salaried
        self.push_screen(
            MonthReportScreen(event.month, event.previous, event.all_months, cur, salaried)
        )

    @on(DecisionArrived)
    def _decision(self, event: DecisionArrived) -> None:
        self.main.action_tab("inbox")
        n = len(event.decisions)
        view = self.main.view
        kinds = (
            {d.kind for d in view.snapshot.decisions if d.id in event.decisions} if view else set()
        )
        if kinds == {"public_request"}:
            self.say(_("new public request: time is paused · a/b/c answers · r: request rule"))
            return
        self.say(
            ngettext(
                "{n} new decision waiting: time is paused · a/b/c answers the first",
                "{n} new decisions waiting: time is paused · a/b/c answers the first",
                n,
            ).format(n=n)
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "time":
            self.running = False
            self.failed(event.worker.error)

    def failed(self, error: BaseException | None) -> None:
        """The one handler for engine failures: a readable line, time stopped, autosave kept."""
        kept = self.game.last_autosave
        what = f"{type(error).__name__}: {error}"
        self.broken = (
            _(
                "the simulation stopped: {error}. Your last autosave is kept ({file}): "
                "ctrl+o loads a save, ctrl+n starts anew."
            ).format(error=what, file=kept.name)
            if kept
            else _(
                "the simulation stopped: {error}. ctrl+o loads a save, ctrl+n starts anew."
            ).format(error=what)
        )
        self.say(self.broken, ok=False)
        self.refresh_view()

    def _handle_exception(self, error: Exception) -> None:
        """The last line of defence: an unexpected exception anywhere in the game.

        Textual would end the game with a traceback and lose the play since the
        last autosave. Instead the game is saved, the app quits cleanly and the
        command line prints one line saying where the save is. Quitting rather
        than going on, because the widget whose handler failed has stopped
        taking messages. ``GIGSIM_DEBUG=1`` keeps Textual's traceback.
        """
        if os.environ.get("GIGSIM_DEBUG") == "1":
            super()._handle_exception(error)
            return
        line = _("internal error: {error}").format(error=f"{type(error).__name__}: {error}")
        self.internal_errors.append(error)
        if self.exit_line:  # already quitting after an earlier one
            return
        self.exit_line = f"{line}; {self._rescue_save()}"
        self.exit(return_code=1)

    def _rescue_save(self) -> str:
        self.workers.cancel_group(self, "time")
        if not self.game.lock.acquire(timeout=5.0):
            kept = self.game.last_autosave
            return (
                _("your last autosave is kept as {path}").format(path=kept)
                if kept
                else _("the game was not saved")
            )
        try:
            path = self.game.save_new("rescue", label=N_("saved after an internal error"))
        except Exception as e:  # the save itself failing must not hide the first error
            return _("the game could not be saved ({error})").format(
                error=f"{type(e).__name__}: {e}"
            )
        finally:
            self.game.lock.release()
        return _("your game was saved as {path} (ctrl+o in the game loads it)").format(path=path)

    # -- games ----------------------------------------------------------------
    def replace_game(self, game: Game, how: str) -> None:
        self.workers.cancel_group(self, "time")
        game.quiet = self.game.quiet  # the player's choice outlives the game it was made in
        game.reports = self.game.reports
        self.game, self.running, self.broken = game, False, ""
        self.refresh_view()
        self.say(how)
        self.main.post_message(GameReplaced(how))
        if game.lesson is not None and isinstance(self.screen, MainScreen):
            self.say(
                _("{how}; lesson {n} goes on (l: its card)").format(how=how, n=game.lesson.number)
            )
            lesson_actions.mission_due(self)

    @on(NewGameRequested)
    def _new_game(self, event: NewGameRequested) -> None:
        try:
            base = load_scenario(event.scenario)
            scenario = session.scenario_with(base, event.name, event.weekday, event.weekend)
            engine = Engine(scenario, event.seed, policy=None)
        except BadInput as e:
            self.say(e.short(), ok=False)
            return
        self.replace_game(Game(engine, event.scenario, self.game.saves), _("new game started"))
        self.tour_pending = self.tour
        self.show_tour()

    @on(LoadRequested)
    def _load(self, event: LoadRequested) -> None:
        path, folder = event.path, self.game.saves
        self._replay(
            _("Loading {file}").format(file=path.name),
            lambda progress, cancelled: session.load(path, folder, progress, cancelled),
            _("loaded {file}").format(file=path.name),
        )

    @on(RewindRequested)
    def _rewind(self, event: RewindRequested) -> None:
        game, month = self.game, event.month
        self._replay(
            _("Rewinding to the start of month {month}").format(month=month),
            lambda progress, cancelled: game.rewind(month, progress, cancelled),
            _("rewound to the start of month {month}: a new branch").format(month=month),
        )

    def _replay(self, title: str, replay: Replay, how: str) -> None:
        """Load or rewind in a worker behind a progress dialog; escape there keeps this game."""
        self.workers.cancel_group(self, "time")

        def done(result: Replayed | None) -> None:
            if result is not None and result.game is not None:
                self.replace_game(result.game, how)
            elif result is not None and result.error:
                self.say(result.error, ok=False)
            else:
                self.say(_("loading cancelled: the game you were playing goes on"))

        self.push_screen(LoadingScreen(title, replay), callback=done)

    # -- key actions ------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_hours(self) -> None:
        if isinstance(self.screen, MainScreen):
            s = self.game.view().snapshot
            self.push_screen(HoursScreen(s.hours, s.disclosure, self.game.scenario))

    def action_rules(self) -> None:
        """The platform's rules, worked out on the player's own listings."""
        if isinstance(self.screen, MainScreen):
            self.push_screen(RulesScreen(rules_facts(self.game)))

    def action_new_game(self) -> None:
        sc = self.game.scenario
        if isinstance(self.screen, MainScreen):
            self.push_screen(
                NewGameScreen(
                    shipped_scenarios(),
                    self.game.source,
                    sc.player.name,
                    sc.player.hours.weekday,
                    sc.player.hours.weekend,
                    self.game.engine.seed,
                )
            )

    def action_save(self) -> None:
        if self.running:
            self.say(_("pause time first (space), then save"), ok=False)
            return
        try:
            path = self.game.save()
        except BadInput as e:
            self.say(e.short(), ok=False)
            return
        self.say(_("saved as {file} in {folder}").format(file=path.name, folder=path.parent))

    def action_load(self) -> None:
        if not isinstance(self.screen, MainScreen):
            return
        self.workers.cancel_group(self, "time")
        months = (
            [(m["month"], m["label"]) for m in self.main.view.snapshot.months]
            if self.main.view
            else []
        )
        current = self.game.view().snapshot
        months.append((current.month, str(current.month_so_far.get("label", ""))))
        self.push_screen(SavesScreen(session.list_saves(self.game.saves), self.game.saves, months))

    def action_luck(self) -> None:
        """The luck check of the months played so far (time stops while it runs)."""
        if not isinstance(self.screen, MainScreen):
            return
        self.workers.cancel_group(self, "time")
        self.push_screen(luck_screen(self.game, self.luck, self.luck_seeds))

    def action_request_rule(self) -> None:
        """The rule for buyers' public requests: which the game proposes to by itself."""
        if isinstance(self.screen, MainScreen):
            s = self.game.view().snapshot
            self.push_screen(RequestRuleScreen(rule_form(s, self.game.scenario)))

    def action_language(self) -> None:
        """Switch to the next language on offer (the palette's and ctrl+l's one-step switch)."""
        self.post_message(LanguageRequested(other_language()))

    def action_lesson_card(self) -> None:
        lesson_actions.show_card(self)

    def action_mission_report(self) -> None:
        lesson_actions.show_mission(self)

    def action_write_report(self) -> None:
        lesson_actions.write_report(self)

    def action_settings(self) -> None:
        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    @on(LanguageRequested)
    async def _language(self, event: LanguageRequested) -> None:
        await self.switch_language(event.code)

    async def switch_language(self, code: str) -> None:
        """Show the game in ``code`` from now on: every open screen is drawn again.

        A replay's progress dialog is left as it is (its worker holds the title it
        was given); it closes by itself.
        """
        if code not in i18n.available() or code == i18n.language():
            return
        i18n.set_language(code)
        tab = self.main.tab
        await self.main.panes_built()
        for screen in self.screen_stack:
            if not isinstance(screen, LoadingScreen):
                await screen.recompose()
        self.main.action_tab(tab)
        await self.main.panes_built()
        self.refresh_view()
        self.refresh_bindings()
        self.say(_("Language: {name}").format(name=language_name(code)))

    # -- Textual's own texts, in the game's language (gigsim.tui.textual_texts) --
    def action_command_palette(self) -> None:
        textual_texts.open_command_palette(self)

    def search_themes(self) -> None:
        textual_texts.open_theme_search(self)

    def action_show_help_panel(self) -> None:
        textual_texts.show_keys(self)

    def action_help_quit(self) -> None:
        textual_texts.tell_how_to_quit(self)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield SystemCommand(_(command.title), _(command.help), command.callback)
        yield from game_commands(self)


def make_app(
    scenario: Scenario,
    seed: int,
    source: str = "default",
    save_dir: Path | None = None,
    lesson: int | LessonProgress | None = None,
    reports: Path | None = None,
    luck: LuckRunner | None = None,
    tour: bool = False,
) -> GigsimApp:
    """The app for a new game (of lesson ``lesson``, if given: its number, or its progress with
    the class pack it is played on); the command line, the tests and the benchmark all use
    this. Reports to hand in go to ``reports`` (``gigsim play``: the folder it was started in),
    else to a ``reports`` folder among the saves. ``tour`` opens the first-time tour (the
    command line's default; off for tests and the benchmark, which drive the game with keys
    of their own)."""
    engine = Engine(scenario, seed, policy=None)
    progress = LessonProgress(lesson) if isinstance(lesson, int) else lesson
    saves = save_dir or session.save_dir()
    return GigsimApp(Game(engine, source, saves, lesson=progress, reports=reports), luck, tour=tour)


def run_game(
    scenario: Scenario,
    seed: int = 1,
    source: str = "default",
    lesson: int | LessonProgress | None = None,
    reports: Path | None = None,
    luck: LuckRunner | None = None,
    tour: bool = True,
) -> int:
    """The game in this terminal; reports to hand in go to ``reports`` (see ``make_app``)."""
    app = make_app(scenario, seed, source, lesson=lesson, reports=reports, luck=luck, tour=tour)
    app.run()
    if app.exit_line:
        print(" ".join(app.exit_line.split()), file=sys.stderr)
    return int(app.return_code or 0)

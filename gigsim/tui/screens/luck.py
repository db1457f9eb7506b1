"""The luck check's dialog: the player's strategy replayed on other seeds, with its progress.

The check itself (``gigsim.experiments.luck.game_luck_check``, handed to the
app by the command line: the game does not import the batch runner) runs in
a worker thread and sends its runs to worker processes on all cores; this
dialog shows how many runs are done, then the report (``gigsim.text.luck``).
Escape cancels a check in progress, which ends its processes at once, and
closes the dialog; before any month has closed there is nothing to compare,
and the dialog says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from gigsim.engine import api
from gigsim.engine.api import CancelFn, Cancelled
from gigsim.errors import BadInput
from gigsim.i18n import N_, _, ngettext
from gigsim.text.luck import NOTHING_YET, LuckSummary, luck_lines
from gigsim.tui.session import Game

LuckRunner = Callable[[dict[str, Any], int, Callable[[int, int], None], CancelFn], LuckSummary]
"""Runs the luck check of a game's save data on a number of other seeds; told the runs done
and the runs in all, asked whether to stop (then raises ``Cancelled``)."""

GAME_SEEDS = 30
"""Other seeds of the game's luck check (``gigsim luck SAVE`` runs 100): on two cores busy
with other work its runs took about 30 s for three months played, a minute for six."""

TEXT_WIDTH = 72
"""Cells a line of the report has at 80 columns (the dialog's border, padding and scroll bar
aside)."""


class _Progressed(Message, bubble=False):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class _Finished(Message, bubble=False):
    def __init__(self, summary: LuckSummary | None, error: str = "") -> None:
        super().__init__()
        self.summary, self.error = summary, error


class LuckScreen(ModalScreen[None]):
    CSS_PATH = "luck.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Cancel / close")),
        Binding("down", "scroll('down')", N_("Scroll down"), show=False),
        Binding("up", "scroll('up')", N_("Scroll up"), show=False),
        Binding("pagedown", "scroll('page_down')", N_("Page down"), show=False),
        Binding("pageup", "scroll('page_up')", N_("Page up"), show=False),
    ]

    def __init__(self, data: dict[str, Any] | None, runner: LuckRunner | None, seeds: int) -> None:
        """``data``: the game's save data, None before any month has closed."""
        super().__init__()
        self.data, self.runner, self.seeds = data, runner, seeds
        self.summary: LuckSummary | None = None
        self.error = ""
        self.running = data is not None and runner is not None
        self.done, self.total = 0, 0

    def _status(self) -> str:
        if self.data is None:
            return str(NOTHING_YET)
        if self.runner is None:
            return _("This game cannot run the luck check itself: run gigsim luck SAVE.")
        if self.error:
            return self.error
        if self.summary is not None:
            return ngettext(
                "{n} other seed here; for 100, save (ctrl+s) and run gigsim luck SAVE.",
                "{n} other seeds here; for 100, save (ctrl+s) and run gigsim luck SAVE.",
                self.seeds,
            ).format(n=self.seeds)
        if not self.total:
            return _("Reading your strategy from your game …")
        return _("Replaying your strategy and the policies: run {done} of {total} …").format(
            done=self.done, total=self.total
        )

    def compose(self) -> ComposeResult:
        # built here, so that a change of language draws it again in the new one
        with Vertical(id="luck"):
            yield Static(_("Luck check: skill or luck?"), id="luck-title")
            yield Static(self._status(), id="luck-status", markup=False)
            bar = ProgressBar(total=self.total or None, show_eta=False, id="luck-bar")
            bar.display = self.running
            if self.total:
                bar.update(progress=self.done)
            yield bar
            with VerticalScroll(id="luck-body"):
                lines = luck_lines(self.summary, TEXT_WIDTH) if self.summary else []
                yield Static("\n".join(lines), id="luck-text", markup=False)
            hint = _("escape: cancel") if self.running else _("escape: close · ↑ ↓ scroll")
            yield Static(hint, classes="hint", id="luck-hint", markup=False)

    def on_mount(self) -> None:
        if self.running:
            self.run_worker(self._work, thread=True, group="luck", exit_on_error=False)

    def on_unmount(self) -> None:
        """However the dialog goes (escape, the game quitting), its check stops."""
        self.workers.cancel_node(self)

    def _work(self) -> None:
        """In the worker thread: the check, reported through messages (never touching widgets)."""
        assert self.data is not None and self.runner is not None
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            self.post_message(_Progressed(done, total))

        try:
            summary = self.runner(self.data, self.seeds, progress, lambda: worker.is_cancelled)
        except Cancelled:
            return
        except BadInput as e:
            self.post_message(_Finished(None, e.short()))
        except Exception as e:  # a failed check is one line, never a traceback
            what = f"{type(e).__name__}: {e}"
            self.post_message(
                _Finished(None, _("the luck check failed: {error}").format(error=what))
            )
        else:
            self.post_message(_Finished(summary))

    @on(_Progressed)
    def _show(self, event: _Progressed) -> None:
        self.done, self.total = event.done, event.total
        self.query_one("#luck-status", Static).update(self._status())
        self.query_one("#luck-bar", ProgressBar).update(total=event.total, progress=event.done)

    @on(_Finished)
    async def _finished(self, event: _Finished) -> None:
        self.summary, self.error, self.running = event.summary, event.error, False
        await self.recompose()

    def action_scroll(self, how: str) -> None:
        getattr(self.query_one("#luck-body", VerticalScroll), f"scroll_{how}")(animate=False)

    def action_close(self) -> None:
        self.workers.cancel_node(self)
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)


def luck_screen(game: Game, runner: LuckRunner | None, seeds: int) -> LuckScreen:
    """The dialog for ``game`` as it stands (its save data, taken under its lock)."""
    with game.lock:
        engine = game.engine
        data = api.save_data(engine) if engine.months_closed() else None
    return LuckScreen(data, runner, seeds)

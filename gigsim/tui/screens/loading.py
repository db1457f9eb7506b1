"""Loading a save or rewinding: the replay runs in a worker while this dialog shows how far it is.

A long game takes seconds to replay (every simulated event is run again), so
the replay never runs on the UI thread. Escape cancels it, and the game that
was being played goes on untouched: the replay builds a new game beside it.
The dialog closes with a ``Replayed`` result, handed to the app's callback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from gigsim.engine.api import CancelFn, Cancelled, Progress, ProgressFn
from gigsim.errors import BadInput
from gigsim.i18n import N_, _
from gigsim.tui.session import Game

Replay = Callable[[ProgressFn, CancelFn], Game]
"""Builds the new game; told the progress, asked whether to stop (then raises ``Cancelled``)."""


@dataclass(frozen=True)
class Replayed:
    """How a replay ended: the new game, or an error line, or neither (cancelled)."""

    game: Game | None = None
    error: str = ""


class _Progressed(Message, bubble=False):
    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress


class _Finished(Message, bubble=False):
    def __init__(self, result: Replayed) -> None:
        super().__init__()
        self.result = result


def progress_line(p: Progress) -> str:
    return _("replaying month {month} of {months} …").format(month=p.month, months=p.months)


class LoadingScreen(ModalScreen[Replayed]):
    CSS_PATH = "loading.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, replay: Replay) -> None:
        super().__init__()
        self.title_line = title
        self.replay = replay
        self.result: Replayed | None = None  # set once: finished, failed or cancelled
        self.closed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield Static(self.title_line, id="loading-title", markup=False)
            yield Static(_("replaying …"), id="loading-progress", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="loading-bar")
            yield Static(
                _("escape: cancel (the game you are playing goes on)"), classes="hint", markup=False
            )

    def on_mount(self) -> None:
        self.run_worker(self._work, thread=True, group="load", exit_on_error=False)

    def on_unmount(self) -> None:
        """However the dialog goes (escape, the game quitting), its replay stops."""
        self.workers.cancel_node(self)

    def _work(self) -> None:
        """In the worker thread: replay, and report through messages (never touch widgets)."""
        worker = get_current_worker()

        def progress(p: Progress) -> None:
            self.post_message(_Progressed(p))

        try:
            game = self.replay(progress, lambda: worker.is_cancelled)
        except Cancelled:
            return
        except BadInput as e:
            result = Replayed(error=e.short())
        except ValueError as e:  # a month that is not in the game's past
            result = Replayed(error=str(e))
        except Exception as e:  # a replay that breaks is one line too, never a traceback
            result = Replayed(
                error=_("cannot replay: {error}").format(error=f"{type(e).__name__}: {e}")
            )
        else:
            result = Replayed(game)
        self.post_message(_Finished(result))

    @on(_Progressed)
    def _show(self, event: _Progressed) -> None:
        p = event.progress
        self.query_one("#loading-progress", Static).update(progress_line(p))
        self.query_one("#loading-bar", ProgressBar).update(total=p.months, progress=p.month)

    @on(_Finished)
    def _finished(self, event: _Finished) -> None:
        self._close(event.result)

    def action_cancel(self) -> None:
        self.workers.cancel_node(self)
        self._close(Replayed())

    def _close(self, result: Replayed) -> None:
        if self.result is not None:  # already finished or cancelled: a late message
            return
        self.result = result
        self._dismiss_when_on_top()

    def on_screen_resume(self) -> None:
        self._dismiss_when_on_top()

    def _dismiss_when_on_top(self) -> None:
        """Close with the result once there is one and this dialog is on top.

        Another dialog may have opened above it meanwhile (a month report from
        a time slice that was ending): then it closes when that one has, on its
        ``ScreenResume``. The resume that follows the dialog's own opening can
        arrive after a fast replay has closed it: closing happens once.
        """
        if self.result is None or self.closed or self.app.screen is not self:
            return
        self.closed = True
        self.dismiss(self.result)

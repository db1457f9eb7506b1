"""Typed messages: past tense for what happened, ``...Requested`` for asks.

Widgets post them up; the app (which alone holds the game) handles them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message

from gigsim.engine.api import Action, ActionResult
from gigsim.tui.session import GameView, Mode, Outcome


class ActionRequested(Message):
    """The player asks to apply an action (a listing change, an answer, a withdrawal)."""

    def __init__(self, action: Action, origin: str = "") -> None:
        super().__init__()
        self.action = action
        self.origin = origin


class ActionApplied(Message):
    """An action went through the engine; ``result`` says whether it was accepted and why."""

    def __init__(self, action: Action, result: ActionResult, origin: str = "") -> None:
        super().__init__()
        self.action = action
        self.result = result
        self.origin = origin


class TimeRequested(Message):
    def __init__(self, mode: Mode) -> None:
        super().__init__()
        self.mode = mode


class PauseRequested(Message):
    pass


class ViewUpdated(Message):
    """A fresh view of the game, taken in the worker (while time runs) or after an action."""

    def __init__(self, view: GameView) -> None:
        super().__init__()
        self.view = view


class TimeStopped(Message):
    """The time worker finished a run; ``outcome`` says why it stopped."""

    def __init__(self, view: GameView, outcome: Outcome) -> None:
        super().__init__()
        self.view = view
        self.outcome = outcome


class MonthClosed(Message):
    def __init__(
        self,
        month: dict[str, Any],
        previous: dict[str, Any] | None,
        all_months: tuple[dict[str, Any], ...],
    ) -> None:
        super().__init__()
        self.month = month
        self.previous = previous
        self.all_months = all_months


class DecisionArrived(Message):
    def __init__(self, decisions: tuple[int, ...]) -> None:
        super().__init__()
        self.decisions = decisions


class PreviewRequested(Message):
    """The money panel asks for the fee and pay date of withdrawing ``amount``."""

    def __init__(self, amount: int) -> None:
        super().__init__()
        self.amount = amount


class NewGameRequested(Message):
    def __init__(self, scenario: str, name: str, weekday: float, weekend: float, seed: int) -> None:
        super().__init__()
        self.scenario = scenario
        self.name = name
        self.weekday = weekday
        self.weekend = weekend
        self.seed = seed


class LoadRequested(Message):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class RewindRequested(Message):
    def __init__(self, month: int) -> None:
        super().__init__()
        self.month = month


class GameReplaced(Message):
    """A new, loaded or rewound game took the place of the old one."""

    def __init__(self, how: str) -> None:
        super().__init__()
        self.how = how


class LanguageRequested(Message):
    """The player chose the language the game is shown in (``en``, ``ja``)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

"""A lesson's card (what it is, how it works, what to notice, what to try, the mission) and
its mission report (each scorecard line, the total, then go on or quit).

Both are built in ``compose``, so that a change of language draws them again in the new one.
Japanese lines are broken here, between characters (``gigsim.text.wrap``): Textual breaks
only at spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gigsim.i18n import N_, _
from gigsim.lessons import Lesson, Scorecard, lessons
from gigsim.lessons.pack import ClassGame
from gigsim.lessons.texts import LABELS, lesson_heading, months_text, rows, target_text, verdict
from gigsim.text.wrap import wrap

TEXT_WIDTH = 72
"""Cells a line of a card's body has at 80 columns (its box, border, padding and scroll bar
aside)."""

SCROLL_KEYS: list[BindingType] = [
    Binding("down", "scroll('down')", N_("Scroll down"), show=False),
    Binding("up", "scroll('up')", N_("Scroll up"), show=False),
    Binding("pagedown", "scroll('page_down')", N_("Page down"), show=False),
    Binding("pageup", "scroll('page_up')", N_("Page up"), show=False),
    Binding("home", "scroll('home')", N_("Top"), show=False),
    Binding("end", "scroll('end')", N_("Bottom"), show=False),
]


def paragraph(text: str, width: int = TEXT_WIDTH) -> str:
    """``text`` broken to ``width`` cells (Japanese between characters)."""
    return "\n".join(wrap(text, width))


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def table(lines: Sequence[Sequence[str]]) -> str:
    """Columns aligned by terminal cells (a Japanese character is two)."""
    if not lines:
        return ""
    widths = [max(cell_len(row[i]) for row in lines) for i in range(len(lines[0]))]
    return "\n".join(
        "  ".join(_ljust(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in lines
    )


def scroll(screen: ModalScreen[None], how: str) -> None:
    """The dialog's body scrolls whichever widget has focus (its button has it at first)."""
    for body in screen.query(".lesson-body").results(VerticalScroll):
        getattr(body, f"scroll_{how}")(animate=False)


class LessonCardScreen(ModalScreen[None]):
    """The lesson's card, shown when the game starts and again with ``l`` or the palette."""

    CSS_PATH = "lesson.tcss"
    AUTO_FOCUS = "#card-close"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,l", "dismiss", N_("Close")),
        *SCROLL_KEYS,
    ]

    def __init__(self, lesson: Lesson, currency: str, classroom: ClassGame | None = None) -> None:
        super().__init__()
        self.lesson, self.currency, self.classroom = lesson, currency, classroom

    def _class(self) -> ComposeResult:
        """The class pack's name, the student and the teacher's note, above the card."""
        room = self.classroom
        if room is None:
            return
        heading = paragraph(_("Class: {name}").format(name=room.name))
        yield Static(heading, classes="heading", markup=False)
        if room.student:
            yield Static(paragraph(_("Student: {name}").format(name=room.student)), markup=False)
        if room.note:
            notes = (paragraph(p) for p in room.note.splitlines() if p.strip())
            yield Static("\n".join(notes), markup=False, id="card-note")

    def compose(self) -> ComposeResult:
        x = self.lesson
        card = x.card
        mission = x.mission
        targets = [
            (
                str(LABELS[t.measure]),
                target_text(t, self.currency),
                _("weight {n}").format(n=t.weight),
            )
            for t in mission.lines()
        ]
        with Vertical(id="lesson", classes="lesson-box"):
            yield Static(lesson_heading(x), classes="lesson-title")
            with VerticalScroll(classes="lesson-body"):
                yield from self._class()
                for heading, body in (
                    (_("What it is"), card.what_it_is),
                    (_("How it works"), card.how_it_works),
                    (_("What to notice"), card.what_to_notice),
                    (_("What to try"), card.what_to_try),
                ):
                    yield Static(heading, classes="heading")
                    yield Static(paragraph(body), markup=False)
                yield Static(_("Your mission"), classes="heading")
                yield Static(paragraph(card.goal), markup=False, id="card-goal")
                if self.classroom is not None and mission != lessons()[x.number - 1].mission:
                    yield Static(
                        paragraph(
                            _(
                                "Your class sets this mission's time limit, pass mark and "
                                "weights: those below count, whatever the goal says."
                            )
                        ),
                        markup=False,
                        id="card-class-mission",
                    )
                yield Static(
                    paragraph(
                        _(
                            "Time limit: {months}. Each line below is met or not; the score "
                            "is the weights of the lines met, and {mark} of 100 passes."
                        ).format(months=months_text(mission.months), mark=mission.pass_score)
                    ),
                    markup=False,
                )
                yield Static(table(targets), markup=False, id="card-targets")
            yield Button(
                _("Start (enter) · the card again: l"),
                id="card-close",
                compact=True,
                variant="primary",
            )

    def action_scroll(self, how: str) -> None:
        scroll(self, how)

    async def action_dismiss(self, result: None = None) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.app.screen is self:
            self.dismiss(None)


class MissionReportScreen(ModalScreen[None]):
    """The mission's scorecard: at its time limit (then go on or quit), or so far."""

    CSS_PATH = "lesson.tcss"
    AUTO_FOCUS = "#mission-go-on"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", N_("Go on playing")),
        Binding("q", "quit_game", N_("Quit")),
        # the report says "e writes the report": a modal screen keeps the app's keys from it
        Binding("e", "app.write_report", N_("Report"), show=False),
        *SCROLL_KEYS,
    ]

    def __init__(self, lesson: Lesson, card: Scorecard, currency: str) -> None:
        super().__init__()
        self.lesson, self.card, self.currency = lesson, card, currency

    def compose(self) -> ComposeResult:
        x, card = self.lesson, self.card
        head = (_("Line"), _("Value"), _("Target"), _("Weight"), _("Result"))
        body = [(r.name, r.value, r.target, r.weight, r.result) for r in rows(card, self.currency)]
        title = (
            _("Mission report: lesson {n}").format(n=x.number)
            if card.over
            else _("Mission so far: lesson {n} (month {month} of {months})").format(
                n=x.number, month=card.months + 1, months=card.limit
            )
        )
        with Vertical(id="mission", classes="lesson-box"):
            yield Static(title, classes="lesson-title")
            with VerticalScroll(classes="lesson-body"):
                yield Static(paragraph(lesson_heading(x)), classes="heading", markup=False)
                yield Static(paragraph(x.card.goal), markup=False)
                yield Static(table([head, *body]), markup=False, id="mission-table")
                yield Static(paragraph(verdict(card)), markup=False, id="mission-verdict")
                yield Static(
                    paragraph(
                        _(
                            "The game is autosaved. e writes the report to hand in "
                            "(Markdown and CSV, and the result a teacher collects); the "
                            "palette (ctrl+p) shows this again."
                        )
                    ),
                    markup=False,
                    classes="note",
                    id="mission-note",
                )
            with Horizontal(classes="lesson-buttons"):
                yield Button(
                    _("Go on playing (enter)"), id="mission-go-on", compact=True, variant="primary"
                )
                if card.over:
                    yield Button(_("Quit (q)"), id="mission-quit", compact=True)

    def action_scroll(self, how: str) -> None:
        scroll(self, how)

    def written(self, line: str) -> None:
        """What ``e`` wrote (or why it could not), in place of the note that tells of it: the
        status line that says it too is under this dialog."""
        self.query_one("#mission-note", Static).update(paragraph(line))
        scroll(self, "end")

    async def action_dismiss(self, result: None = None) -> None:
        if self.app.screen is self:  # a burst of keys may ask twice
            self.dismiss(None)

    def action_quit_game(self) -> None:
        if self.app.screen is self and self.card.over:
            self.app.exit(return_code=0)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "mission-quit":
            self.action_quit_game()
        elif self.app.screen is self:
            self.dismiss(None)

"""The rule for buyers' public requests (``r``): which requests the engine proposes to by
itself, at what price and how many a week, and what becomes of the others.

A public request stops time each time it is asked; a rule answers the ones it covers, so
that time stops only for those left to the player (or for none, when the others are passed
over). The dialog opens filled with the current rule, or with defaults for a first one, and
checks every value before the rule reaches the engine (one ✗ line naming the field).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from gigsim.engine.api import MAX_PER_WEEK, SetRequestRule, Snapshot
from gigsim.i18n import _, lazy, ngettext
from gigsim.model.scenario import Scenario
from gigsim.text.units import field_unit, money, plural_n, to_minor, typed
from gigsim.text.wrap import wrap
from gigsim.tui.messages import ActionRequested
from gigsim.tui.screens.form import FormScreen
from gigsim.tui.widgets.number_input import NumberInput

PER_WEEK_TOP = MAX_PER_WEEK
"""The most proposals a week a rule may send (the engine refuses more)."""
DEFAULT_PER_WEEK = 3
TEXT_WIDTH = 70  # cells of a line inside the dialog
SWITCH = (("on", lazy("Propose by rule")), ("off", lazy("Off: ask me each time")))
PRICES = (
    ("budget", lazy("the buyer's budget")),
    ("under", lazy("20% under the budget")),
    ("listing", lazy("my listing's price")),
)
OTHERS = (("ask", lazy("ask me (time stops)")), ("skip", lazy("pass them (time goes on)")))


class CategoryBox(Checkbox):
    """A category's checkbox that shows its state without colour: X checked, blank not
    (Textual's draws X in both, told apart by colour alone; a capture or a monochrome
    terminal could not tell them apart)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "


class RuleError(ValueError):
    """A value of the form that cannot make a rule: the ✗ line's text."""


@dataclass(frozen=True)
class RuleForm:
    """What the dialog shows: the rule (the current one, or the defaults of a first one),
    the categories it offers (id, name as the scenario writes it), this week's count, the
    currency and the hours a proposal takes."""

    rule: SetRequestRule
    is_set: bool
    categories: tuple[tuple[str, str], ...]
    sent: int
    currency: str
    proposal_hours: float


def rule_form(snapshot: Snapshot, scenario: Scenario) -> RuleForm:
    """The form for the player's rule: every category they have a listing in (and any the
    rule names besides); a first rule covers them all, from the lowest of their price floors,
    with no upper bound, three a week at the buyer's budget, the others asked."""
    names = {c.id: c.name for c in scenario.categories}
    listed = [lst.category for lst in snapshot.listings if lst.status != "removed"]
    current = snapshot.request_rule
    named = list(current.categories) if current is not None else []
    ids = list(dict.fromkeys([*listed, *named]))
    if current is None:
        floors = [c.price_floor for c in scenario.categories if c.id in ids]
        low = min(floors or [c.price_floor for c in scenario.categories] or [0])
        current = SetRequestRule(budget_min=low, per_week=DEFAULT_PER_WEEK)
    return RuleForm(
        current,
        snapshot.request_rule is not None,
        tuple((cid, names.get(cid, cid)) for cid in ids),
        snapshot.rule_sent_this_week,
        scenario.currency,
        scenario.market.choice.proposal_hours,
    )


def read_amount(text: str, label: str, currency: str) -> int:
    """An amount typed in the major unit as minor units; blank is 0."""
    text = text.strip()
    try:
        value = float(text) if text else 0.0
    except ValueError:
        raise RuleError(
            _("{field}: {value} is not a number").format(field=label, value=repr(text))
        ) from None
    if not math.isfinite(value) or value < 0:
        raise RuleError(_("{field}: an amount of 0 or more").format(field=label))
    return to_minor(value, currency)


def build_rule(
    form: RuleForm,
    checked: Sequence[str],
    low_text: str,
    high_text: str,
    week_text: str,
    price: str,
    others: str,
) -> SetRequestRule:
    """The rule the form's values make (all categories checked: every one the player lists
    in, new ones too), or ``RuleError`` naming the first field that is wrong."""
    cur = form.currency
    if form.categories and not checked:
        raise RuleError(_("Categories: check at least one"))
    low = read_amount(low_text, str(budget_label("from", cur)), cur)
    high: int | None = None
    if high_text.strip():
        high = read_amount(high_text, str(budget_label("to", cur)), cur)
        if high < low:
            raise RuleError(
                _("{field}: blank for no upper bound, or {low} or more").format(
                    field=budget_label("to", cur), low=money(low, cur)
                )
            )
    text = unicodedata.normalize("NFKC", week_text).strip()  # full-width ５ as the amounts take it
    if not (text.isascii() and text.isdigit()) or int(text) > PER_WEEK_TOP:
        raise RuleError(
            _("{field}: a whole number from 0 to {top}").format(
                field=_("Proposals a week"), top=PER_WEEK_TOP
            )
        )
    every = len(checked) == len(form.categories)
    return SetRequestRule(
        on=True,
        categories=() if every else tuple(c for c, _name in form.categories if c in checked),
        budget_min=low,
        budget_max=high,
        per_week=int(text),
        price=price,
        others=others,
    )


def budget_label(end: str, currency: str) -> str:
    unit = field_unit(currency)
    if end == "from":
        return _("Budget from ({unit})").format(unit=unit)
    return _("Budget to ({unit})").format(unit=unit)


def rule_note(form: RuleForm) -> str:
    """This week's count (of a rule already set) and the hours each proposal takes."""
    hours = form.proposal_hours
    each = ngettext(
        "Each proposal takes {hours} hour of your time.",
        "Each proposal takes {hours} hours of your time.",
        plural_n(hours),
    ).format(hours=f"{hours:g}")
    if not form.is_set:
        week = _("No rule yet: every public request stops time.")
    else:
        week = _("This week: {sent} of {n} sent.").format(sent=form.sent, n=form.rule.per_week)
    return f"{week}\n{each}"


def fold(text: str) -> str:
    """Japanese broken between characters (Textual breaks only at spaces)."""
    return "\n".join(wrap(text, TEXT_WIDTH)) if cell_len(text) != len(text) else text


class RequestRuleScreen(FormScreen):
    CSS_PATH = "request_rule.tcss"

    def __init__(self, form: RuleForm) -> None:
        super().__init__()
        self.form = form

    def compose(self) -> ComposeResult:
        rule, cur = self.form.rule, self.form.currency
        with VerticalScroll(id="rule", can_focus=False):  # many categories: it scrolls
            yield Static(_("Rule for public requests"), id="rule-title")
            yield Select(
                [(str(text), key) for key, text in SWITCH],
                value="on" if rule.on else "off",
                allow_blank=False,
                id="rule-on",
                compact=True,
            )
            yield Label(_("Categories"), id="rule-categories-label")
            if self.form.categories:
                with Grid(id="rule-categories"):
                    for i, (cid, name) in enumerate(self.form.categories):
                        checked = not rule.categories or cid in rule.categories
                        yield CategoryBox(
                            Content(_(name)), checked, id=f"rule-cat-{i}", compact=True
                        )
            else:
                yield Static(
                    fold(_("No listing yet: the rule covers every category you list in.")),
                    id="rule-categories-none",
                )
            for key, value in (
                ("from", typed(rule.budget_min, cur)),
                ("to", "" if rule.budget_max is None else typed(rule.budget_max, cur)),
            ):
                with Horizontal(classes="field", id=f"rule-{key}-field"):
                    yield Label(budget_label(key, cur), classes="label")
                    yield NumberInput(
                        value,
                        id=f"rule-{key}",
                        compact=True,
                        placeholder=_("blank: no upper bound") if key == "to" else "",
                    )
            with Horizontal(classes="field"):
                yield Label(_("Proposals a week"), classes="label")
                yield NumberInput(str(rule.per_week), id="rule-week", compact=True, max_length=3)
            # the note above the choices: their open lists cover no text
            yield Static(fold(rule_note(self.form)), id="rule-note", markup=False)
            yield from self._choices(rule)
            yield Static("", id="rule-error", markup=False)
            with Horizontal(id="rule-buttons"):
                yield Button(_("Apply"), id="apply", variant="primary", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def _choices(self, rule: SetRequestRule) -> ComposeResult:
        for key, label, options, value in (
            ("price", _("Propose at"), PRICES, rule.price),
            ("others", _("Other requests"), OTHERS, rule.others),
        ):
            with Horizontal(classes="field", id=f"rule-{key}-field"):
                yield Label(label, classes="label")
                yield Select(
                    [(str(text), k) for k, text in options],
                    value=value,
                    allow_blank=False,
                    id=f"rule-{key}",
                    compact=True,
                )

    def on_mount(self) -> None:
        self._switched(self.query_one("#rule-on", Select).value == "on")

    @on(Select.Changed, "#rule-on")
    def _switch(self, event: Select.Changed) -> None:
        self._switched(event.value == "on")

    def _switched(self, on: bool) -> None:
        """Off: the rule's fields have nothing to say."""
        for widget in self.query("#rule Checkbox, #rule Input, #rule-price, #rule-others"):
            widget.disabled = not on

    def _text(self, key: str) -> str:
        return self.query_one(f"#rule-{key}", Input).value

    def _choice(self, key: str) -> str:
        return str(self.query_one(f"#rule-{key}", Select).value)

    def apply(self) -> None:
        if self._choice("on") == "off":
            if self.form.is_set:
                self.app.post_message(ActionRequested(SetRequestRule(on=False), origin="rule"))
            self.action_cancel()
            return
        checked = [
            cid
            for i, (cid, _name) in enumerate(self.form.categories)
            if self.query_one(f"#rule-cat-{i}", Checkbox).value
        ]
        try:
            action = build_rule(
                self.form,
                checked,
                self._text("from"),
                self._text("to"),
                self._text("week"),
                self._choice("price"),
                self._choice("others"),
            )
        except RuleError as e:
            self.query_one("#rule-error", Static).update(f"✗ {e}")
            return
        self.app.post_message(ActionRequested(action, origin="rule"))
        self.action_cancel()

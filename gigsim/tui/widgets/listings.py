"""Listings: your listings, a form to create or edit one, and the category's market."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from gigsim.engine.api import Action, CreateListing, EditListing, ListingView, SetListingStatus
from gigsim.i18n import _, lazy
from gigsim.scenarios.texts import text
from gigsim.text.units import money, to_minor, typed
from gigsim.tui.messages import ActionRequested
from gigsim.tui.session import GameView
from gigsim.tui.widgets.base import ViewWidget

FIELDS = (
    ("title", lazy("Title")),
    ("price", lazy("Price")),
    ("delivery", lazy("Delivery days")),
    ("hours", lazy("Hours per order")),
    ("cap", lazy("Cap (at once)")),
    ("options", lazy("Options")),
)
COLUMNS = (
    "#",
    lazy("title"),
    lazy("price"),
    lazy("cap"),
    lazy("status"),
    lazy("now"),
    lazy("sold"),
    lazy("seen at"),
)
"""The listings table's columns: number, title, price, cap, status, orders in work, sold,
place in the category's search."""
STATUS = {"open": lazy("open"), "busy": lazy("BUSY"), "paused": lazy("PAUSED")}


def crop(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` terminal cells (a Japanese character takes two)."""
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells:
            break
        out += ch
    return out


class FormError(ValueError):
    pass


def parse_options(text: str, currency: str) -> tuple[tuple[str, int, float], ...]:
    """'Express:1500:0, Licence:3000:0.5' → ((name, price, hours), ...).

    Prices are typed in the currency's major unit, as the listing's price is (dollars for
    USD), and returned in minor units.
    """
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        bits = [b.strip() for b in part.split(":")]
        if len(bits) not in (2, 3) or not bits[0]:
            raise FormError(
                _("option {part}: write name:price or name:price:hours").format(part=repr(part))
            )
        try:
            price = to_minor(float(bits[1]), currency)
            out.append((bits[0], price, float(bits[2]) if len(bits) == 3 else 0.0))
        except (ValueError, OverflowError):  # not a number, or nan or inf
            raise FormError(
                _("option {part}: price and hours must be numbers").format(part=repr(part))
            ) from None
    return tuple(out)


class Listings(ViewWidget):
    def compose(self) -> ComposeResult:
        yield DataTable(id="listing-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="listing-body"):
            with VerticalScroll(id="listing-form", can_focus=False):  # tab goes to the fields
                with Horizontal(classes="field"):
                    yield Label(_("Category"), classes="label")
                    yield Select(
                        [], id="f-category", prompt=_("category"), compact=True, allow_blank=True
                    )
                for key, text in FIELDS:
                    with Horizontal(classes="field"):
                        yield Label(str(text), classes="label")
                        yield Input(id=f"f-{key}", compact=True, placeholder=_placeholder(key))
                with Horizontal(id="listing-buttons"):
                    yield Button(_("Create new"), id="create", compact=True, variant="primary")
                    yield Button(_("Save edits"), id="edit", compact=True)
                with Horizontal(id="status-buttons"):
                    yield Button(_("Open"), id="open", compact=True)
                    yield Button(_("Busy"), id="busy", compact=True)
                    yield Button(_("Pause"), id="pause", compact=True)
            yield Static(id="market", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(str(c) for c in COLUMNS))
        super().on_mount()

    def render_view(self, view: GameView) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        cur = view.currency
        for lst in view.snapshot.listings:
            status = str(STATUS.get(lst.status, lst.status))
            if lst.full:
                status = _("{status} FULL").format(status=status)
            table.add_row(
                str(lst.id),
                crop(text(lst.title), 22),
                money(lst.price, cur),
                str(lst.cap),
                status,
                str(lst.in_progress),
                str(lst.sold),
                place(lst.search_position),
                key=str(lst.id),
            )
        if view.snapshot.listings:
            table.move_cursor(row=min(row, len(view.snapshot.listings) - 1))
        select = self.query_one("#f-category", Select)
        options = [
            (
                _("{category} ({status})").format(category=_(name), status=_category_status(status))
                if status != "allowed"
                else _(name),
                cid,
            )
            for cid, name, status in view.categories
        ]
        if getattr(self, "_categories", None) != options:
            self._categories = options
            select.set_options(options)
            if view.snapshot.listings and not self.query_one("#f-title", Input).value:
                self.fill(view.snapshot.listings[0])
        self.show_market()

    def selected(self) -> ListingView | None:
        if self.view is None or not self.view.snapshot.listings:
            return None
        row = self.query_one(DataTable).cursor_row
        listings = self.view.snapshot.listings
        return listings[min(max(row, 0), len(listings) - 1)]

    def fill(self, lst: ListingView) -> None:
        self.query_one("#f-category", Select).value = lst.category
        cur = self._currency()
        values = {  # a shipped scenario's title and option names in the current language
            "title": text(lst.title),
            "price": typed(lst.price, cur),
            "delivery": f"{lst.delivery_days:g}",
            "hours": f"{lst.hours_per_order:g}",
            "cap": str(lst.cap),
            "options": ", ".join(
                f"{text(n)}:{typed(p, cur)}:{h:g}" if h else f"{text(n)}:{typed(p, cur)}"
                for n, p, h in lst.options
            ),
        }
        for key, value in values.items():
            self.query_one(f"#f-{key}", Input).value = value

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        lst = self.selected()
        if lst is not None:
            self.fill(lst)

    @on(Select.Changed, "#f-category")
    def show_market(self) -> None:
        view = self.view
        if view is None:
            return
        cid = self.query_one("#f-category", Select).value
        market = next((m for m in view.snapshot.markets if m.category == cid), None)
        box = self.query_one("#market", Static)
        if market is None:
            box.update(_("Choose a category to see its market."))
            return
        cur = view.currency
        status = next((s for c, _, s in view.categories if c == cid), "allowed")
        rows = [
            (_("median price"), money(market.median_price, cur)),
            (_("price floor"), money(market.price_floor, cur)),
            (_("sellers"), str(market.sellers)),
        ]
        width = max(cell_len(name) for name, _v in rows)
        lines = [_("Market: {category}").format(category=_(market.name))]
        lines += [name + " " * (width - cell_len(name) + 1) + value for name, value in rows]
        if status != "allowed":
            lines.append(
                _("! {status}: listing here is refused").format(status=_category_status(status))
            )
        lines.append(_("Top: price · reviews · ★"))
        for price, reviews, rating in market.top:
            lines.append(f" {money(price, cur):>9} · {reviews:>3} · {rating:.2f}")
        box.update("\n".join(lines))

    def _value(self, key: str) -> str:
        return self.query_one(f"#f-{key}", Input).value.strip()

    def _number(self, key: str, label: str, kind: type = float) -> float:
        text = self._value(key)
        try:
            return float(kind(text))
        except ValueError:
            raise FormError(
                _("{field}: {value} is not a number").format(field=label, value=repr(text))
            ) from None

    def _currency(self) -> str:
        return self.view.currency if self.view else "JPY"

    def _price(self) -> int:
        return to_minor(self._number("price", _("price")), self._currency())

    def _options(self, lst: ListingView | None) -> tuple[tuple[str, int, float], ...]:
        options = parse_options(self._value("options"), self._currency())
        names = [n for n, _p, _h in lst.options] if lst is not None else []
        return tuple((as_written(n, names), p, h) for n, p, h in options)

    def build(self, button: str) -> Action:
        lst = self.selected()
        if button in ("open", "busy", "pause"):
            if lst is None:
                raise FormError(_("no listing selected"))
            return SetListingStatus(lst.id, "paused" if button == "pause" else button)
        title = as_written(self._value("title"), [lst.title] if lst else []) or _("My service")
        delivery = self._number("delivery", _("delivery days"))
        hours = self._number("hours", _("hours per order"))
        cap = int(self._number("cap", _("cap"), int))
        if button == "create":
            category = self.query_one("#f-category", Select).value
            if not isinstance(category, str):
                raise FormError(_("choose a category"))
            return CreateListing(
                category=category,
                price=self._price(),
                title=title,
                delivery_days=delivery,
                hours_per_order=hours,
                cap=cap,
                options=self._options(lst),
            )
        if lst is None:
            raise FormError(_("no listing selected"))
        category = self.query_one("#f-category", Select).value
        if isinstance(category, str) and category != lst.category:
            raise FormError(
                _(
                    "a listing's category cannot be changed (its sales and reviews stay with "
                    "it): press Create new to list in the other category"
                )
            )
        return EditListing(
            lst.id,
            price=self._price(),
            title=title,
            delivery_days=delivery,
            hours_per_order=hours,
            cap=cap,
            options=self._options(lst),
        )

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        try:
            action = self.build(event.button.id or "")
        except FormError as e:
            say = getattr(self.screen, "say", None)
            if say is not None:
                say(_("refused: {why}").format(why=e), ok=False)
            else:
                self.app.notify(str(e), title=_("Listing form"), severity="error")
            return
        self.post_message(ActionRequested(action, origin="listings"))


def place(position: int | None) -> str:
    """A listing's place in its category's search as a person counts it: the first is #1
    (1位 in Japanese); '-' when buyers do not see it."""
    return "-" if position is None else _("#{n}").format(n=position + 1)


def as_written(shown: str, written: list[str]) -> str:
    """A form's value as the listing holds it: the form shows a shipped scenario's title or
    option name in the current language (``text``); sent back unchanged, it is that text as
    written (English, as the scenario and the saves keep it), not its translation. A value
    the player typed is theirs, as typed."""
    return next((w for w in written if shown == text(w) and shown != w), shown)


def _placeholder(key: str) -> str:
    return {"options": _("name:price[:hours], …"), "title": _("what you sell")}.get(key, "")


CATEGORY_STATUS = {"banned": lazy("banned"), "licence": lazy("licence needed")}


def _category_status(status: str) -> str:
    """A category's status as the form names it: banned, licence needed (or as written)."""
    return str(CATEGORY_STATUS.get(status, status))

"""``gigsim run``'s tables: money, hours, orders and reputation, lost buyers and tax.

Built from the run's JSON data (``RunResult.as_dict()``) in the current language
(``gigsim.i18n``). Columns are aligned by terminal cells (``rich.cells.cell_len``),
so that a Japanese heading, twice as wide per character, still lines up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.cells import cell_len

from gigsim.i18n import _, lazy, ngettext
from gigsim.text.explain import year_end
from gigsim.text.units import money, month_label
from gigsim.text.wrap import WIDTH, join_sentences, wrap

LOST_REASONS = {
    "not_seen": lazy("not seen"),
    "full": lazy("full"),
    "price": lazy("price"),
    "trust": lazy("trust"),
    "slow_reply": lazy("slow reply"),
    "delivery_time": lazy("delivery time"),
}
"""Headings of the buyers-lost table, by the JSON's reason keys."""


def rank_name(rank: str) -> str:
    """A rank's name in the current language: the shipped scenarios' rank names are in the
    catalogue (``gigsim.scenarios.texts``); a scenario's own name is shown as written."""
    return _("none") if rank == "none" else _(rank)


def _pad(text: str, width: int) -> str:
    return " " * (width - cell_len(text)) + text


class _Tables:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def table(self, title: str, headers: list[str], body: list[list[str]]) -> None:
        widths = [max(cell_len(h), *(cell_len(r[i]) for r in body)) for i, h in enumerate(headers)]
        gap = "  " if sum(widths) + 2 * (len(widths) - 1) <= WIDTH else " "  # 80 columns
        self.lines.append(title)
        self.lines.append(gap.join(_pad(h, w) for h, w in zip(headers, widths, strict=True)))
        for r in body:
            self.lines.append(gap.join(_pad(c, w) for c, w in zip(r, widths, strict=True)))

    def note(self, text: str) -> None:
        self.lines.extend(wrap(text))
        self.lines.append("")


def format_table(data: Mapping[str, Any]) -> str:
    """The monthly tables and the tax table, as ``gigsim run`` prints them."""
    t = _Tables()
    _money_table(t, data)
    _hours_table(t, data["months"], data["currency"])
    _orders_table(t, data["months"])
    _lost_table(t, data["months"])
    _tax_table(t, data)
    return "\n".join(t.lines)


_MONEY_KEYS = (
    "gross_sales",
    "platform_fees",
    "buyer_fees",
    "refunds",
    "payout_fees",
    "net_income",
    "payouts",
)


def _money_table(t: _Tables, data: Mapping[str, Any]) -> None:
    cur = data["currency"]
    body = [
        [month_label(r["label"]), *(money(r[k], cur) for k in _MONEY_KEYS)] for r in data["months"]
    ]
    body.append([_("total"), *(money(data["totals"][k], cur) for k in _MONEY_KEYS)])
    t.table(
        _("Money ({scenario}, seed {seed})").format(scenario=data["scenario"], seed=data["seed"]),
        [
            _("month"),
            _("gross"),
            _("platform"),
            _("buyer fee"),
            _("refunds"),
            _("payout fee"),
            _("net"),
            _("paid out"),
        ],
        body,
    )
    t.note(
        _(
            "gross: price and options of orders settled in the month; buyer fee: paid by "
            "buyers on top of your price (the platform's, not yours); net: gross - platform "
            "fee - refunds - payout fees - lapsed balance; paid out: money that reached your "
            "bank."
        )
    )


def _hours_table(t: _Tables, rows: list[Mapping[str, Any]], cur: str) -> None:
    kinds = ("work", "messaging", "revision", "dispute", "proposal", "harassment")
    body = [
        [
            month_label(r["label"]),
            *(f"{r['hours'][k]:.1f}" for k in kinds),
            f"{r['hours_worked']:.1f}",
            f"{r['utilisation']:.0%}",
            "-" if r["effective_hourly_wage"] is None else money(r["effective_hourly_wage"], cur),
        ]
        for r in rows
    ]
    t.table(
        _("Hours by activity"),
        [
            _("month"),
            _("work"),
            _("msgs"),
            _("revis."),
            _("disput."),
            _("propos."),
            _("other"),
            _("total"),
            _("used"),
            _("per hour"),
        ],
        body,
    )
    t.note(
        _(
            "msgs: messages; revis.: revisions; disput.: disputes; propos.: proposals; "
            "other: harassment; used: hours worked / hours available; per hour: net / hours "
            "worked."
        )
    )


def _orders_table(t: _Tables, rows: list[Mapping[str, Any]]) -> None:
    body = [
        [
            month_label(r["label"]),
            str(r["orders"]),
            str(r["cancellations"]),
            str(r["disputes"]),
            str(r["late_deliveries"]),
            f"{r['rating']:.2f}" if r["reviews"] else "-",
            str(r["reviews"]),
            rank_name(r["rank"]),
        ]
        for r in rows
    ]
    t.table(
        _("Orders and reputation"),
        [
            _("month"),
            _("orders"),
            _("cancelled"),
            _("disputes"),
            _("late"),
            _("rating"),
            _("reviews"),
            _("rank"),
        ],
        body,
    )
    t.lines.append("")


def _lost_table(t: _Tables, rows: list[Mapping[str, Any]]) -> None:
    reasons = list(rows[0]["lost_buyers"]) if rows else []
    body = [[month_label(r["label"]), *(str(r["lost_buyers"][k]) for k in reasons)] for r in rows]
    headers = [str(LOST_REASONS.get(k, k.replace("_", " "))) for k in reasons]
    t.table(_("Buyers lost, by reason"), [_("month"), *headers], body)
    t.lines.append("")


def _tax_table(t: _Tables, data: Mapping[str, Any]) -> None:
    cur = data["currency"]
    years = data.get("tax", [])
    if not years:
        return
    answer = {True: _("yes"), False: _("no"), None: "-"}
    body = [
        [
            y["year"],
            _("{n} of 12").format(n=y["months"]),
            money(y["profit"], cur),
            money(y["threshold"], "JPY"),
            answer[y["return_needed"]],
        ]
        for y in years
    ]
    t.table(
        _("Tax (an illustration, not tax advice)"),
        [_("year"), _("months"), _("profit"), _("threshold"), _("return needed")],
        body,
    )
    for y in years:
        t.lines.extend(wrap(f"{y['year']}: {tax_note(data['months'], y, cur)}", indent="      "))
    t.note(
        _(
            "profit: the year's net income from the platform; threshold: side-income profit a "
            "salaried worker in Japan may make in a year without filing an income-tax return."
        )
    )


def tax_note(rows: list[Mapping[str, Any]], year: Mapping[str, Any], cur: str) -> str:
    """A year's tax note in the current language (the JSON's ``note`` is written in English)."""
    # no answer in yen: the player is not salaried (the JSON's return_needed is null)
    salaried = cur != "JPY" or year.get("return_needed") is not None
    lines = year_end(list(rows), year["year"], cur, salaried).lines[1:]
    n = year["months"]
    if n < 12:
        lines.insert(
            0,
            ngettext(
                "The run covers {n} month of {year}: the profit so far.",
                "The run covers {n} months of {year}: the profit so far.",
                n,
            ).format(n=n, year=year["year"]),
        )
    return join_sentences(lines)

"""Headless runs: ``gigsim run`` prints a monthly table and writes JSON and events.

The JSON layout is an interface (documented in the README): ``seed``,
``scenario``, ``months``, ``totals``, ``ledger``, ``reviews_histogram``,
``competitors``. Files are written atomically (temporary file, then rename),
so a failed run never leaves a half-written or clobbered result.

Must not import Textual.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from gigsim.engine.api import PLAYER_POLICIES, Engine, RunResult
from gigsim.errors import BadInput, ExitCode
from gigsim.fileio import write_atomic
from gigsim.model.limits import check_run
from gigsim.model.scenario import Scenario
from gigsim.text.units import money


def run_engine(
    scenario: Scenario, months: int, seed: int, policy: str | None = None, source: str = "scenario"
) -> Engine:
    name = policy or scenario.player.policy
    if name not in PLAYER_POLICIES:
        known = ", ".join(sorted(PLAYER_POLICIES))
        raise BadInput(source, "player.policy", f"unknown policy {name!r} (known: {known})")
    check_run(scenario, months, source)  # a --months longer than the scenario's own
    engine = Engine(scenario, seed, policy=name)
    engine.run_months(months)
    return engine


def format_table(data: dict[str, Any]) -> str:
    """Readable monthly tables: money, work, reputation and lost buyers."""
    cur = data["currency"]
    rows = data["months"]
    out: list[str] = []

    def table(title: str, headers: list[str], body: list[list[str]]) -> None:
        widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(headers)]
        out.append(title)
        out.append("  ".join(h.rjust(wd) for h, wd in zip(headers, widths, strict=True)))
        for r in body:
            out.append("  ".join(c.rjust(wd) for c, wd in zip(r, widths, strict=True)))
        out.append("")

    tot = data["totals"]

    def m(x: float) -> str:
        return money(x, cur)

    money_rows = [
        [
            r["label"],
            m(r["gross_sales"]),
            m(r["platform_fees"]),
            m(r["buyer_fees"]),
            m(r["refunds"]),
            m(r["payout_fees"]),
            m(r["net_income"]),
            m(r["payouts"]),
        ]
        for r in rows
    ]
    money_rows.append(
        [
            "total",
            m(tot["gross_sales"]),
            m(tot["platform_fees"]),
            m(tot["buyer_fees"]),
            m(tot["refunds"]),
            m(tot["payout_fees"]),
            m(tot["net_income"]),
            m(tot["payouts"]),
        ]
    )
    table(
        f"Money ({data['scenario']}, seed {data['seed']})",
        ["month", "gross", "platform", "buyer fee", "refunds", "payout fee", "net", "paid out"],
        money_rows,
    )
    out.insert(
        -1,
        "gross: price and options of orders settled in the month; buyer fee: paid by buyers on\n"
        "top of your price (the platform's, not yours); net: gross - platform fee - refunds -\n"
        "payout fees - lapsed balance; paid out: money that reached your bank.",
    )

    def wage(x: float | None) -> str:
        return "-" if x is None else m(x)

    work_rows = [
        [
            r["label"],
            *(
                f"{r['hours'][k]:.1f}"
                for k in ("work", "messaging", "revision", "dispute", "proposal")
            ),
            f"{r['hours']['harassment']:.1f}",
            f"{r['hours_worked']:.1f}",
            f"{r['utilisation']:.0%}",
            wage(r["effective_hourly_wage"]),
        ]
        for r in rows
    ]
    table(
        "Hours by activity",
        [
            "month",
            "work",
            "msgs",
            "revis.",
            "disput.",
            "propos.",
            "other",
            "total",
            "used",
            "per hour",
        ],
        work_rows,
    )

    rep_rows = [
        [
            r["label"],
            str(r["orders"]),
            str(r["cancellations"]),
            str(r["disputes"]),
            str(r["late_deliveries"]),
            f"{r['rating']:.2f}" if r["reviews"] else "-",
            str(r["reviews"]),
            r["rank"],
        ]
        for r in rows
    ]
    out.insert(
        -1,
        "used: hours worked / hours available; other: harassment; per hour: net / hours worked.",
    )
    table(
        "Orders and reputation",
        ["month", "orders", "cancelled", "disputes", "late", "rating", "reviews", "rank"],
        rep_rows,
    )

    reasons = list(rows[0]["lost_buyers"]) if rows else []
    lost_rows = [[r["label"], *(str(r["lost_buyers"][k]) for k in reasons)] for r in rows]
    table("Buyers lost, by reason", ["month", *(k.replace("_", " ") for k in reasons)], lost_rows)
    _tax_table(data, table, out)
    return "\n".join(out)


def _tax_table(data: dict[str, Any], table: Any, out: list[str]) -> None:
    cur = data["currency"]
    years = data.get("tax", [])
    if not years:
        return
    answer = {True: "yes", False: "no", None: "-"}
    body = [
        [
            y["year"],
            f"{y['months']} of 12",
            money(y["profit"], cur),
            money(y["threshold"], "JPY"),
            answer[y["return_needed"]],
        ]
        for y in years
    ]
    table(
        "Tax (an illustration, not tax advice)",
        ["year", "months", "profit", "threshold", "return needed"],
        body,
    )
    notes = [
        textwrap.fill(f"{y['year']}: {y['note']}", 90, subsequent_indent="      ") for y in years
    ]
    notes.append(
        "profit: the year's net income from the platform; threshold: side-income profit a\n"
        "salaried worker in Japan may make in a year without filing an income-tax return."
    )
    out.insert(-1, "\n".join(notes))


def run_command(
    scenario: Scenario,
    months: int,
    seed: int,
    json_path: str | None = None,
    events_path: str | None = None,
    source: str = "",
) -> int:
    engine = run_engine(scenario, months, seed, source=source)
    result = RunResult.of(engine, months, source)
    data = result.as_dict()
    if json_path:
        write_atomic(Path(json_path), [result.to_json()], "--json")
    if events_path:
        write_atomic(Path(events_path), result.event_lines(), "--events")
    print(format_table(data))
    return int(ExitCode.OK)

"""Balance of the shipped `default` against DESIGN.md ("Balance of the shipped default").

Runs the default market (reduced to the player's category, where the
targets live) over many seeds, in parallel, and prints each target with the
measured value:

- 50-75% of computer listings make no sale in 12 months; the top tenth takes >= 70% of sales;
- a passive player (median price, no reviews, slow replies) sells within 30 days in < 1/2 of seeds;
- an active player (40% under the median while new, quick replies, proposals) does in >= 2/3;
- once trust is built, hours bind: about 10 h a week carries roughly 8-10 orders a month;
- an active player's net income in month six spans roughly ¥10,000-¥60,000 across seeds.

Usage: python benchmarks/balance.py [--seeds N]
"""

from __future__ import annotations

import argparse
import statistics
from multiprocessing import Pool
from typing import Any

from gigsim.engine.facade import Engine
from gigsim.model.scenario import Scenario
from gigsim.scenario_io import load_scenario

EXTRA: list[str] = []


def design_only(overrides: list[str]) -> Scenario:
    sc = load_scenario("default", overrides + EXTRA)
    return sc.model_copy(update={"categories": (sc.categories[0],)})


def first_sale(e: Engine) -> float | None:
    return next((ev.t for ev in e.events() if ev.kind == "order_placed"), None)


def passive(seed: int) -> dict[str, Any]:
    e = Engine(design_only(["player.reply_hours=30"]), seed, policy="passive")
    e.run_months(12)
    sold = sorted((x.sold for x in e.world.all_listings if not x.seller.is_player), reverse=True)
    top = max(1, len(sold) // 10)
    return {
        "zero_share": sum(1 for s in sold if s == 0) / len(sold),
        "top_tenth": sum(sold[:top]) / max(1, sum(sold)),
        "first_sale": first_sale(e),
    }


def active(seed: int) -> dict[str, Any]:
    e = Engine(design_only(["player.reply_hours=1"]), seed, policy="active")
    e.run_months(12)
    late = e.months[3:]
    return {
        "first_sale": first_sale(e),
        "m6_net": e.months[5].net_income,
        "orders_after_trust": statistics.mean(m.orders for m in late),
        # months in which buyers found the listing full, and orders in months the hours ran out
        "full_months": sum(1 for m in late if m.lost_buyers.get("full", 0) > 0) / len(late),
        "orders_hours_bound": [m.orders for m in late if m.hours_worked >= 0.9 * m.hours_available],
        "hours_after_trust": statistics.mean(m.hours_worked for m in late),
        "weekly_hours": e.world.player.schedule.weekly_hours,
    }


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=24)
    ap.add_argument("--first-seed", type=int, default=0, help="seeds run from this one up")
    ap.add_argument("--set", action="append", default=[], help="extra scenario overrides")
    args = ap.parse_args()
    n = args.seeds
    EXTRA.extend(args.set)
    with Pool() as pool:
        seeds = range(args.first_seed, args.first_seed + n)
        ps = pool.map(passive, seeds)
        acts = pool.map(active, seeds)
    zero = [p["zero_share"] for p in ps]
    top = [p["top_tenth"] for p in ps]
    p30 = sum(1 for p in ps if p["first_sale"] is not None and p["first_sale"] <= 30) / n
    a30 = sum(1 for a in acts if a["first_sale"] is not None and a["first_sale"] <= 30) / n
    m6 = [a["m6_net"] for a in acts]
    orders = [a["orders_after_trust"] for a in acts]
    hours = [a["hours_after_trust"] for a in acts]
    full_months = statistics.mean(a["full_months"] for a in acts)
    bound = [k for a in acts for k in a["orders_hours_bound"]]
    rows = [
        (
            "computer listings with no sale in 12 months",
            "50-75%",
            f"mean {statistics.mean(zero):.0%} (range {min(zero):.0%}-{max(zero):.0%})",
        ),
        (
            "top tenth's share of sales",
            ">= 70%",
            f"mean {statistics.mean(top):.0%} (range {min(top):.0%}-{max(top):.0%})",
        ),
        ("passive player: first sale within 30 days", "< 50% of seeds", f"{p30:.0%}"),
        ("active player: first sale within 30 days", ">= 67% of seeds", f"{a30:.0%}"),
        (
            "active player, months 4-12: orders a month",
            "about 8-10 at ~10 h/week",
            f"median {statistics.median(orders):.1f} at {acts[0]['weekly_hours']:.0f} h/week, "
            f"{statistics.median(hours):.0f} h worked a month",
        ),
        (
            "  ... months turning buyers away (listing full)",
            "hours, not demand, limit",
            f"{full_months:.0%} of months 4-12",
        ),
        (
            "  ... orders in months the hours ran out (>=90%)",
            "about 8-10",
            f"median {statistics.median(bound) if bound else float('nan'):.1f} "
            f"over {len(bound)} months",
        ),
        (
            "active player: net income in month 6",
            "roughly ¥10,000-¥60,000",
            f"P10 ¥{pct(m6, 0.1):,.0f}, median ¥{statistics.median(m6):,.0f}, P90 ¥{pct(m6, 0.9):,.0f}",
        ),
    ]
    print(f"Balance of `default` over {n} seeds (player's category only)")
    width = max(len(r[0]) for r in rows)
    for what, target, got in rows:
        print(f"  {what.ljust(width)}  target {target:<26} measured {got}")


if __name__ == "__main__":
    main()

"""Balance of the shipped `default` against its design targets and the market's stylized facts.

Runs the default market (reduced to the player's category, where the
targets live) over many seeds, in parallel, and prints each target with the
measured value:

- 60-75% of computer listings make no sale in 12 months, and in 36 months (a scraped
  Coconala category: about 70% of listings never sold); the top tenth takes >= 70% of sales;
- a passive player (median price, no reviews, slow replies) sells within 30 days in < 1/2 of seeds;
- an active player (40% under the median while new, quick replies, proposals) does in >= 2/3;
- once trust is built, hours bind: about 10 h a week carries roughly 8-10 orders a month;
- an active player's net income in month six spans roughly ¥10,000-¥60,000 across seeds;
- about 70% of completed orders get a review, the player's and market-wide;
- stars average about 4.8, J-shaped (5★ most, then 4★; more 1★ than 2★ and than 3★),
  and about 95% of active sellers (computer sellers who completed an order in the year and
  have a review) average 4.5 or more;
- a listing's first review raises its sale rate.

Usage: python benchmarks/balance.py [--seeds N] [--first-seed S] [--processes P] [--set k=v]
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter
from multiprocessing import Pool
from typing import Any

from gigsim.engine.api import Engine
from gigsim.engine.world import World
from gigsim.model.scenario import Scenario
from gigsim.scenarios import load_scenario

# White-box: Engine._world is the engine's live inside, not its API; this reads every seller's record and a seeded first review, which no public method reports or sets.

EXTRA: list[str] = []
STARS = "12345"


def design_only(overrides: list[str]) -> Scenario:
    sc = load_scenario("default", overrides + EXTRA)
    return sc.model_copy(update={"categories": (sc.categories[0],)})


def first_sale(e: Engine) -> float | None:
    return next((ev.t for ev in e.events() if ev.kind == "order_placed"), None)


def counts_at_start(w: World) -> dict[str, tuple[int, int]]:
    """Each seller's (completed orders, reviews) before the run: computer sellers start with a record."""
    return {sid: (s.completed, s.n_reviews) for sid, s in w.sellers.items()}


def market_reviews(w: World, start: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """Reviews written during the run over orders completed during it, and active sellers' ratings."""
    completed = reviews = 0
    active_ratings = []
    for sid, s in w.sellers.items():
        c0, r0 = start.get(sid, (0, 0))
        completed += s.completed - c0
        reviews += s.n_reviews - r0
        if not s.is_player and s.completed > c0 and s.n_reviews:
            active_ratings.append((s.rating, s.n_reviews))
    return {
        "completed": completed,
        "reviews": reviews,
        "hist": dict(w.reviews_histogram),
        "active_ratings": active_ratings,
    }


def zero_share(w: World) -> float:
    sold = [x.sold for x in w.all_listings if not x.seller.is_player]
    return sum(1 for s in sold if s == 0) / len(sold)


def passive(seed: int) -> dict[str, Any]:
    e = Engine(design_only(["player.reply_hours=30"]), seed, policy="passive")
    start = counts_at_start(e._world)
    e.run_months(12)
    sold = sorted((x.sold for x in e._world.all_listings if not x.seller.is_player), reverse=True)
    top = max(1, len(sold) // 10)
    out = {
        "zero_share": zero_share(e._world),
        "top_tenth": sum(sold[:top]) / max(1, sum(sold)),
        "first_sale": first_sale(e),
        "market": market_reviews(e._world, start),
    }
    e.run_months(36)
    out["zero_share_36"] = zero_share(e._world)
    return out


def active(seed: int) -> dict[str, Any]:
    e = Engine(design_only(["player.reply_hours=1"]), seed, policy="active")
    e.run_months(12)
    late = e.months[3:]
    p = e._world.player
    return {
        "first_sale": first_sale(e),
        "m6_net": e.months[5].net_income,
        "orders_after_trust": statistics.mean(m.orders for m in late),
        # months in which buyers found the listing full, and orders in months the hours ran out
        "full_months": sum(1 for m in late if m.lost_buyers.get("full", 0) > 0) / len(late),
        "orders_hours_bound": [m.orders for m in late if m.hours_worked >= 0.9 * m.hours_available],
        "hours_after_trust": statistics.mean(m.hours_worked for m in late),
        "weekly_hours": e._world.player.schedule.weekly_hours,
        "completed": p.completed,
        "reviews": p.n_reviews,
        "rating": p.rating,
        "hist": dict(
            Counter(str(ev.data["stars"]) for ev in e.events() if ev.kind == "review_posted")
        ),
    }


def first_two_months(seed: int, with_review: bool) -> int:
    """Orders of the player's listing in its first two months, with or without one 5★ review."""
    e = Engine(design_only([]), seed, policy="fixed")
    if with_review:
        p = e._world.player
        p.n_reviews, p.stars_sum, p.sales_ever, p.completed = 1, 5, 1, 1
        e._world.refresh_seller(p)
    e.run_months(2)
    return sum(m.orders for m in e.months)


def first_review(seed: int) -> tuple[int, int]:
    return first_two_months(seed, False), first_two_months(seed, True)


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def spread(xs: list[float]) -> str:
    return f"mean {statistics.mean(xs):.0%} (range {min(xs):.0%}-{max(xs):.0%})"


def star_rows(who: str, hist: Counter[str]) -> list[tuple[str, str, str]]:
    total = sum(hist.values())
    mean = sum(int(k) * hist[k] for k in STARS) / total if total else float("nan")
    shares = " ".join(f"{k}★ {hist[k] / total:.1%}" for k in reversed(STARS)) if total else "-"
    j = (
        total > 0
        and hist["5"] > hist["4"] > max(hist["1"], hist["2"], hist["3"])
        and hist["1"] > hist["2"]
        and hist["1"] > hist["3"]
    )
    return [
        (f"{who}: star mean", "about 4.8", f"{mean:.3f} over {total} reviews"),
        (f"{who}: J-shape 5>4>1>2,3", "yes", f"{'yes' if j else 'no'}: {shares}"),
    ]


def share_at_least(ratings: list[tuple[float, int]], reviews: int, stars: float = 4.5) -> str:
    """Share of sellers with at least ``reviews`` reviews whose average is ``stars`` or more."""
    rs = [r for r, n in ratings if n >= reviews]
    return f"{sum(1 for r in rs if r >= stars) / len(rs):.1%} of {len(rs)}" if rs else "-"


def review_rows(ps: list[dict[str, Any]], acts: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    market_rate = [p["market"]["reviews"] / p["market"]["completed"] for p in ps]
    player = [a for a in acts if a["completed"]]
    player_rate = sum(a["reviews"] for a in player) / max(1, sum(a["completed"] for a in player))
    market_hist: Counter[str] = Counter()
    for p in ps:
        market_hist.update(p["market"]["hist"])
    player_hist: Counter[str] = Counter()
    for a in acts:
        player_hist.update(a["hist"])
    ratings = [r for p in ps for r in p["market"]["active_ratings"]]
    player_ratings = [a["rating"] for a in acts if a["reviews"]]
    return [
        ("market: completed orders reviewed", "about 70%", spread(market_rate)),
        ("active player: completed orders reviewed", "about 70%", f"{player_rate:.0%}"),
        *star_rows("market", market_hist),
        *star_rows("active player", player_hist),
        (
            "active player: rating after 12 months",
            "(Gold needs 4.8)",
            f"P10 {pct(player_ratings, 0.1):.2f}, median {statistics.median(player_ratings):.2f}, "
            f"P90 {pct(player_ratings, 0.9):.2f}",
        ),
        (
            "active computer sellers averaging >= 4.5",
            "about 95%",
            f"{share_at_least(ratings, 1)} (with 3+ reviews: {share_at_least(ratings, 3)})",
        ),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=24)
    ap.add_argument("--first-seed", type=int, default=0, help="seeds run from this one up")
    ap.add_argument("--processes", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--set", action="append", default=[], help="extra scenario overrides")
    args = ap.parse_args()
    n = args.seeds
    with Pool(args.processes, initializer=EXTRA.extend, initargs=(args.set,)) as pool:
        seeds = range(args.first_seed, args.first_seed + n)
        ps = pool.map(passive, seeds)
        acts = pool.map(active, seeds)
        fr = pool.map(first_review, seeds)
    p30 = sum(1 for p in ps if p["first_sale"] is not None and p["first_sale"] <= 30) / n
    a30 = sum(1 for a in acts if a["first_sale"] is not None and a["first_sale"] <= 30) / n
    m6 = [a["m6_net"] for a in acts]
    orders = [a["orders_after_trust"] for a in acts]
    hours = [a["hours_after_trust"] for a in acts]
    full_months = statistics.mean(a["full_months"] for a in acts)
    bound = [k for a in acts for k in a["orders_hours_bound"]]
    without, with_one = sum(f[0] for f in fr), sum(f[1] for f in fr)
    rows = [
        (
            "computer listings with no sale in 12 months",
            "60-75% (design: 50-75%)",
            spread([p["zero_share"] for p in ps]),
        ),
        ("  ... in 36 months", "60-75%", spread([p["zero_share_36"] for p in ps])),
        ("top tenth's share of sales", ">= 70%", spread([p["top_tenth"] for p in ps])),
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
        *review_rows(ps, acts),
        (
            "first review: orders in 2 months, without/with",
            "with > without",
            f"{without} / {with_one} ({with_one / max(1, without):.2f}x)",
        ),
    ]
    last = args.first_seed + n - 1
    print(f"Balance of `default` over seeds {args.first_seed}-{last} (player's category only)")
    width = max(len(r[0]) for r in rows)
    for what, target, got in rows:
        print(f"  {what.ljust(width)}  target {target:<26} measured {got}")


if __name__ == "__main__":
    main()

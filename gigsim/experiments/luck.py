"""The luck check: the player's own strategy, and shipped policies, on other seeds.

Outcomes vary a lot from seed to seed, so one game cannot tell skill from
luck. The luck check replays the player's strategy (``strategy``: their
actions at their moments, each kind of decision answered their most
frequent way) over the months they played, on the save's own seed and on
``n`` other seeds derived from it, and plays shipped policies on the same
seeds (common random numbers: the same markets). It runs on the batch
runner (``runner.execute``: its pool, all cores, its progress), as a job
kind of its own (``Job.strategy``). Where the player's real result falls
among the strategy's results is its percentile rank (ties count half).

The figures leave as a ``gigsim.text.luck.LuckSummary``, which the command
line prints and the game shows. Must not import Textual.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from gigsim.engine import api
from gigsim.engine.api import PLAYER_POLICIES, run_totals
from gigsim.errors import BadInput
from gigsim.experiments.designs import Design, Points
from gigsim.experiments.executors import Executor, LocalExecutor, default_jobs
from gigsim.experiments.plan import Group, Plan
from gigsim.experiments.pool import Stopped
from gigsim.experiments.runner import Progress, execute
from gigsim.experiments.runs import replication_seed, totals_of
from gigsim.experiments.stats import rank_among
from gigsim.experiments.strategy import PlayersGame, read_strategy
from gigsim.i18n import _
from gigsim.model.limits import check_run
from gigsim.text.luck import LuckSummary, Result, Side, Way

DEFAULT_SEEDS = 100
MIN_SEEDS, MAX_SEEDS = 5, 10_000
COMPARED = ("default", "active")
"""The shipped policies shown beside the player's strategy."""
MAX_POLICIES = 2


def check_seeds(n: int, option: str = "--seeds") -> int:
    if not MIN_SEEDS <= n <= MAX_SEEDS:
        raise BadInput(
            option,
            None,
            _("must be between {low} and {high} (got {n})").format(
                low=MIN_SEEDS, high=MAX_SEEDS, n=n
            ),
        )
    return n


def check_policies(names: Sequence[str]) -> tuple[str, ...]:
    if len(names) > MAX_POLICIES:
        problem = _("at most {n} policies beside your strategy (got {got})")
        raise BadInput("--policy", None, problem.format(n=MAX_POLICIES, got=len(names)))
    for name in names:
        if name not in PLAYER_POLICIES:
            known = ", ".join(sorted(PLAYER_POLICIES))
            problem = _("unknown policy {name!r} (known: {names})")
            raise BadInput("--policy", None, problem.format(name=name, names=known))
    return tuple(dict.fromkeys(names))


def luck_seeds(seed: int, n: int) -> tuple[int, ...]:
    """The save's own seed, then ``n`` others derived from it (never the same one again)."""
    others: list[int] = []
    r = 0
    while len(others) < n:
        s = replication_seed(seed, r)
        if s != seed and s not in others:
            others.append(s)
        r += 1
    return (seed, *others)


def luck_plan(game: PlayersGame, n: int, policies: Sequence[str], src: str) -> Plan:
    """The strategy and each policy (groups) on the own seed and ``n`` others (replications)."""
    check_run(game.scenario, game.months, src)
    sc = game.scenario
    # Keys in the scenario's own order, not sorted: the order of a mapping such as
    # market.buyer_types is the order the model draws from, and the strategy must meet
    # the very market of the save on its own seed.
    text = json.dumps(sc.model_dump(mode="json"), ensure_ascii=False)
    groups = [Group(0, 0, 0, "strategy", {}, "", text, game.strategy.to_json())]
    for name in policies:
        groups.append(Group(len(groups), 0, 0, name, {}, name, text))
    return Plan(
        [sc.name],
        [src],
        [sc],
        [],
        Design(),
        Points([{}]),
        groups,
        game.months,
        game.seed,
        n + 1,
        seeds=luck_seeds(game.seed, n),
    )


def _result(totals: dict[str, Any]) -> Result:
    return Result(
        int(totals["net_income"]), totals["effective_hourly_wage"], totals["final_rating"]
    )


def _median(values: Sequence[float | None]) -> float | None:
    xs = [v for v in values if v is not None]
    return float(np.median(xs)) if xs else None


def _side(policy: str, records: list[dict[str, Any]], strategy: Sequence[int] = ()) -> Side:
    own, others = records[0]["totals"], [r["totals"] for r in records[1:]]
    nets = [t["net_income"] for t in others]
    p10, p50, p90 = (float(q) for q in np.percentile(nets, [10, 50, 90]))
    ahead = None
    if strategy:
        ahead = sum(1 for a, b in zip(nets, strategy, strict=True) if a > b) / len(nets)
    return Side(
        policy,
        _result(own),
        p50,
        p10,
        p90,
        _median([t["effective_hourly_wage"] for t in others]),
        _median([t["final_rating"] for t in others]),
        ahead,
    )


def summary_of(game: PlayersGame, plan: Plan, records: list[dict[str, Any]]) -> LuckSummary:
    """The luck check's figures from its runs (``records`` sorted by group and replication)."""
    by_group = [[r for r in records if r["group"] == g.index] for g in plan.groups]
    mine = by_group[0]
    incomes = tuple(int(r["totals"]["net_income"]) for r in mine[1:])
    rows = list(game.records)
    yours = _result(totals_of({"months": rows, "totals": run_totals(rows)}))
    rank = rank_among(yours.net_income, incomes)
    sides = [_side("", mine)]
    sides += [
        _side(g.policy, rs, incomes) for g, rs in zip(plan.groups[1:], by_group[1:], strict=True)
    ]
    s = game.strategy
    kinds = [m.action.get("kind") for m in s.moves]
    moves = (
        sum(1 for k in kinds if k in ("create_listing", "edit_listing", "set_listing_status")),
        kinds.count("set_hours") + kinds.count("set_disclosure"),
        kinds.count("set_request_rule"),
        kinds.count("withdraw"),
    )
    ways = tuple(
        Way(
            a.kind,
            None if a.option is None else api.option_text(a.kind, a.option),
            a.chosen,
            a.of,
            a.delay * 24.0,
        )
        for a in s.answers
    )
    return LuckSummary(
        game.scenario.player.name,
        game.scenario.name,
        game.seed,
        game.months,
        str(rows[0]["label"]),
        str(rows[-1]["label"]),
        game.scenario.currency,
        yours,
        tuple(sides),
        incomes,
        rank.below,
        rank.equal,
        rank.percentile,
        moves,
        ways,
        s.differing_answers(),
    )


def nothing_yet(src: str) -> BadInput:
    return BadInput(
        src,
        "months",
        _("no month of this game has closed yet: there is nothing to compare"),
    )


def run_luck(
    game: PlayersGame,
    n: int,
    executor: Executor,
    progress: Progress | None = None,
    policies: Sequence[str] = COMPARED,
    src: str = "save",
) -> LuckSummary:
    """Run the luck check of ``game`` on ``executor`` and sum it up."""
    if game.months == 0:
        raise nothing_yet(src)
    plan = luck_plan(game, n, policies, src)
    outcome = execute(plan, executor, None, progress)
    return summary_of(game, plan, outcome.records)


class _Reported:
    """The runner's progress (``grow``, ``advance``) told to a ``(done, total)`` callback."""

    def __init__(self, tell: Callable[[int, int], None]) -> None:
        self.tell, self.done, self.total = tell, 0, 0

    def grow(self, total: int, done: int) -> None:
        self.total, self.done = total, done
        self.tell(done, total)

    def advance(self) -> None:
        self.done += 1
        self.tell(self.done, self.total)


def game_luck_check(
    data: dict[str, Any],
    n: int,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    jobs: int | None = None,
) -> LuckSummary:
    """The luck check of a game in progress (its ``api.save_data``), for the game's dialog.

    Runs on all cores (``jobs``) in worker processes, even on one core, so that
    ``cancelled`` saying True stops it at once: the pool's processes end and
    ``api.Cancelled`` is raised. Meant for a thread of the game, not its UI thread.
    """
    game = read_strategy(data, _("this game"))
    if game.months == 0:
        raise nothing_yet(_("this game"))
    if cancelled():
        raise api.Cancelled()
    executor = LocalExecutor(jobs or default_jobs(), stop=cancelled)
    try:
        return run_luck(game, n, executor, _Reported(progress))
    except Stopped:
        executor.close(abort=True)
        raise api.Cancelled() from None
    except BaseException:
        executor.close(abort=True)
        raise
    finally:
        executor.close()

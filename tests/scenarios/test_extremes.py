"""Every number of the default scenario at an extreme value: one ``error:`` line, or a run that ends.

A scenario field set to ``.inf``, ``.nan``, ``±1e300``, a tiny number, zero
or its own declared bound must either be refused (exit 2, one line naming
the field) or give a one-month run that finishes within a time budget with
finite results. The runs are in-process (``gigsim.cli.main``) and the budget
is a real-time alarm, so a run that would hang fails the example instead of
hanging the suite. ``benchmarks/extremes.py`` runs every field with every
value; this samples them.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.extremes import numeric_fields
from gigsim.cli import main
from gigsim.scenarios import load_scenario

BUDGET_S = 20.0
"""Real time a one-month run may take. The slowest field at its bound (20,000 computer
sellers in a category) takes about 1.5 s on a laptop; 20 s leaves room for a loaded
two-core machine."""

FIELDS = list(numeric_fields(load_scenario("default")))
NON_FINITE = (".inf", "-.inf", ".nan")
# YAML 1.1 reads "1e300" as text (pydantic then parses it) and "1.0e+300" as a float: both
EXTREMES = (
    *NON_FINITE,
    "1e300",
    "-1e300",
    "1.0e+300",
    "-1.0e+300",
    "1.0e+18",
    "-1.0e+18",
    "1e18",
    "1.0e-300",
    "5e-324",
    "0",
    "-1",
)
LINE = re.compile(r"^error: [^:]+: [\w.-]+(?: \([^)]*\))?: \S.*$")


class _TooSlow(BaseException):
    """Raised by the alarm: a BaseException, so that the command line's handlers let it through."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise _TooSlow(f"the run did not finish within {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0.0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def field_and_value(draw: st.DrawFn) -> tuple[str, str]:
    key, lo, hi = draw(st.sampled_from(FIELDS))
    bounds = tuple(repr(b) for b in (lo, hi) if b is not None)
    return key, draw(st.sampled_from(EXTREMES + bounds))


def _finite(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def _reject_constant(name: str) -> float:
    raise AssertionError(f"the results hold {name}")


@settings(
    max_examples=300,
    deadline=None,  # the alarm is the budget: Hypothesis's deadline cannot stop a hang
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(field_and_value())
def test_an_extreme_value_is_refused_in_one_line_or_runs_to_the_end(case: tuple[str, str]) -> None:
    key, value = case
    err, out = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        results = Path(tmp) / "out.json"
        argv = ["run", "default", "--months", "1", "--set", f"{key}={value}"]
        with (
            time_budget(BUDGET_S),
            contextlib.redirect_stderr(err),
            contextlib.redirect_stdout(out),
        ):
            code = main([*argv, "--json", str(results)])
        assert code in (0, 2), f"{key}={value}: exit {code}: {err.getvalue()}"
        if code == 0:
            data = json.loads(results.read_text(encoding="utf-8"), parse_constant=_reject_constant)
            assert _finite(data)
            assert len(data["months"]) == 1
            return
    lines = err.getvalue().splitlines()
    assert len(lines) == 1, err.getvalue()
    assert LINE.match(lines[0]), lines[0]
    assert out.getvalue() == ""
    if value in NON_FINITE:  # refused by the field itself, which the line names
        assert f"--set: {key}: must be a finite number" in lines[0], lines[0]


def test_every_number_of_the_default_scenario_has_both_bounds() -> None:
    unbounded = [key for key, lo, hi in FIELDS if lo is None or hi is None]
    assert unbounded == []
    assert len(FIELDS) > 200  # the walk reaches list items and mapping entries
    keys = {key for key, _, _ in FIELDS}
    assert {
        "categories.8.buyers_per_day",
        "platform.ranks.4.rating",
        "market.weekday_factors.6",
        "market.buyer_types.monster.share",
        "player.listings.0.options.1.price",
        "player.skills.design",
        "platform.buyer_fee.fixed_below",
    } <= keys

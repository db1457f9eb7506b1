"""The kernel of a run: the clock, timers, random streams, ids, the ledger and an event bus.

This is the only engine module that imports SimPy. Everything the engine
schedules is a timer here: ``at(delay, fn)`` calls ``fn`` after ``delay``
days, ``start(fn)`` calls it at once but after the step under way (a flow
that waits for a decision or a piece of work is a chain of such calls, each
step naming the next). SimPy only keeps the queue in order: a timer is a
bare payload on its event queue, processed by ``Environment.step`` like any
event, which is cheaper than a ``Timeout`` with a callback and keeps the
order (time, then priority, then scheduling order) that makes a run
reproducible.

The bus carries what happened to whoever subscribed to its kind
(``subscribe``, ``publish``); each player's domain events are kept in their
own books (``gigsim.engine.controllers``), which publish them on the bus too.
Must not import any other engine module but ``ledger`` and ``rng``.
"""

from __future__ import annotations

import copy
import itertools
import random
from collections.abc import Callable
from typing import Any

import simpy
from simpy.core import NORMAL, URGENT

from gigsim.engine.ledger import Ledger
from gigsim.engine.rng import Streams


class _Call:
    """A timer's payload on SimPy's queue: what ``Environment.step`` needs of an event, no more.

    ``step`` reads ``callbacks`` (then sets it to None) and ``_ok``; a timer
    never fails, so ``_ok`` is a class constant.
    """

    __slots__ = ("callbacks", "fn")
    _ok = True
    _value = None

    def __init__(self, fn: Callable[[], None]) -> None:
        self.fn = fn
        self.callbacks: list[Callable[[Any], None]] | None = [_fire]


def _fire(call: _Call) -> None:
    call.fn()


def _nothing() -> None:
    """What a flow's end does: nothing but take its step on the clock."""


class Kernel:
    """The clock and the services every part of a running market shares."""

    def __init__(self, seed: int) -> None:
        self._env = simpy.Environment()
        self._schedule = self._env.schedule
        self.steps = 0
        """Timers fired so far: where each journalled action happened (saves replay by count)."""
        self.streams = Streams(seed)
        self.ledger = Ledger()
        self._ids = itertools.count(1)
        self._seq = itertools.count()
        self._subscribers: dict[str, list[Callable[..., None]]] = {}

    # -- the clock and timers -------------------------------------------------
    @property
    def now(self) -> float:
        return self._env.now

    def at(self, delay: float, fn: Callable[[], None]) -> None:
        """Call ``fn`` after ``delay`` days (at once, after the current step, if ``delay <= 0``)."""
        self._schedule(_Call(fn), NORMAL, delay if delay > 0.0 else 0.0)  # type: ignore[arg-type]

    def start(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` now, before the timers already due now: the first step of a flow.

        The delay is the integer 0, as a SimPy process's start was: at the
        start of a run the clock then still reads ``0`` rather than ``0.0``,
        which the event log writes as it reads.
        """
        self._schedule(_Call(fn), URGENT, 0)  # type: ignore[arg-type]

    def flow_ended(self) -> None:
        """A flow (started with ``start``) has taken its last step.

        Its end is one step of the clock, as a process's end was, so that the
        step counts that saves record stay those of earlier versions.
        """
        self._schedule(_Call(_nothing), NORMAL, 0.0)  # type: ignore[arg-type]

    def scheduled(self) -> int:
        """How many timers (and SimPy events) have been scheduled so far (for benchmarks)."""
        return next(copy.copy(self._env._eid))

    def next_time(self) -> float:
        """When the next timer fires (infinity when none is left)."""
        return self._env.peek()

    def run(self, until: float, stop: Callable[[], bool] | None = None) -> bool:
        """Fire the timers due before ``until``; True if ``stop()`` held after one of them.

        Without a stop, the clock then reads ``until`` exactly (see ``_clock_to``).
        """
        env = self._env
        peek, step = env.peek, env.step
        n = 0
        stopped = False
        try:
            if stop is None:
                while peek() < until:
                    step()
                    n += 1
            else:
                while peek() < until:
                    step()
                    n += 1
                    if stop():
                        stopped = True
                        break
        finally:
            self.steps += n
        if not stopped:
            self._clock_to(until)
        return stopped

    def run_steps(self, steps: int, until: float) -> bool:
        """Fire timers until ``steps`` have fired in all, none after ``until``; then the clock to it.

        False (and the clock left where it is) when the next timer lies after
        ``until`` before the count is reached: the count does not belong to this run.
        """
        env = self._env
        peek, step = env.peek, env.step
        n = self.steps
        try:
            while n < steps:
                if peek() > until:
                    return False
                step()
                n += 1
        finally:
            self.steps = n
        self._clock_to(until)
        return True

    def _clock_to(self, t: float) -> None:
        """Move the clock forward to ``t`` when no timer is left before it.

        ``Environment.run(until=t)`` would do it through an extra event scheduled at
        ``now + (t - now)``, which can land an ulp away from ``t`` and depends
        on where the clock was: a replay would then drift from the original.
        Setting SimPy's clock directly is exact and reproducible. A replay that
        has diverged (timers still due before ``t``) keeps its clock; the
        save's fingerprint check then reports it.
        """
        env = self._env
        if env.now < t and env.peek() >= t:
            env._now = t

    # -- streams and ids ------------------------------------------------------
    def rng(self, name: str) -> random.Random:
        """The run's random stream of a given name (see ``gigsim.engine.rng``)."""
        return self.streams.get(name)

    def next_id(self) -> int:
        """The next id of anything the run creates (listings, orders, decisions)."""
        return next(self._ids)

    def next_seq(self) -> int:
        """The next tie-breaker of a queue (work items)."""
        return next(self._seq)

    # -- the event bus --------------------------------------------------------
    def subscribe(self, kind: str, fn: Callable[..., None]) -> None:
        """Call ``fn`` with what is published under ``kind``, after the earlier subscribers."""
        self._subscribers.setdefault(kind, []).append(fn)

    def publish(self, kind: str, /, *args: Any) -> None:
        """Hand ``args`` to the subscribers of ``kind``, in the order they subscribed."""
        for fn in self._subscribers.get(kind, ()):
            fn(*args)

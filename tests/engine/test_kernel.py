"""The kernel: one way to schedule, an exact clock, step counts, streams, ids and the bus."""

from __future__ import annotations

from functools import partial

from gigsim.engine.kernel import Kernel


def test_timers_fire_in_time_then_priority_then_scheduling_order() -> None:
    k = Kernel(1)
    seen: list[tuple[float, str]] = []

    def note(name: str) -> None:
        seen.append((k.now, name))

    k.at(2.0, partial(note, "b"))
    k.at(1.0, partial(note, "a"))
    k.at(2.0, partial(note, "c"))
    k.at(-5.0, partial(note, "now"))  # a negative delay is now, never the past
    k.start(partial(note, "first"))  # a flow's first step comes before timers already due now
    k.run(10.0)
    assert seen == [(0.0, "first"), (0.0, "now"), (1.0, "a"), (2.0, "b"), (2.0, "c")]
    assert k.steps == 5


def test_run_leaves_the_clock_exactly_at_until_and_stops_when_asked() -> None:
    k = Kernel(1)
    t = 0.1 + 0.2  # a time that now + (t - now) would miss by an ulp from some clocks
    k.at(0.05, lambda: None)
    assert k.run(t) is False
    assert k.now == t
    hits: list[float] = []
    k.at(1.0, lambda: hits.append(k.now))
    k.at(2.0, lambda: hits.append(k.now))
    assert k.run(10.0, stop=lambda: bool(hits)) is True
    assert hits == [t + 1.0] and k.now == t + 1.0  # stopped after the first, clock kept
    assert k.next_time() == t + 2.0


def test_run_steps_replays_a_count_and_refuses_one_that_lies_later() -> None:
    k = Kernel(1)
    for d in (1.0, 2.0, 3.0):
        k.at(d, lambda: None)
    assert k.run_steps(2, 2.5) is True
    assert (k.steps, k.now) == (2, 2.5)
    assert k.run_steps(4, 2.9) is False  # the third timer is at 3.0: step 4 never comes by 2.9
    assert (k.steps, k.now) == (2, 2.5)


def test_a_flow_end_is_one_step_and_does_nothing_else() -> None:
    k = Kernel(1)
    k.flow_ended()
    k.run(1.0)
    assert k.steps == 1


def test_streams_ids_and_scheduled_count() -> None:
    a, b = Kernel(7), Kernel(7)
    assert [a.rng("x").random() for _ in range(3)] == [b.rng("x").random() for _ in range(3)]
    assert a.rng("x") is a.rng("x") and a.rng("y").random() != Kernel(7).rng("x").random()
    assert [a.next_id(), a.next_id()] == [1, 2]
    assert [a.next_seq(), a.next_seq()] == [0, 1]
    before = a.scheduled()
    a.at(1.0, lambda: None)
    assert a.scheduled() == before + 1 == a.scheduled()  # reading the count does not move it


def test_the_bus_calls_subscribers_in_order() -> None:
    k = Kernel(1)
    got: list[object] = []
    k.subscribe("order_settled", lambda *args: got.append(("first", args)))
    k.subscribe("order_settled", lambda *args: got.append(("second", args)))
    k.publish("order_settled", 1, "x")
    k.publish("nobody_listens", 2)
    assert got == [("first", (1, "x")), ("second", (1, "x"))]

"""gigsim.batch and gigsim.load_experiment: the tables of ``gigsim batch`` as DataFrames."""

from __future__ import annotations

from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import gigsim
from gigsim.cli import main
from gigsim.errors import BadInput
from gigsim.experiments import executors

OPTIONS: dict[str, Any] = {
    "reps": 3,
    "months": 2,
    "seed": 4,
    "sweep": {"player.hours.weekday": [1, 3]},
    "overrides": {"player.listings.0.price": 4000},
}
CLI = ["default", "--reps", "3", "--months", "2", "--seed", "4"]
CLI += ["--sweep", "player.hours.weekday=1,3", "--set", "player.listings.0.price=4000"]


def _same(a: gigsim.Experiment, b: gigsim.Experiment) -> None:
    for name in ("runs", "months", "summary", "comparison"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@pytest.fixture(scope="module")
def serial() -> gigsim.Experiment:
    return gigsim.batch("default", **OPTIONS)


def test_the_frames_are_the_files_gigsim_batch_writes(
    serial: gigsim.Experiment, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", *CLI, "--jobs", "1", "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    loaded = gigsim.load_experiment(tmp_path / "out")
    _same(serial, loaded)
    assert loaded.experiment == serial.experiment and loaded.replications == 3
    runs = serial.runs
    assert len(runs) == 2 * 3 and list(runs["player.hours.weekday"].unique()) == [1.0, 3.0]
    assert len(serial.months) == 2 * 3 * 2
    by_run = serial.months.groupby(["point", "replication"])["net_income"].sum()
    assert list(by_run) == list(runs.set_index(["point", "replication"])["net_income"])
    net = serial.summary[serial.summary["kpi"] == "net_income"]
    assert list(net["mean"]) == pytest.approx(list(runs.groupby("point")["net_income"].mean()))


def test_a_process_pool_gives_the_serial_batch(serial: gigsim.Experiment) -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        _same(serial, gigsim.batch("default", **OPTIONS, executor=pool))


class RecordingExecutor(Executor):
    """Runs each job when submitted; records how many futures are outstanding (not yet read)."""

    def __init__(self) -> None:
        self.outstanding = 0
        self._max_workers = 0
        self.peak = 0
        self.submitted = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        owner = self

        class Tracked(Future):  # type: ignore[type-arg]
            read = False

            def result(self, timeout: float | None = None) -> Any:
                if not self.read:
                    self.read = True
                    owner.outstanding -= 1
                return super().result(timeout)

        future = Tracked()
        future.set_result(fn(*args, **kwargs))
        self.submitted += 1
        self.outstanding += 1
        self.peak = max(self.peak, self.outstanding)
        return future


def test_jobs_go_out_in_bounded_chunks(serial: gigsim.Experiment) -> None:
    fake = RecordingExecutor()
    fake._max_workers = 2  # as concurrent.futures' pools say how many workers they have
    done = gigsim.batch("default", **dict(OPTIONS, reps=5), executor=fake)
    assert fake.submitted == 2 * 5
    assert fake.peak == 2 * executors.JOBS_PER_WORKER  # never all ten at once
    assert fake.outstanding == 0
    first_three = done.runs[done.runs["replication"] < 3].reset_index(drop=True)
    pd.testing.assert_frame_equal(first_three, serial.runs)


def test_the_bounded_loop_never_holds_more_than_its_limit() -> None:
    fake = RecordingExecutor()
    runner = executors.FuturesExecutor(fake, workers=3)
    out = list(runner.run(lambda job: {"job": job}, list(range(25))))
    assert sorted(r["job"] for r in out) == list(range(25))
    assert fake.peak == runner.limit == 6


def test_bad_options_are_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="a number of processes"):
        gigsim.batch("default", reps=1, months=1, executor="somewhere")
    with pytest.raises(BadInput, match="whole number >= 1 or 'auto'"):
        gigsim.batch("default", reps=0, months=1)
    with pytest.raises(BadInput, match="unknown method"):
        gigsim.batch(
            "default", reps=1, months=1, method="guess", ranges={"player.hours.weekday": (1, 2)}
        )
    with pytest.raises(BadInput) as err:
        gigsim.load_experiment(tmp_path)
    assert "no manifest" in err.value.problem

"""gigsim.batch on a Dask Client; the Dask executor's version check and DASK_SCHEDULER_ADDRESS."""

from __future__ import annotations

from collections.abc import Iterator

import distributed  # in the test extras (dask[distributed]): missing, these tests fail
import pandas as pd
import pytest

import gigsim
from gigsim.errors import BadInput
from gigsim.experiments import executors

OPTIONS = {"reps": 2, "months": 1, "seed": 9, "sweep": {"player.hours.weekday": [1, 2]}}


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as c:
        yield c


def test_a_dask_client_gives_the_serial_batch_and_stays_open(
    cluster: distributed.LocalCluster,
) -> None:
    serial = gigsim.batch("textbook-queue", **OPTIONS)
    with distributed.Client(cluster) as client:
        on_dask = gigsim.batch("textbook-queue", **OPTIONS, executor=client)
        assert client.status == "running"  # the caller's client: left open
    for name in ("runs", "months", "summary"):
        pd.testing.assert_frame_equal(getattr(serial, name), getattr(on_dask, name), obj=name)


def test_workers_of_another_gigsim_are_refused_in_one_line(
    cluster: distributed.LocalCluster,
) -> None:
    with distributed.Client(cluster) as client:
        executors.check_workers(client)  # the same gigsim: accepted
        with pytest.raises(BadInput) as err:
            executors.check_workers(client, expected=("0.0.1", "0"))
    message = str(err.value)
    assert err.value.source == "--scheduler" and "\n" not in message
    assert f"runs gigsim {gigsim.__version__} (model {gigsim.MODEL_VERSION})" in message
    assert "this is gigsim 0.0.1 (model 0)" in message


def test_the_scheduler_address_comes_from_the_environment(
    cluster: distributed.LocalCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(executors.SCHEDULER_ENV, cluster.scheduler_address)
    ex = executors.make_executor("dask", 1, None)
    try:
        assert isinstance(ex, executors.DaskExecutor)
        assert ex._cluster is None  # no cluster of its own: the one the variable names
        assert ex.client.scheduler.address == cluster.scheduler_address
        assert [r["job"] for r in ex.run(lambda j: {"job": j}, [1])] == [1]
    finally:
        ex.close()

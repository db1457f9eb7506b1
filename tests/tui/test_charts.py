"""What each chart shows, as data: months at 1..n, ticks in yen or whole numbers, short legends."""

from __future__ import annotations

from typing import Any

from gigsim.tui.widgets.charts import CHARTS, LOST_LEGEND, chart_spec, value_ticks


def _month(i: int, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "label": f"2026-{i:02d}",
        "net_income": 0,
        "orders": 0,
        "rating": 0.0,
        "reviews": 0,
        "utilisation": 0.0,
        "lost_buyers": dict.fromkeys(LOST_LEGEND, 0),
    }
    base.update(kw)
    return base


def test_no_months_no_chart() -> None:
    for key, _ in CHARTS:
        assert chart_spec(key, [], "JPY").kind == "empty"


def test_months_that_are_all_zero_get_our_own_ticks() -> None:
    months = [_month(1), _month(2)]
    net = chart_spec("net", months, "JPY")
    assert net.yticks == ((0.0, 1.0), ("¥0", "¥1"))
    orders = chart_spec("orders", months, "JPY")
    assert orders.yticks[1] == ("0", "1")  # whole orders, never 0.25 or a negative count
    lost = chart_spec("lost", months, "JPY")
    assert lost.yticks[1] == ("0", "1")
    util = chart_spec("util", months, "JPY")
    assert util.yticks[1][0] == "0%" and util.yticks[1][-1] == "100%"


def test_net_income_ticks_are_round_amounts_in_the_currency() -> None:
    months = [_month(1, net_income=-2300), _month(2, net_income=41000)]
    net = chart_spec("net", months, "JPY")
    ticks, labels = net.yticks
    assert ticks[0] <= -2300 and ticks[-1] >= 41000 and 0.0 in ticks
    assert len(ticks) <= 6 and all(t % 10000 == 0 for t in ticks)
    assert labels[0] == "-¥20,000" and "¥0" in labels
    assert net.ylim == (ticks[0], ticks[-1])
    usd = chart_spec("net", [_month(1, net_income=12345)], "USD")  # cents
    assert all(t.startswith("$") and t.endswith(".00") for t in usd.yticks[1])


def test_months_sit_at_whole_positions_with_their_labels() -> None:
    months = [_month(i, orders=i) for i in range(1, 13)]
    spec = chart_spec("orders", months, "JPY")
    assert spec.x == tuple(range(1, 13)) and spec.months == 12
    positions, labels = spec.xticks
    assert len(labels) <= 8 and labels[0] == "26-01"
    assert all(months[p - 1]["label"][2:] == lab for p, lab in zip(positions, labels, strict=True))


def test_rating_only_for_months_with_reviews_on_a_star_axis() -> None:
    months = [_month(1), _month(2, rating=4.5, reviews=2), _month(3, rating=4.7, reviews=4)]
    spec = chart_spec("rating", months, "JPY")
    assert spec.kind == "line" and spec.x == (2, 3) and spec.series == ((4.5, 4.7),)
    assert spec.yticks[1] == ("1★", "2★", "3★", "4★", "5★")
    assert chart_spec("rating", [_month(1)], "JPY").kind == "empty"


def test_the_lost_buyers_legend_is_whole_at_80_columns() -> None:
    spec = chart_spec("lost", [_month(1, lost_buyers={"delivery_time": 3})], "JPY")
    assert spec.legend == tuple(LOST_LEGEND.values())
    assert "delivery time" in spec.legend
    assert all(len(name) <= 16 for name in spec.legend)


def test_value_ticks_cover_the_values_and_zero() -> None:
    assert value_ticks(0, 7, whole=True) == [0.0, 2.0, 4.0, 6.0, 8.0]
    ticks = value_ticks(-3, 0, whole=True)
    assert ticks[0] <= -3 and ticks[-1] == 0

"""The report's charts leave room for their row labels: a label never runs into the axis."""

from __future__ import annotations

import re

from gigsim.experiments import svg


def _plot_left(chart: str) -> float:
    """The x of the leftmost grid line: where the plot starts."""
    return min(float(x) for x in re.findall(r'<line x1="([0-9.]+)" x2="\1" y1=', chart))


def test_a_long_comparison_label_gets_its_room() -> None:
    label = "default [price=5000] − default [price=3000]"
    chart = svg.forest([(label, -21758.0, -58422.0, 14906.0, "")], "t", lambda v: f"{v:.0f}")
    assert _plot_left(chart) >= 6 + svg.CHAR_W * len(label)
    assert f">{label}</text>" in chart


def test_a_label_longer_than_the_column_is_cut_with_the_whole_as_a_tooltip() -> None:
    label = "x" * 200
    chart = svg.ranking([(label, 3.0, None)], "t", lambda v: f"{v:.0f}")
    assert f"<title>{label}</title>" in chart and "…</text>" in chart
    assert _plot_left(chart) <= svg.MAX_LABEL_W + 1


def test_short_labels_keep_a_modest_column() -> None:
    chart = svg.tornado([("price", 1.0, 2.0)], 1.5, "t", lambda v: f"{v:.1f}")
    assert _plot_left(chart) < 200

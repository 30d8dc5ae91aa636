from __future__ import annotations

from grader.report.charts import histogram, pass_rate_bars


def test_histogram_counts_scores_per_ten_points():
    chart = histogram([0.0, 0.05, 0.55, 0.99, 1.0, 1.0])
    counts = [int(bar.value) for bar in chart.bars]
    assert counts == [2, 0, 0, 0, 0, 1, 0, 0, 0, 3]
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.label == "90–100" and tallest.y >= 0
    assert chart.bars[1].height == 0
    assert all(bar.y + bar.height <= chart.height for bar in chart.bars)


def test_pass_rate_bars_are_proportional_and_skip_items_nobody_had():
    chart = pass_rate_bars([("a", "항목 A", 3, 4), ("b", "항목 B", 0, 0), ("c", "항목 C", 4, 4)])
    assert [bar.label for bar in chart.bars] == ["항목 A", "항목 C"]
    assert chart.bars[0].width == 0.75 * chart.bars[1].width
    assert chart.bars[0].value == "75% (3/4)"


def test_an_empty_class_draws_empty_charts():
    assert all(bar.height == 0 for bar in histogram([]).bars)
    assert pass_rate_bars([]).bars == ()

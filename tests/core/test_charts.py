"""core.charts, the one SVG chart of pages and PDFs: a bar chart as wide as its
legend, and the Gantt chart's bars where their months fall."""

from datetime import date

from core.charts import GanttRow, bar_chart, gantt_chart, legend_width, wrap_label


def test_a_bar_chart_is_as_wide_as_its_legend_and_never_narrower_than_the_page():
    two = bar_chart(title="T", categories=["a"], series=[("x", [1]), ("y", [2])])
    five = bar_chart(title="T", categories=["a"], series=[(str(i), [i]) for i in range(5)])
    assert legend_width(2) == 640
    assert 'viewBox="0 0 640 ' in two.svg
    assert f'viewBox="0 0 {legend_width(5)} ' in five.svg
    assert legend_width(5) > 640


def test_a_bar_chart_labels_no_empty_bar_and_its_table_says_every_figure():
    chart = bar_chart(
        title="T", categories=["a", "b"], series=[("x", [0, 3])], category_label="Things"
    )
    assert chart.svg.count("<rect") == 2  # the legend's and b's bar
    assert chart.headers == ["Things", "x"]
    assert chart.rows == [["a", 0], ["b", 3]]


def test_a_gantt_chart_draws_each_period_its_progress_and_today():
    rows = [
        GanttRow("Kick-off", date(2024, 1, 1), date(2024, 6, 30), 50, "Under way"),
        GanttRow("Late one", date(2024, 7, 1), date(2025, 12, 31), 10, "Late", late=True),
    ]
    chart = gantt_chart(
        title="Plan",
        rows=rows,
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
        today=date(2025, 3, 1),
    )
    assert chart.svg.count("<rect") == 4  # an outline and a filled part per row
    assert chart.svg.count('stroke-dasharray="4 3"') == 1  # today
    assert ">2024<" in chart.svg and ">2025<" in chart.svg
    # 300 for the labels, 590 for 24 months: the first bar half filled over six months.
    assert 'x="300.0" y="31" width="147.5"' in chart.svg
    assert 'width="73.7"' in chart.svg  # 147.5 × 50 %, to one decimal
    assert [row[-1] for row in chart.rows] == ["Under way", "Late"]
    assert chart.text_columns == {4}


def test_a_long_category_label_wraps_between_words_and_is_never_cut():
    label = "Proporción de PYMEs entre las empresas socias del clúster"
    chart = bar_chart(title="T", categories=[label, "Corto"], series=[("x", [1, 2])])
    lines = wrap_label(label)
    assert len(lines) > 1 and all(len(line) <= 30 for line in lines)
    assert " ".join(lines) == label
    for line in lines:
        assert f">{line}</tspan>" in chart.svg
    assert "…" not in chart.svg


def test_a_word_longer_than_a_line_stays_whole():
    assert wrap_label("Desarrollo " + "x" * 40) == ["Desarrollo", "x" * 40]
    assert wrap_label("") == [""]

"""Server-rendered SVG charts, each with the table of its data.

The same code draws the charts of the pages and of the PDF reports. Charts use
SVG presentation attributes only (no inline style), so they pass the Content
Security Policy and render in WeasyPrint; every chart comes with an
equivalent data table for screen readers and for print.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Colours with enough contrast on white (WCAG AA for graphics, 3:1).
PALETTE = ["#0b5cad", "#c25400", "#2e7d32", "#6a1b9a", "#ad1457", "#00695c", "#5d4037"]
MUTED = "#6c757d"
LATE = "#b00020"
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass
class Chart:
    """An SVG drawing and the table that says the same in words and numbers."""

    title: str
    svg: str
    headers: list
    rows: list = field(default_factory=list)
    text_columns: set = field(default_factory=set)  # the others are numbers, aligned right
    # False when there is no figure to draw (every value zero or missing): a
    # page or report says so in a sentence instead of showing an empty chart.
    drawn: bool = True


def _fmt(value, formatter):
    if value is None:
        return "—"
    return formatter(value) if formatter else value


# bar_chart's layout: the category labels on the left, a legend entry per series
# every LEGEND_STEP points, room on the right for the last bar's figure.
LABEL_WIDTH, LEGEND_STEP, RIGHT_MARGIN, MIN_WIDTH = 230, 160, 70, 640


def legend_width(series_count):
    """Wide enough for the legend of every series, and never narrower than MIN_WIDTH."""
    return max(MIN_WIDTH, LABEL_WIDTH + LEGEND_STEP * series_count + RIGHT_MARGIN)


def bar_chart(*, title, categories, series, category_label="", formatter=None, width=None):
    """Horizontal grouped bars: one group per category, one bar per series.

    series is a list of (name, values) with one value per category; width is by
    default that of the legend (legend_width).
    """
    width = width or legend_width(len(series))
    bar_height, gap, line_height = 14, 10, 13
    legend_height = 24
    # Long labels wrap onto more lines rather than being cut: each group is as
    # tall as its bars or its label, whichever is taller.
    labels = [wrap_label(category) for category in categories]
    heights = [max(bar_height * len(series), line_height * len(lines)) + gap for lines in labels]
    height = legend_height + sum(heights) + 10
    plot_width = width - LABEL_WIDTH - RIGHT_MARGIN
    largest = max([v for _name, values in series for v in values if v is not None] + [0]) or 1

    parts = [_legend(series, LABEL_WIDTH)]
    top = legend_height
    for index, lines in enumerate(labels):
        group_height = heights[index]
        first = top + (group_height - gap) / 2 - line_height * (len(lines) - 1) / 2 + 4
        parts.append(_label_lines(lines, first, line_height))
        bars_top = top + (group_height - gap - bar_height * len(series)) / 2
        for position, (_name, values) in enumerate(series):
            value = values[index] or 0
            if not value:
                continue  # an empty bar needs no label: the table says zero
            y = bars_top + position * bar_height
            bar = max(plot_width * float(value) / float(largest), 0)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                    '<text x="{}" y="{}" font-size="10" fill="#212529">{}</text>',
                    LABEL_WIDTH,
                    _n(y),
                    _n(bar),
                    bar_height - 2,
                    PALETTE[position % len(PALETTE)],
                    _n(LABEL_WIDTH + bar + 4),
                    _n(y + bar_height - 4),
                    _fmt(value, formatter),
                )
            )
        top += group_height
    rows = [
        [category, *[_fmt(values[i], formatter) for _name, values in series]]
        for i, category in enumerate(categories)
    ]
    return Chart(
        title=title,
        svg=_svg(title, width, height, parts),
        headers=[category_label, *[name for name, _values in series]],
        rows=rows,
        drawn=any(value for _name, values in series for value in values),
    )


@dataclass
class GanttRow:
    label: str
    start: date
    end: date
    progress: int
    status: str
    late: bool = False


@dataclass
class _Timeline:
    """Where the months of start–end fall on a Gantt chart."""

    start: date
    months: int
    left: float  # where the first month begins: the labels are to its left
    month_width: float

    @classmethod
    def of(cls, start, end, *, left, plot_width):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return cls(start=start, months=months, left=left, month_width=plot_width / max(months, 1))

    def x_of(self, day):
        """Where the month of the day begins, kept inside the chart."""
        offset = (day.year - self.start.year) * 12 + day.month - self.start.month
        return self.left + max(0, min(offset, self.months)) * self.month_width


GANTT_LABEL_WIDTH, GANTT_ROW_HEIGHT, GANTT_AXIS_HEIGHT = 300, 22, 28


def gantt_chart(*, title, rows, start, end, label_header="", today=None, width=900):
    """Planned periods as bars, progress as their filled part, late ones marked."""
    timeline = _Timeline.of(
        start, end, left=GANTT_LABEL_WIDTH, plot_width=width - GANTT_LABEL_WIDTH - 10
    )
    height = GANTT_AXIS_HEIGHT + GANTT_ROW_HEIGHT * len(rows) + 10
    parts = _gantt_years(timeline, start, end, height)
    if today and start <= today <= end:
        parts.append(_gantt_today(timeline, today, height))
    parts.extend(_gantt_bar(timeline, row, index) for index, row in enumerate(rows))
    return Chart(
        title=title,
        svg=_svg(title, width, height, parts),
        headers=[label_header, _("Planned start"), _("Planned end"), _("Progress"), _("Status")],
        rows=[_gantt_table_row(row) for row in rows],
        text_columns={4},
    )


def _gantt_years(timeline, start, end, height):
    """A line and the year where each year of the plan begins."""
    parts = []
    for year in range(start.year, end.year + 1):
        x = timeline.x_of(max(date(year, 1, 1), start))
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#dee2e6"></line>'
                '<text x="{}" y="16" font-size="11" fill="#212529">{}</text>',
                _n(x),
                GANTT_AXIS_HEIGHT - 6,
                _n(x),
                height,
                _n(x + 3),
                year,
            )
        )
    return parts


def _gantt_today(timeline, today, height):
    """Where the plan stands now: bars to its left should be done."""
    x = timeline.x_of(today) + timeline.month_width * (today.day - 1) / 31
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" '
        'stroke-dasharray="4 3"></line>',
        _n(x),
        GANTT_AXIS_HEIGHT - 10,
        _n(x),
        height,
        LATE,
    )


def _gantt_bar(timeline, row, index):
    """A row's label, its planned period as an outline and its progress filled in."""
    y = GANTT_AXIS_HEIGHT + index * GANTT_ROW_HEIGHT
    left = timeline.x_of(row.start)
    right = timeline.x_of(row.end) + timeline.month_width
    colour = LATE if row.late else PALETTE[0]
    return format_html(
        '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#212529">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff" stroke="{}"></rect>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
        GANTT_LABEL_WIDTH - 8,
        y + 13,
        _truncate(row.label, 48),
        _n(left),
        y + 3,
        _n(right - left),
        GANTT_ROW_HEIGHT - 8,
        colour,
        _n(left),
        y + 3,
        _n((right - left) * min(max(row.progress, 0), 100) / 100),
        GANTT_ROW_HEIGHT - 8,
        colour,
    )


def _gantt_table_row(row):
    return [
        row.label,
        date_format(row.start, "YEAR_MONTH_FORMAT"),
        date_format(row.end, "YEAR_MONTH_FORMAT"),
        f"{row.progress} %",
        row.status,
    ]


def _legend(series, left):
    return format_html_join(
        "",
        '<rect x="{}" y="4" width="12" height="12" fill="{}"></rect>'
        '<text x="{}" y="15" font-size="11" fill="#212529">{}</text>',
        (
            (left + i * LEGEND_STEP, PALETTE[i % len(PALETTE)], left + i * LEGEND_STEP + 16, name)
            for i, (name, _values) in enumerate(series)
        ),
    )


def _svg(title, width, height, parts):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-label="{}" font-family="{}">{}</svg>',
        width,
        height,
        title,
        FONT,
        mark_safe("".join(parts)),  # noqa: S308 - every part was built with format_html
    )


def _n(number):
    """A coordinate with one decimal, as SVG text."""
    return f"{number:.1f}"


def _label_lines(lines, first, line_height):
    """A category's label, right-aligned left of its bars, a line per tspan."""
    return format_html(
        '<text text-anchor="end" font-size="12" fill="#212529">{}</text>',
        format_html_join(
            "",
            '<tspan x="{}" y="{}">{}</tspan>',
            (
                (LABEL_WIDTH - 8, _n(first + line * line_height), text)
                for line, text in enumerate(lines)
            ),
        ),
    )


# About this many characters of a 12-point label fit left of the bars.
LABEL_CHARS = 30


def wrap_label(text, width=LABEL_CHARS):
    """A category label as lines that fit left of the bars, cut only between
    words (a single word longer than a line stays whole)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else [""]


def _truncate(text, length):
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"

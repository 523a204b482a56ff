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


def _fmt(value, formatter):
    if value is None:
        return "—"
    return formatter(value) if formatter else value


def bar_chart(*, title, categories, series, category_label="", formatter=None, width=640):
    """Horizontal grouped bars: one group per category, one bar per series.

    series is a list of (name, values) with one value per category.
    """
    bar_height, gap, label_width, right_margin = 14, 10, 230, 70
    group_height = bar_height * len(series) + gap
    legend_height = 24
    height = legend_height + group_height * len(categories) + 10
    plot_width = width - label_width - right_margin
    largest = max([v for _name, values in series for v in values if v is not None] + [0]) or 1

    parts = [_legend(series, label_width)]
    for index, category in enumerate(categories):
        top = legend_height + index * group_height
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#212529">{}</text>',
                label_width - 8,
                _n(top + group_height / 2),
                _truncate(category, 34),
            )
        )
        for position, (_name, values) in enumerate(series):
            value = values[index] or 0
            y = top + position * bar_height
            bar = max(plot_width * float(value) / float(largest), 0)
            if not value:
                continue  # an empty bar needs no label: the table says zero
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                    '<text x="{}" y="{}" font-size="10" fill="#212529">{}</text>',
                    label_width,
                    y,
                    _n(bar),
                    bar_height - 2,
                    PALETTE[position % len(PALETTE)],
                    _n(label_width + bar + 4),
                    y + bar_height - 4,
                    _fmt(value, formatter),
                )
            )
    rows = [
        [category, *[_fmt(values[i], formatter) for _name, values in series]]
        for i, category in enumerate(categories)
    ]
    return Chart(
        title=title,
        svg=_svg(title, width, height, parts),
        headers=[category_label, *[name for name, _values in series]],
        rows=rows,
    )


@dataclass
class GanttRow:
    label: str
    start: date
    end: date
    progress: int
    status: str
    late: bool = False


def gantt_chart(*, title, rows, start, end, label_header="", today=None, width=900):
    """Planned periods as bars, progress as their filled part, late ones marked."""
    label_width, row_height, axis_height = 300, 22, 28
    plot_width = width - label_width - 10
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    month_width = plot_width / max(months, 1)
    height = axis_height + row_height * len(rows) + 10

    def x_of(day):
        offset = (day.year - start.year) * 12 + day.month - start.month
        return label_width + max(0, min(offset, months)) * month_width

    parts = []
    for year in range(start.year, end.year + 1):
        x = x_of(max(date(year, 1, 1), start))
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#dee2e6"></line>'
                '<text x="{}" y="16" font-size="11" fill="#212529">{}</text>',
                _n(x),
                axis_height - 6,
                _n(x),
                height,
                _n(x + 3),
                year,
            )
        )
    if today and start <= today <= end:
        # Where the plan stands now: bars to its left should be done.
        x = x_of(today) + month_width * (today.day - 1) / 31
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" '
                'stroke-dasharray="4 3"></line>',
                _n(x),
                axis_height - 10,
                _n(x),
                height,
                LATE,
            )
        )
    for index, row in enumerate(rows):
        y = axis_height + index * row_height
        left = x_of(row.start)
        right = x_of(row.end) + month_width
        colour = LATE if row.late else PALETTE[0]
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#212529">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff" stroke="{}"></rect>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                label_width - 8,
                y + 13,
                _truncate(row.label, 48),
                _n(left),
                y + 3,
                _n(right - left),
                row_height - 8,
                colour,
                _n(left),
                y + 3,
                _n((right - left) * min(max(row.progress, 0), 100) / 100),
                row_height - 8,
                colour,
            )
        )
    table_rows = [
        [
            row.label,
            date_format(row.start, "YEAR_MONTH_FORMAT"),
            date_format(row.end, "YEAR_MONTH_FORMAT"),
            f"{row.progress} %",
            row.status,
        ]
        for row in rows
    ]
    return Chart(
        title=title,
        svg=_svg(title, width, height, parts),
        headers=[label_header, _("Planned start"), _("Planned end"), _("Progress"), _("Status")],
        rows=table_rows,
        text_columns={4},
    )


def _legend(series, left):
    return format_html_join(
        "",
        '<rect x="{}" y="4" width="12" height="12" fill="{}"></rect>'
        '<text x="{}" y="15" font-size="11" fill="#212529">{}</text>',
        (
            (left + i * 160, PALETTE[i % len(PALETTE)], left + i * 160 + 16, name)
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


def _truncate(text, length):
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"

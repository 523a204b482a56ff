"""Server-rendered SVG maps (choropleths), each with the table of its data.

A map shades each area (a district, a municipality) by its figure on a
sequential scale of five steps; an area without a figure, or with zero, is drawn
in a neutral grey. Like core.charts, the SVG uses presentation attributes only
(no inline style), so it passes the Content Security Policy and renders in
WeasyPrint, and the map comes as a core.charts.Chart with its table, the text
alternative for screen readers and for print.
"""

import math
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.charts import FONT, Chart

# Five steps of one hue, light to dark (ColorBrewer's "Blues"): ordered by
# lightness, so they read as more and less in grey print too.
SCALE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#d9d9d9"  # zero or no figure: a neutral grey outside the scale
# The outlines: near-black, 15:1 on the white page and at least 3:1 on the grey
# and on every step but the darkest, so every area's shape shows against the
# page and its neighbours (two darkest neighbours differ by their fill).
OUTLINE = "#212529"
BACKDROP = "#f8f9fa"  # land in no area (shared land, a gap between areas)
TEXT = "#212529"
STEPS = len(SCALE)

# The legend under the map: its title, then its entries in rows of LEGEND_COLUMNS.
LEGEND_COLUMNS, LEGEND_ROW, LEGEND_TITLE = 3, 20, 22


def area_map(
    *,
    title,
    view_box,
    areas,
    formatter=None,
    legend_title="",
    area_label="",
    figure_label="",
    backdrop="",
):
    """A choropleth of areas = [(label, path_d, value)] drawn in view_box ("x y w h").

    Values are numbers (None: no figure). path_d is an SVG path in the box's
    coordinates; an area with an empty one is in the table only. backdrop, an
    optional path, is drawn first under the areas (the whole region, so land in
    no area does not show as a hole). formatter turns a value into its text (str
    by default); legend_title heads the legend; area_label and figure_label head
    the table's two columns.
    """
    formatter = formatter or _plain
    x, y, width, height = (float(part) for part in str(view_box).split())
    figures = [value for _label, _path, value in areas if value]
    largest = max(figures, default=0)
    steps = scale_steps(largest, integers=all(_is_integer(v) for v in figures))

    parts = [_backdrop(backdrop)] if backdrop else []
    parts.extend(
        _area(label, path, value, steps, formatter) for label, path, value in areas if path
    )
    entries = legend_entries(steps, formatter, [value for _label, _path, value in areas])
    parts.append(_legend(entries, legend_title, left=x + 4, top=y + height + 8, width=width - 8))
    rows_of_entries = math.ceil(len(entries) / LEGEND_COLUMNS)
    total_height = height + 8 + LEGEND_TITLE + LEGEND_ROW * rows_of_entries + 4
    svg = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" width="100%" '
        'role="img" aria-label="{}" font-family="{}"><title>{}</title>{}</svg>',
        _n(x),
        _n(y),
        _n(width),
        _n(total_height),
        title,
        FONT,
        title,
        mark_safe("".join(parts)),  # noqa: S308 - every part was built with format_html
    )
    return Chart(
        title=title,
        svg=svg,
        headers=[area_label, figure_label],
        rows=[[label, _figure(value, formatter)] for label, _path, value in areas],
        drawn=bool(figures),
    )


def scale_steps(largest, *, integers=True):
    """The upper bound of each step: five equal steps from zero up to the largest
    figure (whole numbers when every figure is one), fewer when the figures are
    too few whole numbers for five (a largest of 3: steps 1, 2 and 3)."""
    if not largest or largest <= 0:
        return []
    if integers:
        largest = int(math.ceil(largest))
        size = math.ceil(largest / STEPS)
        return [size * (i + 1) for i in range(STEPS) if size * i < largest]
    largest = float(largest)
    return [largest * (i + 1) / STEPS for i in range(STEPS)]


def step_of(value, steps):
    """The index of the step the value falls in (None for zero and no figure)."""
    if not value or not steps:
        return None
    for index, upper in enumerate(steps):
        if float(value) <= float(upper) + 1e-9:
            return index
    return len(steps) - 1


def colour_of(value, steps):
    index = step_of(value, steps)
    if index is None:
        return NO_DATA
    # Fewer steps than colours: spread them over the scale, darkest last.
    if len(steps) < STEPS:
        index = round(index * (STEPS - 1) / max(len(steps) - 1, 1)) if len(steps) > 1 else STEPS - 1
    return SCALE[index]


def legend_entries(steps, formatter, values):
    """[(colour, text)]: the grey of zero and no figure (when an area has one),
    then each step with its range ("1–54", "55–108"…)."""
    entries = []
    missing = []
    if any(value == 0 for value in values if value is not None):
        missing.append(str(formatter(0)))
    if any(value is None for value in values):
        missing.append(str(_("no data")))
    if missing:
        entries.append((NO_DATA, " / ".join(missing)))
    integers = all(isinstance(upper, int) for upper in steps)
    lower = 0
    for upper in steps:
        if integers:
            low = lower + 1
            text = formatter(upper) if low == upper else f"{formatter(low)}–{formatter(upper)}"
        else:
            text = f"{formatter(_round(lower))}–{formatter(_round(upper))}"
        entries.append((colour_of(upper, steps), str(text)))
        lower = upper
    return entries


def area_title(label, value, formatter):
    """What a pointer over the area shows: "Name: figure"."""
    return f"{label}: {_figure(value, formatter)}"


def _backdrop(path):
    return format_html(
        '<path d="{}" fill="{}" stroke="{}" stroke-width="0.8"></path>', path, BACKDROP, OUTLINE
    )


def _area(label, path, value, steps, formatter):
    """An area's outline, filled with the colour of its step, named with its figure."""
    return format_html(
        '<path d="{}" fill="{}" stroke="{}" stroke-width="0.8" '
        'stroke-linejoin="round"><title>{}</title></path>',
        path,
        colour_of(value, steps),
        OUTLINE,
        area_title(label, value, formatter),
    )


def _legend(entries, title, *, left, top, width):
    column = width / LEGEND_COLUMNS
    parts = [
        format_html(
            '<text x="{}" y="{}" font-size="12" font-weight="bold" fill="{}">{}</text>',
            _n(left),
            _n(top + 13),
            TEXT,
            title,
        )
    ]
    parts.append(
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="14" height="14" fill="{}" stroke="{}" '
            'stroke-width="0.8"></rect><text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
            (
                (
                    _n(left + column * (i % LEGEND_COLUMNS)),
                    _n(top + LEGEND_TITLE + LEGEND_ROW * (i // LEGEND_COLUMNS)),
                    colour,
                    OUTLINE,
                    _n(left + column * (i % LEGEND_COLUMNS) + 20),
                    _n(top + LEGEND_TITLE + LEGEND_ROW * (i // LEGEND_COLUMNS) + 12),
                    TEXT,
                    text,
                )
                for i, (colour, text) in enumerate(entries)
            ),
        )
    )
    return mark_safe("".join(parts))  # noqa: S308 - built with format_html


def _figure(value, formatter):
    if value is None:
        return _("no data")
    return formatter(value)


def _plain(value):
    return str(value)


def _is_integer(value):
    if isinstance(value, int):
        return True
    if isinstance(value, Decimal):
        return value == value.to_integral_value()
    return float(value).is_integer()


def _round(number):
    """A range bound of a scale of amounts, to two significant figures' worth."""
    number = float(number)
    if number >= 100:
        return int(round(number))
    return round(number, 1)


def _n(number):
    """A coordinate with one decimal at most, as SVG text."""
    return f"{number:.1f}".removesuffix(".0")

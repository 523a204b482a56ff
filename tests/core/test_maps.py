"""core.maps, the choropleth of pages and PDFs: a five-step scale, its legend
with ranges, zero and missing figures in grey, every area drawn with its name
and figure, and the table as the text alternative."""

from decimal import Decimal

import pytest
from django.utils import translation

from core.maps import NO_DATA, OUTLINE, SCALE, area_map, legend_entries, scale_steps, step_of


@pytest.fixture(autouse=True)
def english():
    """The tests read the map's words in English."""
    with translation.override("en"):
        yield


SQUARE = "M0,0L10,0L10,10L0,10Z"


def _map(areas, **kwargs):
    return area_map(
        title="Services",
        view_box="0 0 100 50",
        areas=areas,
        area_label="District",
        figure_label="Services",
        legend_title="Services",
        **kwargs,
    )


def _luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_five_equal_steps_up_to_the_largest_figure():
    assert scale_steps(270) == [54, 108, 162, 216, 270]
    assert scale_steps(3) == [1, 2, 3]  # too few whole numbers for five steps
    assert scale_steps(0) == []
    assert scale_steps(Decimal("10.5"), integers=False) == [2.1, 4.2, 6.3, 8.4, 10.5]
    steps = scale_steps(270)
    assert [step_of(v, steps) for v in (1, 54, 55, 270, 0, None)] == [0, 0, 1, 4, None, None]


def test_the_scale_is_light_to_dark_and_the_outlines_stand_out():
    lightness = [_luminance(colour) for colour in SCALE]
    assert lightness == sorted(lightness, reverse=True)
    assert _contrast(OUTLINE, "#ffffff") >= 3
    assert _contrast(OUTLINE, NO_DATA) >= 3
    assert all(_contrast(OUTLINE, colour) >= 3 for colour in SCALE[:-1])


def test_every_area_is_drawn_with_its_name_and_figure():
    chart = _map([("A", SQUARE, 10), ("B", SQUARE, 2), ("C", SQUARE, 0), ("D", SQUARE, None)])
    assert chart.svg.count("<path") == 4
    assert "<title>A: 10</title>" in chart.svg
    assert "<title>D: no data</title>" in chart.svg
    assert f'fill="{SCALE[-1]}"' in chart.svg  # A, the largest, is the darkest
    assert chart.svg.count(f'fill="{NO_DATA}"') == 3  # C, D and the legend's grey
    assert chart.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img"' in chart.svg
    assert "<title>Services</title>" in chart.svg
    assert "style=" not in chart.svg
    assert chart.drawn


def test_the_legend_gives_each_steps_range_and_the_grey_of_zero_and_no_data():
    entries = legend_entries(scale_steps(270), str, [270, 0, None])
    assert entries[0] == (NO_DATA, "0 / no data")
    assert [text for _colour, text in entries[1:]] == [
        "1–54",
        "55–108",
        "109–162",
        "163–216",
        "217–270",
    ]
    assert [colour for colour, _text in entries[1:]] == SCALE
    # Without zeros or missing figures there is no grey entry.
    assert legend_entries(scale_steps(3), str, [1, 3])[0] == (SCALE[0], "1")
    chart = _map([("A", SQUARE, 270), ("B", SQUARE, 0)], formatter=lambda v: f"{v} u")
    assert ">1 u–54 u</text>" in chart.svg
    assert ">0 u</text>" in chart.svg


def test_the_table_says_every_figure():
    chart = _map(
        [("A", SQUARE, 10), ("B", "", 3), ("C", SQUARE, None)], formatter=lambda v: f"#{v}"
    )
    assert chart.headers == ["District", "Services"]
    assert chart.rows == [["A", "#10"], ["B", "#3"], ["C", "no data"]]
    assert chart.svg.count("<path") == 2  # B has no outline: in the table only


def test_nothing_to_draw_when_every_figure_is_zero_or_missing():
    chart = _map([("A", SQUARE, 0), ("B", SQUARE, None)])
    assert not chart.drawn
    assert chart.svg.count(f'fill="{NO_DATA}"') == 3


def test_names_and_paths_are_escaped():
    chart = _map([('<b>"Tom" & Jerry</b>', 'M0,0"/><script>', 1)], backdrop=SQUARE)
    assert "<b>" not in chart.svg
    assert "<script>" not in chart.svg
    assert "&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;: 1" in chart.svg

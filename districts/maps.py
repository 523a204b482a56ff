"""The map of the districts: each district's outline shaded by a figure.

The outlines are in static/districts/boundaries.json, built from the municipal
boundaries (see districts/boundaries/README.md). The file is read from this
app's folder, not through staticfiles, so the map draws the same in the tests,
on the pages and in the PDF reports.
"""

import json
from functools import cache
from pathlib import Path

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from core.maps import area_map


@cache
def boundaries():
    """{"viewBox", "source", "region", "districts": {slug: path}}, read once."""
    path = Path(apps.get_app_config("districts").path) / "static" / "districts" / "boundaries.json"
    return json.loads(path.read_text(encoding="utf-8"))


def district_map(*, title, figures, names, formatter=None, figure_label, legend_title=None):
    """A core.charts.Chart: the districts of names ({slug: name}, in the table
    in the order of their names) shaded by figures ({slug: value}; a district
    without one is drawn as "no data"). A district without an outline on file
    (one added to the portal later) is in the table only."""
    outlines = boundaries()
    areas = [
        (name, outlines["districts"].get(slug, ""), figures.get(slug))
        for slug, name in sorted(names.items(), key=lambda item: str(item[1]))
    ]
    return area_map(
        title=title,
        view_box=outlines["viewBox"],
        areas=areas,
        formatter=formatter,
        legend_title=figure_label if legend_title is None else legend_title,
        area_label=_("District"),
        figure_label=figure_label,
        backdrop=outlines.get("region", ""),
    )

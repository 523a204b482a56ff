"""The charts of the monitoring dashboard and of the evaluation report.

Both draw with these functions, built on core.charts.bar_chart (the one
chart code path), so the page and the PDF show the same figures; every chart
carries its data table. Labels come from the models' choices and are read in
the active language: call them inside translation.override(language) for a
report in another language than the request's.

- indicator_charts(values): actual against target, one chart per measure and
  unit (values: IndicatorValue rows, or any objects with .indicator, .actual
  and .target); indicator_chart(values) draws one such group.
- budget_chart(budget): planned against actual by cost category, from the
  snapshot's "budget" (all seven categories, in the strategy's order);
  budget_years_chart(budget): the same by programme year.
- network_chart(network): services and organisations reached per district,
  from the snapshot's "network"; grant_chart(network): broker grants
  committed against paid per district.
- members_chart(cluster): a cluster's committed members by type over the
  years, from one entry of the snapshot's "clusters".
"""

from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

from clusters.models import HelixType
from core.charts import bar_chart
from core.templatetags.portal import money
from programmes.models import CostCategory, Measure

# bar_chart's layout: the category labels on the left, one legend entry per
# series every LEGEND_STEP points.
LABEL_WIDTH, LEGEND_STEP, RIGHT_MARGIN, MIN_WIDTH = 230, 160, 70, 640
EUR_UNITS = {"eur", "€", "euro", "euros"}


def label_of(choices, code):
    """The label of a code in the active language; unknown codes as they are."""
    if code in (None, ""):
        return "—"
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code)


def decimal(value):
    """A snapshot amount ("742000.00") or number as a Decimal; None stays None."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def count(value):
    """A whole number with the language's thousands separator."""
    if value in (None, ""):
        return "—"
    return formats.number_format(Decimal(value), decimal_pos=0, use_l10n=True, force_grouping=True)


def quantity(value, unit=""):
    """A value in its unit: euros as money, percentages with one decimal,
    other figures with decimals only when they have some."""
    value = decimal(value)
    if value is None:
        return "—"
    unit = (unit or "").strip()
    if unit.lower() in EUR_UNITS:
        return money(value)
    places = 0 if value == value.to_integral_value() else (1 if unit == "%" else 2)
    number = formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{number}\u00a0%" if unit == "%" else number


def _width(series):
    """Wide enough for the legend of every series."""
    return max(MIN_WIDTH, LABEL_WIDTH + LEGEND_STEP * len(series) + RIGHT_MARGIN)


def indicator_chart(values, *, title=None):
    """Target and actual of indicators measured in the same unit."""
    values = list(values)
    unit = values[0].indicator.unit if values else ""
    unit_name = values[0].indicator.localised_unit if values else ""
    series = [
        (_("Target"), [decimal(v.target) for v in values]),
        (_("Actual"), [decimal(v.actual) for v in values]),
    ]
    return bar_chart(
        title=title or _("Indicators in %(unit)s: target and actual") % {"unit": unit_name},
        categories=[v.indicator.localised_name for v in values],
        category_label=_("Indicator"),
        series=series,
        formatter=lambda value: quantity(value, unit),
        width=_width(series),
    )


def indicator_charts(values):
    """One chart per measure and unit, in the indicators' order."""
    groups = {}
    for value in values:
        groups.setdefault((value.indicator.measure, value.indicator.unit), []).append(value)
    return [
        indicator_chart(
            group,
            title=_("%(measure)s: indicators in %(unit)s, target and actual")
            % {"measure": label_of(Measure, measure), "unit": group[0].indicator.localised_unit},
        )
        for (measure, _unit), group in groups.items()
    ]


def budget_chart(budget):
    """Planned against actual spending by cost category, from the snapshot."""
    rows = {row["category"]: row for row in budget.get("rows", [])}
    categories = list(CostCategory)
    series = [
        (_("Planned"), [decimal(rows.get(c.value, {}).get("planned")) or 0 for c in categories]),
        (_("Actual"), [decimal(rows.get(c.value, {}).get("actual")) or 0 for c in categories]),
    ]
    return bar_chart(
        title=_("Budget: planned and actual spending by cost category"),
        categories=[str(c.label) for c in categories],
        category_label=_("Cost category"),
        series=series,
        formatter=money,
        width=_width(series),
    )


def budget_years_chart(budget):
    """Planned against actual spending in each programme year."""
    years = budget.get("by_year", [])
    series = [
        (_("Planned"), [decimal(row.get("planned")) or 0 for row in years]),
        (_("Actual"), [decimal(row.get("actual")) or 0 for row in years]),
    ]
    return bar_chart(
        title=_("Budget: planned and actual spending by year"),
        categories=[str(row["year"]) for row in years],
        category_label=_("Year"),
        series=series,
        formatter=money,
        width=_width(series),
    )


def network_chart(network):
    """Services delivered and organisations reached in each district."""
    districts = network.get("districts", [])
    series = [
        (_("Services"), [d.get("services") or 0 for d in districts]),
        (_("Organisations reached"), [d.get("organisations") or 0 for d in districts]),
    ]
    return bar_chart(
        title=_("Broker network: services and organisations reached by district"),
        categories=[d["name"] for d in districts],
        category_label=_("District"),
        series=series,
        formatter=count,
        width=_width(series),
    )


def grant_chart(network):
    """Broker grants committed against paid in each district."""
    districts = network.get("districts", [])
    series = [
        (_("Committed"), [decimal(d.get("grant_committed")) or 0 for d in districts]),
        (_("Paid"), [decimal(d.get("grant_paid")) or 0 for d in districts]),
    ]
    return bar_chart(
        title=_("Broker grants committed and paid by district"),
        categories=[d["name"] for d in districts],
        category_label=_("District"),
        series=series,
        formatter=money,
        width=_width(series),
    )


def members_chart(cluster):
    """A cluster's committed members at each year end, by type of organisation."""
    years = cluster.get("members_by_year", [])
    series = [
        (str(row["year"]), [row.get("by_type", {}).get(t.value, 0) for t in HelixType])
        for row in years
    ]
    return bar_chart(
        title=_("%(cluster)s: committed members by type at year end")
        % {"cluster": cluster.get("short_name") or cluster.get("name")},
        categories=[str(t.label) for t in HelixType],
        category_label=_("Type of organisation"),
        series=series,
        formatter=count,
        width=_width(series),
    )

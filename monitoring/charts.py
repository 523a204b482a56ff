"""The charts of the monitoring dashboard and of the evaluation report.

Both draw with these functions, built on core.charts.bar_chart (the one
chart code path), so the page and the PDF show the same figures; every chart
carries its data table, and is as wide as its legend needs. Labels come from
the models' choices and are read in the active language: call them inside
translation.override(language) for a report in another language than the
request's.

- indicator_charts(values): actual against target, one chart per measure and
  unit (values: IndicatorValue rows, or any objects with .indicator, .actual
  and .target); indicator_chart(values) draws one such group.
- figures_chart(...): the bars of the snapshot's figures, a dict per category:
  what the budget, network and grant charts draw with.
- budget_chart(budget): the current budget (after approved reallocations)
  against spending by cost category, from the snapshot's "budget" (all seven
  categories, in the strategy's order); budget_years_chart(budget, up_to=year):
  the same by programme year, up to the year evaluated.
- network_chart(network): services and organisations reached per district,
  from the snapshot's "network"; grant_chart(network): broker grants
  committed against paid per district.
- members_chart(cluster): a cluster's committed members by type over the
  years, from one entry of the snapshot's "clusters".
"""

from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.models import HelixType
from core.charts import bar_chart
from core.templatetags.portal import money
from monitoring.models import Progress
from programmes.models import CostCategory, Measure

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


def figures_chart(*, title, category_label, categories, rows, series, formatter=money, width=None):
    """Bars of a snapshot's figures: a group per category, drawn from its row (a
    dict), a bar per (name, key) of series; a figure missing draws as zero."""
    return bar_chart(
        title=title,
        categories=categories,
        category_label=category_label,
        series=[(name, [decimal(row.get(key)) or 0 for row in rows]) for name, key in series],
        formatter=formatter,
        width=width,
    )


def indicator_chart(values, *, title=None):
    """Target and actual of indicators measured in the same unit."""
    values = list(values)
    unit = values[0].indicator.unit if values else ""
    unit_name = values[0].indicator.localised_unit if values else ""
    return bar_chart(
        title=title or _("Indicators in %(unit)s: target and actual") % {"unit": unit_name},
        categories=[v.indicator.localised_name for v in values],
        category_label=_("Indicator"),
        series=[
            (_("Target"), [decimal(v.target) for v in values]),
            (_("Actual"), [decimal(v.actual) for v in values]),
        ],
        formatter=lambda value: quantity(value, unit),
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


# Spending is compared with the budget after approved reallocations, as in the
# budget table, on the programme's page and in the budget execution indicator.
BUDGET_SERIES = ((gettext_lazy("Current budget"), "current"), (gettext_lazy("Spent"), "actual"))


def _series(pairs):
    return [(str(name), key) for name, key in pairs]


def _current(row):
    """A snapshot budget row whose "current" (older snapshots lack it) falls back
    to its planned amount."""
    return {**row, "current": row.get("current", row.get("planned"))}


def budget_chart(budget):
    """The current budget against spending by cost category, from the snapshot."""
    rows = {row["category"]: _current(row) for row in budget.get("rows", [])}
    return figures_chart(
        title=_("Current budget and spending by cost category"),
        category_label=_("Cost category"),
        categories=[str(c.label) for c in CostCategory],
        rows=[rows.get(c.value, {}) for c in CostCategory],
        series=_series(BUDGET_SERIES),
    )


def budget_years_chart(budget, *, up_to=None):
    """The current budget against spending in each programme year up to up_to
    (the year evaluated): later years have spent nothing yet."""
    years = [
        _current(row) for row in budget.get("by_year", []) if up_to is None or row["year"] <= up_to
    ]
    return figures_chart(
        title=_("Current budget and spending by year"),
        category_label=_("Year"),
        categories=[str(row["year"]) for row in years],
        rows=years,
        series=_series(BUDGET_SERIES),
    )


def network_chart(network):
    """Services delivered and organisations reached in each district."""
    districts = network.get("districts", [])
    return figures_chart(
        title=_("Broker network: services and organisations reached by district"),
        category_label=_("District"),
        categories=[d["name"] for d in districts],
        rows=districts,
        series=[(_("Services"), "services"), (_("Organisations reached"), "organisations")],
        formatter=count,
    )


def grant_chart(network):
    """Broker grants committed against paid in each district."""
    districts = network.get("districts", [])
    return figures_chart(
        title=_("Broker grants committed and paid by district"),
        category_label=_("District"),
        categories=[d["name"] for d in districts],
        rows=districts,
        series=[(_("Committed"), "grant_committed"), (_("Paid"), "grant_paid")],
    )


def members_chart(cluster):
    """A cluster's committed members at each year end, by type of organisation."""
    years = cluster.get("members_by_year", [])
    return bar_chart(
        title=_("%(cluster)s: committed members by type at year end")
        % {"cluster": cluster.get("short_name") or cluster.get("name")},
        categories=[str(t.label) for t in HelixType],
        category_label=_("Type of organisation"),
        series=[
            (str(row["year"]), [row.get("by_type", {}).get(t.value, 0) for t in HelixType])
            for row in years
        ],
        formatter=count,
    )


# The summary page sets its charts two to a row: drawn narrower, their text
# prints larger.
SUMMARY_WIDTH = 480


def status_chart(counts):
    """How many indicators are on track, at risk, off track, and not rated
    (counts: {Progress: n}), in the order of Progress."""
    return bar_chart(
        title=_("Indicators by status"),
        categories=[str(status.label) for status in Progress],
        category_label=_("Status"),
        series=[(_("Indicators"), [counts.get(status, 0) for status in Progress])],
        formatter=count,
        width=SUMMARY_WIDTH,
    )


def budget_execution_chart(budget, year):
    """The year's current budget against its spending, in total."""
    return figures_chart(
        title=_("Budget execution %(year)s") % {"year": year},
        category_label=_("Year"),
        categories=[str(year)],
        rows=[{"current": budget.get("total_current"), "actual": budget.get("total_actual")}],
        series=_series(BUDGET_SERIES),
        width=SUMMARY_WIDTH,
    )


def members_by_type_chart(clusters, year):
    """Committed members of all the clusters at the end of the year, by type of
    organisation, from the snapshot's "clusters"."""
    totals = dict.fromkeys(HelixType.values, 0)
    for cluster in clusters:
        for row in cluster.get("members_by_year", []):
            if row.get("year") == year:
                for kind, n in (row.get("by_type") or {}).items():
                    totals[kind] = totals.get(kind, 0) + n
    return bar_chart(
        title=_("Committed members at the end of %(year)s by type") % {"year": year},
        categories=[str(t.label) for t in HelixType],
        category_label=_("Type of organisation"),
        series=[(_("Members"), [totals[t.value] for t in HelixType])],
        formatter=count,
        width=SUMMARY_WIDTH,
    )

"""The charts the report and the dashboard share, drawn from the snapshot."""

import pytest
from django.utils import translation

from accounts.roles import Role
from monitoring import charts
from programmes.models import CostCategory
from tests.monitoring.reporting import DISTRICTS, make_evaluation, snapshot


def test_the_budget_chart_has_the_seven_categories_in_the_language():
    with translation.override("en"):
        chart = charts.budget_chart(snapshot()["budget"])
        labels = [str(category.label) for category in CostCategory]
    assert [row[0] for row in chart.rows] == labels
    assert chart.rows[0][1:] == ["€242,000", "€236,500"]
    assert "<svg" in chart.svg and 'role="img"' in chart.svg
    assert "style=" not in chart.svg, "presentation attributes only: the CSP allows no inline style"

    with translation.override("es"):
        spanish = charts.budget_chart(snapshot()["budget"])
    assert spanish.rows[0][1:] == ["242.000\u00a0€", "236.500\u00a0€"]


def test_the_budget_charts_compare_spending_with_the_budget_after_reallocations():
    budget = {
        "rows": [
            {
                "category": "marketing",
                "planned": "60000.00",
                "current": "68000.00",
                "actual": "65484.00",
            }
        ],
        "by_year": [
            {"year": 2024, "planned": "742000.00", "current": "740000.00", "actual": "1.00"},
            {"year": 2025, "planned": "742000.00", "current": "742000.00", "actual": "2.00"},
            {"year": 2026, "planned": "742000.00", "current": "742000.00", "actual": "0.00"},
        ],
    }
    with translation.override("en"):
        by_category = charts.budget_chart(budget)
        by_year = charts.budget_years_chart(budget, up_to=2025)
    assert by_category.headers[1:] == ["Current budget", "Spent"]
    marketing = next(row for row in by_category.rows if row[0] == "Marketing actions and materials")
    assert marketing[1:] == ["€68,000", "€65,484"]
    # the years after the one evaluated have spent nothing yet: left out
    assert [row[0] for row in by_year.rows] == ["2024", "2025"]
    assert by_year.rows[0][1:] == ["€740,000", "€1"]


def test_a_category_missing_from_the_snapshot_shows_zero():
    budget = {"rows": [{"category": "travel", "planned": "60000.00", "actual": "0.00"}]}
    with translation.override("en"):
        chart = charts.budget_chart(budget)
    assert len(chart.rows) == 7
    assert chart.rows[0][1:] == ["€0", "€0"]


def test_the_network_charts_have_every_district():
    network = snapshot()["network"]
    services = charts.network_chart(network)
    grants = charts.grant_chart(network)
    assert [row[0] for row in services.rows] == [name for name, _slug, _rural in DISTRICTS]
    assert services.rows[0][1:] == ["40", "20"]
    assert len(grants.rows) == 10


def test_members_by_type_over_the_years():
    cluster = snapshot()["clusters"][0]
    with translation.override("en"):
        chart = charts.members_chart(cluster)
    assert chart.headers[1:] == ["2024", "2025"]
    assert chart.rows[0] == ["Company", "50", "55"]
    assert len(chart.rows) == 5  # every type of the triple helix
    assert "GIRA" in chart.title


@pytest.mark.django_db
def test_indicator_charts_group_by_measure_and_unit(people):
    evaluation = make_evaluation(by=people[Role.OFFICE_STAFF])
    values = list(evaluation.values.select_related("indicator"))
    with translation.override("en"):
        drawn = charts.indicator_charts(values)
    assert len(drawn) == 4  # members, %, services, EUR
    rows = {row[0]: row[1:] for chart in drawn for row in chart.rows}
    assert rows["SME share of company members"] == ["60\u00a0%", "41.5\u00a0%"]
    assert rows["Broker grants paid"] == ["€420,000", "€385,000"]
    assert rows["Committed members"] == ["480", "465"]


def test_quantities_in_their_unit():
    with translation.override("es"):
        assert charts.quantity("1234.50", "members") == "1.234,50"
        assert charts.quantity("12", "%") == "12\u00a0%"
        assert charts.quantity(None, "EUR") == "—"
        assert charts.quantity("3500", "EUR") == "3.500\u00a0€"

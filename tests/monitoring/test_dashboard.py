"""The monitoring dashboard: this year's indicators computed live against the
year's targets (provisional, not frozen), the report's charts, and links to
the evaluations and their reports."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from monitoring import services
from monitoring.models import Indicator, Progress
from tests.factories import ActivityFactory
from tests.monitoring.evaluating import (
    MEMBERS,
    YEAR,
    add_members,
    approve,
    client_for,
    evaluated_programme,
    ready_evaluation,
    set_target,
)

pytestmark = pytest.mark.django_db

URL = reverse("monitoring:dashboard")
READERS = {
    Role.OFFICE_STAFF,
    Role.CLUSTER_MANAGER,
    Role.NETWORK_COORDINATOR,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
}


@pytest.fixture
def programme():
    programme = evaluated_programme()
    set_target(programme, MEMBERS, 10, baseline=2)
    return programme


@pytest.fixture
def official(people):
    return client_for(people[Role.GOVERNMENT_OFFICIAL])


def _row(response, code):
    for _label, rows in response.context["groups"]:
        for row in rows:
            if row.indicator.code == code:
                return row
    raise AssertionError(code)


@pytest.mark.parametrize("role", list(Role))
def test_readers_see_the_dashboard_and_brokers_evaluators_and_applicants_do_not(
    people, programme, role
):
    response = client_for(people[role]).get(URL)
    assert response.status_code == (200 if role in READERS else 403)


def test_the_figures_are_computed_now_and_said_to_be_provisional(official, programme):
    response = official.get(URL, {"year": YEAR})
    page = response.content.decode()
    assert "Provisional figures." in page
    assert "The figures of record are those frozen by the year" in page
    row = _row(response, MEMBERS)
    assert (row.actual, row.baseline, row.target) == (3, 2, 10)
    assert row.status == Progress.OFF_TRACK
    assert "Off track" in page

    add_members(programme, 6)
    row = _row(official.get(URL, {"year": YEAR}), MEMBERS)
    assert (row.actual, row.status) == (9, Progress.ON_TRACK)


def test_the_current_year_is_shown_by_default_within_the_programmes_period(official, programme):
    response = official.get(URL)
    this_year = timezone.localdate().year
    assert response.context["year"] == min(max(this_year, 2024), 2027)
    assert response.context["programme"] == programme


def test_another_year_and_programme_can_be_chosen(official, programme):
    other = evaluated_programme(title="Otro programa", members=1)
    response = official.get(URL, {"programme": other.pk, "year": 2026})
    assert (response.context["programme"], response.context["year"]) == (other, 2026)
    # a year outside the programme falls back into its period
    assert official.get(URL, {"year": 1999}).context["year"] in programme.year_range


def test_manual_values_come_from_the_years_evaluation(people, official, programme):
    office = people[Role.OFFICE_STAFF]
    evaluation = ready_evaluation(programme, office)
    response = official.get(URL, {"year": YEAR})
    assert _row(response, "member_satisfaction").actual == Decimal(80)
    page = response.content.decode()
    assert reverse("monitoring:evaluation_detail", args=[evaluation.pk]) in page
    assert "froze its snapshot" in page


def test_charts_show_target_and_actual_per_measure(official, programme):
    response = official.get(URL, {"year": YEAR})
    charts = response.context["charts"]
    assert charts
    assert all(chart.headers[1:] == ["Target", "Actual"] for chart in charts)
    page = response.content.decode()
    assert page.count("<svg") == len(charts) + 1  # and the map of the services
    assert 'id="indicator-chart-1-title"' in page


def test_a_map_shows_the_services_delivered_per_district_in_the_year(official, programme):
    response = official.get(URL, {"year": YEAR})
    services_map = response.context["services_map"]
    assert str(YEAR) in services_map.title
    assert services_map.headers == ["District", "Services"]
    assert [row[0] for row in services_map.rows][:2] == ["Asón-Agüera", "Besaya"]
    assert len(services_map.rows) == 10
    page = response.content.decode()
    assert 'id="services-map-title"' in page
    assert "<title>Besaya: " in page


def test_links_to_the_evaluations_and_their_reports(people, official, programme):
    office, gov = people[Role.OFFICE_STAFF], people[Role.GOVERNMENT_OFFICIAL]
    approved = approve(ready_evaluation(programme, office, year=2024), office, gov)
    page = official.get(URL, {"year": YEAR}).content.decode()
    assert reverse("monitoring:evaluation_detail", args=[approved.pk]) + "#reports" in page
    assert "latest approved" in page
    assert reverse("monitoring:report_list") in page


def test_office_staff_may_start_the_years_evaluation_from_it(people, programme):
    page = client_for(people[Role.OFFICE_STAFF]).get(URL, {"year": YEAR}).content.decode()
    assert f"Start the evaluation of {YEAR}" in page
    page = client_for(people[Role.NETWORK_COORDINATOR]).get(URL, {"year": YEAR})
    assert f"Start the evaluation of {YEAR}" not in page.content.decode()


def test_without_an_approved_programme_it_says_so(official):
    response = official.get(URL)
    assert response.status_code == 200
    assert "no programme approved by the government" in response.content.decode()


def test_an_indicator_with_an_unknown_computation_is_flagged_not_fatal(official, programme):
    Indicator.objects.filter(code="activities").update(computation="no_such_thing")
    response = official.get(URL, {"year": YEAR})
    assert response.status_code == 200
    assert [i.code for i in response.context["unknown"]] == ["activities"]
    assert _row(response, "activities").actual is None


def _queries(client, programme, year):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"programme": programme.pk, "year": year}).status_code == 200
    return len(queries)


def test_the_queries_do_not_grow_with_the_data(people, official, programme):
    office = people[Role.OFFICE_STAFF]
    services.start_evaluation(programme=programme, year=YEAR, by=office)
    few = _queries(official, programme, YEAR)

    cluster = programme.clusters.first()
    add_members(programme, 25, start=date(YEAR, 3, 1))
    for month in range(1, 13):
        ActivityFactory(cluster=cluster, date=date(YEAR, month, 10), attendees=30)
    for indicator in Indicator.objects.active():
        set_target(programme, indicator.code, 5)
    other = evaluated_programme(title="Otro")  # its cluster joins this programme too
    programme.clusters.add(*other.clusters.all())
    many = _queries(official, programme, YEAR)
    assert many == few

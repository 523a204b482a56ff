"""The coordinator's network page: who may open it, its figures against a
hand-built year, the rural districts apart, inactivity, overdue follow-ups and
bounded queries."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from tests.brokers.network.network_world import (
    NETWORK_READERS,
    OUTSIDERS,
    log,
    organisations,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/brokers/network/"
YEAR = 2024


@pytest.fixture
def dataset(db):
    """A year of services: Besaya and Santander (not rural) share organisation
    A; Liébana (rural) reaches E twice; one withdrawn record and records of
    another year do not count."""
    a, b, c, d = organisations(4)
    e, f = organisations(2, "liebana")
    log("besaya", date(YEAR, 1, 10), organisations=[a, b], hours="2")
    log("besaya", date(YEAR, 1, 20), organisations=[a], hours="1")
    log("besaya", date(YEAR, 3, 5), organisations=[c], hours="3")
    log("besaya", date(YEAR, 3, 6), organisations=[d], hours="5", withdrawn=True)
    log("santander", date(YEAR, 2, 1), organisations=[a], hours="1")
    log("liebana", date(YEAR, 1, 15), organisations=[e], hours="4")
    log("liebana", date(YEAR, 6, 1), organisations=[e, f], hours="2")
    log("liebana", date(YEAR - 1, 12, 31), organisations=[f], hours="8")
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def page(client, year=YEAR):
    response = client.get(URL, {"year": year})
    assert response.status_code == 200
    return response


def by_slug(response):
    return {row.district.slug: row for row in response.context["districts"]}


@pytest.mark.parametrize("role", NETWORK_READERS)
def test_network_readers_open_the_page(client_for, people, role):
    response = client_for(people[role]).get(URL)
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert len(response.context["districts"]) == 10


@pytest.mark.parametrize("role", [Role.INNOVATION_BROKER, *OUTSIDERS])
def test_brokers_and_outsiders_are_refused(client_for, people, role):
    # Brokers have their own district on their home page.
    assert client_for(people[role]).get(URL).status_code == 403


def test_per_district_figures(client_for, people, dataset):
    rows = by_slug(page(client_for(people[Role.NETWORK_COORDINATOR])))
    besaya, santander, liebana = rows["besaya"], rows["santander"], rows["liebana"]
    # The withdrawn record (organisation D, 5 hours) is not counted.
    assert (besaya.services, besaya.organisations, besaya.hours) == (3, 3, Decimal("6"))
    assert besaya.services_by_month == [2, 0, 1] + [0] * 9
    # Organisation A twice in January counts once.
    assert besaya.organisations_by_month == [2, 0, 1] + [0] * 9
    assert (santander.services, santander.organisations, santander.hours) == (1, 1, Decimal("1"))
    # Last year's record in Liébana is not this year's.
    assert (liebana.services, liebana.organisations, liebana.hours) == (2, 2, Decimal("6"))
    assert liebana.services_by_month == [1, 0, 0, 0, 0, 1] + [0] * 6
    assert liebana.organisations_by_month == [1, 0, 0, 0, 0, 2] + [0] * 6
    assert rows["ason-aguera"].services == 0


def test_rural_districts_apart(client_for, people, dataset):
    response = page(client_for(people[Role.NETWORK_COORDINATOR]))
    rural, not_rural, network = response.context["subtotals"]
    assert (rural.services, rural.organisations, rural.hours) == (2, 2, Decimal("6"))
    assert rural.share == Decimal("33.3")
    assert str(not_rural.label) == "Besaya y Santander"
    # Organisation A, reached in Besaya and in Santander, counts once.
    assert (not_rural.services, not_rural.organisations, not_rural.hours) == (4, 3, Decimal("7"))
    assert not_rural.share == Decimal("66.7")
    assert (network.services, network.organisations, network.hours) == (6, 5, Decimal("13"))
    assert {r.district.slug for r in response.context["rural"]} == {
        "ason-aguera",
        "campoo-los-valles",
        "costa-occidental",
        "costa-oriental",
        "liebana",
        "saja-nansa",
        "trasmiera",
        "valles-pasiegos",
    }
    rural_chart = response.context["charts"]["monthly"]
    assert rural_chart.rows[0][1:] == [1, 2]  # January: Liébana; Besaya twice
    assert rural_chart.rows[5][1:] == [1, 0]


def test_each_total_links_to_the_service_list_of_the_district_and_year(client_for, people, dataset):
    response = page(client_for(people[Role.OFFICE_STAFF]))
    link = "/brokers/services/?district=besaya&amp;date_after=2024-01-01&amp;date_before=2024-12-31"
    assert f'href="{link}"' in response.content.decode()


def test_charts_are_server_rendered_with_their_tables(client_for, people, dataset):
    response = page(client_for(people[Role.GOVERNMENT_OFFICIAL]))
    content = response.content.decode()
    charts = response.context["charts"]
    totals = charts["totals"]
    assert ["Besaya", 3, 3] in totals.rows
    assert ["Liébana", 2, 2] in totals.rows
    assert len(charts["per_district"]) == 10
    assert content.count("<svg") == 13  # map, totals, rural split, one per district
    assert "<script" not in content.split("</main>")[0]


def test_the_map_shades_each_district_by_its_services(client_for, people, dataset):
    response = page(client_for(people[Role.NETWORK_COORDINATOR]))
    content = response.content.decode()
    services_map = response.context["charts"]["map"]
    assert ["Besaya", "3"] in services_map.rows
    assert ["Liébana", "2"] in services_map.rows
    assert ["Asón-Agüera", "0"] in services_map.rows
    assert len(services_map.rows) == 10
    assert 'id="map-chart-title"' in content
    assert "<title>Besaya: 3</title>" in content
    assert content.count("<path") >= 11  # the region's outline and the ten districts


def test_the_year_selector_offers_years_with_data(client_for, people, dataset):
    response = page(client_for(people[Role.NETWORK_COORDINATOR]))
    this_year = timezone.localdate().year
    assert response.context["years"] == sorted({this_year, YEAR, YEAR - 1}, reverse=True)
    last_year = page(client_for(people[Role.NETWORK_COORDINATOR]), YEAR - 1)
    assert by_slug(last_year)["liebana"].services == 1


def test_the_year_selector_offers_every_year_from_the_first_service_to_the_last(client_for, people):
    log("besaya", date(YEAR - 3, 5, 1))
    log("liebana", date(YEAR, 2, 1))
    log("santander", date(YEAR - 6, 1, 1), withdrawn=True)  # a withdrawn record is no data
    response = page(client_for(people[Role.NETWORK_COORDINATOR]))
    this_year = timezone.localdate().year
    expected = {this_year, YEAR, YEAR - 1, YEAR - 2, YEAR - 3}
    assert response.context["years"] == sorted(expected, reverse=True)


def test_without_services_the_year_selector_offers_this_year(client_for, people):
    response = client_for(people[Role.NETWORK_COORDINATOR]).get(URL)
    assert response.context["years"] == [timezone.localdate().year]


@pytest.mark.parametrize("year", ["", "abc", "1850", "99999"])
def test_a_bad_year_falls_back_to_this_year(client_for, people, year):
    response = client_for(people[Role.NETWORK_COORDINATOR]).get(URL, {"year": year})
    assert response.context["year"] == timezone.localdate().year


def test_districts_without_activity_in_thirty_days(client_for, people):
    today = timezone.localdate()
    log("besaya", today - timedelta(days=3))
    log("santander", today - timedelta(days=30))
    log("liebana", today - timedelta(days=31))
    log("trasmiera", today - timedelta(days=2), withdrawn=True)
    response = client_for(people[Role.NETWORK_COORDINATOR]).get(URL)
    inactive = {d.slug: d for d in response.context["inactive"]}
    assert "besaya" not in inactive
    assert "santander" not in inactive
    assert inactive["liebana"].last_service == today - timedelta(days=31)
    # A withdrawn record is no activity.
    assert inactive["trasmiera"].last_service is None
    assert len(inactive) == 8


def test_overdue_follow_ups_per_district(client_for, people):
    today = timezone.localdate()
    late = log("besaya", today - timedelta(days=40), follow_up_on=today - timedelta(days=1))
    log("besaya", today - timedelta(days=40), follow_up_on=today - timedelta(days=5))
    log("liebana", today - timedelta(days=40), follow_up_on=today - timedelta(days=9))
    log("besaya", today, follow_up_on=today)  # due today, not yet overdue
    log("santander", today, follow_up_on=today - timedelta(days=3), follow_up_done=True)
    log("santander", today, follow_up_on=today - timedelta(days=3), withdrawn=True)
    response = client_for(people[Role.NETWORK_COORDINATOR]).get(URL)
    overdue = response.context["overdue"]
    assert overdue["per_district"] == [
        {"district__name": "Besaya", "district__slug": "besaya", "count": 2},
        {"district__name": "Liébana", "district__slug": "liebana", "count": 1},
    ]
    assert overdue["count"] == 3
    assert [s.district.slug for s in overdue["oldest"]] == ["liebana", "besaya", "besaya"]
    assert f'href="/brokers/services/{late.pk}/"' in response.content.decode()


def _grow(count):
    """count services across three districts, each with two organisations,
    some withdrawn, some with overdue follow-ups."""
    today = timezone.localdate()
    slugs = ["besaya", "liebana", "santander"]
    for n in range(count):
        log(
            slugs[n % 3],
            date(YEAR, n % 12 + 1, 1 + n % 28),
            organisations=[OrganisationFactory(), OrganisationFactory()],
            withdrawn=n % 7 == 0,
            follow_up_on=today - timedelta(days=1 + n % 5),
        )


def test_queries_do_not_grow_with_services_or_organisations(client_for, people):
    client = client_for(people[Role.NETWORK_COORDINATOR])
    _grow(5)
    with CaptureQueriesContext(connection) as few:
        page(client)
    _grow(50)
    # session, user, years with services, districts with their last service,
    # their brokers, services and hours per district and month, organisations
    # per district and month, per district, in rural and other districts,
    # overdue follow-ups per district and the oldest of them, the user's own
    # and group permissions (navigation)
    with CaptureQueriesContext(connection) as many:
        response = page(client)
    assert len(many) == len(few) == 13, [q["sql"] for q in many]
    assert response.context["subtotals"][2].services == 55 - 9  # withdrawn: n % 7 == 0


def test_each_district_total_matches_the_csv_export_of_its_link(client_for, people, dataset):
    """The issue's acceptance: the page's totals are those of a CSV export of
    the same district and period (withdrawn records left out by both)."""
    client = client_for(people[Role.NETWORK_COORDINATOR])
    rows = by_slug(page(client))
    for slug in ("besaya", "santander", "liebana", "ason-aguera"):
        export = client.get(rows[slug].list_url.replace("&amp;", "&") + "&export=csv")
        assert export.status_code == 200
        records = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
        assert len(records) - 1 == rows[slug].services, slug  # less the header

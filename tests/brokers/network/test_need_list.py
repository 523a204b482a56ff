"""The list of industry needs: who sees which needs, filters, sorting, export."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from brokers.network.models import NeedStatus
from tests.brokers.network.matching_world import (
    NETWORK,
    OUTSIDERS,
    READ_ONLY,
    make_need,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


URL = "/brokers/needs/"


def titles(response):
    return sorted(need.title for need in response.context["page"].object_list)


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def needs(coordinator):
    """Besaya's (the test broker's) open and closed needs, and Liébana's
    open, matched and closed ones."""
    return {
        "own_open": make_need(by=coordinator, title="Besaya abierta"),
        "own_closed": make_need(by=coordinator, title="Besaya cerrada", status=NeedStatus.CLOSED),
        "other_open": make_need("liebana", by=coordinator, title="Liébana abierta"),
        "other_matched": make_need(
            "liebana", by=coordinator, title="Liébana casada", status=NeedStatus.MATCHED
        ),
        "other_closed": make_need(
            "liebana", by=coordinator, title="Liébana cerrada", status=NeedStatus.CLOSED
        ),
    }


@pytest.mark.parametrize("role", NETWORK)
def test_the_network_reads_the_list(client_for, people, role):
    assert client_for(people[role]).get(URL).status_code == 200


@pytest.mark.parametrize("role", OUTSIDERS)
def test_roles_outside_the_network_are_refused(client_for, people, role):
    assert client_for(people[role]).get(URL).status_code == 403
    assert client_for(people[role]).get(URL, {"export": "csv"}).status_code == 403


@pytest.mark.parametrize("role", [Role.NETWORK_COORDINATOR, *READ_ONLY])
def test_readers_see_every_need(client_for, people, needs, role):
    response = client_for(people[role]).get(URL)
    assert titles(response) == sorted(need.title for need in needs.values())


def test_a_broker_sees_their_district_and_the_networks_open_needs(client_for, people, needs):
    response = client_for(people[Role.INNOVATION_BROKER]).get(URL)
    assert titles(response) == ["Besaya abierta", "Besaya cerrada", "Liébana abierta"]


def test_a_broker_has_a_quick_view_of_the_networks_open_needs(client_for, people, needs):
    client = client_for(people[Role.INNOVATION_BROKER])
    page = client.get(URL).content.decode()
    assert 'href="/brokers/needs/?status=open"' in page
    assert 'href="/brokers/needs/?district=besaya"' in page
    response = client.get(URL, {"status": "open"})
    assert titles(response) == ["Besaya abierta", "Liébana abierta"]
    active = [query for _label, query, is_active in response.context["tabs"] if is_active]
    assert active == ["?status=open"]
    mine = client.get(URL, {"district": "besaya"})
    assert titles(mine) == ["Besaya abierta", "Besaya cerrada"]


def test_readers_have_no_district_view(client_for, people, needs):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL)
    assert len(response.context["tabs"]) == 2


def test_filters(client_for, people, coordinator, needs):
    make_need(
        "santander",
        by=coordinator,
        title="Trazabilidad",
        description="Blockchain para la cadena del frío",
        technology_area="agrifood",
        organisation=OrganisationFactory(legal_name="Lácteos del Pas S.A."),
    )
    client = client_for(people[Role.OFFICE_STAFF])
    assert titles(client.get(URL, {"district": "liebana"})) == [
        "Liébana abierta",
        "Liébana casada",
        "Liébana cerrada",
    ]
    assert titles(client.get(URL, {"status": "closed"})) == ["Besaya cerrada", "Liébana cerrada"]
    assert titles(client.get(URL, {"technology_area": "agrifood"})) == ["Trazabilidad"]
    assert titles(client.get(URL, {"organisation": "lácteos"})) == ["Trazabilidad"]
    assert titles(client.get(URL, {"q": "cadena del frío"})) == ["Trazabilidad"]
    assert titles(client.get(URL, {"q": "trazab"})) == ["Trazabilidad"]


def test_sorting(client_for, people, needs):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL, {"o": "title"})
    listed = [need.title for need in response.context["page"].object_list]
    assert listed == sorted(listed)
    assert 'href="?o=-title"' in response.content.decode()


def test_empty_state(client_for, people):
    response = client_for(people[Role.INNOVATION_BROKER]).get(URL)
    assert not response.context["page"].object_list
    assert '<p class="alert alert-info">' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "can_add"),
    [
        (Role.INNOVATION_BROKER, True),
        (Role.NETWORK_COORDINATOR, True),
        (Role.OFFICE_STAFF, False),
        (Role.GOVERNMENT_OFFICIAL, False),
    ],
)
def test_who_is_offered_to_compile_a_need(client_for, people, role, can_add):
    response = client_for(people[role]).get(URL)
    assert response.context["can_add"] is can_add
    assert ('href="/brokers/needs/new/"' in response.content.decode()) is can_add


def test_the_csv_export_has_the_filters_and_the_brokers_view(client_for, people, needs):
    response = client_for(people[Role.INNOVATION_BROKER]).get(
        URL, {"export": "csv", "technology_area": "ict"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="industry-needs-')
    header, *rows = read_csv(response)
    assert len(header) == 11
    assert sorted(row[0] for row in rows) == ["Besaya abierta", "Besaya cerrada", "Liébana abierta"]
    besaya = next(row for row in rows if row[0] == "Besaya abierta")
    assert besaya[1] == "Besaya"
    assert besaya[6] == str(NeedStatus.OPEN.label)


def test_the_xlsx_export(client_for, people, needs):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL, {"export": "xlsx", "status": "open"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_the_export_neutralises_formulas(client_for, people, coordinator):
    make_need(by=coordinator, title="=HYPERLINK(1)")
    _header, row = read_csv(client_for(people[Role.OFFICE_STAFF]).get(URL, {"export": "csv"}))
    assert row[0] == "'=HYPERLINK(1)"


def _needs_in_both_districts(coordinator, count):
    for _ in range(count):
        make_need(by=coordinator)
        make_need("liebana", by=coordinator)


@pytest.mark.parametrize("role", [Role.INNOVATION_BROKER, Role.OFFICE_STAFF])
def test_queries_do_not_grow_with_rows(client_for, people, coordinator, role):
    client = client_for(people[role])
    _needs_in_both_districts(coordinator, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    _needs_in_both_districts(coordinator, 15)
    # session, user, the user's own and group permissions, count, the page of
    # needs with their district, organisation and match count, the districts
    # (filter choices); a broker's own district for the quick views
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 25
    expected = 8 if role == Role.INNOVATION_BROKER else 7
    assert len(many) == len(few) == expected


def test_export_queries_do_not_grow_with_rows(client_for, people, coordinator):
    client = client_for(people[Role.OFFICE_STAFF])
    _needs_in_both_districts(coordinator, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"export": "csv"})
    _needs_in_both_districts(coordinator, 30)
    # session, user, the user's own and group permissions, the needs with
    # their district, organisation, compiler and match count
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"export": "csv"})
    assert len(many) == len(few) == 5

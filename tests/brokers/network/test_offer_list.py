"""The list of technology offers: the whole network reads it; filters, export."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from tests.brokers.network.matching_world import (
    NETWORK,
    OUTSIDERS,
    make_match,
    make_need,
    make_offer,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


URL = "/brokers/offers/"


def titles(response):
    return sorted(offer.title for offer in response.context["page"].object_list)


@pytest.fixture
def offers(coordinator):
    university = OrganisationFactory(
        legal_name="Universidad de Cantabria", helix_type="university", size_class=""
    )
    centre = OrganisationFactory(
        legal_name="Centro Tecnológico CTC", helix_type="research_centre", size_class=""
    )
    return [
        make_offer(by=coordinator, provider=university, title="Visión artificial"),
        make_offer(
            by=coordinator,
            provider=centre,
            title="Hidrógeno verde",
            technology_area="energy",
            description="Electrolizadores para la industria",
        ),
        make_offer(by=coordinator, provider=centre, title="Antigua", is_active=False),
    ]


@pytest.mark.parametrize("role", NETWORK)
def test_the_whole_network_reads_every_offer(client_for, people, offers, role):
    response = client_for(people[role]).get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Antigua", "Hidrógeno verde", "Visión artificial"]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_roles_outside_the_network_are_refused(client_for, people, role):
    assert client_for(people[role]).get(URL).status_code == 403
    assert client_for(people[role]).get(URL, {"export": "csv"}).status_code == 403


def test_filters(client_for, people, offers):
    client = client_for(people[Role.INNOVATION_BROKER])
    assert titles(client.get(URL, {"technology_area": "energy"})) == ["Hidrógeno verde"]
    assert titles(client.get(URL, {"provider": "cantabria"})) == ["Visión artificial"]
    assert titles(client.get(URL, {"available": "true"})) == [
        "Hidrógeno verde",
        "Visión artificial",
    ]
    assert titles(client.get(URL, {"available": "false"})) == ["Antigua"]
    assert titles(client.get(URL, {"q": "electroliz"})) == ["Hidrógeno verde"]


def test_sorting_by_provider(client_for, people, offers):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL, {"o": "-provider"})
    listed = [offer.provider.legal_name for offer in response.context["page"].object_list]
    assert listed == sorted(listed, reverse=True)


def test_empty_state(client_for, people):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL)
    assert not response.context["page"].object_list
    assert '<p class="alert alert-info">' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "can_add"),
    [
        (Role.INNOVATION_BROKER, True),
        (Role.NETWORK_COORDINATOR, True),
        (Role.OFFICE_STAFF, False),
        (Role.ADVISORY_COMMITTEE, False),
    ],
)
def test_who_is_offered_to_add_an_offer(client_for, people, role, can_add):
    response = client_for(people[role]).get(URL)
    assert ('href="/brokers/offers/new/"' in response.content.decode()) is can_add


def test_the_csv_export_has_the_filters(client_for, people, broker, offers):
    make_match(make_need(by=broker), offers[0], by=broker)
    response = client_for(people[Role.INNOVATION_BROKER]).get(
        URL, {"export": "csv", "available": "true"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="technology-offers-')
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert len(header) == 8
    assert sorted((row[0], row[1], row[4]) for row in rows) == [
        ("Hidrógeno verde", "Centro Tecnológico CTC", "0"),
        ("Visión artificial", "Universidad de Cantabria", "1"),
    ]


def test_the_xlsx_export(client_for, people, offers):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL, {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def _offers(coordinator, count):
    for number in range(count):
        make_offer(by=coordinator, title=f"Oferta {number}")


def test_queries_do_not_grow_with_rows(client_for, people, coordinator):
    client = client_for(people[Role.INNOVATION_BROKER])
    _offers(coordinator, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    _offers(coordinator, 30)
    # session, user, the user's own and group permissions, count, the page of
    # offers with their provider and match count
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 25
    assert len(many) == len(few) == 6


def test_export_queries_do_not_grow_with_rows(client_for, people, coordinator):
    client = client_for(people[Role.OFFICE_STAFF])
    _offers(coordinator, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"export": "xlsx"})
    _offers(coordinator, 30)
    # session, user, the user's own and group permissions, the offers
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"export": "xlsx"})
    assert len(many) == len(few) == 5

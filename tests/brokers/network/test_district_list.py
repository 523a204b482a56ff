import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from districts.models import District
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/brokers/districts/"
READERS = [r for r in Role if r not in (Role.EVALUATOR, Role.APPLICANT)]


@pytest.mark.parametrize("role", READERS)
def test_every_role_but_evaluator_reads_the_districts(client_for, people, role):
    response = client_for(people[role]).get(URL)
    assert response.status_code == 200
    assert [d.name for d in response.context["page"].object_list][:2] == [
        "Asón-Agüera",
        "Besaya",
    ]


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.APPLICANT])
def test_evaluators_and_applicants_are_refused(client_for, people, role):
    assert client_for(people[role]).get(URL).status_code == 403


def test_shows_the_broker_of_each_district(client_for, people):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL)
    besaya = next(d for d in response.context["page"].object_list if d.slug == "besaya")
    assert besaya.brokers == [people[Role.INNOVATION_BROKER]]
    assert str(people[Role.INNOVATION_BROKER]) in response.content.decode()


def test_filter_rural_and_sort(client_for, people):
    client = client_for(people[Role.OFFICE_STAFF])
    urban = client.get(URL, {"is_rural": "false"}).context["page"].object_list
    assert [d.name for d in urban] == ["Besaya", "Santander"]
    by_name_desc = client.get(URL, {"o": "-name"}).context["page"].object_list
    assert by_name_desc[0].name == "Valles Pasiegos"


def test_queries_do_not_grow_with_rows(client_for, people):
    client = client_for(people[Role.OFFICE_STAFF])
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(15):
        district = District.objects.create(name=f"Comarca {number}", slug=f"comarca-{number}")
        UserFactory(role=Role.INNOVATION_BROKER, district=district)
    # session, user, the user's own and group permissions, count, page of
    # districts, their brokers
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few) == 7

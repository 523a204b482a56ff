import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/accounts/people/"


@pytest.mark.parametrize("role", [Role.OFFICE_STAFF, Role.NETWORK_COORDINATOR])
def test_office_staff_and_coordinator_see_people(client_for, people, role):
    response = client_for(people[role]).get(URL)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == len(Role)


@pytest.mark.parametrize(
    "role",
    [
        Role.CLUSTER_MANAGER,
        Role.EVALUATOR,
        Role.INNOVATION_BROKER,
        Role.GOVERNMENT_OFFICIAL,
        Role.ADVISORY_COMMITTEE,
    ],
)
def test_other_roles_are_refused(client_for, people, role):
    assert client_for(people[role]).get(URL).status_code == 403


def test_filter_by_role_and_district(client_for, people, besaya):
    client = client_for(people[Role.OFFICE_STAFF])
    brokers = client.get(URL, {"role": Role.INNOVATION_BROKER}).context["page"].object_list
    assert list(brokers) == [people[Role.INNOVATION_BROKER]]
    in_besaya = client.get(URL, {"district": besaya.pk}).context["page"].object_list
    assert list(in_besaya) == [people[Role.INNOVATION_BROKER]]


def test_search_by_name_or_email(client_for, people):
    UserFactory(first_name="Zoraida", last_name="Quintana", email="zq@example.org")
    client = client_for(people[Role.OFFICE_STAFF])
    for term in ("zorai", "QUINTANA", "zq@"):
        names = [p.first_name for p in client.get(URL, {"q": term}).context["page"].object_list]
        assert names == ["Zoraida"]


def test_empty_result_says_so(client_for, people):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL, {"q": "no such person"})
    assert "Nadie coincide con estos filtros" in response.content.decode()


def test_sorted_by_username_descending(client_for, people):
    response = client_for(people[Role.OFFICE_STAFF]).get(URL, {"o": "-username"})
    usernames = [p.username for p in response.context["page"].object_list]
    assert usernames == sorted(usernames, reverse=True)


def test_paginated_by_25(client_for, people):
    UserFactory.create_batch(30)
    client = client_for(people[Role.OFFICE_STAFF])
    first = client.get(URL).context["page"]
    assert len(first.object_list) == 25
    assert first.paginator.count == 30 + len(Role)
    assert len(client.get(URL, {"page": 2}).context["page"].object_list) == 5 + len(Role)


def test_inactive_people_are_not_listed(client_for, people):
    UserFactory(username="gone", is_active=False)
    response = client_for(people[Role.OFFICE_STAFF]).get(URL, {"q": "gone"})
    assert list(response.context["page"].object_list) == []


def test_queries_do_not_grow_with_rows(client_for, people, besaya):
    client = client_for(people[Role.OFFICE_STAFF])
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    UserFactory.create_batch(20, role=Role.INNOVATION_BROKER, district=besaya)
    # session, user, the user's own and group permissions, count, districts
    # (filter choices), the page of people, their groups
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few) == 8

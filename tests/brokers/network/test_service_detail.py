"""A district service record's page: who sees it, what it shows and offers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from brokers.network import services as district_services
from tests.brokers.network.test_service_records import logged_days_ago, make_service
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
READERS = [
    Role.NETWORK_COORDINATOR,
    Role.OFFICE_STAFF,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
]
REFUSED = [Role.EVALUATOR, Role.APPLICANT, Role.CLUSTER_MANAGER]


def url(service):
    return f"/brokers/services/{service.pk}/"


@pytest.fixture
def own(broker):
    return make_service(
        broker=broker,
        organisations=[OrganisationFactory(legal_name="Solvay Química S.L.")],
        outcome="Derivada a la Universidad.",
        follow_up_on=timezone.localdate(),
    )


@pytest.fixture
def other():
    return make_service("liebana")


def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_districts_broker_reads_and_may_change_it(client_for, broker, own):
    response = english(client_for(broker)).get(url(own))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solvay Química S.L." in html
    assert "Derivada a la Universidad." in html
    assert f'href="/brokers/services/{own.pk}/edit/"' in html
    assert f'href="/brokers/services/{own.pk}/withdraw/"' in html
    assert f'action="/brokers/services/{own.pk}/follow-up-done/"' in html
    assert 'href="/brokers/services/new/"' in html  # log another
    assert "can correct this record until" in html
    assert response.context["audit_trail"] is None  # brokers see no audit trail


def test_another_districts_record_answers_404_to_a_broker(client_for, broker, other):
    assert client_for(broker).get(url(other)).status_code == 404


@pytest.mark.parametrize("role", READERS)
def test_network_readers_read_every_district(client_for, people, own, other, role):
    client = client_for(people[role])
    for service in (own, other):
        response = client.get(url(service))
        assert response.status_code == 200
        assert 'href="/brokers/services/new/"' not in response.content.decode()
    may_change = role == Role.NETWORK_COORDINATOR
    assert response.context["can_correct"] is may_change


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_refused(client_for, people, own, role):
    assert client_for(people[role]).get(url(own)).status_code == 403


def test_office_staff_see_the_audit_trail(client_for, people, own, broker):
    district_services.correct_service(
        service=own, organisations=list(own.organisations.all()), by=broker
    )
    response = english(client_for(people[Role.OFFICE_STAFF])).get(url(own))
    assert len(response.context["audit_trail"]) == 2
    assert "History of changes" in response.content.decode()


def test_after_the_window_the_broker_no_longer_may_change_it(client_for, broker, own):
    logged_days_ago(own, 31)
    html = client_for(broker).get(url(own)).content.decode()
    assert f"/brokers/services/{own.pk}/edit/" not in html
    assert f"/brokers/services/{own.pk}/withdraw/" not in html
    # Following up is not a correction: it stays open.
    assert f"/brokers/services/{own.pk}/follow-up-done/" in html


def test_a_withdrawn_record_says_so(client_for, people, own, broker):
    district_services.withdraw_service(service=own, reason="Registrado dos veces", by=broker)
    response = english(client_for(people[Role.NETWORK_COORDINATOR])).get(url(own))
    html = response.content.decode()
    assert "Registrado dos veces" in html
    assert "Withdrawn on" in html
    assert f"/brokers/services/{own.pk}/withdraw/" not in html
    assert "/follow-up-done/" not in html


def test_queries_do_not_grow_with_organisations(client_for, people, broker):
    client = client_for(people[Role.OFFICE_STAFF])
    few = make_service(broker=broker)
    many = make_service(broker=broker, organisations=[OrganisationFactory() for _ in range(10)])
    with CaptureQueriesContext(connection) as first:
        client.get(url(few))
    with CaptureQueriesContext(connection) as second:
        client.get(url(many))
    assert len(first) == len(second)

"""Marking a record's follow-up done (POST only): the district's broker or the
coordinator."""

import pytest
from django.utils import timezone

from accounts.roles import Role
from tests.brokers.network.test_service_records import logged_days_ago, make_service

pytestmark = pytest.mark.django_db
READ_ONLY = [Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL, Role.ADVISORY_COMMITTEE]
REFUSED = [Role.EVALUATOR, Role.APPLICANT, Role.CLUSTER_MANAGER]


def url(service):
    return f"/brokers/services/{service.pk}/follow-up-done/"


@pytest.fixture
def own(broker):
    return make_service(broker=broker, follow_up_on=timezone.localdate())


def test_get_is_not_allowed(client_for, broker, own):
    assert client_for(broker).get(url(own)).status_code == 405
    own.refresh_from_db()
    assert own.follow_up_done_at is None


def test_the_broker_marks_it_done(client_for, broker, own):
    logged_days_ago(own, 60)  # not a correction: no window
    response = client_for(broker).post(url(own))
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/services/{own.pk}/"
    own.refresh_from_db()
    assert own.follow_up_done_at is not None


def test_back_to_the_page_that_asked(client_for, broker, own):
    response = client_for(broker).post(url(own), {"next": "/"})
    assert response["Location"] == "/"
    response = client_for(broker).post(url(own), {"next": "https://example.com/"})
    assert response["Location"] == f"/brokers/services/{own.pk}/"


def test_twice_changes_nothing(client_for, broker, own):
    client = client_for(broker)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.post(url(own))
    own.refresh_from_db()
    done = own.follow_up_done_at
    response = client.post(url(own), follow=True)
    assert "already been marked done" in response.content.decode()
    own.refresh_from_db()
    assert own.follow_up_done_at == done


def test_a_record_without_follow_up(client_for, broker):
    service = make_service(broker=broker)
    client = client_for(broker)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(url(service), follow=True)
    assert "no follow-up to close" in response.content.decode()


def test_the_coordinator_marks_any_districts(client_for, people):
    other = make_service("liebana", follow_up_on=timezone.localdate())
    assert client_for(people[Role.NETWORK_COORDINATOR]).post(url(other)).status_code == 302
    other.refresh_from_db()
    assert other.follow_up_done_at is not None


def test_another_districts_record_answers_404_to_a_broker(client_for, broker):
    other = make_service("liebana", follow_up_on=timezone.localdate())
    assert client_for(broker).post(url(other)).status_code == 404


@pytest.mark.parametrize("role", READ_ONLY + REFUSED)
def test_other_roles_are_refused(client_for, people, own, role):
    assert client_for(people[role]).post(url(own)).status_code == 403
    own.refresh_from_db()
    assert own.follow_up_done_at is None

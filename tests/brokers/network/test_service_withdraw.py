"""Withdrawing a district service record: confirmed with a reason, never deleted."""

import pytest

from accounts.roles import Role
from brokers.network.models import DistrictService
from tests.brokers.network.test_service_records import logged_days_ago, make_service

pytestmark = pytest.mark.django_db
READ_ONLY = [Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL, Role.ADVISORY_COMMITTEE]
REFUSED = [Role.EVALUATOR, Role.APPLICANT, Role.CLUSTER_MANAGER]


def url(service):
    return f"/brokers/services/{service.pk}/withdraw/"


@pytest.fixture
def own(broker):
    return make_service(broker=broker)


def test_the_broker_confirms_with_a_reason(client_for, broker, own):
    client = client_for(broker)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(url(own))
    assert page.status_code == 200
    assert "is not deleted" in page.content.decode()
    response = client.post(url(own), {"reason": "Registrado dos veces"})
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/services/{own.pk}/"
    own.refresh_from_db()
    assert own.is_withdrawn
    assert (own.withdrawn_by, own.withdrawal_reason) == (broker, "Registrado dos veces")
    assert own.history.first().history_change_reason == "Withdrawn"
    # Still on file, out of the figures.
    assert DistrictService.objects.filter(pk=own.pk).exists()
    assert not DistrictService.objects.delivered().filter(pk=own.pk).exists()


def test_a_reason_is_required(client_for, broker, own):
    response = client_for(broker).post(url(own), {"reason": "   "})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    own.refresh_from_db()
    assert not own.is_withdrawn


def test_a_withdrawn_record_is_not_withdrawn_twice(client_for, people, broker, own):
    client_for(broker).post(url(own), {"reason": "Error"})
    coordinator = client_for(people[Role.NETWORK_COORDINATOR])
    response = coordinator.get(url(own))
    assert response.status_code == 302
    coordinator.post(url(own), {"reason": "Otra vez"})
    own.refresh_from_db()
    assert own.withdrawal_reason == "Error"


def test_the_broker_withdraws_only_within_the_window(client_for, people, broker, own):
    logged_days_ago(own, 31)
    assert client_for(broker).get(url(own)).status_code == 403
    assert client_for(broker).post(url(own), {"reason": "Tarde"}).status_code == 403
    coordinator = client_for(people[Role.NETWORK_COORDINATOR])
    assert coordinator.post(url(own), {"reason": "Duplicado"}).status_code == 302
    own.refresh_from_db()
    assert own.withdrawn_by == people[Role.NETWORK_COORDINATOR]


def test_another_districts_record_answers_404_to_a_broker(client_for, broker):
    other = make_service("liebana")
    assert client_for(broker).get(url(other)).status_code == 404
    assert client_for(broker).post(url(other), {"reason": "No"}).status_code == 404


@pytest.mark.parametrize("role", READ_ONLY + REFUSED)
def test_other_roles_are_refused(client_for, people, own, role):
    client = client_for(people[role])
    assert client.get(url(own)).status_code == 403
    assert client.post(url(own), {"reason": "No"}).status_code == 403
    own.refresh_from_db()
    assert not own.is_withdrawn

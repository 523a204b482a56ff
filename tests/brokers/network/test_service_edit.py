"""Correcting a district service record: the broker within 30 days of logging
it, the coordinator at any time."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from brokers.network import services as district_services
from brokers.network.models import DistrictService
from clusters.models import Organisation
from tests.brokers.network.test_service_records import logged_days_ago, make_service, service_type
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db
READ_ONLY = [Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL, Role.ADVISORY_COMMITTEE]
REFUSED = [Role.EVALUATOR, Role.APPLICANT, Role.CLUSTER_MANAGER]


def url(service):
    return f"/brokers/services/{service.pk}/edit/"


@pytest.fixture
def own(broker):
    return make_service(broker=broker, hours=2)


def data(service, **values):
    return {
        "service_type": service.service_type_id,
        "organisations": [o.pk for o in service.organisations.all()],
        "channel": service.channel,
        "hours": "3.25",
        "date": service.date.isoformat(),
        "outcome": "Corregido",
        **values,
    }


def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_broker_corrects_their_record(client_for, broker, own):
    client = client_for(broker)
    form = client.get(url(own)).context["form"]
    assert form["hours"].value() == own.hours
    response = client.post(url(own), data(own, service_type=service_type("training").pk))
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/services/{own.pk}/"
    own.refresh_from_db()
    assert (own.hours, own.outcome, own.service_type.code) == (3.25, "Corregido", "training")
    assert (own.broker, own.district.slug) == (broker, "besaya")


def test_day_30_is_still_open_to_the_broker(client_for, broker, own):
    logged_days_ago(own, 30)
    assert own.correctable_until == timezone.localdate()
    assert client_for(broker).get(url(own)).status_code == 200
    assert client_for(broker).post(url(own), data(own)).status_code == 302


def test_day_31_is_closed_to_the_broker_with_a_clear_message(client_for, broker, own):
    logged_days_ago(own, 31)
    response = english(client_for(broker)).get(url(own))
    assert response.status_code == 403
    assert "Ask the network coordinator" in response.content.decode()
    assert client_for(broker).post(url(own), data(own)).status_code == 403
    own.refresh_from_db()
    assert own.hours == 2


def test_the_coordinator_corrects_at_any_time(client_for, people, own):
    logged_days_ago(own, 400)
    client = client_for(people[Role.NETWORK_COORDINATOR])
    assert client.get(url(own)).status_code == 200
    assert client.post(url(own), data(own)).status_code == 302
    own.refresh_from_db()
    assert own.hours == 3.25
    assert own.broker == own.created_by  # still the broker's record


def test_the_coordinator_corrects_another_district(client_for, people):
    other = make_service("liebana")
    client = client_for(people[Role.NETWORK_COORDINATOR])
    form = client.get(url(other)).context["form"]
    # The record's district bounds the organisations offered.
    assert set(form.fields["organisations"].queryset) == set(other.organisations.all())
    assert client.post(url(other), data(other)).status_code == 302


def test_another_districts_record_answers_404_to_a_broker(client_for, broker):
    other = make_service("liebana")
    assert client_for(broker).get(url(other)).status_code == 404
    assert client_for(broker).post(url(other), data(other)).status_code == 404


@pytest.mark.parametrize("role", READ_ONLY)
def test_readers_may_not_correct(client_for, people, own, role):
    response = english(client_for(people[role])).get(url(own))
    assert response.status_code == 403
    assert "by the network coordinator" in response.content.decode()


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_refused(client_for, people, own, role):
    assert client_for(people[role]).get(url(own)).status_code == 403


def test_a_withdrawn_record_is_the_coordinators_to_change(client_for, broker, people, own):
    district_services.withdraw_service(service=own, reason="Error", by=broker)
    response = english(client_for(broker)).get(url(own))
    assert response.status_code == 403
    assert "It has been withdrawn" in response.content.decode()
    assert client_for(people[Role.NETWORK_COORDINATOR]).get(url(own)).status_code == 200


def test_organisations_served_from_elsewhere_stay_selectable(client_for, broker):
    elsewhere = OrganisationFactory(district=None)
    service = make_service(broker=broker, organisations=[elsewhere])
    response = client_for(broker).post(url(service), data(service))
    assert response.status_code == 302
    assert list(service.organisations.all()) == [elsewhere]


def test_the_records_own_old_choices_stay_offered_and_chosen(client_for, broker):
    # Memberships begun long ago, ended projects and retired types are no longer
    # offered, except the record's own.
    organisation = OrganisationFactory()
    old_membership = MembershipFactory(
        organisation=organisation, start_date=timezone.localdate() - timedelta(days=2000)
    )
    ended = ProjectFactory(
        start_date=date(2019, 1, 1), end_date=date(2020, 1, 1), status="completed"
    )
    retired = service_type("training")
    service = make_service(
        broker=broker,
        organisations=[organisation],
        membership=old_membership,
        cluster_project=ended,
        service_type=retired,
    )
    retired.is_active = False
    retired.save()
    html = client_for(broker).get(url(service)).content.decode()
    for chosen in (old_membership, ended, retired):
        assert f'<option value="{chosen.pk}" selected>' in html
    response = client_for(broker).post(
        url(service),
        data(service, membership=old_membership.pk, cluster_project=ended.pk),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.membership, service.cluster_project) == (old_membership, ended)


def test_a_correction_may_quick_add_in_the_records_district(client_for, people):
    other = make_service("liebana")
    client_for(people[Role.NETWORK_COORDINATOR]).post(
        url(other),
        data(
            other,
            **{
                "new-tax_id": "A39777776",
                "new-legal_name": "Orujos de Potes S.L.",
                "new-helix_type": "company",
                "new-size_class": "micro",
            },
        ),
    )
    added = Organisation.objects.get(tax_id="A39777776")
    assert added.district.slug == "liebana"
    assert added in other.organisations.all()


def test_errors_keep_the_correction(client_for, broker, own):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(broker).post(url(own), data(own, date=tomorrow, outcome="Nuevo"))
    assert response.status_code == 200
    assert response.context["form"]["outcome"].value() == "Nuevo"
    assert DistrictService.objects.get(pk=own.pk).outcome == ""

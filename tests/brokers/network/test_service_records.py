"""The side effects on district service records (brokers/district_services.py):
logging, correcting, withdrawing and closing follow-ups. Also the helpers the
other test_service_* modules use to make records."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import Role
from brokers.network import services as district_services
from brokers.network.models import ContactChannel, DistrictService, ServiceType
from clusters.models import Organisation
from districts.models import District
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def district(slug):
    return District.objects.get(slug=slug)


def service_type(code="advice"):
    return ServiceType.objects.get(code=code)


def make_service(where="besaya", *, broker=None, organisations=None, **values):
    """A record in a district (by slug), logged by its broker, three days ago."""
    where = district(where) if isinstance(where, str) else where
    broker = broker or UserFactory(role=Role.INNOVATION_BROKER, district=where)
    values = {
        "date": timezone.localdate() - timedelta(days=3),
        "service_type": service_type(),
        "channel": ContactChannel.VISIT,
        "hours": 2,
        **values,
    }
    service = DistrictService.objects.create(
        broker=broker, district=where, created_by=broker, **values
    )
    service.organisations.set(organisations or [OrganisationFactory(district=where)])
    return service


def logged_days_ago(service, days):
    """Backdate when the record was logged (noon UTC, so that the window's end
    falls on the same calendar day in Madrid)."""
    created = datetime.combine(timezone.localdate() - timedelta(days=days), time(12), tzinfo=UTC)
    DistrictService.objects.filter(pk=service.pk).update(created_at=created)
    service.refresh_from_db()
    return service


def unsaved(**values):
    return DistrictService(
        date=values.pop("date", timezone.localdate()),
        service_type=values.pop("service_type", service_type()),
        channel=values.pop("channel", ContactChannel.PHONE),
        hours=values.pop("hours", 1),
        **values,
    )


# Logging


def test_the_broker_and_district_come_from_the_broker(broker, besaya):
    organisation = OrganisationFactory()
    saved = district_services.log_service(
        service=unsaved(district=district("liebana")), organisations=[organisation], by=broker
    )
    service = DistrictService.objects.get(pk=saved.service.pk)
    assert (service.broker, service.district, service.created_by) == (broker, besaya, broker)
    assert list(service.organisations.all()) == [organisation]
    assert saved.quick_added is None


@pytest.mark.parametrize("role", [Role.NETWORK_COORDINATOR, Role.OFFICE_STAFF])
def test_only_a_broker_with_a_district_logs(people, role):
    with pytest.raises(PermissionDenied):
        district_services.log_service(
            service=unsaved(), organisations=[OrganisationFactory()], by=people[role]
        )
    assert not DistrictService.objects.exists()


def test_a_record_serves_at_least_one_organisation(broker):
    with pytest.raises(ValidationError) as error:
        district_services.log_service(service=unsaved(), organisations=[], by=broker)
    assert "organisations" in error.value.error_dict
    assert not DistrictService.objects.exists()


def test_a_new_organisation_is_added_in_the_brokers_district(broker, besaya):
    saved = district_services.log_service(
        service=unsaved(),
        organisations=[],
        new_organisation=Organisation(
            legal_name="Quesería del Besaya S.L.",
            tax_id="a-3977 7776",  # any spelling, stored compact
            helix_type="company",
            size_class="micro",
        ),
        by=broker,
    )
    added = saved.quick_added
    assert added.created
    assert added.organisation.district == besaya
    assert added.organisation.tax_id == "A39777776"
    assert list(saved.service.organisations.all()) == [added.organisation]


def test_a_known_tax_id_links_the_organisation_on_file(broker):
    known = OrganisationFactory(
        legal_name="Aceros de Reinosa S.A.", district=district("campoo-los-valles")
    )
    Organisation.objects.filter(pk=known.pk).update(tax_id=f"ES-{known.tax_id}")
    saved = district_services.log_service(
        service=unsaved(),
        organisations=[],
        new_organisation=Organisation(
            legal_name="Aceros Reinosa", tax_id=known.tax_id, helix_type="company"
        ),
        by=broker,
    )
    assert saved.quick_added.organisation == known
    assert not saved.quick_added.created
    assert Organisation.objects.count() == 1
    assert list(saved.service.organisations.all()) == [known]


def test_a_failed_record_adds_no_organisation(broker):
    with pytest.raises(ValidationError):
        district_services.log_service(
            service=unsaved(date=timezone.localdate() + timedelta(days=1)),
            organisations=[],
            new_organisation=Organisation(
                legal_name="Nueva S.L.",
                tax_id="A39777776",
                helix_type="company",
                size_class="small",
            ),
            by=broker,
        )
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"date": timezone.localdate() + timedelta(days=1)}, "date"),
        ({"date": datetime(2018, 12, 31).date()}, "date"),
        ({"follow_up_on": timezone.localdate()}, "follow_up_on"),
        ({"hours": "0.1"}, "hours"),
        ({"hours": "200.25"}, "hours"),
    ],
)
def test_the_rules_hold_outside_the_form_too(broker, values, field):
    with pytest.raises(ValidationError) as error:
        district_services.log_service(
            service=unsaved(**values), organisations=[OrganisationFactory()], by=broker
        )
    assert field in error.value.error_dict


def test_a_membership_must_be_of_an_organisation_served(broker):
    from tests.factories import MembershipFactory

    membership = MembershipFactory()
    with pytest.raises(ValidationError) as error:
        district_services.log_service(
            service=unsaved(membership=membership),
            organisations=[OrganisationFactory()],
            by=broker,
        )
    assert "membership" in error.value.error_dict
    saved = district_services.log_service(
        service=unsaved(membership=membership),
        organisations=[membership.organisation],
        by=broker,
    )
    assert saved.service.membership == membership


# Correcting


def test_a_correction_keeps_who_logged_it_and_where(broker, coordinator):
    service = make_service(broker=broker)
    service.hours = 3
    service.broker = coordinator
    service.district = district("liebana")
    district_services.correct_service(
        service=service, organisations=list(service.organisations.all()), by=coordinator
    )
    service.refresh_from_db()
    assert (service.hours, service.broker, service.district.slug) == (3, broker, "besaya")
    assert service.history.first().history_change_reason == "Corrected"


def test_a_broker_corrects_only_within_the_window(broker, coordinator):
    service = logged_days_ago(make_service(broker=broker), 31)
    with pytest.raises(PermissionDenied):
        district_services.correct_service(
            service=service, organisations=list(service.organisations.all()), by=broker
        )
    district_services.correct_service(
        service=service, organisations=list(service.organisations.all()), by=coordinator
    )


# Withdrawing


def test_withdrawing_records_who_when_and_why(broker):
    service = make_service(broker=broker)
    district_services.withdraw_service(service=service, reason=" Logged twice ", by=broker)
    service.refresh_from_db()
    assert service.withdrawn_by == broker
    assert service.withdrawn_at is not None
    assert service.withdrawal_reason == "Logged twice"
    assert DistrictService.objects.filter(pk=service.pk).exists()
    assert not DistrictService.objects.delivered().filter(pk=service.pk).exists()


def test_a_withdrawal_needs_a_reason_and_happens_once(broker, coordinator):
    service = make_service(broker=broker)
    with pytest.raises(ValidationError):
        district_services.withdraw_service(service=service, reason="  ", by=broker)
    district_services.withdraw_service(service=service, reason="Error", by=broker)
    with pytest.raises(ValidationError):
        district_services.withdraw_service(service=service, reason="Again", by=coordinator)


def test_another_districts_broker_cannot_withdraw(broker):
    service = make_service("liebana")
    with pytest.raises(PermissionDenied):
        district_services.withdraw_service(service=service, reason="Mine?", by=broker)


# Follow-ups


def test_marking_a_follow_up_done(broker):
    service = make_service(broker=broker, follow_up_on=timezone.localdate())
    district_services.mark_follow_up_done(service=service, by=broker)
    service.refresh_from_db()
    done = service.follow_up_done_at
    assert done is not None
    district_services.mark_follow_up_done(service=service, by=broker)  # changes nothing
    service.refresh_from_db()
    assert service.follow_up_done_at == done


def test_no_follow_up_to_close(broker):
    with pytest.raises(ValidationError):
        district_services.mark_follow_up_done(service=make_service(broker=broker), by=broker)


def test_a_follow_up_is_closed_after_the_correction_window_too(broker):
    service = logged_days_ago(make_service(broker=broker, follow_up_on=timezone.localdate()), 90)
    district_services.mark_follow_up_done(service=service, by=broker)
    service.refresh_from_db()
    assert service.follow_up_done_at is not None

"""Service records and meetings built by hand for the tests of the network's
pages and figures (tests/brokers/network/test_network_*, test_service_type_*,
test_meeting_*, tests/accounts/test_home_network.py)."""

from decimal import Decimal

from django.utils import timezone

from accounts.roles import Role
from brokers.network.models import ContactChannel, DistrictService, NetworkMeeting, ServiceType
from districts.models import District
from tests.factories import OrganisationFactory, UserFactory

# Roles that read the whole network but change nothing in it.
READ_ONLY = [Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL, Role.ADVISORY_COMMITTEE]
NETWORK_READERS = [Role.NETWORK_COORDINATOR, *READ_ONLY]
NETWORK = [Role.INNOVATION_BROKER, *NETWORK_READERS]
# Roles with no part in the network.
OUTSIDERS = [Role.EVALUATOR, Role.APPLICANT, Role.CLUSTER_MANAGER]


def district(slug):
    return District.objects.get(slug=slug)


def service_type(code="advice"):
    return ServiceType.objects.get(code=code)


def broker_of(slug):
    """A broker of the district (one per district and test)."""
    found = UserFactory._meta.model.objects.filter(
        district__slug=slug, groups__name=Role.INNOVATION_BROKER
    ).first()
    return found or UserFactory(role=Role.INNOVATION_BROKER, district=district(slug))


def log(
    slug="besaya",
    day=None,
    *,
    organisations=(),
    hours="1.5",
    code="advice",
    broker=None,
    withdrawn=False,
    follow_up_on=None,
    follow_up_done=False,
):
    """A service record in the district on the day (today by default)."""
    broker = broker or broker_of(slug)
    service = DistrictService.objects.create(
        broker=broker,
        district=district(slug),
        date=day or timezone.localdate(),
        service_type=service_type(code),
        channel=ContactChannel.VISIT,
        hours=Decimal(hours),
        follow_up_on=follow_up_on,
        follow_up_done_at=timezone.now() if follow_up_done else None,
        created_by=broker,
        withdrawn_at=timezone.now() if withdrawn else None,
        withdrawn_by=broker if withdrawn else None,
        withdrawal_reason="Registrado por error" if withdrawn else "",
    )
    service.organisations.set(organisations)
    return service


def organisations(count, slug="besaya"):
    return OrganisationFactory.create_batch(count, district=district(slug))


def meeting(day, *, by, **values):
    values.setdefault("agenda", "Intercambio de actividades")
    return NetworkMeeting.objects.create(date=day, created_by=by, **values)

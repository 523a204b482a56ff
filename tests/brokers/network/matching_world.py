"""Needs, offers and matches for the tests of their pages (tests/brokers/network/test_need_*,
test_offer_*, test_match_*)."""

from accounts.roles import Role
from brokers.network.models import IndustryNeed, NeedOfferMatch, NeedStatus, TechnologyOffer
from districts.models import District
from tests.factories import OrganisationFactory

# Roles that read the whole network but change nothing in it.
READ_ONLY = [Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL, Role.ADVISORY_COMMITTEE]
# Roles with no part in the network.
OUTSIDERS = [Role.EVALUATOR, Role.APPLICANT, Role.CLUSTER_MANAGER]
NETWORK = [Role.NETWORK_COORDINATOR, Role.INNOVATION_BROKER, *READ_ONLY]


def district(slug):
    return District.objects.get(slug=slug)


def make_need(slug="besaya", *, by, status=NeedStatus.OPEN, **values):
    where = district(slug)
    values.setdefault("organisation", OrganisationFactory(district=where))
    values.setdefault("title", "Sensorización de la línea de laminado")
    values.setdefault("description", "Medir la temperatura de la chapa en continuo.")
    values.setdefault("technology_area", "ict")
    return IndustryNeed.objects.create(district=where, status=status, compiled_by=by, **values)


def make_offer(*, by, **values):
    values.setdefault(
        "provider", OrganisationFactory(helix_type="university", size_class="", district=None)
    )
    values.setdefault("title", "Visión artificial para control de calidad")
    values.setdefault("description", "Grupo de visión por computador.")
    values.setdefault("technology_area", "ict")
    return TechnologyOffer.objects.create(created_by=by, **values)


def make_match(need, offer, *, by, **values):
    match = NeedOfferMatch.objects.create(need=need, offer=offer, matched_by=by, **values)
    if need.status == NeedStatus.OPEN:
        need.status = NeedStatus.MATCHED
        need.save(update_fields=["status"])
    return match

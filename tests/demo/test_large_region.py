"""The large region of the benchmarks, built tiny (records=0.01): its proportions,
its constraints, and the same data every time."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from stdnum.es import nif

from accounts.models import User
from accounts.roles import Role
from brokers.call.models import Application, GrantAgreement, GrantCall, Payment, PaymentStatus
from brokers.network.models import DistrictService, IndustryNeed, NeedOfferMatch, NetworkMeeting
from clusters.models import (
    ClusterOrganisation,
    EndReason,
    HelixType,
    Membership,
    MembershipKind,
    Organisation,
)
from demo.large_region import PREFIX, PROGRAMME_TITLE, build_large_region, region_digest
from demo.large_region.base import volumes
from demo.large_region.data import CLUSTERS, FIRST_DAY, LAST_DAY
from demo.management.commands.seed_demo import Command as SeedDemo
from demo.people import DEMO_PASSWORD
from districts.models import District
from monitoring.models import IndicatorTarget
from programmes.models import BudgetLine, Expenditure, Programme

pytestmark = pytest.mark.django_db

TINY = 0.01


def _region_clusters():
    return ClusterOrganisation.objects.filter(acronym__in=[row[0] for row in CLUSTERS])


def _region_organisations():
    return Organisation.objects.filter(tax_id__regex=r"^[A-Z]0[1-9]")


def _digest_of_a_build():
    """Build the tiny region, take its digest, and leave the database as it was."""
    with transaction.atomic():
        build_large_region(records=TINY)
        digest = region_digest()
        transaction.set_rollback(True)
    return digest


def test_volumes_scale_the_records_and_keep_the_structure():
    assert volumes() == {
        "organisations": 10_000,
        "memberships": 40_000,
        "projects": 300,
        "activities": 600,
        "services": 100_000,
        "needs": 1_200,
        "offers": 400,
        "matches": 500,
        "expenditures": 5_000,
        "applications": 400,
    }
    assert volumes(TINY)["services"] == 1_000
    assert volumes(10)["organisations"] == 100_000
    assert min(volumes(0.0001).values()) == 1


def test_the_tiny_region_has_the_proportions_of_the_large_one():
    counts = build_large_region(records=TINY)
    expected = volumes(TINY)

    assert counts["organisations"] == _region_organisations().count() == expected["organisations"]
    assert Membership.objects.filter(cluster__in=_region_clusters()).count() == 400
    assert counts["memberships"] == expected["memberships"]
    services = DistrictService.objects.filter(broker__username__startswith=PREFIX)
    assert services.count() == expected["services"]
    programme = Programme.objects.get(title=PROGRAMME_TITLE)
    assert Expenditure.objects.filter(programme=programme).count() == expected["expenditures"]
    calls = GrantCall.objects.filter(reference__startswith="LR-")
    assert Application.objects.filter(call__in=calls).count() == expected["applications"]
    needs = IndustryNeed.objects.filter(compiled_by__username__startswith=PREFIX)
    assert needs.count() == expected["needs"]
    assert NeedOfferMatch.objects.count() == counts["matches"] <= expected["matches"]

    # The structure does not scale: 25 clusters, 50 districts with a broker each,
    # 3 calls, a meeting every two months, the programme's lines and targets.
    assert _region_clusters().count() == 25
    assert District.objects.count() == 50
    brokers = User.objects.with_role(Role.INNOVATION_BROKER).filter(username__startswith=PREFIX)
    assert brokers.count() == 50
    assert set(brokers.values_list("district", flat=True)) == set(
        District.objects.values_list("pk", flat=True)
    )
    assert calls.count() == 3
    assert all(call.districts.count() == 50 for call in calls)
    assert NetworkMeeting.objects.count() == 30
    assert BudgetLine.objects.filter(programme=programme).count() == 5 * 7 * 26
    assert IndicatorTarget.objects.filter(programme=programme).count() > 5 * 20

    # Everything happens within the region's five years, never after the anchor.
    assert services.earliest("date").date >= FIRST_DAY
    assert services.latest("date").date <= LAST_DAY
    assert Expenditure.objects.filter(date__gt=LAST_DAY).count() == 0
    assert not Payment.objects.filter(status=PaymentStatus.PAID, paid_on__gt=LAST_DAY).exists()


def test_the_region_respects_the_rules_of_its_records():
    build_large_region(records=TINY)

    organisations = _region_organisations()
    assert all(nif.is_valid(tax_id) for tax_id in organisations.values_list("tax_id", flat=True))
    for organisation in organisations[:50]:
        organisation.full_clean()
    assert organisations.filter(helix_type=HelixType.UNIVERSITY).exists()
    assert organisations.filter(helix_type=HelixType.RESEARCH_CENTRE).exists()

    memberships = Membership.objects.filter(cluster__in=_region_clusters()).select_related(
        "project"
    )
    periods = {}
    for membership in memberships:
        membership.full_clean(validate_unique=False)
        periods.setdefault((membership.organisation_id, membership.cluster_id), []).append(
            (membership.start_date, membership.end_date)
        )
        if membership.kind == MembershipKind.PROVISIONAL:
            project = membership.project
            assert project.start_date <= membership.start_date <= project.end_date
            assert membership.cluster in project.clusters.all()
    for spans in periods.values():  # what the exclusion constraint refuses on PostgreSQL
        spans.sort()
        for (_start, end), (next_start, _end) in zip(spans, spans[1:], strict=False):
            assert end is not None and end < next_start
    kinds = Counter(memberships.values_list("kind", flat=True))
    assert kinds[MembershipKind.FULL] > kinds[MembershipKind.PROVISIONAL] > 0
    for full in memberships.filter(converted_from__isnull=False).select_related("converted_from"):
        assert full.converted_from.end_reason == EndReason.CONVERTED
        assert (full.start_date - full.converted_from.end_date).days == 1

    served = Counter(
        DistrictService.organisations.through.objects.values_list("districtservice", flat=True)
    )
    assert set(served.values()) <= {1, 2, 3}
    assert len(served) == DistrictService.objects.count()
    for service in DistrictService.objects.select_related("broker")[:50]:
        service.full_clean()
        assert service.district_id == service.broker.district_id
    for need in IndustryNeed.objects.select_related("organisation"):
        assert need.organisation.district_id == need.district_id
    for agreement in GrantAgreement.objects.select_related("broker"):
        assert agreement.broker.district_id == agreement.district_id
        assert agreement.selection.application.organisation_id == agreement.organisation_id

    # The region's people log in with the demo password.
    director = User.objects.get(username=f"{PREFIX}director")
    assert director.roles == [Role.OFFICE_STAFF]
    assert director.check_password(DEMO_PASSWORD)


def test_two_builds_give_the_same_data():
    first = _digest_of_a_build()
    assert not ClusterOrganisation.objects.exists()
    assert _digest_of_a_build() == first


def test_the_digest_sees_a_changed_record():
    build_large_region(records=TINY)
    before = region_digest()
    service = DistrictService.objects.order_by("pk").last()
    service.outcome += " (corregido)"
    service.save()
    assert region_digest() != before


def test_a_second_build_is_skipped():
    assert build_large_region(records=TINY) is not None
    counts = Organisation.objects.count(), DistrictService.objects.count()
    out = StringIO()
    assert build_large_region(out, records=TINY) is None
    assert "already built" in out.getvalue()
    assert (Organisation.objects.count(), DistrictService.objects.count()) == counts


def test_seed_demo_adds_the_same_region_to_the_demo(settings):
    """--scale large seeds the demo, then adds the region: the region is the same
    as one built on an empty database, and a second run leaves everything as it is."""
    alone = _digest_of_a_build()
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", scale="large", records=TINY, stdout=out)

    assert f"digest {alone}" in out.getvalue()
    assert region_digest() == alone
    assert User.objects.filter(username="director").exists()  # the demo is there too
    assert ClusterOrganisation.objects.count() == 25 + 6  # the region's and the demo's
    counts = Organisation.objects.count(), DistrictService.objects.count()

    out = StringIO()
    call_command("seed_demo", scale="large", records=TINY, stdout=out)
    assert "large region: already built" in out.getvalue()
    assert (Organisation.objects.count(), DistrictService.objects.count()) == counts


def test_seed_demo_builds_the_demo_scale_by_default():
    parser = SeedDemo().create_parser("manage.py", "seed_demo")
    assert parser.parse_args([]).scale == "demo"
    assert parser.parse_args(["--scale", "large"]).records == 1.0


@pytest.mark.parametrize("records", [0, -1, 51])
def test_seed_demo_refuses_a_records_factor_out_of_range(settings, records):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="--records"):
        call_command("seed_demo", scale="large", records=records)
    assert not User.objects.exists()

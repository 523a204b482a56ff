"""The rules of memberships, organisations and documents, in the model, the
database and the services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from clusters import services
from clusters.models import EndReason, Membership, Organisation, name_key
from clusters.tasks import end_expired_provisional_partnerships
from clusters.validators import DocumentValidator, validate_nace_code, validate_tax_id
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.mark.parametrize("tax_id", ["A39000013", "12345678Z", "X1234567L", "a-39000013"])
def test_valid_spanish_tax_ids(tax_id):
    validate_tax_id(tax_id)


@pytest.mark.parametrize("tax_id", ["A39000014", "12345678A", "B12", "not an id"])
def test_invalid_spanish_tax_ids(tax_id):
    with pytest.raises(ValidationError):
        validate_tax_id(tax_id)


@pytest.mark.parametrize("code", ["C", "62", "62.01", "C62.0"])
def test_valid_nace_codes(code):
    validate_nace_code(code)


@pytest.mark.parametrize("code", ["Z99", "6201x", "62.012", "manufacturing"])
def test_invalid_nace_codes(code):
    with pytest.raises(ValidationError):
        validate_nace_code(code)


def test_name_key_ignores_accents_case_punctuation_and_legal_form():
    assert name_key("Industrias Montañesas, S.L.") == name_key("INDUSTRIAS MONTANESAS SL")


def test_a_company_needs_a_size_class_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(size_class="")
    OrganisationFactory(helix_type="university", size_class="")


def test_tax_id_is_unique_when_given():
    OrganisationFactory(tax_id="A39000013")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(tax_id="A39000013")
    OrganisationFactory(tax_id="")
    OrganisationFactory(tax_id="")
    assert Organisation.objects.filter(tax_id="").count() == 2


def test_a_membership_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(start_date=date(2024, 5, 1), end_date=date(2024, 4, 30))


def test_one_open_membership_per_organisation_and_cluster():
    first = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(organisation=first.organisation, cluster=first.cluster)


def test_a_provisional_partner_needs_a_project_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(kind="provisional", project=None)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints are PostgreSQL's"
)
def test_postgresql_refuses_overlapping_periods():
    first = MembershipFactory(start_date=date(2020, 1, 1), end_date=date(2022, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(
            organisation=first.organisation,
            cluster=first.cluster,
            start_date=date(2022, 6, 1),
            end_date=date(2023, 6, 1),
        )


def test_add_membership_refuses_an_overlap_everywhere():
    first = MembershipFactory(start_date=date(2020, 1, 1), end_date=date(2022, 12, 31))
    overlapping = Membership(
        organisation=first.organisation, cluster=first.cluster, start_date=date(2022, 6, 1)
    )
    with pytest.raises(ValidationError):
        services.add_membership(membership=overlapping)
    later = Membership(
        organisation=first.organisation, cluster=first.cluster, start_date=date(2023, 1, 1)
    )
    services.add_membership(membership=later)
    assert first.organisation.memberships.count() == 2


def test_provisional_partners_are_exempt_from_the_fee():
    project = ProjectFactory()
    partner = services.add_membership(
        membership=Membership(
            organisation=OrganisationFactory(),
            cluster=ClusterFactory(),
            kind="provisional",
            project=project,
            start_date=TODAY,
            fee_status="paid",
        )
    )
    assert partner.fee_status == "exempt"


def test_converting_a_provisional_partner_keeps_its_history():
    project = ProjectFactory()
    partner = MembershipFactory(
        kind="provisional", project=project, start_date=TODAY - timedelta(days=90)
    )
    full = services.convert_to_full_member(membership=partner, on=TODAY)

    partner.refresh_from_db()
    assert partner.end_date == TODAY - timedelta(days=1)
    assert partner.end_reason == EndReason.CONVERTED
    assert (full.kind, full.start_date, full.end_date) == ("full", TODAY, None)
    assert full.converted_from == partner
    with pytest.raises(ValidationError):
        services.convert_to_full_member(membership=full, on=TODAY + timedelta(days=1))


def test_ending_twice_or_before_the_start_is_refused():
    membership = MembershipFactory(start_date=date(2022, 1, 1))
    with pytest.raises(ValidationError):
        services.end_membership(membership=membership, end_date=date(2021, 12, 31))
    services.end_membership(membership=membership, end_date=date(2024, 3, 31))
    with pytest.raises(ValidationError):
        services.end_membership(membership=membership, end_date=date(2024, 4, 30))


def test_the_daily_task_ends_partnerships_whose_project_ended_once():
    ended_project = ProjectFactory(start_date=date(2023, 1, 1), end_date=TODAY - timedelta(days=1))
    running_project = ProjectFactory(
        start_date=date(2023, 1, 1), end_date=TODAY + timedelta(days=10)
    )
    expired = MembershipFactory(
        kind="provisional", project=ended_project, start_date=date(2023, 2, 1)
    )
    running = MembershipFactory(
        kind="provisional", project=running_project, start_date=date(2023, 2, 1)
    )
    full = MembershipFactory(start_date=date(2023, 2, 1))

    assert end_expired_provisional_partnerships.delay().get() == 1
    assert end_expired_provisional_partnerships.delay().get() == 0  # idempotent

    expired.refresh_from_db()
    assert (expired.end_date, expired.end_reason) == (ended_project.end_date, "project_ended")
    assert Membership.objects.get(pk=running.pk).end_date is None
    assert Membership.objects.get(pk=full.pk).end_date is None
    assert expired.history.count() == 2


def test_agreements_expiring_within_30_days():
    soon = ProjectFactory(start_date=date(2023, 1, 1), end_date=TODAY + timedelta(days=12))
    later = ProjectFactory(start_date=date(2023, 1, 1), end_date=TODAY + timedelta(days=45))
    expiring = MembershipFactory(kind="provisional", project=soon, start_date=date(2023, 1, 1))
    MembershipFactory(kind="provisional", project=later, start_date=date(2023, 1, 1))
    assert list(Membership.objects.agreements_expiring()) == [expiring]
    assert expiring.days_left == 12


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def test_documents_are_checked_by_content_not_only_by_name():
    validator = DocumentValidator(".pdf", ".docx")
    validator(SimpleUploadedFile("strategy.pdf", PDF))
    for upload in [
        SimpleUploadedFile("strategy.exe", PDF),
        SimpleUploadedFile("strategy.pdf", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("strategy.docx", b"PK\x03\x04 not really a zip"),
        SimpleUploadedFile("strategy.pdf", b""),
    ]:
        with pytest.raises(ValidationError):
            validator(upload)


def test_documents_over_the_size_limit_are_refused():
    with pytest.raises(ValidationError) as refused:
        DocumentValidator(".pdf", max_bytes=1024 * 1024)(
            SimpleUploadedFile("big.pdf", PDF + b"0" * 1024 * 1024)
        )
    assert refused.value.code == "file_size"
    assert refused.value.params == {"limit": 1}

"""The region's digest: a hash of its records, the same on SQLite and PostgreSQL."""

import hashlib

from accounts.models import User
from brokers.call.models import Application, GrantAgreement, GrantCall, Payment
from brokers.network.models import DistrictService, IndustryNeed, NeedOfferMatch, NetworkMeeting
from clusters.models import Activity, ClusterOrganisation, ClusterProject, Membership, Organisation
from demo.large_region.data import CALLS, CLUSTERS, PREFIX, PROGRAMME_TITLE, PROJECT_PREFIX
from districts.models import District
from monitoring.models import IndicatorTarget
from programmes.models import BudgetLine, Expenditure, Programme

# --- the digest -----------------------------------------------------------------------


def _region_querysets():
    """The region's records, each with the fields hashed (relations by natural key)."""
    clusters = ClusterOrganisation.objects.filter(acronym__in=[row[0] for row in CLUSTERS])
    return [
        *_people_and_organisations(clusters),
        *_cluster_records(clusters),
        *_network_records(),
        *_programme_and_calls(),
    ]


def _people_and_organisations(clusters):
    people = User.objects.filter(username__startswith=PREFIX)
    organisations = Organisation.objects.filter(tax_id__regex=r"^[A-Z]0[1-9]")
    return [
        District.objects.values_list("slug", "name", "is_rural"),
        people.values_list(
            "username", "first_name", "last_name", "email", "district__slug",
            "organisation__tax_id", "date_joined",
        ),
        people.values_list("username", "groups__name").order_by("username", "groups__name"),
        organisations.values_list(
            "legal_name", "name_key", "tax_id", "helix_type", "size_class", "district__slug",
            "municipality", "nace_code", "website", "created_at",
        ),
        clusters.values_list(
            "acronym", "name", "slug", "kind", "sector", "ris3_priority", "development_stage",
            "founded_on", "cluster_manager__username",
        ),
    ]  # fmt: skip


def _cluster_records(clusters):
    return [
        ClusterProject.objects.filter(acronym__startswith=PROJECT_PREFIX).values_list(
            "acronym", "title", "scope", "budget", "start_date", "end_date", "status"
        ),
        Membership.objects.filter(cluster__in=clusters).values_list(
            "organisation__tax_id", "cluster__acronym", "kind", "start_date", "end_date",
            "end_reason", "fee_status", "project__acronym", "converted_from__start_date",
        ),
        Activity.objects.filter(cluster__in=clusters).values_list(
            "cluster__acronym", "title", "date", "attendees", "is_international"
        ),
    ]  # fmt: skip


def _network_records():
    services = DistrictService.objects.filter(broker__username__startswith=PREFIX)
    through = DistrictService.organisations.through.objects.filter(
        districtservice__broker__username__startswith=PREFIX
    )
    return [
        services.values_list(
            "broker__username", "district__slug", "date", "service_type__code", "channel",
            "hours", "outcome", "follow_up_on", "follow_up_done_at", "knowledge_provider__tax_id",
            "funding_programme", "cluster_project__acronym", "membership__start_date",
            "created_at", "withdrawn_at", "withdrawn_by__username",
        ),
        through.values_list("districtservice__date", "organisation__tax_id").order_by(
            "districtservice_id", "organisation__tax_id"
        ),
        IndustryNeed.objects.filter(compiled_by__username__startswith=PREFIX).values_list(
            "district__slug", "organisation__tax_id", "title", "technology_area", "status",
            "created_at",
        ),
        NeedOfferMatch.objects.filter(matched_by__username__startswith=PREFIX).values_list(
            "need__title", "offer__provider__tax_id", "matched_at", "result", "result_recorded_at"
        ),
        NetworkMeeting.objects.filter(created_by__username__startswith=PREFIX).values_list(
            "date", "location"
        ),
    ]  # fmt: skip


def _programme_and_calls():
    calls = GrantCall.objects.filter(reference__in=[row[0] for row in CALLS])
    programme = Programme.objects.filter(title=PROGRAMME_TITLE)
    return [
        Expenditure.objects.filter(programme__in=programme).values_list(
            "date", "category", "cluster__acronym", "amount", "supplier", "document_reference"
        ),
        BudgetLine.objects.filter(programme__in=programme).values_list(
            "year", "category", "cluster__acronym", "amount"
        ),
        IndicatorTarget.objects.filter(programme__in=programme).values_list(
            "indicator__code", "year", "baseline", "target"
        ),
        Application.objects.filter(call__in=calls).values_list(
            "call__reference", "district__slug", "organisation__tax_id", "created_by__username",
            "broker_name", "requested_monthly_amount", "submitted_at", "eligibility",
        ),
        GrantAgreement.objects.filter(call__in=calls).values_list(
            "call__reference", "district__slug", "organisation__tax_id", "broker__username",
            "monthly_amount", "start_date", "end_date",
        ),
        Payment.objects.filter(agreement__call__in=calls).values_list(
            "agreement__district__slug", "month", "amount", "status", "paid_on"
        ),
    ]  # fmt: skip


def region_digest():
    """A SHA-256 of the region's records in the order they were made, by their values
    and natural keys only: equal for two builds whatever the primary keys."""
    digest = hashlib.sha256()
    for queryset in _region_querysets():
        if not queryset.query.order_by:
            queryset = queryset.order_by("pk")
        digest.update(f"{queryset.model._meta.label}\n".encode())
        for row in queryset.iterator(chunk_size=5_000):
            digest.update(repr(tuple(str(v) for v in row)).encode())
    return digest.hexdigest()

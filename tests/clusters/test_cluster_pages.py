"""Cluster list, cluster page and cluster edit."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.roles import Role
from clusters.models import ClusterLabel, ClusterOrganisation, ClusterService
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _members(cluster, count, **organisation):
    for _ in range(count):
        MembershipFactory(cluster=cluster, organisation=OrganisationFactory(**organisation))


@pytest.fixture
def gira(people):
    return ClusterFactory(
        acronym="GIRA",
        slug="gira",
        name="GIRA automoción",
        cluster_manager=people[Role.CLUSTER_MANAGER],
    )


def test_list_filters_by_kind_stage_priority_and_label(client_for, people, gira):
    consortium = ClusterFactory(
        kind="export_consortium", development_stage="mature", ris3_priority="agri_food"
    )
    ClusterLabel.objects.create(
        cluster=gira,
        level="bronze",
        awarded_on=TODAY - timedelta(days=100),
        expires_on=TODAY + timedelta(days=100),
    )
    ClusterLabel.objects.create(
        cluster=consortium,
        level="bronze",
        awarded_on=TODAY - timedelta(days=900),
        expires_on=TODAY - timedelta(days=1),
    )
    client = client_for(people[Role.GOVERNMENT_OFFICIAL])

    def acronyms(**params):
        return [c.acronym for c in client.get("/clusters/", params).context["page"].object_list]

    assert acronyms(kind="export_consortium") == [consortium.acronym]
    assert acronyms(development_stage="immature") == ["GIRA"]
    assert acronyms(ris3_priority="agri_food") == [consortium.acronym]
    assert acronyms(label="bronze") == ["GIRA"]  # the consortium's label has expired


def test_list_sorts_by_committed_members(client_for, people, gira):
    small = ClusterFactory()
    _members(gira, 3)
    _members(small, 1)
    response = client_for(people[Role.OFFICE_STAFF]).get("/clusters/", {"o": "-members"})
    rows = response.context["page"].object_list
    assert [(c.pk, c.committed_members) for c in rows] == [(gira.pk, 3), (small.pk, 1)]


def test_list_exports_the_filtered_rows(client_for, people, gira):
    ClusterFactory(kind="export_consortium", acronym="EXPO")
    response = client_for(people[Role.OFFICE_STAFF]).get(
        "/clusters/", {"kind": "cluster", "export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8-sig")
    assert "GIRA" in content
    assert "EXPO" not in content


def test_list_queries_do_not_grow_with_rows(client_for, people, gira):
    client = client_for(people[Role.OFFICE_STAFF])
    with CaptureQueriesContext(connection) as few:
        client.get("/clusters/")
    for _ in range(12):
        cluster = ClusterFactory()
        _members(cluster, 2)
        ClusterLabel.objects.create(
            cluster=cluster,
            level="silver",
            awarded_on=TODAY,
            expires_on=TODAY + timedelta(days=700),
        )
    # session, user, the user's own and group permissions, count, page of
    # clusters with their member counts and managers, their current labels
    with CaptureQueriesContext(connection) as many:
        client.get("/clusters/")
    assert len(many) == len(few) == 7


def test_cluster_page_shows_european_eligibility(client_for, people, gira):
    _members(gira, 14)
    _members(gira, 1, helix_type="university", size_class="")
    MembershipFactory(cluster=gira, end_date=TODAY - timedelta(days=1))  # a leaver: not counted
    ClusterLabel.objects.create(
        cluster=gira,
        level="bronze",
        awarded_on=TODAY - timedelta(days=600),
        expires_on=TODAY + timedelta(days=90),
    )
    eligibility = (
        client_for(people[Role.ADVISORY_COMMITTEE]).get("/clusters/gira/").context["eligibility"]
    )
    assert eligibility.committed_members == 15
    assert eligibility.helix_types == 2
    assert eligibility.has_dedicated_management
    assert eligibility.eligible
    assert [label.level for label in eligibility.expiring_labels] == ["bronze"]


def test_cluster_page_without_manager_or_enough_members_is_not_eligible(client_for, people):
    cluster = ClusterFactory()
    _members(cluster, 20)
    eligibility = (
        client_for(people[Role.OFFICE_STAFF])
        .get(f"/clusters/{cluster.slug}/")
        .context["eligibility"]
    )
    assert eligibility.enough_members
    assert not eligibility.enough_helix_types
    assert not eligibility.has_dedicated_management
    assert not eligibility.eligible


def test_cluster_page_shows_when_a_provisional_partner_expires(client_for, people, gira):
    project = ProjectFactory(
        clusters=[gira], start_date=TODAY - timedelta(days=300), end_date=TODAY + timedelta(days=9)
    )
    MembershipFactory(cluster=gira, kind="provisional", project=project, fee_status="exempt")
    response = client_for(people[Role.OFFICE_STAFF]).get("/clusters/gira/")
    partner = next(m for m in response.context["members"] if m.kind == "provisional")
    assert partner.days_left == 9
    assert "9" in response.content.decode()


def test_cluster_page_history_is_for_office_staff(client_for, people, gira):
    assert client_for(people[Role.OFFICE_STAFF]).get("/clusters/gira/").context["audit_trail"]
    assert (
        client_for(people[Role.CLUSTER_MANAGER]).get("/clusters/gira/").context["audit_trail"]
        is None
    )


def test_cluster_page_queries_do_not_grow_with_members_projects_and_activities(
    client_for, people, gira
):
    client = client_for(people[Role.OFFICE_STAFF])
    # One of each first, so that every prefetch already runs in the baseline.
    ActivityFactory(cluster=gira)
    MembershipFactory(cluster=gira, kind="provisional", project=ProjectFactory(clusters=[gira]))
    with CaptureQueriesContext(connection) as few:
        client.get("/clusters/gira/")
    _members(gira, 30)
    for _ in range(5):
        project = ProjectFactory(clusters=[gira])
        MembershipFactory(cluster=gira, kind="provisional", project=project)
        ActivityFactory(cluster=gira)
    # session, user, permissions (2), the cluster, its labels, eligibility
    # counts, member count, audit trail, networks, board, services, members,
    # projects with their clusters (2), activities
    with CaptureQueriesContext(connection) as many:
        client.get("/clusters/gira/")
    assert len(many) == len(few) == 16


def _cluster_form(cluster, **changes):
    data = {
        "name": cluster.name,
        "acronym": cluster.acronym,
        "slug": cluster.slug,
        "kind": cluster.kind,
        "sector": cluster.sector,
        "ris3_priority": cluster.ris3_priority,
        "development_stage": cluster.development_stage,
        "status": cluster.status,
        "cluster_manager": cluster.cluster_manager_id or "",
    }
    for prefix in ("services", "labels", "board", "networks"):
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_manager_edits_their_cluster_and_its_service_catalogue(client_for, people, gira):
    response = client_for(people[Role.CLUSTER_MANAGER]).post(
        "/clusters/gira/edit/",
        _cluster_form(
            gira,
            sector="Automoción y movilidad",
            **{"services-0-kind": "matchmaking", "services-0-title": "Encuentros B2B"},
        ),
    )
    assert response.status_code == 302
    gira.refresh_from_db()
    assert gira.sector == "Automoción y movilidad"
    assert list(ClusterService.objects.filter(cluster=gira).values_list("title", flat=True)) == [
        "Encuentros B2B"
    ]


def test_the_sector_is_typed_in_spanish_and_optionally_in_english(client_for, people, gira):
    client = client_for(people[Role.CLUSTER_MANAGER])
    assert "sector_en" in client.get("/clusters/gira/edit/").context["form"].fields
    response = client.post(
        "/clusters/gira/edit/",
        _cluster_form(gira, sector="Automoción", sector_en="Automotive"),
    )
    assert response.status_code == 302
    gira.refresh_from_db()
    assert (gira.sector, gira.sector_en) == ("Automoción", "Automotive")
    with translation.override("en"):
        assert gira.localised_sector == "Automotive"
    with translation.override("es"):
        assert gira.localised_sector == "Automoción"
    gira.sector_en = ""
    with translation.override("en"):
        assert gira.localised_sector == "Automoción"


def test_manager_cannot_reassign_the_cluster_manager(client_for, people, gira):
    other_manager = people[Role.OFFICE_STAFF]
    client = client_for(people[Role.CLUSTER_MANAGER])
    assert "cluster_manager" not in client.get("/clusters/gira/edit/").context["form"].fields
    client.post("/clusters/gira/edit/", _cluster_form(gira, cluster_manager=other_manager.pk))
    gira.refresh_from_db()
    assert gira.cluster_manager == people[Role.CLUSTER_MANAGER]


def test_manager_cannot_edit_another_cluster(client_for, people, gira):
    other = ClusterFactory(sector="Naval")
    response = client_for(people[Role.CLUSTER_MANAGER]).post(
        f"/clusters/{other.slug}/edit/", _cluster_form(other, sector="X")
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.sector == "Naval"


def test_office_creates_a_cluster_with_a_strategy_document(client_for, people):
    document = SimpleUploadedFile(
        "strategy.pdf", b"%PDF-1.7\n%test\n", content_type="application/pdf"
    )
    data = _cluster_form(
        ClusterOrganisation(
            name="Clúster TIC", acronym="TIC", slug="tic", sector="TIC", ris3_priority="ict"
        )
    )
    response = client_for(people[Role.OFFICE_STAFF]).post(
        "/clusters/new/", {**data, "strategy_document": document}
    )
    assert response.status_code == 302
    assert ClusterOrganisation.objects.get(slug="tic").strategy_document.name.endswith(".pdf")


def test_a_disguised_strategy_document_is_refused(client_for, people):
    document = SimpleUploadedFile(
        "strategy.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"
    )
    data = _cluster_form(
        ClusterOrganisation(
            name="Clúster TIC", acronym="TIC", slug="tic", sector="TIC", ris3_priority="ict"
        )
    )
    response = client_for(people[Role.OFFICE_STAFF]).post(
        "/clusters/new/", {**data, "strategy_document": document}
    )
    assert response.status_code == 200
    assert "strategy_document" in response.context["form"].errors
    assert not ClusterOrganisation.objects.filter(slug="tic").exists()


def test_a_reserved_slug_is_refused(client_for, people):
    data = _cluster_form(
        ClusterOrganisation(
            name="Miembros", acronym="MEM", slug="members", sector="X", ris3_priority="ict"
        )
    )
    response = client_for(people[Role.OFFICE_STAFF]).post("/clusters/new/", data)
    assert "slug" in response.context["form"].errors

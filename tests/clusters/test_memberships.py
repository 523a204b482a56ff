"""Member directory and the membership flows: add, edit, end, convert."""

from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from clusters.models import Membership
from districts.models import District
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DIRECTORY = "/clusters/members/"


@pytest.fixture
def gira(people):
    return ClusterFactory(slug="gira", acronym="GIRA", cluster_manager=people[Role.CLUSTER_MANAGER])


@pytest.fixture
def manager(client_for, people):
    return client_for(people[Role.CLUSTER_MANAGER])


def _names(response):
    return [m.organisation.legal_name for m in response.context["page"].object_list]


def test_directory_shows_current_members_by_default(client_for, people, gira):
    MembershipFactory(cluster=gira, organisation=OrganisationFactory(legal_name="Actual S.L."))
    MembershipFactory(
        cluster=gira,
        organisation=OrganisationFactory(legal_name="Antigua S.L."),
        start_date=TODAY - timedelta(days=900),
        end_date=TODAY - timedelta(days=30),
    )
    client = client_for(people[Role.INNOVATION_BROKER])
    assert _names(client.get(DIRECTORY)) == ["Actual S.L."]
    assert _names(client.get(DIRECTORY, {"status": "ended"})) == ["Antigua S.L."]
    assert sorted(_names(client.get(DIRECTORY, {"status": ""}))) == ["Actual S.L.", "Antigua S.L."]


def test_directory_filters_and_search(client_for, people, gira):
    santander = District.objects.get(slug="santander")
    other = ClusterFactory()
    MembershipFactory(
        cluster=gira,
        organisation=OrganisationFactory(legal_name="Micro Besaya S.L.", size_class="micro"),
    )
    MembershipFactory(
        cluster=other,
        organisation=OrganisationFactory(
            legal_name="Universidad de Cantabria",
            helix_type="university",
            size_class="",
            district=santander,
        ),
    )
    project = ProjectFactory(clusters=[gira])
    MembershipFactory(
        cluster=gira,
        kind="provisional",
        project=project,
        organisation=OrganisationFactory(legal_name="Socio Temporal S.L."),
    )
    client = client_for(people[Role.OFFICE_STAFF])

    assert _names(client.get(DIRECTORY, {"helix_type": "university", "status": "current"})) == [
        "Universidad de Cantabria"
    ]
    assert _names(client.get(DIRECTORY, {"size_class": "micro", "status": "current"})) == [
        "Micro Besaya S.L."
    ]
    assert _names(client.get(DIRECTORY, {"district": santander.pk, "status": "current"})) == [
        "Universidad de Cantabria"
    ]
    assert sorted(_names(client.get(DIRECTORY, {"cluster": gira.pk, "status": "current"}))) == [
        "Micro Besaya S.L.",
        "Socio Temporal S.L.",
    ]
    assert _names(client.get(DIRECTORY, {"kind": "provisional", "status": "current"})) == [
        "Socio Temporal S.L."
    ]
    assert _names(client.get(DIRECTORY, {"q": "universidad", "status": "current"})) == [
        "Universidad de Cantabria"
    ]


def test_directory_exports_xlsx_with_the_same_filters(client_for, people, gira):
    MembershipFactory(
        cluster=gira, organisation=OrganisationFactory(legal_name="=HYPERLINK(evil) S.L.")
    )
    MembershipFactory(
        cluster=ClusterFactory(), organisation=OrganisationFactory(legal_name="Fuera S.L.")
    )
    response = client_for(people[Role.OFFICE_STAFF]).get(
        DIRECTORY, {"cluster": gira.pk, "export": "xlsx"}
    )
    assert response["Content-Disposition"].startswith('attachment; filename="cluster-members-')
    from io import BytesIO

    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2  # headers and the one GIRA member
    assert rows[1][0] == "'=HYPERLINK(evil) S.L."  # formula injection neutralised


def test_directory_queries_do_not_grow_with_rows(client_for, people, gira):
    client = client_for(people[Role.OFFICE_STAFF])
    MembershipFactory(cluster=gira)
    with CaptureQueriesContext(connection) as few:
        client.get(DIRECTORY)
    for _ in range(20):
        MembershipFactory(cluster=gira)
    # session, user, permissions (2), count, page of memberships with their
    # organisations, districts, clusters and projects, the district and
    # cluster choices of the filter form
    with CaptureQueriesContext(connection) as many:
        client.get(DIRECTORY)
    assert len(many) == len(few) == 8


def test_the_directory_reads_its_last_page_from_the_end(client_for, people, gira):
    """The same memberships as reading from the start, without skipping the rows before."""
    client = client_for(people[Role.OFFICE_STAFF])
    for n in range(30):  # names with ties, in two clusters
        MembershipFactory(
            cluster=gira if n % 2 else ClusterFactory(acronym=f"Z{n}"),
            organisation=OrganisationFactory(legal_name=f"Empresa {n % 4} S.L."),
        )
    in_order = list(Membership.objects.for_list().values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        last = client.get(DIRECTORY, {"page": 999})
    assert [m.pk for m in last.context["page"].object_list] == in_order[25:]
    [select] = [q["sql"] for q in queries if 'FROM "clusters_membership" INNER JOIN' in q["sql"]]
    assert "OFFSET" not in select


def test_manager_finds_and_adds_an_existing_organisation(manager, gira):
    organisation = OrganisationFactory(legal_name="Conservas del Cantábrico S.L.")
    search = manager.get("/clusters/gira/members/add/", {"q": "conservas"})
    assert list(search.context["results"]) == [organisation]

    response = manager.post(
        f"/clusters/gira/members/add/?organisation={organisation.pk}",
        {
            "organisation": organisation.pk,
            "kind": "full",
            "start_date": TODAY.isoformat(),
            "fee_status": "pending",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/clusters/gira/"
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.cluster, membership.kind, membership.start_date) == (gira, "full", TODAY)


def test_a_current_member_cannot_be_added_twice(manager, gira):
    existing = MembershipFactory(cluster=gira)
    response = manager.post(
        "/clusters/gira/members/add/",
        {
            "organisation": existing.organisation_id,
            "kind": "full",
            "start_date": TODAY.isoformat(),
            "fee_status": "paid",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Membership.objects.filter(organisation=existing.organisation).count() == 1


def test_a_provisional_partner_needs_a_project_and_agreement_date(manager, gira):
    organisation = OrganisationFactory()
    data = {
        "organisation": organisation.pk,
        "kind": "provisional",
        "start_date": TODAY.isoformat(),
        "fee_status": "paid",
    }
    response = manager.post("/clusters/gira/members/add/", data)
    assert set(response.context["form"].errors) >= {"project", "agreement_signed_on"}

    project = ProjectFactory(clusters=[gira])
    manager.post(
        "/clusters/gira/members/add/",
        {**data, "project": project.pk, "agreement_signed_on": TODAY.isoformat()},
    )
    partner = Membership.objects.get(organisation=organisation)
    assert (partner.kind, partner.project, partner.fee_status) == ("provisional", project, "exempt")


def test_the_services_refusal_lands_on_the_field_it_names(manager, gira):
    """A provisional partner joins during its project: a rule of the service
    (add_membership), whose error names start_date and is shown on that field."""
    project = ProjectFactory(
        clusters=[gira], start_date=TODAY - timedelta(days=10), end_date=TODAY + timedelta(days=100)
    )
    organisation = OrganisationFactory()
    response = manager.post(
        "/clusters/gira/members/add/",
        {
            "organisation": organisation.pk,
            "kind": "provisional",
            "start_date": (TODAY - timedelta(days=20)).isoformat(),
            "fee_status": "paid",
            "project": project.pk,
            "agreement_signed_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    # "A provisional partner joins during the project (<start> to <end>)."
    assert str(project.start_date) in form.errors["start_date"][0]
    assert not form.non_field_errors()
    assert not Membership.objects.filter(organisation=organisation).exists()


def test_manager_cannot_add_members_to_another_cluster(manager, gira):
    other = ClusterFactory()
    organisation = OrganisationFactory()
    response = manager.post(
        f"/clusters/{other.slug}/members/add/",
        {
            "organisation": organisation.pk,
            "kind": "full",
            "start_date": TODAY.isoformat(),
            "fee_status": "paid",
        },
    )
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_edit_changes_the_fee_status(manager, gira):
    membership = MembershipFactory(cluster=gira, fee_status="pending")
    response = manager.post(
        f"/clusters/memberships/{membership.pk}/edit/",
        {"kind": "full", "start_date": membership.start_date.isoformat(), "fee_status": "paid"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.fee_status == "paid"


def test_ending_a_membership_asks_for_confirmation_first(manager, gira):
    membership = MembershipFactory(cluster=gira)
    page = manager.get(f"/clusters/memberships/{membership.pk}/end/")
    assert page.status_code == 200
    membership.refresh_from_db()
    assert membership.end_date is None

    response = manager.post(
        f"/clusters/memberships/{membership.pk}/end/",
        {"end_date": TODAY.isoformat(), "reason": "left"},
    )
    assert response["Location"] == "/clusters/gira/"
    membership.refresh_from_db()
    assert (membership.end_date, membership.end_reason) == (TODAY, "left")


def test_a_membership_cannot_end_before_it_started(manager, gira):
    membership = MembershipFactory(cluster=gira, start_date=TODAY)
    response = manager.post(
        f"/clusters/memberships/{membership.pk}/end/",
        {"end_date": (TODAY - timedelta(days=1)).isoformat(), "reason": "left"},
    )
    assert "end_date" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.end_date is None


def test_an_ended_membership_cannot_be_ended_again(manager, gira):
    membership = MembershipFactory(cluster=gira, end_date=TODAY)
    response = manager.post(
        f"/clusters/memberships/{membership.pk}/end/",
        {"end_date": TODAY.isoformat(), "reason": "left"},
    )
    assert response["Location"] == "/clusters/gira/"
    membership.refresh_from_db()
    assert membership.end_reason == ""


def test_converting_a_provisional_partner(manager, gira):
    project = ProjectFactory(clusters=[gira])
    partner = MembershipFactory(
        cluster=gira, kind="provisional", project=project, start_date=TODAY - timedelta(days=60)
    )
    response = manager.post(
        f"/clusters/memberships/{partner.pk}/convert/",
        {"start_date": TODAY.isoformat(), "fee_status": "pending"},
    )
    assert response["Location"] == "/clusters/gira/"
    full = Membership.objects.get(converted_from=partner)
    assert (full.kind, full.start_date) == ("full", TODAY)
    partner.refresh_from_db()
    assert partner.end_reason == "converted"


def test_expiring_agreements_page_lists_the_partners_ending_soon(client_for, people, gira):
    soon = ProjectFactory(
        clusters=[gira], start_date=TODAY - timedelta(days=300), end_date=TODAY + timedelta(days=20)
    )
    partner = MembershipFactory(cluster=gira, kind="provisional", project=soon)
    later = ProjectFactory(
        clusters=[gira],
        start_date=TODAY - timedelta(days=300),
        end_date=TODAY + timedelta(days=200),
    )
    MembershipFactory(cluster=gira, kind="provisional", project=later)
    response = client_for(people[Role.GOVERNMENT_OFFICIAL]).get("/clusters/members/expiring/")
    assert list(response.context["page"].object_list) == [partner]

"""Cluster projects and activities: creating, editing, filtering and exporting them."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from clusters.models import (
    Activity,
    ClusterProject,
    FundingProgramme,
    ProjectScope,
    ProjectStatus,
)
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
PROJECTS_URL = "/clusters/projects/"
ACTIVITIES_URL = "/clusters/activities/"


@pytest.fixture
def office(people):
    # Its own client, so that a test can act as the Office and a manager in turn.
    client = Client()
    client.force_login(people[Role.OFFICE_STAFF])
    return client


@pytest.fixture
def own_cluster(people):
    return ClusterFactory(cluster_manager=people[Role.CLUSTER_MANAGER])


@pytest.fixture
def manager(client_for, people, own_cluster):
    return client_for(people[Role.CLUSTER_MANAGER])


def project_data(clusters, partners=(), **values):
    return {
        "title": "Gemelo digital de la cadena de frío",
        "acronym": "FRIO4.0",
        "scope": ProjectScope.INTER_CLUSTER,
        "clusters": [c.pk for c in clusters],
        "partners": [p.pk for p in partners],
        "funding_programme": FundingProgramme.REGIONAL,
        "budget": "250000.00",
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "status": ProjectStatus.PLANNED,
        **values,
    }


def titles(response):
    return [item.title for item in response.context["page"].object_list]


# Creating and editing projects


def test_office_staff_create_a_project_with_clusters_and_partners(office):
    clusters = [ClusterFactory(), ClusterFactory()]
    partners = [OrganisationFactory(), OrganisationFactory()]
    response = office.post("/clusters/projects/new/", project_data(clusters, partners))
    project = ClusterProject.objects.get()
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    assert set(project.clusters.all()) == set(clusters)
    assert set(project.partners.all()) == set(partners)
    assert project.budget == Decimal("250000.00")
    assert project.end_date == date(2026, 12, 31)


def test_a_cluster_managers_project_is_their_own_clusters(manager, own_cluster):
    """Whatever clusters are posted, a manager's project is theirs only; projects
    shared with other clusters are kept by the Office."""
    other = ClusterFactory()
    assert "clusters" not in manager.get("/clusters/projects/new/").context["form"].fields
    response = manager.post("/clusters/projects/new/", project_data([other]))
    assert response.status_code == 302
    assert list(ClusterProject.objects.get().clusters.all()) == [own_cluster]


def test_a_project_cannot_end_before_it_starts(office):
    data = project_data([ClusterFactory()], start_date="2025-06-01", end_date="2025-05-31")
    response = office.post("/clusters/projects/new/", data)
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assert not ClusterProject.objects.exists()


def test_the_manager_of_another_cluster_cannot_edit_a_project(manager, own_cluster):
    project = ProjectFactory(clusters=[ClusterFactory()], title="Original")
    url = f"/clusters/projects/{project.pk}/edit/"
    assert manager.get(url).status_code == 403
    data = project_data([own_cluster], title="Changed")
    assert manager.post(url, data).status_code == 403
    project.refresh_from_db()
    assert project.title == "Original"
    assert own_cluster not in project.clusters.all()


def test_a_shared_project_is_kept_by_the_office(manager, office, own_cluster):
    other = ClusterFactory()
    project = ProjectFactory(clusters=[other, own_cluster], title="Original")
    data = project_data([own_cluster], title="Changed", end_date="2025-01-01")
    assert manager.post(f"/clusters/projects/{project.pk}/edit/", data).status_code == 403
    project.refresh_from_db()
    assert project.title == "Original"
    assert set(project.clusters.all()) == {other, own_cluster}

    data = project_data([other, own_cluster], title="Changed by the Office")
    assert office.post(f"/clusters/projects/{project.pk}/edit/", data).status_code == 302
    project.refresh_from_db()
    assert project.title == "Changed by the Office"


def test_a_manager_edits_a_project_of_their_cluster_alone(manager, own_cluster):
    project = ProjectFactory(clusters=[own_cluster], title="Original")
    response = manager.post(
        f"/clusters/projects/{project.pk}/edit/", project_data([], title="Changed")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Changed"
    assert list(project.clusters.all()) == [own_cluster]


# The project list


@pytest.fixture
def projects():
    cluster_a, cluster_b = ClusterFactory(), ClusterFactory()
    return {
        "a": cluster_a,
        "b": cluster_b,
        "regional": ProjectFactory(
            title="Regional", clusters=[cluster_a], budget=50000, status=ProjectStatus.RUNNING
        ),
        "horizon": ProjectFactory(
            title="Horizon",
            clusters=[cluster_a, cluster_b],
            scope=ProjectScope.TRANSNATIONAL,
            funding_programme=FundingProgramme.HORIZON_EUROPE,
            budget=900000,
        ),
        "done": ProjectFactory(
            title="Done",
            clusters=[cluster_b],
            status=ProjectStatus.COMPLETED,
            budget=200000,
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"scope": ProjectScope.TRANSNATIONAL}, {"Horizon"}),
        ({"funding_programme": FundingProgramme.HORIZON_EUROPE}, {"Horizon"}),
        ({"status": ProjectStatus.COMPLETED}, {"Done"}),
        ({"status": ProjectStatus.RUNNING}, {"Regional", "Horizon"}),
        ({"cluster": "a"}, {"Regional", "Horizon"}),
        ({"cluster": "b"}, {"Horizon", "Done"}),
        ({"cluster": "b", "status": ProjectStatus.RUNNING}, {"Horizon"}),
    ],
)
def test_the_project_list_filters(office, projects, params, expected):
    if "cluster" in params:
        params = {**params, "cluster": projects[params["cluster"]].pk}
    response = office.get(PROJECTS_URL, params)
    assert response.status_code == 200
    found = titles(response)
    assert len(found) == len(expected)  # no project listed twice
    assert set(found) == expected


def test_the_project_list_sorts_by_budget(office, projects):
    assert titles(office.get(PROJECTS_URL, {"o": "budget"})) == ["Regional", "Done", "Horizon"]
    assert titles(office.get(PROJECTS_URL, {"o": "-budget"})) == ["Horizon", "Done", "Regional"]


def read_csv(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_the_csv_export_has_the_same_filters(office, projects):
    response = office.get(PROJECTS_URL, {"export": "csv", "cluster": projects["b"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="cluster-projects-')
    header, *rows = read_csv(response)
    assert len(header) == 10
    assert sorted(row[0] for row in rows) == ["Done", "Horizon"]
    horizon = next(row for row in rows if row[0] == "Horizon")
    acronyms = {projects["a"].acronym, projects["b"].acronym}
    assert set(horizon[3].split(", ")) == acronyms


def test_the_csv_export_neutralises_formulas(office):
    ProjectFactory(title='=HYPERLINK("https://evil.example/","x")', clusters=[ClusterFactory()])
    ProjectFactory(title="@SUM(A1)", clusters=[ClusterFactory()])
    _header, *rows = read_csv(office.get(PROJECTS_URL, {"export": "csv"}))
    assert sorted(row[0] for row in rows) == [
        '\'=HYPERLINK("https://evil.example/","x")',
        "'@SUM(A1)",
    ]


def test_the_csv_export_counts_the_partners(office):
    """A column of the download only: the page does not count them."""
    project = ProjectFactory(title="Con socios", clusters=[ClusterFactory()])
    project.partners.set([OrganisationFactory(), OrganisationFactory()])
    ProjectFactory(title="Sin socios", clusters=[ClusterFactory()])
    _header, *rows = read_csv(office.get(PROJECTS_URL, {"export": "csv"}))
    assert {row[0]: row[4] for row in rows} == {"Con socios": "2", "Sin socios": "0"}


def _projects_with_clusters_and_partners(count):
    for _ in range(count):
        project = ProjectFactory(clusters=[ClusterFactory(), ClusterFactory()])
        project.partners.set([OrganisationFactory(), OrganisationFactory()])


def test_project_list_queries_do_not_grow_with_rows(office):
    _projects_with_clusters_and_partners(3)
    with CaptureQueriesContext(connection) as few:
        response = office.get(PROJECTS_URL)
    assert len(response.context["page"].object_list) == 3
    _projects_with_clusters_and_partners(20)
    # session, user, the user's own and group permissions, count, the clusters
    # (filter choices), the page of projects, their clusters
    with CaptureQueriesContext(connection) as many:
        response = office.get(PROJECTS_URL)
    assert len(response.context["page"].object_list) == 23
    assert len(many) == len(few) == 8


# Creating and editing activities


@pytest.fixture
def member(own_cluster):
    return MembershipFactory(cluster=own_cluster).organisation


def activity_data(**values):
    return {
        "title": "Jornada de ciberseguridad industrial",
        "service": "",
        "date": "2025-03-14",
        "attendees": "35",
        "description": "",
        **values,
    }


def test_a_cluster_manager_records_an_activity_of_their_cluster(manager, own_cluster, member):
    partner = ClusterFactory()
    # Co-organisers are named by the Office: a manager's posted partners are ignored.
    data = activity_data(partner_clusters=[partner.pk], participants=[member.pk])
    response = manager.post(f"/clusters/{own_cluster.slug}/activities/new/", data)
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response.url == activity.get_absolute_url()
    assert activity.cluster == own_cluster
    assert activity.date == date(2025, 3, 14)
    assert activity.attendees == 35
    assert not activity.is_international
    assert list(activity.partner_clusters.all()) == []
    assert list(activity.participants.all()) == [member]


def test_the_office_records_an_inter_cluster_activity(office, own_cluster, member):
    partner = ClusterFactory()
    data = activity_data(partner_clusters=[partner.pk], participants=[member.pk])
    assert office.post(f"/clusters/{own_cluster.slug}/activities/new/", data).status_code == 302
    assert list(Activity.objects.get().partner_clusters.all()) == [partner]


def test_participants_are_limited_to_current_members(manager, own_cluster, member):
    outsider = OrganisationFactory()  # in the region, not a member
    former = MembershipFactory(
        cluster=own_cluster,
        start_date=date(2020, 1, 1),
        end_date=date(2021, 1, 1),
        end_reason="left",
    ).organisation
    url = f"/clusters/{own_cluster.slug}/activities/new/"
    for refused in (outsider, former):
        response = manager.post(url, activity_data(participants=[member.pk, refused.pk]))
        assert response.status_code == 200
        assert "participants" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_organisations_from_abroad_may_participate(manager, own_cluster, member):
    abroad = OrganisationFactory(district=None, legal_name="Cluster Maritime Français")
    data = activity_data(participants=[member.pk, abroad.pk], is_international="on")
    assert manager.post(f"/clusters/{own_cluster.slug}/activities/new/", data).status_code == 302
    assert set(Activity.objects.get().participants.all()) == {member, abroad}


def test_a_cluster_cannot_be_its_own_partner(office, own_cluster):
    data = activity_data(partner_clusters=[own_cluster.pk])
    response = office.post(f"/clusters/{own_cluster.slug}/activities/new/", data)
    assert "partner_clusters" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_cluster_manager_cannot_record_activities_of_another_cluster(manager):
    other = ClusterFactory()
    url = f"/clusters/{other.slug}/activities/new/"
    assert manager.post(url, activity_data()).status_code == 403
    assert not Activity.objects.exists()


def test_a_cluster_manager_cannot_edit_another_clusters_activity(manager, own_cluster):
    # Not even one their own cluster takes part in as a partner.
    activity = ActivityFactory(title="Original")
    activity.partner_clusters.add(own_cluster)
    url = f"/clusters/activities/{activity.pk}/edit/"
    assert manager.get(url).status_code == 403
    assert manager.post(url, activity_data(title="Changed")).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Original"


def test_a_cluster_manager_edits_their_clusters_activity(manager, own_cluster):
    activity = ActivityFactory(cluster=own_cluster)
    response = manager.post(
        f"/clusters/activities/{activity.pk}/edit/",
        activity_data(title="Changed", is_international="on"),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Changed"
    assert activity.is_international


# The activity list


@pytest.fixture
def activities():
    cluster_a, cluster_b = ClusterFactory(), ClusterFactory()
    joint = ActivityFactory(title="Joint", cluster=cluster_b, date=date(2025, 5, 10))
    joint.partner_clusters.add(cluster_a, ClusterFactory())
    return {
        "a": cluster_a,
        "b": cluster_b,
        "own": ActivityFactory(title="Own", cluster=cluster_a, date=date(2025, 3, 1)),
        "joint": joint,
        "abroad": ActivityFactory(
            title="Abroad", cluster=cluster_b, date=date(2025, 9, 20), is_international=True
        ),
    }


def test_the_cluster_filter_includes_activities_it_runs_as_a_partner(office, activities):
    response = office.get(ACTIVITIES_URL, {"cluster": activities["a"].pk})
    assert titles(response) == ["Joint", "Own"]
    response = office.get(ACTIVITIES_URL, {"cluster": activities["b"].pk})
    assert titles(response) == ["Abroad", "Joint"]


def test_the_cluster_filter_keeps_the_partner_count(office, activities):
    response = office.get(ACTIVITIES_URL, {"cluster": activities["a"].pk})
    counts = {a.title: a.partner_cluster_count for a in response.context["page"].object_list}
    assert counts == {"Joint": 2, "Own": 0}


def test_the_activity_list_filters_by_date_range(office, activities):
    params = {"date_from": "2025-03-02", "date_to": "2025-09-20"}
    assert titles(office.get(ACTIVITIES_URL, params)) == ["Abroad", "Joint"]
    assert titles(office.get(ACTIVITIES_URL, {"date_to": "2025-05-10"})) == ["Joint", "Own"]


def test_the_activity_list_filters_international_ones(office, activities):
    assert titles(office.get(ACTIVITIES_URL, {"is_international": "true"})) == ["Abroad"]
    assert titles(office.get(ACTIVITIES_URL, {"is_international": "false"})) == ["Joint", "Own"]


def _joint_activities(count):
    for n in range(count):
        activity = ActivityFactory(date=date(2025, 1, 1) + timedelta(days=n))
        activity.partner_clusters.add(ClusterFactory(), ClusterFactory())


def test_activity_list_queries_do_not_grow_with_rows(office):
    _joint_activities(3)
    with CaptureQueriesContext(connection) as few:
        response = office.get(ACTIVITIES_URL)
    assert len(response.context["page"].object_list) == 3
    _joint_activities(20)
    # session, user, the user's own and group permissions, count, the clusters
    # (filter choices), the page of activities with cluster, service and partner count
    with CaptureQueriesContext(connection) as many:
        response = office.get(ACTIVITIES_URL)
    assert len(response.context["page"].object_list) == 23
    assert len(many) == len(few) == 7

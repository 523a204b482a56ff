from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from tests.factories import ClusterFactory, MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

# A phrase from each role's own panel on the home page (Spanish, the default).
PANEL = {
    Role.OFFICE_STAFF: "Personas en el portal",
    Role.CLUSTER_MANAGER: "Su organización clúster",
    Role.NETWORK_COORDINATOR: "Todos los agentes de innovación",
    Role.EVALUATOR: "Sus convocatorias",
    Role.INNOVATION_BROKER: "Su comarca",
    Role.GOVERNMENT_OFFICIAL: "Red de Agentes de Innovación",
    Role.ADVISORY_COMMITTEE: "Red de Agentes de Innovación",
    Role.APPLICANT: "Su organización",
}


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_own_panel(client_for, people, role):
    response = client_for(people[role]).get("/")
    assert response.status_code == 200
    assert response.context["roles"] == [role]
    assert PANEL[role] in response.content.decode()


def test_broker_home_shows_their_district(client_for, people):
    content = client_for(people[Role.INNOVATION_BROKER]).get("/").content.decode()
    assert 'href="/brokers/districts/besaya/"' in content
    assert "1 de 10 comarcas tienen un agente de innovación" in content


def test_office_staff_home_counts_people_per_role(client_for, people):
    UserFactory.create_batch(3, role=Role.CLUSTER_MANAGER)
    response = client_for(people[Role.OFFICE_STAFF]).get("/")
    counts = dict(response.context["people_by_role"])
    assert counts[Role.CLUSTER_MANAGER] == 4
    assert counts[Role.OFFICE_STAFF] == 1


def test_evaluator_sees_nothing_of_the_network(client_for, people):
    response = client_for(people[Role.EVALUATOR]).get("/")
    assert "network" not in response.context
    assert "/brokers/districts/" not in response.content.decode()


def test_user_without_role_is_told_so(client_for):
    response = client_for(UserFactory()).get("/")
    assert "Todavía no tiene ningún rol en el portal" in response.content.decode()


def test_office_staff_home_queries_do_not_grow_with_people_or_clusters(client_for, people):
    client = client_for(people[Role.OFFICE_STAFF])
    MembershipFactory()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    broker_district = people[Role.INNOVATION_BROKER].district
    UserFactory.create_batch(20, role=Role.INNOVATION_BROKER, district=broker_district)
    for _ in range(10):
        MembershipFactory()
    # session, user, user's groups (roles), people per role, late actions and
    # their count, clusters with member counts, their labels, expiring
    # agreements, districts, their brokers, the user's own and group
    # permissions (navigation)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few) == 13


def test_cluster_manager_home_shows_their_cluster_and_expiring_agreements(client_for, people):
    manager = people[Role.CLUSTER_MANAGER]
    cluster = ClusterFactory(cluster_manager=manager)
    MembershipFactory(cluster=cluster)
    today = timezone.localdate()
    project = ProjectFactory(
        clusters=[cluster],
        start_date=today - timedelta(days=100),
        end_date=today + timedelta(days=7),
    )
    partner = MembershipFactory(cluster=cluster, kind="provisional", project=project)
    response = client_for(manager).get("/")
    managed = response.context["managed_cluster"]
    assert managed == cluster
    assert managed.committed_members == 1
    assert managed.expiring_agreements == [partner]
    assert f'href="/clusters/{cluster.slug}/members/add/"' in response.content.decode()


def test_cluster_manager_without_a_cluster_is_told_so(client_for, people):
    response = client_for(people[Role.CLUSTER_MANAGER]).get("/")
    assert response.context["managed_cluster"] is None


def test_official_home_shows_approvals_waiting_and_late_actions(client_for, people):
    from datetime import date

    from programmes.models import Action, Measure, Programme, ProgrammeStatus

    submitted = Programme.objects.create(
        title="Programa presentado",
        start_year=2028,
        objectives="…",
        status=ProgrammeStatus.SUBMITTED,
    )
    late = Action.objects.create(
        measure=Measure.CLUSTER_OFFICE,
        title="Promoción de un clúster TIC",
        planned_start=date(2024, 1, 1),
        planned_end=date(2024, 9, 1),
        owner="Oficina",
        status="in_progress",
    )
    response = client_for(people[Role.GOVERNMENT_OFFICIAL]).get("/")
    assert response.context["awaiting_approval"]["programmes"] == [submitted]
    assert response.context["late_actions"]["actions"] == [late]
    assert "late_actions" not in client_for(people[Role.ADVISORY_COMMITTEE]).get("/").context

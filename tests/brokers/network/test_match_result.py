"""Following a match up to its result: contact made, a project, or no fit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from brokers.network.models import MatchResult, NeedStatus
from tests.brokers.network.matching_world import (
    OUTSIDERS,
    READ_ONLY,
    make_match,
    make_need,
    make_offer,
)
from tests.factories import ClusterFactory, MembershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def url(match):
    return f"/brokers/matches/{match.pk}/result/"


@pytest.fixture
def match(broker, coordinator):
    return make_match(make_need(by=broker), make_offer(by=coordinator), by=coordinator)


def status_of(need):
    need.refresh_from_db()
    return need.status


@pytest.mark.parametrize("role", [Role.INNOVATION_BROKER, Role.NETWORK_COORDINATOR])
def test_the_districts_broker_and_the_coordinator_open_the_form(client_for, people, match, role):
    response = client_for(people[role]).get(url(match))
    assert response.status_code == 200
    choices = [value for value, _label in response.context["form"].fields["result"].choices]
    assert choices == [MatchResult.CONTACT_MADE, MatchResult.PROJECT, MatchResult.NO_FIT]


@pytest.mark.parametrize("role", READ_ONLY + OUTSIDERS)
def test_other_roles_are_refused(client_for, people, match, role):
    client = client_for(people[role])
    assert client.get(url(match)).status_code == 403
    assert client.post(url(match), {"result": MatchResult.NO_FIT}).status_code == 403
    match.refresh_from_db()
    assert match.result == MatchResult.PENDING


def test_a_broker_of_another_district_may_not_follow_it_up(client_for, liebana_broker, match):
    # The matched need is no longer open: another district's broker cannot see it.
    assert client_for(liebana_broker).get(url(match)).status_code == 404
    # Once open again they can read it, but not record its matches' results.
    match.need.status = NeedStatus.OPEN
    match.need.save()
    assert client_for(liebana_broker).get(url(match)).status_code == 403


def test_contact_made_is_recorded_with_who_and_when(client_for, broker, match):
    response = client_for(broker).post(
        url(match), {"result": MatchResult.CONTACT_MADE, "notes": "Reunión el martes"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/needs/{match.need_id}/"
    match.refresh_from_db()
    assert (match.result, match.result_notes) == (MatchResult.CONTACT_MADE, "Reunión el martes")
    assert match.result_recorded_by == broker
    assert timezone.now() - match.result_recorded_at < timedelta(minutes=1)
    assert status_of(match.need) == NeedStatus.MATCHED


def test_a_project_of_the_organisations_cluster_can_be_linked(client_for, broker, match):
    cluster = ClusterFactory()
    MembershipFactory(organisation=match.need.organisation, cluster=cluster)
    old_project = ProjectFactory(
        clusters=[cluster],
        start_date=timezone.localdate() - timedelta(days=1500),
        end_date=timezone.localdate() + timedelta(days=30),
    )
    client = client_for(broker)
    assert old_project in client.get(url(match)).context["form"].fields["cluster_project"].queryset
    client.post(url(match), {"result": MatchResult.PROJECT, "cluster_project": old_project.pk})
    match.refresh_from_db()
    assert (match.result, match.cluster_project) == (MatchResult.PROJECT, old_project)


def test_projects_to_link_are_bounded(client_for, broker, match):
    recent = ProjectFactory(clusters=[ClusterFactory()])
    unrelated_old = ProjectFactory(
        clusters=[ClusterFactory()],
        start_date=timezone.localdate() - timedelta(days=1500),
        end_date=timezone.localdate() - timedelta(days=400),
    )
    client = client_for(broker)
    choices = client.get(url(match)).context["form"].fields["cluster_project"].queryset
    assert recent in choices
    assert unrelated_old not in choices
    response = client.post(
        url(match), {"result": MatchResult.PROJECT, "cluster_project": unrelated_old.pk}
    )
    assert "cluster_project" in response.context["form"].errors
    match.refresh_from_db()
    assert match.result == MatchResult.PENDING


def test_a_project_is_linked_only_to_a_project_result(client_for, broker, match):
    project = ProjectFactory(clusters=[ClusterFactory()])
    response = client_for(broker).post(
        url(match), {"result": MatchResult.CONTACT_MADE, "cluster_project": project.pk}
    )
    assert "cluster_project" in response.context["form"].errors


def test_pending_is_not_a_result(client_for, broker, match):
    response = client_for(broker).post(url(match), {"result": MatchResult.PENDING})
    assert "result" in response.context["form"].errors
    empty = client_for(broker).post(url(match), {})
    assert "result" in empty.context["form"].errors


def test_no_fit_puts_the_need_back_in_the_networks_open_needs(
    client_for, broker, liebana_broker, match
):
    client = client_for(broker)
    response = client.post(url(match), {"result": MatchResult.NO_FIT, "notes": "No encaja"})
    assert status_of(match.need) == NeedStatus.OPEN
    messages = client.get(response["Location"]).context["messages"]
    assert [m.level_tag for m in messages] == ["success"]
    # The rest of the network sees it again.
    assert client_for(liebana_broker).get(f"/brokers/needs/{match.need_id}/").status_code == 200


def test_no_fit_leaves_a_need_with_another_live_match_matched(
    client_for, broker, coordinator, match
):
    make_match(match.need, make_offer(by=coordinator, title="Otra"), by=coordinator)
    client_for(broker).post(url(match), {"result": MatchResult.NO_FIT})
    assert status_of(match.need) == NeedStatus.MATCHED


def test_a_result_corrected_from_no_fit_matches_the_need_again(client_for, broker, match):
    client = client_for(broker)
    client.post(url(match), {"result": MatchResult.NO_FIT})
    assert status_of(match.need) == NeedStatus.OPEN
    form = client.get(url(match)).context["form"]
    assert form.initial["result"] == MatchResult.NO_FIT
    client.post(url(match), {"result": MatchResult.CONTACT_MADE})
    assert status_of(match.need) == NeedStatus.MATCHED


def test_a_closed_need_stays_closed(client_for, broker, match):
    match.need.status = NeedStatus.CLOSED
    match.need.save()
    client = client_for(broker)
    assert client.get(url(match)).status_code == 200
    client.post(url(match), {"result": MatchResult.NO_FIT})
    assert status_of(match.need) == NeedStatus.CLOSED
    client.post(url(match), {"result": MatchResult.PROJECT})
    assert status_of(match.need) == NeedStatus.CLOSED

"""A need's page: who reads it, what they may do there, its matches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from brokers.network.models import MatchResult, NeedStatus
from tests.brokers.network.matching_world import (
    NETWORK,
    OUTSIDERS,
    READ_ONLY,
    make_match,
    make_need,
    make_offer,
)

pytestmark = pytest.mark.django_db


def url(need):
    return f"/brokers/needs/{need.pk}/"


@pytest.mark.parametrize("role", NETWORK)
def test_the_network_reads_an_own_and_another_districts_open_need(
    client_for, people, coordinator, role
):
    client = client_for(people[role])
    for need in (make_need(by=coordinator), make_need("liebana", by=coordinator)):
        response = client.get(url(need))
        assert response.status_code == 200
        assert response.context["need"] == need


@pytest.mark.parametrize("status", [NeedStatus.CLOSED, NeedStatus.MATCHED])
def test_another_districts_need_that_is_not_open_is_not_found_by_a_broker(
    client_for, people, coordinator, status
):
    need = make_need("liebana", by=coordinator, status=status)
    assert client_for(people[Role.INNOVATION_BROKER]).get(url(need)).status_code == 404


@pytest.mark.parametrize("role", [Role.NETWORK_COORDINATOR, *READ_ONLY])
def test_readers_read_another_districts_closed_need(client_for, people, coordinator, role):
    need = make_need("liebana", by=coordinator, status=NeedStatus.CLOSED)
    assert client_for(people[role]).get(url(need)).status_code == 200


def test_a_broker_reads_their_districts_closed_need(client_for, broker):
    need = make_need(by=broker, status=NeedStatus.CLOSED)
    assert client_for(broker).get(url(need)).status_code == 200


@pytest.mark.parametrize("role", OUTSIDERS)
def test_roles_outside_the_network_are_refused(client_for, people, coordinator, role):
    need = make_need(by=coordinator)
    assert client_for(people[role]).get(url(need)).status_code == 403


def test_the_brokers_own_need_offers_editing_matching_and_closing(client_for, broker):
    need = make_need(by=broker)
    make_offer(by=broker)
    response = client_for(broker).get(url(need))
    page = response.content.decode()
    assert response.context["can_change"] is True
    assert response.context["match_form"] is not None
    assert f'action="/brokers/needs/{need.pk}/match/"' in page
    assert f'href="/brokers/needs/{need.pk}/edit/"' in page
    assert f'action="/brokers/needs/{need.pk}/close/"' in page


def test_another_districts_open_need_is_read_only_for_a_broker(client_for, broker, coordinator):
    need = make_need("liebana", by=coordinator)
    response = client_for(broker).get(url(need))
    page = response.content.decode()
    assert response.context["can_change"] is False
    assert response.context["match_form"] is None
    assert "/match/" not in page and "/edit/" not in page and "/close/" not in page


@pytest.mark.parametrize("role", READ_ONLY)
def test_readers_change_nothing(client_for, people, coordinator, role):
    need = make_need(by=coordinator)
    response = client_for(people[role]).get(url(need))
    assert response.context["can_change"] is False
    assert response.context["match_form"] is None


def test_a_closed_need_is_reopened_not_matched(client_for, broker):
    need = make_need(by=broker, status=NeedStatus.CLOSED)
    response = client_for(broker).get(url(need))
    assert response.context["match_form"] is None
    assert f'action="/brokers/needs/{need.pk}/reopen/"' in response.content.decode()


def test_the_matches_and_their_results(client_for, broker, coordinator):
    need = make_need(by=broker)
    pending = make_match(need, make_offer(by=coordinator, title="Gemelo digital"), by=broker)
    no_fit = make_match(
        need,
        make_offer(by=coordinator, title="Robótica colaborativa"),
        by=coordinator,
        result=MatchResult.NO_FIT,
        result_notes="Demasiado caro para la pyme",
    )
    response = client_for(broker).get(url(need))
    assert response.context["matches"] == [no_fit, pending]
    assert all(match.can_follow_up for match in response.context["matches"])
    page = response.content.decode()
    assert "Gemelo digital" in page and "Demasiado caro para la pyme" in page
    assert f'href="/brokers/matches/{pending.pk}/result/"' in page


def test_the_match_form_offers_available_offers_not_yet_matched(client_for, broker):
    need = make_need(by=broker, technology_area="energy")
    matched = make_offer(by=broker, title="A ya casada")
    make_match(need, matched, by=broker)
    make_offer(by=broker, title="B retirada", is_active=False)
    same_area = make_offer(by=broker, title="Z de energía", technology_area="energy")
    other_area = make_offer(by=broker, title="C de TIC")
    form = client_for(broker).get(url(need)).context["match_form"]
    assert list(form.fields["offer"].queryset) == [same_area, other_area]


def test_the_audit_trail_is_for_those_who_may_see_it(client_for, people, coordinator):
    need = make_need(by=coordinator)
    assert client_for(people[Role.OFFICE_STAFF]).get(url(need)).context["audit_trail"] is not None
    assert client_for(people[Role.INNOVATION_BROKER]).get(url(need)).context["audit_trail"] is None


def test_queries_do_not_grow_with_matches(client_for, broker, coordinator):
    need = make_need(by=broker)
    client = client_for(broker)
    make_match(need, make_offer(by=coordinator), by=broker)
    with CaptureQueriesContext(connection) as few:
        client.get(url(need))
    for number in range(10):
        make_match(need, make_offer(by=coordinator, title=f"Oferta {number}"), by=coordinator)
    with CaptureQueriesContext(connection) as many:
        client.get(url(need))
    assert len(many) == len(few)
